"""One-line applications: course architectures with their data handling."""

from keras_course.applications.forecasting import TimeSeriesForecaster

__all__ = ["TimeSeriesForecaster"]
