"""Layers that replace the courses' Lambda layers and notebook code."""

from keras_course.layers.expand_dims import ExpandDims
from keras_course.layers.scale import Scale
from keras_course.layers.sliding_window import SlidingWindow

__all__ = ["ExpandDims", "Scale", "SlidingWindow"]
