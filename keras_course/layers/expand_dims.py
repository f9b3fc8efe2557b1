import keras

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.layers.ExpandDims")
class ExpandDims(keras.layers.Layer):
    """Inserts a length-1 axis, replacing the course's `Lambda(expand_dims)`.

    The time-series RNN labs start with
    `Lambda(lambda x: tf.expand_dims(x, axis=-1), input_shape=[None])` to turn a
    `(batch, time)` window into the `(batch, time, 1)` an RNN expects. That model
    cannot be loaded with `safe_mode=True`; this layer can.
    `keras.layers.Reshape((-1, 1))` does the same for a trailing axis when the
    rest of the shape is fixed.

    Args:
        axis: int, where the new axis goes in the output (negative counts from
            the end, as in `keras.ops.expand_dims`). Defaults to `-1`. Must not be
            0, the batch axis.

    Call arguments:
        inputs: tensor of shape `(batch, ...)`.

    Returns:
        The same values with one more axis of size 1.

    Example:

    >>> layer = ExpandDims()
    >>> tuple(layer(np.zeros((4, 20))).shape)
    (4, 20, 1)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = check_int("axis", axis, minimum=-(2**31))
        if self.axis == 0:
            raise ValueError(
                "`axis` must not be 0: that is the batch axis. Received: axis=0"
            )
        self.supports_masking = False

    def _resolved_axis(self, rank):
        axis = self.axis if self.axis >= 0 else rank + 1 + self.axis
        if not 1 <= axis <= rank:
            raise ValueError(
                f"`axis` is out of range for inputs of rank {rank}. "
                f"Received: axis={self.axis}"
            )
        return axis

    def call(self, inputs):
        return keras.ops.expand_dims(inputs, self._resolved_axis(len(inputs.shape)))

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        shape.insert(self._resolved_axis(len(shape)), 1)
        return tuple(shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
