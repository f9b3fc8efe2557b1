"""DLS course 4 week 1: the Happy House model and the SIGNS ConvNet."""

import keras
import numpy as np
import pytest

from keras_course.applications import HappyHouseClassifier, SignsClassifier
from keras_course.datasets import synthetic_happy_faces, synthetic_signs
from keras_course.testing import TestCase


def _non_trainable(model):
    return sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)


def test_happy_house_is_the_course_model():
    model = HappyHouseClassifier()
    assert model.count_params() == 37633
    assert _non_trainable(model) == 64
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds == [
        "InputLayer", "Rescaling", "ZeroPadding2D", "Conv2D",
        "BatchNormalization", "ReLU", "MaxPooling2D", "Flatten", "Dense",
    ]  # fmt: skip
    assert model.get_layer("conv").output.shape[1:] == (64, 64, 32)
    assert model.loss == "binary_crossentropy"
    assert model.optimizer.__class__.__name__ == "Adam"


def test_signs_convnet_is_the_course_model():
    model = SignsClassifier()
    assert model.count_params() == 1310
    assert model.get_layer("pool_0").output.shape[1:] == (8, 8, 8)
    assert model.get_layer("pool_1").output.shape[1:] == (2, 2, 16)
    assert model.output.shape[1:] == (6,)
    # Adam(1e-3), not the course's 0.01, which stalled at chance on 2 of 5
    # seeds of the stand-in (benchmarks/convolution_models.py).
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-3)


@pytest.mark.slow
@pytest.mark.parametrize(
    "model, generate, sizes, epochs, batch_size, floor",
    [
        # Chance 0.5; the course's recipe: 10 epochs of 600, batches of 16.
        # 0.547-0.987 over 10 seeds (benchmarks/convolution_models.py).
        (HappyHouseClassifier, synthetic_happy_faces, (600, 150), 10, 16, 0.65),
        # Chance 1/6; 30 of the course's 100 epochs at the default Adam(1e-3).
        (SignsClassifier, synthetic_signs, (1080, 120), 30, 64, 0.5),
    ],
    ids=["happy-house", "signs"],
)
def test_it_learns_its_generated_stand_in(
    model, generate, sizes, epochs, batch_size, floor
):
    keras.utils.set_random_seed(0)
    x, y = generate(sizes[0], seed=0)
    x_test, y_test = generate(sizes[1], seed=1)
    model = model()
    model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    assert accuracy > floor
    (name, probability), *_ = model.predict_images(x_test[0])
    assert name in model.class_names and probability >= 1 / len(model.class_names)


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: HappyHouseClassifier(class_names=("a", "b", "c")), "class_names"),
        (lambda: SignsClassifier(class_names=("a", "b")), "class_names"),
        (lambda: HappyHouseClassifier(input_shape=(64, 64, 1)), "input_shape"),
        (lambda: SignsClassifier(input_shape=(64, 64)), "input_shape"),
    ],
    ids=["happy-classes", "signs-classes", "happy-channels", "signs-rank"],
)
def test_bad_input(build, message):
    with pytest.raises(ValueError, match=message):
        build()


class TestConvolutionModelsSaving(TestCase):
    def test_config_round_trips(self):
        self.run_config_test(
            HappyHouseClassifier, dict(input_shape=(32, 32, 3), class_names=("n", "y"))
        )
        self.run_config_test(SignsClassifier, dict(input_shape=(32, 32, 3)))
