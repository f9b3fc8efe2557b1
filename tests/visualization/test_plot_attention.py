import numpy as np
import pytest

from keras_course.visualization import plot_attention


def test_heatmap_rows_columns_and_padding_hidden():
    weights = np.array([[0.7, 0.3, 0.0], [0.1, 0.9, 0.0]])
    ax = plot_attention(weights, ["a", " ", "<pad>"], ["x", "y"])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "␣"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "y"]
    np.testing.assert_allclose(ax.images[0].get_array(), weights[:, :2])
    shown = plot_attention(weights, ["a", " ", "<pad>"], ["x", "y"], hide_padding=None)
    assert shown.images[0].get_array().shape == (2, 3)


def test_shape_mismatch_is_reported():
    with pytest.raises(ValueError, match=r"\(2, 3\)"):
        plot_attention(np.ones((3, 2)), ["a", "b", "c"], ["x", "y"])
