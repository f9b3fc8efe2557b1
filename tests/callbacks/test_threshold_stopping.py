import keras
import numpy as np
import pytest

from keras_course.callbacks import ThresholdStopping
from keras_course.testing import TestCase

X = np.linspace(-1.0, 1.0, 64, dtype="float32")[:, None]
Y = 2 * X - 1  # the course's "hello world": y = 2x - 1


def linear_model(learning_rate=0.1):
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(learning_rate), loss="mse", metrics=["mae"])
    return model


def drive(callback, values, monitor="accuracy"):
    """Feeds end-of-epoch logs to the callback; returns the epochs it ran."""
    callback.set_model(linear_model())
    callback.model.stop_training = False
    callback.on_train_begin()
    for epoch, value in enumerate(values):
        callback.on_epoch_begin(epoch)
        callback.on_epoch_end(epoch, {monitor: value})
        if callback.model.stop_training:
            return epoch + 1
    return len(values)


def test_stops_strictly_above_threshold_for_accuracy():
    stop = ThresholdStopping(threshold=0.6, verbose=0)
    assert drive(stop, [0.5, 0.6, 0.61, 0.9]) == 3  # 0.6 is not above 0.6
    assert stop.stopped_epoch == 2


def test_stops_strictly_below_threshold_for_losses():
    stop = ThresholdStopping(monitor="val_loss", threshold=0.2, verbose=0)
    assert stop.mode == "min"
    assert drive(stop, [0.5, 0.2, 0.19], monitor="val_loss") == 3


@pytest.mark.parametrize(
    "monitor, mode",
    [
        ("accuracy", "max"),
        ("val_accuracy", "max"),
        ("binary_accuracy", "max"),
        ("val_auc", "max"),
        ("loss", "min"),
        ("val_mae", "min"),
        ("mse", "min"),
    ],
)
def test_auto_mode(monitor, mode):
    assert ThresholdStopping(monitor=monitor, threshold=1.0).mode == mode


def test_explicit_mode_overrides_auto():
    stop = ThresholdStopping(monitor="loss", threshold=0.5, mode="max", verbose=0)
    assert drive(stop, [0.1, 0.6], monitor="loss") == 2


@pytest.mark.multi_backend
def test_real_fit_stops_at_the_target_and_prints_one_line(capsys):
    keras.utils.set_random_seed(0)
    stop = ThresholdStopping(monitor="loss", threshold=0.05)
    history = linear_model().fit(X, Y, epochs=200, verbose=0, callbacks=[stop])
    epochs_run = len(history.history["loss"])
    assert epochs_run < 200
    assert stop.stopped_epoch == epochs_run - 1
    assert history.history["loss"][-1] < 0.05 <= history.history["loss"][-2]
    lines = [line for line in capsys.readouterr().out.splitlines() if line]
    assert len(lines) == 1
    assert lines[0].startswith("ThresholdStopping: loss = ")
    assert f"below 0.05 at epoch {epochs_run}; stopping training." in lines[0]


@pytest.mark.multi_backend
def test_validation_metric_in_a_real_fit():
    keras.utils.set_random_seed(0)
    stop = ThresholdStopping(monitor="val_mae", threshold=0.2, verbose=0)
    history = linear_model().fit(
        X, Y, validation_data=(X, Y), epochs=200, verbose=0, callbacks=[stop]
    )
    assert history.history["val_mae"][-1] < 0.2
    assert len(history.history["val_mae"]) == stop.stopped_epoch + 1 < 200


@pytest.mark.multi_backend
def test_batch_check_stops_inside_the_first_epoch():
    keras.utils.set_random_seed(0)
    stop = ThresholdStopping(monitor="loss", threshold=1e6, check="batch", verbose=0)
    seen = []
    counter = keras.callbacks.LambdaCallback(
        on_train_batch_end=lambda batch, logs: seen.append(batch)
    )
    linear_model().fit(
        X, Y, batch_size=4, epochs=3, verbose=0, callbacks=[stop, counter]
    )
    assert seen == [0] and stop.stopped_epoch == 0


def test_warns_once_when_the_metric_is_missing():
    stop = ThresholdStopping(monitor="accuracy", threshold=0.9, verbose=0)
    with pytest.warns(UserWarning, match="'accuracy' is not in the logs") as record:
        history = linear_model().fit(X, Y, epochs=3, verbose=0, callbacks=[stop])
    assert len(record) == 1
    assert len(history.history["loss"]) == 3 and stop.stopped_epoch is None


def test_state_resets_between_fits():
    keras.utils.set_random_seed(0)
    stop = ThresholdStopping(monitor="loss", threshold=0.05, verbose=0)
    model = linear_model()
    model.fit(X, Y, epochs=200, verbose=0, callbacks=[stop])
    assert stop.stopped_epoch is not None
    # Already below the threshold: the second fit stops after its first epoch,
    # and the first fit's epoch is forgotten.
    history = model.fit(X, Y, epochs=50, verbose=0, callbacks=[stop])
    assert len(history.history["loss"]) == 1 and stop.stopped_epoch == 0


class TestThresholdStoppingConfig(TestCase):
    def test_config_round_trip_in_safe_mode(self):
        revived = self.run_config_test(
            ThresholdStopping,
            {"monitor": "val_loss", "threshold": 0.3, "check": "epoch", "verbose": 0},
        )
        assert (revived.monitor, revived.threshold, revived.mode) == (
            "val_loss",
            0.3,
            "min",
        )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"threshold": None}, "`threshold` must be a number"),
        ({"threshold": "0.9"}, "`threshold` must be a number"),
        ({"threshold": float("nan")}, "`threshold` must be a finite number"),
        ({"threshold": 0.9, "mode": "maximum"}, "`mode` must be one of"),
        ({"threshold": 0.9, "check": "step"}, "`check` must be one of"),
        ({"threshold": 0.9, "monitor": ""}, "`monitor` must be a metric name"),
        (
            {"threshold": 0.9, "monitor": "val_accuracy", "check": "batch"},
            "cannot monitor a validation metric",
        ),
    ],
    ids=["none", "string", "nan", "mode", "check", "monitor", "val-batch"],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ThresholdStopping(**kwargs)
