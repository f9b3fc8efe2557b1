"""Dataset loaders and generators for the course data."""

from keras_course.datasets.timeseries import synthetic_series
from keras_course.datasets.windows import forecast_windows, windowed_dataset

__all__ = ["forecast_windows", "synthetic_series", "windowed_dataset"]
