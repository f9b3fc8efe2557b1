"""Forecasting baselines and metrics from course 4, on numpy arrays."""

import numpy as np

from keras_course._validation import (
    check_int,
    check_series,
    check_split,
    check_window,
)
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.ops.naive_forecast")
def naive_forecast(series, split_time):
    """Predicts each value after `split_time` as the value before it.

    The course's first baseline: `series[split_time - 1:-1]`.

    Args:
        series: 1-D array.
        split_time: int, index of the first validation step.

    Returns:
        float32 array of shape `(len(series) - split_time,)`, aligned with
        ``series[split_time:]``.

    Example:

    >>> naive_forecast(np.array([1.0, 2.0, 4.0, 8.0]), split_time=2)
    array([2., 4.], dtype=float32)
    """
    series = check_series(series)
    split_time = check_split(split_time, len(series))
    return series[split_time - 1 : -1]


@keras_course_export("keras_course.ops.moving_average_forecast")
def moving_average_forecast(series, window_size):
    """Predicts each step as the mean of the `window_size` steps before it.

    Same result as the course's loop (`series[t:t + window_size].mean()` for
    every `t`), computed at once from a cumulative sum in float64.

    Args:
        series: 1-D array.
        window_size: int, steps averaged.

    Returns:
        float32 array of length `len(series) - window_size`; element `i`
        forecasts `series[i + window_size]`. Slice `[split_time - window_size:]`
        to align it with ``series[split_time:]``, as the course does.

    Example:

    >>> moving_average_forecast(np.array([1.0, 3.0, 5.0, 7.0]), 2)
    array([2., 4.], dtype=float32)
    """
    series = check_series(series)
    window_size = check_window(series, window_size, extra=1)
    sums = np.concatenate([[0.0], np.cumsum(series, dtype="float64")])
    means = (sums[window_size:-1] - sums[: -window_size - 1]) / window_size
    return means.astype("float32")


@keras_course_export("keras_course.ops.seasonal_difference")
def seasonal_difference(series, lag=365):
    """`series[lag:] - series[:-lag]`: removes trend and a season of `lag` steps.

    Example:

    >>> seasonal_difference(np.array([1.0, 2.0, 4.0, 7.0]), lag=2)
    array([3., 5.], dtype=float32)
    """
    series = check_series(series)
    lag = check_window(series, lag, extra=1, name="lag")
    return series[lag:] - series[:-lag]


@keras_course_export("keras_course.ops.differenced_forecast")
def differenced_forecast(series, split_time, lag=365, diff_window=50, past_window=10):
    """The course's best statistical forecast: seasonal differencing + moving average.

    Forecasts the seasonal difference with a moving average of `diff_window`
    steps, then adds back the value one season earlier, smoothed by a centred
    moving average of `past_window` steps (`None` adds the raw past value).
    On the course series, split 1000, the course reports MAE 5.84 with the raw
    past and 4.57 with the smoothed past (the defaults).

    Args:
        series: 1-D array.
        split_time: int, first forecast step.
        lag: int, season length. Defaults to 365.
        diff_window: int, moving-average window over the differenced series.
        past_window: int or None, smoothing window for the past season.

    Returns:
        float32 array aligned with ``series[split_time:]``.

    Example:

    >>> from keras_course.datasets import synthetic_series
    >>> _, series = synthetic_series()
    >>> forecast = differenced_forecast(series, 1000)
    >>> round(mae(series[1000:], forecast), 2)
    4.57
    """
    series = check_series(series)
    split_time = check_split(split_time, len(series))
    lag = check_window(series, lag, extra=1, name="lag")
    diff_window = check_int("diff_window", diff_window)
    first = split_time - lag - diff_window
    if past_window is not None:
        past_window = check_int("past_window", past_window)
        first = min(first, split_time - lag - (past_window - past_window // 2))
    if first < 0:
        raise ValueError(
            "`split_time` leaves too little history: it needs at least "
            "lag + max(diff_window, past_window) earlier steps. Received: "
            f"split_time={split_time}, lag={lag}, diff_window={diff_window}, "
            f"past_window={past_window}"
        )
    diff = seasonal_difference(series, lag)
    diff_forecast = moving_average_forecast(diff, diff_window)[
        split_time - lag - diff_window :
    ]
    if past_window is None:
        past = series[split_time - lag : len(series) - lag]
    else:
        start = split_time - lag - (past_window - past_window // 2)
        end = len(series) - lag + past_window // 2
        past = moving_average_forecast(series[start:end], past_window)
    return past + diff_forecast


@keras_course_export("keras_course.ops.autoregressive_forecast")
def autoregressive_forecast(series, split_time, order=30):
    """One-step forecasts of a linear AR(`order`) model fitted by least squares.

    Fits ``y[t] = b + sum(a[k] * y[t - k])`` on the steps before `split_time`,
    then predicts each step from `split_time` on from the true previous
    `order` values. It is the cheap, strong reference that forecasting
    libraries report next to any neural model.

    Args:
        series: 1-D array.
        split_time: int, first forecast step.
        order: int, number of lags. Defaults to 30.

    Returns:
        float32 array aligned with ``series[split_time:]``.

    Example:

    >>> series = 0.5 ** np.arange(12.0)  # y[t] = 0.5 * y[t - 1]
    >>> autoregressive_forecast(series, split_time=8, order=1).round(6).tolist()
    [0.003906, 0.001953, 0.000977, 0.000488]
    """
    series = check_series(series)
    split_time = check_split(split_time, len(series))
    order = check_int("order", order)
    if split_time <= order + 1:
        raise ValueError(
            "`split_time` must leave more than `order` + 1 training steps. "
            f"Received: split_time={split_time}, order={order}"
        )
    values = series.astype("float64")
    lags = np.lib.stride_tricks.sliding_window_view(values[:-1], order)
    design = np.concatenate([lags, np.ones((len(lags), 1))], axis=1)
    targets = values[order:]
    train = split_time - order  # rows whose target lies before split_time
    coefficients, *_ = np.linalg.lstsq(design[:train], targets[:train], rcond=None)
    return (design[train:] @ coefficients).astype("float32")


def _pair(y_true, y_pred):
    y_true = np.asarray(y_true, dtype="float64")
    y_pred = np.asarray(y_pred, dtype="float64")
    if y_true.shape != y_pred.shape:
        raise ValueError(
            "`y_true` and `y_pred` must have the same shape. Received: "
            f"y_true.shape={y_true.shape}, y_pred.shape={y_pred.shape}"
        )
    return y_true, y_pred


@keras_course_export("keras_course.ops.mae")
def mae(y_true, y_pred):
    """Mean absolute error of two same-shaped arrays, as a Python float.

    Example:

    >>> mae([1.0, 2.0], [2.0, 4.0])
    1.5
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))


@keras_course_export("keras_course.ops.mse")
def mse(y_true, y_pred):
    """Mean squared error of two same-shaped arrays, as a Python float.

    Example:

    >>> mse([1.0, 2.0], [2.0, 4.0])
    2.5
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.square(y_true - y_pred)))
