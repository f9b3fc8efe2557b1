"""What the benchmarks share: median-and-range lines, and JSON records."""

import json
import os
import pathlib
import platform
import time

import numpy as np

RESULTS = pathlib.Path(__file__).parent / "results"


def print_median_ranges(rows, names, digits=3):
    """One line per column of `rows` (one row per seed): `name: median m
    (min-max)`."""
    rows = np.asarray(rows, dtype="float64")
    for column, name in enumerate(names):
        values = rows[:, column]
        print(f"{name}: median {np.median(values):.{digits}f} "
              f"({values.min():.{digits}f}-{values.max():.{digits}f})")  # fmt: skip


def new_record(**fields):
    """A result record: the machine, Keras, its backend and the date, then
    `fields` (the run's settings and its empty result containers)."""
    import keras

    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "keras": keras.version(),
        "backend": keras.backend.backend(),
        "date": time.strftime("%Y-%m-%d"),
        **fields,
    }


def write_record(path, record):
    """Writes `record` as indented JSON to `path`."""
    pathlib.Path(path).write_text(json.dumps(record, indent=1) + "\n")


def timed(function, repeats=1):
    """Calls `function` `repeats` times: (its last result, each call's seconds)."""
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return result, seconds


def write_speed_record(benchmark, task, ways, rows):
    """Writes `results/speed_<benchmark>.json`, the record the benchmarks
    page's speed tables and the README's speed line are generated from.

    `ways` names what each way runs: "ours", "course" (the course's code),
    and where one exists "fair" (what a user would write instead today: one
    batched `predict`, vectorised NumPy, a Keras utility) and "floor" (the
    work every way must do, nothing else). Each row is `{"case": ...,
    "seconds": {way: [seconds of each call]}}`; the row the README
    quotes has `"headline": "<what it is called there>"`.
    """
    record = new_record(benchmark=benchmark, task=task, ways=ways, rows=rows)
    path = RESULTS / f"speed_{benchmark}.json"
    write_record(path, record)
    print(f"record: {path}")
