import keras

from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.layers.RandomShear")
class RandomShear(keras.layers.RandomShear):
    """Keras's `RandomShear`, with a config that loads again.

    A float `x_factor=f` means shear coefficients in [-f, f]. Keras's layer
    (3.15) writes that range to its config as `[-f, f]`, which its own
    constructor then rejects ("values should be positive"), so a saved model
    holding it cannot be loaded. This subclass writes `f` back instead;
    everything else is Keras's layer.

    Args:
        x_factor, y_factor: as `keras.layers.RandomShear`.
        **kwargs: the other `keras.layers.RandomShear` arguments.

    Example:

    >>> layer = RandomShear(x_factor=0.1, fill_mode="nearest")
    >>> RandomShear.from_config(layer.get_config()).x_factor
    (-0.1, 0.1)
    """

    def get_config(self):
        config = super().get_config()
        for name in ("x_factor", "y_factor"):
            lower, upper = config[name]
            if lower == -upper:
                config[name] = float(upper)
        return config
