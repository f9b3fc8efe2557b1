"""Dataset loaders and generators for the course data."""

from keras_course.datasets.timeseries import synthetic_series

__all__ = ["synthetic_series"]
