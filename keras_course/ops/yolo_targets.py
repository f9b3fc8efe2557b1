"""YOLOv2 training targets: each box to its cell and responsible anchor."""

import keras
import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.ops.encode_yolo_targets")
def encode_yolo_targets(boxes, classes, grid_size, anchors, num_classes):
    """The `(S, S, A, 5 + num_classes)` target of one image, YOLOv2 style.

    Each box goes to the grid cell holding its centre and, in it, to the
    anchor whose shape has the highest IoU with the box's shape (both centred
    at the same point): that anchor is *responsible* for it. Its slot gets
    the box `(x, y, w, h)` in image-relative units (as `YOLOHead` returns
    `box_xy`/`box_wh`), objectness 1 and the one-hot class. If two boxes pick
    the same slot, the later one wins.

    Args:
        boxes: `(n, 4)` array of `(x, y, w, h)` with centres in `[0, 1)` and
            positive sizes, image-relative.
        classes: `(n,)` ints in `[0, num_classes)`.
        grid_size: int `S`, or `(rows, columns)`.
        anchors: `A` `(width, height)` pairs, in grid cells.
        num_classes: int.

    Returns:
        A float32 array `(rows, columns, A, 5 + num_classes)`.

    >>> target = encode_yolo_targets(
    ...     [[0.5, 0.5, 0.2, 0.4]], [1], 4, [(1, 1), (0.8, 1.6)], num_classes=2
    ... )
    >>> np.argwhere(target[..., 4] == 1).tolist(), target[2, 2, 1].tolist()
    ([[2, 2, 1]], [0.5, 0.5, 0.2, 0.4, 1.0, 0.0, 1.0])
    """
    rows, columns = (grid_size, grid_size) if np.isscalar(grid_size) else grid_size
    rows, columns = check_int("grid_size", rows), check_int("grid_size", columns)
    num_classes = check_int("num_classes", num_classes)
    anchors = np.asarray(anchors, dtype="float32").reshape(-1, 2)
    boxes = np.asarray(boxes, dtype="float32").reshape(-1, 4)
    classes = np.asarray(classes).reshape(-1)
    if len(classes) != len(boxes):
        raise ValueError(
            f"`boxes` and `classes` must have the same length. Received: "
            f"{len(boxes)} boxes and {len(classes)} classes"
        )
    if len(boxes) and (
        (boxes[:, 2:] <= 0).any()
        or (boxes[:, :2] < 0).any()
        or (boxes[:, :2] >= 1).any()
    ):
        raise ValueError(
            "`boxes` must be (x, y, w, h) with centres in [0, 1) and positive "
            f"sizes. Received: {boxes.tolist()!r:.120}"
        )
    if len(classes) and (classes.min() < 0 or classes.max() >= num_classes):
        raise ValueError(
            f"`classes` must be in [0, {num_classes}). Received: {classes.tolist()}"
        )
    target = encode_yolo_targets_batch(
        boxes[None], classes[None], (rows, columns), anchors, num_classes
    )
    return keras.ops.convert_to_numpy(target)[0]


@keras_course_export("keras_course.ops.encode_yolo_targets_batch")
def encode_yolo_targets_batch(boxes, classes, grid_size, anchors, num_classes):
    """`encode_yolo_targets` for a padded batch, in the graph (`keras.ops`).

    The same assignment, vectorised: every box finds its slot at once, and
    where several boxes pick one slot the last wins. Padding boxes are the
    ones whose class is negative (keras-hub's `-1`). It runs inside a
    training step on any backend, which is how `YOLODetector` encodes
    `(images, {"boxes", "classes"})` batches. It does not validate: the
    centres are clipped into the grid.

    Args:
        boxes: `(batch, max_boxes, 4)` `(x, y, w, h)`, image-relative.
        classes: `(batch, max_boxes)` ints, `-1` for padding.
        grid_size: int `S`, or `(rows, columns)`.
        anchors: `A` `(width, height)` pairs, in grid cells.
        num_classes: int.

    Returns:
        A float32 tensor `(batch, rows, columns, A, 5 + num_classes)`.

    >>> target = encode_yolo_targets_batch(
    ...     [[[0.5, 0.5, 0.2, 0.4], [0, 0, 0, 0]]], [[1, -1]], 4,
    ...     [(1, 1), (0.8, 1.6)], num_classes=2)
    >>> tuple(target.shape), float(keras.ops.sum(target[..., 4]))
    ((1, 4, 4, 2, 7), 1.0)
    """
    ops = keras.ops
    rows, columns = (grid_size, grid_size) if np.isscalar(grid_size) else grid_size
    anchors = np.asarray(anchors, dtype="float32").reshape(-1, 2)
    num_anchors = len(anchors)
    boxes = ops.cast(boxes, "float32")
    classes = ops.cast(classes, "int32")
    # One padding box more, so that a batch without boxes has an axis to reduce.
    boxes = ops.pad(boxes, ((0, 0), (0, 1), (0, 0)))
    classes = ops.pad(classes, ((0, 0), (0, 1)), constant_values=-1)
    x, y, w, h = (boxes[..., i] for i in range(4))
    row = ops.clip(ops.cast(ops.floor(y * rows), "int32"), 0, rows - 1)
    column = ops.clip(ops.cast(ops.floor(x * columns), "int32"), 0, columns - 1)
    shape = ops.stack([w * columns, h * rows], axis=-1)[..., None, :]
    overlap = ops.prod(ops.minimum(anchors, shape), axis=-1)
    shape_iou = overlap / (anchors.prod(axis=1) + ops.prod(shape, axis=-1) - overlap)
    anchor = ops.cast(ops.argmax(shape_iou, axis=-1), "int32")
    slot = ops.where(classes >= 0, (row * columns + column) * num_anchors + anchor, -1)
    # The owner of each slot: the last box assigned to it, or -1.
    num_slots = rows * columns * num_anchors
    hits = ops.expand_dims(slot, -1) == ops.arange(num_slots, dtype="int32")
    index = ops.arange(ops.shape(slot)[1], dtype="int32")[None, :, None]
    owner = ops.max(ops.where(hits, index, -1), axis=1)
    values = ops.concatenate(
        [
            boxes,
            ops.ones_like(boxes[..., :1]),
            ops.one_hot(ops.maximum(classes, 0), num_classes),
        ],
        axis=-1,
    )
    target = ops.take_along_axis(values, ops.maximum(owner, 0)[..., None], axis=1)
    target = ops.where(owner[..., None] >= 0, target, 0.0)
    return ops.reshape(target, (-1, rows, columns, num_anchors, 5 + num_classes))


def box_classes(targets):
    """The class array of a box dict: `classes`, or keras-hub's `labels`."""
    return targets["classes"] if "classes" in targets else targets["labels"]


@keras_course_export("keras_course.ops.pad_box_targets")
def pad_box_targets(targets, max_boxes=None):
    """One dict of padded arrays from a list of per-image box dicts.

    Args:
        targets: a list of `{"boxes": (n_i, 4), "classes": (n_i,)}` (or
            `labels`), or a dict already padded (returned as is).
        max_boxes: int, the padded length; the most boxes of any image by
            default.

    Returns:
        One dict with `boxes`, float32 `(n, max_boxes, 4)`, and `classes`,
        int32 `(n, max_boxes)`; padding boxes are zero with class `-1`
        (keras-hub's convention).

    >>> padded = pad_box_targets([{"boxes": [[0, 0, 4, 4]], "classes": [2]},
    ...                           {"boxes": np.zeros((0, 4)), "classes": []}])
    >>> padded["boxes"].shape, padded["classes"].tolist()
    ((2, 1, 4), [[2], [-1]])
    """
    if isinstance(targets, dict):
        return targets
    boxes = [np.asarray(t["boxes"], "float32").reshape(-1, 4) for t in targets]
    classes = [np.asarray(box_classes(t), "int32").reshape(-1) for t in targets]
    length = max([len(b) for b in boxes] + [1]) if max_boxes is None else max_boxes
    padded_boxes = np.zeros((len(boxes), length, 4), "float32")
    padded_classes = np.full((len(boxes), length), -1, "int32")
    for i, (b, c) in enumerate(zip(boxes, classes, strict=True)):
        if len(b) != len(c):
            raise ValueError(
                f"Image {i} has {len(b)} boxes and {len(c)} classes; they must "
                "be as many."
            )
        padded_boxes[i, : len(b)], padded_classes[i, : len(c)] = b[:length], c[:length]
    return {"boxes": padded_boxes, "classes": padded_classes}
