"""Matplotlib plots; matplotlib is imported on first use, not with the package."""

from keras_course.visualization.attention import plot_attention
from keras_course.visualization.boxes import draw_boxes
from keras_course.visualization.decision_boundary import plot_decision_boundary
from keras_course.visualization.embeddings import export_embeddings
from keras_course.visualization.history import plot_history
from keras_course.visualization.images import plot_feature_maps, plot_images
from keras_course.visualization.masks import plot_masks
from keras_course.visualization.series import plot_series

__all__ = [
    "draw_boxes",
    "export_embeddings",
    "plot_attention",
    "plot_decision_boundary",
    "plot_feature_maps",
    "plot_history",
    "plot_images",
    "plot_masks",
    "plot_series",
]
