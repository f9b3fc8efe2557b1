import math

import keras

from keras_course._validation import check_choice, check_number
from keras_course.api_export import keras_course_export
from keras_course.layers.random_shear import RandomShear

FILL_MODES = ("constant", "nearest", "reflect", "wrap")


def _check_range(name, value, high):
    value = check_number(name, value)
    if not 0.0 <= value <= high:
        raise ValueError(
            f"`{name}` must be in [0, {high:g}]. Received: {name}={value!r}"
        )
    return value


@keras_course_export("keras_course.layers.course_augmentation")
def course_augmentation(
    rotation=40,
    shift=0.2,
    shear=0.2,
    zoom=0.2,
    horizontal_flip=True,
    fill_mode="nearest",
    seed=None,
    name="course_augmentation",
):
    """The course's `ImageDataGenerator` augmentation as Keras layers.

    Course 2 week 2 writes
    `ImageDataGenerator(rotation_range=40, width_shift_range=0.2,
    height_shift_range=0.2, shear_range=0.2, zoom_range=0.2,
    horizontal_flip=True, fill_mode="nearest")`. `ImageDataGenerator` is gone
    from Keras 3; this returns a `keras.Sequential` of Keras's own random
    layers doing the same, which run inside the model (on TF or JAX, only in
    training) and save with it. The conversions:

    - `rotation` is in degrees, as `rotation_range`:
      `RandomRotation(factor=rotation / 360)` (Keras's factor is a fraction
      of a full turn), so 40 gives angles in [-40°, 40°].
    - `shift` is a fraction of the height and width, as
      `width_shift_range`/`height_shift_range`: `RandomTranslation(shift, shift)`.
    - `shear` is in *degrees*, as `shear_range` (its docs say "shear angle
      in counter-clockwise direction in degrees"): the course's 0.2 is 0.2
      degrees, a shear coefficient of tan(0.2°) = 0.0035, next to nothing.
      `RandomShear(x_factor=tan(shear))` shears along x only, as
      `ImageDataGenerator` does (this package's `RandomShear`, whose config
      reloads; Keras 3.15's does not).
    - `zoom` as `zoom_range`: each axis scaled by a factor in
      [1 - zoom, 1 + zoom], independently: `RandomZoom(zoom, zoom)`.
    - `horizontal_flip`: `RandomFlip("horizontal")`.
    - `fill_mode` for every geometric layer, as in the course.

    Rescaling (`rescale=1/255`) is not augmentation: the loaders do it.

    Args:
        rotation: float, degrees in [0, 180]. Defaults to 40.
        shift: float, fraction in [0, 1]. Defaults to 0.2.
        shear: float, degrees in [0, 89]. Defaults to 0.2.
        zoom: float, in [0, 1). Defaults to 0.2.
        horizontal_flip: bool. Defaults to True.
        fill_mode: one of `"nearest"`, `"constant"`, `"reflect"`, `"wrap"`.
        seed: int or None, seed of every layer.
        name: name of the `Sequential`.

    Returns:
        A `keras.Sequential`; layers with a zero amount are left out.

    Example:

    >>> augment = course_augmentation(seed=0)
    >>> [layer.__class__.__name__ for layer in augment.layers]
    ['RandomRotation', 'RandomTranslation', 'RandomShear', 'RandomZoom', 'RandomFlip']
    >>> augment.layers[0].factor
    (-0.1111111111111111, 0.1111111111111111)
    """
    rotation = _check_range("rotation", rotation, 180.0)
    shift = _check_range("shift", shift, 1.0)
    shear = _check_range("shear", shear, 89.0)
    zoom = _check_range("zoom", zoom, 1.0)
    if zoom == 1.0:
        raise ValueError(f"`zoom` must be below 1. Received: zoom={zoom!r}")
    fill_mode = check_choice("fill_mode", fill_mode, FILL_MODES)
    if not isinstance(horizontal_flip, bool):
        raise ValueError(
            f"`horizontal_flip` must be a bool. Received: "
            f"horizontal_flip={horizontal_flip!r}"
        )
    common = {"fill_mode": fill_mode, "seed": seed}
    layers = []
    if rotation:
        layers.append(
            keras.layers.RandomRotation(rotation / 360.0, name="rotation", **common)
        )
    if shift:
        layers.append(
            keras.layers.RandomTranslation(shift, shift, name="shift", **common)
        )
    if shear:
        layers.append(
            RandomShear(
                x_factor=math.tan(math.radians(shear)),
                y_factor=0.0,
                name="shear",
                **common,
            )
        )
    if zoom:
        layers.append(keras.layers.RandomZoom(zoom, zoom, name="zoom", **common))
    if horizontal_flip:
        layers.append(keras.layers.RandomFlip("horizontal", seed=seed, name="flip"))
    return keras.Sequential(layers, name=name)
