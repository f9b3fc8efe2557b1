"""What the benchmarks share: median-and-range lines, and JSON records."""

import json
import os
import pathlib
import platform
import time

import numpy as np


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
