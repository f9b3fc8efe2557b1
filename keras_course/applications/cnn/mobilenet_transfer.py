"""The course's alpaca model: MobileNetV2 transfer learning (DLS 4 week 2)."""

import keras

from keras_course._backend import check_backend
from keras_course._validation import (
    check_fraction,
    check_image_shape,
    check_int,
)
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._optimizers import course_optimizer, fine_tune_rate
from keras_course.applications._presets import PresetMixin
from keras_course.applications.vision.transfer_learning import _base

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}


@keras_course_export("keras_course.applications.MobileNetV2Transfer")
class MobileNetV2Transfer(PresetMixin, FitMixin, keras.Model):
    """The course's `alpaca_model`: a frozen MobileNetV2 with a new logit.

    Inputs are pixels in [0, 255]. `RandomFlip("horizontal")` +
    `RandomRotation(0.2)` (when `augment`), MobileNetV2's `preprocess_input`
    as a real layer (`Rescaling(1/127.5, offset=-1)`, the same arithmetic),
    the base without its top called with `training=False` (its BatchNorm
    stays in inference mode, also when fine-tuned), global average pooling,
    Dropout, and `Dense(num_classes)` logits. Compiled as the course does:
    Adam(1e-3), binary cross-entropy from logits (sparse categorical for
    more classes), accuracy. At the defaults: 2,259,265 parameters, 1,281
    trainable.

    `fine_tune(at=120)` is the course's second phase: the base is unfrozen
    from layer `at` on and the model recompiled at a tenth of the rate.

    The ImageNet weights come through Keras's download and cache
    (`$KERAS_HOME/models`); offline that fails with a message saying so.
    `weights=None` builds the same model with random weights.

    Args:
        input_shape: `(height, width, 3)`. Defaults to `(160, 160, 3)`.
        num_classes: int; 1 (the course's alpaca / not alpaca) for one logit.
        weights: `"imagenet"`, None, or a path to a weights file.
        augment: bool, the course's flip and rotation. Defaults to True.
        dropout: float in [0, 1). Defaults to 0.2.
        fine_tune_at: None (all of the base frozen) or the index of the
            first base layer to train, as after `fine_tune(at)`.
        optimizer: None for Adam(1e-3).

    Example:

    >>> model = MobileNetV2Transfer(weights=None)
    >>> model.count_params(), sum(
    ...     keras.ops.size(w) for w in model.trainable_weights).__int__()
    (2259265, 1281)
    """

    def __init__(
        self,
        input_shape=(160, 160, 3),
        num_classes=1,
        weights="imagenet",
        augment=True,
        dropout=0.2,
        fine_tune_at=None,
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        input_shape = check_image_shape(input_shape, channels=3)
        num_classes = check_int("num_classes", num_classes)
        dropout = check_fraction("dropout", dropout)
        base = _base("mobilenet_v2", weights, input_shape)
        base.trainable = False
        inputs = keras.Input(input_shape, name="image")
        x = inputs
        if augment:
            x = keras.layers.RandomFlip("horizontal", name="random_flip")(x)
            x = keras.layers.RandomRotation(0.2, name="random_rotation")(x)
        x = keras.layers.Rescaling(1 / 127.5, offset=-1, name="preprocess_input")(x)
        x = base(x, training=False)
        x = keras.layers.GlobalAveragePooling2D(name="global_pool")(x)
        x = keras.layers.Dropout(dropout, name="dropout")(x)
        outputs = keras.layers.Dense(num_classes, name="logits")(x)
        kwargs.setdefault("name", "mobilenet_v2_transfer")
        super().__init__(inputs, outputs, **kwargs)
        self.base = base
        self._input_shape_arg = input_shape
        self.num_classes, self.weights_source = num_classes, weights
        self.augment, self.dropout = bool(augment), dropout
        self.fine_tune_at = None
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        if fine_tune_at is not None:
            self._unfreeze(fine_tune_at)
        self._compile(optimizer)

    def _compile(self, optimizer):
        loss = (
            keras.losses.BinaryCrossentropy(from_logits=True)
            if self.num_classes == 1
            else keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        )
        self.compile(optimizer=optimizer, loss=loss, metrics=["accuracy"])

    def _unfreeze(self, at):
        layers = self.base.layers
        at = check_int("fine_tune_at", at, minimum=0)
        if at >= len(layers):
            raise ValueError(
                f"`fine_tune_at` must be below the base's {len(layers)} layers. "
                f"Received: fine_tune_at={at}"
            )
        self.base.trainable = True
        for layer in layers[:at]:
            layer.trainable = False
        self.fine_tune_at = at

    def fine_tune(self, at=120, learning_rate=None):
        """Unfreezes the base from layer `at` on and recompiles (course phase 2).

        Args:
            at: int, the first base layer to train. Defaults to the course's
                120 (of 154).
            learning_rate: float, or None for a tenth of the current rate.

        Returns:
            The model, recompiled with a fresh Adam at that rate.
        """
        learning_rate = fine_tune_rate(self.optimizer, learning_rate)
        self._unfreeze(at)
        optimizer, self.optimizer_config = course_optimizer(
            {"class_name": "Adam", "config": {"learning_rate": learning_rate}}, ADAM
        )
        self._compile(optimizer)
        return self

    def get_config(self):
        return {
            "name": self.name,
            "input_shape": list(self._input_shape_arg),
            "num_classes": self.num_classes,
            "weights": self.weights_source,
            "augment": self.augment,
            "dropout": self.dropout,
            "fine_tune_at": self.fine_tune_at,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()`, without downloading: the
        trained weights come from the saved file."""
        return cls(**{**config, "weights": None})
