import keras
import numpy as np
import pytest

from keras_course.testing import cudnn_lstm_on_cpu


@pytest.mark.multi_backend
def test_runs_the_cudnn_path_inside_and_puts_everything_back():
    if keras.backend.backend() != "jax":
        with pytest.raises(NotImplementedError, match="KERAS_BACKEND=jax"):
            with cudnn_lstm_on_cpu():
                pass
        return
    import jax.experimental.rnn as jax_rnn

    from keras_course._keras_internals import jax_rnn_backend

    kernel, gpu_check = jax_rnn.lstm, jax_rnn_backend()._is_gpu_available
    keras.utils.set_random_seed(0)
    lstm = keras.layers.LSTM(3, return_sequences=True, return_state=True)
    x = np.random.default_rng(0).normal(size=(2, 6, 4)).astype("float32")
    cpu = [keras.ops.convert_to_numpy(t) for t in lstm(x)]
    with cudnn_lstm_on_cpu() as calls:
        gpu = [keras.ops.convert_to_numpy(t) for t in lstm(x)]
        # Bidirectional without dropout: one fused call of both directions.
        keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True))(x)
    assert calls == [False, True]
    for ours, theirs in zip(gpu, cpu, strict=True):  # sequence, h, c
        np.testing.assert_allclose(ours, theirs, atol=1e-6)
    assert jax_rnn.lstm is kernel
    assert jax_rnn_backend()._is_gpu_available is gpu_check
    lstm(x)
    assert calls == [False, True]  # outside, Keras's own loop again
