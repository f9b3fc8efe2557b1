import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_course import reference as course_reference
from keras_course.layers import YOLOHead
from keras_course.layers.yolo_head import COURSE_ANCHORS
from keras_course.ops import (
    boxes_to_corners,
    corners_to_boxes,
    iou,
    non_max_suppression,
    scale_boxes,
    yolo_eval,
    yolo_filter_boxes,
)
from keras_course.testing import TestCase


def numpy(x):
    return keras.ops.convert_to_numpy(x)


def course_sized_output(batch, seed):
    """Raw 19x19x425 outputs where some boxes pass the 0.6 threshold."""
    rng = np.random.default_rng(seed)
    feats = rng.normal(size=(batch, 19, 19, 5, 85)).astype("float32")
    feats[..., 4] = rng.normal(-2.0, 3.0, size=(batch, 19, 19, 5))
    feats[..., 5:] *= 4.0
    return feats.reshape(batch, 19, 19, 425)


def test_the_course_iou_example_and_pairwise_matrix():
    assert float(
        numpy(iou(np.array([[2, 1, 4, 3]]), np.array([[1, 2, 3, 4]])))[0, 0]
    ) == (pytest.approx(1 / 7))
    rng = np.random.default_rng(0)
    a = np.sort(rng.uniform(0, 10, (5, 2, 2)), axis=1).transpose(0, 2, 1).reshape(5, 4)
    a = a[:, [0, 2, 1, 3]]  # x1, y1, x2, y2 with x1 < x2, y1 < y2
    b = a[::-1] + 0.5
    want = [[course_reference.course_iou(p, q) for q in b] for p in a]
    np.testing.assert_allclose(numpy(iou(a, b)), want, rtol=1e-5)


def test_corners_round_trip_and_order():
    xy = np.array([[0.5, 0.25]], "float32")
    wh = np.array([[0.2, 0.1]], "float32")
    corners = numpy(boxes_to_corners(xy, wh))
    np.testing.assert_allclose(corners, [[0.2, 0.4, 0.3, 0.6]], atol=1e-6)  # y first
    back_xy, back_wh = corners_to_boxes(corners)
    np.testing.assert_allclose(numpy(back_xy), xy, atol=1e-6)
    np.testing.assert_allclose(numpy(back_wh), wh, atol=1e-6)
    np.testing.assert_allclose(
        numpy(scale_boxes(corners, (720, 1280))), [[144, 512, 216, 768]], atol=1e-3
    )


@pytest.mark.multi_backend
class TestYOLOHead(TestCase):
    def test_equals_the_course_yolo_head(self):
        feats = course_sized_output(2, seed=0)
        ours = YOLOHead()(feats)
        theirs = course_reference.course_yolo_head(
            tf.constant(feats), COURSE_ANCHORS, 80
        )
        for got, want in zip(ours, theirs, strict=True):
            self.assert_all_close(got, want.numpy(), atol=1e-5, rtol=1e-5)

    @pytest.mark.slow
    def test_config_and_saving(self):
        self.run_config_test(
            YOLOHead, dict(num_anchors=2, num_classes=3, anchors=[[1, 2], [3, 4]])
        )
        inputs = keras.Input((4, 4, 16))
        model = keras.Model(inputs, YOLOHead(2, 3, anchors=[[1, 2], [3, 4]])(inputs))
        self.run_serialization_test(
            model, np.random.default_rng(0).normal(size=(2, 4, 4, 16)).astype("float32")
        )

    def test_bad_input(self):
        with pytest.raises(ValueError, match=r"\(batch, S, S, 425\)"):
            YOLOHead()(np.zeros((1, 19, 19, 424)))
        with pytest.raises(ValueError, match="anchors"):
            YOLOHead(num_anchors=2)


@pytest.mark.multi_backend
def test_batched_yolo_eval_equals_the_course_per_image():
    outputs = YOLOHead()(course_sized_output(4, seed=1))
    ours = {k: numpy(v) for k, v in yolo_eval(outputs).items()}
    assert ours["boxes"].shape == (4, 10, 4)
    for image in range(4):
        one = [tf.constant(numpy(t)[image]) for t in outputs]
        scores, boxes, classes = course_reference.course_yolo_eval(one)
        count = int(ours["num_detections"][image])
        assert count == len(scores) > 0
        np.testing.assert_allclose(
            ours["confidence"][image, :count], scores.numpy(), rtol=1e-5
        )
        np.testing.assert_allclose(
            ours["boxes"][image, :count], boxes.numpy(), rtol=1e-4, atol=1e-3
        )
        np.testing.assert_array_equal(ours["labels"][image, :count], classes.numpy())
        assert (ours["labels"][image, count:] == -1).all()
        assert (ours["confidence"][image, count:] == 0).all()


def test_yolo_eval_gives_the_course_notebooks_public_test_values():
    # The course notebook's own test of `yolo_eval` (current order:
    # box_xy, box_wh, box_confidence, box_class_probs), one image, its
    # expected values printed in the notebook.
    tf.random.set_seed(10)
    yolo_outputs = (
        tf.random.normal([19, 19, 5, 2], mean=1, stddev=4, seed=1),
        tf.random.normal([19, 19, 5, 2], mean=1, stddev=4, seed=1),
        tf.random.normal([19, 19, 5, 1], mean=1, stddev=4, seed=1),
        tf.random.normal([19, 19, 5, 80], mean=1, stddev=4, seed=1),
    )
    out = {k: numpy(v) for k, v in yolo_eval(yolo_outputs).items()}
    assert out["num_detections"].tolist() == [10]
    np.testing.assert_allclose(out["confidence"][0, 2], 171.60194, rtol=1e-6)
    np.testing.assert_allclose(
        out["boxes"][0, 2], [-1240.3483, -3212.5881, -645.78, 2024.3052], rtol=1e-6
    )
    assert out["labels"][0, 2] == 16


@pytest.mark.multi_backend
def test_yolo_eval_called_plainly_compiles_once_per_set_of_arguments():
    from keras_course.ops import boxes

    outputs = YOLOHead()(course_sized_output(2, seed=3))
    boxes._compiled_yolo_eval.cache_clear()
    first = {k: numpy(v) for k, v in yolo_eval(outputs).items()}
    second = {k: numpy(v) for k, v in yolo_eval(outputs).items()}
    yolo_eval(outputs, max_boxes=5)
    info = boxes._compiled_yolo_eval.cache_info()
    assert (info.misses, info.hits) == (2, 1)
    for key, value in first.items():
        np.testing.assert_array_equal(second[key], value)


def test_nms_equals_tensorflow_and_handles_empty_and_per_class():
    rng = np.random.default_rng(2)
    corners = np.sort(rng.uniform(0, 100, (3, 50, 2, 2)), axis=2).reshape(3, 50, 4)
    scores = rng.uniform(size=(3, 50)).astype("float32")
    indices, count = non_max_suppression(corners, scores, 8, 0.3, score_threshold=0.2)
    for image in range(3):
        want = tf.image.non_max_suppression(
            corners[image], scores[image], 8, 0.3, score_threshold=0.2
        ).numpy()
        got = numpy(indices)[image, : int(numpy(count)[image])]
        np.testing.assert_array_equal(got, want)
    _, none = non_max_suppression(corners, scores * 0.1, 5, 0.5, score_threshold=0.5)
    assert numpy(none).tolist() == [0, 0, 0]
    classes = rng.integers(0, 3, (3, 50))
    _, count_pc = non_max_suppression(
        corners, scores, 50, 0.3, classes=classes, per_class=True
    )
    assert (
        numpy(count_pc) >= numpy(non_max_suppression(corners, scores, 50, 0.3)[1])
    ).all()


def test_empty_detections_give_zero_boxes():
    outputs = YOLOHead()(np.full((2, 19, 19, 425), -10.0, "float32"))
    result = yolo_eval(outputs)
    assert numpy(result["num_detections"]).tolist() == [0, 0]
    assert (numpy(result["labels"]) == -1).all()


@pytest.mark.parametrize(
    "call",
    [
        lambda o: yolo_eval(o, score_threshold=1.5),
        lambda o: yolo_eval(o, iou_threshold=-0.1),
        lambda o: yolo_filter_boxes(o[0], o[2], o[3], threshold=2),
        lambda o: yolo_eval(o, max_boxes=0),
        lambda o: yolo_eval(o, image_shape=720),
        lambda o: yolo_eval(o[:3]),
    ],
)
def test_thresholds_outside_unit_interval(call):
    outputs = YOLOHead()(np.zeros((1, 19, 19, 425), "float32"))
    with pytest.raises(ValueError, match=r"in \[0, 1\]|max_boxes|image_shape|four"):
        call(outputs)


def test_inverted_boxes_have_no_overlap():
    assert (
        float(numpy(iou(np.array([[4, 4, 2, 2]]), np.array([[1, 1, 5, 5]])))[0, 0])
        == 0.0
    )
