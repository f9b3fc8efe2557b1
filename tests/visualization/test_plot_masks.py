import matplotlib
import numpy as np
import pytest

from keras_course.visualization import plot_masks

matplotlib.use("Agg")


def test_columns_follow_the_masks_given():
    images = np.random.default_rng(0).uniform(size=(3, 8, 10, 3))
    masks = np.zeros((3, 8, 10), "int32")
    masks[:, 2:5, 3:6] = 2
    figure = plot_masks(images, masks, masks[..., None], max_images=2)
    assert len(figure.axes) == 6
    assert [ax.get_title() for ax in figure.axes[:3]] == [
        "image",
        "true mask",
        "predicted mask",
    ]
    # the mask panel shows the mask itself
    np.testing.assert_array_equal(figure.axes[1].images[0].get_array(), masks[0])
    assert len(plot_masks(images * 255, masks).axes) == 6  # 0-255 images, 2 columns


def test_bad_input():
    with pytest.raises(ValueError, match=r"shape \(2, 8, 8\)"):
        plot_masks(np.zeros((2, 8, 8, 3)), np.zeros((2, 4, 4)))
    with pytest.raises(ValueError, match="images"):
        plot_masks(np.zeros((8, 8, 3)))
