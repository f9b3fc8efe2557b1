import keras
import numpy as np
import pytest

from keras_course.applications import (
    CatsVsDogsClassifier,
    FashionMNISTClassifier,
    HorseOrHumanClassifier,
    RockPaperScissorsClassifier,
)
from keras_course.testing import TestCase


@pytest.mark.parametrize(
    "build, params, loss",
    [
        (lambda: FashionMNISTClassifier("dense"), 101_770, "sparse_categorical"),
        (lambda: FashionMNISTClassifier("cnn"), 243_786, "sparse_categorical"),
        (lambda: HorseOrHumanClassifier(), 1_704_097, "binary_crossentropy"),
        (
            lambda: HorseOrHumanClassifier((150, 150, 3)),
            9_494_561,
            "binary_crossentropy",
        ),
        (lambda: CatsVsDogsClassifier(), 9_494_561, "binary_crossentropy"),
        (lambda: RockPaperScissorsClassifier(), 3_473_475, "sparse_categorical"),
    ],
    ids=["fashion-dense", "fashion-cnn", "horse-300", "horse-150", "cats", "rps"],
)
def test_course_parameter_counts_and_compile(build, params, loss):
    model = build()
    assert model.count_params() == params
    assert model.loss.startswith(loss)
    lambdas = [la for la in model.layers if isinstance(la, keras.layers.Lambda)]
    assert lambdas == []
    # Raw pixels in: the course's rescale=1/255 is the model's first layer.
    assert model.layers[1].name == "rescale"
    assert float(model.layers[1](np.array([255.0]))[0]) == pytest.approx(1.0)


def test_horse_or_human_is_the_course_stack():
    model = HorseOrHumanClassifier()
    convs = [la.filters for la in model.layers if isinstance(la, keras.layers.Conv2D)]
    assert convs == [16, 32, 64, 64, 64]
    assert model.output_shape == (None, 1)
    assert isinstance(model.optimizer, keras.optimizers.RMSprop)
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-3)
    assert HorseOrHumanClassifier((150, 150, 3)).blocks == 3


def test_augmentation_runs_inside_the_model_in_training_only():
    model = CatsVsDogsClassifier((32, 32, 3), augment=True, seed=0)
    assert model.layers[2].name == "course_augmentation"
    x = np.random.default_rng(0).uniform(0, 255, (2, 32, 32, 3)).astype("float32")
    np.testing.assert_allclose(model(x, training=False), model(x, training=False))
    # The augmentation's own output: the rescaled pixels at inference, other
    # pixels (and other each call) in training.
    augmented = keras.Model(model.input, model.get_layer("course_augmentation").output)
    np.testing.assert_allclose(augmented(x, training=False), x / 255, rtol=1e-6)
    first, second = (augmented(x, training=True) for _ in range(2))
    assert not np.allclose(first, x / 255) and not np.allclose(first, second)
    assert CatsVsDogsClassifier((32, 32, 3)).count_params() == model.count_params()


def test_predict_images_from_files_and_arrays(tmp_path):
    keras.utils.set_random_seed(0)
    model = RockPaperScissorsClassifier((46, 46, 3))
    paths = []
    for i in range(2):
        path = tmp_path / f"{i}.png"
        keras.utils.save_img(path, np.full((50, 40, 3), 80 * i, "uint8"), scale=False)
        paths.append(path)
    from_files = model.predict_images(paths, top=3)
    assert len(from_files) == 2 and len(from_files[0]) == 3
    names = [name for name, _ in from_files[0]]
    assert sorted(names) == ["paper", "rock", "scissors"]
    probabilities = [p for _, p in from_files[0]]
    assert probabilities == sorted(probabilities, reverse=True)
    assert sum(probabilities) == pytest.approx(1.0, abs=1e-5)
    # The same pixels as an array, resized by hand: the same answer.
    array = np.stack([np.full((46, 46, 3), 80.0 * i) for i in range(2)])
    assert model.predict_images(array, top=3)[1][0][0] == from_files[1][0][0]
    # One path or one image in, one result out.
    assert model.predict_images(paths[1], top=3) == from_files[1]
    assert model.predict_images(array[1], top=3)[0][0] == from_files[1][0][0]


def test_predict_images_binary_gives_both_classes():
    model = HorseOrHumanClassifier((32, 32, 3))
    ((first, second),) = model.predict_images(np.zeros((1, 32, 32, 3)), top=2)
    assert {first[0], second[0]} == {"horses", "humans"}
    assert first[1] + second[1] == pytest.approx(1.0)


def test_predict_images_fashion_takes_28x28():
    model = FashionMNISTClassifier()
    result = model.predict_images(np.zeros((3, 28, 28)))
    assert len(result) == 3 and result[0][0][0] in FashionMNISTClassifier.CLASS_NAMES
    assert model.predict_images(np.zeros((28, 28))) == result[0]


SMALL = {
    "fashion": (lambda: FashionMNISTClassifier("cnn"), (28, 28, 1), 10, "int"),
    "horse": (lambda: HorseOrHumanClassifier((32, 32, 3)), (32, 32, 3), 2, "bin"),
    "cats": (
        lambda: CatsVsDogsClassifier((32, 32, 3), augment=True, seed=1),
        (32, 32, 3),
        2,
        "bin",
    ),
    "rps": (lambda: RockPaperScissorsClassifier((46, 46, 3)), (46, 46, 3), 3, "int"),
}


def small_data(name, n=8):
    _, shape, classes, kind = SMALL[name]
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 255, size=(n, *shape)).astype("float32")  # raw pixels
    labels = rng.integers(0, classes, n)
    y = {"int": labels, "bin": labels[:, None].astype("float32")}[kind]
    return x, y


class TestVisionClassifiers(TestCase):
    @pytest.mark.parametrize("name", list(SMALL))
    def test_config_round_trip(self, name):
        model = SMALL[name][0]()
        revived = type(model).from_config(model.get_config())
        assert revived.get_config() == model.get_config()
        assert revived.class_names == model.class_names


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: FashionMNISTClassifier("rnn"), "`architecture` must be one of"),
        (lambda: HorseOrHumanClassifier((0, 0, 3)), "`input_shape` must be"),
        (lambda: HorseOrHumanClassifier((32, 32, 1)), "`input_shape` must be"),
        (lambda: HorseOrHumanClassifier(blocks=6), "`blocks` must be in 1..5"),
        (lambda: HorseOrHumanClassifier((60, 60, 3), blocks=5), "at least 94"),
        (
            lambda: HorseOrHumanClassifier(class_names=["a", "b", "c"]),
            "`class_names` must name 2 classes",
        ),
        (lambda: CatsVsDogsClassifier((8, 8, 3)), "too small for 3 conv blocks"),
        (lambda: RockPaperScissorsClassifier(dropout=1.0), r"`dropout` must be in"),
        (
            lambda: RockPaperScissorsClassifier(class_names=["rock"]),
            "`class_names` must name 3 classes",
        ),
    ],
    ids=[
        "arch",
        "size",
        "channels",
        "blocks",
        "small",
        "names",
        "cats-size",
        "dropout",
        "rps",
    ],  # fmt: skip
)
def test_bad_arguments(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_predict_images_wrong_shape():
    with pytest.raises(
        ValueError,
        match=r"one image of shape \(32, 32, 3\) or a batch of them \(n, 32, 32, 3\)",
    ):
        HorseOrHumanClassifier((32, 32, 3)).predict_images(np.zeros((1, 30, 30, 3)))
