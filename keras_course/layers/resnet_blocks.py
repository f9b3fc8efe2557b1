"""The course's ResNet bottleneck blocks (DLS course 4 week 2) as layers."""

import keras

from keras_course._validation import check_fraction, check_int
from keras_course.api_export import keras_course_export


def check_filters(filters):
    if isinstance(filters, int) or len(filters) != 3:
        raise ValueError(
            "`filters` must be three positive ints (F1, F2, F3). Received: "
            f"filters={filters!r}"
        )
    return tuple(check_int(f"filters[{i}]", f) for i, f in enumerate(filters))


class _Bottleneck(keras.layers.Layer):
    """1×1 → k×k → 1×1 convolutions, each with BatchNorm, plus a shortcut."""

    def __init__(
        self,
        kernel_size,
        filters,
        strides=1,
        kernel_initializer="glorot_uniform",
        momentum=0.99,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.momentum = check_fraction("momentum", momentum)
        self.kernel_size = check_int("kernel_size", kernel_size)
        self.filters = check_filters(filters)
        self.strides = check_int("strides", strides)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        f1, f2, f3 = self.filters

        def conv(count, size, strides, name):
            return keras.layers.Conv2D(
                count,
                size,
                strides=strides,
                padding="same" if size > 1 else "valid",
                kernel_initializer=keras.initializers.get(
                    keras.initializers.serialize(self.kernel_initializer)
                ),
                name=name,
            )

        def norm(name):
            return keras.layers.BatchNormalization(
                axis=-1, momentum=self.momentum, name=name
            )

        self.convs = [
            conv(f1, 1, self.strides, "conv_a"),
            conv(f2, self.kernel_size, 1, "conv_b"),
            conv(f3, 1, 1, "conv_c"),
        ]
        self.norms = [norm("bn_a"), norm("bn_b"), norm("bn_c")]
        self.shortcut_conv = self.shortcut_norm = None
        if self._projects:
            self.shortcut_conv = conv(f3, 1, self.strides, "shortcut_conv")
            self.shortcut_norm = norm("shortcut_bn")

    _projects = False

    def build(self, input_shape):
        if len(input_shape) != 4:
            raise ValueError(
                f"{type(self).__name__} expects images (batch, height, width, "
                f"channels). Received: input_shape={input_shape}"
            )
        if not self._projects and input_shape[-1] != self.filters[-1]:
            raise ValueError(
                "IdentityBlock adds its input to its output, so the input must "
                f"have filters[-1]={self.filters[-1]} channels; it has "
                f"{input_shape[-1]}. Use ConvolutionalBlock to change the width."
            )
        shape = input_shape
        for conv, norm in zip(self.convs, self.norms, strict=True):
            conv.build(shape)
            shape = conv.compute_output_shape(shape)
            norm.build(shape)
        if self._projects:
            self.shortcut_conv.build(input_shape)
            self.shortcut_norm.build(
                self.shortcut_conv.compute_output_shape(input_shape)
            )

    def call(self, inputs, training=None):
        x = inputs
        for index, (conv, norm) in enumerate(zip(self.convs, self.norms, strict=True)):
            x = norm(conv(x), training=training)
            if index < 2:
                x = keras.ops.relu(x)
        shortcut = inputs
        if self._projects:
            shortcut = self.shortcut_norm(self.shortcut_conv(inputs), training=training)
        return keras.ops.relu(x + shortcut)

    def compute_output_shape(self, input_shape):
        return self.convs[0].compute_output_shape(input_shape)[:-1] + (
            self.filters[-1],
        )

    def get_config(self):
        return {
            **super().get_config(),
            "kernel_size": self.kernel_size,
            "filters": list(self.filters),
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
            "momentum": self.momentum,
        }


@keras_course_export("keras_course.layers.IdentityBlock")
class IdentityBlock(_Bottleneck):
    """The course's ResNet identity block: the input added back unchanged.

    Conv 1×1 (F1) → BN → ReLU → Conv k×k 'same' (F2) → BN → ReLU → Conv 1×1
    (F3) → BN, then the input is added and a last ReLU applied (course
    `identity_block`). BatchNormalization normalises the channel axis and
    follows `training` (batch statistics when training, the moving averages
    otherwise). The input must already have `F3` channels.

    On the notebook's own public test (constant-1 kernels, `f=2`,
    `filters=[4, 4, 3]`, inputs of -1, 1 and 3) it gives the notebook's
    expected values (192.71236, 96.85619, 578.1371, ...; with `training=True`
    0.40739, 4.99991, ...) to float32 rounding on CPU: in inference each
    BatchNormalization divides by `sqrt(1 + epsilon)`, Keras's and the
    course's `epsilon=1e-3`, so the interior of the ones image is
    `192 / 1.001**1.5 + 1` = 192.71236. A difference of about 3e-4 relative,
    measured elsewhere, was not reproduced here; it has the size of TF32
    rounding on a recent NVIDIA GPU, the likely cause (not verified).

    Args:
        kernel_size: int, the middle convolution's size (course `f`); an
            even size is padded as Keras's 'same' does (one more row and
            column after than before), as the notebook's test (`f=2`) uses.
        filters: `(F1, F2, F3)`, three positive ints.
        kernel_initializer: for the convolutions. Defaults to Keras's
            `"glorot_uniform"` (the course seeds a `random_uniform` here).
        momentum: float, of the BatchNorm moving averages. Defaults to
            Keras's (and the course's) 0.99; on a small data set, 0.9 lets
            the averages catch up with the weights within a few epochs.

    Call arguments:
        inputs: `(batch, height, width, F3)`.
        training: bool, passed to BatchNormalization.

    Example:

    >>> block = IdentityBlock(3, filters=(4, 4, 8))
    >>> tuple(block(np.ones((2, 6, 6, 8), "float32")).shape)
    (2, 6, 6, 8)
    """

    def __init__(
        self,
        kernel_size,
        filters,
        kernel_initializer="glorot_uniform",
        momentum=0.99,
        **kwargs,
    ):
        super().__init__(
            kernel_size,
            filters,
            1,
            kernel_initializer=kernel_initializer,
            momentum=momentum,
            **kwargs,
        )


@keras_course_export("keras_course.layers.ConvolutionalBlock")
class ConvolutionalBlock(_Bottleneck):
    """The course's ResNet convolutional block: a projected shortcut.

    Conv 1×1 stride `strides` (F1) → BN → ReLU → Conv k×k 'same' (F2) → BN →
    ReLU → Conv 1×1 (F3) → BN, added to the shortcut Conv 1×1 stride
    `strides` (F3) → BN, then a ReLU (course `convolutional_block`). Use it
    where the width or the size changes.

    Args:
        kernel_size: int, the middle convolution's size (course `f`); an
            even size is padded as Keras's 'same' does (one more row and
            column after than before), as the notebook's test (`f=2`) uses.
        filters: `(F1, F2, F3)`, three positive ints.
        strides: int, of the first convolution and the shortcut (course
            `s`). Defaults to 2.
        kernel_initializer: for the convolutions. Defaults to
            `"glorot_uniform"` (the course's).
        momentum: float, of the BatchNorm moving averages. Defaults to 0.99.

    Call arguments:
        inputs: `(batch, height, width, channels)`.
        training: bool, passed to BatchNormalization.

    Example:

    >>> block = ConvolutionalBlock(3, filters=(4, 4, 8), strides=2)
    >>> tuple(block(np.ones((2, 6, 6, 3), "float32")).shape)
    (2, 3, 3, 8)
    """

    _projects = True

    def __init__(
        self,
        kernel_size,
        filters,
        strides=2,
        kernel_initializer="glorot_uniform",
        momentum=0.99,
        **kwargs,
    ):
        super().__init__(
            kernel_size,
            filters,
            strides,
            kernel_initializer=kernel_initializer,
            momentum=momentum,
            **kwargs,
        )

    def get_config(self):
        return {**super().get_config(), "strides": self.strides}
