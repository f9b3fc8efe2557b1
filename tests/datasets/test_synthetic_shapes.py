import numpy as np
import pytest

from keras_course.datasets import synthetic_shapes


def test_shapes_values_and_reproducibility():
    images, labels = synthetic_shapes(
        40, image_size=20, classes=("bar", "cross", "circle"), seed=3
    )
    assert images.shape == (40, 20, 20, 3) and images.dtype == np.float32
    assert labels.dtype == np.int32 and set(labels.tolist()) == {0, 1, 2}
    assert 0.0 <= images.min() and images.max() <= 1.0
    again, _ = synthetic_shapes(
        40, image_size=20, classes=("bar", "cross", "circle"), seed=3
    )
    np.testing.assert_array_equal(images, again)


def test_without_noise_the_background_is_black_and_the_shape_bright():
    images, labels = synthetic_shapes(8, image_size=16, noise=0.0, seed=0)
    for image in images:
        lit = image.max(axis=-1) > 0
        assert 0 < lit.sum() < 16 * 16 / 2
        assert image[lit].min() >= 0.6


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"classes": ("circle",)}, "`classes` must be at least two of"),
        ({"classes": ("circle", "star")}, "`classes` must be at least two of"),
        ({"image_size": 4}, "`image_size` must be an int >= 8"),
        ({"num_images": 0}, "`num_images` must be a positive int"),
        ({"noise": "lots"}, "`noise` must be a number"),
        ({"noise": -0.1}, "`noise` must be >= 0"),
    ],
    ids=["one", "unknown", "small", "count", "noise", "negative-noise"],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        synthetic_shapes(**kwargs)
