import ast
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import keras_course
from keras_course.api_export import REGISTRY, keras_course_export, public_names


def test_version_is_the_installed_metadata():
    from importlib.metadata import version

    assert keras_course.__version__ == version("keras-course")


@pytest.mark.parametrize("namespace", keras_course.NAMESPACES)
def test_all_matches_exported_names(namespace):
    module = importlib.import_module(f"keras_course.{namespace}")
    assert sorted(module.__all__) == public_names(namespace)
    for name in module.__all__:
        assert getattr(module, name) is REGISTRY[f"keras_course.{namespace}.{name}"]


def test_every_public_symbol_has_a_docstring_with_an_example():
    for name, symbol in REGISTRY.items():
        doc = symbol.__doc__ or ""
        assert doc.strip(), f"{name} has no docstring"
        assert ">>>" in doc, f"{name} has no example in its docstring"


HEAVY = ("keras_hub", "tensorflow_datasets", "matplotlib")


@pytest.mark.slow
def test_import_adds_no_heavy_module_beyond_keras():
    # Keras itself imports matplotlib (keras.src.visualization), so compare
    # with what a bare `import keras` loads.
    code = (
        "import json, sys, keras;"
        f"before = {{m for m in {HEAVY!r} if m in sys.modules}};"
        "import keras_course;"
        f"after = {{m for m in {HEAVY!r} if m in sys.modules}};"
        "print(json.dumps(sorted(after - before)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


@pytest.mark.slow
def test_import_is_light_once_keras_is_in():
    # keras_course's own import work, measured after the full garbage
    # collection that importing Keras leaves pending (0.24-0.28 s here; it
    # runs inside whatever allocates next, see benchmarks/import_time.py).
    # Ours measured 0.014-0.021 s; a module that builds something heavy at
    # import (a model, a compiled function, a table) would pass 0.15 s.
    # Bytecode may be written (the first run compiles a fresh checkout's
    # sources, 0.3 s, which a user's installed wheel never pays).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = (
        "import gc, time, keras; gc.collect();"
        "t = time.perf_counter(); import keras_course;"
        "print(time.perf_counter() - t)"
    )
    seconds = [
        float(
            subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            ).stdout.split()[-1]
        )
        for _ in range(2)
    ]
    assert seconds[-1] < 0.15, seconds


def test_no_module_imports_heavy_dependencies_at_top_level():
    package = Path(keras_course.__file__).parent
    offenders = []
    for path in package.rglob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            offenders += [
                f"{path.relative_to(package)}: {n}"
                for n in names
                if n.split(".")[0] in HEAVY
            ]
    assert offenders == []


def test_the_product_does_not_import_the_test_harness():
    # keras_course.testing is for tests; the product (the demo included)
    # uses keras_course.reference for the courses' own code.
    package = Path(keras_course.__file__).parent
    offenders = []
    for path in package.rglob("*.py"):
        if path.relative_to(package).parts[0] == "testing":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
                if node.module == "keras_course":
                    names = [f"keras_course.{a.name}" for a in node.names]
            offenders += [
                f"{path.relative_to(package)}: {n}"
                for n in names
                if n == "keras_course.testing" or n.startswith("keras_course.testing.")
            ]
    assert offenders == []


def test_export_registers_for_deserialization():
    import keras

    from keras_course.layers import Scale

    assert keras.saving.get_registered_name(Scale) == "keras_course>Scale"
    assert keras.saving.get_registered_object("keras_course>Scale") is Scale


@pytest.mark.parametrize(
    "name", ["Scale", "keras_course.Scale", "other.layers.Scale"], ids=str
)
def test_export_rejects_malformed_names(name):
    with pytest.raises(ValueError, match="keras_course.<namespace>.<Symbol>"):
        keras_course_export(name)


def test_export_name_must_match_symbol():
    def helper():
        """Example: >>> None"""

    with pytest.raises(ValueError, match="must end with the symbol's own name"):
        keras_course_export("keras_course.ops.other_name")(helper)


def test_the_private_keras_apis_we_use_are_there():
    # A Keras release that moves one fails here, naming it, before anything
    # that uses it does.
    from keras_course import _keras_internals

    assert _keras_internals.missing() == []


def test_a_moved_keras_internal_is_a_clear_error():
    from keras_course import _keras_internals

    class NoInternals:
        pass

    with pytest.raises(
        NotImplementedError, match=r"_flatten_layers.*3\.15\.0 to 3\.15\.1"
    ):
        _keras_internals.flatten_layers(NoInternals())
    with pytest.raises(NotImplementedError, match="Optimizer._learning_rate"):
        _keras_internals.learning_rate_slot(NoInternals())


def test_the_keras_floor_is_the_lowest_tested_version():
    import tomllib

    from keras_course._keras_internals import TESTED_KERAS

    root = Path(__file__).resolve().parents[1]
    with open(root / "pyproject.toml", "rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    assert f"keras>={TESTED_KERAS[0]}" in dependencies
    ci = (root / ".ci" / "run").read_text()
    assert f"keras=={TESTED_KERAS[0]}" in ci  # the lowest-Keras leg
