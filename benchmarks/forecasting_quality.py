"""Validation MAE of TimeSeriesForecaster() (defaults) vs naive and AR(30).

Two series: the course's synthetic series (split 1000; course DNN ~5.1) and
the real monthly sunspot numbers shipped by pmdarima (2,820 months,
1749-1983; the last fifth is validation), also multiplied by 1.67: the
course's Sunspots.csv holds the recalibrated SILSO version 2 numbers, about
that much larger, and the defaults (Huber loss, Adam(1e-3), no scaling) must
not depend on the series' units. Each row is the mean over seeds.
"""

import gzip
import importlib.util
import os
import time

import keras
import numpy as np

from keras_course.applications import TimeSeriesForecaster
from keras_course.datasets import synthetic_series
from keras_course.ops import autoregressive_forecast, mae, naive_forecast


def sunspots():
    spec = importlib.util.find_spec("pmdarima")
    if spec is None:
        raise SystemExit("pip install pmdarima (it ships the sunspot data)")
    root = spec.submodule_search_locations[0]
    path = os.path.join(root, "datasets", "data", "sunspots.txt.gz")
    with gzip.open(path, "rt") as f:
        return np.loadtxt(f).ravel().astype("float32")


def report(name, series, split_time, seeds=(0, 1, 2)):
    target = series[split_time:]
    naive = mae(target, naive_forecast(series, split_time))
    ar = mae(target, autoregressive_forecast(series, split_time, order=30))
    ours, seconds = [], []
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        model = TimeSeriesForecaster()
        started = time.perf_counter()
        model.fit(series, split_time=split_time, verbose=0, seed=seed)
        seconds.append(time.perf_counter() - started)
        ours.append(model.evaluate(series, split_time=split_time)["mae"])
    print(f"{name}: {len(series)} points, split {split_time}")
    print(f"  naive      MAE {naive:.3f}")
    print(f"  AR(30)     MAE {ar:.3f}")
    print(
        f"  ours       MAE {np.mean(ours):.3f} (seeds: "
        f"{', '.join(f'{m:.3f}' for m in ours)}; fit {np.mean(seconds):.1f} s)"
    )
    ratio_naive, ratio_ar = np.mean(ours) / naive, np.mean(ours) / ar
    print(f"  ours vs naive {ratio_naive:.3f}, vs AR {ratio_ar:.3f}")


def main():
    report("course synthetic series", synthetic_series()[1], 1000)
    spots = sunspots()
    report("monthly sunspots (pmdarima)", spots, int(len(spots) * 0.8))
    report("monthly sunspots x 1.67", spots * 1.67, int(len(spots) * 0.8))


if __name__ == "__main__":
    main()
