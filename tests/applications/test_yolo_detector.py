import keras
import numpy as np
import pytest

from keras_course.applications import YOLODetector
from keras_course.datasets import synthetic_shapes
from keras_course.ops import pad_box_targets
from keras_course.testing import TestCase

CLASSES = ("circle", "square", "triangle")


def small(**kwargs):
    return YOLODetector(
        3, input_shape=(64, 64, 3), filters=(8, 16, 16), class_names=CLASSES, **kwargs
    )


@pytest.mark.slow
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
    # One image in, that image's detections out (no batch axis).
    one = detector.predict_boxes(images[2])
    assert one["boxes"].shape == (10, 4)
    for key, value in one.items():
        np.testing.assert_allclose(value, result[key][2], rtol=1e-5, atol=1e-4)


def ragged_dataset(images, targets, batch_size):
    import tensorflow as tf

    boxes = tf.ragged.constant([t["boxes"].tolist() for t in targets], ragged_rank=1)
    classes = tf.ragged.constant([t["classes"].tolist() for t in targets])
    data = tf.data.Dataset.from_tensor_slices(
        (images, {"boxes": boxes, "classes": classes})
    )
    return data.batch(batch_size)


@pytest.mark.slow
def test_list_padded_and_ragged_dataset_targets_train_alike():
    images, targets = synthetic_shapes(16, 64, classes=CLASSES, max_objects=3, seed=2)
    padded = pad_box_targets(targets)
    assert padded["boxes"].shape == (16, 3, 4)
    labels = [{"boxes": t["boxes"], "labels": t["classes"]} for t in targets]
    encoded = small().encode_targets(targets)
    for other in (padded, labels):
        np.testing.assert_array_equal(small().encode_targets(other), encoded)
    losses = []
    for x, y in [
        (images, targets),
        (images, padded),
        (images, encoded),
        (ragged_dataset(images, targets, 8), None),
    ]:
        keras.utils.set_random_seed(3)
        detector = small()
        history = detector.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=0)
        losses.append(history.history["loss"])
    for other in losses[1:]:
        np.testing.assert_allclose(other, losses[0], rtol=1e-4)
    evaluated = detector.evaluate(ragged_dataset(images, targets, 8), verbose=0)
    assert np.isfinite(evaluated)


@pytest.mark.multi_backend
def test_any_keras_backbone():
    keras.utils.set_random_seed(0)
    backbone = keras.Sequential(
        [
            keras.Input((64, 64, 3)),
            keras.layers.Rescaling(1 / 255),  # it gets raw pixels
            keras.layers.Conv2D(8, 3, strides=4, padding="same", activation="relu"),
            keras.layers.Conv2D(16, 3, strides=2, padding="same", activation="relu"),
        ],
        name="my_backbone",
    )
    detector = YOLODetector(3, input_shape=(64, 64, 3), backbone=backbone)
    assert detector.grid_shape == (8, 8) and detector.output_shape == (None, 8, 8, 24)
    images, targets = synthetic_shapes(8, 64, classes=CLASSES, max_objects=2, seed=0)
    history = detector.fit(images, targets, epochs=2, batch_size=4, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    revived = YOLODetector.from_config(detector.get_config())
    assert revived.count_params() == detector.count_params()
    assert revived.grid_shape == (8, 8)


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
        YOLODetector(3, input_shape=(60, 60, 3), filters=(8, 8, 8))
    with pytest.raises(ValueError, match="square"):
        YOLODetector(3, input_shape=(64, 32, 3))
    with pytest.raises(ValueError, match=r"\(n, 64, 64, 3\)"):
        small().predict_boxes(np.zeros((2, 32, 32, 3)))
    with pytest.raises(ValueError, match="num_classes"):
        YOLODetector(0)
    with pytest.raises(ValueError, match="backbone"):
        YOLODetector(3, backbone="resnet")
    with pytest.raises(ValueError, match="one feature map"):
        flat = keras.Sequential([keras.Input((64, 64, 3)), keras.layers.Flatten()])
        YOLODetector(3, input_shape=(64, 64, 3), backbone=flat)
    with pytest.raises(ValueError, match="2 boxes and 1 classes"):
        pad_box_targets([{"boxes": np.zeros((2, 4)), "classes": [0]}])


class TestYOLODetectorSaving(TestCase):
    def test_config_round_trip(self):
        self.run_config_test(
            YOLODetector,
            dict(
                num_classes=2, input_shape=(32, 32, 3), filters=(4, 4), anchors=[[1, 1]]
            ),
        )

    @pytest.mark.slow
    def test_reload_with_its_own_backbone_in_a_new_process(self):
        backbone = keras.Sequential(
            [keras.Input((32, 32, 3)), keras.layers.Conv2D(4, 3, strides=8)]
        )
        detector = YOLODetector(
            2, input_shape=(32, 32, 3), anchors=[[1, 1]], backbone=backbone
        )
        images = (
            np.random.default_rng(1).uniform(0, 255, (2, 32, 32, 3)).astype("float32")
        )
        self.run_serialization_test(detector, images, atol=1e-4)

    @pytest.mark.slow
    def test_reload_in_a_new_process(self):
        detector = YOLODetector(
            2, input_shape=(32, 32, 3), filters=(4, 4), anchors=[[1, 1]]
        )
        images = (
            np.random.default_rng(0).uniform(0, 255, (2, 32, 32, 3)).astype("float32")
        )
        self.run_serialization_test(detector, images, atol=1e-4)
