import numpy as np
import pytest

from keras_course.datasets import synthetic_series
from keras_course.ops import mae, naive_forecast
from keras_course.reference import course_lab_series


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
