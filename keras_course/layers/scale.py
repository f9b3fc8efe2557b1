import keras

from keras_course._validation import check_number
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.layers.Scale")
class Scale(keras.layers.Layer):
    """Multiplies its input by a constant, replacing `Lambda(lambda x: x * 400.0)`.

    The course's RNN forecasters end in `Lambda(lambda x: x * 100.0)` (400 for
    sunspots) so a tanh-sized output can reach the series' range. This layer
    saves and loads in safe mode. `keras.layers.Rescaling(400.0)` is the built-in
    equivalent (it also adds an `offset` and casts to the compute dtype).

    Args:
        factor: float, the multiplier.

    Call arguments:
        inputs: a float tensor of any shape.

    Returns:
        `inputs * factor`, same shape.

    Example:

    >>> keras.ops.convert_to_numpy(Scale(400.0)(np.array([[0.5]]))).tolist()
    [[200.0]]
    """

    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = check_number("factor", factor)
        self.supports_masking = True

    def call(self, inputs):
        return inputs * keras.ops.cast(self.factor, inputs.dtype)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}
