import numpy as np
import pytest

from keras_course.datasets import synthetic_series
from keras_course.ops import mae, naive_forecast


def course_lab_series():
    """The course 4 lab code, verbatim apart from layout."""

    def trend(time, slope=0):
        return slope * time

    def seasonal_pattern(season_time):
        return np.where(
            season_time < 0.4,
            np.cos(season_time * 2 * np.pi),
            1 / np.exp(3 * season_time),
        )

    def seasonality(time, period, amplitude=1, phase=0):
        season_time = ((time + phase) % period) / period
        return amplitude * seasonal_pattern(season_time)

    def noise(time, noise_level=1, seed=None):
        rnd = np.random.RandomState(seed)
        return rnd.randn(len(time)) * noise_level

    time = np.arange(4 * 365 + 1, dtype="float32")
    baseline = 10
    amplitude = 40
    slope = 0.05
    noise_level = 5
    series = (
        baseline
        + trend(time, slope)
        + seasonality(time, period=365, amplitude=amplitude)
    )
    series += noise(time, noise_level, seed=42)
    return time, series


def test_bit_for_bit_the_course_series():
    time, series = synthetic_series()
    course_time, course_series = course_lab_series()
    assert series.dtype == np.float32 and series.shape == (1461,)
    np.testing.assert_array_equal(time, course_time)
    np.testing.assert_array_equal(series, course_series)


def test_naive_forecast_mae_is_the_course_number():
    _, series = synthetic_series()
    assert round(mae(series[1000:], naive_forecast(series, 1000)), 2) == 5.94


def test_noise_free_series_is_deterministic_trend_plus_season():
    time, series = synthetic_series(time_steps=10, noise_level=0, amplitude=0)
    np.testing.assert_allclose(series, 10 + 0.05 * time)


@pytest.mark.parametrize(
    "kwargs, arg",
    [
        ({"time_steps": 0}, "time_steps"),
        ({"period": 0}, "period"),
        ({"noise_level": -1.0}, "noise_level"),
        ({"slope": "steep"}, "slope"),
    ],
    ids=["time_steps", "period", "noise_level", "slope"],
)
def test_bad_arguments(kwargs, arg):
    with pytest.raises(ValueError, match=f"`{arg}` must"):
        synthetic_series(**kwargs)
