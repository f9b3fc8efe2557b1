"""Tokenizer: parity with Keras 2 (`tf_keras`, a test-only dependency) and the
TextVectorization export."""

import itertools
import json

import numpy as np
import pytest

# Keras 2's Tokenizer is the oracle: tf-keras is in the `test` extra only.
from tf_keras.preprocessing import text as keras2_text

from keras_course.preprocessing import (
    Tokenizer,
    TokenizerSplit,
    TokenizerStandardize,
    text_to_word_sequence,
    tokenizer_from_json,
)
from keras_course.testing import TestCase

CORPUS = [
    "I love my dog",
    "I love my cat!",
    "You love my dog!",
    "Do you think my dog is amazing?",
    "",
    "   ",
    "dog dog dog cat cat",
    "Tie-breaking: alpha beta gamma; gamma beta alpha.",
    "Don't stop -- it's the dog's toy, isn't it?",
    "Café naïve ÉCOLE über Straße",
    "日本語 テキスト 日本語",
    "emoji 🙂 and 🙂🙂 and tabs\tand\nnewlines",
    "numbers 1 2 3 123 3.14 2024-03-05",
    "MiXeD CaSe mixed case MIXED",
    "oov OOV <OOV> [unk]",
    "a  double  space   and a, comma,separated,list",
]
UNSEEN = [
    "my dog loves manatees",
    "",
    "unknown words only",
    "I I I love love",
    "ÉCOLE 🙂 it's",
    "dog,cat;bird",
]


def fitted_pair(texts=CORPUS, **kwargs):
    ours = Tokenizer(**kwargs)
    theirs = keras2_text.Tokenizer(**kwargs)
    ours.fit_on_texts(texts)
    theirs.fit_on_texts(texts)
    return ours, theirs


def assert_same_state(ours, theirs):
    assert list(ours.word_counts.items()) == list(theirs.word_counts.items())
    assert dict(ours.word_docs) == dict(theirs.word_docs)
    assert dict(ours.index_docs) == dict(theirs.index_docs)
    assert list(ours.word_index.items()) == list(theirs.word_index.items())
    assert ours.index_word == theirs.index_word
    assert ours.document_count == theirs.document_count


def assert_same_outputs(ours, theirs, texts):
    sequences = theirs.texts_to_sequences(texts)
    assert ours.texts_to_sequences(texts) == sequences
    probe = sequences + [[0, 1, 2, 3, 4, 5, 999], list(range(40))]
    assert ours.sequences_to_texts(probe) == theirs.sequences_to_texts(probe)
    for mode in ("binary", "count", "tfidf", "freq"):
        np.testing.assert_array_equal(
            ours.texts_to_matrix(texts, mode=mode),
            theirs.texts_to_matrix(texts, mode=mode),
        )


SETTINGS = [
    dict(num_words=num_words, oov_token=oov_token, lower=lower)
    for num_words, oov_token, lower in itertools.product(
        (None, 1, 2, 5, 1000), (None, "<OOV>", "oov"), (True, False)
    )
]


@pytest.mark.parametrize("kwargs", SETTINGS, ids=str)
def test_parity_with_keras2_words(kwargs):
    ours, theirs = fitted_pair(**kwargs)
    assert_same_state(ours, theirs)
    assert_same_outputs(ours, theirs, CORPUS + UNSEEN)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(char_level=True),
        dict(char_level=True, oov_token="~", num_words=10),
        dict(char_level=True, lower=False),
        dict(filters=""),
        dict(filters="aeiou", oov_token="<OOV>"),
        dict(split=","),
        dict(split=",", filters="", oov_token="<x>"),
        dict(split="--"),
    ],
    ids=str,
)
def test_parity_with_keras2_other_settings(kwargs):
    ours, theirs = fitted_pair(**kwargs)
    assert_same_state(ours, theirs)
    assert_same_outputs(ours, theirs, CORPUS + UNSEEN)


def test_parity_on_token_lists_and_incremental_fits():
    lists = [["The", "cat"], ["the", "DOG", "dog"], []]
    ours, theirs = fitted_pair(lists, oov_token="<OOV>")
    ours.fit_on_texts(CORPUS[:4])
    theirs.fit_on_texts(CORPUS[:4])
    assert_same_state(ours, theirs)
    assert_same_outputs(ours, theirs, lists + UNSEEN)
    ours.fit_on_sequences([[1, 2], [2, 2, 3]])
    theirs.fit_on_sequences([[1, 2], [2, 2, 3]])
    assert_same_state(ours, theirs)


def test_ties_are_broken_by_first_appearance():
    tokenizer = Tokenizer()
    tokenizer.fit_on_texts(["b a", "c a b", "d"])
    assert tokenizer.word_index == {"b": 1, "a": 2, "c": 3, "d": 4}


def test_text_to_word_sequence_matches_keras2():
    for text in CORPUS + UNSEEN:
        assert text_to_word_sequence(text) == keras2_text.text_to_word_sequence(text)


def test_json_round_trips_between_the_two_libraries():
    ours, theirs = fitted_pair(num_words=7, oov_token="<OOV>")
    from_theirs = tokenizer_from_json(theirs.to_json())
    from_ours = keras2_text.tokenizer_from_json(ours.to_json())
    assert json.loads(ours.to_json()) == json.loads(theirs.to_json())
    assert_same_state(from_theirs, theirs)
    assert_same_outputs(from_theirs, from_ours, CORPUS + UNSEEN)
    again = tokenizer_from_json(ours.to_json())
    assert again.get_config() == ours.get_config()


def test_vocabulary_size_counts_padding_and_cut_off():
    tokenizer = Tokenizer(oov_token="<OOV>")
    tokenizer.fit_on_texts(["a b c"])
    assert tokenizer.vocabulary_size == 5  # 0 pad, 1 OOV, a, b, c
    tokenizer.num_words = 3
    assert tokenizer.vocabulary_size == 3
    assert tokenizer.texts_to_sequences(["a b c"]) == [[2, 1, 1]]


# ---------------------------------------------------------------- bad input
def test_use_before_fit_raises():
    with pytest.raises(ValueError, match="fit_on_texts"):
        Tokenizer().texts_to_sequences(["hello"])
    with pytest.raises(ValueError, match="fit_on_texts"):
        Tokenizer(oov_token="<OOV>").sequences_to_texts([[1]])


@pytest.mark.parametrize(
    "texts, where",
    [(["fine", 3, "ok"], "Item 1"), (["a", None], "Item 1"), ([b"bytes"], "Item 0")],
)
def test_non_string_items_name_their_index(texts, where):
    with pytest.raises(TypeError, match=where):
        Tokenizer().fit_on_texts(texts)
    tokenizer = Tokenizer()
    tokenizer.fit_on_texts(["fine"])
    with pytest.raises(TypeError, match=where):
        tokenizer.texts_to_sequences(texts)


def test_a_single_string_is_not_a_list_of_texts():
    with pytest.raises(TypeError, match="not a single string"):
        Tokenizer().fit_on_texts("I love my dog")


def test_empty_corpus_gives_an_empty_vocabulary_not_a_crash():
    tokenizer = Tokenizer(oov_token="<OOV>")
    tokenizer.fit_on_texts([])
    assert tokenizer.word_index == {"<OOV>": 1}
    assert tokenizer.texts_to_sequences(["anything"]) == [[1]]
    plain = Tokenizer()
    plain.fit_on_texts([""])
    assert plain.texts_to_sequences(["anything"]) == [[]]


@pytest.mark.parametrize("num_words", [0, -3, 2.5, True, "10"])
def test_bad_num_words(num_words):
    with pytest.raises(ValueError, match="num_words"):
        Tokenizer(num_words=num_words)


def test_bad_matrix_mode_and_bad_json():
    tokenizer = Tokenizer()
    tokenizer.fit_on_texts(["a b"])
    with pytest.raises(ValueError, match="mode"):
        tokenizer.texts_to_matrix(["a"], mode="onehot")
    with pytest.raises(ValueError, match="to_json"):
        tokenizer_from_json('{"nothing": 1}')


# ---------------------------------------------------------- TextVectorization
def padded(tokenizer, texts, length):
    import keras

    return keras.utils.pad_sequences(
        tokenizer.texts_to_sequences(texts),
        maxlen=length,
        padding="post",
        truncating="post",
    )


@pytest.mark.multi_backend
@pytest.mark.parametrize(
    "kwargs",
    [
        dict(oov_token="<OOV>"),
        dict(oov_token="<OOV>", num_words=6),
        dict(oov_token="<OOV>", lower=False),
        dict(oov_token="<OOV>", split=",", filters="!?"),
        dict(oov_token="~", char_level=True),
    ],
    ids=str,
)
def test_text_vectorization_gives_the_same_ids(kwargs):
    tokenizer = Tokenizer(**kwargs)
    tokenizer.fit_on_texts(CORPUS)
    texts = CORPUS + UNSEEN
    layer = tokenizer.to_text_vectorization(output_sequence_length=12)
    np.testing.assert_array_equal(
        np.asarray(layer(np.array(texts))), padded(tokenizer, texts, 12)
    )


def test_text_vectorization_needs_an_oov_token():
    tokenizer = Tokenizer()
    tokenizer.fit_on_texts(CORPUS)
    with pytest.raises(ValueError, match="oov_token"):
        tokenizer.to_text_vectorization()
    clash = Tokenizer(oov_token="oov")
    clash.fit_on_texts(CORPUS)
    with pytest.raises(ValueError, match="also occurs"):
        clash.to_text_vectorization()


def test_callables_config_round_trip():
    for obj in (TokenizerStandardize(False, "xy", "-"), TokenizerSplit("--")):
        assert type(obj).from_config(obj.get_config()).get_config() == obj.get_config()


@pytest.mark.multi_backend
def test_standardize_numpy_path_matches_python():
    standardize = TokenizerStandardize()
    texts = np.array(CORPUS + UNSEEN)
    expected = [
        t.lower().translate(str.maketrans(dict.fromkeys(standardize.filters, " ")))
        for t in texts
    ]
    assert standardize(texts).tolist() == expected


class TestTextVectorizationSaving(TestCase):
    # A model taking strings runs on the TensorFlow backend only (on JAX,
    # use the layer in a tf.data pipeline).
    @pytest.mark.slow
    def test_model_with_it_reloads_in_a_new_process(self):
        import keras

        tokenizer = Tokenizer(oov_token="<OOV>", num_words=20)
        tokenizer.fit_on_texts(CORPUS)
        inputs = keras.Input(shape=(1,), dtype="string")
        ids = tokenizer.to_text_vectorization(output_sequence_length=8)(inputs)
        model = keras.Model(inputs, ids)
        texts = np.array(UNSEEN)[:, None]
        (reloaded,) = self.run_serialization_test(model, texts)
        np.testing.assert_array_equal(reloaded, padded(tokenizer, UNSEEN, 8))
