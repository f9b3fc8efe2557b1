"""What Keras has no backend-agnostic API for: the gradient of a function of
tensors, and compiling such a function. TensorFlow and JAX; others raise."""

import keras


def _backend(caller):
    backend = keras.backend.backend()
    if backend not in ("tensorflow", "jax"):
        raise NotImplementedError(f"{caller} runs on TensorFlow or JAX, not {backend}.")
    return backend


def check_backend(caller):
    """Raises NotImplementedError naming the backend unless it is TensorFlow
    or JAX, the two the applications are tested on: at construction, rather
    than deep inside training."""
    _backend(caller)


def value_and_grad(fn, caller):
    """`x -> (fn(x), d fn / dx)` for a scalar `fn` of a tensor or a list of
    tensors: `tf.GradientTape` on TensorFlow, `jax.value_and_grad` on JAX."""
    if _backend(caller) == "jax":
        import jax

        return jax.value_and_grad(fn)
    import tensorflow as tf

    def with_gradient(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            value = fn(x)
        return value, tape.gradient(value, x)

    return with_gradient


def compile_function(fn, caller):
    """`fn` compiled: `tf.function` on TensorFlow, `jax.jit` on JAX."""
    if _backend(caller) == "jax":
        import jax

        return jax.jit(fn)
    import tensorflow as tf

    return tf.function(fn, reduce_retracing=True)
