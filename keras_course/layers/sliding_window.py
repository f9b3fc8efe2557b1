import keras
import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.layers.SlidingWindow")
class SlidingWindow(keras.layers.Layer):
    """Cuts a series into overlapping windows inside the model.

    The course windows data in `tf.data` (`Dataset.window` then `flat_map`); this
    layer does the same cut inside a model, as one gather, so a model can take
    a raw series and still save in safe mode.

    Args:
        window_size: int, steps per window.
        shift: int, steps between window starts. Defaults to 1.

    Call arguments:
        inputs: tensor of shape `(batch, time)` or `(batch, time, features)`,
            with `time >= window_size`.

    Returns:
        Tensor of shape `(batch, num_windows, window_size[, features])` with
        `num_windows = (time - window_size) // shift + 1`.

    A series shorter than the window raises a `ValueError` whenever its
    length is known as the layer is traced: eagerly, in `fit`/`predict` (on
    every backend), and always on JAX. A TensorFlow graph traced for any
    length (a `tf.function` with a `(None, None)` input signature, or an
    exported SavedModel) learns the length only when it runs: there a shorter
    series gives zero windows, shape `(batch, 0, window_size[, features])`.

    Example:

    >>> windows = SlidingWindow(3, shift=2)(np.arange(7.0)[None])
    >>> keras.ops.convert_to_numpy(windows)[0].tolist()
    [[0.0, 1.0, 2.0], [2.0, 3.0, 4.0], [4.0, 5.0, 6.0]]
    """

    def __init__(self, window_size, shift=1, **kwargs):
        super().__init__(**kwargs)
        self.window_size = check_int("window_size", window_size)
        self.shift = check_int("shift", shift)

    def _num_windows(self, time):
        if time is None:
            return None
        if time < self.window_size:
            raise ValueError(
                "`window_size` must not exceed the length of the series. "
                f"Received: window_size={self.window_size} for a series of "
                f"length {time}"
            )
        return (time - self.window_size) // self.shift + 1

    def build(self, input_shape):
        if len(input_shape) not in (2, 3):
            raise ValueError(
                "SlidingWindow expects inputs of shape (batch, time) or "
                f"(batch, time, features). Received: input_shape={input_shape}"
            )
        self._num_windows(input_shape[1])

    def call(self, inputs):
        time = inputs.shape[1]
        if time is not None:
            num_windows = self._num_windows(time)
            starts = np.arange(num_windows) * self.shift
            indices = starts[:, None] + np.arange(self.window_size)[None, :]
        else:
            time = keras.ops.shape(inputs)[1]
            num_windows = (time - self.window_size) // self.shift + 1
            starts = keras.ops.arange(num_windows) * self.shift
            indices = keras.ops.expand_dims(starts, 1) + keras.ops.expand_dims(
                keras.ops.arange(self.window_size), 0
            )
        return keras.ops.take(inputs, indices, axis=1)

    def compute_output_shape(self, input_shape):
        batch, time, *features = input_shape
        return (batch, self._num_windows(time), self.window_size, *features)

    def get_config(self):
        return {
            **super().get_config(),
            "window_size": self.window_size,
            "shift": self.shift,
        }
