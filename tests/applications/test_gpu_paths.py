"""Every application with an LSTM gives, on Keras's JAX GPU (cuDNN) path, the
outputs it gives on the CPU: run on this CPU with JAX's reference LSTM
standing in for cuDNN (`keras_course.testing.cudnn_lstm_on_cpu`)."""

import keras
import numpy as np
import pytest

from keras_course import applications
from keras_course._keras_internals import flatten_layers

pytestmark = pytest.mark.multi_backend

LINES = ["shall i compare thee", "to a summer's day", "thou art more"]
MELODIES = [["0,1", "2,0.5", "R,1", "4,0.5", "7,2"] * 3, ["7,1", "5,0.5"] * 6]
PAIRS = [("one two", "1 2"), ("two", "2"), ("three one", "3 1"), ("one", "1")]


def tokens(*shape):
    return np.random.default_rng(0).integers(1, 3, shape).astype("int32")


BUILDS = {
    **{
        f"TimeSeriesForecaster-{arch}": (
            lambda arch=arch: applications.TimeSeriesForecaster(
                window_size=5, architecture=arch
            ),
            lambda: np.random.default_rng(0).normal(size=(3, 5)).astype("float32"),
        )
        for arch in ("lstm", "bilstm", "conv_lstm")
    },
    **{
        f"SentimentClassifier-{arch}": (
            lambda arch=arch: applications.SentimentClassifier(
                vocabulary_size=30, sequence_length=8, architecture=arch
            ),
            lambda: tokens(3, 8),
        )
        for arch in ("lstm", "bilstm")
    },
    "PoetryGenerator": (
        lambda: applications.PoetryGenerator.from_corpus(
            LINES, embedding_dim=4, units=4
        ),
        lambda: tokens(3, 3),
    ),
    "JazzImproviser": (
        lambda: applications.JazzImproviser.from_melodies(
            MELODIES, sequence_length=4, units=4
        ),
        lambda: tokens(3, 4),
    ),
    "CharLanguageModel-lstm": (
        lambda: applications.CharLanguageModel.from_names(
            ["ada", "bob", "cy", "di"], units=4, architecture="lstm"
        ),
        lambda: tokens(3, 5),
    ),
    "DateTranslator": (
        lambda: applications.DateTranslator(encoder_units=4, decoder_units=6),
        lambda: tokens(3, 30),
    ),
    "Seq2SeqTranslator": (
        lambda: applications.Seq2SeqTranslator.from_pairs(PAIRS, units=4),
        lambda: [tokens(3, 4), tokens(3, 3)],
    ),
}


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_the_gpu_path_gives_the_cpu_outputs(name):
    if keras.backend.backend() != "jax":
        pytest.skip("the cuDNN code paths that run on a CPU are JAX's")
    from keras_course.testing import cudnn_lstm_on_cpu

    keras.utils.set_random_seed(0)
    build, inputs = BUILDS[name]
    model, x = build(), inputs()
    assert any(
        isinstance(layer, keras.layers.LSTM) for layer in flatten_layers(model)
    ), name
    cpu = keras.ops.convert_to_numpy(model(x))
    with cudnn_lstm_on_cpu() as calls:
        gpu = keras.ops.convert_to_numpy(model(x))
    # DateTranslator keeps its encoder on Keras's loop under JAX (the test
    # below); the others reach the cuDNN path (Seq2SeqTranslator with its
    # decoder: its encoder's source is masked, which Keras runs on its loop).
    assert bool(calls) is (name != "DateTranslator"), name
    np.testing.assert_allclose(gpu, cpu, atol=1e-5, err_msg=name)


def test_date_translator_trains_its_encoder_off_cudnn(tmp_path):
    # Measured on an H200 (benchmarks/gpu_lstm_paths.py): Keras's JAX cuDNN
    # path gave the DateTranslator's encoder wrong gradients (XLA hands cuDNN
    # the gradient of the outputs after OneStepAttention's weighted sum in a
    # layout cuDNN does not read), and the recipe
    # reached 0.32-0.90 exact match on it against 1.000 on Keras's loop
    # (benchmarks/gpu_numerics.py). Neither a training step nor a reloaded
    # model may reach cuDNN.
    if keras.backend.backend() != "jax":
        pytest.skip("the cuDNN LSTM path measured wrong is JAX's")
    from keras_course.testing import cudnn_lstm_on_cpu

    model = applications.DateTranslator(encoder_units=4, decoder_units=6)
    x, y = tokens(4, 30), tokens(4, 10)
    with cudnn_lstm_on_cpu() as calls:
        model.train_on_batch(x, y)
    assert calls == []
    model.save(tmp_path / "dates.keras")
    reloaded = keras.saving.load_model(tmp_path / "dates.keras")
    with cudnn_lstm_on_cpu() as calls:
        reloaded.train_on_batch(x, y)
    assert calls == []
