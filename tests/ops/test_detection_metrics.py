import numpy as np
import pytest

from keras_course.ops import mean_average_precision

TRUTH = [
    {"boxes": [[0, 0, 10, 10], [20, 20, 30, 30]], "labels": [0, 1]},
    {"boxes": [[0, 0, 10, 10]], "labels": [0]},
]


def test_hand_computed_case():
    # Class 0: 2 true boxes. Ranked predictions: 0.9 hit (image 0), 0.8 miss,
    # 0.7 hit (image 1), 0.6 duplicate of the first hit (a miss).
    # Precision at the hits: 1/1 and 2/3 -> AP = 0.5 * 1 + 0.5 * 2/3.
    preds = [
        {"boxes": [[0, 0, 10, 10], [50, 50, 60, 60], [1, 1, 10, 10], [20, 20, 30, 30]],
         "labels": [0, 0, 0, 1], "confidence": [0.9, 0.8, 0.6, 0.5]},
        {"boxes": [[0, 1, 10, 10]], "labels": [0], "confidence": [0.7]},
    ]  # fmt: skip
    result = mean_average_precision(preds, TRUTH)
    assert result["per_class"][0] == pytest.approx(0.5 + 0.5 * 2 / 3)
    assert result["per_class"][1] == pytest.approx(1.0)
    assert result["mAP"] == pytest.approx((0.5 + 0.5 * 2 / 3 + 1.0) / 2)


def test_padded_dict_from_yolo_eval_and_perfect_predictions():
    padded = {
        "boxes": np.array([[[0, 0, 10, 10], [20, 20, 30, 30], [0, 0, 0, 0]],
                           [[0, 0, 10, 10], [0, 0, 0, 0], [0, 0, 0, 0]]], "float32"),
        "labels": np.array([[0, 1, -1], [0, -1, -1]]),
        "confidence": np.array([[0.9, 0.8, 0.0], [0.7, 0.0, 0.0]]),
        "num_detections": np.array([2, 1]),
    }  # fmt: skip
    assert mean_average_precision(padded, TRUTH)["mAP"] == pytest.approx(1.0)


def test_no_predictions_and_bad_input():
    empty = [{"boxes": np.zeros((0, 4)), "labels": [], "confidence": []}] * 2
    assert mean_average_precision(empty, TRUTH)["mAP"] == 0.0
    with pytest.raises(ValueError, match="iou_threshold"):
        mean_average_precision(empty, TRUTH, iou_threshold=1.5)
    with pytest.raises(ValueError, match="images"):
        mean_average_precision(empty[:1], TRUTH)
    with pytest.raises(ValueError, match="confidence"):
        mean_average_precision([{"boxes": [[0, 0, 1, 1]], "labels": [0]}], TRUTH[:1])
