import numbers

import keras

from keras_course._validation import check_number
from keras_course.api_export import keras_course_export


def _check_factor(name, factor):
    """A shear factor: a number >= 0, or a `(lower, upper)` pair of finite
    numbers; anything else (NaN, infinity, a string) is a ValueError."""
    if isinstance(factor, (tuple, list)):
        if len(factor) != 2:
            raise ValueError(
                f"`{name}` must be a number or a (lower, upper) pair. "
                f"Received: {name}={factor!r}"
            )
        return tuple(check_number(name, value) for value in factor)
    if not isinstance(factor, numbers.Real) or isinstance(factor, bool):
        raise ValueError(f"`{name}` must be a number. Received: {name}={factor!r}")
    value = check_number(name, factor)
    if value < 0:
        raise ValueError(
            f"`{name}` must be >= 0 (shear in [-{name}, {name}]), or a (lower, "
            f"upper) pair. Received: {name}={factor!r}"
        )
    return value


@keras_course_export("keras_course.layers.RandomShear")
class RandomShear(keras.layers.RandomShear):
    """Keras's `RandomShear`, with a config that loads again.

    A float `x_factor=f` means shear coefficients in [-f, f]. Keras's layer
    (3.15) writes that range to its config as `[-f, f]`, which its own
    constructor then rejects ("values should be positive"), so a saved model
    holding it cannot be loaded. This subclass writes `f` back instead, and
    refuses NaN, infinity, a negative `f` or a string for the factors and
    `fill_value` when built; everything else is Keras's layer.

    Args:
        x_factor, y_factor: as `keras.layers.RandomShear`.
        **kwargs: the other `keras.layers.RandomShear` arguments.

    Example:

    >>> layer = RandomShear(x_factor=0.1, fill_mode="nearest")
    >>> RandomShear.from_config(layer.get_config()).x_factor
    (-0.1, 0.1)
    """

    def __init__(self, x_factor=0.0, y_factor=0.0, fill_value=0.0, **kwargs):
        # Keras accepts NaN and infinity here and fails (or blurs) later.
        super().__init__(
            x_factor=_check_factor("x_factor", x_factor),
            y_factor=_check_factor("y_factor", y_factor),
            fill_value=check_number("fill_value", fill_value),
            **kwargs,
        )

    def get_config(self):
        config = super().get_config()
        for name in ("x_factor", "y_factor"):
            lower, upper = config[name]
            if lower == -upper:
                config[name] = float(upper)
        return config
