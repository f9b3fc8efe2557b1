import numpy as np
import pytest

from keras_course.datasets import synthetic_shapes


def test_shapes_values_and_reproducibility():
    images, labels = synthetic_shapes(
        40, image_size=20, classes=("bar", "cross", "circle"), seed=3
    )
    assert images.shape == (40, 20, 20, 3) and images.dtype == np.float32
    assert labels.dtype == np.int32 and set(labels.tolist()) == {0, 1, 2}
    assert 0.0 <= images.min() and 1.0 < images.max() <= 255.0  # raw pixels
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


def test_segmentation_set_labels_every_pixel_of_each_shape():
    from keras_course.datasets import synthetic_segmentation

    images, masks = synthetic_segmentation(6, (32, 48), num_classes=3, seed=0)
    assert images.shape == (6, 32, 48, 3) and masks.shape == (6, 32, 48)
    assert masks.dtype == np.int32 and set(np.unique(masks)) <= {0, 1, 2}
    assert images.min() >= 0 and 1 < images.max() <= 255
    # a shape's pixels are brighter than the dark background around them
    for image, mask in zip(images, masks, strict=True):
        if (mask > 0).any():
            assert image[mask > 0].mean() > image[mask == 0].mean()
    again, _ = synthetic_segmentation(6, (32, 48), num_classes=3, seed=0)
    np.testing.assert_array_equal(images, again)
    with pytest.raises(ValueError, match="at most 6"):
        synthetic_segmentation(2, num_classes=7)
    with pytest.raises(ValueError, match="image_size"):
        synthetic_segmentation(2, image_size=(32, 32, 3))


def test_signs_set_counts_fingers():
    from keras_course.datasets import synthetic_signs

    images, labels = synthetic_signs(60, seed=0)
    assert images.shape == (60, 64, 64, 3) and set(labels) == set(range(6))
    # more fingers, more skin-coloured pixels above the palm: rank-correlated
    upper = images[:, :30].std(axis=(1, 2, 3))
    assert np.corrcoef(labels, upper)[0, 1] > 0.3
