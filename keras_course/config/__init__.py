"""Opt-in global settings. Importing keras_course changes none of them."""

from keras_course.config.precision import matmul_precision, set_matmul_precision

__all__ = ["matmul_precision", "set_matmul_precision"]
