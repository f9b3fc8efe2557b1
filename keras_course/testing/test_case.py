"""The shared test harness for keras-course components.

Modelled on `keras.src.testing.TestCase.run_layer_test`, but usable from plain
pytest and stricter about what keras-course promises: every constructor argument
in `get_config`, configs that deserialize in safe mode, no `Lambda` layers, and
`.keras` files that load in a fresh process without `custom_objects`.
"""

import contextlib
import gc
import inspect
import json
import os
import pickle
import subprocess
import sys
import tempfile
import textwrap

import keras
import numpy as np

from keras_course._keras_internals import flatten_layers
from keras_course.testing.devices import cpu_devices, without_autotune

_RELOAD_SCRIPT = textwrap.dedent(
    """
    import json, sys
    spec = json.loads(sys.argv[1])
    sys.path[:0] = spec["sys_path"]
    import importlib
    import numpy as np
    import keras
    for name in spec["imports"]:
        importlib.import_module(name)
    model = keras.saving.load_model(spec["model"], safe_mode=True)
    data = np.load(spec["data"])
    inputs = [data[f"x{i}"] for i in range(spec["num_inputs"])]
    outputs = model(inputs[0] if len(inputs) == 1 else inputs)
    outputs = [keras.ops.convert_to_numpy(o) for o in keras.tree.flatten(outputs)]
    np.savez(spec["result"], *outputs)
    """
)

# The application check's fresh process: load in safe mode, call the verbs.
_VERBS_SCRIPT = textwrap.dedent(
    """
    import importlib, pickle, sys
    with open(sys.argv[1], "rb") as f:
        spec = pickle.load(f)
    sys.path[:0] = spec["sys_path"]
    import keras
    for name in spec["imports"]:
        importlib.import_module(name)
    results = {}
    for label, (path, calls) in spec["models"].items():
        model = keras.saving.load_model(path, safe_mode=True)
        results[label] = {verb: getattr(model, verb)(*a) for verb, a in calls.items()}
    with open(spec["result"], "wb") as f:
        pickle.dump(results, f)
    """
)


# The environment variable that moves the reload checks into the test's
# own process ("in-process"; unset or "fresh": a new process).
RELOAD_VARIABLE = "KERAS_COURSE_TEST_RELOAD"


def _reload_in_process():
    where = os.environ.get(RELOAD_VARIABLE, "fresh")
    if where not in ("fresh", "in-process"):
        raise ValueError(
            f"{RELOAD_VARIABLE} must be 'fresh' or 'in-process'. Received: {where!r}"
        )
    return where == "in-process"


def _fresh_process(script, argument, what):
    """Runs `script` in a new Python process on this backend; its error,
    if it fails, is an AssertionError.

    With `KERAS_COURSE_TEST_RELOAD=in-process` the script runs in this
    process instead (the same `load_model(..., safe_mode=True)` with no
    `custom_objects`): CI sets it for its JAX leg, whose fresh processes
    compiled every variable initializer and verb again (the application
    contract's reload on its second half: 63 s in a new process, 33 s in
    this one, 2 cores), while the TensorFlow legs reload the same `.keras`
    files in fresh processes."""
    if _reload_in_process():
        argv, path = sys.argv, list(sys.path)
        sys.argv = ["-c", argument]
        try:
            exec(script, {"__name__": "__main__"})
        except Exception as error:
            raise AssertionError(
                f"Reloading {what} in this process ({RELOAD_VARIABLE}="
                f"in-process) with safe_mode=True failed: {error!r}"
            ) from error
        finally:
            sys.argv, sys.path[:] = argv, path
        return
    env = dict(os.environ, KERAS_BACKEND=keras.backend.backend())
    proc = subprocess.run(
        [sys.executable, "-c", script, argument],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    if proc.returncode != 0:
        raise AssertionError(
            f"Reloading {what} in a fresh process with safe_mode=True "
            "failed:\n" + proc.stderr[-3000:]
        )


def _first(value):
    """The first item of a batch result: of a list, an array, or a dict of
    arrays with the batch axis first."""
    if isinstance(value, dict):
        return {k: _first(v) for k, v in value.items()}
    return value[0]


def _one_item(args):
    """The verb's arguments for the first item alone: the batch's first item,
    and of each other argument given per item (as long as the batch), its
    first entry."""
    batch, *rest = args
    length = len(batch)
    rest = [
        r[0] if isinstance(r, (list, tuple)) and len(r) == length else r for r in rest
    ]
    return (batch[0], *rest), length


def _bad_batches(args):
    """`(what, args)` pairs: the verb's arguments with the batch (the first)
    made empty, given an axis too many, of the wrong type, or holding a NaN.
    Another argument given per item is cut to match an empty batch."""
    batch, *rest = args
    length = len(batch)
    rest_empty = [
        r[:0] if isinstance(r, (list, tuple)) and len(r) == length else r for r in rest
    ]
    if isinstance(batch, np.ndarray):
        yield "an empty batch", (batch[:0], *rest_empty)
        yield "an axis too many", (batch[None], *rest)
        yield "text instead of numbers", (np.full(batch.shape, "x"), *rest)
        if np.issubdtype(batch.dtype, np.floating):
            with_nan = batch.copy()
            with_nan.flat[-1] = np.nan
            yield "a NaN", (with_nan, *rest)
    elif isinstance(batch, list) and all(isinstance(t, str) for t in batch):
        yield "an empty batch", ([], *rest_empty)
        yield "a list of lists", ([batch], *rest)
        yield "numbers instead of text", (list(range(length)), *rest)


def _assert_refuses(verb, args, what, where):
    """`verb(*args)` raises a ValueError or TypeError naming the argument
    that is wrong (the verb's first), not a backend error or a result."""
    name = next(iter(inspect.signature(verb).parameters))
    try:
        result = verb(*args)
    except (ValueError, TypeError) as error:
        assert f"`{name}`" in str(error), (
            f"{where} on {what}: the error does not name `{name}`: {error}"
        )
    except Exception as error:
        raise AssertionError(
            f"{where} on {what} raised {type(error).__name__}, not a ValueError "
            f"or TypeError naming `{name}`: {str(error)[:300]}"
        ) from error
    else:
        raise AssertionError(f"{where} accepted {what}, returning {result!r:.200}")


def _assert_same(got, want, atol, rtol, where):
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) == set(want), where
        for key in want:
            _assert_same(got[key], want[key], atol, rtol, f"{where}[{key!r}]")
    elif isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), (
            f"{where}: {got!r:.200} != {want!r:.200}"
        )
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            _assert_same(g, w, atol, rtol, f"{where}[{i}]")
    elif isinstance(want, (str, bool, type(None))):
        assert got == want, f"{where}: {got!r} != {want!r}"
    else:
        np.testing.assert_allclose(
            np.asarray(got, "float64"), np.asarray(want, "float64"), atol=atol,
            rtol=rtol, err_msg=where,
        )  # fmt: skip


class TestCase:
    """Mix-in of checks every keras-course component must pass.

    Subclass it in a pytest test class (`class TestMyLayer(TestCase): ...`) and
    call the `run_*` methods from test methods. Each check raises
    `AssertionError` with a message that says what is wrong.
    """

    # -- helpers -----------------------------------------------------------------

    @staticmethod
    def assert_shape_matches(actual, expected, what="output"):
        """`None` in `expected` matches any size."""
        actual, expected = tuple(actual), tuple(expected)
        ok = len(actual) == len(expected) and all(
            e is None or a == e for a, e in zip(actual, expected, strict=True)
        )
        assert ok, f"Unexpected {what} shape: got {actual}, expected {expected}."

    @staticmethod
    def assert_all_close(actual, expected, atol=1e-6, rtol=1e-6, msg=""):
        actual = keras.ops.convert_to_numpy(actual)
        expected = keras.ops.convert_to_numpy(expected)
        np.testing.assert_allclose(actual, expected, atol=atol, rtol=rtol, err_msg=msg)

    @staticmethod
    def _make_input(input_shape, input_dtype="float32", seed=0):
        rng = np.random.default_rng(seed)
        if "int" in str(input_dtype):
            return rng.integers(0, 10, size=input_shape).astype(input_dtype)
        return rng.normal(size=input_shape).astype(input_dtype)

    # -- config ------------------------------------------------------------------

    def run_config_test(self, obj_cls, init_kwargs):
        """Checks `get_config` is complete, JSON-safe and loads in safe mode.

        Every named constructor argument must appear in `get_config()`; the
        serialized object must survive `json.dumps` and
        `keras.saving.deserialize_keras_object(..., safe_mode=True)`, and the
        rebuilt object must report the same config.
        """
        obj = obj_cls(**init_kwargs)
        config = obj.get_config()
        params = inspect.signature(obj_cls.__init__).parameters.values()
        named = [
            p.name
            for p in params
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        missing = [name for name in named if name not in config]
        assert not missing, (
            f"{obj_cls.__name__}.get_config() is missing constructor "
            f"argument(s) {missing}; a reloaded object would lose them."
        )
        try:
            serialized = json.dumps(keras.saving.serialize_keras_object(obj))
        except (TypeError, ValueError) as e:
            raise AssertionError(
                f"{obj_cls.__name__}.get_config() holds a value that cannot be "
                f"serialized to JSON: {e}"
            ) from e
        assert '"__lambda__"' not in serialized, (
            f"{obj_cls.__name__}.get_config() holds a lambda; it cannot be "
            "loaded in safe mode."
        )
        try:
            revived = keras.saving.deserialize_keras_object(
                json.loads(serialized), safe_mode=True
            )
        except Exception as e:
            raise AssertionError(
                f"{obj_cls.__name__} config does not deserialize in safe mode "
                f"without custom_objects: {type(e).__name__}: {e}"
            ) from e
        assert type(revived) is obj_cls, (
            f"Deserialized a {type(revived).__name__}, expected {obj_cls.__name__}."
        )
        assert _canonical(revived.get_config()) == _canonical(config), (
            f"{obj_cls.__name__} config changed in a round trip:\n"
            f"before: {config}\nafter:  {revived.get_config()}"
        )
        return revived

    # -- layers ------------------------------------------------------------------

    def run_layer_test(
        self,
        layer_cls,
        init_kwargs,
        input_shape=None,
        input_data=None,
        expected_output_shape=None,
        expected_output=None,
        expected_num_trainable_weights=None,
        expected_num_non_trainable_weights=None,
        input_dtype="float32",
        run_training_check=True,
        atol=1e-6,
        rtol=1e-6,
    ):
        """Runs the standard battery of checks on a layer class.

        Args:
            layer_cls: the layer class.
            init_kwargs: dict of constructor arguments.
            input_shape: tuple with a concrete batch size; random data of this
                shape is used. Give this or `input_data`.
            input_data: an array to call the layer on.
            expected_output_shape: tuple; `None` entries match any size.
            expected_output: array the eager output must equal (within tolerance).
            expected_num_trainable_weights: int, checked after building.
            expected_num_non_trainable_weights: int, checked after building.
            input_dtype: dtype of generated data. Defaults to `"float32"`.
            run_training_check: bool, fit one step when the layer has trainable
                weights and check the loss is finite.
            atol, rtol: tolerances for `expected_output`.
        """
        if (input_shape is None) == (input_data is None):
            raise ValueError("Give exactly one of `input_shape` or `input_data`.")
        if input_data is None:
            input_data = self._make_input(input_shape, input_dtype)
        input_data = np.asarray(input_data)
        input_shape = input_data.shape

        self.run_config_test(layer_cls, init_kwargs)

        # Eager call.
        layer = layer_cls(**init_kwargs)
        output = layer(input_data)
        self._check_no_lambda(layer)
        # A layer rebuilt from its config (same weights) must behave the same.
        revived = layer_cls.from_config(layer.get_config())
        revived(input_data)
        revived.set_weights(layer.get_weights())
        self.assert_all_close(
            revived(input_data),
            output,
            atol=atol,
            rtol=rtol,
            msg="A layer rebuilt from get_config() gives other outputs.",
        )
        if expected_output_shape is not None:
            self.assert_shape_matches(output.shape, expected_output_shape)
            computed = layer.compute_output_shape(input_shape)
            self.assert_shape_matches(
                computed, expected_output_shape, "compute_output_shape"
            )
        if expected_output is not None:
            self.assert_all_close(output, expected_output, atol=atol, rtol=rtol)
        if expected_num_trainable_weights is not None:
            assert len(layer.trainable_weights) == expected_num_trainable_weights, (
                f"Expected {expected_num_trainable_weights} trainable weights, "
                f"found {len(layer.trainable_weights)}."
            )
        if expected_num_non_trainable_weights is not None:
            found = len(layer.non_trainable_weights)
            assert found == expected_num_non_trainable_weights, (
                f"Expected {expected_num_non_trainable_weights} non-trainable "
                f"weights, found {found}."
            )

        # Symbolic call in a functional model, with an unknown batch size.
        inputs = keras.Input(shape=input_shape[1:], dtype=str(input_data.dtype))
        symbolic_layer = layer_cls(**init_kwargs)
        symbolic = symbolic_layer(inputs)
        if expected_output_shape is not None:
            self.assert_shape_matches(
                symbolic.shape, (None, *tuple(expected_output_shape)[1:]), "symbolic"
            )
        model = keras.Model(inputs, symbolic)
        predicted = model.predict(input_data, verbose=0)
        self.assert_shape_matches(predicted.shape, output.shape, "predict()")

        if run_training_check and symbolic_layer.trainable_weights:
            model.compile(optimizer="sgd", loss="mse")
            target = np.zeros_like(keras.ops.convert_to_numpy(output))
            history = model.fit(input_data, target, epochs=1, verbose=0)
            loss = history.history["loss"][-1]
            assert np.isfinite(loss), f"Training produced a non-finite loss: {loss}"
        return output

    @staticmethod
    def _check_no_lambda(layer):
        for sub in flatten_layers(layer):
            assert not isinstance(sub, keras.layers.Lambda), (
                f"{type(layer).__name__} contains a Lambda layer ({sub.name}); "
                "models with Lambda layers do not load with safe_mode=True."
            )

    # -- saving ------------------------------------------------------------------

    def run_serialization_test(
        self, obj, input_data, imports=("keras_course",), atol=1e-5, rtol=1e-5
    ):
        """Saves `obj` to `.keras` and reloads it in a fresh Python process.

        The new process imports only `imports` (by default `keras_course`), then
        calls `keras.saving.load_model(path, safe_mode=True)` with no
        `custom_objects`, and its outputs must match the original's.

        Args:
            obj: a `keras.Model`, or a layer (wrapped in a functional model).
            input_data: array, or list of arrays for a multi-input model.
            imports: module names the fresh process imports before loading.
            atol, rtol: output tolerances.

        Returns:
            The reloaded outputs, as a list of numpy arrays.
        """
        inputs = (
            list(input_data) if isinstance(input_data, (list, tuple)) else [input_data]
        )
        inputs = [np.asarray(x) for x in inputs]
        model = obj
        if not isinstance(obj, keras.Model):
            tensors = [
                keras.Input(shape=x.shape[1:], dtype=str(x.dtype)) for x in inputs
            ]
            if len(tensors) == 1:
                tensors = tensors[0]
            model = keras.Model(tensors, obj(tensors))
        call_input = inputs[0] if len(inputs) == 1 else inputs
        expected = [
            keras.ops.convert_to_numpy(o) for o in keras.tree.flatten(model(call_input))
        ]
        with tempfile.TemporaryDirectory() as tmp:
            spec = {
                "model": os.path.join(tmp, "model.keras"),
                "data": os.path.join(tmp, "inputs.npz"),
                "result": os.path.join(tmp, "outputs.npz"),
                "num_inputs": len(inputs),
                "imports": list(imports),
                "sys_path": [p for p in sys.path if p],
            }
            model.save(spec["model"])
            np.savez(spec["data"], **{f"x{i}": x for i, x in enumerate(inputs)})
            _fresh_process(_RELOAD_SCRIPT, json.dumps(spec), type(obj).__name__)
            with np.load(spec["result"]) as result:
                reloaded = [result[f"arr_{i}"] for i in range(len(result.files))]
        assert len(reloaded) == len(expected), "The reloaded model has other outputs."
        for got, want in zip(reloaded, expected, strict=True):
            np.testing.assert_allclose(
                got, want, atol=atol, rtol=rtol, err_msg="Reloaded outputs differ."
            )
        return reloaded

    # -- applications ------------------------------------------------------------

    @staticmethod
    def run_bad_input_test(verb, args, where=None):
        """`verb(*args)` refuses its first argument made bad: empty, with an
        axis too many, of the wrong type (text for numbers, numbers for
        text) or holding a NaN, each with a `ValueError` or `TypeError`
        naming that argument; never a backend error, and never a result.
        Another argument as long as the batch is cut with it when emptied.

        Example: `self.run_bad_input_test(model.fit, (x, y))`; use
        `functools.partial` for keyword arguments (`epochs=1`).
        """
        where = where or getattr(verb, "__qualname__", repr(verb))
        for what, bad_args in _bad_batches(args):
            _assert_refuses(verb, bad_args, what, where)

    def run_application_test(
        self, model, calls, one_item=None, imports=("keras_course",), atol=1e-5,
        rtol=1e-5,
    ):  # fmt: skip
        """The application contract's checks on a built (ideally trained)
        application `model`.

        - Everything is in the `.keras` file: saved, then loaded in a fresh
          process with `safe_mode=True` and no `custom_objects`, every domain
          verb in `calls` gives the same output as in this process.
        - One item or many: each verb in `one_item`, called with a batch,
          returns one result per item, and called with the batch's first
          item alone returns that item's result (the first of the batch's).
        - Bad input: each verb in `one_item`, given an empty batch, one with
          an axis too many (a list of lists of texts), one of the wrong type
          (text for numbers, numbers for text) or one holding a NaN, raises a
          `ValueError` or `TypeError` whose message names the argument
          (such as `images`, the verb's first parameter): never a backend
          error, and never a result.

        Args:
            model: the application, a `keras.Model`.
            calls: dict verb name -> its arguments (a tuple).
            one_item: the verbs of `calls` whose first argument is a batch (a
                list of texts, an array of images, ...), for the one-item
                check; another argument as long as the batch is taken as one
                per item. None: every verb in `calls`.
            imports: module names the fresh process imports before loading.
            atol, rtol: tolerances for numbers.

        Returns:
            The verbs' outputs in this process, by verb.
        """
        return self.run_application_tests(
            {type(model).__name__: (model, calls, one_item)}, imports, atol, rtol
        )[type(model).__name__]

    def run_application_tests(
        self, cases, imports=("keras_course",), atol=1e-5, rtol=1e-5,
        num_devices=None,
    ):  # fmt: skip
        """`run_application_test` on several applications, reloading them all
        in one fresh process (a process start costs seconds).

        Args:
            cases: dict label -> `(model, calls, one_item)`.
            num_devices: None, or the number of devices every model's
                weights must live on: the models were built (and trained)
                under `TestCase.distributed(num_devices)`, and their verbs
                must still answer as above.

        Returns:
            dict label -> the verbs' outputs in this process.
        """
        expected = {}
        for label, (model, calls, one_item) in cases.items():
            assert isinstance(model, keras.Model), (
                f"{label} is not a keras.Model: an application is one, so "
                "that it saves as a .keras file."
            )
            if num_devices is not None:
                assert replica_count(model) == num_devices, (
                    f"{label}'s weights live on {replica_count(model)} device(s), "
                    f"not {num_devices}: it was not built under the distribution."
                )
            expected[label] = {
                verb: getattr(model, verb)(*args) for verb, args in calls.items()
            }
            for verb in calls if one_item is None else one_item:
                one_args, length = _one_item(calls[verb])
                result = expected[label][verb]
                assert isinstance(result, dict) or len(result) == length, (
                    f"{label}.{verb} on {length} items returned {len(result)} results."
                )
                _assert_same(
                    getattr(model, verb)(*one_args),
                    _first(result),
                    atol,
                    rtol,
                    f"{label}.{verb} on one item",
                )
                self.run_bad_input_test(
                    getattr(model, verb), calls[verb], f"{label}.{verb}"
                )
        with tempfile.TemporaryDirectory() as tmp:
            spec = {
                "models": {},
                "result": os.path.join(tmp, "results.pkl"),
                "imports": list(imports),
                "sys_path": [p for p in sys.path if p],
            }
            for index, (label, (model, calls, _)) in enumerate(cases.items()):
                path = os.path.join(tmp, f"model_{index}.keras")
                model.save(path)
                spec["models"][label] = (path, calls)
            with open(os.path.join(tmp, "spec.pkl"), "wb") as f:
                pickle.dump(spec, f)
            _fresh_process(
                _VERBS_SCRIPT,
                os.path.join(tmp, "spec.pkl"),
                f"{', '.join(cases)} (and calling their verbs)",
            )
            with open(spec["result"], "rb") as f:
                reloaded = pickle.load(f)
        for label, verbs in expected.items():
            for verb, want in verbs.items():
                _assert_same(
                    reloaded[label][verb], want, atol, rtol, f"reloaded {label}.{verb}"
                )
        return expected

    # -- distribution ------------------------------------------------------------

    @staticmethod
    @contextlib.contextmanager
    def distributed(num_devices=2):
        """A context in which models are built and trained data-parallel over
        `num_devices` CPU devices: a `tf.distribute.MirroredStrategy` scope on
        TensorFlow, `keras.distribution.DataParallel` on JAX.

        Call `keras_course.testing.configure_virtual_devices()` before the
        backend starts (in `conftest.py`) so the host shows several devices.
        On TensorFlow, give each batch a size the devices divide: Keras 3's
        TensorFlow trainer fails on a batch that splits unevenly
        ("Inputs to operation AddN ... must have the same size and shape",
        keras-team/keras#19246), the user's data or ours alike.
        """
        devices = cpu_devices()
        if len(devices) < num_devices:
            raise AssertionError(
                f"Only {len(devices)} CPU device(s) visible; call "
                "keras_course.testing.configure_virtual_devices() in conftest.py "
                "before any tensor is created."
            )
        devices = devices[:num_devices]
        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf

            strategy = tf.distribute.MirroredStrategy(
                devices, cross_device_ops=tf.distribute.ReductionToOneDevice()
            )
            try:
                with strategy.scope():
                    yield
            finally:
                # The multi-device iterators MirroredStrategy builds over
                # autotuned tf.data pipelines (Keras's own, from arrays) wait
                # for the autotuner's thread when collected, and its period
                # doubles up to a minute: collected now, while it is short,
                # they cost milliseconds; left to a later collection they
                # stalled unrelated tests for up to two minutes.
                gc.collect()
            return
        previous = keras.distribution.distribution()
        keras.distribution.set_distribution(
            keras.distribution.DataParallel(devices=devices)
        )
        try:
            yield
        finally:
            keras.distribution.set_distribution(previous)

    def run_distributed_fit_test(self, model_fn, dataset, steps=3, num_devices=2):
        """Trains `model_fn()` data-parallel over `num_devices` CPU devices.

        TensorFlow backend: `tf.distribute.MirroredStrategy`; JAX backend:
        `keras.distribution.DataParallel`. Call
        `keras_course.testing.configure_virtual_devices()` before the backend
        starts (in `conftest.py`) so the host shows several devices.

        Args:
            model_fn: callable returning a compiled model; it is called inside
                the strategy scope / distribution.
            dataset: a batched `tf.data.Dataset` of `(x, y)` that repeats or
                holds at least `steps` batches (batch size divisible by
                `num_devices`).
            steps: int, training steps.
            num_devices: int, devices to train on. Defaults to 2.

        Returns:
            The trained model.
        """
        if keras.backend.backend() == "tensorflow":
            dataset = dataset.with_options(without_autotune())
        with self.distributed(num_devices):
            model = model_fn()
            replicas = replica_count(model)
            before = [np.copy(w.numpy()) for w in model.trainable_weights]
            history = model.fit(
                dataset, epochs=1, steps_per_epoch=steps, shuffle=False, verbose=0
            )
        assert replicas == num_devices, (
            f"Weights live on {replicas} device(s), expected {num_devices}; the "
            "model was not built under the distribution."
        )
        losses = history.history["loss"]
        assert np.all(np.isfinite(losses)), f"Non-finite loss: {losses}"
        after = [w.numpy() for w in model.trainable_weights]
        changed = any(
            not np.array_equal(a, b) for a, b in zip(before, after, strict=True)
        )
        assert changed, "No trainable weight changed during distributed training."
        return model


def replica_count(model):
    """On how many devices `model`'s first weight lives."""
    value = model.weights[0].value
    if keras.backend.backend() == "jax":
        return len(value.sharding.device_set)
    return len(getattr(value, "values", [value]))


def _canonical(config):
    return json.loads(json.dumps(keras.saving.serialize_keras_object(config)))
