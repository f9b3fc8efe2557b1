import math
import warnings

import keras

from keras_course._io import print_msg
from keras_course._validation import check_choice, check_number
from keras_course.api_export import keras_course_export

# Names whose larger values are better, as in Keras's EarlyStopping "auto" mode.
_MAX_METRICS = ("acc", "auc", "precision", "recall", "f1", "iou", "r2")


@keras_course_export("keras_course.callbacks.ThresholdStopping")
class ThresholdStopping(keras.callbacks.Callback):
    """Stops training once a metric crosses a target value.

    The courses write this callback by hand in every assignment
    (`if logs.get("accuracy") > 0.6: self.model.stop_training = True`). This one
    also works for losses and `val_*` metrics, checks per epoch or per batch,
    warns once when the metric is missing instead of crashing on `None > 0.6`,
    and can be reused across `fit` calls.

    Args:
        monitor: str, the metric name in the logs. Defaults to `"accuracy"`.
        threshold: number, the target. Training stops when the metric is
            strictly above it (mode `"max"`) or strictly below it (`"min"`).
        mode: `"auto"`, `"max"` or `"min"`. `"auto"` picks `"max"` for names
            containing acc, auc, precision, recall, f1, iou or r2 and `"min"`
            otherwise (losses, errors).
        check: `"epoch"` (the end-of-epoch logs, the course's choice) or
            `"batch"` (the running value after each batch; not for `val_*`).
        verbose: 0 for silence, 1 to print one line when stopping.

    Attributes:
        stopped_epoch: the 0-based epoch in which training stopped, or None.

    Example:

    >>> stop = ThresholdStopping(monitor="loss", threshold=0.5)
    >>> stop.mode
    'min'
    """

    def __init__(
        self, monitor="accuracy", threshold=None, mode="auto", check="epoch", verbose=1
    ):
        super().__init__()
        if not isinstance(monitor, str) or not monitor:
            raise ValueError(
                f"`monitor` must be a metric name. Received: monitor={monitor!r}"
            )
        self.monitor = monitor
        self.threshold = check_number("threshold", threshold)
        check_choice("mode", mode, ("auto", "max", "min"))
        self.check = check_choice("check", check, ("epoch", "batch"))
        if check == "batch" and monitor.startswith("val_"):
            raise ValueError(
                "`check='batch'` cannot monitor a validation metric: validation "
                f"runs at the end of an epoch. Received: monitor={monitor!r}"
            )
        self.verbose = check_choice("verbose", verbose, (0, 1))
        if mode == "auto":
            name = monitor.lower().removeprefix("val_")
            mode = "max" if any(m in name for m in _MAX_METRICS) else "min"
        self.mode = mode
        self.stopped_epoch = None
        self._epoch = 0
        self._warned = False

    def on_train_begin(self, logs=None):
        self.stopped_epoch = None
        self._epoch = 0
        self._warned = False

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        if self.check == "epoch":
            self._check(logs, f"epoch {epoch + 1}")

    def on_train_batch_end(self, batch, logs=None):
        if self.check == "batch":
            self._check(logs, f"epoch {self._epoch + 1}, batch {batch + 1}")

    def _check(self, logs, where):
        value = (logs or {}).get(self.monitor)
        if value is None:
            if not self._warned:
                self._warned = True
                warnings.warn(
                    f"ThresholdStopping: metric {self.monitor!r} is not in the "
                    f"logs (available: {sorted(logs or {})}); it cannot stop "
                    "training.",
                    stacklevel=2,
                )
            return
        value = float(value)
        crossed = (
            value > self.threshold if self.mode == "max" else (value < self.threshold)
        )
        if crossed and not math.isnan(value):
            self.model.stop_training = True
            self.stopped_epoch = self._epoch
            if self.verbose:
                side = "above" if self.mode == "max" else "below"
                print_msg(
                    f"ThresholdStopping: {self.monitor} = {value:.4g} is {side} "
                    f"{self.threshold:g} at {where}; stopping training."
                )

    def get_config(self):
        return {
            "monitor": self.monitor,
            "threshold": self.threshold,
            "mode": self.mode,
            "check": self.check,
            "verbose": self.verbose,
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)
