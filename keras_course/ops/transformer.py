"""The course's Transformer helpers (DLS course 5 week 4): encoding and masks.

One mask convention throughout: **1 = attend, 0 = do not**, what
`keras.layers.MultiHeadAttention`'s `attention_mask` expects (the course's
last version uses it too; its first added `-1e9` where the mask was 1).
"""

from keras import ops

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.ops.positional_encoding")
def positional_encoding(positions, d_model):
    """The course's sinusoidal positional encoding, `(1, positions, d_model)`.

    `angle(pos, k) = pos / 10000^(2 (k // 2) / d_model)`, its sine on even
    `k` and cosine on odd `k`. This is keras-hub's `SinePositionEncoding`
    (which this calls) at its default `max_wavelength=10000`; use that layer
    inside models, this function where the course calls its own.

    >>> encoding = positional_encoding(50, 8)
    >>> tuple(encoding.shape), [round(float(v), 4) for v in encoding[0, 1, :2]]
    ((1, 50, 8), [0.8415, 0.5403])
    """
    from keras_hub.layers import SinePositionEncoding

    positions = check_int("positions", positions)
    d_model = check_int("d_model", d_model)
    return SinePositionEncoding()(ops.zeros((1, positions, d_model)))


@keras_course_export("keras_course.ops.create_padding_mask")
def create_padding_mask(token_ids):
    """`(batch, 1, seq_len)`: 1 where a token is not padding (id 0).

    >>> keras.ops.convert_to_numpy(create_padding_mask([[7, 6, 0, 0]])).tolist()
    [[[1.0, 1.0, 0.0, 0.0]]]
    """
    token_ids = ops.convert_to_tensor(token_ids)
    if len(token_ids.shape) != 2:
        raise ValueError(
            "`token_ids` must be (batch, seq_len). Received: shape "
            f"{tuple(token_ids.shape)}"
        )
    return ops.cast(ops.not_equal(token_ids, 0), "float32")[:, None, :]


@keras_course_export("keras_course.ops.create_look_ahead_mask")
def create_look_ahead_mask(size):
    """`(1, size, size)` lower-triangular ones: step `i` sees steps `<= i`.

    >>> keras.ops.convert_to_numpy(create_look_ahead_mask(3))[0].tolist()
    [[1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 1.0]]
    """
    size = check_int("size", size)
    return ops.tril(ops.ones((1, size, size), "float32"))
