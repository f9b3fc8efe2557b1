import keras
import numpy as np
import pytest

from keras_course.applications import YOLODetector
from keras_course.datasets import synthetic_shapes
from keras_course.testing import TestCase

CLASSES = ("circle", "square", "triangle")


def small(**kwargs):
    return YOLODetector(
        3, input_size=64, filters=(8, 16, 16), class_names=CLASSES, **kwargs
    )


def test_shapes_targets_and_a_training_step():
    keras.utils.set_random_seed(0)
    detector = small()
    assert detector.output_shape == (None, 8, 8, 24) and detector.grid_size == 8
    images, targets = synthetic_shapes(32, 64, classes=CLASSES, max_objects=3, seed=0)
    encoded = detector.encode_targets(targets)
    assert encoded.shape == (32, 8, 8, 3, 8)
    assert int(encoded[..., 4].sum()) <= sum(len(t["classes"]) for t in targets)
    history = detector.fit(images, targets, epochs=3, batch_size=8, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    result = detector.predict_boxes(images[:4])
    assert result["boxes"].shape == (4, 10, 4)
    assert set(result) == {"boxes", "confidence", "labels", "num_detections"}


def test_synthetic_detection_set():
    images, targets = synthetic_shapes(5, 64, classes=CLASSES, max_objects=4, seed=1)
    assert images.shape == (5, 64, 64, 3)
    for target in targets:
        boxes = target["boxes"]
        assert 1 <= len(boxes) <= 4 and len(target["classes"]) == len(boxes)
        assert (boxes[:, 2] > boxes[:, 0]).all() and (boxes[:, 3] > boxes[:, 1]).all()
        assert boxes.min() >= 0 and boxes.max() <= 64


def test_bad_input():
    with pytest.raises(ValueError, match="multiple of 8"):
        YOLODetector(3, input_size=60, filters=(8, 8, 8))
    with pytest.raises(ValueError, match=r"\(n, 64, 64, 3\)"):
        small().predict_boxes(np.zeros((2, 32, 32, 3)))
    with pytest.raises(ValueError, match="num_classes"):
        YOLODetector(0)


class TestYOLODetectorSaving(TestCase):
    def test_config_round_trip(self):
        self.run_config_test(
            YOLODetector,
            dict(num_classes=2, input_size=32, filters=(4, 4), anchors=[[1, 1]]),
        )

    def test_reload_in_a_new_process(self):
        detector = YOLODetector(2, input_size=32, filters=(4, 4), anchors=[[1, 1]])
        images = np.random.default_rng(0).uniform(size=(2, 32, 32, 3)).astype("float32")
        self.run_serialization_test(detector, images, atol=1e-4)
