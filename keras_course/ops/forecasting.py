"""Forecasting baselines and metrics from course 4, on numpy arrays."""

import numpy as np

from keras_course._validation import check_int, check_series
from keras_course.api_export import keras_course_export


def check_split(split_time, length, name="split_time"):
    split_time = check_int(name, split_time)
    if not 1 <= split_time < length:
        raise ValueError(
            f"`{name}` must lie inside the series (1 <= {name} < {length}). "
            f"Received: {name}={split_time}"
        )
    return split_time


@keras_course_export("keras_course.ops.naive_forecast")
def naive_forecast(series, split_time):
    """Predicts each value after `split_time` as the value before it.

    The course's first baseline: `series[split_time - 1:-1]`.

    Args:
        series: 1-D array.
        split_time: int, index of the first validation step.

    Returns:
        float32 array of shape `(len(series) - split_time,)`, aligned with
        `series[split_time:]`.

    Example:

    >>> naive_forecast(np.array([1.0, 2.0, 4.0, 8.0]), split_time=2)
    array([2., 4.], dtype=float32)
    """
    series = check_series(series)
    split_time = check_split(split_time, len(series))
    return series[split_time - 1 : -1]


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
