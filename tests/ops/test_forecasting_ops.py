import numpy as np
import pytest

from keras_course.ops import mae, mse, naive_forecast

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
