"""find_learning_rate vs the course's 100-epoch learning-rate sweep.

The course 4 week 2 DNN (window 20, Dense 10-10-1, SGD momentum 0.9, MSE) on
the course series: the course sweeps
`LearningRateScheduler(lambda epoch: 1e-8 * 10**(epoch / 20))` for 100 epochs
and picks 8e-6 from the plot. Both sweeps run here: ours at its default, the
mean of three 100-batch sweeps (compiled), a single sweep (`sweeps=1`) and
the three through `fit` (`compiled=False`), 10 runs each with its own seed
and batch order; then three sweeps and one epoch of `fit` on the same
model, both ways (the compiled sweeps trace their own loop, so that `fit`
traces the model's step again). The course's three sweeps run before runs
0, 4 and 8, so that both sides meet the machine's drift over the minute.
Beside them, the floor: a new model trains as many batches as the sweeps
did (a sweep ends where the loss blows up, here after ~50 of its 100
batches; later sweeps stop where the shortest before them did) in one
hand-written `tf.function` loop (next batch, forward, gradient, update),
tracing included, with no rate changes, no snapshot, no restore, no
metrics and no stopping rule. Then the DNN is trained with our suggestion
and with 8e-6 for the same epochs, and both validation MAEs are printed
(each seed with its own sweeps' suggestion). The suggestion is also read
on the lab's warm model, the DNN trained one epoch at 1e-6 first, for
seeds 0-4. Writes `results/speed_lr_finder.json` (`--speed-only` stops
there). `--step-ab` times the compiled sweeps' own step against Keras's
`train_step` instead (see `step_ab`).
"""

import gc
import sys
import time

import keras
import numpy as np
from _report import write_speed_record

from keras_course.callbacks import find_learning_rate
from keras_course.datasets import synthetic_series, windowed_dataset
from keras_course.ops import mae

SPLIT, WINDOW, COURSE_LR, EPOCHS, STEPS = 1000, 20, 8e-6, 100, 100
RUNS = 10  # of find_learning_rate, each with its own seed and batch order


def dnn(learning_rate=1e-6):
    model = keras.Sequential(
        [
            keras.Input((WINDOW,)),
            keras.layers.Dense(10, activation="relu"),
            keras.layers.Dense(10, activation="relu"),
            keras.layers.Dense(1),
        ]
    )
    model.compile(keras.optimizers.SGD(learning_rate, momentum=0.9), loss="mse")
    return model


def floor_time(train_ds, batches):
    """The floor: a new model trains the `sum(batches)` batches the sweeps
    trained in one hand-written `tf.function` loop (next batch, forward pass,
    gradient, update), traced once, timed with its tracing. No rates, no
    snapshot, no restore, no metrics, no stopping rule."""
    import tensorflow as tf

    total = int(sum(batches))
    model = dnn()
    loss = keras.losses.MeanSquaredError()
    started = time.perf_counter()
    model.optimizer.build(model.trainable_variables)
    iterator = iter(train_ds.repeat())

    def step(i):
        x, y = next(iterator)
        with tf.GradientTape() as tape:
            value = loss(y, model(x, training=True))
        variables = model.trainable_variables
        model.optimizer.apply(tape.gradient(value, variables), variables)
        return (i + 1,)

    train = tf.function(
        lambda: tf.while_loop(lambda i: i < total, step, (tf.constant(0),)),
        autograph=False,
    )
    train()
    return time.perf_counter() - started


def validation_mae(model, series):
    windows = np.lib.stride_tricks.sliding_window_view(series, WINDOW)
    forecast = model.predict(windows[SPLIT - WINDOW : -1], verbose=0)[:, 0]
    return mae(series[SPLIT:], forecast)


def train(series, learning_rate, seed):
    keras.utils.set_random_seed(seed)
    model = dnn(learning_rate)
    model.fit(
        windowed_dataset(series[:SPLIT], WINDOW, 32, 1000, seed=seed),
        epochs=EPOCHS,
        verbose=0,
    )
    return validation_mae(model, series)


def step_ab(pairs=20):
    """`--step-ab`: the compiled sweeps' own step (Keras's `train_step` less
    the loss tracker and the metrics) against Keras's `train_step`, each
    `find_learning_rate(model, dataset)` on a new model, the two
    alternating in one process, `pairs` seeds each (the first pair not
    counted: the process warms up)."""
    from keras_course.callbacks import lr_finder

    _, series = synthetic_series()
    lean = lr_finder._lean_step_fits
    seconds = {"own step": [], "Keras's train_step": []}
    for run in range(2 * pairs):
        name = list(seconds)[run % 2]
        lr_finder._lean_step_fits = lean if run % 2 == 0 else (lambda model: False)
        dataset = windowed_dataset(series[:SPLIT], WINDOW, 32, 1000, seed=run // 2)
        keras.utils.set_random_seed(run // 2)
        model = dnn()
        started = time.perf_counter()
        find_learning_rate(model, dataset)
        if run >= 2:
            seconds[name].append(time.perf_counter() - started)
    lr_finder._lean_step_fits = lean
    for name, values in seconds.items():
        q1, median, q3 = np.percentile(values, [25, 50, 75]) * 1000
        print(f"{name:20s} median {median:.0f} ms (quartiles {q1:.0f}-{q3:.0f})")


def main():
    if "--step-ab" in sys.argv:
        step_ab()
        return
    _, series = synthetic_series()
    train_ds = windowed_dataset(series[:SPLIT], WINDOW, 32, 1000, seed=0)

    def course_sweep(seed):  # a new model each time: tracing included
        keras.utils.set_random_seed(seed)
        started = time.perf_counter()
        course_model = dnn()
        schedule = keras.callbacks.LearningRateScheduler(
            lambda epoch: 1e-8 * 10 ** (epoch / 20)
        )
        course_model.fit(train_ds, epochs=100, callbacks=[schedule], verbose=0)
        return time.perf_counter() - started

    courses = []
    suggestions, times, single, floor, floor_one, lengths = [], [], [], [], [], []
    through_fit, then_fit = [], {True: [], False: []}
    for seed in range(RUNS):
        if seed % 4 == 0:
            # Three course sweeps spread over the runs (before runs 0, 4 and
            # 8): the machine's speed drifts over the minute this takes, and
            # both sides then meet the same drift.
            courses.append(course_sweep(seed // 4))
            # Untimed: collect the course fit's garbage now. Left to Python,
            # that collection fell into the next timed call (0.46-3.3 s for
            # find_learning_rate's 0.17 s, in each of five runs).
            gc.collect()
        # Each run its own batch order: where a sweep blows up, and so the
        # time, depends on it (with one dataset for all runs, the orders
        # would shift with every iterator anything creates).
        run_ds = windowed_dataset(series[:SPLIT], WINDOW, 32, 1000, seed=seed)
        keras.utils.set_random_seed(seed)
        model = dnn()
        started = time.perf_counter()
        result = find_learning_rate(model, run_ds)
        times.append(time.perf_counter() - started)
        suggestions.append(result.suggestion())
        model = dnn()  # a new model: its first sweep traces the step too
        started = time.perf_counter()
        one_result = find_learning_rate(model, run_ds, sweeps=1)
        single.append(time.perf_counter() - started)
        sweep_lengths = [len(s) for s in result.sweep_losses]
        floor.append(floor_time(run_ds, sweep_lengths))
        floor_one.append(floor_time(run_ds, [len(one_result.losses)]))
        lengths += [*sweep_lengths, len(one_result.losses)]
        model = dnn()
        started = time.perf_counter()
        find_learning_rate(model, run_ds, compiled=False)
        through_fit.append(time.perf_counter() - started)
        # The same model trains next: the sweeps through fit leave its step
        # traced for that fit; the compiled sweeps traced their own loop.
        for compiled in (True, False):
            model = dnn()
            started = time.perf_counter()
            find_learning_rate(model, run_ds, compiled=compiled)
            model.fit(run_ds, epochs=1, verbose=0)
            then_fit[compiled].append(time.perf_counter() - started)
    reference = float(np.median(courses))
    ours, one = float(np.median(times)), float(np.median(single))
    print(
        f"ours       {ours:.2f} s  find_learning_rate, 3 sweeps (median of {RUNS} runs)"
    )
    print(
        f"one sweep  {one:.2f} s  find_learning_rate(sweeps=1) (median of {RUNS} runs)"
    )
    print(
        f"floor      {np.median(floor):.2f} s  the sweeps' batches "
        f"({min(lengths)}-{max(lengths)} a sweep) in one compiled loop, nothing "
        f"else ({np.median(floor_one):.2f} s for one sweep's; median of {RUNS} runs)"
    )
    print(
        f"via fit    {np.median(through_fit):.2f} s  find_learning_rate("
        f"compiled=False), each sweep a fit (median of {RUNS} runs)"
    )
    print(
        f"then fit   {np.median(then_fit[True]):.2f} s compiled, "
        f"{np.median(then_fit[False]):.2f} s through fit: 3 sweeps, then one "
        f"epoch of fit on the same model (median of {RUNS} runs)"
    )
    print(
        f"reference  {reference:.2f} s  course sweep, 100 epochs (median of 3, "
        "spread over the runs)"
    )
    print(
        f"ratio      {reference / ours:.1f}x faster ({reference / one:.0f}x with "
        f"one sweep); {ours / np.median(floor):.2f}x the floor "
        f"({one / np.median(floor_one):.2f}x with one sweep)"
    )
    print(
        "suggestions "
        + ", ".join(f"{s:.1e}" for s in suggestions)
        + f" (course: {COURSE_LR:.0e}; within 10x: "
        + f"{all(COURSE_LR / 10 <= s <= COURSE_LR * 10 for s in suggestions)})"
    )
    write_speed_record(
        "lr_finder",
        "a learning-rate sweep of the course DNN (TiP C4W2) on the course "
        "series; new models, tracing included",
        {"ours": "``find_learning_rate(model, dataset)``",
         "course": "100 epochs with ``LearningRateScheduler(1e-8 * 10**(epoch "
                   "/ 20))`` (TiP C4W2)",
         "floor": f"the batches the sweeps trained ({min(lengths)}-"
                  f"{max(lengths)} a sweep), on a new model, in one "
                  "hand-written ``tf.function`` loop, tracing included, "
                  "nothing else"},
        [{"case": "three sweeps, the default", "headline":
          "``find_learning_rate``", "seconds": {"ours": times, "course":
          courses, "floor": floor}},
         {"case": "one sweep (``sweeps=1``)", "seconds": {"ours": single,
          "course": courses, "floor": floor_one}},
         {"case": "three sweeps, each a ``fit`` (``compiled=False``)",
          "seconds": {"ours": through_fit, "course": courses, "floor": floor}},
         {"case": "three sweeps, then one epoch of ``fit`` of the same model",
          "seconds": {"ours": then_fit[True]}},
         {"case": "the same with ``compiled=False`` (the trace is fit's)",
          "seconds": {"ours": then_fit[False]}}],
    )  # fmt: skip
    if "--speed-only" in sys.argv:
        return
    # The lab's warm model: trained one epoch at the lab's 1e-6 first.
    warm = []
    for seed in range(5):
        keras.utils.set_random_seed(seed)
        model = dnn()
        model.fit(train_ds, epochs=1, verbose=0)
        warm.append(find_learning_rate(model, train_ds).suggestion())
    print(
        "after one epoch at 1e-6: "
        + ", ".join(f"{s:.1e}" for s in warm)
        + f" (within 10x of {COURSE_LR:.0e}: "
        + f"{sum(COURSE_LR / 10 <= s <= COURSE_LR * 10 for s in warm)} of 5)"
    )
    # Each seed trains with its own sweep's suggestion, as a user would.
    ours_mae = [train(series, s, seed) for seed, s in enumerate(suggestions)]
    course_mae = [train(series, COURSE_LR, seed) for seed in range(len(suggestions))]
    print(
        f"val MAE after {EPOCHS} epochs, mean of {len(suggestions)} seeds: "
        f"each seed's suggestion -> {np.mean(ours_mae):.3f} "
        f"({', '.join(f'{m:.2f}' for m in ours_mae)}); "
        f"course 8e-6 -> {np.mean(course_mae):.3f} "
        f"({', '.join(f'{m:.2f}' for m in course_mae)})"
    )


if __name__ == "__main__":
    main()
