"""TimeSeriesForecaster.forecast vs a Python loop of model.predict per window.

The course series (1461 points), window 30: 1432 forecasts. The course week 2
way calls `model.predict(series[t:t + window][np.newaxis])` once per step.
"""

import time

import numpy as np

from keras_course.applications import TimeSeriesForecaster
from keras_course.datasets import synthetic_series
from keras_course.testing.course_reference import course_predict_loop


def main():
    _, series = synthetic_series()
    model = TimeSeriesForecaster(window_size=30)
    model.forecast(series)  # warm-up: builds the predict function
    started = time.perf_counter()
    ours = model.forecast(series)
    ours_time = time.perf_counter() - started

    started = time.perf_counter()
    loop = course_predict_loop(model, series, 30)
    loop_time = time.perf_counter() - started
    np.testing.assert_allclose(ours, loop, rtol=1e-4, atol=1e-4)
    print(f"forecasts  {len(ours)} (equal to the loop's)")
    print(f"ours       {ours_time:.3f} s  forecaster.forecast(series)")
    print(f"reference  {loop_time:.3f} s  one model.predict per window")
    print(f"ratio      {loop_time / ours_time:.0f}x faster (target >= 5x)")


if __name__ == "__main__":
    main()
