"""Keras's cuDNN LSTM under JAX against its own loop, on a GPU: outputs and
gradients of the same weights.

`gpu_numerics.py` found that the `DateTranslator` recipe trains on the loop
and not on the cuDNN path; this says which part differs. For each layer
below (built once, then a twin from the same config with `use_cudnn=False`
and the same weights), it prints the relative error (`|a - b| / |b|`, over
all elements) of the outputs and of the gradients of `sum(outputs * r)`
(`r` fixed random) with respect to the inputs and to each weight, at JAX's
default matmul precision and at `"highest"`:

- `lstm`: `LSTM(64, return_sequences=True)`;
- `lstm_last`: the same with `return_sequences=False`;
- `lstm_backwards`: `go_backwards=True, return_sequences=True`;
- `bidirectional`: `Bidirectional(LSTM(64, return_sequences=True))`, which
  Keras 3.15 fuses into one bidirectional cuDNN call;
- the `*_32_units`, `*_weights_only`, `*_one_hot` and `*_as_encoder`
  variants, which look for what the DateTranslator's encoder has;
- `heads`: other losses than `sum(outputs * r)` (see `_heads`), with the
  slope along the loop's gradient by each path and by finite differences,
  and the layouts XLA gave cuDNN's `y` and `dy` (found the cause: a
  weighted sum over time hands the backward pass `dy` in layout `{1,2,0}`);
  `heads:a+b` runs only heads `a` and `b`;
- `date_translator`: a fresh `DateTranslator`'s loss and its gradients on
  100 generated dates, and its logits on 2,000 (one batch, as
  `exact_match` predicts), encoder on cuDNN against encoder on the loop;
- `applications`: every application with an LSTM that reaches cuDNN, the
  gradients of all its weights.

Float32 rounding alone gives errors near 1e-6 (TF32 near 1e-3); a wrong
computation gives errors near 1. On a CPU both sides are the loop (0).

    KERAS_BACKEND=jax python benchmarks/gpu_lstm_paths.py [--only NAMES]
        [--precisions default,highest] [--out PATH]
"""

import argparse

import numpy as np
from _report import new_record, write_record

SEQUENCES = {"return_sequences": True}
# name: (LSTM options, bidirectional, units, gradient for the inputs too,
# one-hot inputs). The last five look for what the DateTranslator's encoder
# has and the first four lack: 32 units, gradients for the weights alone,
# one-hot inputs.
LAYERS = {
    "lstm": (SEQUENCES, False, 64, True, False),
    "lstm_last": ({"return_sequences": False}, False, 64, True, False),
    "lstm_backwards": ({**SEQUENCES, "go_backwards": True}, False, 64, True, False),
    "bidirectional": (SEQUENCES, True, 64, True, False),
    "bidirectional_32_units": (SEQUENCES, True, 32, True, False),
    "bidirectional_weights_only": (SEQUENCES, True, 64, False, False),
    "lstm_weights_only": (SEQUENCES, False, 64, False, False),
    "bidirectional_one_hot": (SEQUENCES, True, 64, True, True),
    "bidirectional_as_encoder": (SEQUENCES, True, 32, False, True),
}


def _make(options, bidirectional, units, use_cudnn):
    import keras

    layer = keras.layers.LSTM(units, use_cudnn=use_cudnn, **options)
    if bidirectional:
        layer = keras.layers.Bidirectional(layer)
        layer.forward_layer.use_cudnn = use_cudnn
        layer.backward_layer.use_cudnn = use_cudnn
    return layer


def _values_and_grads(layer, x, r, wrt_inputs, head=None):
    import jax
    import jax.numpy as jnp

    frozen = [v.value for v in layer.non_trainable_variables]
    head = head or (lambda out: jnp.sum(out * r))

    def loss(weights, x):
        out, _ = layer.stateless_call(weights, frozen, x)
        return head(out), out

    argnums = (0, 1) if wrt_inputs else 0
    (_, out), grads = jax.jit(jax.value_and_grad(loss, argnums, has_aux=True))(
        [v.value for v in layer.trainable_variables], x
    )
    weight_grads = grads[0] if wrt_inputs else grads
    named = [("outputs", out)] + ([("d inputs", grads[1])] if wrt_inputs else [])
    return named + [
        (f"d {v.path}", g)
        for v, g in zip(layer.trainable_variables, weight_grads, strict=True)
    ]


def _model_errors():
    import jax
    import keras

    from keras_course.applications import DateTranslator
    from keras_course.datasets import generate_dates

    keras.utils.set_random_seed(0)
    model = DateTranslator()
    human, machine = zip(*generate_dates(2000, seed=0), strict=True)
    x = model.encode_inputs(list(human[:100]))
    y = model.encode_targets(list(machine[:100]))
    many = model.encode_inputs(list(human))
    trainable = [v.value for v in model.trainable_variables]
    frozen = [v.value for v in model.non_trainable_variables]
    results, gradients, losses = [], [], []
    for use_cudnn in ("auto", False):
        model.encoder.forward_layer.use_cudnn = use_cudnn
        model.encoder.backward_layer.use_cudnn = use_cudnn

        # Fresh functions for each path: jax.jit caches by function.
        def loss(weights):
            logits, _ = model.stateless_call(weights, frozen, x, training=True)
            return model.loss(y, logits)

        def logits(weights):
            return model.stateless_call(weights, frozen, many)[0]

        value, grads = jax.jit(jax.value_and_grad(loss))(trainable)
        gradients.append(grads)
        losses.append(jax.jit(loss))
        results.append(
            [("loss", value), ("logits, 2000 dates", jax.jit(logits)(trainable))]
            + [
                (f"d {v.path}", g)
                for v, g in zip(model.trainable_variables, grads, strict=True)
            ]
        )
    encoder = ["/encoder/" in v.path for v in model.trainable_variables]
    return results, _directional(trainable, gradients, losses[1], encoder)


def _directional(weights, gradients, loss, chosen):
    """The loss's derivative along the loop's (unit) gradient for the
    `chosen` weights: from each path's gradient, and from a central
    difference of the loop's loss."""
    flat = [
        np.concatenate(
            [np.ravel(g) * keep for g, keep in zip(grads, chosen, strict=True)]
        )
        for grads in gradients
    ]
    direction = flat[1] / np.linalg.norm(flat[1])
    sizes = np.cumsum([np.size(w) for w in weights])[:-1]
    pieces = np.split(direction, sizes)
    step = 1e-2

    def moved(sign):
        return [
            w + sign * step * piece.reshape(np.shape(w)).astype("float32")
            for w, piece in zip(weights, pieces, strict=True)
        ]

    difference = (float(loss(moved(1))) - float(loss(moved(-1)))) / (2 * step)
    return {
        "cudnn": float(flat[0] @ direction),
        "loop": float(flat[1] @ direction),
        "central difference": difference,
    }


def _applications():
    """name: (model, inputs): each application with an LSTM that reaches
    cuDNN (Seq2SeqTranslator's decoder; its masked encoder runs on Keras's
    loop), at its defaults or the course's sizes, 64 examples."""
    from keras_course import applications as apps

    rng = np.random.default_rng(0)
    lines = ["shall i compare thee to a summer's day", "thou art more lovely"] * 20
    melodies = [["0,1", "2,0.5", "R,1", "4,0.5", "7,2"] * 30]
    names = ["ada", "bob", "cy", "di", "eve", "fay"] * 10
    models = {
        f"TimeSeriesForecaster-{arch}": (
            apps.TimeSeriesForecaster(architecture=arch),
            rng.normal(size=(64, 30)),
        )
        for arch in ("lstm", "bilstm", "conv_lstm")
    }
    for arch in ("lstm", "bilstm"):
        models[f"SentimentClassifier-{arch}"] = (
            apps.SentimentClassifier(architecture=arch),
            rng.integers(1, 1000, (64, 120)),
        )
    models["PoetryGenerator"] = (
        apps.PoetryGenerator.from_corpus(lines),
        rng.integers(1, 10, (64, 7)),
    )
    models["JazzImproviser"] = (
        apps.JazzImproviser.from_melodies(melodies),
        rng.integers(1, 5, (64, 30)),
    )
    models["CharLanguageModel-lstm"] = (
        apps.CharLanguageModel.from_names(names, architecture="lstm"),
        rng.integers(1, 5, (64, 5)),
    )
    pairs = [("one two three", "1 2 3"), ("two one", "2 1"), ("three", "3")] * 5
    translator = apps.Seq2SeqTranslator.from_pairs(pairs)
    models["Seq2SeqTranslator"] = (
        translator,
        [
            rng.integers(1, 5, (64, translator.sequence_length)),
            rng.integers(1, 5, (64, translator.target_length + 1)),
        ],
    )
    return models


def _application_errors(model, x):
    """Gradients of `sum(model(x) * r)` (training) with every LSTM on cuDNN
    against every LSTM on the loop: the worst relative error over the
    LSTMs' weights and over the others'."""
    import jax
    import jax.numpy as jnp
    import keras

    from keras_course._keras_internals import flatten_layers

    lstms = [
        layer for layer in flatten_layers(model) if isinstance(layer, keras.layers.LSTM)
    ]
    trainable = [v.value for v in model.trainable_variables]
    frozen = [v.value for v in model.non_trainable_variables]
    x = keras.tree.map_structure(keras.ops.convert_to_tensor, x)
    shape = model.compute_output_spec(x).shape
    r = jnp.asarray(np.random.default_rng(1).normal(size=shape), "float32")
    gradients = []
    for use_cudnn in ("auto", False):
        for layer in lstms:
            layer.use_cudnn = use_cudnn

        def loss(weights):
            out, _ = model.stateless_call(weights, frozen, x, training=True)
            return jnp.sum(out * r)

        gradients.append(jax.jit(jax.grad(loss))(trainable))
    lstm_weights = {id(w) for layer in lstms for w in layer.trainable_variables}
    errors = {"LSTM weights": 0.0, "other weights": 0.0}
    for v, a, b in zip(model.trainable_variables, *gradients, strict=True):
        a, b = np.asarray(a, "float64"), np.asarray(b, "float64")
        error = float(np.linalg.norm(a - b) / max(np.linalg.norm(b), 1e-30))
        key = "LSTM weights" if id(v) in lstm_weights else "other weights"
        errors[key] = max(errors[key], error)
    return errors


def _heads():
    """name: a function of the LSTM's `(batch, time, features)` outputs to
    a scalar. Each hands cuDNN's backward pass a cotangent made another way:
    `sum` a fixed array; `small` the same times 1e-2; `transposed` through
    a time-major transpose (which XLA may turn into a layout instead of a
    copy); `weighted_sum` one fixed softmax-weighted sum over time;
    `ten_sums` ten fixed linear heads, added; `attention` the
    DateTranslator's use, ten softmax-weighted sums over time through tanh;
    `last_step` only the last step's; `keras_attention` through
    `keras.layers.Attention` with the outputs as value, 10 fixed queries;
    `one_step_attention` through this library's `OneStepAttention` (the
    DateTranslator's) for one fixed decoder state."""
    import jax
    import jax.numpy as jnp
    import keras

    from keras_course.layers import OneStepAttention

    rng = np.random.default_rng(2)
    r = jnp.asarray(rng.normal(size=(10, 100, 30, 64)), "float32")
    w = jax.nn.softmax(jnp.asarray(rng.normal(size=(10, 100, 30)), "float32"), axis=2)
    keras.utils.set_random_seed(1)
    attention = keras.layers.Attention()
    one_step = OneStepAttention()
    one_step.build([(None, 30, 64), (None, 16)])
    return {
        "sum": lambda out: jnp.sum(out * r[0]),
        "small": lambda out: jnp.sum(out * r[0] * 1e-2),
        "transposed": lambda out: jnp.sum(
            jnp.transpose(out, (1, 0, 2)) * jnp.transpose(r[0], (1, 0, 2))
        ),
        "weighted_sum": lambda out: jnp.sum(
            jnp.einsum("bt,btf->bf", w[0], out) * r[0, :, 0]
        ),
        "sin_weighted_sum": lambda out: jnp.sum(
            jnp.einsum("bt,btf->bf", w[0], jnp.sin(out)) * r[0, :, 0]
        ),
        "ten_sums": lambda out: sum(jnp.sum(out * r[k]) for k in range(10)),
        "attention": lambda out: sum(
            jnp.sum(jnp.tanh(jnp.einsum("bt,btf->bf", w[k], out))) for k in range(10)
        ),
        "last_step": lambda out: jnp.sum(out[:, -1] * r[0, :, -1]),
        "keras_attention": lambda out: jnp.sum(
            attention([r[1, :, :10, : out.shape[-1]], out]) * r[0, :, :10]
        ),
        "one_step_attention": lambda out: jnp.sum(
            one_step([out, r[2, :, 0, :16]]) * r[0, :, 0]
        ),
    }


def _head_errors(names=None):
    """For `LSTM(64, return_sequences=True)` and a `Bidirectional(...)` of
    32 units (the encoder's size) on one-hot inputs, for each head in
    `_heads` (or those in `names`), cuDNN against the loop: the outputs'
    relative error, the worst over the weight gradients, the layouts XLA gave
    cuDNN, and the slope along the loop's gradient from each path and from a
    central difference."""
    import keras

    rng = np.random.default_rng(0)
    x = np.eye(37, dtype="float32")[rng.integers(0, 37, size=(100, 30))]
    errors = {}
    layers = (("lstm", False, 64), ("bidirectional", True, 32))
    for label, bidirectional, units in layers:
        keras.utils.set_random_seed(0)
        pair = [_make(SEQUENCES, bidirectional, units, way) for way in ("auto", False)]
        for layer in pair:
            layer.build(x.shape)
        pair[1].set_weights(pair[0].get_weights())
        for head_name, head in _heads().items():
            if not names or head_name in names:
                found = _head_error(pair, x, head)
                errors.update({f"{label}, {head_name}{k}": v for k, v in found.items()})
    return errors


def _head_error(pair, x, head):
    import jax

    def loss_of(layer):
        frozen = [v.value for v in layer.non_trainable_variables]
        return lambda weights: head(layer.stateless_call(weights, frozen, x)[0])

    found = [_values_and_grads(layer, x, None, False, head) for layer in pair]
    errors = _errors(*found)
    result = {
        ", outputs": errors["outputs"],
        "": max(v for k, v in errors.items() if k.startswith("d ")),
    }
    weights = [v.value for v in pair[1].trainable_variables]
    compiled = jax.jit(jax.grad(loss_of(pair[0]))).lower(weights).compile()
    for role, layout in _cudnn_layouts(compiled.as_text()).items():
        result[f", {role} layout"] = layout
    slopes = _directional(
        weights,
        [[g for _, g in grads[1:]] for grads in found],
        jax.jit(loss_of(pair[1])),
        [True] * len(weights),
    )
    result.update({f", slope {way}": slope for way, slope in slopes.items()})
    return result


def _cudnn_layouts(hlo):
    """From compiled HLO text, the layouts XLA gave the cuDNN calls' `y`
    (the forward's first result) and `dy` (the backward's first operand):
    `{2,1,0}` is the row-major layout cuDNN reads and writes."""
    import re

    found = {}
    for line in hlo.splitlines():
        if "dnn_rnn_ffi" in line and "y" not in found:
            found["y"] = re.search(r"= \(\w+\[[\d,]*\](\{[\d,]*\})", line).group(1)
        if "dnn_rnn_bwd_ffi" in line and "dy" not in found:
            operand = re.search(r"custom-call\((%[\w.-]+)", line).group(1)
            definition = re.search(
                rf"{re.escape(operand)} = \w+\[[\d,]*\](\{{[\d,]*\}})", hlo
            )
            found["dy"] = definition.group(1) if definition else "unknown"
    return found


def compare(name, precision):
    import jax
    import keras

    jax.config.update(
        "jax_default_matmul_precision", None if precision == "default" else precision
    )
    if name == "applications":
        return {
            f"{app}, {kind}": error
            for app, (model, x) in _applications().items()
            for kind, error in _application_errors(model, x).items()
        }
    if name.startswith("heads"):
        return _head_errors(name.partition(":")[2].split("+") if ":" in name else None)
    if name == "date_translator":
        results, directional = _model_errors()
        return {
            **_errors(*results),
            **{f"along the encoder's gradient, {k}": v for k, v in directional.items()},
        }
    options, bidirectional, units, wrt_inputs, one_hot = LAYERS[name]
    rng = np.random.default_rng(0)
    x = rng.normal(size=(100, 30, 37)).astype("float32")
    if one_hot:
        x = np.eye(37, dtype="float32")[rng.integers(0, 37, size=(100, 30))]
    keras.utils.set_random_seed(0)
    fused = _make(options, bidirectional, units, "auto")
    loop = _make(options, bidirectional, units, False)
    out_shape = fused.compute_output_shape(x.shape)
    loop.build(x.shape)
    fused.build(x.shape)
    loop.set_weights(fused.get_weights())
    r = rng.normal(size=out_shape).astype("float32")
    return _errors(
        _values_and_grads(fused, x, r, wrt_inputs),
        _values_and_grads(loop, x, r, wrt_inputs),
    )


def _errors(fused, loop):
    errors = {}
    for (label, a), (_, b) in zip(fused, loop, strict=True):
        a, b = np.asarray(a, "float64"), np.asarray(b, "float64")
        errors[label] = float(np.linalg.norm(a - b) / max(np.linalg.norm(b), 1e-30))
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="write the errors to this JSON record")
    parser.add_argument("--precisions", default="default,highest")
    parser.add_argument("--only", help="comma-separated names (default: all)")
    args = parser.parse_args()
    import keras

    record = new_record(errors={})
    record["devices"] = [str(d) for d in keras.distribution.list_devices()]
    print(f"devices: {', '.join(record['devices'])}")
    everything = [*LAYERS, "heads", "date_translator", "applications"]
    names = args.only.split(",") if args.only else everything
    for precision in args.precisions.split(","):
        for name in names:
            errors = compare(name, precision)
            record["errors"][f"{name}, {precision}"] = errors
            print(f"{name}, precision {precision}:")
            for label, value in errors.items():
                shown = value if isinstance(value, str) else f"{value:.3g}"
                print(f"  {label:40s} {shown}")
    if args.out:
        write_record(args.out, record)


if __name__ == "__main__":
    main()
