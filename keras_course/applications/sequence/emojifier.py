"""The course's Emojify models (DLS course 5 week 2)."""

import keras
import numpy as np

from keras_course._backend import check_backend, predict
from keras_course._validation import check_choice, check_int, strings_or_one
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin
from keras_course.applications._string_inputs import StringInputsMixin
from keras_course.layers.pretrained_embedding import pretrained_embedding
from keras_course.layers.sentences_to_indices import SentencesToIndices

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}
# The course's five labels: heart, baseball, smile, disappointed, fork and knife.
COURSE_EMOJI = ("\u2764\ufe0f", "\u26be", "\U0001f604", "\U0001f61e", "\U0001f374")


def _sentences(x):
    """Sentences as an object array (Keras's adapters take no numpy `str_`)."""
    if isinstance(x, (list, tuple)) or (
        isinstance(x, np.ndarray) and x.dtype.kind in "USO"
    ):
        return np.array(list(np.asarray(x, dtype=object).ravel()), dtype=object)
    return x


@keras_course_export("keras_course.applications.Emojifier")
class Emojifier(StringInputsMixin, PresetMixin, FitMixin, keras.Model):
    """The course's Emojifier: a sentence in, one of five emoji out.

    `architecture="average"` (Emojifier-V1): the mean of the sentence's word
    vectors, then `Dense(num_classes, softmax)` (the course writes it in
    numpy). `architecture="lstm"` (Emojifier-V2): the frozen embedding, LSTM(128)
    returning sequences, Dropout(0.5), LSTM(128), Dropout(0.5),
    `Dense(num_classes, softmax)`; with the course's 400,001 × 50 GloVe
    matrix: 20,223,927 parameters, 223,877 trainable.

    The model takes raw sentences: `SentencesToIndices` (the course's
    `sentences_to_indices`, unknown words to 0) is its first layer, so one
    `.keras` file holds the vocabulary, the vectors and the weights. String
    inputs need the TensorFlow backend (Keras's text preprocessing runs in
    TensorFlow); on another backend the constructor says so.

    Args:
        word_to_index: dict word → row of `embedding_matrix` (1..V).
        embedding_matrix: `(V + 1, d)`, row 0 padding (`load_glove`'s).
        sequence_length: int, words kept per sentence. Defaults to 10.
        architecture: `"average"` or `"lstm"`.
        num_classes: int. Defaults to 5.
        emoji: labels for `predict_emoji`; the course's five by default.
        optimizer: None for Adam(1e-3) (the course's).

    Example:

    >>> words = {"i": 1, "love": 2, "food": 3}
    >>> model = Emojifier(words, np.eye(4, 3), architecture="average")
    >>> model.predict_emoji(["I love food"])[0] in COURSE_EMOJI
    True
    """

    _text_only = True  # `fit` takes sentences

    def __init__(
        self,
        word_to_index,
        embedding_matrix,
        sequence_length=10,
        architecture="lstm",
        num_classes=5,
        emoji=None,
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        if keras.backend.backend() != "tensorflow":
            raise NotImplementedError(
                "Emojifier reads raw sentences with TextVectorization, which "
                "runs on the TensorFlow backend only, not on "
                f"{keras.backend.backend()}. There, map SentencesToIndices over a "
                "tf.data pipeline and feed the ids to a model from "
                "pretrained_embedding instead."
            )
        architecture = check_choice("architecture", architecture, ("average", "lstm"))
        num_classes = check_int("num_classes", num_classes, minimum=2)
        matrix = np.asarray(embedding_matrix, "float32")
        if matrix.ndim != 2 or len(matrix) != len(word_to_index) + 1:
            raise ValueError(
                "`embedding_matrix` must be (len(word_to_index) + 1, d), row 0 "
                f"for padding. Received: shape {matrix.shape} for "
                f"{len(word_to_index)} words"
            )
        emoji = list(COURSE_EMOJI if emoji is None else emoji)
        if len(emoji) != num_classes:
            raise ValueError(
                f"`emoji` must name the {num_classes} classes. Received: {emoji}"
            )
        inputs = keras.Input((), dtype="string", name="sentence")
        ids = SentencesToIndices(
            word_to_index, sequence_length, name="sentences_to_indices"
        )(inputs)
        embedded = pretrained_embedding(matrix, mask_zero=True, name="embedding")(ids)
        if architecture == "average":
            x = keras.layers.GlobalAveragePooling1D(name="average")(embedded)
        else:
            x = keras.layers.LSTM(128, return_sequences=True, name="lstm_1")(embedded)
            x = keras.layers.Dropout(0.5, name="dropout_1")(x)
            x = keras.layers.LSTM(128, name="lstm_2")(x)
            x = keras.layers.Dropout(0.5, name="dropout_2")(x)
        outputs = keras.layers.Dense(num_classes, activation="softmax", name="emoji")(x)
        kwargs.setdefault("name", f"emojifier_{architecture}")
        super().__init__(inputs, outputs, **kwargs)
        self.architecture, self.num_classes = architecture, num_classes
        self.sequence_length = sequence_length
        self.emoji = emoji
        self._word_to_index = dict(word_to_index)
        self._matrix_shape = matrix.shape
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy",
                     metrics=["accuracy"])  # fmt: skip

    def predict_emoji(self, sentences, batch_size=32):
        """The emoji of each sentence: a list for a list of strings, one
        emoji for one string."""
        sentences, single = strings_or_one(sentences, "sentences")
        probabilities = predict(self, _sentences(sentences), batch_size)
        emoji = [self.emoji[i] for i in np.argmax(probabilities, axis=-1)]
        return emoji[0] if single else emoji

    def fit(self, x=None, y=None, *args, **kwargs):
        """`keras.Model.fit`; `x` may be a list or array of sentences."""
        self._check_fit_arrays(x, y)
        return super().fit(_sentences(x), y, *args, **kwargs)

    def evaluate(self, x=None, y=None, *args, **kwargs):
        """`keras.Model.evaluate`; `x` may be a list or array of sentences."""
        return super().evaluate(_sentences(x), y, *args, **kwargs)

    def predict(self, x, *args, **kwargs):
        """`keras.Model.predict`; `x` may be a list or array of sentences."""
        return super().predict(_sentences(x), *args, **kwargs)

    def get_config(self):
        return {
            "name": self.name,
            "word_to_index": self._word_to_index,
            # the vectors are weights; a zero matrix of the shape rebuilds it
            "embedding_matrix": {"shape": list(self._matrix_shape)},
            "sequence_length": self.sequence_length,
            "architecture": self.architecture,
            "num_classes": self.num_classes,
            "emoji": self.emoji,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()`; the saved file's weights
        then fill the embedding."""
        config = dict(config)
        matrix = config.pop("embedding_matrix")
        if isinstance(matrix, dict):
            matrix = np.zeros(matrix["shape"], "float32")
        return cls(embedding_matrix=matrix, **config)
