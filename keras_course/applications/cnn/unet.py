"""The course's U-Net for semantic segmentation (DLS course 4 week 3)."""

import keras
import numpy as np

from keras_course._backend import check_backend, predict
from keras_course._validation import check_image_shape, check_images, check_int
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._images import image_input
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin
from keras_course.layers.unet_blocks import UNetDecoderBlock, UNetEncoderBlock

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}


@keras_course_export("keras_course.applications.UNet")
class UNet(PresetMixin, FitMixin, keras.Model):
    """The course's U-Net: per-pixel class logits from an image.

    Five `UNetEncoderBlock` layers (widths `filters` × 1, 2, 4, 8, 16; dropout
    0.3 in the two deepest; no pooling after the last), four
    `UNetDecoderBlock` layers back up with the skip connections, a last Conv 3×3
    ReLU and a Conv 1×1 to `num_classes` logits (course `unet_model`, whose
    `n_filters` and `n_classes` are `filters` and `num_classes` here). At the
    defaults: 8,640,471 parameters. Compiled as the course does: Adam,
    sparse categorical cross-entropy from logits, accuracy (per pixel). It
    takes raw pixels in [0, 255]; a `Rescaling(1/255)` layer (no parameters)
    does what the course's `convert_image_dtype` does to its PNGs.

    Args:
        input_shape: `(height, width, channels)`, height and width multiples
            of 16 (four poolings). Defaults to the CARLA `(96, 128, 3)`.
        filters: int, the first block's width. Defaults to 32.
        num_classes: int. Defaults to 23.
        optimizer: None for Adam(1e-3).

    Example:

    >>> model = UNet()
    >>> model.count_params(), model.output_shape
    (8640471, (None, 96, 128, 23))
    """

    def __init__(
        self, input_shape=(96, 128, 3), filters=32, num_classes=23, optimizer=None,
        **kwargs,
    ):  # fmt: skip
        check_backend(type(self).__name__)
        input_shape = check_image_shape(input_shape)
        filters = check_int("filters", filters)
        num_classes = check_int("num_classes", num_classes, minimum=2)
        if input_shape[0] % 16 or input_shape[1] % 16:
            raise ValueError(
                "`input_shape`'s height and width must be multiples of 16 (the "
                f"U-Net pools four times). Received: input_shape={input_shape}"
            )
        inputs, x = image_input(input_shape)
        skips = []
        for depth in range(5):
            x, skip = UNetEncoderBlock(
                filters * 2**depth,
                dropout=0.3 if depth >= 3 else 0.0,
                max_pooling=depth < 4,
                name=f"encoder_{depth + 1}",
            )(x)
            skips.append(skip)
        for depth in range(3, -1, -1):
            x = UNetDecoderBlock(filters * 2**depth, name=f"decoder_{depth + 1}")(
                [x, skips[depth]]
            )
        x = keras.layers.Conv2D(
            filters, 3, activation="relu", padding="same",
            kernel_initializer="he_normal", name="last_conv",
        )(x)  # fmt: skip
        outputs = keras.layers.Conv2D(num_classes, 1, padding="same", name="logits")(x)
        kwargs.setdefault("name", "unet")
        super().__init__(inputs, outputs, **kwargs)
        self.filters, self.num_classes = filters, num_classes
        self._input_shape_arg = input_shape
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(
            optimizer=optimizer,
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            metrics=["accuracy"],
        )

    def predict_masks(self, images, batch_size=32):
        """Class-index masks `(n, height, width)` (int32) for raw-pixel
        `images` `(n, height, width, channels)`; one image gives one mask."""
        images, single = check_images(images, self._input_shape_arg)
        logits = predict(self, images, batch_size)
        masks = np.argmax(logits, axis=-1).astype("int32")
        return masks[0] if single else masks

    def get_config(self):
        return {
            "name": self.name,
            "input_shape": list(self._input_shape_arg),
            "filters": self.filters,
            "num_classes": self.num_classes,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
