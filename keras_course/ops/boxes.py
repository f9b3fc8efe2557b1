"""Box utilities and YOLO post-processing (course 4 week 3), batched and
backend-agnostic (`keras.ops`), built on `keras.utils.bounding_boxes`."""

import functools

import keras

from keras_course._backend import compile_function, is_tracing
from keras_course._validation import check_int, check_unit_interval
from keras_course.api_export import keras_course_export

ops = keras.ops


@keras_course_export("keras_course.ops.boxes_to_corners")
def boxes_to_corners(box_xy, box_wh):
    """Centres and sizes to corners in the course's order, `(y1, x1, y2, x2)`.

    The course's `yolo_boxes_to_corners`: `box_xy` holds `(x, y)` centres and
    `box_wh` `(w, h)` sizes (any leading shape); the corners come out
    **y first**, the order `tf.image.non_max_suppression` and `scale_boxes`
    use (Keras calls it `"yxyx"`). Via
    `keras.utils.bounding_boxes.convert_format("center_xywh" -> "yxyx")`.

    >>> corners = boxes_to_corners(np.array([[0.5, 0.5]]), np.array([[0.2, 0.4]]))
    >>> np.round(np.asarray(corners), 6).tolist()
    [[0.3, 0.4, 0.7, 0.6]]
    """
    boxes = ops.concatenate(
        [ops.cast(box_xy, "float32"), ops.cast(box_wh, "float32")], axis=-1
    )
    return _convert(boxes, "center_xywh", "yxyx")


@keras_course_export("keras_course.ops.corners_to_boxes")
def corners_to_boxes(corners):
    """The inverse of `boxes_to_corners`: `(y1, x1, y2, x2)` → `(box_xy,
    box_wh)` with `(x, y)` centres and `(w, h)` sizes.

    >>> xy, wh = corners_to_boxes(np.array([[0.3, 0.4, 0.7, 0.6]]))
    >>> np.round(np.asarray(xy), 6).tolist(), np.round(np.asarray(wh), 6).tolist()
    ([[0.5, 0.5]], [[0.2, 0.4]])
    """
    boxes = _convert(ops.cast(corners, "float32"), "yxyx", "center_xywh")
    return boxes[..., :2], boxes[..., 2:]


def _convert(boxes, source, target):
    from keras.utils import bounding_boxes

    shape = ops.shape(boxes)
    flat = ops.reshape(boxes, (-1, 4))
    converted = bounding_boxes.convert_format(flat, source=source, target=target)
    return ops.reshape(converted, shape)


@keras_course_export("keras_course.ops.iou")
def iou(boxes1, boxes2, bounding_box_format="xyxy"):
    """Pairwise intersection over union: `(..., N, 4)` and `(..., M, 4)` →
    `(..., N, M)`.

    The course's `iou` takes corners `(x1, y1, x2, y2)`, the default here;
    pass `bounding_box_format="yxyx"` for `boxes_to_corners` output. Via
    `keras.utils.bounding_boxes.compute_iou`. Boxes with `x2 < x1` or
    `y2 < y1` have no area: their IoU with anything is 0.

    >>> float(np.asarray(iou(np.array([[2, 1, 4, 3]]), np.array([[1, 2, 3, 4]])))[0, 0])
    0.142857...
    """
    from keras.utils import bounding_boxes

    boxes1 = ops.cast(boxes1, "float32")
    boxes2 = ops.cast(boxes2, "float32")
    return bounding_boxes.compute_iou(boxes1, boxes2, bounding_box_format)


@keras_course_export("keras_course.ops.scale_boxes")
def scale_boxes(boxes, image_shape):
    """Relative `(y1, x1, y2, x2)` corners to pixels of an image of
    `image_shape = (height, width)`, as the course's `scale_boxes`.

    >>> np.asarray(scale_boxes(np.array([[0.5, 0.25, 1.0, 0.5]]), (720, 1280))).tolist()
    [[360.0, 320.0, 720.0, 640.0]]
    """
    height, width = float(image_shape[0]), float(image_shape[1])
    scale = ops.convert_to_tensor([height, width, height, width], "float32")
    return ops.cast(boxes, "float32") * scale


@keras_course_export("keras_course.ops.non_max_suppression")
def non_max_suppression(
    boxes,
    scores,
    max_output_size=10,
    iou_threshold=0.5,
    score_threshold=0.0,
    classes=None,
    per_class=False,
):
    """Greedy non-max suppression, batched and padded.

    Selects, per image, up to `max_output_size` boxes in order of score,
    dropping each box whose IoU with an already selected one is above
    `iou_threshold` (only within its class with `per_class=True`) and boxes
    scoring under `score_threshold` — the same selection as
    `tf.image.non_max_suppression`, for a batch in one call of `keras.ops`
    (one `(N, N)` IoU matrix per image, then `max_output_size` vectorised
    steps).

    Args:
        boxes: `(batch, N, 4)` corners, `(y1, x1, y2, x2)`.
        scores: `(batch, N)`.
        max_output_size: int.
        iou_threshold, score_threshold: floats in [0, 1].
        classes: `(batch, N)` ints, needed for `per_class`.
        per_class: bool: suppress only boxes of the same class.

    Returns:
        `(indices, valid)`: `(batch, max_output_size)` int32 indices into `N`
        (padding repeats 0) and `(batch,)` counts of real selections.

    >>> boxes = np.array([[[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]]])
    >>> indices, count = non_max_suppression(boxes, np.array([[0.9, 0.8, 0.7]]), 3)
    >>> np.asarray(indices).tolist(), np.asarray(count).tolist()
    ([[0, 2, 0]], [2])
    """
    max_output_size = check_int("max_output_size", max_output_size)
    iou_threshold = check_unit_interval("iou_threshold", iou_threshold)
    score_threshold = check_unit_interval("score_threshold", score_threshold)
    if per_class and classes is None:
        raise ValueError("`per_class=True` needs `classes`.")
    boxes = ops.cast(boxes, "float32")
    scores = ops.cast(scores, "float32")
    overlaps = iou(boxes, boxes, bounding_box_format="yxyx") > iou_threshold
    if per_class:
        same = ops.expand_dims(classes, -1) == ops.expand_dims(classes, -2)
        overlaps = ops.logical_and(overlaps, same)
    alive = scores >= score_threshold
    chosen, valid = [], []
    neg_inf = ops.full_like(scores, -float("inf"))
    for _ in range(max_output_size):
        candidates = ops.where(alive, scores, neg_inf)
        best = ops.cast(ops.argmax(candidates, axis=-1), "int32")
        found = ops.any(alive, axis=-1)
        chosen.append(ops.where(found, best, ops.zeros_like(best)))
        valid.append(found)
        # Kill the chosen box and everything it overlaps (if one was found).
        row = ops.take_along_axis(overlaps, best[:, None, None], axis=1)[:, 0]
        one_hot = ops.one_hot(best, ops.shape(scores)[-1], dtype="bool")
        kill = ops.logical_and(ops.logical_or(row, one_hot), found[:, None])
        alive = ops.logical_and(alive, ops.logical_not(kill))
    indices = ops.stack(chosen, axis=1)
    count = ops.sum(ops.cast(ops.stack(valid, axis=1), "int32"), axis=1)
    return indices, count


@keras_course_export("keras_course.ops.yolo_filter_boxes")
def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    """The course's `yolo_filter_boxes`, batched: box score = confidence ×
    class probability; each box keeps its best class; boxes under
    `threshold` are marked invalid rather than removed (so a batch keeps one
    shape).

    Args:
        boxes: `(..., 4)` corners.
        box_confidence: `(..., 1)`.
        box_class_probs: `(..., num_classes)`.

    Returns:
        `(scores, boxes, classes, mask)` with the leading shape flattened per
        image: scores `(batch, N)`, boxes `(batch, N, 4)`, classes
        `(batch, N)` int32, mask `(batch, N)` bool (score ≥ threshold). A
        single image (no batch axis beyond the grid) gets a batch of 1.

    >>> scores, boxes, classes, mask = yolo_filter_boxes(
    ...     np.zeros((2, 19, 19, 5, 4)),
    ...     np.full((2, 19, 19, 5, 1), 0.9),
    ...     np.full((2, 19, 19, 5, 80), 1 / 80),
    ... )
    >>> tuple(scores.shape), bool(np.asarray(mask).any())
    ((2, 1805), False)
    """
    threshold = check_unit_interval("threshold", threshold)
    box_scores = ops.cast(box_confidence, "float32") * ops.cast(
        box_class_probs, "float32"
    )
    num_classes = ops.shape(box_scores)[-1]
    if len(box_scores.shape) == 4:  # one image: (S, S, anchors, classes)
        box_scores, boxes = box_scores[None], ops.convert_to_tensor(boxes)[None]
    batch = ops.shape(box_scores)[0]
    box_scores = ops.reshape(box_scores, (batch, -1, num_classes))
    boxes = ops.reshape(ops.cast(boxes, "float32"), (batch, -1, 4))
    classes = ops.cast(ops.argmax(box_scores, axis=-1), "int32")
    scores = ops.max(box_scores, axis=-1)
    return scores, boxes, classes, scores >= threshold


@keras_course_export("keras_course.ops.yolo_eval")
def yolo_eval(
    yolo_outputs,
    image_shape=(720.0, 1280.0),
    max_boxes=10,
    score_threshold=0.6,
    iou_threshold=0.5,
    max_candidates=256,
):
    """The course's `yolo_eval` for a batch of images in one compiled call.

    Corners, filtering, scaling to `image_shape` and non-max suppression
    across classes (as the course: `tf.image.non_max_suppression` ignores the
    class), as `keras.ops`. Called plainly, it compiles itself (XLA through
    `tf.function(jit_compile=True)` on TensorFlow, `jax.jit` on JAX) once per
    set of arguments other than `yolo_outputs` and keeps the compiled function
    for the next call, so a loop over batches pays the compilation once.
    Inside a traced function (a `tf.function`, `jax.jit`, a Keras model) it
    runs as plain ops of that trace; on other backends it runs eagerly.

    Args:
        yolo_outputs: `(box_xy, box_wh, box_confidence, box_class_probs)`,
            the order of the current course notebook and of `YOLOHead`, with
            or without a batch axis.
        image_shape: `(height, width)` to scale the boxes to.
        max_boxes: int, detections per image.
        score_threshold, iou_threshold: floats in [0, 1].
        max_candidates: int: suppression runs over the highest-scoring
            `max_candidates` boxes of each image (the course's runs over all
            boxes above the threshold: the same result unless more than
            `max_candidates` pass it).

    Returns:
        A dict in keras-hub's `NonMaxSuppression` convention: `boxes`
        `(batch, max_boxes, 4)` in pixels `(y1, x1, y2, x2)`, `confidence`
        `(batch, max_boxes)`, `labels` `(batch, max_boxes)` int32 (padding:
        -1, with confidence 0) and `num_detections` `(batch,)`. For
        `keras.visualization.draw_bounding_boxes`, pass
        `{"boxes": ..., "labels": ..., "confidences": out["confidence"]}`
        with `bounding_box_format="yxyx"`.

    >>> from keras_course.layers import YOLOHead
    >>> raw = np.full((2, 19, 19, 425), -5.0, "float32")
    >>> raw[0, 9, 9, 4], raw[0, 9, 9, 5] = 8.0, 12.0  # one sure "person"
    >>> out = yolo_eval(YOLOHead()(raw))
    >>> np.asarray(out["num_detections"]).tolist(), int(out["labels"][0, 0])
    ([1, 0], 0)
    """
    if len(yolo_outputs) != 4:
        raise ValueError(
            "`yolo_outputs` must be the four tensors (box_xy, box_wh, "
            "box_confidence, box_class_probs). Received: "
            f"{len(yolo_outputs)} items"
        )
    try:
        height, width = (float(v) for v in image_shape)
    except (TypeError, ValueError):
        raise ValueError(
            "`image_shape` must be (height, width). Received: "
            f"image_shape={image_shape!r}"
        ) from None
    arguments = (
        (height, width),
        check_int("max_boxes", max_boxes),
        check_unit_interval("score_threshold", score_threshold),
        check_unit_interval("iou_threshold", iou_threshold),
        check_int("max_candidates", max_candidates),
    )
    yolo_outputs = tuple(yolo_outputs)
    backend = keras.backend.backend()
    if backend not in ("tensorflow", "jax") or is_tracing(yolo_outputs):
        return _yolo_eval(yolo_outputs, *arguments)
    return _compiled_yolo_eval(backend, *arguments)(yolo_outputs)


@functools.lru_cache(maxsize=16)
def _compiled_yolo_eval(backend, *arguments):
    """`_yolo_eval` with these arguments, compiled with XLA for `backend`
    (cached: TensorFlow and JAX then keep one trace per input shape)."""

    def evaluate(yolo_outputs):
        return _yolo_eval(yolo_outputs, *arguments)

    return compile_function(evaluate, "yolo_eval", xla=True)


def _yolo_eval(
    yolo_outputs, image_shape, max_boxes, score_threshold, iou_threshold, max_candidates
):
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    corners = boxes_to_corners(box_xy, box_wh)
    scores, corners, classes, mask = yolo_filter_boxes(
        corners, box_confidence, box_class_probs, score_threshold
    )
    corners = scale_boxes(corners, image_shape)
    scores = ops.where(mask, scores, ops.zeros_like(scores) - 1.0)
    # NMS over the best `max_candidates` boxes only: (k, k) IoUs, not (N, N).
    k = min(max_candidates, ops.shape(scores)[1])
    scores, order = ops.top_k(scores, k)
    corners = ops.take_along_axis(corners, order[..., None], axis=1)
    classes = ops.take_along_axis(classes, order, axis=1)
    indices, count = non_max_suppression(
        corners,
        scores,
        max_output_size=max_boxes,
        iou_threshold=iou_threshold,
        score_threshold=0.0,
    )
    valid = ops.arange(max_boxes)[None, :] < count[:, None]
    boxes = ops.take_along_axis(corners, indices[..., None], axis=1)
    confidence = ops.take_along_axis(scores, indices, axis=1)
    labels = ops.take_along_axis(classes, indices, axis=1)
    return {
        "boxes": ops.where(valid[..., None], boxes, ops.zeros_like(boxes)),
        "confidence": ops.where(valid, confidence, ops.zeros_like(confidence)),
        "labels": ops.where(valid, labels, ops.full_like(labels, -1)),
        "num_detections": count,
    }
