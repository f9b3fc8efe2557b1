"""The course's Transformer (DLS course 5 week 4) as Keras layers.

keras-hub's `TransformerEncoder` / `TransformerDecoder` are close cousins but
not the course's layers: they give each head `hidden_dim // num_heads`
dimensions (the course gives each head `embedding_dim`: `key_dim=d_model`),
add a Dropout after attention besides the attention dropout, default to
`layer_norm_epsilon=1e-5` (the course: 1e-6) and take boolean padding masks
of shape `(batch, seq_len)`. These layers follow the course; the positional
encoding is keras-hub's `SinePositionEncoding`, which equals the course's
formula (tested against it in numpy).

Masks: **1 = attend, 0 = do not**, `keras.layers.MultiHeadAttention`'s
convention (see `keras_course.ops.create_padding_mask`). A mask has rank 3,
`(batch or 1, 1 or query_len, key_len)`.
"""

import math

import keras
from keras import ops

from keras_course._validation import check_fraction, check_int, check_number
from keras_course.api_export import keras_course_export
from keras_course.ops.transformer import create_padding_mask


def _attention_mask(mask, name):
    """`mask` as a bool tensor of rank 3, or None."""
    if mask is None:
        return None
    mask = ops.convert_to_tensor(mask)
    if len(mask.shape) != 3:
        raise ValueError(
            f"`{name}` must have rank 3, (batch, query_len or 1, key_len), "
            "1 = attend (create_padding_mask / create_look_ahead_mask give "
            f"that shape). Received: shape {tuple(mask.shape)}"
        )
    return ops.cast(mask, "bool")


def _check_sequence(layer, shape, rank, what):
    if len(shape) != rank:
        raise ValueError(
            f"{type(layer).__name__} expects {what}. Received: input_shape={shape}"
        )


class _CourseBlockConfig(keras.layers.Layer):
    """The arguments the course's encoder and decoder layers share."""

    def __init__(
        self,
        embedding_dim,
        num_heads,
        fully_connected_dim,
        dropout_rate=0.1,
        layernorm_eps=1e-6,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.embedding_dim = check_int("embedding_dim", embedding_dim)
        self.num_heads = check_int("num_heads", num_heads)
        self.fully_connected_dim = check_int("fully_connected_dim", fully_connected_dim)
        self.dropout_rate = check_fraction("dropout_rate", dropout_rate)
        self.layernorm_eps = check_number("layernorm_eps", layernorm_eps, positive=True)

    def _attention(self, name):
        return keras.layers.MultiHeadAttention(
            self.num_heads, key_dim=self.embedding_dim, dropout=self.dropout_rate,
            name=name,
        )  # fmt: skip

    def _norm(self, name):
        return keras.layers.LayerNormalization(epsilon=self.layernorm_eps, name=name)

    def _feed_forward(self):
        """The course's `FullyConnected`: Dense(relu) then Dense(d_model)."""
        return keras.Sequential(
            [
                keras.layers.Dense(self.fully_connected_dim, activation="relu"),
                keras.layers.Dense(self.embedding_dim),
            ],
            name="ffn",
        )

    def compute_output_shape(self, input_shape, *args, **kwargs):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update(
            embedding_dim=self.embedding_dim,
            num_heads=self.num_heads,
            fully_connected_dim=self.fully_connected_dim,
            dropout_rate=self.dropout_rate,
            layernorm_eps=self.layernorm_eps,
        )
        return config


@keras_course_export("keras_course.layers.EncoderLayer")
class EncoderLayer(_CourseBlockConfig):
    """The course's `EncoderLayer`: self-attention and a feed-forward block.

    `MultiHeadAttention(num_heads, key_dim=embedding_dim,
    dropout=dropout_rate)` → add & LayerNorm → Dense(`fully_connected_dim`,
    relu) → Dense(`embedding_dim`) → Dropout → add & LayerNorm, with the
    course's `layernorm_eps=1e-6`.

    Args:
        embedding_dim: int, the model width `d_model` (also each head's size,
            as in the course).
        num_heads: int.
        fully_connected_dim: int, the feed-forward block's hidden width.
        dropout_rate: float in [0, 1). Defaults to 0.1.
        layernorm_eps: float. Defaults to 1e-6.

    Call arguments:
        inputs: `(batch, seq_len, embedding_dim)`.
        attention_mask: optional rank-3 mask, 1 = attend (e.g.
            `create_padding_mask(token_ids)`). The course calls it `mask`.
        training: bool.

    Example:

    >>> layer = EncoderLayer(embedding_dim=8, num_heads=2, fully_connected_dim=16)
    >>> x = np.ones((2, 5, 8), "float32")
    >>> tuple(layer(x, attention_mask=np.ones((2, 1, 5))).shape)
    (2, 5, 8)
    """

    def __init__(
        self,
        embedding_dim,
        num_heads,
        fully_connected_dim,
        dropout_rate=0.1,
        layernorm_eps=1e-6,
        **kwargs,
    ):
        super().__init__(
            embedding_dim, num_heads, fully_connected_dim, dropout_rate,
            layernorm_eps, **kwargs,
        )  # fmt: skip
        self.mha = self._attention("mha")
        self.ffn = self._feed_forward()
        self.layernorm1 = self._norm("layernorm1")
        self.layernorm2 = self._norm("layernorm2")
        self.dropout_ffn = keras.layers.Dropout(self.dropout_rate)

    def build(self, input_shape):
        _check_sequence(self, input_shape, 3, "(batch, seq_len, embedding_dim)")
        self.mha.build(input_shape, input_shape)
        self.layernorm1.build(input_shape)
        self.ffn.build(input_shape)
        self.layernorm2.build(input_shape)
        self.built = True

    def call(self, inputs, attention_mask=None, training=None):
        mask = _attention_mask(attention_mask, "attention_mask")
        attention = self.mha(
            inputs, inputs, inputs, attention_mask=mask, training=training
        )
        out1 = self.layernorm1(inputs + attention)
        ffn_output = self.dropout_ffn(self.ffn(out1), training=training)
        return self.layernorm2(ffn_output + out1)


@keras_course_export("keras_course.layers.DecoderLayer")
class DecoderLayer(_CourseBlockConfig):
    """The course's `DecoderLayer`: masked self-attention, attention over
    the encoder's output, then the feed-forward block.

    Block 1: self-attention with the look-ahead mask → add & LayerNorm.
    Block 2: attention of block 1's output over `encoder_output` with the
    encoder's padding mask → add & LayerNorm. Block 3: Dense(relu) →
    Dense(`embedding_dim`) → Dropout → add & LayerNorm. Arguments as
    `EncoderLayer`.

    Call arguments:
        inputs: `(batch, target_len, embedding_dim)`.
        encoder_output: `(batch, input_len, embedding_dim)`.
        look_ahead_mask: optional rank-3 mask for block 1, 1 = attend (e.g.
            `create_look_ahead_mask(target_len)`).
        padding_mask: optional rank-3 mask over the encoder's positions for
            block 2 (e.g. `create_padding_mask(encoder_token_ids)`).
        training: bool.
        return_attention_scores: bool. When True, returns `(outputs,
            block1_scores, block2_scores)` as the course's layer does, each
            `(batch, num_heads, target_len, key_len)`.

    Example:

    >>> from keras_course.ops import create_look_ahead_mask
    >>> layer = DecoderLayer(embedding_dim=8, num_heads=2, fully_connected_dim=16)
    >>> out, self_scores, cross_scores = layer(
    ...     np.ones((2, 4, 8), "float32"), np.ones((2, 6, 8), "float32"),
    ...     look_ahead_mask=create_look_ahead_mask(4),
    ...     return_attention_scores=True)
    >>> tuple(out.shape), tuple(self_scores.shape), tuple(cross_scores.shape)
    ((2, 4, 8), (2, 2, 4, 4), (2, 2, 4, 6))
    """

    def __init__(
        self,
        embedding_dim,
        num_heads,
        fully_connected_dim,
        dropout_rate=0.1,
        layernorm_eps=1e-6,
        **kwargs,
    ):
        super().__init__(
            embedding_dim, num_heads, fully_connected_dim, dropout_rate,
            layernorm_eps, **kwargs,
        )  # fmt: skip
        self.mha1 = self._attention("mha1")
        self.mha2 = self._attention("mha2")
        self.ffn = self._feed_forward()
        self.layernorm1 = self._norm("layernorm1")
        self.layernorm2 = self._norm("layernorm2")
        self.layernorm3 = self._norm("layernorm3")
        self.dropout_ffn = keras.layers.Dropout(self.dropout_rate)

    def build(self, inputs_shape, encoder_output_shape=None):
        input_shape = inputs_shape
        _check_sequence(self, input_shape, 3, "(batch, target_len, embedding_dim)")
        encoder_output_shape = encoder_output_shape or input_shape
        _check_sequence(
            self, encoder_output_shape, 3, "encoder_output (batch, input_len, d)"
        )
        self.mha1.build(input_shape, input_shape)
        self.mha2.build(input_shape, encoder_output_shape)
        for norm in (self.layernorm1, self.layernorm2, self.layernorm3):
            norm.build(input_shape)
        self.ffn.build(input_shape)
        self.built = True

    def call(
        self,
        inputs,
        encoder_output,
        look_ahead_mask=None,
        padding_mask=None,
        training=None,
        return_attention_scores=False,
    ):
        look_ahead_mask = _attention_mask(look_ahead_mask, "look_ahead_mask")
        padding_mask = _attention_mask(padding_mask, "padding_mask")
        attention1, scores1 = self.mha1(
            inputs, inputs, inputs, attention_mask=look_ahead_mask,
            return_attention_scores=True, training=training,
        )  # fmt: skip
        out1 = self.layernorm1(attention1 + inputs)
        attention2, scores2 = self.mha2(
            out1, encoder_output, encoder_output, attention_mask=padding_mask,
            return_attention_scores=True, training=training,
        )  # fmt: skip
        out2 = self.layernorm2(attention2 + out1)
        ffn_output = self.dropout_ffn(self.ffn(out2), training=training)
        out3 = self.layernorm3(ffn_output + out2)
        if return_attention_scores:
            return out3, scores1, scores2
        return out3

    def compute_output_shape(
        self, input_shape, encoder_output_shape=None, *args, **kwargs
    ):
        return tuple(input_shape)


class _Stack(keras.layers.Layer):
    """Embedding × sqrt(d) + positional encoding → Dropout → `num_layers`
    course layers: what `Encoder` and `Decoder` share."""

    layer_class = None

    def __init__(
        self,
        num_layers,
        embedding_dim,
        num_heads,
        fully_connected_dim,
        vocab_size,
        maximum_position_encoding,
        dropout_rate=0.1,
        layernorm_eps=1e-6,
        **kwargs,
    ):
        from keras_hub.layers import SinePositionEncoding

        super().__init__(**kwargs)
        self.num_layers = check_int("num_layers", num_layers)
        self.vocab_size = check_int("vocab_size", vocab_size, minimum=2)
        self.maximum_position_encoding = check_int(
            "maximum_position_encoding", maximum_position_encoding
        )
        block = dict(
            embedding_dim=embedding_dim,
            num_heads=num_heads,
            fully_connected_dim=fully_connected_dim,
            dropout_rate=dropout_rate,
            layernorm_eps=layernorm_eps,
        )
        self.blocks = [
            self.layer_class(**block, name=f"layer_{i}") for i in range(num_layers)
        ]
        self._block = self.blocks[0].get_config()
        self.embedding_dim = self.blocks[0].embedding_dim
        self.embedding = keras.layers.Embedding(
            self.vocab_size, self.embedding_dim, name="embedding"
        )
        self.pos_encoding = SinePositionEncoding(name="pos_encoding")
        self.dropout = keras.layers.Dropout(self.blocks[0].dropout_rate)

    def _check_tokens(self, shape):
        _check_sequence(self, shape, 2, "token ids (batch, seq_len)")
        if shape[1] is not None and shape[1] > self.maximum_position_encoding:
            raise ValueError(
                f"{type(self).__name__} got sequences of {shape[1]} tokens, more "
                "than maximum_position_encoding="
                f"{self.maximum_position_encoding}."
            )

    def _embed(self, token_ids, training):
        x = self.embedding(token_ids) * math.sqrt(self.embedding_dim)
        x = x + self.pos_encoding(x)
        return self.dropout(x, training=training)

    def get_config(self):
        config = super().get_config()
        config.update(
            num_layers=self.num_layers,
            embedding_dim=self.embedding_dim,
            num_heads=self._block["num_heads"],
            fully_connected_dim=self._block["fully_connected_dim"],
            maximum_position_encoding=self.maximum_position_encoding,
            dropout_rate=self._block["dropout_rate"],
            layernorm_eps=self._block["layernorm_eps"],
        )
        return config


@keras_course_export("keras_course.layers.Encoder")
class Encoder(_Stack):
    """The course's `Encoder`: token ids in, `(batch, seq_len, d)` out.

    `Embedding(input_vocab_size, embedding_dim)` scaled by
    `sqrt(embedding_dim)`, plus the sinusoidal positional encoding, Dropout,
    then `num_layers` encoder layers (`EncoderLayer`).

    Args:
        num_layers: int.
        embedding_dim: int, as `EncoderLayer`; also `num_heads`,
            `fully_connected_dim`, `dropout_rate` and `layernorm_eps`.
        input_vocab_size: int, token ids are in `[0, input_vocab_size)`.
        maximum_position_encoding: int, the longest sequence accepted.

    Call arguments:
        token_ids: `(batch, seq_len)` ints, 0 = padding.
        attention_mask: optional rank-3 mask; by default
            `create_padding_mask(token_ids)` (padding is not attended to).
        training: bool.

    Example:

    >>> encoder = Encoder(2, 8, 2, 16, input_vocab_size=10,
    ...                   maximum_position_encoding=20)
    >>> tuple(encoder(np.array([[3, 4, 5, 0]])).shape)
    (1, 4, 8)
    """

    layer_class = EncoderLayer

    def __init__(
        self,
        num_layers,
        embedding_dim,
        num_heads,
        fully_connected_dim,
        input_vocab_size,
        maximum_position_encoding,
        dropout_rate=0.1,
        layernorm_eps=1e-6,
        **kwargs,
    ):
        input_vocab_size = check_int("input_vocab_size", input_vocab_size, minimum=2)
        super().__init__(
            num_layers, embedding_dim, num_heads, fully_connected_dim,
            input_vocab_size, maximum_position_encoding, dropout_rate,
            layernorm_eps, **kwargs,
        )  # fmt: skip
        self.input_vocab_size = self.vocab_size

    def build(self, input_shape):
        self._check_tokens(input_shape)
        self.embedding.build(input_shape)
        shape = (*input_shape, self.embedding_dim)
        for layer in self.blocks:
            layer.build(shape)
        self.built = True

    def call(self, token_ids, attention_mask=None, training=None):
        if attention_mask is None:
            attention_mask = create_padding_mask(token_ids)
        x = self._embed(token_ids, training)
        for layer in self.blocks:
            x = layer(x, attention_mask=attention_mask, training=training)
        return x

    def compute_output_shape(self, input_shape, *args, **kwargs):
        return (*input_shape, self.embedding_dim)

    def get_config(self):
        return {**super().get_config(), "input_vocab_size": self.input_vocab_size}


@keras_course_export("keras_course.layers.Decoder")
class Decoder(_Stack):
    """The course's `Decoder`: target ids and the encoder's output in.

    Embedding × `sqrt(embedding_dim)` + positional encoding, Dropout, then
    `num_layers` decoder layers (`DecoderLayer`).

    Args:
        num_layers: int.
        embedding_dim: int, as `EncoderLayer`; also `num_heads`,
            `fully_connected_dim`, `dropout_rate` and `layernorm_eps`.
        target_vocab_size: int.
        maximum_position_encoding: int, the longest target accepted.

    Call arguments:
        token_ids: `(batch, target_len)` ints, 0 = padding.
        encoder_output: `(batch, input_len, embedding_dim)`.
        look_ahead_mask: optional rank-3 mask; by default the look-ahead
            mask of `target_len` combined with the targets' padding mask.
        padding_mask: optional rank-3 mask over the encoder's positions; by
            default everything is attended to (`Transformer` passes the
            encoder's padding mask).
        training: bool.
        return_attention_scores: bool. When True, returns `(outputs,
            scores)` where `scores` is the course's dict,
            `decoder_layer{i}_block1_self_att` and
            `decoder_layer{i}_block2_decenc_att` for i = 1..num_layers.

    Example:

    >>> decoder = Decoder(1, 8, 2, 16, target_vocab_size=10,
    ...                   maximum_position_encoding=20)
    >>> out = decoder(np.array([[1, 4, 5]]), np.ones((1, 6, 8), "float32"))
    >>> tuple(out.shape)
    (1, 3, 8)
    """

    layer_class = DecoderLayer

    def __init__(
        self,
        num_layers,
        embedding_dim,
        num_heads,
        fully_connected_dim,
        target_vocab_size,
        maximum_position_encoding,
        dropout_rate=0.1,
        layernorm_eps=1e-6,
        **kwargs,
    ):
        target_vocab_size = check_int("target_vocab_size", target_vocab_size, minimum=2)
        super().__init__(
            num_layers, embedding_dim, num_heads, fully_connected_dim,
            target_vocab_size, maximum_position_encoding, dropout_rate,
            layernorm_eps, **kwargs,
        )  # fmt: skip
        self.target_vocab_size = self.vocab_size

    def build(self, token_ids_shape, encoder_output_shape=None):
        input_shape = token_ids_shape
        self._check_tokens(input_shape)
        self.embedding.build(input_shape)
        shape = (*input_shape, self.embedding_dim)
        encoder_output_shape = encoder_output_shape or shape
        for layer in self.blocks:
            layer.build(shape, encoder_output_shape)
        self.built = True

    def call(
        self,
        token_ids,
        encoder_output,
        look_ahead_mask=None,
        padding_mask=None,
        training=None,
        return_attention_scores=False,
    ):
        if look_ahead_mask is None:
            look_ahead_mask = _causal_padding_mask(token_ids)
        x = self._embed(token_ids, training)
        scores = {}
        for i, layer in enumerate(self.blocks, start=1):
            x, block1, block2 = layer(
                x, encoder_output, look_ahead_mask=look_ahead_mask,
                padding_mask=padding_mask, training=training,
                return_attention_scores=True,
            )  # fmt: skip
            scores[f"decoder_layer{i}_block1_self_att"] = block1
            scores[f"decoder_layer{i}_block2_decenc_att"] = block2
        if return_attention_scores:
            return x, scores
        return x

    def compute_output_shape(self, input_shape, *args, **kwargs):
        return (*input_shape, self.embedding_dim)

    def get_config(self):
        return {**super().get_config(), "target_vocab_size": self.target_vocab_size}


def _causal_padding_mask(token_ids):
    """`(batch, T, T)`: step i attends to steps <= i that are not padding
    (`create_look_ahead_mask` for a length known only at run time)."""
    steps = ops.arange(ops.shape(token_ids)[1])
    look_ahead = ops.cast(steps[:, None] >= steps[None, :], "float32")[None]
    return ops.minimum(look_ahead, create_padding_mask(token_ids))


@keras_course_export("keras_course.layers.Transformer")
class Transformer(keras.layers.Layer):
    """The course's `Transformer`: `Encoder`, `Decoder`, then
    `Dense(target_vocab_size, softmax)`.

    Takes `[encoder_token_ids, decoder_token_ids]` (0 = padding in both) and
    builds the course's three masks from them: the encoder's padding mask
    (for the encoder and the decoder's second block) and the look-ahead mask
    combined with the targets' padding mask (the decoder's first block).
    The course passes the three masks by hand; here they cannot be wrong.

    Args:
        num_layers: int; `embedding_dim`, `num_heads`,
            `fully_connected_dim`, `dropout_rate` and `layernorm_eps` as
            `Encoder`.
        input_vocab_size: int.
        target_vocab_size: int, the softmax's width.
        max_positional_encoding_input: int, the longest input.
        max_positional_encoding_target: int, the longest target.

    Call arguments:
        inputs: `[encoder_token_ids (batch, input_len), decoder_token_ids
            (batch, target_len)]`.
        training: bool.
        return_attention_scores: bool. When True, returns `(probabilities,
            scores)` with the decoder's dict of attention scores.

    Returns:
        `(batch, target_len, target_vocab_size)` probabilities.

    Example:

    >>> transformer = Transformer(1, 8, 2, 16, input_vocab_size=12,
    ...     target_vocab_size=12, max_positional_encoding_input=10,
    ...     max_positional_encoding_target=10)
    >>> probs = transformer([np.array([[5, 6, 7, 0]]), np.array([[1, 7, 6]])])
    >>> tuple(probs.shape)
    (1, 3, 12)
    """

    def __init__(
        self,
        num_layers,
        embedding_dim,
        num_heads,
        fully_connected_dim,
        input_vocab_size,
        target_vocab_size,
        max_positional_encoding_input,
        max_positional_encoding_target,
        dropout_rate=0.1,
        layernorm_eps=1e-6,
        **kwargs,
    ):
        super().__init__(**kwargs)
        # Checked here under this constructor's names (the encoder and the
        # decoder name them otherwise).
        input_vocab_size = check_int("input_vocab_size", input_vocab_size, minimum=2)
        target_vocab_size = check_int("target_vocab_size", target_vocab_size, minimum=2)
        max_positional_encoding_input = check_int(
            "max_positional_encoding_input", max_positional_encoding_input
        )
        max_positional_encoding_target = check_int(
            "max_positional_encoding_target", max_positional_encoding_target
        )
        shared = dict(
            num_layers=num_layers,
            embedding_dim=embedding_dim,
            num_heads=num_heads,
            fully_connected_dim=fully_connected_dim,
            dropout_rate=dropout_rate,
            layernorm_eps=layernorm_eps,
        )
        self.encoder = Encoder(
            input_vocab_size=input_vocab_size,
            maximum_position_encoding=max_positional_encoding_input,
            name="encoder", **shared,
        )  # fmt: skip
        self.decoder = Decoder(
            target_vocab_size=target_vocab_size,
            maximum_position_encoding=max_positional_encoding_target,
            name="decoder", **shared,
        )  # fmt: skip
        self.final_layer = keras.layers.Dense(
            target_vocab_size, activation="softmax", name="final_layer"
        )
        self._shared = {key: self.encoder.get_config()[key] for key in shared}

    def _split(self, shapes):
        if (
            not isinstance(shapes, (list, tuple))
            or len(shapes) != 2
            or any(isinstance(s, int) or s is None for s in shapes)
        ):
            raise ValueError(
                "Transformer takes [encoder_token_ids, decoder_token_ids]. "
                f"Received: {shapes}"
            )
        return shapes

    def build(self, input_shape):
        encoder_shape, decoder_shape = self._split(input_shape)
        self.encoder.build(tuple(encoder_shape))
        encoder_output = self.encoder.compute_output_shape(tuple(encoder_shape))
        self.decoder.build(tuple(decoder_shape), encoder_output)
        self.final_layer.build((*decoder_shape, self._shared["embedding_dim"]))
        self.built = True

    def call(self, inputs, training=None, return_attention_scores=False):
        encoder_ids, decoder_ids = self._split(inputs)
        padding_mask = create_padding_mask(encoder_ids)
        encoded = self.encoder(encoder_ids, attention_mask=padding_mask,
                               training=training)  # fmt: skip
        decoded, scores = self.decoder(
            decoder_ids, encoded, padding_mask=padding_mask, training=training,
            return_attention_scores=True,
        )  # fmt: skip
        probabilities = self.final_layer(decoded)
        if return_attention_scores:
            return probabilities, scores
        return probabilities

    def compute_output_shape(self, input_shape, *args, **kwargs):
        _, decoder_shape = self._split(input_shape)
        return (*decoder_shape, self.decoder.target_vocab_size)

    @staticmethod
    def layout_map(device_mesh):
        """A `keras.distribution.LayoutMap` that splits the Transformer over
        the mesh's `"model"` axis, for `keras.distribution.ModelParallel`.

        Attention is split by heads (query, key and value kernels
        `(embedding, heads, head_dim)` on their heads axis with their biases,
        the output kernel `(heads, head_dim, embedding)` on its first); each
        feed-forward kernel and the embeddings on their last axis; the final
        softmax layer by vocabulary. Layer normalisation stays whole on every
        device. `num_heads`, `fully_connected_dim`, `embedding_dim` and
        `target_vocab_size` must divide by the `"model"` axis's size (the
        course's 2 heads, 32 and 8,500: a 2-device axis).

        Set `ModelParallel(layout_map=...)` on JAX before building the
        model: see the docs page
        "Training on several machines".

        Example:

        >>> mesh = keras.distribution.DeviceMesh(
        ...     (1, 2), ["batch", "model"], devices=["cpu:0", "cpu:1"])
        >>> layout = Transformer.layout_map(mesh)
        >>> layout["transformer/encoder/layer_0/mha/query/kernel"].axes
        (None, 'model', None)
        """
        layout = keras.distribution.LayoutMap(device_mesh)
        layout[r".*mha\d?/(query|key|value)/kernel"] = (None, "model", None)
        layout[r".*mha\d?/(query|key|value)/bias"] = ("model", None)
        layout[r".*mha\d?/attention_output/kernel"] = ("model", None, None)
        layout[r".*ffn/[^/]+/kernel"] = (None, "model")
        layout[r".*embedding/embeddings"] = (None, "model")
        layout[r".*final_layer/kernel"] = (None, "model")
        layout[r".*final_layer/bias"] = ("model",)
        return layout

    def get_config(self):
        config = super().get_config()
        config.update(
            **self._shared,
            input_vocab_size=self.encoder.input_vocab_size,
            target_vocab_size=self.decoder.target_vocab_size,
            max_positional_encoding_input=self.encoder.maximum_position_encoding,
            max_positional_encoding_target=self.decoder.maximum_position_encoding,
        )
        return config
