import keras
import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.layers.SentencesToIndices")
class SentencesToIndices(keras.layers.Layer):
    """The course's `sentences_to_indices` as a layer: strings to word ids.

    Lower-cases each sentence, splits it on whitespace (the course's
    `sentence.lower().split()`), maps word `w` to `word_to_index[w]` and
    pads or cuts to `sequence_length` with 0. Unknown words become 0 too (the
    course's function raises a `KeyError`), so they read the padding row of
    the embedding and a masking layer skips them. Built on Keras's
    `TextVectorization`, so a model holding it takes raw sentences and saves
    its vocabulary in the `.keras` file.

    Args:
        word_to_index: dict word → id, ids `1..V` (as `load_glove` gives).
        sequence_length: int, the sequence length. Defaults to 10 (Emojify's).

    Call arguments:
        inputs: a batch of strings, `(batch,)` or `(batch, 1)`.

    Returns:
        int `(batch, sequence_length)` ids.

    Example:

    >>> layer = SentencesToIndices({"i": 1, "love": 2, "you": 3}, sequence_length=5)
    >>> ids = layer(np.array(["I love you", "you lovely"]))
    >>> keras.ops.convert_to_numpy(ids).tolist()
    [[1, 2, 3, 0, 0], [3, 0, 0, 0, 0]]
    """

    def __init__(self, word_to_index, sequence_length=10, **kwargs):
        super().__init__(**kwargs)
        self.sequence_length = check_int("sequence_length", sequence_length)
        self.word_to_index = {str(w): int(i) for w, i in dict(word_to_index).items()}
        ids = np.array(sorted(self.word_to_index.values()))
        if len(ids) == 0 or ids[0] != 1 or (np.diff(ids) != 1).any():
            raise ValueError(
                "`word_to_index` must number its words 1, 2, ..., V (0 is "
                "padding), as load_glove does."
            )
        vocabulary = sorted(self.word_to_index, key=self.word_to_index.get)
        # TextVectorization numbers its vocabulary from 2 (0: padding, 1:
        # unknown); one less gives word_to_index's ids, and unknown words 0.
        self.vectorize = keras.layers.TextVectorization(
            standardize="lower", split="whitespace", vocabulary=vocabulary,
            output_sequence_length=self.sequence_length, name="text_vectorization",
        )  # fmt: skip

    def build(self, input_shape):
        # The vocabulary is set in the constructor; only the sublayer builds.
        self.vectorize.build(input_shape)

    def call(self, inputs):
        ids = self.vectorize(inputs)
        return keras.ops.maximum(ids - 1, 0)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.sequence_length)

    def get_config(self):
        return {
            **super().get_config(),
            "word_to_index": self.word_to_index,
            "sequence_length": self.sequence_length,
        }
