import keras
import numpy as np
import pytest

from keras_course.layers import OneStepAttention
from keras_course.testing import TestCase


def course_one_step_attention(a, s_prev, dense1, dense2):
    """The course's graph, with the same Dense layers."""
    tx = a.shape[1]
    s_rep = keras.layers.RepeatVector(tx)(s_prev)
    concat = keras.layers.Concatenate(axis=-1)([a, s_rep])
    energies = dense2(dense1(concat))
    alphas = keras.layers.Softmax(axis=1)(energies)
    return keras.layers.Dot(axes=1)([alphas, a])


@pytest.mark.multi_backend
class TestOneStepAttention(TestCase):
    def test_matches_the_course_graph(self):
        rng = np.random.default_rng(0)
        a = rng.normal(size=(4, 30, 64)).astype("float32")
        s = rng.normal(size=(4, 64)).astype("float32")
        layer = OneStepAttention(10)
        context, weights = layer([a, s], return_attention_scores=True)
        want = course_one_step_attention(a, s, layer.energy_hidden, layer.energy)
        self.assert_all_close(context, keras.ops.squeeze(want, 1), atol=1e-5)
        self.assert_all_close(keras.ops.sum(weights, axis=1), np.ones(4), atol=1e-5)
        assert layer.count_params() == 128 * 10 + 10 + 11  # the course's 1,301

    def test_mask_zeroes_the_weights_of_masked_steps(self):
        a = np.random.default_rng(1).normal(size=(2, 5, 4)).astype("float32")
        mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], dtype=bool)
        _, weights = OneStepAttention(3)(
            [a, np.zeros((2, 6), "float32")], return_attention_scores=True, mask=mask
        )
        weights = keras.ops.convert_to_numpy(weights)
        assert np.all(weights[0, 3:] == 0) and np.isclose(weights[0].sum(), 1)

    @pytest.mark.slow
    def test_config_and_saving(self):
        self.run_config_test(OneStepAttention, dict(energy_units=7))
        a = keras.Input((6, 8))
        s = keras.Input((5,))
        model = keras.Model([a, s], OneStepAttention(4)([a, s]))
        rng = np.random.default_rng(2)
        self.run_serialization_test(
            model,
            [rng.normal(size=(3, 6, 8)).astype("float32"),
             rng.normal(size=(3, 5)).astype("float32")],
        )  # fmt: skip

    def test_bad_input(self):
        with pytest.raises(ValueError, match="energy_units"):
            OneStepAttention(0)
        with pytest.raises(ValueError, match=r"\[a, s_prev\]"):
            OneStepAttention(3)(np.zeros((2, 5, 4)))
        with pytest.raises(ValueError, match="Tx, features"):
            OneStepAttention(3)([np.zeros((2, 4)), np.zeros((2, 4))])
