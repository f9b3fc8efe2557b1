"""The course's ResNet50 (DLS course 4 week 2), built from its blocks."""

import keras

from keras_course._backend import check_backend
from keras_course._validation import check_image_shape, check_int
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._images import image_input
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin
from keras_course.layers.resnet_blocks import ConvolutionalBlock, IdentityBlock

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}
# (filters, first stride, identity blocks after the convolutional block)
STAGES = (
    ((64, 64, 256), 1, 2),
    ((128, 128, 512), 2, 3),
    ((256, 256, 1024), 2, 5),
    ((512, 512, 2048), 2, 2),
)


@keras_course_export("keras_course.applications.CourseResNet50")
class CourseResNet50(PresetMixin, FitMixin, keras.Model):
    """The course's ResNet50 on the SIGNS hand pictures, as one model.

    ZeroPadding 3 → Conv 7×7/2 (64) → BN → ReLU → MaxPool 3×3/2, then four
    stages of a `ConvolutionalBlock` and 2, 3, 5 and 2 `IdentityBlock` layers
    (filters 64-64-256 stride 1, 128-128-512, 256-256-1024, 512-512-2048
    stride 2), AveragePooling 2×2 → Flatten → Dense softmax. At the defaults
    it has the course's 23,600,006 parameters, 53,120 of them
    non-trainable (the BatchNorm moving statistics), and is compiled as the
    course does (Adam, sparse categorical cross-entropy, accuracy; the
    course one-hot encodes its labels, here they stay integers). It takes
    raw pixels in [0, 255]: a `Rescaling(1/255)` layer (no parameters) does
    the course's `X_train_orig / 255.`.

    How it differs from `keras.applications.ResNet50`: the same 16 blocks,
    but the course's head (a 2×2 average pooling and a flatten sized for 64×64
    inputs, where Keras uses global pooling), BatchNorm epsilon 1e-3 (Keras
    uses 1.001e-5) and no ImageNet weights. Use this to follow or check the
    course; use `keras.applications.ResNet50(weights="imagenet")` for
    transfer learning or inputs of other sizes.

    Args:
        input_shape: `(height, width, channels)`. Defaults to the SIGNS
            `(64, 64, 3)`; the last stage must be at least 2×2 (inputs from
            about 64 pixels).
        num_classes: int. Defaults to 6.
        optimizer: None for Adam(1e-3).

    Example:

    >>> model = CourseResNet50()
    >>> model.count_params(), sum(
    ...     keras.ops.size(w) for w in model.non_trainable_weights).__int__()
    (23600006, 53120)
    """

    def __init__(
        self, input_shape=(64, 64, 3), num_classes=6, optimizer=None, **kwargs
    ):
        check_backend(type(self).__name__)
        num_classes = check_int("num_classes", num_classes)
        input_shape = check_image_shape(input_shape)
        inputs, x = image_input(input_shape)
        x = keras.layers.ZeroPadding2D(3, name="stem_pad")(x)
        x = keras.layers.Conv2D(64, 7, strides=2, name="stem_conv")(x)
        x = keras.layers.BatchNormalization(axis=-1, name="stem_bn")(x)
        x = keras.layers.Activation("relu", name="stem_relu")(x)
        x = keras.layers.MaxPooling2D(3, strides=2, name="stem_pool")(x)
        for stage, (filters, strides, repeats) in enumerate(STAGES, start=2):
            x = ConvolutionalBlock(3, filters, strides, name=f"stage{stage}_a")(x)
            for index in range(repeats):
                x = IdentityBlock(3, filters, name=f"stage{stage}_{'bcdef'[index]}")(x)
        if x.shape[1] < 2 or x.shape[2] < 2:
            raise ValueError(
                "`input_shape` is too small: the last stage is "
                f"{x.shape[1]}x{x.shape[2]}, and the course's 2x2 average "
                f"pooling needs 2x2. Received: input_shape={input_shape}"
            )
        x = keras.layers.AveragePooling2D(2, name="avg_pool")(x)
        x = keras.layers.Flatten(name="flatten")(x)
        outputs = keras.layers.Dense(num_classes, activation="softmax", name="fc")(x)
        kwargs.setdefault("name", "course_resnet50")
        super().__init__(inputs, outputs, **kwargs)
        self.num_classes = num_classes
        self._input_shape_arg = input_shape
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(
            optimizer=optimizer,
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )

    @staticmethod
    def layout_map(device_mesh):
        """A `keras.distribution.LayoutMap` that splits the model over the
        mesh's `"model"` axis, for `keras.distribution.ModelParallel`.

        Every convolution's output channels are split (kernel
        `(kh, kw, in, out)` on its last axis, with its bias and its
        BatchNormalization's four vectors); the classifier's kernel is split
        on its input axis (the 2,048 flattened features). Every channel
        count is even, so any mesh whose `"model"` axis has 2, 4, ... 64
        devices divides them.

        Set `ModelParallel(layout_map=...)` on JAX before building the
        model: see the docs page
        "Training on several machines".

        Example:

        >>> mesh = keras.distribution.DeviceMesh(
        ...     (1, 2), ["batch", "model"], devices=["cpu:0", "cpu:1"])
        >>> layout = CourseResNet50.layout_map(mesh)
        >>> layout["stage2_a/conv_a/kernel"].axes, layout["fc/kernel"].axes
        ((None, None, None, 'model'), ('model', None))
        """
        layout = keras.distribution.LayoutMap(device_mesh)
        layout[r".*conv(_[a-c])?/kernel"] = (None, None, None, "model")
        layout[r".*conv(_[a-c])?/bias"] = ("model",)
        layout[r".*bn(_[a-c])?/(gamma|beta|moving_mean|moving_variance)"] = ("model",)
        layout[r"(.*/)?fc/kernel"] = ("model", None)
        return layout

    def get_config(self):
        return {
            "name": self.name,
            "input_shape": list(self._input_shape_arg),
            "num_classes": self.num_classes,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
