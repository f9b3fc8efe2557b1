"""The shared part of the course's image classifiers."""

import os

import keras
import numpy as np

from keras_course._validation import check_images, check_int
from keras_course.applications._fit import FitMixin
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin


def check_class_names(class_names, expected):
    """`class_names` as a list, if it names `expected` classes."""
    class_names = list(class_names)
    if len(class_names) != expected:
        raise ValueError(
            f"`class_names` must name {expected} classes. Received: "
            f"class_names={class_names!r}"
        )
    return class_names


def check_fits(input_shape, blocks):
    """Raises if `blocks` conv (3x3, valid) + pool (2) blocks empty the image."""
    smallest = 1
    for _ in range(blocks):
        smallest = 2 * smallest + 2  # before a pool of 2 and a valid 3x3 conv
    if min(input_shape[:2]) < smallest:
        raise ValueError(
            f"`input_shape` is too small for {blocks} conv blocks: its height "
            f"and width must be at least {smallest}. Received: "
            f"input_shape={tuple(input_shape)}"
        )
    return input_shape


def conv_blocks(x, filters, prefix="conv"):
    """The course's Conv2D(3x3, relu) + MaxPooling2D(2) blocks."""
    check_fits(x.shape[1:], len(filters))
    for index, count in enumerate(filters):
        x = keras.layers.Conv2D(count, 3, activation="relu", name=f"{prefix}_{index}")(
            x
        )
        x = keras.layers.MaxPooling2D(2, name=f"pool_{index}")(x)
    return x


def classifier_output(x, num_classes, name="prediction"):
    """One sigmoid unit for two classes, else a softmax over the classes."""
    if num_classes <= 2:
        return keras.layers.Dense(1, activation="sigmoid", name=name)(x)
    return keras.layers.Dense(num_classes, activation="softmax", name=name)(x)


class ImageClassifier(PresetMixin, FitMixin, keras.Model):
    """A functional course model that knows its class names.

    Subclasses build the graph, then call `super().__init__(inputs, outputs,
    class_names=...)`; `get_config` is the subclass's constructor arguments.
    """

    def __init__(self, inputs, outputs, class_names, **kwargs):
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)
        self.class_names = list(class_names)

    def compile_course(self, optimizer, default, loss):
        """Compiles with `optimizer` (or the course's `default`), `loss` and
        accuracy, keeping the optimizer's config for `get_config`."""
        optimizer, self.optimizer_config = course_optimizer(optimizer, default)
        self.compile(optimizer, loss, metrics=["accuracy"])

    def predict_images(self, images, top=1):
        """Class names and probabilities for image files or raw pixels.

        Args:
            images: a path, a list of paths (resized to the model's input,
                as `flow_from_directory` does), an array of raw pixels in
                [0, 255] `(n, height, width, channels)` already at the input
                size, or one such image `(height, width, channels)`. The
                model rescales the pixels itself.
            top: int, how many classes to return per image.

        Returns:
            A list, one entry per image, of `(class_name, probability)`
            tuples, most probable first; for one path or one image, that
            image's list.
        """
        height, width, channels = self.input_shape[1:]
        single = isinstance(images, (str, os.PathLike))
        if single:
            images = [images]
        if (
            isinstance(images, (list, tuple))
            and images
            and isinstance(images[0], (str, os.PathLike))
        ):
            color = "grayscale" if channels == 1 else "rgb"
            images = np.stack(
                [
                    keras.utils.img_to_array(
                        keras.utils.load_img(
                            path, target_size=(height, width), color_mode=color
                        )
                    )
                    for path in images
                ]
            )
        images, one = check_images(images, (height, width, channels))
        single = single or one
        probabilities = keras.ops.convert_to_numpy(self(images, training=False))
        if probabilities.shape[-1] == 1:  # one sigmoid unit: P(second class)
            probabilities = np.concatenate([1 - probabilities, probabilities], -1)
        top = min(check_int("top", top), probabilities.shape[-1])
        results = []
        for row in probabilities:
            order = np.argsort(row)[::-1][:top]
            results.append([(self.class_names[i], float(row[i])) for i in order])
        return results[0] if single else results

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
