"""Losses: the YOLOv2 detection loss."""

from keras_course.losses.yolo_loss import YOLOv2Loss

__all__ = ["YOLOv2Loss"]
