"""
DLS C4W3: Segmentation with U-Net
=================================

Course 4 week 3 trains a U-Net to label every pixel of the CARLA
self-driving images (96×128, 23 classes). The CARLA masks need a download,
so this page trains :class:`keras_course.applications.UNet` on
:func:`keras_course.datasets.synthetic_segmentation`: overlapping shapes
over textured backgrounds, each pixel labelled background or its shape's
class. The blocks are the layers
:class:`keras_course.layers.UNetEncoderBlock` and
:class:`keras_course.layers.UNetDecoderBlock`.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import UNet
from keras_course.datasets import synthetic_segmentation
from keras_course.visualization import plot_history, plot_masks

# %%
# The course's U-Net
# ------------------
print(f"{UNet().count_params():,} parameters at the course's defaults")

# %%
# The data: class 0 is the background, 1-3 circles, squares and triangles.
images, masks = synthetic_segmentation(400, (48, 64), num_classes=4, seed=0)
test_images, test_masks = synthetic_segmentation(50, (48, 64), num_classes=4, seed=1)
print(
    "pixel share of each class:", np.round(np.bincount(masks.ravel()) / masks.size, 3)
)

# %%
# Training
# --------
# A quarter of the course's width (``filters=8``) on 48×64 images keeps
# this page quick; ``benchmarks/unet_segmentation.py`` trains the course's
# width on 96×128.
keras.utils.set_random_seed(0)
model = UNet((48, 64, 3), filters=8, num_classes=4,
             optimizer=keras.optimizers.Adam(3e-3))  # fmt: skip
history = model.fit(
    images, masks, epochs=15, batch_size=16, verbose=0,
    validation_data=(test_images, test_masks),
)  # fmt: skip
plot_history(history)
plt.show()

# %%
# Masks on held-out images
# ------------------------
predicted = model.predict_masks(test_images)
ious = [
    np.logical_and(test_masks == c, predicted == c).sum()
    / np.logical_or(test_masks == c, predicted == c).sum()
    for c in range(4)
]
print(f"pixel accuracy {np.mean(predicted == test_masks):.3f} "
      f"(all background: {np.mean(test_masks == 0):.3f}); "
      f"IoU per class {np.round(ious, 3).tolist()}")  # fmt: skip
plot_masks(test_images, test_masks, predicted, max_images=3)
plt.show()
