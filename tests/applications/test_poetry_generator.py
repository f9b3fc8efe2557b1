import keras
import numpy as np
import pytest

from keras_course.applications import PoetryGenerator
from keras_course.datasets import load_poetry_corpus
from keras_course.preprocessing import Tokenizer
from keras_course.reference import course_generate_text
from keras_course.testing import TestCase

LINES = load_poetry_corpus().splitlines()[:60]
SEEDS = ["shall i compare thee", "From fairest creatures", "zzz unknown qqq", ""]


@pytest.fixture(scope="module")
def poet():
    keras.utils.set_random_seed(0)
    poet = PoetryGenerator.from_corpus(LINES, embedding_dim=16, units=16)
    poet.fit(epochs=2, batch_size=64, verbose=0)
    return poet


def test_course_model_and_data():
    poet = PoetryGenerator.from_corpus(LINES)
    total = poet.tokenizer.vocabulary_size
    assert poet.model is poet and poet.sequence_length == 10
    assert poet.input_shape == (None, 9) and poet.output_shape == (None, total)
    # Embedding(total, 100) + Bidirectional(LSTM(150)) + Dense(total)
    lstm = 4 * 150 * (100 + 150 + 1)
    assert poet.count_params() == total * 100 + 2 * lstm + (300 + 1) * total
    x, y = poet.training_data
    assert x.shape == (len(y), 9) and y.max() < total
    assert isinstance(poet.optimizer, keras.optimizers.Adam)
    assert float(poet.optimizer.learning_rate) == pytest.approx(1e-3)


@pytest.mark.multi_backend
@pytest.mark.slow
def test_greedy_generation_equals_the_course_loop(poet):
    got = [poet.generate(seed, num_words=12) for seed in SEEDS]
    want = [
        course_generate_text(poet, poet.tokenizer, seed, 12, poet.sequence_length)
        for seed in SEEDS
    ]
    assert got == want
    assert poet.generate(SEEDS, num_words=12) == want
    # One seed text in, one text out; many in, a list out.
    assert poet.generate(SEEDS[1], num_words=12) == want[1]
    assert poet.generate_ids(SEEDS[1], num_words=12).shape == (12,)


def test_the_course_quirk_of_the_padding_id_is_kept(poet):
    # Force the model to prefer id 0: the course appends "" and its window
    # does not move, so it keeps predicting from the same window.
    dense = poet.get_layer("next")
    kernel, bias = dense.get_weights()
    dense.set_weights([kernel, np.where(np.arange(len(bias)) == 0, 100.0, bias)])
    try:
        text = poet.generate("shall i", num_words=3)
        assert text == course_generate_text(
            poet, poet.tokenizer, "shall i", 3, poet.sequence_length
        )
        assert text == "shall i   "
    finally:
        dense.set_weights([kernel, bias])


@pytest.mark.multi_backend
def test_sampling_is_reproducible_and_respects_top_k(poet):
    a = poet.generate_ids(SEEDS, num_words=30, temperature=1.0, top_k=3, seed=7)
    b = poet.generate_ids(SEEDS, num_words=30, temperature=1.0, top_k=3, seed=7)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (4, 30) and a.min() >= 1
    # With top_k=1 sampling is greedy (when greedy does not pick padding).
    one = poet.generate_ids(SEEDS, num_words=10, temperature=0.5, top_k=1, seed=3)
    np.testing.assert_array_equal(one, poet.generate_ids(SEEDS, num_words=10))
    other = poet.generate_ids(SEEDS, num_words=30, temperature=5.0, seed=8)
    assert not np.array_equal(a, other)


def test_only_top_k_words_are_drawn(poet):
    windows = poet._windows(SEEDS[:1])
    probabilities = keras.ops.convert_to_numpy(poet(windows))[0]
    allowed = set(np.argsort(probabilities)[::-1][:2].tolist())
    ids = poet.generate_ids(
        SEEDS[:1] * 50, num_words=1, temperature=2.0, top_k=2, seed=0
    )
    assert set(ids[:, 0].tolist()) <= allowed and len(set(ids[:, 0].tolist())) == 2


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(num_words=0), ValueError, "num_words"),
        (dict(temperature=-1.0), ValueError, "temperature"),
        (dict(temperature=float("nan")), ValueError, "temperature"),
        (dict(top_k=0, temperature=1.0), ValueError, "top_k"),
    ],
)
def test_bad_generation_arguments(poet, kwargs, error, message):
    with pytest.raises(error, match=message):
        poet.generate("shall i", **kwargs)


def test_bad_seed_and_corpus_input(poet):
    with pytest.raises(TypeError, match="Item 1"):
        poet.generate(["a list", 3])
    with pytest.raises(ValueError, match="empty"):
        poet.generate([])
    with pytest.raises(ValueError, match="empty"):
        PoetryGenerator.from_corpus("\n \n")
    with pytest.raises(TypeError, match="Item 1"):
        PoetryGenerator.from_corpus(["fine line", 42])
    with pytest.raises(ValueError, match="fit it first"):
        PoetryGenerator(Tokenizer(), 5)
    with pytest.raises(ValueError, match="No training data"):
        PoetryGenerator(poet.tokenizer, 5).fit(epochs=1)


class TestPoetrySaving(TestCase):
    def test_config_round_trip(self):
        tokenizer = Tokenizer()
        tokenizer.fit_on_texts(LINES)
        self.run_config_test(
            PoetryGenerator,
            dict(
                tokenizer=tokenizer.to_json(),
                sequence_length=6,
                embedding_dim=4,
                units=3,
                bidirectional=False,
            ),
        )

    @pytest.mark.slow
    def test_keras_file_reloads_in_a_new_process(self, poet):
        windows = poet._windows(SEEDS)
        self.run_serialization_test(poet, windows)

    def test_load_from_file_and_directory_generates_the_same(self, poet, tmp_path):
        poet.save(tmp_path / "poet.keras")
        poet.save_directory(tmp_path / "poet")
        want = poet.generate("shall i", num_words=8)
        for path in (tmp_path / "poet.keras", tmp_path / "poet"):
            loaded = PoetryGenerator.load(path)
            assert loaded.sequence_length == poet.sequence_length
            assert loaded.tokenizer.word_index == poet.tokenizer.word_index
            assert loaded.generate("shall i", num_words=8) == want
        assert (
            (tmp_path / "poet" / "tokenizer.json")
            .read_text()
            .startswith('{"class_name": "Tokenizer"')
        )
