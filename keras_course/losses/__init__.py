"""Losses: the YOLOv2 detection loss and the triplet loss."""

from keras_course.losses.triplet import TripletLoss
from keras_course.losses.yolo_loss import YOLOv2Loss

__all__ = ["TripletLoss", "YOLOv2Loss"]
