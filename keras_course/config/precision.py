"""float32 matrix products at full precision on GPUs, one switch."""

import sys

import keras

from keras_course._validation import check_choice
from keras_course.api_export import keras_course_export

PRECISIONS = ("default", "highest")


@keras_course_export("keras_course.config.set_matmul_precision")
def set_matmul_precision(precision):
    """Whether float32 matrix products and convolutions may use TF32.

    On NVIDIA GPUs from Ampere on (A100, H100, H200), JAX and TensorFlow run
    float32 matrix products in TF32 by default: inputs rounded to a 10-bit
    mantissa, about 3 decimal digits. That is fast and usually harmless, but
    a model whose training depends on small differences can go elsewhere,
    and Keras's own test suite turns TF32 off. Measured on an H200, it moved
    an LSTM's outputs and gradients by up to 4e-4 (relative) from Keras's
    loop, 4e-7 with `"highest"`; it was not what broke the `DateTranslator`
    recipe there (Keras's cuDNN LSTM gradients were: docs, Conventions, GPU
    numerics). On CPUs neither setting changes anything.

    `"highest"` turns TF32 off: JAX's default matmul precision becomes
    `"highest"` (`jax_default_matmul_precision`, which JAX's cuDNN LSTM
    reads too when a step is traced) and TensorFlow's
    `tf.config.experimental.enable_tensor_float_32_execution(False)`, for
    whichever of the two is in use (TensorFlow too when it is imported, as
    for `tf.data`). `"default"` restores both defaults. The setting is
    global to the process; call it before building the model. Importing
    keras_course never changes it.

    Args:
        precision: `"highest"` or `"default"`.

    Example:

    >>> from keras_course.config import matmul_precision, set_matmul_precision
    >>> set_matmul_precision("highest")
    >>> matmul_precision()
    'highest'
    >>> set_matmul_precision("default")
    """
    precision = check_choice("precision", precision, PRECISIONS)
    if keras.backend.backend() == "jax":
        import jax

        jax.config.update(
            "jax_default_matmul_precision",
            None if precision == "default" else precision,
        )
    if keras.backend.backend() == "tensorflow" or "tensorflow" in sys.modules:
        import tensorflow as tf

        tf.config.experimental.enable_tensor_float_32_execution(precision == "default")


@keras_course_export("keras_course.config.matmul_precision")
def matmul_precision():
    """The current backend's setting: `"highest"` (TF32 off) or `"default"`.

    >>> from keras_course.config import matmul_precision
    >>> matmul_precision()
    'default'
    """
    if keras.backend.backend() == "jax":
        import jax

        value = jax.config.jax_default_matmul_precision
        return "highest" if value in ("highest", "float32") else "default"
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        if not tf.config.experimental.tensor_float_32_execution_enabled():
            return "highest"
    return "default"
