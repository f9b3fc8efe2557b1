"""A general encoder-decoder translator with attention, for character or
word sequences, decoding with keras-hub's samplers."""

import keras
import numpy as np

from keras_course._backend import check_backend
from keras_course._validation import (
    check_choice,
    check_int,
    check_strings,
    strings_or_one,
)
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin
from keras_course.layers.seq2seq_attention import BahdanauAttention, LuongAttention

SPECIALS = ("<pad>", "<unk>", "<start>", "<end>")
PAD, UNKNOWN, START, END = range(4)
ADAM = {"class_name": "Adam", "config": {"learning_rate": 3e-3}}


def _split(text, level):
    return list(text) if level == "char" else text.split()


@keras_course_export("keras_course.applications.Seq2SeqTranslator")
class Seq2SeqTranslator(PresetMixin, FitMixin, keras.Model):
    """An attention translator for any pairs of character or word sequences.

    Encoder: Embedding (masked) → Bidirectional(LSTM(`units`)). Decoder: an
    Embedding of the previous target token, an LSTM of `2 * units` started
    from the encoder's final states, attention over the encoder outputs
    (`LuongAttention(score="general")` or `BahdanauAttention(units)`), then
    Luong's `tanh(W [output; context])` and a Dense over the target tokens.
    Trained with teacher forcing (the target shifted right after `<start>`,
    padding ignored in the loss); `translate` decodes with a keras-hub
    sampler, `GreedySampler` or `BeamSampler`, stopping at `<end>`.

    Vocabularies are `["<pad>", "<unk>", "<start>", "<end>"]` followed by the
    sorted tokens seen in training; they live in the config, so one `.keras`
    file translates. Unknown source tokens become `<unk>`; sources longer
    than `sequence_length` are cut.

    Build one with `Seq2SeqTranslator.from_pairs(pairs, level=...)`.

    Args:
        source_tokens, target_tokens: lists of the tokens (specials first, as
            `from_pairs` makes them).
        sequence_length: int, tokens per source (Keras's word for the
            input length).
        target_length: int, tokens per target without `<start>`/`<end>`.
        level: `"char"` or `"word"` (whitespace-split tokens).
        embedding_dim, units: ints. Default 32 and 64.
        attention: `"luong"` or `"bahdanau"`.
        optimizer: a Keras optimizer, its name or config; None for Adam(3e-3).

    Example:

    >>> pairs = [("one two", "1 2"), ("two", "2"), ("three one", "3 1")]
    >>> model = Seq2SeqTranslator.from_pairs(pairs, level="word", units=8)
    >>> model.target_tokens[4:]
    ['1', '2', '3']
    >>> len(model.translate(["two one"], method="beam", num_beams=2))
    1
    """

    def __init__(
        self,
        source_tokens,
        target_tokens,
        sequence_length,
        target_length,
        level="char",
        embedding_dim=32,
        units=64,
        attention="luong",
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        super().__init__(**kwargs)
        self.level = check_choice("level", level, ("char", "word"))
        self.attention_name = check_choice(
            "attention", attention, ("luong", "bahdanau")
        )
        self.source_tokens, self.target_tokens = (
            list(source_tokens),
            list(target_tokens),
        )
        for name, tokens in (
            ("source", self.source_tokens),
            ("target", self.target_tokens),
        ):
            if tuple(tokens[:4]) != SPECIALS or len(tokens) < 5:
                raise ValueError(
                    f"`{name}_tokens` must start with {list(SPECIALS)} and hold at "
                    f"least one token. Received: {tokens[:6]!r}"
                )
        self.sequence_length = check_int("sequence_length", sequence_length)
        self.target_length = check_int("target_length", target_length)
        self.embedding_dim = check_int("embedding_dim", embedding_dim)
        self.units = check_int("units", units)
        self.source_index = {t: i for i, t in enumerate(self.source_tokens)}
        self.target_index = {t: i for i, t in enumerate(self.target_tokens)}
        layers = keras.layers
        self.source_embedding = layers.Embedding(
            len(self.source_tokens), self.embedding_dim, mask_zero=True, name="source"
        )
        self.encoder = layers.Bidirectional(
            layers.LSTM(self.units, return_sequences=True, return_state=True),
            name="encoder",
        )
        self.target_embedding = layers.Embedding(
            len(self.target_tokens), self.embedding_dim, name="target"
        )
        self.decoder = layers.LSTM(
            2 * self.units, return_sequences=True, return_state=True, name="decoder"
        )
        self.attention = (
            LuongAttention(score="general", name="attention")
            if self.attention_name == "luong"
            else BahdanauAttention(self.units, name="attention")
        )
        self.combine = layers.Dense(2 * self.units, activation="tanh", name="combine")
        self.output_layer = layers.Dense(len(self.target_tokens), name="logits")
        self(
            [
                np.ones((1, self.sequence_length), "int32"),
                np.ones((1, self.target_length + 1), "int32"),
            ]
        )
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(
            optimizer=optimizer,
            loss=keras.losses.SparseCategoricalCrossentropy(
                from_logits=True, ignore_class=PAD
            ),
            metrics=["accuracy"],
        )

    @classmethod
    def from_pairs(
        cls, pairs, level="char", sequence_length=None, target_length=None, **kwargs
    ):
        """A translator whose vocabularies and lengths come from `pairs`, a
        list of `(source, target)` strings."""
        pairs = list(pairs)
        if not pairs:
            raise ValueError("`pairs` is empty.")
        sources = check_strings([s for s, _ in pairs], "sources")
        targets = check_strings([t for _, t in pairs], "targets")
        source_split = [_split(s, level) for s in sources]
        target_split = [_split(t, level) for t in targets]
        return cls(
            list(SPECIALS) + sorted({t for s in source_split for t in s}),
            list(SPECIALS) + sorted({t for s in target_split for t in s}),
            sequence_length or max(1, max(map(len, source_split))),
            target_length or max(1, max(map(len, target_split))),
            level=level,
            **kwargs,
        )

    # ----------------------------------------------------------------- model
    def _encode(self, source):
        embedded = self.source_embedding(source)
        mask = keras.ops.not_equal(source, PAD)
        outputs, fh, fc, bh, bc = self.encoder(embedded, mask=mask)
        h = keras.ops.concatenate([fh, bh], axis=-1)
        c = keras.ops.concatenate([fc, bc], axis=-1)
        return outputs, mask, h, c

    def _decode(self, target_in, outputs, mask, h, c):
        embedded = self.target_embedding(target_in)
        decoded, h, c = self.decoder(embedded, initial_state=[h, c])
        context = self.attention(decoded, outputs, mask=[None, mask])
        hidden = self.combine(keras.ops.concatenate([decoded, context], axis=-1))
        return self.output_layer(hidden), h, c

    def call(self, inputs, training=None):
        source, target_in = inputs
        outputs, mask, h, c = self._encode(source)
        logits, _, _ = self._decode(target_in, outputs, mask, h, c)
        return logits

    # ------------------------------------------------------------------ data
    def encode_sources(self, texts):
        texts = check_strings(texts)
        ids = np.zeros((len(texts), self.sequence_length), dtype="int32")
        for row, text in enumerate(texts):
            tokens = _split(text, self.level)[: self.sequence_length]
            if not tokens:
                raise ValueError(f"Item {row} of `texts` is empty. Received: {text!r}")
            ids[row, : len(tokens)] = [
                self.source_index.get(t, UNKNOWN) for t in tokens
            ]
        return ids

    def encode_targets(self, texts):
        """`(target_in, target_out)`: `<start>` + tokens, and tokens + `<end>`."""
        texts = check_strings(texts)
        width = self.target_length + 1
        target_in = np.zeros((len(texts), width), dtype="int32")
        target_out = np.zeros((len(texts), width), dtype="int32")
        for row, text in enumerate(texts):
            ids = [self.target_index.get(t, UNKNOWN) for t in _split(text, self.level)]
            ids = ids[: self.target_length]
            target_in[row, : len(ids) + 1] = [START, *ids]
            target_out[row, : len(ids) + 1] = [*ids, END]
        return target_in, target_out

    def fit_pairs(self, pairs, **kwargs):
        """`fit` on `(source, target)` string pairs, with teacher forcing."""
        pairs = list(pairs)
        source = self.encode_sources([s for s, _ in pairs])
        target_in, target_out = self.encode_targets([t for _, t in pairs])
        return self.fit([source, target_in], target_out, **kwargs)

    # ---------------------------------------------------------- translation
    def _next(self, prompt, cache, index):
        h, c, outputs, mask = cache
        token = keras.ops.slice(prompt, [0, index - 1], [keras.ops.shape(prompt)[0], 1])
        logits, h, c = self._decode(token, outputs, keras.ops.cast(mask, "bool"), h, c)
        return logits[:, 0], None, (h, c, outputs, mask)

    def _generate(self, source, method, num_beams):
        import keras_hub

        sampler = (
            keras_hub.samplers.GreedySampler()
            if method == "greedy"
            else keras_hub.samplers.BeamSampler(num_beams=num_beams)
        )
        outputs, mask, h, c = self._encode(source)
        batch = keras.ops.shape(source)[0]
        prompt = keras.ops.zeros((batch, self.target_length + 2), dtype="int32")
        prompt = keras.ops.slice_update(
            prompt, [0, 0], keras.ops.full((batch, 1), START, dtype="int32")
        )
        return sampler(
            self._next,
            prompt,
            cache=(h, c, outputs, keras.ops.cast(mask, "int32")),
            index=1,
            stop_token_ids=(END,),
            model=self,
        )

    def translate(self, texts, method="greedy", num_beams=4, batch_size=1024):
        """Translations of `texts`, decoded `batch_size` texts at a time.

        Args:
            texts: a list of strings, or one string.
            method: `"greedy"` or `"beam"` (keras-hub's samplers).
            num_beams: int, beams for `"beam"`.

        Returns:
            A list of strings, or one string for one text.
        """
        method = check_choice("method", method, ("greedy", "beam"))
        num_beams = check_int("num_beams", num_beams)
        texts, single = strings_or_one(texts)
        ids = self.encode_sources(texts)
        results = []
        for start in range(0, len(ids), check_int("batch_size", batch_size)):
            tokens = keras.ops.convert_to_numpy(
                self._generate(ids[start : start + batch_size], method, num_beams)
            )
            for row in tokens[:, 1:]:
                words = []
                for i in row.tolist():
                    if i == END:
                        break
                    if i >= len(SPECIALS):
                        words.append(self.target_tokens[i])
                results.append(("" if self.level == "char" else " ").join(words))
        return results[0] if single else results

    def get_config(self):
        return {
            "name": self.name,
            "source_tokens": self.source_tokens,
            "target_tokens": self.target_tokens,
            "sequence_length": self.sequence_length,
            "target_length": self.target_length,
            "level": self.level,
            "embedding_dim": self.embedding_dim,
            "units": self.units,
            "attention": self.attention_name,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
