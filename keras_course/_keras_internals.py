"""Every private Keras API keras_course relies on, in one place.

Keras has no public equivalent for these. Each accessor checks that the
internal is there and, if a Keras release moved it, raises an error that
says so and names the Keras versions keras_course is tested with
(`TESTED_KERAS`, also in pyproject's `keras>=` floor and the CI's
lowest-Keras leg), rather than failing somewhere inside. `missing()` lists
what this Keras lacks; a test asserts it is empty, so a Keras upgrade that
moves one fails there first.
"""

import importlib
import importlib.util

import keras

# The Keras versions the CI runs: the lowest leg and the main legs.
TESTED_KERAS = ("3.15.0", "3.15.1")


def _moved(what):
    return NotImplementedError(
        f"keras_course relies on Keras's private {what}, which this Keras "
        f"({keras.version()}) does not have. keras_course is tested with Keras "
        f"{TESTED_KERAS[0]} to {TESTED_KERAS[-1]}: install one of those "
        f"(pip install 'keras=={TESTED_KERAS[-1]}')."
    )


def flatten_layers(layer, include_self=True):
    """`layer` and every layer inside it, recursively (`Layer._flatten_layers`;
    `Model.layers` lists only the direct children)."""
    if not hasattr(layer, "_flatten_layers"):
        raise _moved("Layer._flatten_layers")
    return list(layer._flatten_layers(include_self=include_self, recursive=True))


def learning_rate_slot(optimizer):
    """What the optimizer reads its rate from: a variable, or a schedule
    (`optimizer._learning_rate`; the public `learning_rate` evaluates a
    schedule, and its setter refuses to replace one)."""
    if not hasattr(optimizer, "_learning_rate"):
        raise _moved("Optimizer._learning_rate")
    return optimizer._learning_rate


def set_learning_rate_slot(optimizer, value):
    """Puts a variable (or a schedule) where the optimizer reads its rate."""
    learning_rate_slot(optimizer)
    optimizer._learning_rate = value


def symbolic_build(model, data_batch):
    """`Trainer._symbolic_build(data_batch=...)`: builds the model, metrics
    and optimizer from one batch, as `fit` does before its first step."""
    if not hasattr(model, "_symbolic_build"):
        raise _moved("Trainer._symbolic_build")
    model._symbolic_build(data_batch=data_batch)


def bit64_to_bit32_table():
    """Keras's table of the 64-bit dtypes it narrows to 32 bits
    (`keras.src.backend.common.dtypes.BIT64_TO_BIT32_DTYPE`), or None."""
    try:
        from keras.src.backend.common import dtypes
    except ImportError:
        return None
    table = getattr(dtypes, "BIT64_TO_BIT32_DTYPE", None)
    return table if isinstance(table, dict) else None


def jax_rnn_backend():
    """Keras's JAX recurrent kernels (`keras.src.backend.jax.rnn`), whose
    `_is_gpu_available()` decides whether an LSTM takes the cuDNN path
    (`jax.experimental.rnn.lstm`). Only the test harness's cuDNN stand-in
    (`cudnn_lstm_on_cpu`) uses it, to run that path on a CPU."""
    try:
        module = importlib.import_module("keras.src.backend.jax.rnn")
    except ImportError as error:
        raise _moved(f"keras.src.backend.jax.rnn ({error})") from error
    if not all(hasattr(module, name) for name in ("_is_gpu_available", "lstm")):
        raise _moved("keras.src.backend.jax.rnn._is_gpu_available")
    return module


def missing():
    """The private Keras APIs keras_course uses that this Keras lacks."""
    optimizer = keras.optimizers.SGD()
    checks = {
        "Layer._flatten_layers": hasattr(keras.layers.Layer, "_flatten_layers"),
        "Optimizer._learning_rate": hasattr(optimizer, "_learning_rate"),
        "Trainer._symbolic_build": hasattr(keras.Model, "_symbolic_build"),
        # StringInputsMixin overrides it: if Keras stops calling it, string
        # models under tf.distribute would silently lose the fix.
        "Trainer._maybe_symbolic_build": hasattr(keras.Model, "_maybe_symbolic_build"),
        "dtypes.BIT64_TO_BIT32_DTYPE": bit64_to_bit32_table() is not None,
    }
    if importlib.util.find_spec("jax") is not None:  # the JAX backend's own
        try:
            jax_rnn_backend()
            checks["jax rnn._is_gpu_available"] = True
        except NotImplementedError:
            checks["jax rnn._is_gpu_available"] = False
    return sorted(name for name, present in checks.items() if not present)
