"""
TiP C4W2-4: Forecasting with DNN, RNN and Conv1D+LSTM
=====================================================

:class:`keras_course.applications.TimeSeriesForecaster` builds the course 4
architectures in one line, windows the series itself, forecasts the whole
series in one batched call, and saves to ``.keras`` in safe mode. Its
default is not a course model: on real sunspots the course's DNN loses to a
plain linear autoregression, so the default starts *as* that autoregression
and learns only what a small residual network improves on held-out data.

The course's RNN models need ``Lambda`` layers around the network:

.. code-block:: python

    # the course (does not load with safe_mode=True)
    model = tf.keras.models.Sequential([
        tf.keras.layers.Lambda(lambda x: tf.expand_dims(x, axis=-1),
                               input_shape=[None]),
        tf.keras.layers.SimpleRNN(40, return_sequences=True),
        tf.keras.layers.SimpleRNN(40),
        tf.keras.layers.Dense(1),
        tf.keras.layers.Lambda(lambda x: x * 100.0),
    ])

    # keras-course: the same network with real layers
    model = keras.Sequential([
        keras.Input((window_size,)),
        ExpandDims(),
        keras.layers.SimpleRNN(40, return_sequences=True),
        keras.layers.SimpleRNN(40),
        keras.layers.Dense(1),
        Scale(100.0),
    ])
    # or simply
    model = TimeSeriesForecaster(window_size, architecture="simple_rnn")
"""

import os
import tempfile

import keras

from keras_course.applications import TimeSeriesForecaster
from keras_course.datasets import synthetic_series
from keras_course.ops import autoregressive_forecast, mae
from keras_course.visualization import plot_series

time, series = synthetic_series()
split_time = 1000

# %%
# The course DNN
# --------------
# Dense 10-10-1 on windows of 30 steps. The course trains it with SGD after a
# 100-epoch learning-rate sweep and reaches a validation MAE of about 5.1;
# the default Adam(1e-3) and Huber loss get there without the sweep.
keras.utils.set_random_seed(0)
dnn = TimeSeriesForecaster(window_size=30, architecture="dense")
history = dnn.fit(series, split_time=split_time, epochs=200, verbose=0, seed=0)
print(dnn.evaluate(series, split_time=split_time))

# %%
# The default: AR plus a residual
# -------------------------------
# ``TimeSeriesForecaster()`` standardizes each window with the training
# series' mean and deviation (so the series' units do not matter), and
# averages five members, each a linear path plus a small ReLU residual. ``fit``
# sets every linear path to the least-squares AR(30) fit, then trains each
# member on its own error and stops early on the last tenth of the *training*
# part (the validation part is never used to choose anything).
keras.utils.set_random_seed(0)
default = TimeSeriesForecaster()
default.fit(series, split_time=split_time, verbose=0, seed=0)
ar = mae(series[split_time:], autoregressive_forecast(series, split_time, order=30))
print(default.evaluate(series, split_time=split_time), f"AR(30): {ar:.3f}")

# %%
# Over five seeds and four copies of the real monthly sunspot numbers (two
# sources, both unit scales) the default beats AR(30) and the course DNN
# (``benchmarks/forecasting_quality.py``; the table is in :doc:`/benchmarks`).
#
# ``forecast`` returns the course's ``model_forecast`` result in one call;
# slice it to line up with the validation part.
forecast = dnn.forecast(series)[split_time - 30 : -1]
plot_series(
    time, series, forecast, start=split_time, labels=["series", "dense forecaster"]
)

# %%
# The other architectures
# -----------------------
# Every option with its parameter count. (Training the recurrent ones takes
# minutes on a CPU; this page only builds them.)
for architecture in (
    "ar_residual",
    "dense",
    "simple_rnn",
    "lstm",
    "bilstm",
    "conv_lstm",
):
    model = TimeSeriesForecaster(window_size=30, architecture=architecture)
    print(f"{architecture:11s} {model.count_params():7,d} parameters")

# %%
# Saving without Lambda
# ---------------------
# The file loads with ``safe_mode=True`` and no ``custom_objects``.
path = os.path.join(tempfile.mkdtemp(), "dnn.keras")
dnn.save(path)
reloaded = keras.saving.load_model(path, safe_mode=True)
print(type(reloaded).__name__, reloaded.evaluate(series, split_time=split_time))
