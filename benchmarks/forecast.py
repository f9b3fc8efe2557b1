"""TimeSeriesForecaster.forecast vs a Python loop of model.predict per window.

The course series (1461 points), window 30: 1432 forecasts, for the course
DNN (`architecture="dense"`) and the default forecaster. The course week 2 way
calls `model.predict(series[t:t + window][np.newaxis])` once per step; the
benchmark also times one `model.predict` over all windows at once (a
compiled call, which warns about retracing when several models do it in a
loop, the reason `forecast` calls the model directly instead).
"""

import time

import numpy as np

from keras_course.applications import TimeSeriesForecaster
from keras_course.datasets import synthetic_series
from keras_course.reference import course_predict_loop


def best_of(fn, repeats=5):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return result, min(times), max(times)


def main():
    _, series = synthetic_series()
    windows = np.lib.stride_tricks.sliding_window_view(series, 30)
    for architecture in ("dense", "ar_residual", "conv_lstm"):
        model = TimeSeriesForecaster(window_size=30, architecture=architecture)
        model.forecast(series)  # warm-up
        ours, low, high = best_of(lambda m=model: m.forecast(series))
        _, predict, _ = best_of(lambda m=model: m.predict(windows, verbose=0))
        started = time.perf_counter()
        loop = course_predict_loop(model, series, 30)
        loop_time = time.perf_counter() - started
        np.testing.assert_allclose(ours, loop, rtol=1e-4, atol=1e-4)
        print(f"{architecture}: {len(ours)} forecasts (equal to the loop's)")
        print(f"  ours       {low:.3f}-{high:.3f} s  forecaster.forecast(series)")
        print(f"  predict    {predict:.3f} s  one model.predict, all windows")
        print(f"  reference  {loop_time:.3f} s  one model.predict per window")
        print(f"  ratio      {loop_time / high:.0f}-{loop_time / low:.0f}x faster")


if __name__ == "__main__":
    main()
