"""YOLOv2 training targets: each box to its cell and responsible anchor."""

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
    target = np.zeros((rows, columns, len(anchors), 5 + num_classes), "float32")
    for (x, y, w, h), label in zip(boxes, classes, strict=True):
        row, column = int(y * rows), int(x * columns)
        shape = np.array([w * columns, h * rows])
        overlap = np.minimum(anchors, shape).prod(axis=1)
        shape_iou = overlap / (anchors.prod(axis=1) + shape.prod() - overlap)
        slot = target[row, column, int(np.argmax(shape_iou))]
        slot[:] = 0.0
        slot[:4] = (x, y, w, h)
        slot[4] = 1.0
        slot[5 + int(label)] = 1.0
    return target
