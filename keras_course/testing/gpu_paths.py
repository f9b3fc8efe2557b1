"""Keras's JAX cuDNN LSTM code paths, run on a CPU."""

import contextlib

import keras

from keras_course._keras_internals import jax_rnn_backend
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.testing.cudnn_lstm_on_cpu")
@contextlib.contextmanager
def cudnn_lstm_on_cpu():
    """Makes Keras's JAX backend take its GPU (cuDNN) LSTM paths on a CPU.

    On a GPU, Keras (3.14 on) runs an `LSTM` under JAX through
    `jax.experimental.rnn.lstm`, cuDNN's kernel: other code than the
    `lax.scan` loop a CPU runs, with its own weight packing, state handling
    and time order. Inside this context Keras believes a GPU is there, and
    JAX's own reference LSTM (`jax.experimental.rnn.lstm_ref`, what JAX
    checks its cuDNN kernel against) computes what cuDNN would. A model
    should give the same outputs inside and outside; where it does not,
    Keras's GPU path differs from its CPU path. Only the forward pass is
    cuDNN's here (its gradient is the reference's, by autodiff).

    Call models eagerly inside (`model(x)`): a `predict` or `fit` function
    traced outside keeps the path it was traced with.

    Yields:
        A list that gets one entry per call into the cuDNN kernel (`True`
        for a fused bidirectional call), so a test can check the path ran.

    Raises:
        NotImplementedError: on a backend other than JAX, or where this
            Keras has moved the internals it patches.

    Example:

    >>> import keras
    >>> from keras_course.testing import cudnn_lstm_on_cpu
    >>> lstm = keras.layers.LSTM(3, return_sequences=True)
    >>> x = np.ones((2, 4, 5), "float32")
    >>> cpu = keras.ops.convert_to_numpy(lstm(x))
    >>> if keras.backend.backend() == "jax":
    ...     with cudnn_lstm_on_cpu() as calls:
    ...         gpu = keras.ops.convert_to_numpy(lstm(x))
    ...     assert len(calls) == 1 and np.allclose(cpu, gpu, atol=1e-6)
    """
    if keras.backend.backend() != "jax":
        raise NotImplementedError(
            "cudnn_lstm_on_cpu runs Keras's JAX cuDNN paths; the backend is "
            f"{keras.backend.backend()}. Set KERAS_BACKEND=jax."
        )
    import jax.experimental.rnn as jax_rnn

    rnn = jax_rnn_backend()
    calls = []

    def lstm(
        x,
        h_0,
        c_0,
        weights,
        seq_lengths,
        input_size,
        hidden_size,
        num_layers,
        dropout,
        bidirectional,
        precision=None,
    ):
        calls.append(bool(bidirectional))
        unpacked = jax_rnn.unpack_lstm_weights(
            weights, input_size, hidden_size, num_layers, bidirectional
        )
        return jax_rnn.lstm_ref(
            x,
            h_0,
            c_0,
            *unpacked,
            seq_lengths,
            input_size,
            hidden_size,
            num_layers,
            dropout,
            bidirectional,
        )

    saved = rnn._is_gpu_available, jax_rnn.lstm
    rnn._is_gpu_available = lambda: True
    jax_rnn.lstm = lstm
    try:
        yield calls
    finally:
        rnn._is_gpu_available, jax_rnn.lstm = saved
