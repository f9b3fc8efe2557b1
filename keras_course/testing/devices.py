"""Fake several CPU devices so distribution tests run on one machine."""

import os
import re
import sys

_XLA_FLAG = "--xla_force_host_platform_device_count"


def configure_virtual_devices(count=2):
    """Splits the host CPU into `count` devices for TensorFlow and JAX.

    Call it once, before any tensor is created (a `conftest.py` is the place):
    TensorFlow fixes its device list when its runtime starts and JAX when its
    CPU client starts. Afterwards `tf.distribute.MirroredStrategy` and
    `keras.distribution.DataParallel` see `count` devices.

    Args:
        count: int, number of CPU devices to expose. Defaults to 2.

    Returns:
        The backends that were configured, as a tuple of names.
    """
    if not isinstance(count, int) or count < 1:
        raise ValueError(f"`count` must be a positive int. Received: count={count}")
    configured = []
    flags = re.sub(rf"{_XLA_FLAG}=\d+", "", os.environ.get("XLA_FLAGS", "")).strip()
    os.environ["XLA_FLAGS"] = f"{flags} {_XLA_FLAG}={count}".strip()
    configured.append("jax")

    if "tensorflow" in sys.modules or _backend() == "tensorflow":
        import tensorflow as tf

        cpus = tf.config.list_physical_devices("CPU")
        try:
            tf.config.set_logical_device_configuration(
                cpus[0], [tf.config.LogicalDeviceConfiguration()] * count
            )
            configured.append("tensorflow")
        except RuntimeError:
            # The runtime already started; its device list cannot change now.
            if len(tf.config.list_logical_devices("CPU")) >= count:
                configured.append("tensorflow")
    return tuple(configured)


def without_autotune():
    """`tf.data.Options` with autotuning off, for datasets `MirroredStrategy` reads.

    When Python garbage-collects the multi-device iterator `MirroredStrategy`
    builds over an autotuned dataset, its destructor waits for one of the
    dataset's background threads, holding the GIL: we saw 25-80 s stalls in
    later, unrelated tests (TensorFlow 2.21, CPU). With autotuning off, the
    stall did not occur in our runs.

    >>> without_autotune().autotune.enabled
    False
    """
    import tensorflow as tf

    options = tf.data.Options()
    options.autotune.enabled = False
    return options


def _backend():
    import keras

    return keras.backend.backend()


def cpu_devices():
    """The CPU devices the current Keras backend can distribute over."""
    backend = _backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return [d.name for d in tf.config.list_logical_devices("CPU")]
    if backend == "jax":
        import jax

        return jax.devices("cpu")
    raise NotImplementedError(f"No distribution test for backend {backend!r}.")
