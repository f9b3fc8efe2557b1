"""Callbacks: stopping at a target, and a per-batch learning-rate finder."""

from keras_course.callbacks.lr_finder import (
    LRFinder,
    LRFinderResult,
    find_learning_rate,
)
from keras_course.callbacks.threshold_stopping import ThresholdStopping

__all__ = ["LRFinder", "LRFinderResult", "ThresholdStopping", "find_learning_rate"]
