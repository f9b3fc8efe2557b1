import keras
import numpy as np
import pytest

from keras_course.layers import (
    ConvolutionalBlock,
    IdentityBlock,
    UNetDecoderBlock,
    UNetEncoderBlock,
)
from keras_course.testing import TestCase


def course_identity_block(x, block, training):
    """The course's `identity_block`, run with the block's own layers."""
    shortcut = x
    for index, (conv, norm) in enumerate(zip(block.convs, block.norms, strict=True)):
        x = norm(conv(x), training=training)
        if index < 2:
            x = keras.layers.Activation("relu")(x)
    return keras.layers.Activation("relu")(keras.layers.Add()([x, shortcut]))


@pytest.mark.multi_backend
@pytest.mark.parametrize("training", [False, True])
def test_identity_block_gives_the_notebooks_public_test_values(training):
    # The notebook's test of `identity_block`: f=2 (an even, 'same'-padded
    # kernel), constant-1 kernels, inputs of -1, 1 and 3, the mean over the
    # channels of the first and last rows; the values the notebook prints.
    x = np.concatenate([np.full((1, 4, 4, 3), v) for v in (-1, 1, 3)])
    filters = (3, 3, 3) if training else (4, 4, 3)
    block = IdentityBlock(2, filters, kernel_initializer=keras.initializers.Constant(1))
    out = keras.ops.convert_to_numpy(block(x.astype("float32"), training=training))
    if training:
        want = [
            [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]],
            [[0.40739, 0.40739, 0.40739, 0.40739], [0.40739] * 4],
            [[4.99991, 4.99991, 4.99991, 3.25948], [3.25948] * 3 + [2.40739]],
        ]
    else:
        want = [
            [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]],
            [[192.71236] * 3 + [96.85619], [96.85619] * 3 + [48.9281]],
            [[578.1371] * 3 + [290.56854], [290.56854] * 3 + [146.78427]],
        ]
    resume = out[:, (0, -1), :, :].mean(axis=3)
    np.testing.assert_allclose(resume, want, rtol=2e-6, atol=1e-5)


@pytest.mark.multi_backend
class TestResNetBlocks(TestCase):
    def test_identity_block(self):
        self.run_layer_test(
            IdentityBlock,
            dict(kernel_size=3, filters=(4, 4, 8)),
            input_shape=(2, 6, 6, 8),
            expected_output_shape=(2, 6, 6, 8),
            expected_num_trainable_weights=12,
            expected_num_non_trainable_weights=6,
        )

    def test_convolutional_block(self):
        self.run_layer_test(
            ConvolutionalBlock,
            dict(kernel_size=3, filters=(4, 4, 8), strides=2, momentum=0.9),
            input_shape=(2, 7, 7, 3),
            expected_output_shape=(2, 4, 4, 8),
            expected_num_trainable_weights=16,
            expected_num_non_trainable_weights=8,
        )

    def test_equals_the_course_block_and_follows_training(self):
        x = np.random.default_rng(0).normal(size=(4, 5, 5, 6)).astype("float32")
        block = IdentityBlock(3, (2, 3, 6))
        inference = block(x, training=False)
        self.assert_all_close(inference, course_identity_block(x, block, False), 1e-5)
        training = block(x, training=True)  # batch statistics: another output
        assert not np.allclose(
            keras.ops.convert_to_numpy(training), keras.ops.convert_to_numpy(inference)
        )
        assert np.all(keras.ops.convert_to_numpy(training) >= 0)  # the last ReLU

    @pytest.mark.slow
    def test_blocks_reload_in_a_new_process(self):
        inputs = keras.Input((8, 8, 3))
        x = ConvolutionalBlock(3, (2, 2, 4), name="conv_block")(inputs)
        x = IdentityBlock(3, (2, 2, 4), name="identity_block")(x)
        down, skip = UNetEncoderBlock(4, dropout=0.3, name="encoder")(x)
        model = keras.Model(inputs, [down, skip])
        x = np.random.default_rng(1).normal(size=(2, 8, 8, 3)).astype("float32")
        self.run_serialization_test(model, x, atol=1e-4)

    @pytest.mark.slow
    def test_blocks_train_under_two_devices(self):
        import tensorflow as tf

        def model_fn():
            inputs = keras.Input((8, 8, 3))
            x = ConvolutionalBlock(3, (2, 2, 4))(inputs)
            x = IdentityBlock(3, (2, 2, 4))(x)
            down, skip = UNetEncoderBlock(4)(x)
            x = UNetDecoderBlock(4)([down, skip])
            outputs = keras.layers.Dense(1)(keras.layers.GlobalAveragePooling2D()(x))
            model = keras.Model(inputs, outputs)
            model.compile("adam", "mse")
            return model

        rng = np.random.default_rng(0)
        x = rng.normal(size=(8, 8, 8, 3)).astype("float32")
        y = rng.normal(size=(8, 1)).astype("float32")
        data = tf.data.Dataset.from_tensor_slices((x, y)).batch(4).repeat()
        self.run_distributed_fit_test(model_fn, data, steps=2)

    def test_bad_input(self):
        with pytest.raises(ValueError, match="three positive ints"):
            IdentityBlock(3, (4, 8))
        with pytest.raises(ValueError, match=r"filters\[1\]"):
            ConvolutionalBlock(3, (4, 0, 8))
        with pytest.raises(ValueError, match="kernel_size"):
            IdentityBlock(2.5, (4, 4, 8))
        with pytest.raises(ValueError, match="kernel_size"):
            ConvolutionalBlock(0, (4, 4, 8))
        with pytest.raises(ValueError, match="filters\\[-1\\]=8 channels"):
            IdentityBlock(3, (4, 4, 8))(np.zeros((1, 4, 4, 3)))
        with pytest.raises(ValueError, match="expects images"):
            ConvolutionalBlock(3, (4, 4, 8))(np.zeros((1, 4, 3)))


@pytest.mark.multi_backend
class TestUNetBlocks(TestCase):
    def test_encoder_block_returns_the_pooled_map_and_the_skip(self):
        block = UNetEncoderBlock(8, dropout=0.3)
        down, skip = block(np.ones((2, 16, 12, 3), "float32"))
        assert tuple(down.shape) == (2, 8, 6, 8) and tuple(skip.shape) == (2, 16, 12, 8)
        assert block.compute_output_shape((2, 16, 12, 3)) == (
            (2, 8, 6, 8),
            (2, 16, 12, 8),
        )
        flat, same = UNetEncoderBlock(4, max_pooling=False)(np.ones((1, 8, 8, 2)))
        assert tuple(flat.shape) == tuple(same.shape) == (1, 8, 8, 4)
        self.run_config_test(UNetEncoderBlock, dict(filters=4, dropout=0.3))

    @pytest.mark.slow
    def test_decoder_block(self):
        self.run_config_test(UNetDecoderBlock, dict(filters=4))
        deep, skip = keras.Input((4, 6, 8)), keras.Input((8, 12, 5))
        out = UNetDecoderBlock(4)([deep, skip])
        assert out.shape == (None, 8, 12, 4)
        model = keras.Model([deep, skip], out)
        rng = np.random.default_rng(0)
        self.run_serialization_test(
            model,
            [rng.normal(size=(2, 4, 6, 8)).astype("float32"),
             rng.normal(size=(2, 8, 12, 5)).astype("float32")],
            atol=1e-4,
        )  # fmt: skip

    def test_bad_input(self):
        with pytest.raises(ValueError, match="dropout"):
            UNetEncoderBlock(4, dropout=1.0)
        with pytest.raises(ValueError, match="expects images"):
            UNetEncoderBlock(4)(np.zeros((2, 8, 3)))
        with pytest.raises(ValueError, match="expansive_input"):
            UNetDecoderBlock(4)(np.zeros((1, 4, 4, 2)))
        with pytest.raises(ValueError, match="twice the deeper map"):
            UNetDecoderBlock(4)([np.zeros((1, 4, 4, 2)), np.zeros((1, 4, 4, 2))])
