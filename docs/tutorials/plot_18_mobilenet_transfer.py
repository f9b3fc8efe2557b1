"""
DLS C4W2: Transfer learning with MobileNetV2
============================================

Course 4 week 2 ends with the "alpaca model": MobileNetV2 trained on
ImageNet, frozen, with a new one-logit head, then fine-tuned from layer 120
at a tenth of the learning rate. That model is
:class:`keras_course.applications.MobileNetV2Transfer`.

**What needs the ImageNet weights.** Transfer learning *is* reusing them;
Keras downloads them once (``weights="imagenet"``), which the machine that
builds these pages cannot do. Everything below uses ``weights=None``: the
model, its parameter counts, the preprocessing and the two training phases
are the course's, but a frozen base with random weights extracts nothing
useful, so the accuracy printed here says nothing about transfer learning.
On a machine with internet access, drop ``weights=None``.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import MobileNetV2Transfer
from keras_course.datasets import synthetic_shapes
from keras_course.visualization import plot_history

# %%
# The course's model
# ------------------
model = MobileNetV2Transfer(weights=None)
trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
print(f"{model.count_params():,} parameters, {trainable:,} trainable")
print([layer.name for layer in model.layers])

# %%
# ``preprocess_input`` is a real layer, so the saved model reloads anywhere in
# safe mode (no Lambda): ``Rescaling(1/127.5, offset=-1)``, the same
# arithmetic as ``keras.applications.mobilenet_v2.preprocess_input``.
pixels = np.array([[[[0.0, 127.5, 255.0]]]], "float32")
print(keras.ops.convert_to_numpy(model.get_layer("preprocess_input")(pixels)))

# %%
# The two phases
# --------------
# Small inputs keep this page quick. Phase 1 trains the head on a frozen
# base; phase 2 unfreezes the base from layer 120 and recompiles at a tenth
# of the rate, as the course does.
keras.utils.set_random_seed(0)
images, labels = synthetic_shapes(256, image_size=96, seed=0)
# The generator yields raw 0-255 pixels, what the model takes, as the course's.
small = MobileNetV2Transfer((96, 96, 3), weights=None)
first = small.fit(images, labels, epochs=2, batch_size=32, verbose=0)
small.fine_tune(at=120)
print("fine-tuning at", float(small.optimizer.learning_rate))
trainable = sum(int(np.prod(w.shape)) for w in small.trainable_weights)
print(f"trainable after fine_tune(120): {trainable:,}")
second = small.fit(images, labels, epochs=2, batch_size=32, verbose=0)
history = {k: first.history[k] + second.history[k] for k in first.history}
plot_history(history)
plt.show()
