"""Detection quality: VOC-style mean average precision, and F1 of events
in time (trigger words)."""

import numpy as np

from keras_course._validation import check_unit_interval
from keras_course.api_export import keras_course_export


def _per_image(batch, kind):
    """A list of per-image dicts from a list of dicts or one padded dict."""
    if isinstance(batch, dict):
        boxes = np.asarray(batch["boxes"], "float32")
        count = batch.get("num_detections")
        images = []
        for i in range(len(boxes)):
            n = len(boxes[i]) if count is None else int(np.asarray(count)[i])
            images.append({k: np.asarray(v)[i][:n] for k, v in batch.items()
                           if k != "num_detections"})  # fmt: skip
        batch = images
    out = []
    for index, image in enumerate(batch):
        boxes = np.asarray(image["boxes"], "float32").reshape(-1, 4)
        labels = np.asarray(image.get("labels", image.get("classes")), "int64").reshape(
            -1
        )
        if len(labels) != len(boxes):
            raise ValueError(
                f"{kind} image {index}: {len(boxes)} boxes, {len(labels)} labels."
            )
        scores = image.get("confidence", image.get("confidences", image.get("scores")))
        if kind == "predictions":
            if scores is None:
                raise ValueError(f"predictions image {index} has no `confidence`.")
            scores = np.asarray(scores, "float32").reshape(-1)
        keep = labels >= 0  # padding is -1
        out.append(
            (boxes[keep], labels[keep], None if scores is None else scores[keep])
        )
    return out


def _iou_matrix(a, b):
    """IoU of (y1, x1, y2, x2) boxes, (n, m), in NumPy (`keras_course.ops.iou`
    is the backend version; here one box at a time, where NumPy is faster)."""
    top = np.maximum(a[:, None, 0], b[None, :, 0])
    left = np.maximum(a[:, None, 1], b[None, :, 1])
    bottom = np.minimum(a[:, None, 2], b[None, :, 2])
    right = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(bottom - top, 0, None) * np.clip(right - left, 0, None)

    def area(x):
        return np.clip(x[:, 2] - x[:, 0], 0, None) * np.clip(x[:, 3] - x[:, 1], 0, None)

    union = area(a)[:, None] + area(b)[None, :] - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)


@keras_course_export("keras_course.ops.mean_average_precision")
def mean_average_precision(predictions, ground_truth, iou_threshold=0.5):
    """VOC-style mean average precision over classes.

    Per class, predictions of all images are ranked by confidence; each is a
    true positive if it overlaps (IoU ≥ `iou_threshold`) a true box of its
    class in its image that no higher-ranked prediction took, else a false
    positive. AP is the area under the precision-recall curve with precision
    made monotone (VOC 2010 and later); the mean is over classes that have
    true boxes.

    Args:
        predictions: a list (one per image) of dicts with `boxes`
            `(n, 4)` as `(y1, x1, y2, x2)`, `labels` and `confidence` (or
            `confidences` or `scores`); or one padded dict as `yolo_eval`
            returns (labels -1 are padding; `num_detections` is used).
        ground_truth: the same without scores (`labels` or `classes`).
        iou_threshold: float.

    Returns:
        A dict: `"mAP"`, the mean (float), and `"per_class"`, a dict from
        each label to its AP.

    >>> truth = [{"boxes": [[0, 0, 10, 10]], "labels": [0]}]
    >>> preds = [{"boxes": [[0, 0, 10, 9], [20, 20, 30, 30]], "labels": [0, 0],
    ...           "confidence": [0.6, 0.9]}]
    >>> mean_average_precision(preds, truth)  # rank 1 wrong, rank 2 right
    {'mAP': 0.5, 'per_class': {0: 0.5}}
    """
    iou_threshold = check_unit_interval("iou_threshold", iou_threshold)
    predicted = _per_image(predictions, "predictions")
    truth = _per_image(ground_truth, "ground_truth")
    if len(predicted) != len(truth):
        raise ValueError(
            f"{len(predicted)} images of predictions but {len(truth)} of ground truth."
        )
    per_class = {}
    for label in sorted({int(c) for _, labels, _ in truth for c in labels}):
        ranked = []  # (score, image, box)
        positives = 0
        taken = []
        for image, ((boxes, labels, scores), (true_boxes, true_labels, _)) in enumerate(
            zip(predicted, truth, strict=True)
        ):
            mine = labels == label
            ranked += [
                (s, image, b) for b, s in zip(boxes[mine], scores[mine], strict=True)
            ]
            mine = true_boxes[true_labels == label]
            positives += len(mine)
            taken.append((mine, np.zeros(len(mine), bool)))
        ranked.sort(key=lambda r: -r[0])
        hits = []
        for _, image, box in ranked:
            mine, used = taken[image]
            if len(mine) == 0:
                hits.append(False)
                continue
            overlaps = _iou_matrix(box[None], mine)[0]
            overlaps[used] = -1.0
            best = int(np.argmax(overlaps))
            hit = overlaps[best] >= iou_threshold
            if hit:
                used[best] = True
            hits.append(bool(hit))
        hits = np.array(hits, bool)
        true_positives = np.cumsum(hits)
        recall = true_positives / positives
        precision = true_positives / np.arange(1, len(hits) + 1)
        recall = np.concatenate([[0.0], recall, [1.0]])
        precision = np.concatenate([[0.0], precision, [0.0]])
        precision = np.maximum.accumulate(precision[::-1])[::-1]
        steps = np.flatnonzero(recall[1:] != recall[:-1])
        per_class[label] = float(
            np.sum((recall[steps + 1] - recall[steps]) * precision[steps + 1])
        )
    mean = float(np.mean(list(per_class.values()))) if per_class else 0.0
    return {"mAP": mean, "per_class": per_class}


@keras_course_export("keras_course.ops.event_f1")
def event_f1(detected, expected, tolerance):
    """Precision, recall and F1 of detected event times.

    A detection matches an expected event when it lies in
    `[event, event + tolerance]` (a trigger fires after the word ends); each
    event and each detection match at most once, in time order.

    Args:
        detected: a list per clip of detection times (or steps).
        expected: a list per clip of event times, in the same unit.
        tolerance: how late a detection may be.

    Returns:
        `(precision, recall, f1)` floats; 1.0 where nothing was expected
        and nothing detected.

    Example:

    >>> event_f1([[1.2, 5.0]], [[1.0, 3.0]], tolerance=0.5)
    (0.5, 0.5, 0.5)
    """
    if len(detected) != len(expected):
        raise ValueError(
            f"`detected` and `expected` must hold one list per clip. Received "
            f"{len(detected)} and {len(expected)} clips"
        )
    hits = num_detected = num_expected = 0
    for found, events in zip(detected, expected, strict=True):
        found, events = sorted(found), sorted(events)
        num_detected += len(found)
        num_expected += len(events)
        used = set()
        for event in events:
            for index, time in enumerate(found):
                if index not in used and event <= time <= event + tolerance:
                    used.add(index)
                    hits += 1
                    break
    precision = hits / num_detected if num_detected else float(num_expected == 0)
    recall = hits / num_expected if num_expected else float(num_detected == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
