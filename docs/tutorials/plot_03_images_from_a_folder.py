"""
TiP C1W4-C2W2: Images from a folder, augmented, classified
==========================================================

Courses 1–2 of *TensorFlow in Practice* load horses-or-humans and cats-vs-dogs
with ``ImageDataGenerator(...).flow_from_directory``, split the cats-vs-dogs
download by hand (skipping its zero-byte files), augment with
``ImageDataGenerator`` arguments and train a small CNN. ``ImageDataGenerator``
is gone from Keras 3; here is each step with keras-course.

The real data needs a download, which this documentation build cannot do,
so the page writes a folder of **generated** images (circles and squares,
:func:`keras_course.datasets.synthetic_shapes`) and plants a zero-byte file
and a non-image file in it, as the real cats-vs-dogs download has.
"""

import os
import tempfile
import warnings

import keras

from keras_course.applications import HorseOrHumanClassifier
from keras_course.callbacks import ThresholdStopping
from keras_course.datasets import (
    image_folder_dataset,
    split_image_folder,
    synthetic_shapes,
)
from keras_course.layers import course_augmentation
from keras_course.visualization import plot_history, plot_images

root = tempfile.mkdtemp()
source = os.path.join(root, "shapes")
images, labels = synthetic_shapes(600, image_size=64, seed=0)
for index, (image, label) in enumerate(zip(images, labels, strict=True)):
    folder = os.path.join(source, ("circles", "squares")[label])
    os.makedirs(folder, exist_ok=True)
    keras.utils.save_img(os.path.join(folder, f"{index}.jpg"), image, scale=False)
open(os.path.join(source, "circles", "666.jpg"), "wb").close()  # zero bytes
with open(os.path.join(source, "squares", "Thumbs.jpg"), "w") as f:
    f.write("not an image")

# %%
# Split into training and validation
# ----------------------------------
# The assignment's ``split_data``: shuffle each class, copy 90% to
# ``training/`` and the rest to ``validation/``, skip what is not an image.
# It warns and returns the skipped files.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    split = split_image_folder(source, os.path.join(root, "split"), seed=0)
print(split.training, split.validation)
print("skipped:", [(os.path.basename(p), why) for p, why in split.skipped])

# %%
# Load a folder
# -------------
# ``image_folder_dataset`` is ``flow_from_directory(target_size=(64, 64),
# class_mode="binary")``: Keras's ``image_dataset_from_directory``, raw
# pixels in [0, 255]; the course's ``rescale=1/255`` is the model's first
# layer (``rescale=1/255`` here is there for a model of your own). On the
# unsplit folder, the two bad files are found, reported and dropped instead
# of crashing the epoch.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    raw = image_folder_dataset(source, image_size=64, seed=0)
print(f"{len(caught)} warning: {str(caught[0].message)[:90]}...")
print("skipped_files:", [os.path.basename(p) for p, _ in raw.skipped_files])

train = image_folder_dataset(os.path.join(root, "split", "training"), 64, seed=0)
validation = image_folder_dataset(
    os.path.join(root, "split", "validation"), 64, shuffle=False
)
plot_images(train, max_images=8)

# %%
# Augmentation inside the model
# -----------------------------
# ``course_augmentation()`` is the course's ``ImageDataGenerator(
# rotation_range=40, width_shift_range=0.2, height_shift_range=0.2,
# shear_range=0.2, zoom_range=0.2, horizontal_flip=True, fill_mode="nearest")``
# as Keras layers. It runs in training only and saves with the model.
augment = course_augmentation(seed=0)
batch, batch_labels = next(iter(train))
plot_images(augment(batch[:8], training=True), batch_labels[:8], train.class_names)

# %%
# The course's CNN, in one line
# -----------------------------
# ``HorseOrHumanClassifier`` is the course model (1,704,097 parameters at
# 300×300, RMSprop(1e-3), binary cross-entropy); at 64×64 it has three
# blocks, as the course's 150×150 variant.
keras.utils.set_random_seed(0)
model = HorseOrHumanClassifier((64, 64, 3), class_names=train.class_names)
stop = ThresholdStopping("val_accuracy", 0.95)
history = model.fit(
    train, validation_data=validation, epochs=20, verbose=0, callbacks=[stop]
)
plot_history(history)
print(
    f"validation accuracy {history.history['val_accuracy'][-1]:.3f} after "
    f"{len(history.epoch)} epochs"
)

# %%
# ``predict_images`` takes files (resized to the input, as
# ``flow_from_directory`` does) or arrays, and names the classes:
sample = [
    os.path.join(
        source, "circles", sorted(os.listdir(os.path.join(source, "circles")))[1]
    ),
    os.path.join(
        source, "squares", sorted(os.listdir(os.path.join(source, "squares")))[1]
    ),
]
for path, prediction in zip(sample, model.predict_images(sample), strict=True):
    print(os.path.basename(os.path.dirname(path)), "->", prediction)
