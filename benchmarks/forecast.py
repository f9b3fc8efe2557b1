"""TimeSeriesForecaster.forecast vs a Python loop of model.predict per window.

The course series (1461 points), window 30: 1432 forecasts, for the course
DNN (`architecture="dense"`), the default forecaster and `conv_lstm`. The
course's way (TiP C4W2) calls `model.predict(series[t:t + window][np.newaxis])`
once per step; the fair baseline is what a user would write instead today,
one `model.predict` over all windows at once (a compiled call, which warns
about retracing when several models do it in a loop, the reason `forecast`
calls the model directly instead). Forecasts are checked equal to the loop's.
Writes `results/speed_forecast.json`.

    python benchmarks/forecast.py [--repeats 5] [--course-repeats 1]
"""

import argparse

import numpy as np
from _report import timed, write_speed_record

from keras_course.applications import TimeSeriesForecaster
from keras_course.datasets import synthetic_series
from keras_course.reference import course_predict_loop

CASES = {"dense": "course DNN (dense)", "ar_residual": "the default",
         "conv_lstm": "conv_lstm"}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--course-repeats", type=int, default=1)
    args = parser.parse_args()
    _, series = synthetic_series()
    windows = np.lib.stride_tricks.sliding_window_view(series, 30)
    rows = []
    for architecture, case in CASES.items():
        model = TimeSeriesForecaster(window_size=30, architecture=architecture)
        model.forecast(series)  # warm-up
        model.predict(windows, verbose=0)
        ours, seconds = timed(lambda m=model: m.forecast(series), args.repeats)
        _, fair = timed(lambda m=model: m.predict(windows, verbose=0), args.repeats)
        loop, course = timed(
            lambda m=model: course_predict_loop(m, series, 30), args.course_repeats
        )
        np.testing.assert_allclose(ours, loop, rtol=1e-4, atol=1e-4)
        print(
            f"{case}: {len(ours)} forecasts, equal to the loop's; ours "
            f"{min(seconds):.4f}-{max(seconds):.4f} s, one predict "
            f"{min(fair):.4f}-{max(fair):.4f} s, the loop {min(course):.1f} s: "
            f"{min(course) / max(seconds):.0f}-{max(course) / min(seconds):.0f}x"
        )
        seconds = {"ours": seconds, "course": course, "fair": fair}
        rows.append({"case": case, "seconds": seconds})
    rows[1]["headline"] = "``TimeSeriesForecaster.forecast``"
    write_speed_record(
        "forecast",
        f"{len(ours):,} one-step forecasts of the course series (window 30)",
        {"ours": "``forecaster.forecast(series)``",
         "course": "one ``model.predict`` per window (TiP C4W2)",
         "fair": "one ``model.predict`` over all windows"},
        rows,
    )  # fmt: skip


if __name__ == "__main__":
    main()
