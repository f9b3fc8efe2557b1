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
        inputs: a tensor of any shape. Integer inputs are cast to the layer's
            float dtype first, so `Scale(2.5)` of `3` is `7.5` (not `6`, as
            multiplying in the integer dtype would give).

    Returns:
        `inputs * factor`, same shape, in the layer's float dtype for integer
        inputs.

    Example:

    >>> keras.ops.convert_to_numpy(Scale(400.0)(np.array([[0.5]]))).tolist()
    [[200.0]]
    """

    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = check_number("factor", factor)
        self.supports_masking = True

    def call(self, inputs):
        if not keras.backend.is_float_dtype(inputs.dtype):
            inputs = keras.ops.cast(inputs, self.compute_dtype)
        return inputs * keras.ops.cast(self.factor, inputs.dtype)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}
