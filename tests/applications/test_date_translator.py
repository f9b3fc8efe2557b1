import keras
import numpy as np
import pytest

from keras_course import reference as course_reference
from keras_course.applications import DateTranslator
from keras_course.applications.nmt.date_translator import COURSE_ADAM
from keras_course.datasets import generate_dates
from keras_course.testing import TestCase

PAIRS = generate_dates(64, seed=5)


@pytest.fixture(scope="module")
def trained():
    keras.utils.set_random_seed(0)
    model = DateTranslator()
    model.fit_generated(3000, epochs=3, batch_size=100, seed=1, verbose=0)
    return model


def test_course_model_size_and_shapes():
    model = DateTranslator()
    assert model.count_params() == 52960
    assert len(model.human_vocabulary) == 37 and len(model.machine_vocabulary) == 11
    ids = model.encode_inputs([h for h, _ in PAIRS])
    assert ids.shape == (64, 30)
    logits, weights = model(ids, return_attention_scores=True)
    assert tuple(logits.shape) == (64, 10, 11)
    assert tuple(weights.shape) == (64, 10, 30)
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(weights).sum(-1), 1, atol=1e-5
    )


def test_course_optimizer_is_available():
    model = DateTranslator(optimizer=COURSE_ADAM)
    schedule = model.optimizer.learning_rate
    assert isinstance(
        model.optimizer._learning_rate, keras.optimizers.schedules.InverseTimeDecay
    )
    assert float(schedule) == pytest.approx(0.005)


@pytest.mark.multi_backend
def test_batched_translation_equals_the_course_loop(trained):
    texts = [h for h, _ in PAIRS[:12]]
    vocab = {t: i for i, t in enumerate(trained.human_vocabulary.tokens)}
    inv_machine = dict(enumerate(trained.machine_vocabulary.tokens))
    want = course_reference.course_translate_loop(
        trained, texts, vocab, inv_machine, 30
    )
    assert trained.translate(texts) == want
    assert trained.translate(texts, batch_size=5) == want
    assert trained.translate(texts[2]) == want[2]  # one text, one date


def test_training_learns_the_format(trained):
    # Three short epochs on 3,000 dates: far from the target, but the output
    # must already have the ISO shape and most characters right.
    got = trained.translate([h for h, _ in PAIRS])
    assert all(len(g) == 10 for g in got)
    pairs = zip(got, PAIRS, strict=True)
    right = np.mean(
        [a == b for g, (_, iso) in pairs for a, b in zip(g, iso, strict=True)]
    )
    assert right > 0.6


def test_attention_map_and_tokens(trained):
    text = "3 may 1979"
    weights = trained.attention_map(text)
    assert weights.shape == (10, 30)
    np.testing.assert_allclose(weights.sum(-1), 1, atol=1e-5)
    tokens = trained.input_tokens(text)
    assert tokens[:10] == list(text) and tokens[10:] == ["<pad>"] * 20


def test_unusual_inputs_are_translated_not_rejected(trained):
    texts = ["2024-03-05", "5/3/2024", "march 5th 2024", "ÉTÉ ☃", "x" * 80]
    got = trained.translate(texts)
    assert len(got) == 5 and all(len(g) == 10 for g in got)
    ids = trained.encode_inputs(texts)
    unk = trained.human_vocabulary.unknown_id
    assert (ids[3, :5] == unk).sum() >= 3  # é, ☃ are unknown characters
    assert (ids[4] != trained.human_vocabulary.padding_id).all()  # cut at tx


def test_bad_input(trained):
    with pytest.raises(ValueError, match="Item 1 .* empty"):
        trained.translate(["3 may 1979", "  "])
    with pytest.raises(TypeError, match="Item 0"):
        trained.translate([19790503])
    with pytest.raises(TypeError, match="Item 0"):
        trained.translate([b"3 may 1979"])
    with pytest.raises(TypeError, match="text"):
        trained.attention_map(["3 may 1979"])
    for name in ("sequence_length", "target_length", "encoder_units", "decoder_units"):
        with pytest.raises(ValueError, match=name):
            DateTranslator(**{name: 0})


class TestDateTranslatorSaving(TestCase):
    def test_config_round_trip(self):
        self.run_config_test(
            DateTranslator,
            dict(sequence_length=12, target_length=10, encoder_units=4,
                 decoder_units=6, energy_units=3, human_vocabulary="0123456789 abc"),
        )  # fmt: skip
