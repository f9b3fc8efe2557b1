import keras
import numpy as np
import pytest

from keras_course.applications import Seq2SeqTranslator
from keras_course.datasets import generate_dates
from keras_course.testing import TestCase

PAIRS = generate_dates(6000, seed=1)
HELD_OUT = generate_dates(100, seed=2)


@pytest.fixture(scope="module")
def trained():
    keras.utils.set_random_seed(0)
    model = Seq2SeqTranslator.from_pairs(PAIRS, level="char", units=32)
    model.fit_pairs(PAIRS, epochs=4, batch_size=64, verbose=0)
    return model


def exact(got, pairs):
    return np.mean([g == t for g, (_, t) in zip(got, pairs, strict=True)])


@pytest.mark.slow
def test_it_learns_dates_with_greedy_and_beam_decoding(trained):
    texts = [h for h, _ in HELD_OUT]
    greedy = trained.translate(texts)
    assert exact(greedy, HELD_OUT) > 0.7
    assert trained.translate(texts, method="beam", num_beams=1) == greedy
    assert exact(trained.translate(texts, method="beam", num_beams=3), HELD_OUT) > 0.7
    assert trained.translate(texts, batch_size=7) == greedy
    # One text in, one translation out.
    assert trained.translate(texts[3]) == greedy[3]


def test_vocabularies_lengths_and_targets():
    model = Seq2SeqTranslator.from_pairs(
        [("one two", "1 2"), ("three", "3")], level="word", units=4
    )
    assert model.source_tokens[4:] == ["one", "three", "two"]
    assert (model.sequence_length, model.target_length) == (2, 2)
    target_in, target_out = model.encode_targets(["1 2", "3"])
    assert target_in.tolist() == [[2, 4, 5], [2, 6, 0]]
    assert target_out.tolist() == [[4, 5, 3], [6, 3, 0]]
    assert model.encode_sources(["two zebra one"]).tolist() == [[6, 1]]  # <unk>, cut


@pytest.mark.parametrize("attention", ["luong", "bahdanau"])
def test_both_attentions_build_and_decode(attention):
    model = Seq2SeqTranslator.from_pairs(PAIRS[:50], units=4, attention=attention)
    got = model.translate([h for h, _ in PAIRS[:3]], method="beam", num_beams=2)
    assert len(got) == 3 and all(isinstance(g, str) for g in got)


def test_bad_input():
    model = Seq2SeqTranslator.from_pairs(PAIRS[:20], units=4)
    with pytest.raises(ValueError, match="empty"):
        model.translate(["3 may 1979", ""])
    with pytest.raises(TypeError, match="Item 0"):
        model.translate([42])
    with pytest.raises(ValueError, match="method"):
        model.translate(["3 may 1979"], method="sampling")
    with pytest.raises(ValueError, match="empty"):
        Seq2SeqTranslator.from_pairs([])
    with pytest.raises(ValueError, match="level"):
        Seq2SeqTranslator.from_pairs(PAIRS[:5], level="byte")
    with pytest.raises(ValueError, match="must start with"):
        Seq2SeqTranslator(["a", "b"], ["<pad>"], 3, 3)


class TestSeq2SeqSaving(TestCase):
    def test_config_round_trip(self):
        model = Seq2SeqTranslator.from_pairs(PAIRS[:20], units=4)
        config = model.get_config()
        config.pop("name")
        self.run_config_test(Seq2SeqTranslator, config)
