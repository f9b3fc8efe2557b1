"""Bahdanau (additive) and Luong (multiplicative) attention with their learned
projections, built on Keras's own `AdditiveAttention` and `Attention`."""

import keras

from keras_course._validation import check_choice, check_int
from keras_course.api_export import keras_course_export


class _ProjectedAttention(keras.layers.Layer):
    """Projects query and keys, then scores with a Keras attention layer.

    Call with `(query, values)` or `(query, values, keys)`; `query` may be one
    step `(batch, dq)` or a sequence `(batch, Tq, dq)`; `values` are
    `(batch, Tv, dv)`, and keys default to the values.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _projections(self, query_dim, key_dim):
        """(query projection or None, key projection or None, inner layer)."""
        raise NotImplementedError

    def build(self, query_shape, values_shape, keys_shape=None):
        keys_shape = values_shape if keys_shape is None else keys_shape
        if len(values_shape) != 3 or len(keys_shape) != 3:
            raise ValueError(
                f"{type(self).__name__} takes values (and keys) of shape "
                f"(batch, Tv, features). Received: values {values_shape}, "
                f"keys {keys_shape}"
            )
        if len(query_shape) not in (2, 3):
            raise ValueError(
                f"{type(self).__name__} takes a query of shape (batch, dq) or "
                f"(batch, Tq, dq). Received: {query_shape}"
            )
        self.query_projection, self.key_projection, self.score = self._projections(
            query_shape[-1], keys_shape[-1]
        )
        query_3d = (None, None, query_shape[-1])
        if self.query_projection is not None:
            self.query_projection.build(query_3d)
            query_3d = (None, None, self.query_projection.units)
        key_3d = (None, None, keys_shape[-1])
        if self.key_projection is not None:
            self.key_projection.build(key_3d)
            key_3d = (None, None, self.key_projection.units)
        if query_3d[-1] != key_3d[-1]:
            raise ValueError(
                f"{type(self).__name__}: the query ({query_3d[-1]}) and the keys "
                f"({key_3d[-1]}) must have the same size to be compared; pass "
                "`units` to project both."
            )
        self.score.build([query_3d, (None, None, values_shape[-1]), key_3d])

    def call(self, query, values, keys=None, mask=None, return_attention_scores=False):
        ops = keras.ops
        one_step = len(query.shape) == 2
        if one_step:
            query = ops.expand_dims(query, 1)
        keys = values if keys is None else keys
        if self.query_projection is not None:
            query = self.query_projection(query)
        if self.key_projection is not None:
            keys = self.key_projection(keys)
        value_mask = (
            mask if mask is None or not isinstance(mask, (list, tuple)) else (mask[1])
        )
        masks = None if value_mask is None else [None, value_mask]
        context, scores = self.score(
            [query, values, keys], mask=masks, return_attention_scores=True
        )
        if one_step:
            context, scores = ops.squeeze(context, 1), ops.squeeze(scores, 1)
        if return_attention_scores:
            return context, scores
        return context

    def compute_mask(self, *args, **kwargs):
        return None


@keras_course_export("keras_course.layers.BahdanauAttention")
class BahdanauAttention(_ProjectedAttention):
    """Additive attention as Bahdanau et al. (2015) define it:
    `score(q, k) = v · tanh(W_q q + W_k k)`, softmax over the keys, weighted
    sum of the values.

    `keras.layers.AdditiveAttention` computes `v · tanh(q + k)`: it has no
    `W_q`/`W_k`, so query and keys must already live in one space of one
    size. This layer adds the two learned projections (Dense, `units` wide)
    and then uses `AdditiveAttention(use_scale=True)`, whose learned scale
    is `v`. (The course's `OneStepAttention` is another additive form: one
    Dense on the concatenation, a tanh layer and a ReLU energy.)

    Args:
        units: int, the width of the projected query and keys.

    Call arguments:
        query: `(batch, dq)` (one decoder step) or `(batch, Tq, dq)`.
        values: `(batch, Tv, dv)`.
        keys: optional `(batch, Tv, dk)`; the values by default.
        mask: optional `(batch, Tv)` boolean mask of the values.
        return_attention_scores: bool, also return the weights.

    Returns:
        The context, `(batch, dv)` or `(batch, Tq, dv)`; with
        `return_attention_scores` also the weights `(batch, Tv)` or
        `(batch, Tq, Tv)`.

    Example:

    >>> layer = BahdanauAttention(8)
    >>> context, weights = layer(
    ...     np.ones((2, 16)), np.ones((2, 5, 12)), return_attention_scores=True
    ... )
    >>> tuple(context.shape), tuple(weights.shape), layer.count_params()
    ((2, 12), (2, 5), 248)
    """

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = check_int("units", units)

    def _projections(self, query_dim, key_dim):
        return (
            keras.layers.Dense(self.units, name="query_projection"),
            keras.layers.Dense(self.units, name="key_projection"),
            keras.layers.AdditiveAttention(use_scale=True, name="score"),
        )

    def get_config(self):
        return {**super().get_config(), "units": self.units}


@keras_course_export("keras_course.layers.LuongAttention")
class LuongAttention(_ProjectedAttention):
    """Multiplicative attention as Luong et al. (2015) define it: `"dot"`
    scores `q · k`; `"general"` scores `q · W k` with a learned `W`.

    `keras.layers.Attention` is the `"dot"` score (optionally scaled); this
    layer uses it and adds `W` for `"general"` (a bias-free Dense on the keys,
    to the query's size, or with `units` a projection of both query and keys
    to `units`).

    Args:
        units: int or None: for `"general"`, project query and keys to
            `units` instead of the keys to the query's size. Not used by
            `"dot"` (query and keys must then have one size).
        score: `"dot"` or `"general"`.

    Call arguments and returns: as `BahdanauAttention`.

    Example:

    >>> layer = LuongAttention(score="general")
    >>> context = layer(np.ones((2, 16)), np.ones((2, 5, 12)))
    >>> tuple(context.shape), layer.count_params()
    ((2, 12), 192)
    """

    def __init__(self, units=None, score="dot", **kwargs):
        super().__init__(**kwargs)
        self.units = None if units is None else check_int("units", units)
        self.score_name = check_choice("score", score, ("dot", "general"))

    def _projections(self, query_dim, key_dim):
        inner = keras.layers.Attention(name="score")
        if self.score_name == "dot":
            return None, None, inner
        if self.units is None:
            return None, keras.layers.Dense(query_dim, use_bias=False, name="w"), inner
        return (
            keras.layers.Dense(self.units, use_bias=False, name="query_projection"),
            keras.layers.Dense(self.units, use_bias=False, name="key_projection"),
            inner,
        )

    def get_config(self):
        return {**super().get_config(), "units": self.units, "score": self.score_name}
