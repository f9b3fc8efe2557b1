"""Dataset loaders and generators for the course data."""

from keras_course.datasets.course_csv import load_daily_min_temperatures, load_sunspots
from keras_course.datasets.timeseries import synthetic_series
from keras_course.datasets.windows import forecast_windows, windowed_dataset

__all__ = [
    "forecast_windows",
    "load_daily_min_temperatures",
    "load_sunspots",
    "synthetic_series",
    "windowed_dataset",
]
