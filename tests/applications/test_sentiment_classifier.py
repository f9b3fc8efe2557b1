import keras
import numpy as np
import pytest

from keras_course.applications import SentimentClassifier
from keras_course.preprocessing import Tokenizer
from keras_course.testing import TestCase

# Parameter counts of the course models (vocabulary 10,000, dimension 16,
# length 120), computed by hand from the layer sizes.
COURSE_COUNTS = {
    "flatten": 160000 + (1920 * 6 + 6) + 7,
    "pooling": 160000 + (16 * 24 + 24) + 25,
    "lstm": 160000 + 4 * (32 * (16 + 32) + 32) + (32 * 6 + 6) + 7,
    "bilstm": 160000 + 2 * 4 * (32 * (16 + 32) + 32) + (64 * 6 + 6) + 7,
    "gru": 160000 + 2 * 3 * (32 * (16 + 32) + 2 * 32) + (64 * 6 + 6) + 7,
    "conv1d": 160000 + (16 * 5 * 128 + 128) + (128 * 6 + 6) + 7,
}
TEXTS = ["a great film", "awful and boring", "great great acting", "boring plot"]


@pytest.mark.parametrize("encoder", sorted(COURSE_COUNTS))
def test_course_parameter_counts_and_shapes(encoder):
    model = SentimentClassifier(architecture=encoder)
    assert model.count_params() == COURSE_COUNTS[encoder]
    out = model(np.random.default_rng(0).integers(0, 10000, (3, 120)))
    assert tuple(out.shape) == (3, 1)


def test_it_learns_a_separable_toy_task():
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.integers(2, 50, (400, 20))
    y = (x == 7).any(axis=1).astype("float32")  # the word 7 marks a positive
    model = SentimentClassifier(
        vocabulary_size=50, sequence_length=20, architecture="pooling"
    )
    model.optimizer.learning_rate.assign(0.01)
    history = model.fit(x, y, epochs=30, batch_size=32, verbose=0)
    assert history.history["accuracy"][-1] > 0.9 > history.history["accuracy"][0]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(architecture="transformer"), "architecture"),
        (dict(vocabulary_size=1), "vocabulary_size"),
        (dict(sequence_length=0), "sequence_length"),
        (dict(architecture="conv1d", sequence_length=3), "kernel_size"),
        (dict(dense_units=-1), "dense_units"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SentimentClassifier(**kwargs)
    with pytest.raises(TypeError, match="tokenizer"):
        SentimentClassifier(tokenizer={"word_index": {}})


def fitted_tokenizer():
    tokenizer = Tokenizer(num_words=6, oov_token="<OOV>")
    tokenizer.fit_on_texts(TEXTS)
    return tokenizer


class TestSentimentSaving(TestCase):
    @pytest.mark.parametrize("encoder", ["flatten", "gru"])
    def test_config_round_trip(self, encoder):
        self.run_config_test(
            SentimentClassifier,
            dict(vocabulary_size=30, sequence_length=8, architecture=encoder, units=4),
        )

    @pytest.mark.multi_backend
    @pytest.mark.slow
    def test_reload_in_a_new_process(self):
        model = SentimentClassifier(
            vocabulary_size=30,
            sequence_length=8,
            architecture="conv1d",
            filters=4,
            kernel_size=3,
        )
        self.run_serialization_test(model, np.arange(16).reshape(2, 8) % 30)

    @pytest.mark.slow
    def test_string_model_trains_on_text_and_reloads(self):
        tokenizer = fitted_tokenizer()
        model = SentimentClassifier(
            sequence_length=6, architecture="pooling", tokenizer=tokenizer
        )
        assert model.get_layer("embedding").input_dim == 6
        labels = np.array([1, 0, 1, 0])
        model.fit(TEXTS, labels, validation_data=(TEXTS, labels), epochs=1, verbose=0)
        assert model.predict(TEXTS, verbose=0).shape == (4, 1)
        assert len(model.evaluate(np.array(TEXTS), labels, verbose=0)) == 2
        self.run_serialization_test(model, np.array(TEXTS)[:, None])
        config = self.run_config_test(
            SentimentClassifier, dict(sequence_length=6, tokenizer=tokenizer.to_json())
        ).get_config()
        assert config["vocabulary_size"] == 6

    def test_string_model_trains_under_two_devices(self):
        # Keras averages the first batch over replicas to build the model,
        # which fails on strings; the model builds from one replica's batch.
        import tensorflow as tf

        tokenizer = fitted_tokenizer()
        texts = np.array(TEXTS * 4, dtype=object)[:, None]
        data = tf.data.Dataset.from_tensor_slices((texts, np.array([1, 0] * 8)))
        self.run_distributed_fit_test(
            lambda: SentimentClassifier(
                sequence_length=6, architecture="pooling", tokenizer=tokenizer
            ),
            data.batch(8).repeat(),
        )


@pytest.mark.multi_backend
def test_string_model_is_tensorflow_only_and_says_so_when_built():
    tokenizer = Tokenizer(oov_token="<OOV>")
    tokenizer.fit_on_texts(TEXTS)
    backend = keras.backend.backend()
    if backend == "tensorflow":
        assert SentimentClassifier(tokenizer=tokenizer).input.dtype == "string"
    else:
        with pytest.raises(NotImplementedError, match=backend):
            SentimentClassifier(tokenizer=tokenizer)
