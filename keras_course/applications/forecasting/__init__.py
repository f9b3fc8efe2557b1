from keras_course.applications.forecasting.time_series_forecaster import (
    TimeSeriesForecaster,
)

__all__ = ["TimeSeriesForecaster"]
