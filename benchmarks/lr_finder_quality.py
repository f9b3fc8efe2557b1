"""Does training at `LRFinderResult.suggestion()` train well? Measured, per rule.

Four problems: the course 4 week 2 DNN exactly as the lab (window 20,
Dense 10-10-1, SGD momentum 0.9, MSE, course series split at 1000), the same
DNN with Adam, `TimeSeriesForecaster()` at its defaults (Adam) on the same
series, and a small CNN classifier (Adam) on generated 16x16 images of four
shapes. For each problem,
each seed (5) and each starting state (a fresh model, and one trained one
epoch at the problem's default rate), it runs `find_learning_rate` with its
defaults (since 0.8 the mean of three sweeps), then trains a fixed budget at
every suggestion rule's rate and at every rate of a log grid, from the same
starting weights. Beside the rules, on the course DNN, the course's own 8e-6.
It prints, per problem and rule, the mean and worst ratio of the validation
metric (MAE for the forecasters, cross-entropy for the CNN) to the best grid
rate's, and how
many runs diverged (a non-finite loss, or ending worse than where they began).

One training is a noisy measure of a rate: on the CNN, the same rate from
the same weights has landed at the grid's best or at 2.9x it, depending on
the shuffling alone. So each rate is trained `--repeats` times (3), differing
only in the shuffling seed, and its outcome is their mean: the grid's best
rate is the one that trains best on average, not the luckiest draw of 16.
`--repeats 1` is the earlier measurement, one training per rate.
`--reuse RECORDS.json` sweeps again with this version and trains only the
rates the earlier records lack (their grid and floor do not depend on the
sweep): a change to the sweep or the rules, measured on earlier seeds.

The floor printed first: the grid's best rate trained `--repeats` more
times, from the same weights, with other shuffling seeds. The grid's best is
the lowest of 16 noisy means, so even its own rate, trained again, lands
above it; no rule read off a sweep can be expected to do better than that.
Each rule's ratio is also printed, in brackets, against that retrained
value: a reference not chosen by the draws it is scored on.

Backend-agnostic (numpy inputs only), so it runs under TensorFlow or JAX;
`--workers N` runs the jobs in N processes.

    python benchmarks/lr_finder_quality.py --workers 2
"""

import argparse
import json
import os
import time
import warnings

import numpy as np
from _parallel import run_jobs

from keras_course.callbacks.lr_finder import SUGGESTION_METHODS

SEEDS = range(5)
# The rate the course itself picks off its plot, trained as a rule would be.
COURSE_RATE = "the course's 8e-6"
COURSE_PROBLEM = "course DNN (SGD, MSE)"


STATES = ("fresh", "trained")


def _series_problem(window):
    from keras_course.datasets import synthetic_series

    _, series = synthetic_series()
    windows = np.lib.stride_tricks.sliding_window_view(series, window + 1)
    x, y = windows[:, :-1], windows[:, -1]
    train = 1000 - window  # windows whose target lies before the split
    return x[:train], y[:train], x[train:], y[train:]


def course_dnn(learning_rate, optimizer="sgd"):
    import keras

    model = keras.Sequential(
        [
            keras.Input((20,)),
            keras.layers.Dense(10, activation="relu"),
            keras.layers.Dense(10, activation="relu"),
            keras.layers.Dense(1),
        ]
    )
    if optimizer == "sgd":
        optimizer = keras.optimizers.SGD(learning_rate, momentum=0.9)
    else:
        optimizer = keras.optimizers.Adam(learning_rate)
    model.compile(optimizer, loss="mse")
    return model


def course_dnn_adam(learning_rate):
    return course_dnn(learning_rate, optimizer="adam")


def forecaster(learning_rate):
    import keras

    from keras_course.applications import TimeSeriesForecaster

    return TimeSeriesForecaster(optimizer=keras.optimizers.Adam(learning_rate))


def shapes(num, seed):
    """`num` 16x16 grey images of a square, disc, cross or bar, with noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[:16, :16]
    labels = rng.integers(0, 4, num)
    images = np.empty((num, 16, 16, 1), "float32")
    for i, label in enumerate(labels):
        cy, cx = rng.uniform(5, 11, 2)
        r = rng.uniform(2.5, 4.5)
        dy, dx = np.abs(yy - cy), np.abs(xx - cx)
        mask = [
            (dy < r) & (dx < r),
            dy**2 + dx**2 < r**2,
            ((dy < 1) & (dx < r)) | ((dx < 1) & (dy < r)),
            (dy < 1) & (dx < r + 2),
        ][label]
        images[i, ..., 0] = mask + rng.normal(0, 0.3, (16, 16))
    return images, labels


def cnn(learning_rate):
    import keras

    model = keras.Sequential(
        [
            keras.Input((16, 16, 1)),
            keras.layers.Conv2D(8, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(16, 3, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(4, activation="softmax"),
        ]
    )
    model.compile(
        keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    return model


def _grid(low, high):
    return [float(10.0**e) for e in np.arange(low, high + 1e-9, 1 / 3)]


# name: (build(lr), data(), default lr, epochs, log10 grid range, metric)
PROBLEMS = {
    "course DNN (SGD, MSE)": (
        course_dnn,
        lambda: _series_problem(20),
        1e-6,
        20,
        _grid(-8, -3),
        "mae",
    ),
    # The same network with Adam: is the rule picked by the optimizer?
    "course DNN (Adam, MSE)": (
        course_dnn_adam,
        lambda: _series_problem(20),
        1e-3,
        20,
        _grid(-5, 0),
        "mae",
    ),
    "TimeSeriesForecaster()": (
        forecaster,
        lambda: _series_problem(30),
        1e-3,
        20,
        _grid(-5, 0),
        "mae",
    ),
    "small CNN (Adam)": (
        cnn,
        lambda: (*shapes(1024, 0), *shapes(512, 1)),
        1e-3,
        10,
        _grid(-5, 0),
        "crossentropy",
    ),
}


def _metric(kind, model, x, y):
    prediction = model.predict(x, verbose=0, batch_size=512)
    if kind == "mae":
        return float(np.mean(np.abs(prediction[:, 0] - y)))
    p = np.clip(prediction[np.arange(len(y)), y], 1e-7, 1.0)
    return float(-np.mean(np.log(p)))


def run_job(
    problem, seed, state, repeats, rules, finder_kwargs, partial=None, reuse=None
):
    """Sweep once, then train at each rule's rate and each grid rate.

    `partial`: a path to append the record to as one JSON line, so that a
    long run keeps what it finished if it is stopped. `reuse`: an earlier
    record of this job; its grid outcomes and floor are kept (they do not
    depend on the sweep) and only rates it did not train are trained."""
    import keras

    from keras_course.callbacks import find_learning_rate

    build, data, default_lr, epochs, grid, metric = PROBLEMS[problem]
    x, y, x_val, y_val = data()
    keras.utils.set_random_seed(seed)
    model = build(default_lr)
    if hasattr(model, "initialize"):  # what fit(series) does first
        model.initialize(np.concatenate([x[0], y]))
    if state == "trained":
        model.fit(x, y, batch_size=32, epochs=1, verbose=0)
    start = model.get_weights()
    started = time.perf_counter()
    result = find_learning_rate(model, x, y, batch_size=32, **finder_kwargs)
    sweep_seconds = time.perf_counter() - started
    suggestions, warned = {}, {}
    for method in SUGGESTION_METHODS:
        if method not in rules:
            continue
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            suggestions[method] = result.suggestion(method)
        warned[method] = bool(caught)
    if COURSE_RATE in rules and problem == COURSE_PROBLEM:
        suggestions[COURSE_RATE], warned[COURSE_RATE] = 8e-6, False
    initial = _metric(metric, model, x_val, y_val)

    def train_once(lr, shuffle_seed):
        keras.backend.clear_session()  # ~70 models a job: free the old ones
        keras.utils.set_random_seed(shuffle_seed)
        trainee = build(lr)
        trainee.set_weights(start)
        history = trainee.fit(x, y, batch_size=32, epochs=epochs, verbose=0)
        losses = [float(v) for v in history.history["loss"]]
        value = _metric(metric, trainee, x_val, y_val)
        if not (np.isfinite(losses[-1]) and np.isfinite(value)):
            return float("inf"), losses
        return value, losses

    def train(lr, first_shuffle):
        """The mean metric of `repeats` trainings that differ in shuffling
        only; `inf` if any of them diverged."""
        runs = [train_once(lr, first_shuffle + 100 * k) for k in range(repeats)]
        values = [value for value, _ in runs]
        return float(np.mean(values)), values, runs[0][1]

    outcomes, runs, histories = {}, {}, {}
    if reuse is not None:
        if reuse["repeats"] != repeats or not np.isclose(reuse["initial"], initial):
            raise ValueError(f"the record to reuse is not this job's: {reuse}")
        for lr in grid:
            outcomes[lr] = reuse["grid"][str(lr)]
            runs[lr] = reuse["grid_runs"][str(lr)]
            histories[lr] = reuse["grid_histories"][str(lr)]
        for method, lr in reuse["suggestions"].items():
            outcomes[lr] = reuse["at_suggestion"][method]
            runs[lr] = reuse["at_suggestion_runs"][method]
    for lr in sorted(set(grid) | set(suggestions.values())):
        if lr not in outcomes:
            outcomes[lr], runs[lr], histories[lr] = train(lr, seed + 1000)
    # The floor: the grid's best rate itself, trained again with other
    # shuffling seeds, against the grid's best.
    best_lr = min(grid, key=lambda lr: outcomes[lr])
    if reuse is None:
        best_retrained, retrained_runs, _ = train(best_lr, seed + 2000)
    else:
        best_retrained = reuse["best_retrained"]
        retrained_runs = reuse["best_retrained_runs"]
    record = {
        "problem": problem,
        "seed": seed,
        "state": state,
        "initial": initial,
        "sweep_seconds": sweep_seconds,
        "suggestions": suggestions,
        "warned": warned,
        "valley": result.valley,
        "diverged_at": result.diverged_at,
        "curve": {
            "lrs": result.lrs.tolist(),
            "losses": result.losses.tolist(),
            "smoothed": result.smoothed_losses.tolist(),
            "sweeps": result.sweep_losses,
        },
        "repeats": repeats,
        "grid": {str(lr): outcomes[lr] for lr in grid},
        "grid_runs": {str(lr): runs[lr] for lr in grid},
        # training loss per epoch at each grid rate (for probe-based rules)
        "grid_histories": {str(lr): histories[lr] for lr in grid},
        "at_suggestion": {m: outcomes[lr] for m, lr in suggestions.items()},
        "at_suggestion_runs": {m: runs[lr] for m, lr in suggestions.items()},
        "best_retrained": best_retrained,
        "best_retrained_runs": retrained_runs,
    }
    if partial:
        with open(partial, "a") as f:
            f.write(json.dumps(record) + "\n")
    return record


def summarize(records):
    lines = []
    for problem in PROBLEMS:
        rows = [r for r in records if r["problem"] == problem]
        if not rows:
            continue
        methods = list(rows[0]["suggestions"])
        lines.append(
            f"{problem}: {len(rows)} runs (seeds x fresh/trained), each rate "
            f"trained {rows[0]['repeats']}x (mean)"
        )
        best = [min(r["grid"].values()) for r in rows]
        best_lr = [float(min(r["grid"], key=r["grid"].get)) for r in rows]
        lines.append(
            "  best grid rate per run: " + ", ".join(f"{lr:.0e}" for lr in best_lr)
        )
        floor = np.array(
            [r["best_retrained"] / b for r, b in zip(rows, best, strict=True)]
        )
        lines.append(
            f"  {'floor: best grid rate, reshuffled':34s} mean {np.mean(floor):6.3f}x"
            f"  worst {np.max(floor):6.3f}x"
        )
        lines.append(
            "  (ratio to the grid's best; in brackets, to the grid's best rate "
            "retrained, which is not chosen by the draws it is scored on)"
        )
        for method in methods:
            at = np.array([r["at_suggestion"][method] for r in rows])
            ratios = at / best
            unbiased = at / np.array([r["best_retrained"] for r in rows])
            nan = int(np.sum(~np.isfinite(at)))
            worse = int(np.sum(at > np.array([r["initial"] for r in rows])))
            lrs = [r["suggestions"][method] for r in rows]
            lines.append(
                f"  {method:24s} mean {np.mean(ratios):6.3f}x  worst "
                f"{np.max(ratios):6.3f}x  [{np.mean(unbiased):5.3f}x / "
                f"{np.max(unbiased):5.3f}x]  diverged (NaN) {nan}  "
                f"ended worse than it began {worse}  "
                f"rates {min(lrs):.1e}..{max(lrs):.1e}"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seeds", type=int, default=len(SEEDS))
    parser.add_argument(
        "--first-seed",
        type=int,
        default=0,
        help="seeds first-seed .. first-seed + seeds - 1 (5 for a held-out set)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="trainings per rate, differing in shuffling only; a rate's outcome "
        "is their mean (1: the earlier measurement)",
    )
    parser.add_argument("--out", default=None, help="write the raw records as JSON")
    parser.add_argument("--problems", nargs="*", default=list(PROBLEMS))
    parser.add_argument(
        "--rules",
        nargs="*",
        default=None,
        help="the suggestion rules to train at (default: all, and the course's "
        "8e-6 on the course DNN)",
    )
    parser.add_argument(
        "--num-steps", type=int, default=None, help="sweep length (default 100)"
    )
    parser.add_argument(
        "--reuse",
        nargs="*",
        default=(),
        help="records (JSON) of earlier runs: sweep again with this version, "
        "keep their grid outcomes and floor, train only at new rates",
    )
    args = parser.parse_args()
    finder_kwargs = {} if args.num_steps is None else {"num_steps": args.num_steps}
    rules = args.rules or [*SUGGESTION_METHODS, COURSE_RATE]
    partial = args.out and args.out + ".partial.jsonl"
    earlier = {}
    for path in args.reuse:
        with open(path) as f:
            for record in json.load(f):
                earlier[record["problem"], record["seed"], record["state"]] = record
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    jobs = [
        (problem, seed, state, args.repeats, rules, finder_kwargs, partial)
        + ((earlier[problem, seed, state],) if args.reuse else ())
        for problem in args.problems
        for seed in seeds
        for state in STATES
    ]
    started = time.perf_counter()
    # A new process a job: Keras keeps memory from the ~70 models a job builds.
    records = run_jobs(run_job, jobs, args.workers, fresh=True)
    import keras

    print(
        f"backend {keras.backend.backend()}, {len(jobs)} jobs in "
        f"{time.perf_counter() - started:.0f} s on {os.cpu_count()} cores"
    )
    print(summarize(records))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(records, f, indent=1)


if __name__ == "__main__":
    main()
