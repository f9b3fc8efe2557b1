"""keras-course: the course building blocks as real Keras 3 components.

Importing the package registers every public layer, loss and model with Keras so
saved `.keras` files load in safe mode. Heavy dependencies (keras-hub,
tensorflow-datasets, matplotlib) are installed with it but imported only when a
function needs them, so `import keras_course` stays light.
"""

from keras_course import (
    applications,
    callbacks,
    config,
    datasets,
    layers,
    losses,
    ops,
    preprocessing,
    visualization,
)
from keras_course.version import __version__

__all__ = [
    "NAMESPACES",
    "__version__",
    "applications",
    "callbacks",
    "config",
    "datasets",
    "layers",
    "losses",
    "ops",
    "preprocessing",
    "visualization",
]

NAMESPACES = tuple(__all__[2:])
