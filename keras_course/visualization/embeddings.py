"""Word vectors for the TensorFlow Embedding Projector (course 3 week 2)."""

import os

import keras
import numpy as np

from keras_course._keras_internals import flatten_layers
from keras_course.api_export import keras_course_export


def _escape(word):
    """A word on one TSV line: backslash, tab, newline and CR escaped."""
    return (
        word.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def _embedding_layer(model_or_layer):
    if isinstance(model_or_layer, keras.layers.Embedding):
        return model_or_layer
    if isinstance(model_or_layer, keras.Model):
        for layer in flatten_layers(model_or_layer, include_self=False):
            if isinstance(layer, keras.layers.Embedding):
                return layer
    raise ValueError(
        "`model_or_layer` must be a keras.layers.Embedding or a model holding "
        f"one. Received: {type(model_or_layer).__name__}"
    )


@keras_course_export("keras_course.visualization.export_embeddings")
def export_embeddings(model_or_layer, tokenizer, directory):
    """Writes `vecs.tsv` and `meta.tsv` for projector.tensorflow.org.

    The course's format: row `i` of `vecs.tsv` holds the embedding of word id
    `i + 1` (tab-separated), and the same row of `meta.tsv` the word; id 0
    (padding) is skipped, and so are ids the tokenizer has no word for. Words
    are escaped so that each stays on one line (`\\t`, `\\n`, `\\r`, `\\\\`).

    Args:
        model_or_layer: a `keras.layers.Embedding`, or a model whose first
            Embedding layer is exported.
        tokenizer: the fitted `Tokenizer` (anything with `index_word`) that
            numbered the words.
        directory: where to write the two files (created if needed).

    Returns:
        `(vecs_path, meta_path)`.

    Example:

    >>> import tempfile
    >>> from keras_course.preprocessing import Tokenizer
    >>> tokenizer = Tokenizer()
    >>> tokenizer.fit_on_texts(["good film", "bad film"])
    >>> layer = keras.layers.Embedding(4, 2)
    >>> layer.build()
    >>> vecs, meta = export_embeddings(layer, tokenizer, tempfile.mkdtemp())
    >>> open(meta).read().split()
    ['film', 'good', 'bad']
    """
    weights = keras.ops.convert_to_numpy(_embedding_layer(model_or_layer).embeddings)
    os.makedirs(directory, exist_ok=True)
    vecs_path = os.path.join(directory, "vecs.tsv")
    meta_path = os.path.join(directory, "meta.tsv")
    with (
        open(vecs_path, "w", encoding="utf-8") as vecs,
        open(meta_path, "w", encoding="utf-8") as meta,
    ):
        for index in range(1, weights.shape[0]):
            word = tokenizer.index_word.get(index)
            if word is None:
                continue
            meta.write(_escape(word) + "\n")
            vecs.write(
                "\t".join(repr(float(v)) for v in np.asarray(weights[index])) + "\n"
            )
    return vecs_path, meta_path
