import numpy as np
import pytest

from keras_course.datasets import load_poetry_corpus
from keras_course.preprocessing import Tokenizer, ngram_sequences
from keras_course.reference import course_ngram_sequences


def fitted(lines):
    tokenizer = Tokenizer()
    tokenizer.fit_on_texts(lines)
    return tokenizer


def test_same_data_as_the_course_loop():
    lines = load_poetry_corpus().splitlines()[:300] + ["", "single", "zzz unknown"]
    tokenizer = fitted(lines[:300])
    x, y, length = ngram_sequences(tokenizer, lines, one_hot=True)
    course_x, course_y, course_length = course_ngram_sequences(tokenizer, lines)
    assert length == course_length
    np.testing.assert_array_equal(x, course_x)
    np.testing.assert_array_equal(y, course_y)
    x_int, y_int, _ = ngram_sequences(tokenizer, lines)
    np.testing.assert_array_equal(x_int, x)
    np.testing.assert_array_equal(y_int, course_y.argmax(-1))
    assert x.dtype == np.int32 and y_int.dtype == np.int32


def test_a_shorter_length_keeps_the_last_tokens():
    tokenizer = fitted(["a b c d e"])
    x, y, length = ngram_sequences(tokenizer, ["a b c d e"], max_sequence_len=3)
    assert length == 3
    assert x.tolist() == [[0, 1], [1, 2], [2, 3], [3, 4]]
    assert y.tolist() == [2, 3, 4, 5]


def test_no_usable_line_or_bad_length_raises():
    tokenizer = fitted(["a b"])
    with pytest.raises(ValueError, match="two or more known tokens"):
        ngram_sequences(tokenizer, ["a", "unknown words"])
    with pytest.raises(ValueError, match="max_sequence_len"):
        ngram_sequences(tokenizer, ["a b"], max_sequence_len=1)
