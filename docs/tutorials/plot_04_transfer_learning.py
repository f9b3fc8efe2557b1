"""
TiP C2W3: Transfer learning with InceptionV3
============================================

Course 2 week 3 downloads InceptionV3's ImageNet weights, freezes the
network, cuts it at layer ``mixed7`` and trains a small head on cats vs
dogs (about 0.96 validation accuracy). That is
:class:`keras_course.applications.TransferLearningClassifier` at its
defaults.

The ImageNet weights come through Keras's own download, which this
documentation build cannot make; offline the model says so, and
``weights=None`` builds the same network with random weights, which is what
this page does. With the download it is the same call without
``weights=None``.
"""

import os
import tempfile

import keras
import matplotlib.pyplot as plt

from keras_course.applications import TransferLearningClassifier

model = TransferLearningClassifier(weights=None)  # weights="imagenet" by default
print("cut at:", model.get_layer("mixed7").output.shape)
trainable = sum(int(keras.ops.size(w)) for w in model.trainable_weights)
print(f"{model.count_params():,} parameters, {trainable:,} trainable (the head)")

# %%
# Offline, the default (``weights="imagenet"``) fails with a message that
# says what to do, for example:
#
# .. code-block:: text
#
#     OSError: Could not get the ImageNet weights of InceptionV3 (URL fetch
#     failure on https://storage.googleapis.com/...: [Errno -2] Name or service
#     not known). Keras downloads them once into $KERAS_HOME/models
#     (inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5). Offline:
#     pass weights=None (random initial weights), or
#     weights='/path/to/the/file.h5' for a local copy.
#
# A saved model reloads without the download: its weights are in the
# ``.keras`` file.
path = os.path.join(tempfile.mkdtemp(), "transfer.keras")
model.save(path)
reloaded = keras.saving.load_model(path, safe_mode=True)
print(type(reloaded).__name__, f"{reloaded.count_params():,}")

# %%
# Fine-tuning
# -----------
# After the head has trained, the course unfreezes the top of the base and
# trains again at a low rate. ``fine_tune(at)`` names the first base layer
# to train and recompiles at a tenth of the rate: from ``mixed6`` on, the
# last Inception block before the cut trains too (``fine_tune_at=`` builds
# the model that way, as a saved one reloads).
tuned = TransferLearningClassifier(weights=None).fine_tune("mixed6")
trainable = sum(int(keras.ops.size(w)) for w in tuned.trainable_weights)
print(f"fine-tuning from mixed6: {trainable:,} trainable parameters")
print("learning rate:", float(tuned.optimizer.learning_rate))

# %%
# What trains, before and after ``fine_tune``: the parameters of the base
# (frozen) and of what trains, in millions.
fig, ax = plt.subplots(figsize=(6, 2.6))
for row, net in enumerate((model, tuned)):
    trains = sum(int(keras.ops.size(w)) for w in net.trainable_weights) / 1e6
    frozen = net.count_params() / 1e6 - trains
    ax.barh(row, trains, color="tab:orange", label=None if row else "trains")
    ax.barh(row, frozen, left=trains, color="tab:gray", label=None if row else "frozen")
ax.set_yticks([0, 1], ["head only", "fine-tuning from mixed6"])
ax.set_xlabel("parameters (millions)")
ax.legend()
plt.tight_layout()
plt.show()

# %%
# A lighter base: ``architecture="mobilenet_v2"`` (2.3 M parameters instead
# of 8.9 M up to ``mixed7``) for CPUs and small images.
small = TransferLearningClassifier(
    architecture="mobilenet_v2", weights=None, input_shape=(96, 96, 3), num_classes=3
)
print(f"MobileNetV2 base, 3 classes: {small.count_params():,} parameters")
