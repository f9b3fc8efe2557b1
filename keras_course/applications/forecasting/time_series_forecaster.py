import keras
import numpy as np

from keras_course._validation import (
    check_choice,
    check_int,
    check_number,
    check_series,
    check_split,
    check_window,
)
from keras_course.api_export import keras_course_export
from keras_course.datasets.windows import sliding_windows, windowed_dataset
from keras_course.layers.conv1d_lstm_block import Conv1DLSTMBlock
from keras_course.layers.expand_dims import ExpandDims
from keras_course.layers.scale import Scale
from keras_course.ops.forecasting import mae, naive_forecast

ARCHITECTURES = ("dense", "simple_rnn", "lstm", "bilstm", "conv_lstm")
# The course's Lambda(x * k) factor for each architecture (None: no scaling).
COURSE_OUTPUT_SCALE = {
    "dense": None,
    "simple_rnn": 100.0,
    "lstm": 100.0,
    "bilstm": 100.0,
    "conv_lstm": 400.0,
}


def _body(architecture, x):
    if architecture == "dense":
        x = keras.layers.Dense(10, activation="relu", name="dense_0")(x)
        return keras.layers.Dense(10, activation="relu", name="dense_1")(x)
    x = ExpandDims(name="expand_dims")(x)
    if architecture == "simple_rnn":
        x = keras.layers.SimpleRNN(40, return_sequences=True, name="rnn_0")(x)
        return keras.layers.SimpleRNN(40, name="rnn_1")(x)
    if architecture == "lstm":
        x = keras.layers.LSTM(64, return_sequences=True, name="lstm_0")(x)
        return keras.layers.LSTM(64, name="lstm_1")(x)
    if architecture == "bilstm":
        lstm = keras.layers.LSTM(32, return_sequences=True)
        x = keras.layers.Bidirectional(lstm, name="bilstm_0")(x)
        return keras.layers.Bidirectional(keras.layers.LSTM(32), name="bilstm_1")(x)
    x = Conv1DLSTMBlock(32, 5, (64, 64), return_sequences=False, name="conv_lstm")(x)
    x = keras.layers.Dense(30, activation="relu", name="dense_0")(x)
    return keras.layers.Dense(10, activation="relu", name="dense_1")(x)


@keras_course_export("keras_course.applications.TimeSeriesForecaster")
class TimeSeriesForecaster(keras.Model):
    """One line for the course 4 forecasters: window a series, fit, forecast.

    The architectures are the course's, with `ExpandDims` and `Scale` where the
    course used `Lambda` layers (so the model saves and loads in safe mode):

    - `"dense"`: Dense(10, relu) → Dense(10, relu) → Dense(horizon) (week 2's DNN).
    - `"simple_rnn"`: SimpleRNN(40) × 2 → Dense → Scale(100) (week 3).
    - `"lstm"`: LSTM(64) × 2 → Dense → Scale(100).
    - `"bilstm"`: Bidirectional(LSTM(32)) × 2 → Dense → Scale(100) (week 3).
    - `"conv_lstm"`: causal Conv1D(32, 5) + LSTM(64) × 2 → Dense 30-10 →
      Dense → Scale(400) (week 4's sunspot model).

    Compiled with the Huber loss and an MAE metric. The default optimizer is
    Adam(1e-3): the course's SGD(1e-6 .. 8e-6, momentum 0.9) needs the
    100-epoch learning-rate sweep to choose, and Adam reaches the course's
    numbers without it (see the forecasting tutorial).

    Args:
        window_size: int, input steps per example. Defaults to 30.
        architecture: one of `"dense"`, `"simple_rnn"`, `"lstm"`, `"bilstm"`,
            `"conv_lstm"`. Defaults to `"dense"`.
        horizon: int, steps forecast at once. Defaults to 1.
        output_scale: float or None. None uses the course's factor for the
            architecture (none for dense, 100 for the RNNs, 400 for conv_lstm).
        loss: a Keras loss name or object. Defaults to `"huber"`.
        optimizer: a Keras optimizer, its name or config; None for Adam(1e-3).

    Example:

    >>> model = TimeSeriesForecaster(window_size=20)
    >>> model.count_params()  # the course DNN: 20*10+10 + 10*10+10 + 10+1
    331
    """

    def __init__(
        self,
        window_size=30,
        architecture="dense",
        horizon=1,
        output_scale=None,
        loss="huber",
        optimizer=None,
        **kwargs,
    ):
        window_size = check_int("window_size", window_size)
        architecture = check_choice("architecture", architecture, ARCHITECTURES)
        horizon = check_int("horizon", horizon)
        scale = COURSE_OUTPUT_SCALE[architecture]
        if output_scale is not None:
            output_scale = scale = check_number("output_scale", output_scale)

        inputs = keras.Input((window_size,), name="window")
        x = _body(architecture, inputs)
        outputs = keras.layers.Dense(horizon, name="forecast")(x)
        if scale is not None:
            outputs = Scale(scale, name="scale")(outputs)
        kwargs.setdefault("name", f"{architecture}_forecaster")
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)

        self.window_size = window_size
        self.architecture = architecture
        self.horizon = horizon
        self.output_scale = output_scale
        loss = keras.losses.get(loss)
        self.loss_config = keras.losses.serialize(loss)
        optimizer = keras.optimizers.get(
            optimizer
            if optimizer is not None
            else {
                "class_name": "Adam",
                "config": {"learning_rate": 1e-3},
            }
        )
        self.optimizer_config = keras.optimizers.serialize(optimizer)
        self.compile(optimizer=optimizer, loss=loss, metrics=["mae"])

    # -- series in, series out ---------------------------------------------------

    def fit(
        self,
        x=None,
        y=None,
        *,
        split_time=None,
        validation=True,
        epochs=200,
        batch_size=32,
        shuffle_buffer=1000,
        seed=None,
        **kwargs,
    ):
        """Trains on a 1-D series (windowing it), or as `keras.Model.fit`.

        Args:
            x: a 1-D series (an array or list without `y`); anything else
                (arrays with `y`, a dataset) goes to `keras.Model.fit`
                unchanged.
            y: only for the `keras.Model.fit` form.
            split_time: int or None. Train on `series[:split_time]`; with
                `validation=True`, validate on the forecasts of
                ``series[split_time:]``.
            validation: bool, report validation loss/MAE each epoch.
            epochs: int. Defaults to 200 (about 15 s for `"dense"` on the
                course series on 2 CPU cores).
            batch_size: int. Defaults to 32.
            shuffle_buffer: int. Defaults to 1000.
            seed: int or None, seed of the shuffle.
            **kwargs: passed to `keras.Model.fit` (`callbacks`, `verbose`, ...).

        Returns:
            The `History`.
        """
        if y is not None or not isinstance(x, (np.ndarray, list, tuple)):
            return super().fit(x, y, epochs=epochs, batch_size=batch_size, **kwargs)
        series = check_series(x)
        train = series
        validation_data = None
        if split_time is not None:
            split_time = check_split(split_time, len(series))
            train = series[:split_time]
            if validation:
                validation_data = windowed_dataset(
                    series[split_time - self.window_size :],
                    self.window_size,
                    batch_size,
                    horizon=self.horizon,
                    shuffle=False,
                )
        dataset = windowed_dataset(
            train,
            self.window_size,
            batch_size,
            shuffle_buffer,
            horizon=self.horizon,
            seed=seed,
        )
        return super().fit(
            dataset,
            epochs=epochs,
            validation_data=validation_data,
            shuffle=False,  # the windowed dataset shuffles itself
            **kwargs,
        )

    def forecast(self, series, batch_size=256):
        """Forecasts the step after every window of `series`, in one batched call.

        The course's `model_forecast` result: element `i` forecasts
        `series[i + window_size]`, so
        ``forecast(series)[split_time - window_size:-1]`` is aligned with
        ``series[split_time:]``.

        Args:
            series: 1-D array, at least `window_size` long.
            batch_size: int, windows per predict batch. Defaults to 256.

        Returns:
            float32 array of shape `(len(series) - window_size + 1,)`, or
            `(..., horizon)` when `horizon > 1`.
        """
        series = check_series(series)
        check_window(series, self.window_size)
        batch_size = check_int("batch_size", batch_size)
        windows = sliding_windows(series, self.window_size)
        predictions = self.predict(windows, batch_size=batch_size, verbose=0)
        return predictions[:, 0] if self.horizon == 1 else predictions

    def evaluate(self, x=None, y=None, *, split_time=None, **kwargs):
        """With `split_time`: validation MAE of a series next to the naive one.

        Args:
            x: a 1-D series when `split_time` is given; otherwise everything
                goes to `keras.Model.evaluate`.
            y: only for the `keras.Model.evaluate` form.
            split_time: int, first validation step.

        Returns:
            ``{"mae": ..., "naive_mae": ...}`` for a series; otherwise what
            `keras.Model.evaluate` returns.
        """
        if split_time is None:
            return super().evaluate(x, y, **kwargs)
        series = check_series(x)
        split_time = check_split(split_time, len(series))
        if split_time < self.window_size:
            raise ValueError(
                f"`split_time` must be >= window_size ({self.window_size}). "
                f"Received: split_time={split_time}"
            )
        predictions = self.forecast(series[split_time - self.window_size : -1])
        if self.horizon > 1:
            predictions = predictions[:, 0]
        target = series[split_time:]
        return {
            "mae": mae(target, predictions),
            "naive_mae": mae(target, naive_forecast(series, split_time)),
        }

    # -- serialization -----------------------------------------------------------

    def get_config(self):
        """The constructor arguments, for `.keras` saving."""
        return {
            "name": self.name,
            "trainable": self.trainable,
            "window_size": self.window_size,
            "architecture": self.architecture,
            "horizon": self.horizon,
            "output_scale": self.output_scale,
            "loss": self.loss_config,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the forecaster from `get_config()`."""
        return cls(**config)
