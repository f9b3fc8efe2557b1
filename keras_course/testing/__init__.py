"""Test harness for keras-course components (and for your own layers)."""

from keras_course.testing.devices import (
    configure_virtual_devices,
    cpu_devices,
    without_autotune,
)
from keras_course.testing.gpu_paths import cudnn_lstm_on_cpu
from keras_course.testing.processes import free_port, run_processes
from keras_course.testing.test_case import RELOAD_VARIABLE, TestCase

__all__ = [
    "RELOAD_VARIABLE",
    "TestCase",
    "configure_virtual_devices",
    "cpu_devices",
    "cudnn_lstm_on_cpu",
    "free_port",
    "run_processes",
    "without_autotune",
]
