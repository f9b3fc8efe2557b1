"""pytest set-up shared by tests/ and the doctests in keras_course/."""

import os

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


@pytest.fixture
def offline_downloads(tmp_path, monkeypatch):
    """Keras's downloads fail as they do without a network, into an empty
    KERAS_HOME (so no cached weights are found)."""
    from keras.src.utils import file_utils

    def offline(*args, **kwargs):
        raise Exception("URL fetch failure: [Errno -3] Temporary failure")

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(file_utils, "get_file", offline)
