"""
TiP C4W1-2: Baselines and windows
=================================

Before any neural network, course 4 measures simple forecasts on the
synthetic series: the naive forecast, a moving average, and seasonal
differencing. Here they are one call each, vectorised, and they reach the
course's numbers. Then the data is windowed for training with
:func:`keras_course.datasets.windowed_dataset`.
"""

import matplotlib.pyplot as plt
import numpy as np

from keras_course.datasets import synthetic_series, windowed_dataset
from keras_course.ops import (
    autoregressive_forecast,
    differenced_forecast,
    mae,
    moving_average_forecast,
    naive_forecast,
)
from keras_course.visualization import plot_series

time, series = synthetic_series()
split_time = 1000
target = series[split_time:]

# %%
# The baselines, next to the numbers the course reports:
forecasts = {
    "naive (5.94)": naive_forecast(series, split_time),
    "moving average 30 (7.14)": moving_average_forecast(series, 30)[split_time - 30 :],
    "differenced + past (5.84)": differenced_forecast(
        series, split_time, past_window=None
    ),
    "differenced + smoothed past (4.57)": differenced_forecast(series, split_time),
    "AR(30) least squares": autoregressive_forecast(series, split_time, order=30),
}
for name, forecast in forecasts.items():
    print(f"{name:36s} MAE {mae(target, forecast):.2f}")

# %%
# The moving average lags behind the seasonal jumps; differencing removes the
# trend and the season, so the average only has to follow the noise.
_, ax = plt.subplots(figsize=(10, 5))
plot_series(
    time,
    series,
    forecasts["moving average 30 (7.14)"],
    forecasts["differenced + smoothed past (4.57)"],
    start=split_time,
    labels=["series", "moving average", "differenced + smoothed past"],
    ax=ax,
)

# %%
# Windows for training
# --------------------
# The course windows the series with ``Dataset.window`` and ``flat_map``. The
# same examples come from ``windowed_dataset``, 7–20x faster (see
# ``benchmarks/windowed_dataset.py``). ``x`` holds ``window_size`` steps, ``y``
# the step after them.
dataset = windowed_dataset(series[:split_time], window_size=20, batch_size=32, seed=0)
x, y = next(iter(dataset))
print("x:", tuple(x.shape), " y:", tuple(y.shape))
print("examples per epoch:", sum(len(b) for _, b in dataset))

# %%
# Every label is the value right after its window:
window = np.asarray(x[0])
start = int(np.flatnonzero(np.isclose(series, window[0]))[0])
print("label equals series[start + 20]:", bool(np.isclose(y[0], series[start + 20])))
