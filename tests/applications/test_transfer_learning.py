import keras
import numpy as np
import pytest

from keras_course.applications import TransferLearningClassifier
from keras_course.testing import TestCase


def small_mobilenet(**kwargs):
    return TransferLearningClassifier(
        architecture="mobilenet_v2",
        weights=None,
        input_shape=(64, 64, 3),
        head_units=8,
        **kwargs,
    )


def test_the_course_model_at_its_defaults():
    model = TransferLearningClassifier(weights=None)
    assert model.get_layer("mixed7").output.shape == (None, 7, 7, 768)
    assert "mixed8" not in [layer.name for layer in model.layers]  # cut there
    assert model.count_params() == 47_512_481
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    assert trainable == 38_537_217  # the head only: 37632*1024+1024 + 1025
    assert model.loss == "binary_crossentropy"
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-4)


def test_fine_tune_at_a_layer_unfreezes_the_rest():
    frozen = small_mobilenet()
    tuned = small_mobilenet(fine_tune_at="block_16_expand")
    names = [layer.name for layer in tuned.layers]
    start = names.index("block_16_expand")
    assert all(not layer.trainable for layer in tuned.layers[2:start])
    assert all(layer.trainable for layer in tuned.layers[start:])
    assert len(tuned.trainable_weights) > len(frozen.trainable_weights)
    # Indices count the base's own layers, as in the Keras application.
    base = keras.applications.MobileNetV2(
        include_top=False, weights=None, input_shape=(64, 64, 3)
    )
    index = [layer.name for layer in base.layers].index("block_16_expand")
    by_index = small_mobilenet(fine_tune_at=index)
    assert len(by_index.trainable_weights) == len(tuned.trainable_weights)


@pytest.mark.slow
def test_fine_tune_unfreezes_and_recompiles_at_a_tenth():
    model = small_mobilenet()
    frozen = len(model.trainable_weights)
    assert model.fine_tune("block_16_expand") is model
    assert len(model.trainable_weights) > frozen
    assert isinstance(model.optimizer, keras.optimizers.RMSprop)
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-5)
    config = model.get_config()
    assert config["fine_tune_at"] == "block_16_expand"
    revived = TransferLearningClassifier.from_config(config)
    assert len(revived.trainable_weights) == len(model.trainable_weights)
    assert float(revived.optimizer.learning_rate) == pytest.approx(1e-5)


@pytest.mark.slow
def test_pixels_in_labels_as_integers_and_class_names():
    model = small_mobilenet(num_classes=3, class_names=["paper", "rock", "scissors"])
    assert model.output_shape == (None, 3)
    assert model.loss == "sparse_categorical_crossentropy"
    # The model scales raw pixels to MobileNetV2's [-1, 1] itself.
    assert model.get_layer("rescale")(np.array([0.0, 255.0])).numpy().tolist() == [
        -1.0,
        1.0,
    ]
    prediction = model.predict_images(np.zeros((1, 64, 64, 3)), top=3)[0]
    assert sorted(name for name, _ in prediction) == ["paper", "rock", "scissors"]
    # One image in, one result out.
    assert model.predict_images(np.zeros((64, 64, 3)), top=3) == prediction
    x = np.random.default_rng(0).uniform(0, 255, (6, 64, 64, 3)).astype("float32")
    model.fit(x, np.array([0, 1, 2] * 2), epochs=1, verbose=0)


def test_imagenet_offline_fails_with_a_clear_message(offline_downloads):
    with pytest.raises(OSError) as error:
        TransferLearningClassifier(input_shape=(96, 96, 3))
    message = str(error.value)
    assert "ImageNet weights of InceptionV3" in message
    assert "weights=None" in message and "$KERAS_HOME/models" in message


def test_a_bad_input_shape_is_not_called_a_download_failure(offline_downloads):
    # Keras refuses InceptionV3 under 75x75 before any download: that error,
    # not "Could not get the ImageNet weights", is the one to see.
    with pytest.raises(ValueError, match="75"):
        TransferLearningClassifier(input_shape=(32, 32, 3))


def test_only_download_errors_are_reworded():
    from keras_course.applications._weights import download_failed

    assert download_failed(Exception("URL fetch failure on https://x: None -- e"))
    assert download_failed(ValueError("Incomplete or corrupted file detected. x"))
    assert download_failed(PermissionError("no write access to ~/.keras"))
    assert not download_failed(ValueError("Input size must be at least 75x75"))
    assert not download_failed(TypeError("unexpected keyword argument"))


class TestTransferSaving(TestCase):
    @pytest.mark.slow
    def test_config_round_trip_never_asks_for_imagenet(self):
        model = small_mobilenet(fine_tune_at=100)
        config = model.get_config()
        revived = TransferLearningClassifier.from_config(
            {**config, "weights": "imagenet"}  # as a saved config would say
        )
        assert revived.get_config()["fine_tune_at"] == 100
        assert revived.count_params() == model.count_params()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"architecture": "resnet"},
            r"`architecture` must be one of \['inception_v3', 'mobilenet_v2'\]",
        ),
        ({"cut_layer": "mixed77"}, r"is not a layer of inception_v3\. Valid.*mixed7"),
        ({"num_classes": 0}, "`num_classes` must be a positive int"),
        ({"input_shape": (150, 150)}, "`input_shape` must be"),
        ({"dropout": 1.5}, r"`dropout` must be in \[0, 1\)"),
        ({"fine_tune_at": "nope"}, "`fine_tune_at` 'nope' is not a layer"),
        ({"fine_tune_at": 10_000}, "`fine_tune_at` must be below"),
        ({"class_names": ["a"]}, "`class_names` must name 2 classes"),
    ],
    ids=["base", "cut", "classes", "shape", "dropout", "fine-tune", "index", "names"],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TransferLearningClassifier(weights=None, **kwargs)
