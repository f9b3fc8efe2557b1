"""pytest set-up shared by tests/ and the doctests in keras_course/."""

import gc
import os
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from keras_course.testing import configure_virtual_devices  # noqa: E402

# Two CPU devices for the distribution tests; must run before any tensor exists.
configure_virtual_devices(2)


@pytest.fixture(autouse=True)
def _doctest_globals(doctest_namespace):
    doctest_namespace["np"] = np
    doctest_namespace["keras"] = keras


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(autouse=True)
def _collect_after_heavy_tests():
    """A full garbage collection right after every test of more than 5 s.

    What a heavy test leaves behind was collected later, inside whichever
    test ran next: a test of 1.6 s alone took 40 s in the JAX leg, twice
    (tf.data iterators wait for their autotuner's thread when collected,
    see `keras_course.testing.without_autotune`). With this collection it
    did not, in one run (the leg: 306 s -> 301 s)."""
    started = time.perf_counter()
    yield
    if time.perf_counter() - started > 5:
        gc.collect()


@pytest.fixture
def offline_downloads(tmp_path, monkeypatch):
    """Keras's downloads fail as they do without a network, into an empty
    KERAS_HOME (so no cached weights are found)."""
    from keras.src.utils import file_utils

    def offline(*args, **kwargs):
        raise Exception("URL fetch failure: [Errno -3] Temporary failure")

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(file_utils, "get_file", offline)
