import keras
import numpy as np
import pytest

from keras_course.applications import CourseResNet50, MobileNetV2Transfer, UNet
from keras_course.datasets import synthetic_segmentation, synthetic_signs
from keras_course.testing import TestCase


def sizes(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


@pytest.mark.slow
def test_course_resnet50_at_its_defaults():
    model = CourseResNet50()
    assert model.count_params() == 23_600_006
    assert sizes(model.non_trainable_weights) == 53_120
    assert model.output_shape == (None, 6)
    assert model.get_layer("stage5_c").output.shape == (None, 2, 2, 2048)
    images, labels = synthetic_signs(8, seed=0)
    history = model.fit(images, labels, epochs=1, batch_size=4, verbose=0)
    assert np.isfinite(history.history["loss"][0])


@pytest.mark.slow
def test_unet_at_its_defaults_and_small():
    model = UNet()
    assert model.count_params() == 8_640_471
    assert model.output_shape == (None, 96, 128, 23)
    keras.utils.set_random_seed(0)
    small = UNet(
        (32, 48, 3), filters=8, num_classes=4, optimizer=keras.optimizers.Adam(3e-3)
    )
    images, masks = synthetic_segmentation(64, (32, 48), num_classes=4, seed=0)
    # Ten epochs sit on the all-background plateau (0.746); seeds 0-3 leave
    # it by epoch 11-12 and end at 0.846-0.884.
    history = small.fit(images, masks, epochs=15, batch_size=8, verbose=0)
    assert history.history["loss"][-1] < 0.5 * history.history["loss"][0]
    # better than calling every pixel background
    assert history.history["accuracy"][-1] > np.mean(masks == 0) + 0.03
    predicted = small.predict_masks(images[:3])
    assert predicted.shape == (3, 32, 48) and predicted.dtype == np.int32
    assert predicted.min() >= 0 and predicted.max() < 4
    # One image in, one mask out.
    np.testing.assert_array_equal(small.predict_masks(images[1]), predicted[1])


def test_mobilenet_v2_transfer_is_the_alpaca_model():
    model = MobileNetV2Transfer(weights=None)
    assert model.count_params() == 2_259_265
    assert sizes(model.trainable_weights) == 1_281
    # preprocess_input as a layer: the same arithmetic as Keras's function
    x = np.random.default_rng(0).uniform(0, 255, (2, 4, 4, 3)).astype("float32")
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(model.get_layer("preprocess_input")(x)),
        keras.applications.mobilenet_v2.preprocess_input(x.copy()),
        atol=1e-6,
    )
    model.fine_tune()  # the course's second phase: from layer 120, rate / 10
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-4)
    assert not any(layer.trainable for layer in model.base.layers[:120])
    assert all(layer.trainable for layer in model.base.layers[120:])
    assert model.get_config()["fine_tune_at"] == 120
    plain = MobileNetV2Transfer((96, 96, 3), weights=None, augment=False)
    assert "random_flip" not in [layer.name for layer in plain.layers]
    many = MobileNetV2Transfer((96, 96, 3), num_classes=3, weights=None)
    assert many.output_shape == (None, 3)


def test_imagenet_offline_fails_with_a_clear_message(offline_downloads):
    with pytest.raises(OSError, match="ImageNet weights of MobileNetV2.*weights=None"):
        MobileNetV2Transfer()


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: UNet((100, 128, 3)), "multiples of 16"),
        (lambda: UNet(num_classes=1), "num_classes"),
        (lambda: UNet((32, 32, 3), filters=2).predict_masks(np.zeros((32, 32))),
         r"\(n, 32, 32, 3\)"),
        (lambda: MobileNetV2Transfer(weights=None, fine_tune_at=154), "154 layers"),
        (lambda: MobileNetV2Transfer((96, 96), weights=None), "input_shape"),
        (lambda: CourseResNet50((32, 32, 3)), "too small"),
        (lambda: CourseResNet50(num_classes=0), "num_classes"),
    ],
    ids=["unet-size", "unet-classes", "unet-rank", "fine-tune-at", "mobilenet-shape",
         "resnet-size", "resnet-classes"],
)  # fmt: skip
def test_bad_input(build, message):
    with pytest.raises(ValueError, match=message):
        build()


class TestCNNApplicationsSaving(TestCase):
    @pytest.mark.slow
    def test_config_round_trips(self):
        self.run_config_test(UNet, dict(input_shape=(32, 32, 3), filters=2))
        self.run_config_test(CourseResNet50, dict(num_classes=3))
        revived = MobileNetV2Transfer.from_config(
            {**MobileNetV2Transfer((96, 96, 3), weights=None, fine_tune_at=100)
             .get_config(), "weights": "imagenet"}
        )  # fmt: skip
        assert revived.fine_tune_at == 100
