import keras
import numpy as np
import pytest

from keras_course.applications import Emojifier
from keras_course.applications.sequence.emojifier import COURSE_EMOJI
from keras_course.datasets import load_emoji_sentences
from keras_course.layers import SentencesToIndices
from keras_course.testing import TestCase


def vocabulary(sentences, dim=16, seed=0):
    words = sorted({w for s in sentences for w in s.lower().split()})
    word_to_index = {w: i + 1 for i, w in enumerate(words)}
    matrix = np.random.default_rng(seed).normal(size=(len(words) + 1, dim))
    matrix[0] = 0
    return word_to_index, matrix.astype("float32")


def test_the_course_lstm_model_at_glove_size():
    words = {f"w{i}": i + 1 for i in range(400_000)}
    matrix = np.zeros((400_001, 50), "float32")
    model = Emojifier(words, matrix, architecture="lstm")
    assert model.count_params() == 20_223_927
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    assert trainable == 223_877
    assert model.output_shape == (None, 5)


def test_sentences_to_indices_is_the_course_function():
    word_to_index = {"i": 1, "love": 2, "you": 3, "food": 4}
    layer = SentencesToIndices(word_to_index, sequence_length=4)
    sentences = ["I love you", "you LOVE food i love", "food"]
    got = keras.ops.convert_to_numpy(layer(np.array(sentences)))
    # the course: X_indices[i, j] = word_to_index[w] for w in s.lower().split()
    want = np.zeros((3, 4), "int64")
    for i, sentence in enumerate(sentences):
        for j, word in enumerate(sentence.lower().split()[:4]):
            want[i, j] = word_to_index[word]
    np.testing.assert_array_equal(got, want)
    unknown = keras.ops.convert_to_numpy(layer(np.array(["you like pizza"])))
    assert unknown.tolist() == [[3, 0, 0, 0]]


@pytest.mark.parametrize("version", ["average", "lstm"])
@pytest.mark.slow
def test_trains_on_the_bundled_sentences(version):
    sentences, labels = load_emoji_sentences()
    word_to_index, matrix = vocabulary(sentences, dim=50)
    keras.utils.set_random_seed(0)
    model = Emojifier(word_to_index, matrix, architecture=version,
                      optimizer=keras.optimizers.Adam(0.01))  # fmt: skip
    history = model.fit(np.array(sentences), labels, epochs=60, batch_size=16,
                        verbose=0)  # fmt: skip
    assert history.history["accuracy"][-1] > 0.8
    predicted = model.predict_emoji(["I love you", "let us eat pizza"])
    assert all(e in COURSE_EMOJI for e in predicted)
    # One sentence in, one emoji out: the first of the batch's answers.
    assert model.predict_emoji("I love you") == predicted[0]


def test_bad_input():
    word_to_index, matrix = vocabulary(["a b c"])
    with pytest.raises(ValueError, match="architecture"):
        Emojifier(word_to_index, matrix, architecture="gru")
    with pytest.raises(ValueError, match=r"len\(word_to_index\) \+ 1"):
        Emojifier(word_to_index, matrix[:-1])
    with pytest.raises(ValueError, match="emoji"):
        Emojifier(word_to_index, matrix, emoji=["a", "b"])
    with pytest.raises(ValueError, match="1, 2, ..., V"):
        SentencesToIndices({"a": 0, "b": 1})
    with pytest.raises(TypeError, match="Item 1"):
        Emojifier(word_to_index, matrix).predict_emoji(["a b", 3])


class TestEmojifierSaving(TestCase):
    @pytest.mark.slow
    def test_config_and_reload_in_a_new_process(self):
        word_to_index, matrix = vocabulary(["i love you", "food is great"], 4)
        self.run_config_test(
            Emojifier, dict(word_to_index=word_to_index, embedding_matrix=matrix,
                            architecture="average", sequence_length=6)
        )  # fmt: skip
        model = Emojifier(word_to_index, matrix, architecture="lstm", sequence_length=6)
        self.run_serialization_test(
            model, np.array(["i love you", "great food", "unknown words here"])
        )
