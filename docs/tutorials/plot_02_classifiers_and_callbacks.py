"""
TiP C1W2-3: Fashion-MNIST with a callback, and three classes
============================================================

Course 1 trains Fashion-MNIST with a hand-written callback that stops at a
target accuracy; course 2 week 4 moves from two classes to three (rock,
paper, scissors) with a softmax and one-hot labels. With keras-course each
model is one line and the callback is :class:`ThresholdStopping`.

The real Fashion-MNIST and rock-paper-scissors come from tensorflow-datasets
(:func:`keras_course.datasets.load_fashion_mnist`,
:func:`keras_course.datasets.load_rock_paper_scissors`), which needs a
download this documentation build cannot make. So this page trains on
**generated** images of shapes of the same sizes; the calls are the same.
"""

import keras
import numpy as np

from keras_course.applications import (
    FashionMNISTClassifier,
    RockPaperScissorsClassifier,
)
from keras_course.callbacks import ThresholdStopping
from keras_course.datasets import synthetic_shapes
from keras_course.visualization import plot_feature_maps, plot_history, plot_images

# %%
# Fashion-MNIST-sized data: 28×28, one channel
# --------------------------------------------
# Four shapes stand in for ten garments; grey levels as in Fashion-MNIST.
classes = ["circle", "square", "cross", "bar"]
images, labels = synthetic_shapes(2000, image_size=28, classes=classes, seed=0)
grey = images.mean(axis=-1, keepdims=True)
x_train, y_train, x_test, y_test = (
    grey[:1600],
    labels[:1600],
    grey[1600:],
    labels[1600:],
)
plot_images(x_train, y_train, classes, max_images=8)

# %%
# The course's callback, as a class: stop once training accuracy passes 0.95
# (the course's assignment uses 0.99 on MNIST).
keras.utils.set_random_seed(0)
model = FashionMNISTClassifier("cnn")  # Conv 64-64 + Dense 128, Adam
stop = ThresholdStopping("accuracy", 0.95)
history = model.fit(x_train, y_train, epochs=20, verbose=0, callbacks=[stop])
print(f"stopped after {len(history.epoch)} epochs")
print(
    "test accuracy:",
    round(model.evaluate(x_test, y_test, return_dict=True, verbose=0)["accuracy"], 3),
)

# %%
# What the convolutions see: the course's "intermediate representations".
plot_feature_maps(model, x_test[0], max_channels=6)

# %%
# Three classes: rock, paper, scissors
# ------------------------------------
# Course 2 week 4: 150×150 inputs, four conv blocks, Dropout(0.5), a softmax
# over three classes. The course one-hot encodes the labels; here they stay
# integers (sparse cross-entropy, the same loss), as every application takes
# them. Generated circles, squares and crosses play the three hands; like
# every image application, the model takes raw pixels in [0, 255].
names = ["circle", "square", "cross"]
images, labels = synthetic_shapes(600, image_size=64, classes=names, seed=1)
keras.utils.set_random_seed(0)
rps = RockPaperScissorsClassifier((64, 64, 3), class_names=names)
history = rps.fit(
    images[:500],
    labels[:500],
    validation_data=(images[500:], labels[500:]),
    epochs=15,
    verbose=0,
    callbacks=[ThresholdStopping("val_accuracy", 0.95)],
)
plot_history(history)
print(rps.predict_images(images[500:503], top=2))
print("true:", [names[i] for i in np.asarray(labels[500:503])])
