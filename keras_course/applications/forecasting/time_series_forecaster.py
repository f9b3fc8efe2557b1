import copy
import functools

import keras
import numpy as np

from keras_course._backend import check_backend
from keras_course._validation import (
    check_choice,
    check_int,
    check_number,
    check_series,
    check_split,
    check_window,
    is_series_like,
)
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import SHARD_SEED, FitMixin, across_processes
from keras_course.applications._presets import PresetMixin
from keras_course.datasets.windows import sliding_windows, windowed_dataset
from keras_course.layers.conv1d_lstm_block import Conv1DLSTMBlock
from keras_course.layers.expand_dims import ExpandDims
from keras_course.layers.scale import Scale
from keras_course.ops.forecasting import mae, naive_forecast

ARCHITECTURES = ("ar_residual", "dense", "simple_rnn", "lstm", "bilstm", "conv_lstm")
# The course's Lambda(x * k) factor for each architecture (None: no scaling).
COURSE_OUTPUT_SCALE = {
    "ar_residual": None,
    "dense": None,
    "simple_rnn": 100.0,
    "lstm": 100.0,
    "bilstm": 100.0,
    "conv_lstm": 400.0,
}


RESIDUAL_UNITS = 64
DEFAULT_MEMBERS = 5
EARLY_STOPPING_PATIENCE = 20
HOLDOUT_FRACTION = 0.1


def _ar_residual_layers(horizon, members):
    """The layers of `"ar_residual"`, by name (see `_ar_residual_members`)."""
    layers = {
        "standardize": keras.layers.Normalization(axis=None, name="standardize"),
        "unstandardize": keras.layers.Normalization(
            axis=None, invert=True, name="unstandardize"
        ),
    }
    for k in range(members):
        layers[f"linear_{k}"] = keras.layers.Dense(horizon, name=f"linear_{k}")
        layers[f"hidden_{k}"] = keras.layers.Dense(
            RESIDUAL_UNITS, activation="relu", name=f"hidden_{k}"
        )
        layers[f"residual_{k}"] = keras.layers.Dense(
            horizon, kernel_initializer="zeros", name=f"residual_{k}"
        )
        layers[f"member_{k}"] = keras.layers.Add(name=f"member_{k}")
    return layers


def _ar_residual_members(layers, inputs, members):
    """Each member's standardized forecast: linear AR path + ReLU residual."""
    z = layers["standardize"](inputs)
    return [
        layers[f"member_{k}"](
            [
                layers[f"linear_{k}"](z),
                layers[f"residual_{k}"](layers[f"hidden_{k}"](z)),
            ]
        )
        for k in range(members)
    ]


def _ar_residual(inputs, horizon, members):
    """Standardize → members → average → back to the series' units."""
    layers = _ar_residual_layers(horizon, members)
    outputs = _ar_residual_members(layers, inputs, members)
    if members > 1:
        outputs = [keras.layers.Average(name="average")(outputs)]
    return layers["unstandardize"](outputs[0])


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
class TimeSeriesForecaster(PresetMixin, FitMixin, keras.Model):
    """One line for the course 4 forecasters: window a series, fit, forecast.

    The default, `"ar_residual"`, is this library's own, chosen by measurement
    (`benchmarks/forecasting_quality.py`): the course's DNN loses to a plain
    linear autoregression (AR) on real sunspots. It standardizes the window
    with the training series' mean and deviation (Keras `Normalization`
    layers, so the units of the series do not matter) and averages `members`
    (5) small models, each a linear path (an AR model) plus a ReLU residual
    (Dense(64) → Dense, starting at zero), then maps back to the series'
    units. `fit` on a series adapts the standardization, sets every linear
    path to the least-squares AR fit, and trains each member on its own MAE
    (a seed ensemble inside one model), early-stopped on the MAE of the
    average on the last tenth of the training part. So it starts as AR and
    keeps what the residuals improve on held-out data.

    The course's architectures, with `ExpandDims` and `Scale` where the
    course used `Lambda` layers (so the model saves and loads in safe mode):

    - `"dense"`: Dense(10, relu) → Dense(10, relu) → Dense(horizon) (week 2's DNN).
    - `"simple_rnn"`: SimpleRNN(40) × 2 → Dense → Scale(100) (week 3).
    - `"lstm"`: LSTM(64) × 2 → Dense → Scale(100).
    - `"bilstm"`: Bidirectional(LSTM(32)) × 2 → Dense → Scale(100) (week 3).
    - `"conv_lstm"`: causal Conv1D(32, 5) + LSTM(64) × 2 → Dense 30-10 →
      Dense → Scale(400) (week 4's sunspot model).

    They compile with the Huber loss; all track MAE. Their default optimizer
    is Adam(1e-3): the course's SGD(1e-6 .. 8e-6, momentum 0.9) needs the
    100-epoch learning-rate sweep to choose, and Adam reaches the course's
    numbers without it (see the forecasting tutorial).

    Args:
        window_size: int, input steps per example. Defaults to 30.
        architecture: one of `"ar_residual"` (default), `"dense"`,
            `"simple_rnn"`, `"lstm"`, `"bilstm"`, `"conv_lstm"`.
        horizon: int, steps forecast at once. Defaults to 1.
        output_scale: float or None. None uses the course's factor for the
            architecture (none for dense, 100 for the RNNs, 400 for conv_lstm).
        loss: a Keras loss name or object. None: `"mae"` for `"ar_residual"`,
            `"huber"` (the course's) for the others.
        optimizer: a Keras optimizer, its name or config. None: Adam(3e-4) for
            `"ar_residual"` (chosen by measurement: 1e-3 overfits the
            residuals), Adam(1e-3) for the others.
        members: int or None, the ensemble size of `"ar_residual"` (None: 5).

    Example:

    >>> TimeSeriesForecaster(window_size=20, architecture="dense").count_params()
    331
    >>> TimeSeriesForecaster(window_size=20).count_params()  # 5 * (21+1344+65) + 6
    7156
    """

    def __init__(
        self,
        window_size=30,
        architecture="ar_residual",
        horizon=1,
        output_scale=None,
        loss=None,
        optimizer=None,
        members=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        window_size = check_int("window_size", window_size)
        architecture = check_choice("architecture", architecture, ARCHITECTURES)
        horizon = check_int("horizon", horizon)
        if members is not None:
            members = check_int("members", members)
            if architecture != "ar_residual" and members != 1:
                raise ValueError(
                    "`members` > 1 needs architecture='ar_residual'. Received: "
                    f"members={members}, architecture={architecture!r}"
                )
        scale = COURSE_OUTPUT_SCALE[architecture]
        if output_scale is not None:
            output_scale = scale = check_number("output_scale", output_scale)

        inputs = keras.Input((window_size,), name="window")
        if architecture == "ar_residual":
            outputs = _ar_residual(inputs, horizon, members or DEFAULT_MEMBERS)
        else:
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
        self.members = members
        if loss is None:
            loss = "mae" if architecture == "ar_residual" else "huber"
        loss = keras.losses.get(copy.deepcopy(loss))
        self.loss_config = keras.losses.serialize(loss)
        if optimizer is None:
            rate = 3e-4 if architecture == "ar_residual" else 1e-3
            optimizer = {"class_name": "Adam", "config": {"learning_rate": rate}}
        # get() rewrites a config dict in place; keep the caller's intact.
        optimizer = keras.optimizers.get(copy.deepcopy(optimizer))
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
        early_stopping=None,
        epochs=200,
        batch_size=32,
        shuffle_buffer=1000,
        shuffle=None,
        seed=None,
        **kwargs,
    ):
        """Trains on a 1-D series (windowing it), or as `keras.Model.fit`.

        Args:
            x: a 1-D series: a numpy array, list, pandas Series, or a
                TensorFlow or JAX tensor, given without `y`. Anything else
                (inputs with `y`, a dataset) goes to `keras.Model.fit`
                unchanged.
            y: only for the `keras.Model.fit` form.
            split_time: int or None. Train on `series[:split_time]` only.
            validation: bool. Without early stopping, report the loss and MAE
                of the forecasts of ``series[split_time:]`` each epoch.
            early_stopping: bool or None (on for `"ar_residual"`, off for the
                course architectures). Hold out the last tenth of the training
                part, stop when the MAE of the forecasts there has not
                improved for 20 epochs and keep the best weights. The
                history's `val_*` are then the held-out tail of the
                *training* part: the split being reported is never used to
                choose anything.
            epochs: int, the most epochs. Defaults to 200.
            batch_size: int. Defaults to 32.
            shuffle_buffer: int. Defaults to 1000.
            shuffle: bool or None, shuffle the windows (None: yes). In the
                `keras.Model.fit` form, passed on only when given.
            seed: int or None, seed of the shuffle.
            **kwargs: passed to `keras.Model.fit` (`callbacks`, `verbose`, ...);
                `validation_data` and `validation_split` are refused with a
                series (use `split_time` and `early_stopping`).

        Returns:
            The `History`.
        """
        if y is not None or not is_series_like(x):
            if shuffle is not None:
                kwargs["shuffle"] = shuffle
            return super().fit(x, y, epochs=epochs, batch_size=batch_size, **kwargs)
        for name in ("validation_data", "validation_split"):
            if kwargs.get(name) is not None:
                raise ValueError(
                    f"`{name}` cannot be combined with a series: the forecaster "
                    "windows the series itself. Pass `split_time` (and "
                    f"`early_stopping`) instead. Received: {name}={kwargs[name]!r}"
                )
            kwargs.pop(name, None)
        series = check_series(x, "x")
        train = series
        if split_time is not None:
            split_time = self._check_split_time(split_time, len(series))
            train = series[:split_time]
        if early_stopping is None:
            early_stopping = self.architecture == "ar_residual"
        callbacks = list(kwargs.pop("callbacks", None) or [])
        validation_data = None
        # Across processes Keras shards each batch: every process must draw
        # the same, full batches (a seed they share, no partial batch).
        shared = across_processes()
        if shared and seed is None:
            seed = SHARD_SEED
        window = functools.partial(
            windowed_dataset,
            window_size=self.window_size,
            batch_size=batch_size,
            horizon=self.horizon,
            drop_remainder=shared,
        )
        if early_stopping:
            train, holdout = self._holdout(train)
            validation_data = window(holdout, shuffle=False)
            callbacks.append(
                keras.callbacks.EarlyStopping(
                    monitor="val_mae",
                    patience=EARLY_STOPPING_PATIENCE,
                    restore_best_weights=True,
                )
            )
        elif split_time is not None and validation:
            validation_data = window(
                series[split_time - self.window_size :], shuffle=False
            )
        dataset = window(
            train,
            shuffle_buffer=shuffle_buffer,
            shuffle=shuffle is not False,
            seed=seed,
        )
        if self.architecture == "ar_residual" and not self._is_initialized():
            self.initialize(train)
        return super().fit(
            dataset,
            epochs=epochs,
            validation_data=validation_data,
            callbacks=callbacks,
            shuffle=False,  # the windowed dataset shuffles itself
            **kwargs,
        )

    def _check_split_time(self, split_time, length):
        split_time = check_split(split_time, length)
        if split_time < self.window_size:
            raise ValueError(
                f"`split_time` must be >= window_size ({self.window_size}): the "
                f"first forecast needs a whole window before it. Received: "
                f"split_time={split_time}"
            )
        return split_time

    def _holdout(self, train):
        """`(train[:cut], train[cut - window_size:])`, the last tenth held out."""
        steps = max(int(len(train) * HOLDOUT_FRACTION), self.horizon)
        cut = len(train) - steps
        if cut < self.window_size + self.horizon:
            raise ValueError(
                "The series is too short to hold out a tenth for early "
                f"stopping with window_size={self.window_size}: it has "
                f"{len(train)} training steps. Pass early_stopping=False or a "
                "longer series."
            )
        return train[:cut], train[cut - self.window_size :]

    def _is_initialized(self):
        layer = self.get_layer("standardize")
        mean = keras.ops.convert_to_numpy(layer.adapt_mean)
        variance = keras.ops.convert_to_numpy(layer.adapt_variance)
        return not (np.all(mean == 0.0) and np.all(variance == 1.0))

    def set_weights(self, weights):
        """As `keras.Model.set_weights`, keeping the standardization in sync.

        Keras's `Normalization` reads its statistics from copies that only
        `adapt` and loading refresh; this refreshes them after `set_weights`.
        """
        super().set_weights(weights)
        for layer in self.layers:
            if isinstance(layer, keras.layers.Normalization):
                layer.finalize_state()

    def initialize(self, series):
        """Starts the `"ar_residual"` model at the AR fit of `series`.

        Adapts both standardization layers to the series' mean and deviation
        and sets the linear path to the least-squares AR(`window_size`) fit
        (with an intercept) on the standardized windows; the residual starts
        at zero. `fit` on a series calls this on the first fit (on the
        training part, without the held-out tail); call it yourself before
        `keras.Model.fit` on arrays or `find_learning_rate`.

        Args:
            series: the 1-D training series.
        """
        if self.architecture != "ar_residual":
            raise ValueError(
                "initialize() is for architecture='ar_residual'. Received: "
                f"architecture={self.architecture!r}"
            )
        train = check_series(series)
        check_window(train, self.window_size, extra=self.horizon)
        for name, width in (
            ("standardize", self.window_size),
            ("unstandardize", self.horizon),
        ):
            self.get_layer(name).adapt(
                np.broadcast_to(train[:, None], (len(train), width))
            )
        layer = self.get_layer("standardize")
        mean = float(keras.ops.convert_to_numpy(layer.mean).ravel()[0])
        variance = float(keras.ops.convert_to_numpy(layer.variance).ravel()[0])
        deviation = max(np.sqrt(variance), keras.config.epsilon())
        windows = sliding_windows(
            train.astype("float64"), self.window_size + self.horizon
        )
        z = (windows - mean) / deviation
        design = np.concatenate([z[:, : self.window_size], np.ones((len(z), 1))], 1)
        coefficients, *_ = np.linalg.lstsq(design, z[:, self.window_size :], rcond=None)
        kernel = coefficients[:-1].astype("float32")
        bias = coefficients[-1].astype("float32")
        for k in range(self._num_members):
            self.get_layer(f"linear_{k}").set_weights([kernel, bias])

    @property
    def _num_members(self):
        return self.members or DEFAULT_MEMBERS

    def compute_loss(
        self, x=None, y=None, y_pred=None, sample_weight=None, training=True
    ):
        """For `"ar_residual"`: the mean of the members' own losses.

        Each member is trained on its own error (as if it were trained alone,
        from its own random start), not on the error of the average, so the
        average is a real ensemble. Metrics (`mae`) are the average's.
        """
        members = self._num_members
        if self.architecture != "ar_residual" or members == 1 or y is None:
            return super().compute_loss(x, y, y_pred, sample_weight, training)
        layers = {layer.name: layer for layer in self.layers}
        outputs = _ar_residual_members(layers, x, members)
        stacked = layers["unstandardize"](keras.ops.concatenate(outputs, axis=0))
        repeated = keras.ops.concatenate([y] * members, axis=0)
        if sample_weight is not None:
            sample_weight = keras.ops.concatenate([sample_weight] * members, axis=0)
        return super().compute_loss(x, repeated, stacked, sample_weight, training)

    def forecast(self, series, batch_size=4096):
        """Forecasts the step after every window of `series`, in one batched call.

        The course's `model_forecast` result: element `i` forecasts
        `series[i + window_size]`, so
        ``forecast(series)[split_time - window_size:-1]`` is aligned with
        ``series[split_time:]``.

        Args:
            series: 1-D series (array, list, pandas Series, TF or JAX tensor),
                at least `window_size` long.
            batch_size: int, windows per call. Defaults to 4096 (each eager
                call has a fixed cost, large for the recurrent models).

        Returns:
            float32 array of shape `(len(series) - window_size + 1,)`, or
            `(..., horizon)` when `horizon > 1`.
        """
        series = check_series(series)
        check_window(series, self.window_size)
        batch_size = check_int("batch_size", batch_size)
        windows = sliding_windows(series, self.window_size)
        # Calls the model directly: `predict` builds a tf.function per model,
        # and forecasting with several models in a loop makes TensorFlow warn
        # about retracing.
        predictions = np.concatenate(
            [
                keras.ops.convert_to_numpy(
                    self(windows[start : start + batch_size], training=False)
                )
                for start in range(0, len(windows), batch_size)
            ]
        )
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
            `keras.Model.evaluate` returns (`[loss, mae]`, or a dict with
            `return_dict=True`).
        """
        if split_time is None:
            return super().evaluate(x, y, **kwargs)
        series = check_series(x, "x")
        split_time = self._check_split_time(split_time, len(series))
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
            "members": self.members,
            "loss": self.loss_config,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the forecaster from `get_config()`."""
        return cls(**config)
