import numpy as np
import pytest

from keras_course.datasets import synthetic_series
from keras_course.visualization import plot_series


def test_forecast_aligned_with_end_and_window():
    time, series = synthetic_series()
    forecast = series[1000:] + 1.0
    ax = plot_series(
        time, series, forecast, start=900, end=1200, labels=["series", "forecast"]
    )
    series_line, forecast_line = ax.lines
    np.testing.assert_array_equal(series_line.get_xdata(), time[900:1200])
    np.testing.assert_array_equal(forecast_line.get_xdata(), time[1000:1200])
    np.testing.assert_array_equal(forecast_line.get_ydata(), forecast[:200])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "series",
        "forecast",
    ]


def test_draws_into_given_axes():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert plot_series(np.arange(3.0), np.ones(3), ax=ax) is ax


def test_length_mismatch_and_labels():
    with pytest.raises(ValueError, match="same length"):
        plot_series(np.arange(3.0), np.ones(4))
    with pytest.raises(ValueError, match="`labels` must have 2"):
        plot_series(np.arange(3.0), np.ones(3), np.ones(2), labels=["a"])
