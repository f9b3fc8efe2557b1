import keras
import numpy as np
import pytest

from keras_course.ops import (
    create_look_ahead_mask,
    create_padding_mask,
    positional_encoding,
)
from keras_course.reference import course_positional_encoding


@pytest.mark.multi_backend
def test_positional_encoding_is_the_course_formula():
    for positions, d in [(50, 512), (7, 6), (1, 3)]:
        np.testing.assert_allclose(
            keras.ops.convert_to_numpy(positional_encoding(positions, d)),
            course_positional_encoding(positions, d),
            atol=1e-5,
        )


@pytest.mark.multi_backend
def test_masks_follow_one_convention_and_work_in_attention():
    ids = np.array([[5, 3, 0, 0], [2, 2, 2, 1]])
    padding = keras.ops.convert_to_numpy(create_padding_mask(ids))
    assert padding.shape == (2, 1, 4)
    np.testing.assert_array_equal(padding[:, 0], (ids != 0).astype("float32"))
    ahead = keras.ops.convert_to_numpy(create_look_ahead_mask(4))
    np.testing.assert_array_equal(ahead[0], np.tril(np.ones((4, 4))))
    # 1 = attend: what MultiHeadAttention takes; masked keys get zero weight
    attention = keras.layers.MultiHeadAttention(num_heads=1, key_dim=2)
    x = np.random.default_rng(0).normal(size=(2, 4, 2)).astype("float32")
    mask = (padding * ahead).astype(bool)
    _, scores = attention(x, x, attention_mask=mask, return_attention_scores=True)
    scores = keras.ops.convert_to_numpy(scores)[:, 0]
    assert np.allclose(scores[0][:, 2:], 0) and np.allclose(np.triu(scores[1], 1), 0)


def test_bad_input():
    with pytest.raises(ValueError, match=r"\(batch, seq_len\)"):
        create_padding_mask(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match="size"):
        create_look_ahead_mask(0)
    with pytest.raises(ValueError, match="d_model"):
        positional_encoding(5, 0)
