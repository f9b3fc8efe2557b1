"""
TiP C4W1: The course's synthetic series and the naive baseline
==============================================================

Course 4 of *TensorFlow in Practice* builds a daily series from a trend, a
yearly pattern and Gaussian noise, splits it at step 1000 and measures every
forecast by its mean absolute error on the rest. The notebook copies four
helper functions into every lab; here it is one call, and the result is the
lab's series bit for bit.
"""

from keras_course.datasets import synthetic_series
from keras_course.ops import mae, naive_forecast
from keras_course.visualization import plot_series

time, series = synthetic_series()
split_time = 1000
print(f"{len(series)} points, split at {split_time}")

# %%
# The series: a rising trend, a yearly shape and noise.
plot_series(time, series)

# %%
# The naive forecast predicts each day as the day before. The course quotes a
# validation MAE of 5.94 for it; every model has to beat this number.
naive = naive_forecast(series, split_time)
print(f"naive forecast MAE: {mae(series[split_time:], naive):.2f}")

plot_series(
    time,
    series,
    naive,
    start=split_time,
    end=split_time + 150,
    labels=["series", "naive forecast"],
)
