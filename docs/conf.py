"""Sphinx configuration for keras-course.

Tutorials are plain Python scripts in docs/tutorials/ run by sphinx-gallery on
every build. We chose sphinx-gallery over myst-nb and jupyter-sphinx because the
tutorials are then ordinary `.py` files that ruff lints and a user can run with
`python`, it needs no Jupyter kernel in CI, and it captures matplotlib figures
and printed output into the page by itself. A tutorial that raises fails the
build (`abort_on_example_error`), so the docs cannot drift from the code.
"""

import os
import sys

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, os.path.abspath(".."))

import keras_course  # noqa: E402

project = "keras-course"
author = "keras-course developers"
copyright = "2026, keras-course developers"
release = keras_course.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx_gallery.gen_gallery",
]

autodoc_member_order = "alphabetical"
# Members inherited from Keras are Keras's to document (their docstrings are
# Markdown); those inherited from our own bases (`fit`'s checks,
# `predict_images`) are listed. Our overrides that have no docstring of their
# own show none, rather than Keras's.
autodoc_default_options = {
    "members": True,
    "show-inheritance": False,
    "inherited-members": "Model,Layer,Callback,Loss,Optimizer,Operation,Metric,"
    "LearningRateSchedule,Trainer,TFTrainer,JAXTrainer,TorchTrainer,NumpyTrainer,"
    "KerasSaveable,Tracker,object",
}
autodoc_inherit_docstrings = False
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_custom_sections = [("Call arguments", "params_style")]

sphinx_gallery_conf = {
    "examples_dirs": "tutorials",
    "gallery_dirs": "auto_tutorials",
    "filename_pattern": r".*\.py",  # run every tutorial, not only plot_*.py
    "abort_on_example_error": True,
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    # Tutorials are independent scripts: run them on every core (joblib/loky
    # worker processes); the pages are the same. On CI's 2 cores the whole
    # docs build went from 670 s (one at a time) to 466-488 s (two CI runs).
    "parallel": min(os.cpu_count() or 1, 4),
}

# generated/: tables the benchmarks page includes (benchmarks/tables.py)
exclude_patterns = ["_build", "tutorials", "sg_execution_times.rst", "generated"]
# The theme of the PyData projects' docs (NumPy, pandas, ...): a sidebar of
# sections, a search box, light and dark modes.
html_theme = "pydata_sphinx_theme"
html_title = f"keras-course {release}"
html_theme_options = {"navigation_with_keys": False, "show_toc_level": 2}
