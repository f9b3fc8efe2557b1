"""Scores today's `LRFinderResult.suggestion()` on the committed sweep records.

`benchmarks/lr_finder_quality.py` records, for each problem, seed and
starting state, the three sweeps `find_learning_rate` ran and the validation
metric after training at every rate of a log grid (each rate trained three
times, or ten on the CNN). A new rule changes only the rate read off the
sweeps, so it can be scored without training again: the metric at its rate
is interpolated in log rate between the grid's neighbours (log metric; a
diverged grid rate counts as 10x the starting metric). The script first
checks that interpolation against the rates the records did train.

It prints, per problem and state, the mean and worst ratio to the grid's
best rate, how many runs end worse than they began, the range of the
suggested rates, and on the course DNN trained one epoch at 1e-6 (the lab's
set-up) how many suggestions lie within 10x of the course's 8e-6.

    python benchmarks/lr_finder_rescore.py               # every record with sweeps
    python benchmarks/lr_finder_rescore.py --seeds 40-44 # held out
"""

import argparse
import glob
import json
import os
import warnings
from collections import defaultdict

import numpy as np

from keras_course.callbacks import LRFinderResult

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
COURSE_RATE = 8e-6


def load(seeds):
    """The newest record of each (problem, seed, state) that kept its sweeps."""
    records = {}
    for path in sorted(glob.glob(os.path.join(RESULTS, "lr_finder_quality_*.json"))):
        with open(path) as f:
            for record in json.load(f):
                if record["curve"].get("sweeps") and record["seed"] in seeds:
                    key = (record["problem"], record["seed"], record["state"])
                    records[key] = record
    return list(records.values())


def mean_of_sweeps(runs):
    length = max(map(len, runs))
    padded = [
        np.pad(np.asarray(r, float), (0, length - len(r)), constant_values=np.inf)
        for r in runs
    ]
    return np.mean(padded, axis=0)


def interpolated(record, lr):
    """The validation metric at `lr`, read off the grid, over the grid's best."""
    grid = sorted((float(k), v) for k, v in record["grid"].items())
    x = np.log10([k for k, _ in grid])
    y = np.array([v for _, v in grid])
    y = np.where(np.isfinite(y), y, 10 * record["initial"])
    value = float(np.exp(np.interp(np.log10(lr), x, np.log(y))))
    return value / y.min(), value > record["initial"]


def suggestion(record):
    losses = mean_of_sweeps(record["curve"]["sweeps"])
    lrs = record["curve"]["lrs"][: len(losses)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return LRFinderResult(lrs, losses, losses).suggestion()


def check_interpolation(records):
    ratios = []
    for record in records:
        best = min(record["grid"].values())
        for method, lr in record["suggestions"].items():
            trained = record["at_suggestion"][method]
            if np.isfinite(trained):
                ratios.append(trained / best / interpolated(record, lr)[0])
    low, high = np.percentile(ratios, [5, 95])
    print(
        f"interpolation check: trained / interpolated at {len(ratios)} rates the "
        f"records trained: median {np.median(ratios):.3f}, 5-95% {low:.3f}-{high:.3f}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="30-44", help="a range, e.g. 40-44")
    args = parser.parse_args()
    first, last = (int(s) for s in args.seeds.split("-"))
    records = load(range(first, last + 1))
    check_interpolation(records)
    rows = defaultdict(list)
    for record in records:
        lr = suggestion(record)
        rows[record["problem"], record["state"]].append((lr, *interpolated(record, lr)))
    print(f"seeds {args.seeds}; ratio to the grid's best rate (1.0 = the best)")
    for (problem, state), runs in sorted(rows.items()):
        lrs = np.array([lr for lr, _, _ in runs])
        ratios = np.array([ratio for _, ratio, _ in runs])
        worse = sum(w for _, _, w in runs)
        line = (
            f"  {problem:24s} {state:8s} n={len(runs):2d}  mean {ratios.mean():.3f}x  "
            f"worst {ratios.max():.3f}x  ended worse than it began {worse}  "
            f"rates {lrs.min():.1e}..{lrs.max():.1e}"
        )
        if problem.startswith("course DNN (SGD") and state == "trained":
            within = np.sum((lrs >= COURSE_RATE / 10) & (lrs <= COURSE_RATE * 10))
            line += f"  within 10x of 8e-6: {within}/{len(lrs)}"
        print(line)


if __name__ == "__main__":
    main()
