import subprocess
import sys

import keras
import pytest

from keras_course.config import matmul_precision, set_matmul_precision


def tf32_enabled():
    import tensorflow as tf

    return tf.config.experimental.tensor_float_32_execution_enabled()


@pytest.mark.multi_backend
def test_highest_turns_tf32_off_and_default_restores_it():
    assert matmul_precision() == "default"
    try:
        set_matmul_precision("highest")
        assert matmul_precision() == "highest"
        if keras.backend.backend() == "jax":
            import jax

            assert jax.config.jax_default_matmul_precision == "highest"
        else:
            assert not tf32_enabled()
    finally:
        set_matmul_precision("default")
    assert matmul_precision() == "default"
    if keras.backend.backend() == "jax":
        import jax

        assert jax.config.jax_default_matmul_precision is None
    else:
        assert tf32_enabled()


@pytest.mark.slow
def test_importing_the_package_changes_no_global_setting():
    code = (
        "import tensorflow as tf; import jax;"
        "before = (tf.config.experimental.tensor_float_32_execution_enabled(),"
        " jax.config.jax_default_matmul_precision);"
        "import keras_course;"
        "after = (tf.config.experimental.tensor_float_32_execution_enabled(),"
        " jax.config.jax_default_matmul_precision);"
        "print(before == after)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split()[-1] == "True"


def test_bad_value_names_the_argument():
    with pytest.raises(ValueError, match="`precision` must be one of"):
        set_matmul_precision("tf32")


@pytest.mark.multi_backend
def test_highest_reaches_the_cudnn_lstm_under_jax():
    # Under JAX on a GPU an LSTM runs through cuDNN (jax.experimental.rnn),
    # which takes TF32 or not from JAX's default matmul precision when it is
    # traced: "highest" must turn it off there too.
    if keras.backend.backend() != "jax":
        pytest.skip("JAX's cuDNN LSTM")
    import jax.experimental.rnn as jax_rnn

    allow_tf32 = getattr(jax_rnn, "_lstm_cudnn_allow_tf32", None)
    if allow_tf32 is None:
        pytest.skip("this JAX decides cuDNN's TF32 elsewhere")
    assert allow_tf32(None)
    try:
        set_matmul_precision("highest")
        assert not allow_tf32(None)
    finally:
        set_matmul_precision("default")
    assert allow_tf32(None)
