"""Pure functions: forecasting baselines and metrics."""

from keras_course.ops.forecasting import (
    autoregressive_forecast,
    differenced_forecast,
    mae,
    moving_average_forecast,
    mse,
    naive_forecast,
    seasonal_difference,
)

__all__ = [
    "autoregressive_forecast",
    "differenced_forecast",
    "mae",
    "moving_average_forecast",
    "mse",
    "naive_forecast",
    "seasonal_difference",
]
