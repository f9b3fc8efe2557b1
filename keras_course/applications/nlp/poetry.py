"""Course 3 week 4: a next-word model that writes poetry, generating fast."""

import os

import keras
import numpy as np

from keras_course._backend import check_backend
from keras_course._validation import (
    check_int,
    check_number,
    check_strings,
    strings_or_one,
)
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin
from keras_course.preprocessing.ngrams import ngram_sequences
from keras_course.preprocessing.tokenizer import Tokenizer, tokenizer_from_json

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}


def corpus_lines(text):
    """The course's `data.lower().split("\\n")`; a list of lines is kept."""
    if isinstance(text, str):
        return text.lower().split("\n")
    lines = check_strings(text, "text")
    return [line.lower() for line in lines]


def _choose(probabilities, uniforms, temperature, top_k, greedy):
    """Next ids from `(batch, vocabulary)` probabilities.

    Greedy: the argmax, as the course does. Otherwise one draw per row by
    inverse CDF (`uniforms` in [0, 1)) from the probabilities sharpened or
    flattened by `temperature`, restricted to the `top_k` most likely and
    never the padding id 0.
    """
    ops = keras.ops
    if greedy:
        return ops.cast(ops.argmax(probabilities, axis=-1), "int32")
    logits = ops.log(ops.maximum(probabilities, 1e-30)) / temperature
    vocabulary = ops.shape(logits)[-1]
    logits = ops.where(ops.arange(vocabulary)[None, :] == 0, -np.inf, logits)
    if top_k is not None:
        kth = ops.top_k(logits, top_k)[0][:, -1:]
        logits = ops.where(logits < kth, -np.inf, logits)
    cumulative = ops.cumsum(ops.softmax(logits, axis=-1), axis=-1)
    below = ops.cast(cumulative < uniforms[:, None] * cumulative[:, -1:], "int32")
    return ops.minimum(ops.sum(below, axis=-1), vocabulary - 1)


def _roll(windows, ids):
    """Appends `ids` to the windows, dropping their first token; a row whose id
    is 0 (padding: the course appends the empty word) keeps its window."""
    ops = keras.ops
    shifted = ops.concatenate([windows[:, 1:], ids[:, None]], axis=1)
    return ops.where((ids == 0)[:, None], windows, shifted)


@keras_course_export("keras_course.applications.PoetryGenerator")
class PoetryGenerator(PresetMixin, FitMixin, keras.Model):
    """Course 3 week 4: Embedding → Bidirectional(LSTM) → Dense(softmax) over
    the vocabulary, trained on every line prefix to predict the next word.

    Build it from text with `PoetryGenerator.from_corpus(text)`: it fits a
    `Tokenizer` on the lower-cased lines, makes the course's n-gram data
    (`keras_course.preprocessing.ngram_sequences`) and the model, compiled as
    with cross-entropy (integer labels instead of the course's one-hot: the
    same loss) and accuracy. `fit(epochs=...)` then trains on that data.

    The optimizer is Adam(1e-3), not the Irish-lyrics lab's Adam(0.01), by
    measurement (`benchmarks/poetry_quality.py`, on the bundled sonnets): at
    1e-3 the course model passes the course's 0.76 training accuracy at epoch
    22-23 (TensorFlow, 5 seeds; `evaluate` on all n-grams 0.852-0.858 after
    30 epochs) or 21-22 (JAX, 5 seeds; 0.846-0.851 at epoch 100); at 0.01 it
    ends at 0.739-0.760 after 100 epochs and passes 0.76 on 2 seeds of 5.
    Pass `optimizer=keras.optimizers.Adam(0.01)` for the lab's setting.

    `generate` writes text, for one seed text or many, without a `model.predict` per
    word: the seed texts are tokenized once, and one compiled loop (a
    `tf.function` on TensorFlow, `jax.jit` on JAX) keeps a rolling pre-padded
    window of ids per text on the device. Greedy generation gives exactly the
    course loop's words (re-tokenizing the text, `pad_sequences`, `predict`,
    argmax, append), including its quirks: unknown seed words are ignored (a
    seed of only unknown words generates from an empty window), and if the
    model ever picks the padding id 0 the course appends an empty word and
    its window does not move.

    The model, its tokenizer and `sequence_length` save together in one
    `.keras` file (`save`), or as a directory with the tokenizer as Keras 2
    JSON beside it (`save_directory`); `PoetryGenerator.load` reads both.

    Args:
        tokenizer: a fitted `keras_course.preprocessing.Tokenizer` (or its
            `to_json()` string).
        sequence_length: int, the course's `max_sequence_len`: the padded
            n-gram length including the label; the model reads
            `sequence_length - 1` ids.
        embedding_dim: int. Defaults to 100.
        units: int. Defaults to 150.
        bidirectional: bool. Defaults to True.
        optimizer: a Keras optimizer, its name or config; None for
            Adam(1e-3).

    Attributes:
        tokenizer, sequence_length, model (the generator itself, a
        `keras.Model`), training_data (`(x, y)` from `from_corpus`, or None).

    Example:

    >>> from keras_course.datasets import load_poetry_corpus
    >>> lines = load_poetry_corpus().splitlines()[:20]
    >>> poet = PoetryGenerator.from_corpus(lines, embedding_dim=8, units=8)
    >>> poet.sequence_length, poet.tokenizer.vocabulary_size
    (10, 113)
    >>> len(poet.generate("shall i compare thee", num_words=5).split())
    9
    """

    def __init__(
        self,
        tokenizer,
        sequence_length,
        embedding_dim=100,
        units=150,
        bidirectional=True,
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        if isinstance(tokenizer, str):
            tokenizer = tokenizer_from_json(tokenizer)
        if not isinstance(tokenizer, Tokenizer):
            raise TypeError(
                "`tokenizer` must be a keras_course.preprocessing.Tokenizer. "
                f"Received: tokenizer of type {type(tokenizer).__name__}"
            )
        if len(tokenizer.word_index) == 0:
            raise ValueError("`tokenizer` has an empty vocabulary: fit it first.")
        sequence_length = check_int("sequence_length", sequence_length, minimum=2)
        embedding_dim = check_int("embedding_dim", embedding_dim)
        units = check_int("units", units)
        total_words = tokenizer.vocabulary_size
        inputs = keras.Input((sequence_length - 1,), dtype="int32", name="tokens")
        x = keras.layers.Embedding(total_words, embedding_dim, name="embedding")(inputs)
        lstm = keras.layers.LSTM(units, name="lstm")
        x = (
            keras.layers.Bidirectional(lstm, name="bidirectional")(x)
            if (bidirectional)
            else lstm(x)
        )
        outputs = keras.layers.Dense(total_words, activation="softmax", name="next")(x)
        kwargs.setdefault("name", "poetry_generator")
        super().__init__(inputs, outputs, **kwargs)
        self.tokenizer = tokenizer
        self.sequence_length = sequence_length
        self.embedding_dim = embedding_dim
        self.units = units
        self.bidirectional = bool(bidirectional)
        self.training_data = None
        self._generate_functions = {}
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(
            optimizer=optimizer,
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )

    @classmethod
    def from_corpus(
        cls,
        text,
        embedding_dim=100,
        units=150,
        bidirectional=True,
        optimizer=None,
        sequence_length=None,
        **kwargs,
    ):
        """Tokenizer, n-gram data and model from a corpus.

        Args:
            text: the corpus, one string (split into lines at newlines) or a
                list of lines; lower-cased as in the course.
            sequence_length: int or None (the longest line, as the course).
            Others: as the constructor.
        """
        lines = corpus_lines(text)
        if not any(line.strip() for line in lines):
            raise ValueError("The corpus is empty: there is nothing to learn from.")
        tokenizer = Tokenizer()
        tokenizer.fit_on_texts(lines)
        x, y, sequence_length = ngram_sequences(tokenizer, lines, sequence_length)
        generator = cls(
            tokenizer,
            sequence_length,
            embedding_dim=embedding_dim,
            units=units,
            bidirectional=bidirectional,
            optimizer=optimizer,
            **kwargs,
        )
        generator.training_data = (x, y)
        return generator

    @property
    def model(self):
        """The Keras model: the generator itself."""
        return self

    def __dir__(self):
        # Keras's loader walks dir() for child saveables without a visited
        # set; `model` (self) would send it round forever.
        return [name for name in super().__dir__() if name != "model"]

    def fit(self, x=None, y=None, *args, **kwargs):
        """`keras.Model.fit`, on the corpus's n-gram data when `x` is None."""
        if x is None:
            if self.training_data is None:
                raise ValueError(
                    "No training data: pass `x` and `y`, or build the generator "
                    "with PoetryGenerator.from_corpus(text)."
                )
            x, y = self.training_data
        return super().fit(x, y, *args, **kwargs)

    # ------------------------------------------------------------- generation
    def _windows(self, seed_texts):
        width = self.sequence_length - 1
        windows = np.zeros((len(seed_texts), width), dtype="int32")
        for row, ids in enumerate(self.tokenizer.texts_to_sequences(seed_texts)):
            ids = ids[-width:]
            if ids:
                windows[row, width - len(ids) :] = ids
        return windows

    def _generate_function(self, greedy, top_k):
        """A compiled `(windows, uniforms, temperature) -> ids` loop."""
        key = (greedy, top_k)
        if key in self._generate_functions:
            return self._generate_functions[key]

        def loop(call, windows, uniforms, temperature):
            steps = keras.ops.shape(uniforms)[0]
            batch = keras.ops.shape(windows)[0]

            def body(step, state):
                windows, ids = state
                probabilities = call(windows)
                chosen = _choose(
                    probabilities, uniforms[step], temperature, top_k, greedy
                )
                ids = keras.ops.slice_update(
                    ids, (0, step), keras.ops.expand_dims(chosen, 1)
                )
                return _roll(windows, chosen), ids

            ids = keras.ops.zeros((batch, steps), dtype="int32")
            return keras.ops.fori_loop(0, steps, body, (windows, ids))[1]

        backend = keras.backend.backend()
        if backend == "jax":
            import jax

            def stateless(trainable, non_trainable, windows, uniforms, temperature):
                def call(w):
                    return self.stateless_call(
                        trainable, non_trainable, w, training=False
                    )[0]

                return loop(call, windows, uniforms, temperature)

            jitted = jax.jit(stateless)

            def function(windows, uniforms, temperature):
                return jitted(
                    [v.value for v in self.trainable_variables],
                    [v.value for v in self.non_trainable_variables],
                    windows,
                    uniforms,
                    temperature,
                )

        elif backend == "tensorflow":
            import tensorflow as tf

            function = tf.function(
                lambda w, u, t: loop(lambda x: self(x, training=False), w, u, t),
                jit_compile=True,  # XLA: about 3x faster per call on CPU
                reduce_retracing=True,
            )
        else:  # eager, still batched over the seed texts

            def function(windows, uniforms, temperature):
                return loop(
                    lambda x: self(x, training=False), windows, uniforms, temperature
                )

        self._generate_functions[key] = function
        return function

    def generate_ids(
        self, seed_texts, num_words=100, temperature=0.0, top_k=None, seed=None
    ):
        """The generated word ids, `(len(seed_texts), num_words)` int32
        (`(num_words,)` for one seed text)."""
        seed_texts, single = strings_or_one(seed_texts, "seed_texts")
        if not seed_texts:
            raise ValueError("`seed_texts` is empty.")
        num_words = check_int("num_words", num_words)
        temperature = check_number("temperature", temperature)
        if temperature < 0:
            raise ValueError(
                f"`temperature` must be >= 0 (0: greedy). Received: "
                f"temperature={temperature}"
            )
        greedy = temperature == 0
        if top_k is not None:
            top_k = min(check_int("top_k", top_k), self.tokenizer.vocabulary_size)
        windows = self._windows(seed_texts)
        uniforms = np.random.default_rng(seed).random(
            (num_words, len(seed_texts)), dtype="float32"
        )
        function = self._generate_function(greedy, None if greedy else top_k)
        ids = function(windows, uniforms, np.float32(max(temperature, 1e-6)))
        ids = keras.ops.convert_to_numpy(ids)
        return ids[0] if single else ids

    def generate(
        self, seed_texts, num_words=100, temperature=0.0, top_k=None, seed=None
    ):
        """Each seed text followed by `num_words` generated words, all texts
        in one compiled loop.

        Args:
            seed_texts: a list of strings, or one string. Words the
                tokenizer does not know are ignored.
            num_words: int, how many words to add. Defaults to 100.
            temperature: 0 (default) for greedy, the course's argmax; above 0
                samples, lower is more conservative.
            top_k: int or None: sample only among the `top_k` most likely
                words (when `temperature > 0`).
            seed: int or None, for reproducible sampling.

        Returns:
            A list of strings, or one string for one seed text.
        """
        seed_texts, single = strings_or_one(seed_texts, "seed_texts")
        ids = self.generate_ids(seed_texts, num_words, temperature, top_k, seed)
        words = self.tokenizer.index_word
        texts = [
            text + "".join(" " + words.get(int(i), "") for i in row)
            for text, row in zip(seed_texts, ids, strict=True)
        ]
        return texts[0] if single else texts

    # ---------------------------------------------------------------- saving
    def get_config(self):
        return {
            "name": self.name,
            "tokenizer": self.tokenizer.to_json(),
            "sequence_length": self.sequence_length,
            "embedding_dim": self.embedding_dim,
            "units": self.units,
            "bidirectional": self.bidirectional,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)

    def save_directory(self, directory):
        """Writes `model.keras` and `tokenizer.json` (Keras 2's format, for
        other tools) into `directory`."""
        os.makedirs(directory, exist_ok=True)
        self.save(os.path.join(directory, "model.keras"))
        with open(
            os.path.join(directory, "tokenizer.json"), "w", encoding="utf-8"
        ) as f:
            f.write(self.tokenizer.to_json())

    @classmethod
    def load(cls, path):
        """A generator from a `.keras` file or a `save_directory` folder."""
        path = os.fspath(path)
        if os.path.isdir(path):
            path = os.path.join(path, "model.keras")
        generator = keras.saving.load_model(path)
        if not isinstance(generator, cls):
            raise ValueError(
                f"{path} holds a {type(generator).__name__}, not a {cls.__name__}."
            )
        return generator
