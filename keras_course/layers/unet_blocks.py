"""The course's U-Net blocks (DLS course 4 week 3) as layers."""

import keras

from keras_course._validation import check_fraction, check_int
from keras_course.api_export import keras_course_export


def _double_conv(filters, kernel_size):
    return [
        keras.layers.Conv2D(
            filters,
            kernel_size,
            activation="relu",
            padding="same",
            kernel_initializer="he_normal",
            name=f"conv_{index}",
        )
        for index in (1, 2)
    ]


def _check_images(layer, shape):
    if len(shape) != 4:
        raise ValueError(
            f"{type(layer).__name__} expects images (batch, height, width, "
            f"channels). Received: input_shape={shape}"
        )


@keras_course_export("keras_course.layers.UNetEncoderBlock")
class UNetEncoderBlock(keras.layers.Layer):
    """The course's U-Net `conv_block`: two convolutions, then pooling.

    Two Conv 3×3 'same' ReLU convolutions (`he_normal`), Dropout when
    `dropout > 0`, then MaxPooling 2×2 unless `max_pooling=False`. Returns
    `(next_layer, skip_connection)` as the course does: the pooled map for
    the next block and the map before pooling for the decoder.

    Args:
        filters: int, the convolutions' width (course `n_filters`).
        dropout: float in [0, 1) (course `dropout_prob`). Defaults to 0.
        max_pooling: bool. Defaults to True.
        kernel_size: int. Defaults to 3.

    Call arguments:
        inputs: `(batch, height, width, channels)`.
        training: bool, for Dropout.

    Example:

    >>> down, skip = UNetEncoderBlock(8)(np.ones((1, 16, 16, 3), "float32"))
    >>> tuple(down.shape), tuple(skip.shape)
    ((1, 8, 8, 8), (1, 16, 16, 8))
    """

    def __init__(self, filters, dropout=0.0, max_pooling=True, kernel_size=3, **kwargs):
        super().__init__(**kwargs)
        self.filters = check_int("filters", filters)
        self.dropout = check_fraction("dropout", dropout)
        self.max_pooling = bool(max_pooling)
        self.kernel_size = check_int("kernel_size", kernel_size)
        self.convs = _double_conv(self.filters, self.kernel_size)
        self.drop = keras.layers.Dropout(self.dropout) if self.dropout else None
        self.pool = keras.layers.MaxPooling2D(2) if self.max_pooling else None

    def build(self, input_shape):
        _check_images(self, input_shape)
        shape = input_shape
        for conv in self.convs:
            conv.build(shape)
            shape = conv.compute_output_shape(shape)

    def call(self, inputs, training=None):
        x = self.convs[1](self.convs[0](inputs))
        if self.drop is not None:
            x = self.drop(x, training=training)
        return (self.pool(x) if self.pool is not None else x), x

    def compute_output_shape(self, input_shape):
        skip = tuple(input_shape[:3]) + (self.filters,)
        if not self.max_pooling:
            return skip, skip
        halve = [None if v is None else v // 2 for v in input_shape[1:3]]
        return (input_shape[0], *halve, self.filters), skip

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "dropout": self.dropout,
            "max_pooling": self.max_pooling,
            "kernel_size": self.kernel_size,
        }


@keras_course_export("keras_course.layers.UNetDecoderBlock")
class UNetDecoderBlock(keras.layers.Layer):
    """The course's U-Net `upsampling_block`: up-sample, join the skip, convolve.

    Conv2DTranspose 3×3 stride 2 'same' (`filters`), concatenated on the
    channel axis with the encoder's skip connection, then two Conv 3×3
    'same' ReLU convolutions (`he_normal`).

    Args:
        filters: int (course `n_filters`).
        kernel_size: int. Defaults to 3.

    Call arguments:
        inputs: `[expansive_input, contractive_input]`: the deeper map and
            the skip connection, twice its height and width.

    Example:

    >>> block = UNetDecoderBlock(4)
    >>> deep, skip = np.ones((1, 4, 4, 8), "float32"), np.ones((1, 8, 8, 4), "float32")
    >>> out = block([deep, skip])
    >>> tuple(out.shape)
    (1, 8, 8, 4)
    """

    def __init__(self, filters, kernel_size=3, **kwargs):
        super().__init__(**kwargs)
        self.filters = check_int("filters", filters)
        self.kernel_size = check_int("kernel_size", kernel_size)
        self.up = keras.layers.Conv2DTranspose(
            self.filters, self.kernel_size, strides=2, padding="same", name="up"
        )
        self.convs = _double_conv(self.filters, self.kernel_size)

    def build(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2:
            raise ValueError(
                "UNetDecoderBlock is called on [expansive_input, "
                f"contractive_input]. Received: input_shape={input_shape}"
            )
        deep, skip = (tuple(s) for s in input_shape)
        _check_images(self, deep)
        _check_images(self, skip)
        self.up.build(deep)
        up = tuple(self.up.compute_output_shape(deep))
        if None not in up[1:3] + skip[1:3] and up[1:3] != skip[1:3]:
            raise ValueError(
                "The skip connection must be twice the deeper map's size: "
                f"up-sampled {up[1:3]}, skip {skip[1:3]}."
            )
        shape = up[:3] + (up[-1] + skip[-1],)
        for conv in self.convs:
            conv.build(shape)
            shape = conv.compute_output_shape(shape)

    def call(self, inputs):
        deep, skip = inputs
        x = keras.ops.concatenate([self.up(deep), skip], axis=-1)
        return self.convs[1](self.convs[0](x))

    def compute_output_shape(self, input_shape):
        skip = tuple(input_shape[1])
        return skip[:3] + (self.filters,)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
        }
