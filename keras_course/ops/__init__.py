"""Pure functions: forecasting baselines and metrics, box utilities."""

from keras_course.ops.boxes import (
    boxes_to_corners,
    corners_to_boxes,
    iou,
    non_max_suppression,
    scale_boxes,
    yolo_eval,
    yolo_filter_boxes,
)
from keras_course.ops.detection_metrics import event_f1, mean_average_precision
from keras_course.ops.forecasting import (
    autoregressive_forecast,
    differenced_forecast,
    mae,
    moving_average_forecast,
    mse,
    naive_forecast,
    seasonal_difference,
)
from keras_course.ops.gradient_check import GradientCheckResult, gradient_check
from keras_course.ops.style import (
    content_cost,
    gram_matrix,
    layer_style_cost,
    style_cost,
    total_cost,
)
from keras_course.ops.transformer import (
    create_look_ahead_mask,
    create_padding_mask,
    positional_encoding,
)
from keras_course.ops.triplet import triplet_loss
from keras_course.ops.word_vectors import (
    WordVectors,
    complete_analogy,
    cosine_similarity,
    equalize,
    neutralize,
)
from keras_course.ops.yolo_targets import (
    encode_yolo_targets,
    encode_yolo_targets_batch,
    pad_box_targets,
)

__all__ = [
    "GradientCheckResult",
    "WordVectors",
    "autoregressive_forecast",
    "boxes_to_corners",
    "complete_analogy",
    "content_cost",
    "corners_to_boxes",
    "cosine_similarity",
    "create_look_ahead_mask",
    "create_padding_mask",
    "differenced_forecast",
    "encode_yolo_targets",
    "encode_yolo_targets_batch",
    "equalize",
    "event_f1",
    "gradient_check",
    "gram_matrix",
    "iou",
    "layer_style_cost",
    "mae",
    "mean_average_precision",
    "moving_average_forecast",
    "mse",
    "naive_forecast",
    "neutralize",
    "non_max_suppression",
    "pad_box_targets",
    "positional_encoding",
    "scale_boxes",
    "seasonal_difference",
    "style_cost",
    "total_cost",
    "triplet_loss",
    "yolo_eval",
    "yolo_filter_boxes",
]
