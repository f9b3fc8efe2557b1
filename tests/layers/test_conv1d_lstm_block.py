import numpy as np
import pytest

from keras_course.layers import Conv1DLSTMBlock
from keras_course.testing import TestCase

pytestmark = pytest.mark.multi_backend


class TestConv1DLSTMBlock(TestCase):
    @pytest.mark.parametrize(
        "kwargs, expected_shape, trainable",
        [
            ({}, (2, 12, 64), 1 * 2 + 2 * 3),  # conv kernel+bias, 2 LSTMs x 3
            ({"return_sequences": False, "lstm_units": (8,)}, (2, 8), 2 + 3),
            ({"bidirectional": True, "lstm_units": (4, 6)}, (2, 12, 12), 2 + 12),
        ],
        ids=["course", "last-step", "bidirectional"],
    )
    def test_shapes_and_weights(self, kwargs, expected_shape, trainable):
        self.run_layer_test(
            Conv1DLSTMBlock,
            {"filters": 4, **kwargs},
            input_shape=(2, 12, 1),
            expected_output_shape=expected_shape,
            expected_num_trainable_weights=trainable,
        )

    def test_course_sunspot_block_parameter_count(self):
        # Conv1D(60, 5) on 1 feature: 360; LSTM(60) on 60: 29,040; twice.
        block = Conv1DLSTMBlock(60, 5, (60, 60))
        block.build((None, 64, 1))
        assert block.count_params() == 360 + 29_040 + 29_040

    def test_causal_convolution(self):
        block = Conv1DLSTMBlock(2, 3, (2,))
        x = np.zeros((1, 10, 1), "float32")
        changed = x.copy()
        changed[0, 7] = 5.0
        a = np.asarray(block.conv(x))
        b = np.asarray(block.conv(changed))
        np.testing.assert_array_equal(a[0, :7], b[0, :7])  # no peeking ahead

    @pytest.mark.slow
    def test_serialization(self):
        self.run_serialization_test(
            Conv1DLSTMBlock(4, 3, (5, 6), bidirectional=True, dropout=0.1),
            np.random.default_rng(0).normal(size=(2, 9, 2)).astype("float32"),
        )

    @pytest.mark.parametrize(
        "kwargs, message",
        [
            ({"filters": 0}, "`filters` must be"),
            ({"lstm_units": ()}, "`lstm_units` must be"),
            ({"lstm_units": 64}, "`lstm_units` must be"),
            ({"lstm_units": (64, -1)}, r"`lstm_units\[1\]` must be"),
            ({"dropout": 1.0}, r"`dropout` must be in \[0, 1\)"),
        ],
        ids=["filters", "empty", "int", "negative", "dropout"],
    )
    def test_bad_arguments(self, kwargs, message):
        with pytest.raises(ValueError, match=message):
            Conv1DLSTMBlock(**kwargs)

    def test_rank_two_input_asks_for_expand_dims(self):
        with pytest.raises(ValueError, match="ExpandDims"):
            Conv1DLSTMBlock()(np.zeros((2, 10), "float32"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"bidirectional": True},
        {"bidirectional": True, "dropout": 0.2},
        {"bidirectional": True, "dropout": 0.2, "return_sequences": False},
    ],
    ids=["course", "bidirectional", "bidirectional-dropout", "last-step"],
)
def test_the_gpu_path_gives_the_cpu_outputs(kwargs):
    # Under JAX on a GPU, Keras runs each LSTM through cuDNN. Keras 3.14-3.15's
    # cuDNN path returns a `go_backwards` LSTM's sequence in input order,
    # which Bidirectional then reverses again; without dropout Bidirectional
    # fuses both directions into one (correct) call, with dropout it runs
    # them one by one, and the backward half came out time-reversed (up to
    # 0.1 apart here before the block kept that half off cuDNN).
    import keras

    if keras.backend.backend() != "jax":
        pytest.skip("the cuDNN code paths that run on a CPU are JAX's")
    from keras_course.testing import cudnn_lstm_on_cpu

    keras.utils.set_random_seed(0)
    block = Conv1DLSTMBlock(4, 3, (5, 6), **kwargs)
    x = np.random.default_rng(0).normal(size=(3, 9, 2)).astype("float32")
    cpu = keras.ops.convert_to_numpy(block(x))
    with cudnn_lstm_on_cpu() as calls:
        gpu = keras.ops.convert_to_numpy(block(x))
    assert calls  # the cuDNN path ran
    np.testing.assert_allclose(gpu, cpu, atol=1e-5)
