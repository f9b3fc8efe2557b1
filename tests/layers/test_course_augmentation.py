import math

import keras
import numpy as np
import pytest
from packaging.version import Version

from keras_course.layers import RandomShear, course_augmentation
from keras_course.testing import TestCase

pytestmark = pytest.mark.multi_backend

IMAGES = np.random.default_rng(0).uniform(size=(2, 24, 24, 3)).astype("float32")


def test_course_arguments_convert_to_keras_factors():
    augment = course_augmentation()
    layers = {layer.name: layer for layer in augment.layers}
    assert list(layers) == ["rotation", "shift", "shear", "zoom", "flip"]
    # 40 degrees of a full turn; shifts and zoom are fractions already.
    assert layers["rotation"].factor == pytest.approx((-40 / 360, 40 / 360))
    assert layers["shift"].height_factor == 0.2
    assert layers["shift"].width_factor == 0.2
    # shear_range is in degrees: tan(0.2 degrees), along x only.
    tan = math.tan(math.radians(0.2))
    assert layers["shear"].x_factor == pytest.approx((-tan, tan))
    assert layers["shear"].y_factor == (0.0, 0.0)
    assert layers["zoom"].height_factor == 0.2
    assert layers["zoom"].width_factor == 0.2
    assert layers["flip"].mode == "horizontal"
    assert {layer.fill_mode for name, layer in layers.items() if name != "flip"} == {
        "nearest"
    }


def test_zero_amounts_leave_layers_out():
    augment = course_augmentation(rotation=0, shear=0, horizontal_flip=False)
    assert [layer.name for layer in augment.layers] == ["shift", "zoom"]


def test_changes_images_in_training_only():
    augment = course_augmentation(seed=1)
    trained = keras.ops.convert_to_numpy(augment(IMAGES, training=True))
    inferred = keras.ops.convert_to_numpy(augment(IMAGES, training=False))
    assert trained.shape == IMAGES.shape
    assert not np.allclose(trained, IMAGES)
    np.testing.assert_allclose(inferred, IMAGES)


class TestAugmentationSaving(TestCase):
    @pytest.mark.slow
    def test_reloads_in_a_fresh_process_in_safe_mode(self):
        model = keras.Sequential(
            [
                keras.Input((24, 24, 3)),
                course_augmentation(seed=0),
                keras.layers.Conv2D(2, 3),
            ]
        )
        self.run_serialization_test(model, IMAGES)

    def test_config_round_trip(self):
        augment = course_augmentation(rotation=10, seed=3)
        revived = keras.Sequential.from_config(augment.get_config())
        assert [layer.get_config() for layer in revived.layers] == [
            layer.get_config() for layer in augment.layers
        ]


def test_keras_random_shear_config_does_not_reload_ours_does():
    config = keras.layers.RandomShear(x_factor=0.1).get_config()
    if Version(keras.version()) <= Version("3.15.1"):  # the newest we test
        with pytest.raises((ValueError, TypeError)):  # refuses its [-0.1, 0.1]
            keras.layers.RandomShear.from_config(config)
    ours = RandomShear(x_factor=0.1, y_factor=(0.0, 0.2))
    revived = RandomShear.from_config(ours.get_config())
    assert revived.x_factor == (-0.1, 0.1)
    assert revived.y_factor == (0.0, 0.2)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"rotation": -1}, r"`rotation` must be in \[0, 180\]"),
        ({"shift": 1.5}, r"`shift` must be in \[0, 1\]"),
        ({"shear": 90}, r"`shear` must be in \[0, 89\]"),
        ({"zoom": 1.0}, "`zoom` must be below 1"),
        ({"fill_mode": "mirror"}, "`fill_mode` must be one of"),
        ({"horizontal_flip": "yes"}, "`horizontal_flip` must be a bool"),
    ],
    ids=["rotation", "shift", "shear", "zoom", "fill", "flip"],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        course_augmentation(**kwargs)
