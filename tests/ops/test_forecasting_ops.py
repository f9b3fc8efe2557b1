import numpy as np
import pytest

from keras_course.ops import (
    autoregressive_forecast,
    differenced_forecast,
    mae,
    moving_average_forecast,
    mse,
    naive_forecast,
    seasonal_difference,
)
from keras_course.reference import course_moving_average_forecast

pytestmark = pytest.mark.multi_backend


def test_naive_forecast_is_the_previous_value():
    series = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
    np.testing.assert_array_equal(naive_forecast(series, 2), [1.0, 4.0, 1.0])


def test_metrics():
    assert mae([0.0, 0.0], [1.0, -3.0]) == 2.0
    assert mse([0.0, 0.0], [1.0, -3.0]) == 5.0


def test_metric_shape_mismatch():
    with pytest.raises(ValueError, match="same shape"):
        mae([1.0, 2.0], [1.0])


@pytest.mark.parametrize("split_time", [0, 5, 7, 2.5], ids=str)
def test_split_time_outside_series(split_time):
    with pytest.raises(ValueError, match="`split_time` must"):
        naive_forecast(np.arange(5.0), split_time)


@pytest.mark.parametrize(
    "series, message",
    [
        (np.zeros((3, 2, 2)), "must have shape"),
        ([1.0, float("nan"), 2.0], "NaN"),
        (["a", "b", "c"], "must be numeric"),
        ([], "must not be empty"),
    ],
    ids=["3d", "nan", "strings", "empty"],
)
def test_bad_series(series, message):
    with pytest.raises(ValueError, match=message):
        naive_forecast(series, 1)


@pytest.fixture(scope="module")
def course_series():
    from keras_course.datasets import synthetic_series

    return synthetic_series()[1]


def test_moving_average_matches_the_course_loop(course_series):
    ours = moving_average_forecast(course_series, 30)
    np.testing.assert_allclose(
        ours, course_moving_average_forecast(course_series, 30), rtol=1e-5
    )
    assert round(mae(course_series[1000:], ours[970:]), 2) == 7.14


def test_differenced_forecasts_reach_the_course_numbers(course_series):
    target = course_series[1000:]
    raw = differenced_forecast(course_series, 1000, past_window=None)
    smooth = differenced_forecast(course_series, 1000)
    assert round(mae(target, raw), 2) == 5.84
    assert round(mae(target, smooth), 2) == 4.57


def test_seasonal_difference():
    np.testing.assert_array_equal(
        seasonal_difference(np.arange(10.0) ** 2, lag=3)[:2], [9.0, 15.0]
    )


def test_autoregressive_recovers_a_linear_process():
    rng = np.random.default_rng(0)
    series = np.zeros(500)
    for t in range(2, 500):
        series[t] = 0.6 * series[t - 1] - 0.3 * series[t - 2] + rng.normal()
    forecast = autoregressive_forecast(series, 400, order=2)
    expected = 0.6 * series[399:-1] - 0.3 * series[398:-2]
    assert forecast.shape == (100,)
    # Fitted coefficients are close to the true ones, so are the forecasts.
    assert mae(expected, forecast) < 0.1


def test_autoregressive_beats_naive_on_the_course_series(course_series):
    target = course_series[1000:]
    ar = mae(target, autoregressive_forecast(course_series, 1000, order=30))
    assert ar < 0.9 * mae(target, naive_forecast(course_series, 1000))


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda s: moving_average_forecast(s, 0), "`window_size` must be"),
        (lambda s: moving_average_forecast(s, 1461), "`window_size` is too large"),
        (lambda s: seasonal_difference(s, lag=-1), "`lag` must be"),
        (lambda s: differenced_forecast(s, 300), "too little history"),
        (lambda s: autoregressive_forecast(s, 20, order=30), "training steps"),
        (lambda s: autoregressive_forecast(s, 2000), "`split_time` must lie"),
    ],
    ids=["ma-window", "ma-long", "lag", "history", "ar-order", "ar-split"],
)
def test_bad_baseline_arguments(course_series, call, message):
    with pytest.raises(ValueError, match=message):
        call(course_series)
