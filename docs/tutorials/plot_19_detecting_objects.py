"""
DLS C4W3: Detecting objects with a YOLO head
============================================

Course 4 week 3 runs a pretrained YOLOv2 on road images: the network's
19×19×425 output is decoded by ``yolo_head``, filtered by score, scaled and
cleaned by non-max suppression, one image at a time. Here the same steps
are :class:`keras_course.layers.YOLOHead` and
:func:`keras_course.ops.yolo_eval`, for a whole batch in one call. No
pretrained weights can be downloaded where this documentation is built, so
the second half trains :class:`keras_course.applications.YOLODetector` from
scratch on generated shapes, briefly.
"""

import time

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import YOLODetector
from keras_course.datasets import synthetic_shapes
from keras_course.layers import YOLOHead
from keras_course.ops import mean_average_precision, yolo_eval
from keras_course.visualization import draw_boxes

# %%
# Post-processing a course-sized output
# -------------------------------------
# Random raw outputs of the course's shape, with a few confident boxes.
rng = np.random.default_rng(0)
raw = rng.normal(size=(8, 19, 19, 5, 85)).astype("float32")
raw[..., 4] = rng.normal(-3.0, 3.0, size=raw.shape[:-1])
raw[..., 5:] *= 4.0
# ``YOLOHead`` returns the current notebook's ``yolo_outputs``:
# ``(box_xy, box_wh, box_confidence, box_class_probs)``.
yolo_outputs = YOLOHead()(raw.reshape(8, 19, 19, 425))
xy, wh, confidence, probabilities = yolo_outputs
print("box_xy", tuple(xy.shape), "box_class_probs", tuple(probabilities.shape))

# ``yolo_eval`` compiles itself on its first call and keeps the compiled
# function: the second call with the same arguments is the fast one.
for call in ("first call (compiles)", "second call"):
    start = time.perf_counter()
    detections = yolo_eval(yolo_outputs, image_shape=(720, 1280))
    print(f"8 images in {time.perf_counter() - start:.3f} s, {call}")
print("detections per image:", np.asarray(detections["num_detections"]).tolist())

# %%
# The result follows keras-hub's convention: padded ``boxes`` (pixels,
# ``(y1, x1, y2, x2)``), ``confidence``, ``labels`` (-1 for padding) and
# ``num_detections``.
first = {k: np.asarray(v)[0] for k, v in detections.items() if k != "num_detections"}
draw_boxes(np.full((720, 1280, 3), 0.9), first)
plt.show()

# %%
# Training a small detector on generated shapes
# ---------------------------------------------
classes = ("circle", "square", "triangle")
# 64-pixel images and a three-block backbone keep this page quick; the
# benchmark trains the default (128 pixels, four blocks).
images, targets = synthetic_shapes(3000, 64, classes=classes, max_objects=3, seed=0)
held_out, held_targets = synthetic_shapes(
    100, 64, classes=classes, max_objects=3, seed=1
)
keras.utils.set_random_seed(0)
detector = YOLODetector(
    num_classes=3, input_shape=(64, 64, 3), filters=(16, 32, 64), class_names=classes
)
grid = detector.grid_size
print(f"{detector.count_params():,} parameters, grid {grid}x{grid}")
start = time.perf_counter()
history = detector.fit(images, targets, epochs=8, batch_size=32, verbose=0)
print(f"trained 8 epochs in {time.perf_counter() - start:.0f} s")

# %%
predictions = detector.predict_boxes(held_out)
truth = [{"boxes": t["boxes"], "labels": t["classes"]} for t in held_targets]
score = mean_average_precision(predictions, truth)["mAP"]
print(f"mAP@0.5 on 100 new images: {score:.3f}")
fig, axes = plt.subplots(1, 4, figsize=(12, 3))
for i, ax in enumerate(axes):
    draw_boxes(
        held_out[i],
        {k: v[i] for k, v in predictions.items() if k != "num_detections"},
        classes,
        ax=ax,
    )
plt.show()

# %%
# Your own data pipeline and backbone
# -----------------------------------
# ``fit`` also takes a ``tf.data.Dataset`` of ``(images, {"boxes",
# "classes"})`` batches with ragged boxes (a different number per image, as
# detection sets come); the targets are encoded inside the training step. Any
# Keras model from images to a feature map can replace the built-in backbone:
# here a small strided CNN, but a ``keras.applications`` base with
# ``include_top=False`` works the same way (its ImageNet weights need a
# download).
import tensorflow as tf  # noqa: E402

boxes = tf.ragged.constant([t["boxes"].tolist() for t in targets[:256]], ragged_rank=1)
labels = tf.ragged.constant([t["classes"].tolist() for t in targets[:256]])
dataset = tf.data.Dataset.from_tensor_slices(
    (images[:256], {"boxes": boxes, "classes": labels})
).batch(32)
# A backbone of your own gets the raw pixels: it scales them itself.
backbone = keras.Sequential(
    [keras.Input((64, 64, 3)),
     keras.layers.Rescaling(1 / 255),
     keras.layers.Conv2D(16, 3, strides=2, padding="same", activation="relu"),
     keras.layers.Conv2D(32, 3, strides=2, padding="same", activation="relu"),
     keras.layers.Conv2D(64, 3, strides=2, padding="same", activation="relu")],
    name="my_backbone",
)  # fmt: skip
custom = YOLODetector(num_classes=3, input_shape=(64, 64, 3), backbone=backbone)
history = custom.fit(dataset, epochs=2, verbose=0)
print(f"grid {custom.grid_shape}, loss {history.history['loss'][0]:.1f} -> "
      f"{history.history['loss'][-1]:.1f}")  # fmt: skip
