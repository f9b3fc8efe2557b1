import string

import keras
import numpy as np
import pytest

from keras_course.applications import CharLanguageModel
from keras_course.datasets import load_first_names
from keras_course.reference import course_sample_per_character
from keras_course.testing import TestCase


@pytest.fixture(scope="module")
def trained():
    keras.utils.set_random_seed(0)
    model = CharLanguageModel.from_names(load_first_names()[::5], units=16)
    history = model.fit(epochs=2, batch_size=32, verbose=0)
    return model, history


def test_the_course_model_size():
    model = CharLanguageModel.from_names(list(string.ascii_lowercase))
    assert model.characters == ["\n", *string.ascii_lowercase]
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    assert trainable == 5277  # Wax 50x27, Waa 50x50, b 50, Wya 27x50, by 27
    assert model.output_shape == (None, None, 27)


def test_training_data_is_shifted_by_one_character():
    model = CharLanguageModel.from_names(["Ada", "bo"])
    inputs, targets = model.training_data
    start = model.start_id
    assert inputs.tolist() == [[start, 1, 3, 1], [start, 2, 4, start]]
    assert targets.tolist() == [[1, 3, 1, 0], [2, 4, 0, -1]]


def test_learns_the_shipped_names(trained):
    model, history = trained
    names = load_first_names()
    text = "".join(n + "\n" for n in names)
    frequencies = np.unique(list(text), return_counts=True)[1] / len(text)
    unigram = -np.sum(frequencies * np.log(frequencies))
    # a model with no memory of the previous characters cannot go below this
    assert history.history["loss"][-1] < unigram - 0.2
    assert history.history["loss"][-1] < history.history["loss"][0]


@pytest.mark.multi_backend
@pytest.mark.slow
def test_greedy_sampling_equals_the_course_loop():
    keras.utils.set_random_seed(1)
    model = CharLanguageModel.from_names(["anna", "bob", "carl"], units=8)
    model.fit(epochs=30, verbose=0)
    course = course_sample_per_character(model, model.start_id, 3)
    expected = ["".join(model.characters[i] for i in ids) for ids in course]
    assert model.sample(3, temperature=0) == expected


@pytest.mark.multi_backend
def test_sampling_draws_from_the_model_distribution(trained):
    model, _ = trained
    first = model.predict(np.array([[model.start_id]]), verbose=0)[0, 0]
    ids = model.sample_ids(4000, temperature=1.0, seed=0)[:, 0]
    counts = np.bincount(ids, minlength=len(first)) / len(ids)
    assert 0.5 * np.abs(counts - first).sum() < 0.04  # total variation
    sharper = np.bincount(model.sample_ids(4000, 0.3, seed=0)[:, 0],
                          minlength=len(first)) / 4000  # fmt: skip
    assert sharper.max() > counts.max()
    assert model.sample(5, seed=3) == model.sample(5, seed=3)
    assert model.sample(20, seed=3) != model.sample(20, seed=4)


def test_names_stop_at_the_end_token_or_50_characters(trained):
    model, _ = trained
    names = model.sample(50, seed=0)
    assert all(name and "\n" not in name and len(name) <= 50 for name in names)
    never_ends = CharLanguageModel.from_config(model.get_config())
    never_ends.set_weights(model.get_weights())
    bias = never_ends.get_layer("next").bias
    bias.assign(keras.ops.convert_to_numpy(bias) - np.eye(bias.shape[0])[0] * 100)
    assert {len(n) for n in never_ends.sample(4, seed=0)} == {50}


class TestCharLanguageModelSaving(TestCase):
    @pytest.mark.slow
    def test_config_and_reload_in_a_new_process(self, trained):
        model, _ = trained
        self.run_config_test(
            CharLanguageModel,
            dict(characters=model.characters, units=4, architecture="gru"),
        )
        self.run_serialization_test(model, model.training_data[0][:4])


def test_bad_input(trained):
    model, _ = trained
    with pytest.raises(ValueError, match="empty"):
        CharLanguageModel.from_names([])
    with pytest.raises(ValueError, match="empty"):
        CharLanguageModel.from_names(["", "  "])
    with pytest.raises(TypeError, match="not one string"):
        CharLanguageModel.from_names("dinosaur")
    with pytest.raises(ValueError, match="temperature"):
        model.sample(3, temperature=-0.5)
    with pytest.raises(ValueError, match="num_names"):
        model.sample(0)
    with pytest.raises(ValueError, match="architecture"):
        CharLanguageModel.from_names(["ab"], architecture="transformer")
    with pytest.raises(ValueError, match="end token"):
        CharLanguageModel(["a", "b"])
    with pytest.raises(ValueError, match=r"\['2', '7'\]"):
        model.encode(["r2d2", "7"])
    with pytest.raises(ValueError, match="No training data"):
        CharLanguageModel(model.characters).fit(epochs=1)
