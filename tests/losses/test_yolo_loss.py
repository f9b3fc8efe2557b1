import json

import keras
import numpy as np
import pytest

from keras_course.losses import YOLOv2Loss
from keras_course.ops import encode_yolo_targets

ANCHORS = [(1.0, 1.0), (0.8, 1.6)]
BOXES = [[0.3, 0.6, 0.25, 0.25], [0.8, 0.1, 0.1, 0.2]]


def perfect_raw(target, anchors, grid=4, confident=12.0):
    """Raw head outputs that decode exactly to `target`."""
    num_classes = target.shape[-1] - 5
    raw = np.zeros(target.shape, "float32")
    raw[..., 4] = -confident
    for row, column, anchor in np.argwhere(target[..., 4] == 1):
        x, y, w, h = target[row, column, anchor, :4]
        offsets = np.array([x * grid - column, y * grid - row])
        raw[row, column, anchor, :2] = np.log(offsets / (1 - offsets))
        raw[row, column, anchor, 2:4] = np.log(
            np.array([w, h]) * grid / anchors[anchor]
        )
        raw[row, column, anchor, 4] = confident
        raw[row, column, anchor, 5:] = -confident
        raw[
            row, column, anchor, 5 + int(np.argmax(target[row, column, anchor, 5:]))
        ] = confident
    return raw.reshape(1, grid, grid, -1), num_classes


@pytest.mark.multi_backend
def test_perfect_predictions_cost_nothing_and_errors_cost_more():
    target = encode_yolo_targets(BOXES, [1, 0], 4, ANCHORS, 3)
    raw, num_classes = perfect_raw(target, np.array(ANCHORS))
    loss = YOLOv2Loss(ANCHORS, num_classes)
    assert float(loss(target[None], raw)) < 1e-4
    raw5 = raw.reshape(1, 4, 4, 2, 8)
    # Both boxes fall to anchor 0: box 0 in cell (2, 1), box 1 in cell (0, 3).
    for position, delta in [
        ((0, 2, 1, 0, 0), 1.0),  # x off
        ((0, 2, 1, 0, 6), -30.0),  # its class (1) unlikely
        ((0, 0, 0, 0, 4), 20.0),  # an object where there is none
    ]:
        worse = raw5.copy()
        worse[position] += delta
        assert float(loss(target[None], worse.reshape(raw.shape))) > 0.05


def test_targets_pick_the_responsible_anchor_and_cell():
    target = encode_yolo_targets([[0.62, 0.13, 0.5, 0.1]], [2], 4, ANCHORS, 3)
    # wide box (2 x 0.4 cells): anchor (1, 1) overlaps it more than (0.8, 1.6)
    assert np.argwhere(target[..., 4] == 1).tolist() == [[0, 2, 0]]
    assert target[0, 2, 0, 5:].tolist() == [0, 0, 1]
    empty = encode_yolo_targets(np.zeros((0, 4)), [], 4, ANCHORS, 3)
    assert empty.shape == (4, 4, 2, 8) and not empty.any()


@pytest.mark.parametrize(
    "boxes, classes, message",
    [
        ([[0.5, 0.5, -0.1, 0.2]], [0], "positive sizes"),
        ([[1.0, 0.5, 0.1, 0.2]], [0], "centres in"),
        ([[0.5, 0.5, 0.1, 0.2]], [3], "classes"),
        ([[0.5, 0.5, 0.1, 0.2]], [0, 1], "same length"),
    ],
)
def test_bad_targets(boxes, classes, message):
    with pytest.raises(ValueError, match=message):
        encode_yolo_targets(boxes, classes, 4, ANCHORS, 3)


@pytest.mark.slow
def test_config_round_trip_and_training_lowers_it():
    loss = YOLOv2Loss(ANCHORS, 3, lambda_noobj=0.25)
    revived = keras.saving.deserialize_keras_object(
        json.loads(json.dumps(keras.saving.serialize_keras_object(loss))),
        safe_mode=True,
    )
    assert revived.get_config() == loss.get_config()
    with pytest.raises(ValueError, match="lambda_coord"):
        YOLOv2Loss(lambda_coord=float("nan"))
    keras.utils.set_random_seed(0)
    target = encode_yolo_targets(BOXES, [1, 0], 4, ANCHORS, 3)[None].repeat(8, 0)
    model = keras.Sequential(
        [keras.Input((4, 4, 3)), keras.layers.Conv2D(16, 1, activation="relu"),
         keras.layers.Conv2D(16, 1)]
    )  # fmt: skip
    model.compile(keras.optimizers.Adam(0.01), loss=loss)
    x = np.random.default_rng(0).normal(size=(8, 4, 4, 3)).astype("float32")
    history = model.fit(x, target, epochs=40, verbose=0)
    assert history.history["loss"][-1] < 0.5 * history.history["loss"][0]


def loop_encoder(boxes, classes, grid, anchors, num_classes):
    """One box at a time, the later one winning a shared slot."""
    anchors = np.asarray(anchors, "float32")
    target = np.zeros((grid, grid, len(anchors), 5 + num_classes), "float32")
    for (x, y, w, h), label in zip(boxes, classes, strict=True):
        shape = np.array([w * grid, h * grid], "float32")
        overlap = np.minimum(anchors, shape).prod(axis=1)
        shape_iou = overlap / (anchors.prod(axis=1) + shape.prod() - overlap)
        slot = target[int(y * grid), int(x * grid), int(np.argmax(shape_iou))]
        slot[:] = 0.0
        slot[:4], slot[4], slot[5 + label] = (x, y, w, h), 1.0, 1.0
    return target


@pytest.mark.multi_backend
def test_batched_encoder_equals_one_box_at_a_time():
    from keras_course.ops import encode_yolo_targets_batch

    rng = np.random.default_rng(0)
    anchors = [(1.0, 1.0), (2.0, 1.0), (1.0, 3.0)]
    counts = [0, 1, 7, 12]  # 12 boxes on a 3x3 grid: shared slots
    boxes = np.zeros((4, 12, 4), "float32")
    classes = -np.ones((4, 12), "int32")
    for i, count in enumerate(counts):
        boxes[i, :count, :2] = rng.uniform(0, 0.999, (count, 2))
        boxes[i, :count, 2:] = rng.uniform(0.05, 0.9, (count, 2))
        classes[i, :count] = rng.integers(0, 4, count)
    batch = keras.ops.convert_to_numpy(
        encode_yolo_targets_batch(boxes, classes, 3, anchors, 4)
    )
    for i, count in enumerate(counts):
        expected = loop_encoder(boxes[i, :count], classes[i, :count], 3, anchors, 4)
        np.testing.assert_array_equal(batch[i], expected)
        np.testing.assert_array_equal(
            encode_yolo_targets(boxes[i, :count], classes[i, :count], 3, anchors, 4),
            expected,
        )
    assert batch[3, ..., 4].sum() < 12  # some boxes did share a slot


@pytest.mark.multi_backend
def test_a_good_box_in_another_slot_is_not_pushed_to_zero_confidence():
    target = encode_yolo_targets(BOXES, [1, 0], 4, ANCHORS, 3)
    raw, num_classes = perfect_raw(target, np.array(ANCHORS))
    raw5 = raw.reshape(1, 4, 4, 2, 8).copy()
    # Anchor 1 of box 0's cell (2, 1) predicts box 0 too, confidently.
    raw5[0, 2, 1, 1, :2] = raw5[0, 2, 1, 0, :2]
    raw5[0, 2, 1, 1, 2:4] = np.log(np.array([0.25, 0.25]) * 4 / ANCHORS[1])
    raw5[0, 2, 1, 1, 4] = 12.0
    duplicate = raw5.reshape(raw.shape)
    ignoring = YOLOv2Loss(ANCHORS, num_classes)
    strict = YOLOv2Loss(ANCHORS, num_classes, ignore_threshold=1.0)
    assert float(ignoring(target[None], duplicate)) < 1e-4
    assert float(strict(target[None], duplicate)) == pytest.approx(0.5, abs=1e-3)
    # A confident box far from every true box still costs, with or without.
    raw5[0, 2, 1, 1, :4] = [-5.0, -5.0, -3.0, -3.0]
    assert float(ignoring(target[None], raw5.reshape(raw.shape))) > 0.4
    with pytest.raises(ValueError, match="ignore_threshold"):
        YOLOv2Loss(ignore_threshold=1.5)
