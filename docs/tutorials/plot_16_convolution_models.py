"""
DLS C4W1: Convolutions step by step, the Happy House and SIGNS
==============================================================

*Deep Learning Specialization*, course 4 week 1. The first assignment writes a
convolution and a pooling layer in NumPy with four nested loops; the second
builds two small Keras models: the "Happy House" classifier with the
Sequential API and the SIGNS ConvNet with the Functional API. Here the loops
live in :mod:`keras_course.reference` (the course's code, used as an oracle),
Keras's own ``Conv2D`` and ``MaxPooling2D`` do the work, and the two models
are :class:`keras_course.applications.HappyHouseClassifier` and
:class:`keras_course.applications.SignsClassifier`.

The course's pictures (faces at the Happy House's door, hands showing 0 to 5
fingers) are not public, so this page trains on generated stand-ins:
:func:`keras_course.datasets.synthetic_happy_faces` (drawn faces whose mouth
curves up or not) and :func:`keras_course.datasets.synthetic_signs` (a palm
with 0 to 5 finger-like bars). They are not photographs, and the accuracies
below say nothing about the course's data.
"""

import time

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course import reference
from keras_course.applications import HappyHouseClassifier, SignsClassifier
from keras_course.datasets import synthetic_happy_faces, synthetic_signs
from keras_course.visualization import plot_history, plot_images

# %%
# The course's loops and Keras's layer
# ------------------------------------
# ``conv_forward`` with the assignment's shapes (10 examples of 5×7×4, eight
# 3×3 filters, pad 1, stride 2), and ``ZeroPadding2D(1)`` + ``Conv2D(8, 3,
# strides=2)`` with the same weights.
rng = np.random.default_rng(1)
A_prev = rng.normal(size=(10, 5, 7, 4)).astype("float32")
W = rng.normal(size=(3, 3, 4, 8)).astype("float32")
b = rng.normal(size=(1, 1, 1, 8)).astype("float32")

started = time.perf_counter()
Z, _ = reference.course_conv_forward(A_prev, W, b, {"pad": 1, "stride": 2})
loops = time.perf_counter() - started

conv = keras.layers.Conv2D(8, 3, strides=2)
layer = keras.Sequential([keras.Input((5, 7, 4)), keras.layers.ZeroPadding2D(1), conv])
conv.set_weights([W, b.reshape(8)])
layer(A_prev)  # the first call builds; time the second
started = time.perf_counter()
ours = keras.ops.convert_to_numpy(layer(A_prev))
keras_time = time.perf_counter() - started
print(f"output {Z.shape}, largest difference {np.abs(ours - Z).max():.1e}")
print(f"course loops {loops * 1e3:.1f} ms, Keras {keras_time * 1e3:.1f} ms")

# %%
# Pooling: the course's ``pool_forward`` has a stride of its own; Keras's
# ``MaxPooling2D`` strides by the pool size unless told otherwise.
A, _ = reference.course_pool_forward(A_prev, {"f": 3, "stride": 1}, mode="max")
pooled = keras.layers.MaxPooling2D(pool_size=3, strides=1)(A_prev)
print("max pooling, largest difference:", float(np.abs(pooled - A).max()))

# %%
# The Happy House
# ---------------
# ``ZeroPadding2D(3)`` → ``Conv2D(32, 7)`` → ``BatchNormalization`` → ReLU →
# ``MaxPooling2D`` → ``Flatten`` → ``Dense(1, sigmoid)``: the course's 37,633
# parameters, 64 of them the BatchNorm's moving statistics.
happy = HappyHouseClassifier()
frozen = sum(int(np.prod(w.shape)) for w in happy.non_trainable_weights)
print(f"{happy.count_params():,} parameters, {frozen} non-trainable")

faces, smiles = synthetic_happy_faces(600, seed=0)
test_faces, test_smiles = synthetic_happy_faces(150, seed=1)
plot_images(faces, smiles, class_names=happy.class_names, max_images=8)
plt.show()

# %%
# The course's recipe: 10 epochs, batches of 16, Adam.
keras.utils.set_random_seed(0)
history = happy.fit(
    faces,
    smiles,
    epochs=10,
    batch_size=16,
    validation_data=(test_faces, test_smiles),
    verbose=0,
)
plot_history(history, metrics=("accuracy",))
plt.show()
print("test accuracy", round(happy.evaluate(test_faces, test_smiles, verbose=0)[1], 3))
print(happy.predict_images(test_faces[:3]))

# %%
# The SIGNS ConvNet
# -----------------
# ``Conv2D(8, 4, same)`` → ReLU → ``MaxPooling2D(8, 8, same)`` →
# ``Conv2D(16, 2, same)`` → ReLU → ``MaxPooling2D(4, 4, same)`` → ``Flatten``
# → ``Dense(6, softmax)``: 1,310 parameters. The course trains with Adam at
# 0.01; on these stand-ins that rate stalled at chance on 3 of 5 seeds, so the
# default is Adam at 1e-3 (see the benchmarks page).
signs = SignsClassifier()
signs.summary()

# %%
# The course trains 100 epochs of 1,080 pictures with batches of 64; this page
# trains 20 to keep the docs build short.
hands, fingers = synthetic_signs(1080, seed=0)
test_hands, test_fingers = synthetic_signs(120, seed=1)
history = signs.fit(
    hands,
    fingers,
    epochs=20,
    batch_size=64,
    validation_data=(test_hands, test_fingers),
    verbose=0,
)
plot_history(history, metrics=("accuracy",))
plt.show()
print("test accuracy", round(signs.evaluate(test_hands, test_fingers, verbose=0)[1], 3))
