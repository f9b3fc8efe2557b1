"""Printing quality over seeds: median and range, one line per column."""

import numpy as np


def print_median_ranges(rows, names, digits=3):
    """One line per column of `rows` (one row per seed): `name: median m
    (min-max)`."""
    rows = np.asarray(rows, dtype="float64")
    for column, name in enumerate(names):
        values = rows[:, column]
        print(f"{name}: median {np.median(values):.{digits}f} "
              f"({values.min():.{digits}f}-{values.max():.{digits}f})")  # fmt: skip
