import numpy as np
import pytest

from keras_course import reference as course_reference
from keras_course.preprocessing import CharVocabulary


def test_course_ids_and_string_to_int():
    human = CharVocabulary("ab .1")
    assert human.tokens == [" ", ".", "1", "a", "b", "<unk>", "<pad>"]
    vocab = {t: i for i, t in enumerate(human.tokens)}
    for text in ["Ab, 1.", "", "a" * 40]:
        np.testing.assert_array_equal(
            human.encode([text], 8)[0],
            course_reference.course_string_to_int(text, 8, vocab),
        )
    assert human.encode(["z?"], 3).tolist() == [[5, 5, 6]]  # unknown -> <unk>
    one_hot = human.one_hot(["ab"], 3)
    assert one_hot.shape == (1, 3, 7) and one_hot[0, 2, 6] == 1.0


def test_from_texts_and_config_round_trip():
    vocabulary = CharVocabulary.from_texts(["Hello, World", "ok"])
    assert vocabulary.characters == sorted(set("hello world ok"))
    again = CharVocabulary.from_config(vocabulary.get_config())
    assert again.tokens == vocabulary.tokens


def test_machine_vocabulary_is_closed():
    machine = CharVocabulary("0123456789-", special_tokens=False)
    assert machine.decode(machine.encode(["1979-05-03"], 10)) == ["1979-05-03"]
    with pytest.raises(ValueError, match="outside"):
        machine.encode(["1979/05/03"], 10)
    with pytest.raises(ValueError, match="shorter"):
        machine.encode(["1979"], 10)


def test_bad_input():
    with pytest.raises(TypeError, match="single string"):
        CharVocabulary("ab").encode("ab", 3)
    with pytest.raises(TypeError, match="Item 1"):
        CharVocabulary("ab").encode(["a", 5], 3)
    with pytest.raises(ValueError, match="length"):
        CharVocabulary("ab").encode(["a"], 0)
    with pytest.raises(ValueError, match="single characters"):
        CharVocabulary(["ab", "c"])
