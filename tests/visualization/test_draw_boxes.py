import numpy as np
import pytest

from keras_course.visualization import draw_boxes


def test_draws_real_boxes_and_skips_padding_and_weak_ones():
    boxes = {
        "boxes": [[10, 20, 40, 60], [0, 0, 5, 5], [1, 1, 2, 2]],
        "labels": [0, -1, 1],
        "confidence": [0.9, 0.0, 0.2],
    }
    ax = draw_boxes(np.zeros((60, 80)), boxes, ["car", "bus"], min_confidence=0.5)
    assert [t.get_text() for t in ax.texts] == ["car 0.90"]
    (rectangle,) = ax.patches
    assert (rectangle.get_x(), rectangle.get_y()) == (20, 10)
    assert (rectangle.get_width(), rectangle.get_height()) == (40, 30)


def test_bad_input():
    with pytest.raises(ValueError, match="one label per box"):
        draw_boxes(np.zeros((8, 8, 3)), {"boxes": [[0, 0, 1, 1]], "labels": []})
    with pytest.raises(ValueError, match="height, width"):
        draw_boxes(np.zeros(8), {"boxes": [], "labels": []})
