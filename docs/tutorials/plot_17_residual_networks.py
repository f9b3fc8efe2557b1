"""
DLS C4W2: Residual networks
===========================

Course 4 week 2 builds ResNet50 from two blocks: the *identity block*, whose
input is added back to its output, and the *convolutional block*, whose
shortcut is a strided 1×1 convolution. Here they are real layers,
:class:`keras_course.layers.IdentityBlock` and
:class:`keras_course.layers.ConvolutionalBlock`, and the course's ResNet50 is
:class:`keras_course.applications.CourseResNet50`. The course trains it on
SIGNS (64×64 photos of hands showing 0 to 5 fingers); that set needs a
download, so this page uses :func:`keras_course.datasets.synthetic_signs`, a
generated stand-in (a palm and 0 to 5 finger-like bars, not photographs).
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import CourseResNet50
from keras_course.datasets import synthetic_signs
from keras_course.layers import ConvolutionalBlock, IdentityBlock
from keras_course.visualization import plot_history, plot_images

# %%
# The blocks
# ----------
# An identity block keeps the shape; a convolutional block with stride 2
# halves the size and sets the width to ``F3``.
x = np.random.default_rng(0).normal(size=(2, 15, 15, 256)).astype("float32")
print("identity     ", tuple(IdentityBlock(3, (64, 64, 256))(x).shape))
print("convolutional", tuple(ConvolutionalBlock(3, (128, 128, 512))(x).shape))

# %%
# BatchNormalization inside follows ``training``: batch statistics while
# training, moving averages otherwise, so the same input gives two outputs.
block = IdentityBlock(3, (64, 64, 256))
gap = keras.ops.max(keras.ops.abs(block(x, training=True) - block(x, training=False)))
print(f"largest difference, training vs inference: {float(gap):.3f}")

# %%
# The course's ResNet50
# ---------------------
# The course's parameter counts, exactly.
resnet = CourseResNet50()
frozen = sum(int(np.prod(w.shape)) for w in resnet.non_trainable_weights)
print(f"{resnet.count_params():,} parameters, {frozen:,} non-trainable")

# %%
# The data
# --------
images, labels = synthetic_signs(1080, seed=0)
test_images, test_labels = synthetic_signs(120, seed=1)
plot_images(images, labels, class_names=[str(i) for i in range(6)], max_images=8)
plt.show()

# %%
# Training a small residual network
# ---------------------------------
# The full ResNet50 takes minutes an epoch on two CPU cores; a stem and three
# blocks learn to count bars in seconds (``CourseResNet50().fit`` is the same
# call). One lesson from measuring it: with BatchNorm's default momentum of
# 0.99 the moving averages, which inference uses, trail the weights for many
# epochs on a set this small, and held-out accuracy stays near chance while
# training accuracy climbs; ``momentum=0.9`` lets them keep up.
keras.utils.set_random_seed(0)
inputs = keras.Input((64, 64, 3))
h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
h = keras.layers.MaxPooling2D()(h)
h = ConvolutionalBlock(3, (16, 16, 32), strides=2, momentum=0.9)(h)
h = IdentityBlock(3, (16, 16, 32), momentum=0.9)(h)
h = ConvolutionalBlock(3, (32, 32, 64), strides=2, momentum=0.9)(h)
h = keras.layers.GlobalAveragePooling2D()(h)
outputs = keras.layers.Dense(6, activation="softmax")(h)
small = keras.Model(inputs, outputs)
small.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
history = small.fit(
    images, labels, epochs=16, batch_size=32, verbose=0,
    validation_data=(test_images, test_labels),
)  # fmt: skip
print(f"held-out accuracy: {history.history['val_accuracy'][-1]:.3f} (chance 0.167)")
plot_history(history, metrics=("accuracy",))
plt.show()

# %%
# ``CourseResNet50`` or ``keras.applications.ResNet50``?
# -------------------------------------------------------
# The same 16 bottleneck blocks. The course's model ends with a 2×2 average
# pooling and a flatten sized for 64×64 inputs (Keras's uses global pooling,
# any size) and uses BatchNorm's default epsilon; it has no pretrained
# weights. Use it to follow or check the course; use
# ``keras.applications.ResNet50(weights="imagenet")`` to transfer ImageNet
# features.
