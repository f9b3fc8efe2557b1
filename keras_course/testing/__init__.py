"""Test harness for keras-course components (and for your own layers)."""

from keras_course.testing.devices import (
    configure_virtual_devices,
    cpu_devices,
    without_autotune,
)
from keras_course.testing.processes import free_port, run_processes
from keras_course.testing.test_case import TestCase

__all__ = [
    "TestCase",
    "configure_virtual_devices",
    "cpu_devices",
    "free_port",
    "run_processes",
    "without_autotune",
]
