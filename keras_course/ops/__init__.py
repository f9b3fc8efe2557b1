"""Pure functions: forecasting baselines and metrics, box utilities."""

from keras_course.ops.forecasting import mae, mse, naive_forecast

__all__ = ["mae", "mse", "naive_forecast"]
