import json
import warnings
from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_course.callbacks import (
    LRFinder,
    LRFinderResult,
    find_learning_rate,
    lr_finder,
)
from keras_course.callbacks.lr_finder import SUGGESTION_METHODS
from keras_course.testing import TestCase, without_autotune

X = np.random.default_rng(0).normal(size=(256, 4)).astype("float32")
Y = X @ np.array([[1.0], [-2.0], [0.5], [3.0]], "float32") + 1.0


def regression_model(optimizer=None):
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(1),
        ]
    )
    model.compile(optimizer or keras.optimizers.Adam(1e-3), loss="mse")
    return model


def state(model):
    return [np.copy(w) for w in model.get_weights()], [
        np.copy(v.numpy()) for v in model.optimizer.variables
    ]


def assert_same_state(before, after):
    for group_before, group_after in zip(before, after, strict=True):
        assert len(group_before) == len(group_after)
        for a, b in zip(group_before, group_after, strict=True):
            np.testing.assert_array_equal(a, b)  # bit for bit


def trained_model(optimizer=None):
    keras.utils.set_random_seed(0)
    model = regression_model(optimizer)
    model.fit(X, Y, epochs=1, verbose=0)  # non-zero slots and iterations
    return model


@pytest.fixture(params=["compiled", "fit"])
def sweep_path(request, monkeypatch):
    """Runs a test through find_learning_rate's compiled sweeps (TensorFlow,
    a dataset or arrays) and through `fit` (JAX, strategies, generators)."""
    if request.param == "fit":
        monkeypatch.setattr(lr_finder, "_compiles", lambda model, data: False)
    elif keras.backend.backend() != "tensorflow":
        pytest.skip("the compiled sweeps are TensorFlow's; JAX sweeps through fit")
    else:

        def refuse(*args):
            raise AssertionError("the compiled path went through fit")

        monkeypatch.setattr(lr_finder, "_fit_sweeper", refuse)
    return request.param


def test_schedule_values():
    exponential = LRFinder(1e-4, 1.0, num_steps=5).schedule()
    np.testing.assert_allclose(exponential, [1e-4, 1e-3, 1e-2, 1e-1, 1.0])
    linear = LRFinder(0.1, 0.5, num_steps=5, mode="linear").schedule()
    np.testing.assert_allclose(linear, [0.1, 0.2, 0.3, 0.4, 0.5])


@pytest.mark.multi_backend
def test_sweep_records_every_batch_and_restores_bit_for_bit(sweep_path):
    model = trained_model(keras.optimizers.SGD(1e-3, momentum=0.5))
    before = state(model)
    result = find_learning_rate(
        model, X, Y, batch_size=16, start_lr=1e-4, end_lr=0.1, num_steps=40
    )
    assert len(result.lrs) == 40  # 16 batches an epoch: the sweep spans epochs
    np.testing.assert_allclose(result.lrs, np.geomspace(1e-4, 0.1, 40), rtol=1e-6)
    # The loss falls once the rate is large enough to learn: the rate moved
    # batch by batch (on JAX too, where the state lives outside the variables).
    assert np.mean(result.losses[-4:]) < 0.8 * np.mean(result.losses[:16])
    assert_same_state(before, state(model))
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-3)


@pytest.mark.multi_backend
def test_divergence_stops_early_and_still_restores(sweep_path):
    model = trained_model(keras.optimizers.SGD(0.01, momentum=0.9))
    before = state(model)
    # One sweep: its last step is where its own rule stopped it (a mean of
    # sweeps ends where the shortest did, which need not be a blow-up of
    # the mean).
    result = find_learning_rate(
        model, X, Y, start_lr=1e-4, end_lr=1e4, num_steps=100, sweeps=1
    )
    assert 10 < len(result.lrs) < 100
    last = result.smoothed_losses[-1]
    assert not np.isfinite(result.losses[-1]) or last > 4 * np.nanmin(
        result.smoothed_losses[:-1]
    )
    assert_same_state(before, state(model))


@pytest.mark.multi_backend
def test_the_sweep_starts_from_a_fresh_optimizer_state():
    # Momentum left by training at 0.05 would keep moving the weights at the
    # sweep's 1e-12: on the course DNN it made the loss rise 8x at 1e-8.
    model = trained_model(keras.optimizers.SGD(0.05, momentum=0.9))
    velocity = [v for v in model.optimizer.variables if "momentum" in v.path]
    assert max(np.abs(v.numpy()).max() for v in velocity) > 1e-4
    before = state(model)
    finder = LRFinder(1e-12, 1e-11, num_steps=3, restore=False)
    model.fit(X, Y, batch_size=32, epochs=1, verbose=0, callbacks=[finder])
    for old, new in zip(before[0], model.get_weights(), strict=True):
        np.testing.assert_allclose(new, old, atol=1e-7)
    assert int(model.optimizer.iterations) == 3  # counted from zero

    model = trained_model(keras.optimizers.SGD(0.05, momentum=0.9))
    before = state(model)
    find_learning_rate(model, X, Y, start_lr=1e-12, end_lr=1e-11, num_steps=3)
    assert_same_state(before, state(model))  # the velocity comes back too


def test_every_sweep_starts_from_a_fresh_optimizer_state(sweep_path):
    # The fresh state is built once and put back before each sweep: on one
    # batch, over and over, at ~0 rate, the three sweeps then see the same
    # losses (the old momentum, left in a later sweep, would move the weights).
    model = trained_model(keras.optimizers.SGD(0.05, momentum=0.9))
    data = tf.data.Dataset.from_tensors((X[:32], Y[:32])).repeat(8)
    result = find_learning_rate(model, data, start_lr=1e-12, end_lr=1e-11, num_steps=4)
    first, *later = result.sweep_losses
    assert len(later) == 2 and len(first) == 4
    for losses in later:
        np.testing.assert_allclose(losses, first, rtol=1e-6)


def test_an_optimizer_that_cannot_be_rebuilt_warns_and_sweeps_on():
    class Scaled(keras.optimizers.SGD):
        def __init__(self, scale, **kwargs):  # `scale` is not in its config
            super().__init__(**kwargs)
            self.scale = scale

    model = trained_model(Scaled(2.0, learning_rate=1e-3))
    with pytest.warns(UserWarning, match="could not reset the Scaled"):
        result = find_learning_rate(model, X, Y, num_steps=10)
    assert len(result.lrs) == 10


def test_each_batch_loss_is_recorded(sweep_path):
    # Zero weights and a negligible rate: batch b of the (unshuffled) dataset
    # has loss c_b ** 2 exactly (through fit, recovered from Keras's running
    # mean; compiled, read off each step).
    model = keras.Sequential(
        [keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="zeros")]
    )
    model.compile(keras.optimizers.SGD(1e-3), loss="mse")
    targets = np.repeat(np.array([1.0, 3.0, 2.0, 5.0], "float32"), 8)[:, None]
    dataset = tf.data.Dataset.from_tensor_slices(
        (np.zeros_like(targets), targets)
    ).batch(8)
    result = find_learning_rate(
        model, dataset, start_lr=1e-12, end_lr=1e-11, num_steps=8, stop_factor=1e9
    )
    np.testing.assert_allclose(result.losses, [1, 9, 4, 25] * 2, rtol=1e-4)


def test_infinite_dataset(sweep_path):
    dataset = tf.data.Dataset.from_tensor_slices((X, Y)).repeat().batch(32)
    model = regression_model()
    result = find_learning_rate(model, dataset, num_steps=12, end_lr=1e-2)
    assert len(result.lrs) == 12


@pytest.mark.multi_backend
def test_sweeps_are_averaged_each_with_its_own_batch_order():
    # Seeded, TensorFlow's fit draws the same batch order every time: without
    # a reshuffle, three sweeps would be one sweep three times.
    model = trained_model()  # seeds 0
    before = state(model)
    result = find_learning_rate(model, X, Y, end_lr=1e-2, num_steps=20, sweeps=3)
    runs = np.asarray(result.sweep_losses)
    assert runs.shape == (3, 20)
    assert not np.allclose(runs[0], runs[1]) and not np.allclose(runs[1], runs[2])
    np.testing.assert_allclose(result.losses, runs.mean(axis=0))
    assert_same_state(before, state(model))
    # One sweep is the callback's own record.
    single = find_learning_rate(model, X, Y, end_lr=1e-2, num_steps=20, sweeps=1)
    assert single.sweep_losses is None and len(single.losses) == 20


def test_the_mean_of_sweeps_ends_where_the_first_sweep_stopped():
    mean = lr_finder._mean_of_sweeps([[1.0, 2.0, 3.0], [3.0, 4.0]])
    np.testing.assert_array_equal(mean, [2.0, 3.0, np.inf])
    model = trained_model(keras.optimizers.SGD(0.01, momentum=0.9))
    result = find_learning_rate(model, X, Y, start_lr=1e-4, end_lr=1e4, num_steps=100)
    lengths = [len(run) for run in result.sweep_losses]
    first_stop = min(lengths)
    assert len(result.lrs) == max(lengths)
    assert result.blowup <= first_stop
    assert not np.isfinite(result.losses[first_stop:]).any()
    assert np.isfinite(result.losses[:first_stop]).all()


def test_later_sweeps_stop_where_the_shortest_so_far_stopped(sweep_path):
    # The mean is inf past the shortest sweep, so no later sweep runs past it.
    # Here the first sweep meets a wild batch at its sixth step and stops;
    # the later ones see calm data at low rates and would run all 30 steps.
    served = []

    def batches():
        for i in range(8):
            served.append(i)
            scale = 1e3 if len(served) == 6 else 1.0
            yield X[32 * i : 32 * i + 32], scale * Y[32 * i : 32 * i + 32]

    signature = (
        tf.TensorSpec((None, 4), "float32"),
        tf.TensorSpec((None, 1), "float32"),
    )
    dataset = tf.data.Dataset.from_generator(batches, output_signature=signature)
    model = regression_model(keras.optimizers.SGD(0.01))
    result = find_learning_rate(
        model, dataset, start_lr=1e-6, end_lr=1e-3, num_steps=30
    )
    assert [len(run) for run in result.sweep_losses] == [6, 6, 6]
    # ... on the full sweep's rates.
    np.testing.assert_allclose(result.lrs, np.geomspace(1e-6, 1e-3, 30)[:6], rtol=1e-12)


def test_reshuffled_inputs_stay_aligned_and_are_cut_to_what_a_sweep_uses():
    a = np.arange(100.0)
    x, y = lr_finder._reshuffled({"a": a, "b": 2 * a}, 3 * a, needed=40)
    assert len(x["a"]) == len(y) == 40 and len(set(x["a"])) == 40
    np.testing.assert_array_equal(x["b"], 2 * x["a"])
    np.testing.assert_array_equal(y, 3 * x["a"])
    assert not np.array_equal(x["a"], a[:40])  # a new order


def test_reshuffled_past_the_last_sample_starts_another_order():
    a = np.arange(10.0)
    x, _ = lr_finder._reshuffled(a, None, needed=25)
    assert len(x) == 25
    assert sorted(x[:10]) == sorted(x[10:20]) == list(a)  # every sample, then again


@pytest.mark.parametrize("jit_compile", [False, True], ids=["graph", "xla"])
def test_the_compiled_sweep_is_the_sweep_through_fit(monkeypatch, jit_compile):
    # One order of 8 equal batches, 20 steps across three epochs: both paths
    # train on the same batches at the same rates and record the same losses.
    data = tf.data.Dataset.from_tensor_slices((X, Y)).batch(32)
    kwargs = dict(start_lr=1e-4, end_lr=1.0, num_steps=20, sweeps=1)

    def swept(compiled):
        model = trained_model(keras.optimizers.SGD(1e-3, momentum=0.9))
        # Compiled again: its loss and metrics are built in the first trace.
        model.compile(
            model.optimizer, loss="mse", metrics=["mae"], jit_compile=jit_compile
        )
        return find_learning_rate(model, data, compiled=compiled, **kwargs)

    compiled = swept(True)

    def refuse(*args):
        raise AssertionError("compiled=False went through the compiled sweeps")

    monkeypatch.setattr(lr_finder, "_compiled_sweeper", refuse)
    through_fit = swept(False)
    assert len(compiled.losses) == len(through_fit.losses) > 10
    np.testing.assert_allclose(compiled.losses, through_fit.losses, rtol=1e-4)


class LossWithoutTraining(keras.Sequential):
    """Overrides compute_loss in the pre-3.4 form, without `training`."""

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None):
        return 2.0 * super().compute_loss(x, y, y_pred, sample_weight)


@pytest.mark.parametrize("case", ["regularizer", "sample_weight", "compute_loss"])
def test_the_lean_compiled_step_trains_as_keras_train_step(monkeypatch, case):
    # The compiled sweeps train a model that keeps Keras's train_step with
    # their own step (no loss tracker, no metrics): the same losses as fit,
    # with a weight penalty in model.losses, sample weights in the data and
    # a compute_loss override that takes no `training`.
    regularizer = keras.regularizers.L2(0.1) if case == "regularizer" else None
    weights = np.random.default_rng(1).uniform(0.5, 1.5, len(X)).astype("float32")
    data = (X, Y, weights) if case == "sample_weight" else (X, Y)
    data = tf.data.Dataset.from_tensor_slices(data).batch(32)
    kind = LossWithoutTraining if case == "compute_loss" else keras.Sequential

    def swept(compiled):
        keras.utils.set_random_seed(0)
        model = kind(
            [
                keras.Input((4,)),
                keras.layers.Dense(8, "relu", kernel_regularizer=regularizer),
                keras.layers.Dense(1),
            ]
        )
        model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), loss="mse")
        return find_learning_rate(
            model,
            data,
            compiled=compiled,
            start_lr=1e-4,
            end_lr=0.1,
            num_steps=20,
            sweeps=1,
        ).losses

    lean = []
    monkeypatch.setattr(
        lr_finder,
        "_loss_step",
        lambda *a, f=lr_finder._loss_step: lean.append(1) or f(*a),
    )
    compiled = swept(True)
    assert lean, "the compiled sweep did not take the lean step"
    through_fit = swept(False)
    assert len(compiled) == len(through_fit) > 10
    np.testing.assert_allclose(compiled, through_fit, rtol=1e-4)


def test_compiled_sweeps_leave_the_models_metrics_alone():
    # The lean step never touches the metrics, so the model is unchanged
    # by the sweeps, its metrics' state included (Keras's train_step would
    # leave the last batch's loss and mae in them).
    model = regression_model()
    model.compile(model.optimizer, loss="mse", metrics=["mae"])
    model.evaluate(X, Y, verbose=0)
    before = [[np.copy(v.numpy()) for v in m.variables] for m in model.metrics]
    find_learning_rate(model, X, Y, num_steps=30)
    after = [[np.copy(v.numpy()) for v in m.variables] for m in model.metrics]
    assert before and len(before) == len(after)
    for group_before, group_after in zip(before, after, strict=True):
        for a, b in zip(group_before, group_after, strict=True):
            np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("data", ["arrays", "dataset"])
def test_compiled_sweeps_trace_once(monkeypatch, data):
    # Every sweep and every chunk, the last one shorter, reuse one trace
    # (arrays make a new iterator for each sweep).
    functions, original = [], lr_finder._sweep_function

    def recorded(*args):
        functions.append(original(*args))
        return functions[-1]

    monkeypatch.setattr(lr_finder, "_sweep_function", recorded)
    inputs = (
        (X, Y)
        if data == "arrays"
        else (tf.data.Dataset.from_tensor_slices((X, Y)).batch(32),)
    )
    result = find_learning_rate(regression_model(), *inputs, end_lr=1e-2, num_steps=45)
    assert [len(run) for run in result.sweep_losses] == [45, 45, 45]  # 3 chunks each
    assert len(functions) == 1
    assert functions[0].experimental_get_tracing_count() == 1


class NoAutocast(keras.Model):
    """Takes its inputs as they come: no cast to float32 on the way in."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(1, autocast=False)

    def call(self, x):
        return self.dense(x)


def test_float64_arrays_sweep_as_float32(sweep_path):
    # fit's array adapter casts floats to floatx; the compiled sweeps do too
    # (a layer that does not autocast would meet float64 inputs otherwise).
    def swept(dtype):
        keras.utils.set_random_seed(0)
        model = NoAutocast(autocast=False)
        model.compile(keras.optimizers.SGD(1e-3), loss="mse")
        x, y = X.astype(dtype), Y.astype(dtype)
        return find_learning_rate(model, x, y, end_lr=1e-2, num_steps=10).losses

    np.testing.assert_array_equal(swept("float64"), swept("float32"))


def test_an_unbuilt_model_in_a_users_fit_is_refused_clearly():
    # fit builds the model when it traces its step, after on_train_begin.
    model = NoAutocast()
    model.compile(keras.optimizers.SGD(1e-3), loss="mse")
    with pytest.raises(ValueError, match="LRFinder needs a built model"):
        model.fit(X, Y, epochs=1, verbose=0, callbacks=[LRFinder(num_steps=5)])
    model(X[:1])  # built: its Dense too (model.build would skip it)
    finder = LRFinder(num_steps=5)
    model.fit(X, Y, epochs=1, verbose=0, callbacks=[finder])
    assert len(finder.losses) == 5


def test_compiled_sweeps_need_a_loss_in_the_logs():
    class NoLoss(keras.Sequential):
        def train_step(self, data):
            return {"mae": keras.ops.mean(keras.ops.abs(self(data[0]) - data[1]))}

    model = NoLoss([keras.Input((4,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(1e-3), loss="mse")
    with pytest.raises(ValueError, match="no 'loss'. Received: \\['mae'\\]"):
        find_learning_rate(model, X, Y, num_steps=5)


def test_bad_sweeps_and_a_generator_swept_more_than_once():
    model = regression_model()
    for bad in (0, 1.5, "3"):
        with pytest.raises(ValueError, match="sweeps"):
            find_learning_rate(model, X, Y, sweeps=bad)
    with pytest.raises(TypeError, match="compiled=1"):
        find_learning_rate(model, X, Y, compiled=1)

    def batches():
        while True:
            yield X[:32], Y[:32]

    with pytest.raises(ValueError, match="sweeps=1"):
        find_learning_rate(model, batches(), num_steps=5)
    with warnings.catch_warnings():  # and it is not asked to shuffle
        warnings.filterwarnings("error", message=".*shuffle", category=UserWarning)
        result = find_learning_rate(model, batches(), num_steps=5, sweeps=1)
    assert len(result.lrs) == 5


@pytest.mark.parametrize("repeat", [False, True], ids=["finite", "infinite"])
def test_a_dataset_is_not_asked_to_shuffle(repeat):
    # Keras warns "`shuffle=True` was passed, but will be ignored" otherwise.
    dataset = tf.data.Dataset.from_tensor_slices((X, Y)).batch(32)
    if repeat:
        dataset = dataset.repeat()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*shuffle", category=UserWarning)
        find_learning_rate(regression_model(), dataset, num_steps=5)


def test_learning_rate_schedule_is_swept_and_put_back(sweep_path):
    schedule = keras.optimizers.schedules.ExponentialDecay(1e-2, 100, 0.5)
    model = trained_model(keras.optimizers.SGD(schedule))
    before = state(model)
    result = find_learning_rate(model, X, Y, start_lr=1e-6, end_lr=1.0, num_steps=30)
    assert len(result.lrs) >= 20
    assert model.optimizer._learning_rate is schedule
    assert_same_state(before, state(model))
    history = model.fit(X, Y, epochs=1, verbose=0)  # the schedule trains again
    assert np.isfinite(history.history["loss"][0])


def test_callback_in_a_users_fit():
    model = trained_model()
    before = state(model)
    finder = LRFinder(start_lr=1e-5, end_lr=1e-1, num_steps=10)
    model.fit(X, Y, batch_size=32, epochs=5, verbose=0, callbacks=[finder])
    assert len(finder.lrs) == 10
    assert isinstance(finder.result(), LRFinderResult)
    assert_same_state(before, state(model))


def test_restore_false_keeps_the_trained_weights():
    model = trained_model()
    before = state(model)
    finder = LRFinder(1e-4, 1e-2, num_steps=5, restore=False)
    model.fit(X, Y, epochs=1, verbose=0, callbacks=[finder])
    assert not np.array_equal(before[0][0], model.get_weights()[0])


def test_restore_false_still_puts_the_schedule_back():
    schedule = keras.optimizers.schedules.ExponentialDecay(1e-2, 100, 0.5)
    model = trained_model(keras.optimizers.SGD(schedule))
    finder = LRFinder(1e-4, 1e-2, num_steps=5, restore=False)
    model.fit(X, Y, epochs=1, verbose=0, callbacks=[finder])
    assert model.optimizer._learning_rate is schedule
    assert len(model.optimizer.variables) == 1  # the sweep's variable is gone


def test_keyboard_interrupt_restores(sweep_path, monkeypatch):
    model = trained_model()
    before = state(model)
    record = LRFinder._record

    def interrupted(finder, loss):  # a Ctrl-C at the fourth batch
        if len(finder.lrs) == 3:
            raise KeyboardInterrupt
        return record(finder, loss)

    monkeypatch.setattr(LRFinder, "_record", interrupted)
    with pytest.raises(KeyboardInterrupt):
        find_learning_rate(model, X, Y, start_lr=1e-3, end_lr=1.0, num_steps=50)
    assert_same_state(before, state(model))


def test_under_mirrored_strategy():
    strategy = tf.distribute.MirroredStrategy(
        ["/cpu:0", "/cpu:1"], cross_device_ops=tf.distribute.ReductionToOneDevice()
    )
    with strategy.scope():
        model = regression_model(keras.optimizers.SGD(0.01, momentum=0.9))
    dataset = tf.data.Dataset.from_tensor_slices((X, Y)).batch(32)
    dataset = dataset.with_options(without_autotune())
    model.fit(dataset, epochs=1, verbose=0, shuffle=False)
    before = state(model)
    result = find_learning_rate(model, dataset, start_lr=1e-5, end_lr=1.0, num_steps=20)
    assert len(result.lrs) >= 10
    assert_same_state(before, state(model))


def collapse_curve():
    """Falls near 1e-5, blows up (x3) at 1e-3, then falls again lower.

    The shape of the course DNN's sweep when its ReLUs die: past the blow-up
    the network predicts the mean and the loss dips under the first valley.
    """
    lrs = np.geomspace(1e-8, 1.0, 81)
    first = 1.0 / (1.0 + lrs / 1e-5)
    bump = 3.0 * np.exp(-((np.log10(lrs) + 3.0) ** 2) / 0.1)
    late = np.where(lrs > 1e-3, 0.5 * np.exp(-((np.log10(lrs) + 1.5) ** 2)), 0.0)
    return lrs, first + bump - late + 0.05


RESULTS = Path(__file__).parents[2] / "benchmarks" / "results"


def recorded_sweeps(problem, state):
    """The mean of the three sweeps `find_learning_rate` ran in the committed
    benchmark records (seeds 30-44), per seed: real curves, noise included."""
    curves = {}
    for path in sorted(RESULTS.glob("lr_finder_quality_seeds*_repeats3*.json")):
        for record in json.loads(path.read_text()):
            sweeps = record["curve"].get("sweeps")
            if sweeps and (record["problem"], record["state"]) == (problem, state):
                losses = lr_finder._mean_of_sweeps(sweeps)
                curves[record["seed"]] = (record["curve"]["lrs"][: len(losses)], losses)
    return curves


class TestLRFinderResult:
    def test_rules_on_a_clean_curve(self):
        lrs = np.geomspace(1e-7, 1.0, 71)
        loss = 1.0 / (1.0 + (lrs / 1e-4)) + (lrs / 1e-1) ** 2
        result = LRFinderResult(lrs, loss, loss)
        # The steepest descent is at 1e-4. Past it the loss is ~1e-4/lr +
        # (lr/0.1)**2: lowest where lr**3 = 5e-7 (10**-2.1, loss 0.019), twice
        # that (0.038) near lr = 0.0195 (10**-1.71).
        assert 1e-5 < result.valley < 1e-3
        assert result.suggestion("valley") == result.valley
        assert 3e-5 < result.suggestion("steepest") < 3e-4
        assert 10**-2.15 < result.minimum < 10**-2.05
        assert 10**-1.75 < result.diverged_at < 10**-1.65
        assert result.has_descent()
        # A tenth of the blow-up (10**-2.7) is below a third of the minimum
        # (10**-2.6): the lower one.
        assert 10**-2.75 < result.suggestion() < 10**-2.65
        assert 10**-3.15 < result.suggestion("minimum/10") < 10**-3.05

    def test_centered_smoothing_does_not_lag(self):
        # A noisy sweep whose true minimum is at 1e-2: the centred curve
        # finds it; the sweep's exponential average (0.98) lags past it.
        lrs = np.geomspace(1e-8, 10.0, 100)
        truth = 1.0 - 0.5 * np.exp(-((np.log10(lrs) + 2) ** 2) / 0.5)
        noisy = truth + np.random.default_rng(0).normal(0, 0.05, 100)
        ema, average = [], 0.0
        for i, value in enumerate(noisy):
            average = 0.98 * average + 0.02 * value
            ema.append(average / (1 - 0.98 ** (i + 1)))
        result = LRFinderResult(lrs, noisy, ema)
        assert 10**-2.5 < result.minimum < 10**-1.5
        assert lrs[np.argmin(ema)] > 10**-1.5  # half a decade late, or more

    def test_nothing_past_the_first_blowup_is_used(self):
        lrs, loss = collapse_curve()
        result = LRFinderResult(lrs, loss, loss)
        assert 1e-4 < result.diverged_at < 1e-3
        # The lowest loss of the whole curve lies past the blow-up.
        assert lrs[np.argmin(loss)] > result.diverged_at
        for method in SUGGESTION_METHODS:
            assert result.suggestion(method) < result.diverged_at / 2, method

    def test_a_flat_noisy_sweep_reads_the_blowup(self):
        # A trained model's sweeps as on the course DNN (the mean of three,
        # as find_learning_rate reads): flat, batch losses scattered
        # log-normally, blowing up past 5e-5. The lowest point is noise,
        # anywhere along the flat part: a third of it was 0.9's rule and
        # fell more than 10x below the course's 8e-6 on most draws.
        lrs = np.geomspace(1e-8, 10.0, 100)
        rng = np.random.default_rng(0)
        suggestions, thirds = [], []
        for _ in range(20):
            scatter = rng.lognormal(0.0, 0.4, (3, 100)).mean(axis=0)
            loss = scatter * (1.0 + (lrs / 5e-5) ** 2)
            result = LRFinderResult(lrs, loss, loss)
            with pytest.warns(UserWarning, match="no clear descent"):
                suggestions.append(result.suggestion())
            thirds.append(result.minimum / 3)
        assert all(8e-7 <= s <= 8e-5 for s in suggestions)
        assert sum(t < 8e-7 for t in thirds) >= 10

    def test_the_course_dnns_recorded_sweeps_suggest_near_the_course_rate(self):
        # The lab's set-up: the course DNN trained one epoch at 1e-6, swept
        # three times (benchmarks/lr_finder_quality.py, seeds 30-44). The
        # course reads 8e-6 off its plot; 0.9's rule read as low as 7.7e-8.
        curves = recorded_sweeps("course DNN (SGD, MSE)", "trained")
        assert len(curves) == 15
        for seed, (lrs, losses) in curves.items():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = LRFinderResult(lrs, losses, losses).suggestion()
            assert 8e-7 <= value <= 8e-5, seed

    def test_the_forecasters_recorded_sweeps_suggest_a_rate_that_trains(self):
        # TimeSeriesForecaster starts at its AR fit: its sweeps are flat.
        # 0.9 read 1.9e-8 - 8.1e-7 off 8 of the 10 trained ones, rates that
        # leave the model where it began; the grid's best were 2e-4 - 2e-2.
        for state in ("fresh", "trained"):
            curves = recorded_sweeps("TimeSeriesForecaster()", state)
            assert len(curves) == 15
            for seed, (lrs, losses) in curves.items():
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    value = LRFinderResult(lrs, losses, losses).suggestion()
                assert 1e-4 <= value <= 2e-2, (state, seed)

    def test_noise_is_the_standard_error_of_the_centred_loss(self):
        # Flat at 1 with Gaussian batch noise: `noise` predicts how far the
        # centred curve strays from 1, from the batch losses alone.
        rng = np.random.default_rng(0)
        lrs = np.geomspace(1e-8, 10.0, 400)
        errors = []
        for _ in range(20):
            loss = 1.0 + rng.normal(0.0, 0.1, 400)
            result = LRFinderResult(lrs, loss, loss)
            errors.append(result.centered_losses[50:-50] - 1.0)
        # A 0.15-decade Gaussian over 44 batches a decade averages ~23.
        assert result.noise == pytest.approx(0.1 / np.sqrt(23.4), rel=0.2)
        assert result.noise == pytest.approx(np.std(errors), rel=0.2)
        assert result.blowup == 400  # and the wobble is no blow-up
        assert not result.has_descent()

    def test_a_descent_is_counted_in_standard_errors(self):
        # The same 5% fall is a descent on a quiet curve and not on a noisy
        # one (0.9 counted any 5% fall, so noise read as descent).
        lrs = np.geomspace(1e-8, 10.0, 200)
        level = 1.0 - 0.05 / (1.0 + (1e-4 / lrs) ** 2) + (lrs / 1.0) ** 2
        rng = np.random.default_rng(0)
        quiet = level * (1 + rng.normal(0.0, 0.002, 200))
        noisy = level * (1 + rng.normal(0.0, 0.2, 200))
        assert LRFinderResult(lrs, quiet, quiet).has_descent()
        assert not LRFinderResult(lrs, noisy, noisy).has_descent()
        loose = LRFinderResult(lrs, noisy, noisy, min_descent=0.0)
        assert loose.has_descent()

    def test_no_descent_warns_once_and_stays_in_range(self):
        # A model trained already: flat, then blowing up where the loss
        # doubles, at 1e-2; the suggestion is a twentieth of that.
        lrs = np.geomspace(1e-8, 10.0, 91)
        loss = 1.0 + (lrs / 1e-2) ** 2
        result = LRFinderResult(lrs, loss, loss)
        with pytest.warns(UserWarning, match="no clear descent.*1/20 of the rate"):
            value = result.suggestion()
        assert 4.5e-4 < value < 6.5e-4
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert result.suggestion() == value  # no 2nd warning
        # The divisor is an argument, and the result never leaves the sweep.
        tenth = LRFinderResult(lrs, loss, loss, flat_divisor=10.0)
        with pytest.warns(UserWarning, match="1/10 of the rate"):
            assert tenth.suggestion() == pytest.approx(2 * value)
        short = LRFinderResult(lrs[50:], loss[50:], loss[50:], flat_divisor=1e6)
        with pytest.warns(UserWarning, match="no clear descent"):
            assert short.suggestion() == pytest.approx(lrs[50])

    def test_batch_noise_on_a_flat_curve_is_not_a_blowup(self):
        # A trained model's sweep as on the course DNN: flat, with batch
        # losses scattered widely (log-normal), until the rate is too high.
        lrs = np.geomspace(1e-8, 10.0, 100)
        noise = np.random.default_rng(0).lognormal(0.0, 0.4, 100)
        loss = noise * (1.0 + (lrs / 3e-5) ** 2)
        result = LRFinderResult(lrs, loss, loss)
        assert result.diverged_at > 1e-5  # the real blow-up, not the noise
        # The factor before 0.4, 1.5, fired on the noise.
        early = LRFinderResult(lrs, loss, loss, blowup_factor=1.5)
        assert early.diverged_at < 1e-6

    def test_a_low_first_few_batches_is_not_a_lowest_loss(self):
        # The course DNN trained one epoch (benchmark seed 20): its first
        # three batch losses were low by chance (96, 61, 53 against ~200);
        # the loss's own scatter passed twice that low at once. The lowest
        # value leaves out the first two smoothing widths.
        lrs = np.geomspace(1e-8, 10.0, 100)
        scatter = np.random.default_rng(1).lognormal(0.0, 0.4, 100)
        loss = scatter * (1.0 + (lrs / 1e-4) ** 2)
        loss[:3] = [0.45, 0.3, 0.25]
        result = LRFinderResult(lrs, loss, loss)
        assert result.diverged_at > 3e-5  # the real blow-up, at 1e-4
        centred = result.centered_losses
        assert np.any(centred[:20] > 2 * centred[:3].min())  # what would fire

    @pytest.mark.parametrize(
        "kwargs, message",
        [
            ({"blowup_factor": 1.0}, "`blowup_factor` must be > 1"),
            ({"smoothing_decades": 0.0}, "`smoothing_decades` must be a positive"),
            ({"min_descent": -1.0}, "`min_descent` must be >= 0"),
            ({"min_divisor": 0.5}, "`min_divisor` must be >= 1"),
            ({"blowup_divisor": float("nan")}, "`blowup_divisor` must be a finite"),
            ({"flat_divisor": "20"}, "`flat_divisor` must be a number"),
        ],
    )
    def test_bad_rule_arguments(self, kwargs, message):
        lrs, loss = collapse_curve()
        with pytest.raises(ValueError, match=message):
            LRFinderResult(lrs, loss, loss, **kwargs)

    def test_suggestion_never_below_the_sweep(self):
        lrs = np.geomspace(1e-8, 1e-6, 30)
        loss = np.linspace(1.0, 5.0, 30)  # rises from the first step
        with pytest.warns(UserWarning):
            assert LRFinderResult(lrs, loss, loss).suggestion() >= 1e-8

    def test_non_finite_values_end_the_stable_part(self):
        lrs = np.geomspace(1e-5, 1.0, 6)
        loss = np.array([3.0, 2.0, 1.0, 0.5, np.inf, np.nan])
        result = LRFinderResult(lrs, loss, loss)
        assert result.blowup == 4 and result.diverged_at == pytest.approx(1e-1)
        assert result.minimum == pytest.approx(1e-2)
        assert result.suggestion("minimum/10") == pytest.approx(1e-3)

    def test_too_short_a_sweep(self):
        with pytest.raises(ValueError, match="fewer than 3 finite, stable losses"):
            LRFinderResult([1e-3, 1e-2], [1.0, np.nan], [1.0, np.nan]).suggestion()

    def test_unknown_method(self):
        lrs, loss = collapse_curve()
        with pytest.raises(ValueError, match="`method` must be one of"):
            LRFinderResult(lrs, loss, loss).suggestion("eyeball")

    def test_lengths_must_match(self):
        with pytest.raises(ValueError, match="differ in length"):
            LRFinderResult([1e-3, 1e-2], [1.0], [1.0])

    def test_plot_marks_the_suggestion_and_the_blowup(self):
        lrs, loss = collapse_curve()
        result = LRFinderResult(lrs, loss, loss)
        ax = result.plot()
        assert ax.get_xscale() == "log"
        labels = {line.get_label(): line for line in ax.lines}
        marker = next(v for k, v in labels.items() if k.startswith("suggestion"))
        assert marker.get_xdata()[0] == pytest.approx(result.suggestion())
        minimum = next(v for k, v in labels.items() if k.startswith("minimum"))
        assert minimum.get_xdata()[0] == pytest.approx(result.minimum)
        blowup = next(v for k, v in labels.items() if k.startswith("blows up"))
        assert blowup.get_xdata()[0] == pytest.approx(result.diverged_at)
        assert not any("sweeps" in k for k in labels)
        # The mean of sweeps: each sweep faintly, up to where it stopped.
        runs = [loss * 1.1, loss * 0.9, loss[:40]]
        mean = lr_finder._mean_of_sweeps(runs)
        averaged = LRFinderResult(lrs, mean, mean, sweep_losses=runs)
        lines = averaged.plot().lines
        faint = [line for line in lines if line.get_alpha() == 0.1]
        assert [len(line.get_xdata()) for line in faint] == [len(lrs), len(lrs), 40]
        assert faint[0].get_label() == "each of 3 sweeps"
        assert any(line.get_label() == "mean batch loss" for line in lines)


class TestLRFinderConfig(TestCase):
    def test_config_round_trip_in_safe_mode(self):
        revived = self.run_config_test(
            LRFinder,
            {"start_lr": 1e-6, "end_lr": 1.0, "num_steps": 50, "mode": "linear"},
        )
        np.testing.assert_allclose(revived.schedule(), np.linspace(1e-6, 1.0, 50))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"start_lr": 1.0, "end_lr": 1.0}, "`start_lr` must be smaller than `end_lr`"),
        ({"start_lr": 0.0}, "`start_lr` must be a positive"),
        ({"end_lr": -1.0}, "`end_lr` must be a positive"),
        ({"num_steps": 1}, "`num_steps` must be an int >= 2"),
        ({"mode": "cosine"}, "`mode` must be one of"),
        ({"smoothing": 1.0}, r"`smoothing` must be in \[0, 1\)"),
        ({"stop_factor": 1.0}, "`stop_factor` must be > 1"),
    ],
    ids=["order", "start", "end", "steps", "mode", "smoothing", "stop"],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LRFinder(**kwargs)


def test_uncompiled_model():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="must be compiled"):
        find_learning_rate(model, X, Y)
