"""Generated images of simple shapes, for demos, tests and tutorials."""

import numpy as np

from keras_course._validation import check_int, check_number
from keras_course.api_export import keras_course_export

SHAPES = ("circle", "square", "cross", "bar")


@keras_course_export("keras_course.datasets.synthetic_shapes")
def synthetic_shapes(
    num_images=512, image_size=32, classes=("circle", "square"), noise=0.1, seed=None
):
    """Images of one bright shape each on a dark background, with labels.

    A stand-in for the course's image sets where the real data cannot be had
    (no network): each image holds one shape of a random size and place, in
    a random bright color, plus Gaussian noise; the label is the shape's
    index in `classes`. A small CNN tells them apart in seconds.

    Args:
        num_images: int. Defaults to 512.
        image_size: int, the square size. Defaults to 32.
        classes: shape names, from `"circle"`, `"square"`, `"cross"`, `"bar"`.
        noise: float >= 0, the standard deviation of the added noise.
        seed: int or None.

    Returns:
        `(images, labels)`: float32 `(num_images, image_size, image_size, 3)`
        in [0, 1], and int32 `(num_images,)`.

    Example:

    >>> images, labels = synthetic_shapes(4, image_size=16, seed=0)
    >>> images.shape, labels.tolist()
    ((4, 16, 16, 3), [1, 1, 1, 0])
    """
    num_images = check_int("num_images", num_images)
    image_size = check_int("image_size", image_size, minimum=8)
    noise = check_number("noise", noise)
    if noise < 0:
        raise ValueError(f"`noise` must be >= 0. Received: noise={noise!r}")
    classes = list(classes)
    unknown = [name for name in classes if name not in SHAPES]
    if unknown or len(classes) < 2:
        raise ValueError(
            f"`classes` must be at least two of {list(SHAPES)}. Received: "
            f"classes={classes!r}"
        )
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[:image_size, :image_size].astype("float32")
    labels = rng.integers(0, len(classes), num_images).astype("int32")
    images = np.zeros((num_images, image_size, image_size, 3), "float32")
    for i, label in enumerate(labels):
        center = rng.uniform(0.3, 0.7, 2) * image_size
        radius = rng.uniform(0.15, 0.28) * image_size
        dy, dx = np.abs(yy - center[0]), np.abs(xx - center[1])
        thin = max(1.0, radius / 4)
        mask = {
            "circle": dy**2 + dx**2 < radius**2,
            "square": (dy < radius) & (dx < radius),
            "cross": ((dy < thin) & (dx < radius)) | ((dx < thin) & (dy < radius)),
            "bar": (dy < thin) & (dx < radius * 1.3),
        }[classes[label]]
        images[i][mask] = rng.uniform(0.6, 1.0, 3)
    images += rng.normal(0.0, noise, images.shape).astype("float32")
    return np.clip(images, 0.0, 1.0), labels
