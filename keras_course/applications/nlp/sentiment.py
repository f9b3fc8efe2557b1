"""Course 3 weeks 2-3: binary text classifiers over a word embedding."""

import keras
import numpy as np

from keras_course._backend import check_backend
from keras_course._validation import check_choice, check_int
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin
from keras_course.applications._string_inputs import StringInputsMixin
from keras_course.preprocessing.tokenizer import Tokenizer, tokenizer_from_json

ARCHITECTURES = ("flatten", "pooling", "lstm", "bilstm", "gru", "conv1d")
ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}


def _encode(x, architecture, dense_units, units, filters, kernel_size):
    layers = keras.layers
    if architecture == "flatten":
        x = layers.Flatten(name="flatten")(x)
    elif architecture == "pooling":
        x = layers.GlobalAveragePooling1D(name="pooling")(x)
    elif architecture == "lstm":
        x = layers.LSTM(units, name="lstm")(x)
    elif architecture == "bilstm":
        x = layers.Bidirectional(layers.LSTM(units), name="bilstm")(x)
    elif architecture == "gru":
        x = layers.Bidirectional(layers.GRU(units), name="bigru")(x)
    else:
        x = layers.Conv1D(filters, kernel_size, activation="relu", name="conv1d")(x)
        x = layers.GlobalMaxPooling1D(name="pooling")(x)
    return layers.Dense(dense_units, activation="relu", name="hidden")(x)


@keras_course_export("keras_course.applications.SentimentClassifier")
class SentimentClassifier(StringInputsMixin, PresetMixin, FitMixin, keras.Model):
    """The course's sentiment / sarcasm classifiers, one line each.

    Embedding(vocabulary_size, embedding_dim) over `sequence_length` ids, an encoder,
    Dense(dense_units, relu), Dense(1, sigmoid); compiled with Adam, binary
    cross-entropy and accuracy. The encoders (parameter counts with the
    defaults, vocabulary 10,000, dimension 16, length 120):

    - `"flatten"` (IMDB, week 2): Flatten, Dense(6): 171,533; ≈ 0.8 validation
      accuracy in the course.
    - `"pooling"` (sarcasm, week 2): GlobalAveragePooling1D, Dense(24):
      160,433; ≈ 0.83-0.85.
    - `"lstm"`: LSTM(32), Dense(6): 166,477.
    - `"bilstm"` (week 3): Bidirectional(LSTM(32)), Dense(6): 172,941.
    - `"gru"` (week 3): Bidirectional(GRU(32)), Dense(6): 169,997.
    - `"conv1d"` (week 3): Conv1D(128, 5, relu), GlobalMaxPooling1D, Dense(6):
      171,149. The week 3 encoders reach ≈ 0.83-0.88 on IMDB.

    Given a fitted `tokenizer` (with an `oov_token`), the model starts with
    `tokenizer.to_text_vectorization(sequence_length)` and takes raw strings, so
    it trains on text and saves as one `.keras` file with its vocabulary
    (TensorFlow backend; on JAX, vectorize in a `tf.data` pipeline). The
    vocabulary size is then the tokenizer's. That layer pads and cuts at the
    end ("post"), so train the string model on strings; `fit`, `evaluate`
    and `predict` then take lists of strings.

    Args:
        vocabulary_size: int, the Embedding's rows (the tokenizer's `num_words`).
        embedding_dim: int. Defaults to 16.
        sequence_length: int, ids per text. Defaults to 120.
        architecture: the encoder, one of those above. Defaults to
            `"flatten"`.
        dense_units: int or None (the course's: 24 for pooling, else 6).
        units: int, LSTM/GRU units. Defaults to 32.
        filters, kernel_size: the Conv1D encoder's. Default 128 and 5.
        tokenizer: a fitted `Tokenizer`, its `to_json()`, or None.
        optimizer: a Keras optimizer, its name or config; None for Adam(1e-3).

    Example:

    >>> SentimentClassifier(architecture="pooling").count_params()
    160433
    """

    def __init__(
        self,
        vocabulary_size=10000,
        embedding_dim=16,
        sequence_length=120,
        architecture="flatten",
        dense_units=None,
        units=32,
        filters=128,
        kernel_size=5,
        tokenizer=None,
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        architecture = check_choice("architecture", architecture, ARCHITECTURES)
        if isinstance(tokenizer, str):
            tokenizer = tokenizer_from_json(tokenizer)
        if tokenizer is not None and not isinstance(tokenizer, Tokenizer):
            raise TypeError(
                "`tokenizer` must be a keras_course.preprocessing.Tokenizer or "
                f"None. Received: tokenizer of type {type(tokenizer).__name__}"
            )
        if tokenizer is not None and keras.backend.backend() != "tensorflow":
            raise NotImplementedError(
                "A SentimentClassifier with a `tokenizer` reads raw strings with "
                "TextVectorization, which runs on the TensorFlow backend only, "
                f"not on {keras.backend.backend()}. There, vectorize the texts in a "
                "tf.data pipeline (`tokenizer.to_text_vectorization`) and build the "
                "model without `tokenizer`."
            )
        if tokenizer is not None:
            vocabulary_size = tokenizer.vocabulary_size
        vocabulary_size = check_int("vocabulary_size", vocabulary_size, minimum=2)
        embedding_dim = check_int("embedding_dim", embedding_dim)
        sequence_length = check_int("sequence_length", sequence_length)
        if dense_units is None:
            dense_units = 24 if architecture == "pooling" else 6
        dense_units = check_int("dense_units", dense_units)
        units = check_int("units", units)
        filters = check_int("filters", filters)
        kernel_size = check_int("kernel_size", kernel_size)
        if architecture == "conv1d" and kernel_size > sequence_length:
            raise ValueError(
                f"`kernel_size` ({kernel_size}) must not exceed `sequence_length` "
                f"({sequence_length})."
            )
        if tokenizer is None:
            inputs = keras.Input((sequence_length,), dtype="int32", name="tokens")
            ids = inputs
        else:
            inputs = keras.Input((1,), dtype="string", name="text")
            ids = tokenizer.to_text_vectorization(
                output_sequence_length=sequence_length, name="vectorize"
            )(inputs)
        x = keras.layers.Embedding(vocabulary_size, embedding_dim, name="embedding")(
            ids
        )
        x = _encode(x, architecture, dense_units, units, filters, kernel_size)
        outputs = keras.layers.Dense(1, activation="sigmoid", name="prediction")(x)
        kwargs.setdefault("name", f"sentiment_{architecture}")
        super().__init__(inputs, outputs, **kwargs)
        self.tokenizer = tokenizer
        self._config = {
            "vocabulary_size": vocabulary_size,
            "embedding_dim": embedding_dim,
            "sequence_length": sequence_length,
            "architecture": architecture,
            "dense_units": dense_units,
            "units": units,
            "filters": filters,
            "kernel_size": kernel_size,
        }
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(optimizer, "binary_crossentropy", metrics=["accuracy"])

    def _texts(self, x):
        """Lists or NumPy arrays of strings as the `(n, 1)` string tensor
        Keras's `fit`/`predict` accept (they reject NumPy string arrays)."""
        if self.tokenizer is None or not isinstance(x, (list, tuple, np.ndarray)):
            return x
        array = np.asarray(x)
        if array.dtype.kind not in "US" and not (
            array.dtype == object and all(isinstance(t, str) for t in array.flat)
        ):
            return x
        import tensorflow as tf

        return tf.constant(array.astype(str).reshape(-1, 1))

    def fit(self, x=None, y=None, *args, validation_data=None, **kwargs):
        """`keras.Model.fit`; with a tokenizer, `x` may be a list of strings."""
        self._check_fit_arrays(x, y)
        if isinstance(validation_data, (list, tuple)) and validation_data:
            validation_data = (self._texts(validation_data[0]), *validation_data[1:])
        return super().fit(
            self._texts(x), y, *args, validation_data=validation_data, **kwargs
        )

    def evaluate(self, x=None, y=None, *args, **kwargs):
        return super().evaluate(self._texts(x), y, *args, **kwargs)

    def predict(self, x, *args, **kwargs):
        return super().predict(self._texts(x), *args, **kwargs)

    def get_config(self):
        return {
            "name": self.name,
            **self._config,
            "tokenizer": None if self.tokenizer is None else self.tokenizer.to_json(),
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
