"""What Keras has no backend-agnostic API for: the gradient of a function of
tensors, and compiling such a function. TensorFlow and JAX; others raise."""

import functools

import keras
import numpy as np


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


def compile_function(fn, caller, xla=False):
    """`fn` compiled: `tf.function` on TensorFlow, `jax.jit` on JAX.

    With `xla`, TensorFlow compiles it with XLA too (`jit_compile=True`, one
    trace per input shape, as `jax.jit`); without, its traces generalize
    over shapes (`reduce_retracing`)."""
    if _backend(caller) == "jax":
        import jax

        return jax.jit(fn)
    import tensorflow as tf

    if xla:
        return tf.function(fn, jit_compile=True)
    return tf.function(fn, reduce_retracing=True)


def is_tracing(tensors):
    """True inside a `tf.function` or `jax.jit` trace, where calling a
    compiled function adds nothing; False on other backends."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return not tf.executing_eagerly()
    if backend == "jax":
        import jax

        return any(isinstance(t, jax.core.Tracer) for t in tensors)
    return False


def predict(model, x, batch_size=32, on_batch=False):
    """`model.predict(x, batch_size)` as numpy, silently (with `on_batch`,
    one `predict_on_batch` per `batch_size` items: less overhead per call for
    a small model), and correct under a
    `tf.distribute` strategy of several replicas too: there Keras 3 splits
    each batch across the replicas and fails on a replica left with nothing
    (a batch smaller than the replica count: `Incompatible shapes: [0, ...]`
    in BatchNormalization), and `predict_on_batch` returns every replica's
    copy of the batch. Inference gains nothing from replicas, so under such
    a strategy the batches go through the model directly."""
    strategy = getattr(model, "distribute_strategy", None)
    if strategy is None or strategy.num_replicas_in_sync == 1:
        if not on_batch:
            return model.predict(x, batch_size=batch_size, verbose=0)
        forward = model.predict_on_batch
    else:
        forward = functools.partial(model, training=False)
    batches = [
        keras.tree.map_structure(
            keras.ops.convert_to_numpy, forward(x[i : i + batch_size])
        )
        for i in range(0, len(x), batch_size)
    ]
    return keras.tree.map_structure(lambda *b: np.concatenate(b), *batches)
