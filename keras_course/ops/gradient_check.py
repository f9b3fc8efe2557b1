"""The course's two-sided gradient check, for any Keras model or layer."""

import contextlib
import inspect
import time

import keras
import numpy as np

from keras_course._backend import compile_function, value_and_grad
from keras_course._keras_internals import bit64_to_bit32_table, flatten_layers
from keras_course._validation import check_int, check_number
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.ops.GradientCheckResult")
class GradientCheckResult:
    """What `gradient_check` found.

    Attributes:
        difference: float, `||g - g_approx|| / (||g|| + ||g_approx||)` over
            every checked parameter (the course's `difference`).
        per_weight: dict, the same ratio per trainable weight (by path),
            over its checked entries.
        num_checked: int, parameters perturbed; `num_params` of all.
        gradient, approximation: the two gradients at the checked entries.
        seconds: float, the time the check took.

    Example:

    >>> result = GradientCheckResult(3e-9, {"dense/kernel": 3e-9}, 8, 8)
    >>> result
    GradientCheckResult(difference=3.000e-09, passed=True, checked 8 of 8 parameters)
    """

    def __init__(self, difference, per_weight, num_checked, num_params,
                 gradient=None, approximation=None, seconds=0.0):  # fmt: skip
        self.difference = float(difference)
        self.per_weight = dict(per_weight)
        self.num_checked, self.num_params = int(num_checked), int(num_params)
        self.gradient, self.approximation = gradient, approximation
        self.seconds = float(seconds)

    def passed(self, threshold=2e-7):
        """Whether `difference` is below `threshold` (the course's 2e-7)."""
        return self.difference < threshold

    def __repr__(self):
        return (
            f"GradientCheckResult(difference={self.difference:.3e}, "
            f"passed={self.passed()}, checked {self.num_checked} of "
            f"{self.num_params} parameters)"
        )


def _relative_difference(gradient, approximation):
    numerator = np.linalg.norm(gradient - approximation)
    denominator = np.linalg.norm(gradient) + np.linalg.norm(approximation)
    return float(numerator / denominator) if denominator > 0 else 0.0


def _as_float64(config):
    """A config with every float32 dtype (policies included) made float64."""
    if isinstance(config, dict):
        if config.get("class_name") == "DTypePolicy" and isinstance(
            config.get("config"), dict
        ):
            return {**config, "config": {**config["config"], "name": "float64"}}
        return {key: _as_float64(value) for key, value in config.items()}
    if isinstance(config, list):
        return [_as_float64(value) for value in config]
    return "float64" if config in ("float32", "float16", "bfloat16") else config


def _float64_clone(obj, x):
    # The object's own classes, so that a custom layer need not be registered.
    classes = {type(layer).__name__: type(layer) for layer in flatten_layers(obj)}
    with keras.saving.custom_object_scope(classes):
        clone = keras.saving.deserialize_keras_object(
            _as_float64(keras.saving.serialize_keras_object(obj)), safe_mode=False
        )
    if not clone.built:
        clone(x)
    values = [np.asarray(w.numpy()) for w in obj.weights]
    clone.set_weights(
        [v.astype("float64") if np.issubdtype(v.dtype, np.floating) else v
         for v in values]
    )  # fmt: skip
    return clone


def _loss_function(loss, y):
    if y is None:
        if loss is not None:
            raise ValueError("`loss` needs targets `y`.")

        def half_sum_of_squares(outputs):
            flat = keras.tree.flatten(outputs)
            return 0.5 * sum(keras.ops.sum(keras.ops.square(o)) for o in flat)

        return half_sum_of_squares
    loss = keras.losses.get("mse" if loss is None else loss)
    if isinstance(loss, keras.losses.Loss):  # computes in its own dtype
        loss = type(loss).from_config({**loss.get_config(), "dtype": "float64"})
    y = keras.tree.map_structure(lambda v: keras.ops.convert_to_tensor(v), y)

    def cost(outputs):
        return keras.ops.mean(loss(y, outputs))

    return cost


def _compiled_cost_and_gradient(clone, x, cost):
    """`(J(values), dJ/dvalues(values))` as compiled backend functions of the
    trainable values (a list), the rest of the clone held fixed."""
    fixed = [v.value for v in clone.non_trainable_variables]
    call_arguments = inspect.signature(clone.call).parameters
    kwargs = {"training": False} if "training" in call_arguments else {}

    def J(values):
        outputs, _ = clone.stateless_call(values, fixed, x, **kwargs)
        return cost(outputs)

    with_gradient = value_and_grad(J, "gradient_check")
    return (
        compile_function(J, "gradient_check"),
        compile_function(lambda values: with_gradient(values)[1], "gradient_check"),
    )


@keras_course_export("keras_course.ops.gradient_check")
def gradient_check(model_or_layer, x, y=None, loss=None, epsilon=1e-7,
                   max_params=None, seed=None):  # fmt: skip
    """The course's two-sided numerical gradient check, on a Keras model.

    For each checked parameter `θ_i`, `g_approx_i = (J(θ + ε e_i) - J(θ - ε
    e_i)) / 2ε`; the result compares it with the backend's gradient `g` by
    the course's relative difference `||g - g_approx|| / (||g|| +
    ||g_approx||)`, overall and per weight.

    How: the model (or layer) is cloned from its config with every dtype set
    to float64 and the weights copied (the user's model is never touched),
    and called through `stateless_call` in inference mode (no dropout;
    BatchNorm uses its moving averages). The analytic gradient comes from the
    backend, with `tf.GradientTape` on TensorFlow and `jax.grad` on JAX,
    both compiled; the cost `J` is compiled once and evaluated twice per
    checked parameter. For its own duration only, the check makes float64
    Keras's default float and dtype policy (models such as `Sequential`
    take their policy from there), turns JAX's 64-bit types on
    (`jax.enable_x64`), without which JAX computes in float32, and on JAX
    keeps Keras's type promotion from narrowing float64 results to float32.

    Args:
        model_or_layer: a built Keras model or layer with trainable weights.
        x: a batch of inputs (float; integers only for integer inputs such
            as an `Embedding`'s).
        y: targets, or None to use `J = ½ Σ outputs²`.
        loss: a Keras loss (name, function or object) for `y`; MSE by
            default.
        epsilon: float > 0, the perturbation. Defaults to the course's 1e-7.
        max_params: int or None: check a random subset of this many
            parameters (all of them by default).
        seed: int or None, for the subset.

    Returns:
        A `GradientCheckResult`: `difference`, `per_weight`, `passed()`.

    Example:

    >>> model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, "tanh"),
    ...                           keras.layers.Dense(1)])
    >>> x = np.random.default_rng(0).normal(size=(5, 3))
    >>> gradient_check(model, x, np.ones((5, 1))).passed()
    True
    """
    with _float64_mode():
        return _gradient_check(model_or_layer, x, y, loss, epsilon, max_params, seed)


@contextlib.contextmanager
def _float64_mode():
    """float64 as Keras's default float and dtype policy (and JAX's 64-bit
    types on) for the duration of the check; everything put back after."""
    floatx, policy = keras.config.floatx(), keras.config.dtype_policy()
    narrowing, saved = bit64_to_bit32_table(), None
    with contextlib.ExitStack() as stack:
        if keras.backend.backend() == "jax":
            import jax

            if hasattr(jax, "enable_x64"):
                stack.enter_context(jax.enable_x64(True))
            else:  # older JAX
                from jax.experimental import enable_x64

                stack.enter_context(enable_x64())
            # Off TensorFlow, Keras's type promotion turns float64 results
            # (of tanh, sigmoid, ...) into float32, as JAX does by default;
            # a float64 check needs them kept.
            if narrowing is not None:
                saved = dict(narrowing)
                narrowing.pop("float64", None)
        keras.config.set_floatx("float64")
        keras.config.set_dtype_policy("float64")
        try:
            yield
        finally:
            keras.config.set_floatx(floatx)
            keras.config.set_dtype_policy(policy)
            if saved is not None:
                narrowing.clear()
                narrowing.update(saved)


def _gradient_check(model_or_layer, x, y, loss, epsilon, max_params, seed):
    epsilon = check_number("epsilon", epsilon, positive=True)
    if not isinstance(model_or_layer, keras.layers.Layer):
        raise ValueError(
            "`model_or_layer` must be a Keras model or layer. Received: "
            f"{model_or_layer!r:.80}"
        )
    started = time.perf_counter()
    x = keras.tree.map_structure(np.asarray, x)
    inputs = keras.tree.flatten(x)
    declared = [
        getattr(t, "dtype", None) for t in getattr(model_or_layer, "inputs", []) or []
    ]
    for index, array in enumerate(inputs):
        declared_dtype = str(declared[index]) if index < len(declared) else "float32"
        if np.issubdtype(array.dtype, np.integer) and "int" not in declared_dtype:
            raise ValueError(
                "`x` holds integers where the model takes floats; a gradient "
                "check perturbs the weights of a model of float inputs, so "
                "cast `x` to float first (integer `x` is for integer inputs "
                "such as an Embedding's)."
            )
    x = keras.tree.map_structure(
        lambda a: a.astype("float64") if np.issubdtype(a.dtype, np.floating) else a, x
    )
    if not model_or_layer.built:
        model_or_layer(x)
    if not model_or_layer.trainable_weights:
        raise ValueError(f"{model_or_layer.name} has no trainable weights to check.")
    clone = _float64_clone(model_or_layer, x)
    cost = _loss_function(loss, y)
    J, gradient_of = _compiled_cost_and_gradient(clone, x, cost)
    values = [np.asarray(v.numpy()) for v in clone.trainable_variables]
    shapes = [v.shape for v in values]
    sizes = [v.size for v in values]
    flat = np.concatenate([v.ravel() for v in values])
    gradient = np.concatenate(
        [np.asarray(keras.ops.convert_to_numpy(g)).ravel()
         for g in gradient_of([keras.ops.convert_to_tensor(v) for v in values])]
    )  # fmt: skip
    chosen = np.arange(flat.size)
    if max_params is not None and check_int("max_params", max_params) < flat.size:
        rng = np.random.default_rng(seed)
        chosen = np.sort(rng.choice(flat.size, max_params, replace=False))

    def cost_at(theta):
        parts = np.split(theta, np.cumsum(sizes)[:-1])
        tensors = [
            keras.ops.convert_to_tensor(p.reshape(s))
            for p, s in zip(parts, shapes, strict=True)
        ]
        return float(keras.ops.convert_to_numpy(J(tensors)))

    approximation = np.empty(len(chosen))
    for k, i in enumerate(chosen):
        theta = flat.copy()
        theta[i] = flat[i] + epsilon
        plus = cost_at(theta)
        theta[i] = flat[i] - epsilon
        approximation[k] = (plus - cost_at(theta)) / (2 * epsilon)
    checked = gradient[chosen]
    owner = np.searchsorted(np.cumsum(sizes), chosen, side="right")
    per_weight = {}
    for index, variable in enumerate(model_or_layer.trainable_weights):
        mine = owner == index
        if mine.any():
            per_weight[variable.path] = _relative_difference(
                checked[mine], approximation[mine]
            )
    return GradientCheckResult(
        _relative_difference(checked, approximation),
        per_weight,
        len(chosen),
        flat.size,
        gradient=checked,
        approximation=approximation,
        seconds=time.perf_counter() - started,
    )
