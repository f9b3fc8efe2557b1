import keras
import numpy as np
import pytest

from keras_course.layers import BahdanauAttention, LuongAttention
from keras_course.testing import TestCase

RNG = np.random.default_rng(0)
QUERY = RNG.normal(size=(3, 6)).astype("float32")
VALUES = RNG.normal(size=(3, 5, 4)).astype("float32")


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def numpy(x):
    return keras.ops.convert_to_numpy(x)


@pytest.mark.multi_backend
class TestSeq2SeqAttention(TestCase):
    def test_bahdanau_is_v_tanh_of_both_projections(self):
        layer = BahdanauAttention(7)
        context, weights = layer(QUERY, VALUES, return_attention_scores=True)
        wq, bq = layer.query_projection.get_weights()
        wk, bk = layer.key_projection.get_weights()
        v = numpy(layer.score.scale)
        scores = np.tanh((QUERY @ wq + bq)[:, None] + VALUES @ wk + bk) @ v
        want = softmax(scores)
        self.assert_all_close(weights, want, atol=1e-5)
        self.assert_all_close(context, np.einsum("bt,btf->bf", want, VALUES), atol=1e-5)

    @pytest.mark.parametrize("units", [None, 3])
    def test_luong_general_is_q_w_k(self, units):
        layer = LuongAttention(units=units, score="general")
        context, weights = layer(QUERY, VALUES, return_attention_scores=True)
        if units is None:
            (w,) = layer.key_projection.get_weights()
            scores = np.einsum("bd,btd->bt", QUERY, VALUES @ w)
        else:
            (wq,) = layer.query_projection.get_weights()
            (wk,) = layer.key_projection.get_weights()
            scores = np.einsum("bd,btd->bt", QUERY @ wq, VALUES @ wk)
        self.assert_all_close(weights, softmax(scores), atol=1e-5)
        self.assert_all_close(
            context, np.einsum("bt,btf->bf", softmax(scores), VALUES), atol=1e-5
        )

    def test_luong_dot_and_sequences_of_queries(self):
        keys = RNG.normal(size=(3, 5, 6)).astype("float32")
        queries = RNG.normal(size=(3, 2, 6)).astype("float32")
        context, weights = LuongAttention()(
            queries, VALUES, keys, return_attention_scores=True
        )
        want = softmax(np.einsum("bqd,btd->bqt", queries, keys))
        self.assert_all_close(weights, want, atol=1e-5)
        assert tuple(context.shape) == (3, 2, 4)

    def test_mask_gives_masked_steps_no_weight(self):
        mask = np.array([[1, 1, 0, 0, 0]] * 3, dtype=bool)
        _, weights = BahdanauAttention(4)(
            QUERY, VALUES, mask=[None, mask], return_attention_scores=True
        )
        assert np.allclose(numpy(weights)[:, 2:], 0)

    @pytest.mark.slow
    def test_config_and_saving(self):
        self.run_config_test(BahdanauAttention, dict(units=5))
        self.run_config_test(LuongAttention, dict(units=4, score="general"))
        query, values = keras.Input((6,)), keras.Input((5, 4))
        outputs = LuongAttention(score="general")(query, values)
        outputs = keras.layers.Concatenate()(
            [outputs, BahdanauAttention(3)(query, values)]
        )
        model = keras.Model([query, values], outputs)
        self.run_serialization_test(model, [QUERY, VALUES])

    def test_bad_input(self):
        with pytest.raises(ValueError, match="units"):
            BahdanauAttention(0)
        with pytest.raises(ValueError, match="score"):
            LuongAttention(score="concat")
        with pytest.raises(ValueError, match="same size"):
            LuongAttention()(QUERY, VALUES)  # dot of 6 with 4
        with pytest.raises(ValueError, match="Tv, features"):
            BahdanauAttention(3)(QUERY, VALUES[:, 0])
