"""A small trainable YOLOv2-style detector (course 4 week 3, trained here)."""

import copy

import keras

from keras_course._backend import check_backend, predict
from keras_course._validation import (
    check_choice,
    check_image_shape,
    check_images,
    check_int,
    check_unit_interval,
)
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin
from keras_course.layers.yolo_head import YOLOHead
from keras_course.losses.yolo_loss import YOLOv2Loss
from keras_course.ops.boxes import yolo_eval
from keras_course.ops.yolo_targets import (
    box_classes,
    encode_yolo_targets_batch,
    pad_box_targets,
)

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}
TINY_ANCHORS = ((1.0, 1.0), (2.0, 2.0), (3.0, 3.0))


def _tiny_backbone(inputs, filters):
    x = inputs
    for index, count in enumerate(filters):
        x = keras.layers.Conv2D(count, 3, padding="same", use_bias=False,
                                name=f"conv_{index}")(x)  # fmt: skip
        x = keras.layers.BatchNormalization(name=f"bn_{index}")(x)
        x = keras.layers.LeakyReLU(0.1, name=f"leaky_{index}")(x)
        x = keras.layers.MaxPooling2D(2, name=f"pool_{index}")(x)
    return x


def _call_backbone(backbone, inputs):
    if not isinstance(backbone, keras.Model):
        raise ValueError(
            "`backbone` must be 'tiny' or a keras.Model from images to a "
            f"feature map. Received: backbone={backbone!r:.80}"
        )
    features = backbone(inputs)
    if isinstance(features, (list, tuple, dict)) or len(features.shape) != 4:
        raise ValueError(
            "`backbone` must return one feature map `(batch, rows, columns, "
            f"channels)`. Received: {keras.tree.map_structure(_shape, features)}"
        )
    if None in features.shape[1:]:
        raise ValueError(
            "`backbone` must give a feature map of known size for "
            f"input_shape={tuple(inputs.shape[1:])}. Received: {features.shape}"
        )
    return features


def _shape(tensor):
    return tuple(tensor.shape)


def _is_box_list(y):
    return isinstance(y, (list, tuple)) and bool(y) and isinstance(y[0], dict)


def _dense(images, targets):
    import tensorflow as tf

    if not isinstance(targets, dict):
        return images, targets
    dense = {}
    for key, value in targets.items():
        if isinstance(value, tf.RaggedTensor):
            value = value.to_tensor(default_value=-1 if key != "boxes" else 0)
        dense[key] = value
    return images, dense


def _is_dataset(x):
    return hasattr(x, "element_spec") and hasattr(x, "map")  # a tf.data.Dataset


def _prepare(x, y):
    """Inputs and targets as `keras.Model.fit` takes them."""
    if _is_box_list(y):
        return x, pad_box_targets(y)
    if _is_dataset(x):
        return x.map(_dense), y
    return x, y


@keras_course_export("keras_course.applications.YOLODetector")
class YOLODetector(PresetMixin, FitMixin, keras.Model):
    """A YOLOv2-style detector to train from scratch, in one line.

    A small Darknet-like backbone (`filters`: [Conv 3×3 → BatchNorm →
    LeakyReLU(0.1) → MaxPool 2] per entry, so the grid is `size /
    2**len(filters)`), a Conv 3×3 and a 1×1 Conv to `A * (5 + num_classes)`
    raw outputs, trained with `keras_course.losses.YOLOv2Loss`. No
    pretrained weights: nothing can be downloaded where this was written, so
    the docs train it on `synthetic_shapes(..., max_objects=...)`.

    It takes raw pixels in [0, 255] (as `synthetic_shapes` and Keras's
    loaders give them); the tiny backbone rescales them by 1/255 itself (a
    `Rescaling` layer). Any Keras model from `input_shape` images to one
    feature map can replace the tiny backbone (`backbone=`): for example
    `keras.applications.MobileNetV2(include_top=False, weights=None)`; it
    gets the raw pixels (give it its own preprocessing), and the grid is
    then that map's size. It is saved with the detector.

    `fit(images, targets)` takes the targets as one dict per image
    (`boxes` `(n, 4)` in pixels as `(y1, x1, y2, x2)`, `classes`), as
    `synthetic_shapes` returns them, a padded dict, or a `tf.data.Dataset`
    of ragged or padded box dicts (see `fit`); they are encoded inside the
    training step. `predict_boxes(images)` returns `yolo_eval`'s padded
    dict, boxes in pixels.

    Args:
        num_classes: int.
        input_shape: `(size, size, 3)`, square, `size` a multiple of
            `2 ** len(filters)`. Defaults to `(128, 128, 3)`.
        anchors: `(width, height)` pairs in grid cells. Defaults to 1, 2 and
            3 cells square.
        filters: the tiny backbone's widths. Defaults to (16, 32, 64, 128).
        class_names: names, or None.
        score_threshold, iou_threshold, max_boxes: for `predict_boxes`.
        optimizer: a Keras optimizer, its name or config; None for Adam(1e-3).
        backbone: `"tiny"` (the default), or a `keras.Model` from images to a
            feature map `(batch, rows, columns, channels)`.

    Example:

    >>> detector = YOLODetector(3, input_shape=(64, 64, 3), filters=(8, 16))
    >>> detector.output_shape
    (None, 16, 16, 24)
    """

    def __init__(
        self,
        num_classes,
        input_shape=(128, 128, 3),
        anchors=TINY_ANCHORS,
        filters=(16, 32, 64, 128),
        class_names=None,
        score_threshold=0.5,
        iou_threshold=0.5,
        max_boxes=10,
        optimizer=None,
        backbone="tiny",
        **kwargs,
    ):
        check_backend(type(self).__name__)
        num_classes = check_int("num_classes", num_classes)
        input_shape = check_image_shape(input_shape, channels=3)
        input_size = input_shape[0]
        if input_shape[1] != input_size:
            raise ValueError(
                "`input_shape` must be square, (size, size, 3). Received: "
                f"input_shape={input_shape}"
            )
        filters = [check_int("filters", f) for f in filters]
        if isinstance(backbone, dict):  # from get_config; keep it intact
            backbone = keras.saving.deserialize_keras_object(copy.deepcopy(backbone))
        anchors = [[float(v) for v in a] for a in anchors]
        inputs = keras.Input(input_shape, name="image")
        if isinstance(backbone, str):
            check_choice("backbone", backbone, ("tiny",))
            stride = 2 ** len(filters)
            if input_size % stride:
                raise ValueError(
                    f"`input_shape`'s size must be a multiple of {stride} "
                    f"(2 ** len(filters)). Received: input_shape={input_shape}"
                )
            pixels = keras.layers.Rescaling(1 / 255, name="rescale")(inputs)
            x = _tiny_backbone(pixels, filters)
            width = filters[-1]
        else:
            x = _call_backbone(backbone, inputs)
            width = min(x.shape[-1], 128)  # a 1280-channel map: a 256-wide head
        x = keras.layers.Conv2D(2 * width, 3, padding="same", name="head_conv")(x)
        x = keras.layers.LeakyReLU(0.1, name="head_leaky")(x)
        outputs = keras.layers.Conv2D(
            len(anchors) * (5 + num_classes), 1, name="raw_output"
        )(x)
        kwargs.setdefault("name", "yolo_detector")
        super().__init__(inputs, outputs, **kwargs)
        self.num_classes, self.input_size = num_classes, input_size
        self.anchors, self.filters, self.backbone = anchors, filters, backbone
        self.class_names = None if class_names is None else list(class_names)
        self.score_threshold = check_unit_interval("score_threshold", score_threshold)
        self.iou_threshold = check_unit_interval("iou_threshold", iou_threshold)
        self.max_boxes = check_int("max_boxes", max_boxes)
        self.grid_shape = tuple(outputs.shape[1:3])
        self.grid_size = self.grid_shape[0]
        self.head = YOLOHead(len(anchors), num_classes, anchors=anchors)
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(optimizer=optimizer, loss=YOLOv2Loss(anchors, num_classes))

    # -- targets -----------------------------------------------------------------

    def encode_targets(self, targets):
        """`(n, S, S, A, 5 + C)` loss targets (numpy) from one dict per image
        or a padded dict (see `fit`)."""
        return keras.ops.convert_to_numpy(self._encode(pad_box_targets(targets)))

    def _encode(self, targets):
        ops = keras.ops
        corners = ops.cast(targets["boxes"], "float32") / self.input_size
        y1, x1, y2, x2 = (corners[..., i] for i in range(4))
        boxes = ops.stack([(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1], axis=-1)
        return encode_yolo_targets_batch(
            boxes, box_classes(targets), self.grid_shape, self.anchors, self.num_classes
        )

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, **kwargs):
        """Keras's `compute_loss`, encoding box-dict targets in the step."""
        if isinstance(y, dict):
            y = self._encode(y)
        return super().compute_loss(x, y, y_pred, sample_weight, **kwargs)

    def fit(self, x=None, y=None, *args, validation_data=None, **kwargs):
        """`keras.Model.fit` on images and box targets.

        The targets, per image, are `boxes` in pixels as `(y1, x1, y2, x2)`
        and `classes` (or keras-hub's `labels`) ints, given as:

        - `y`: a list of one dict per image (what `synthetic_shapes`
          returns), or one dict of padded arrays `(n, max_boxes, 4)` and
          `(n, max_boxes)` with class `-1` for padding;
        - `x`: a `tf.data.Dataset` of `(images, {"boxes", "classes"})`
          batches, dense and padded or ragged (ragged tensors are padded on
          the fly);
        - or already encoded `(n, S, S, A, 5 + C)` arrays.

        Box-dict targets are encoded inside the training step
        (`keras_course.ops.encode_yolo_targets_batch`), on any backend.
        `validation_data` takes the same forms.
        """
        if _is_dataset(x):
            kwargs.setdefault("shuffle", False)  # a dataset shuffles itself
        x, y = _prepare(x, y)
        if isinstance(validation_data, (list, tuple)) and len(validation_data) == 2:
            validation_data = _prepare(*validation_data)
        elif validation_data is not None:
            validation_data, _ = _prepare(validation_data, None)
        return super().fit(x, y, *args, validation_data=validation_data, **kwargs)

    def evaluate(self, x=None, y=None, *args, **kwargs):
        """`keras.Model.evaluate`, with the target forms `fit` takes."""
        x, y = _prepare(x, y)
        return super().evaluate(x, y, *args, **kwargs)

    def predict_boxes(self, images, batch_size=32):
        """Detections for raw-pixel images `(n, size, size, 3)`: the padded
        dict of `keras_course.ops.yolo_eval` (numpy), boxes in pixels; for
        one image `(size, size, 3)`, that image's entries (no batch axis)."""
        images, single = check_images(images, (self.input_size,) * 2 + (3,))
        raw = predict(self, images, batch_size)
        result = yolo_eval(
            self.head(raw),
            image_shape=(self.input_size, self.input_size),
            max_boxes=self.max_boxes,
            score_threshold=self.score_threshold,
            iou_threshold=self.iou_threshold,
        )
        result = {k: keras.ops.convert_to_numpy(v) for k, v in result.items()}
        return {k: v[0] for k, v in result.items()} if single else result

    def get_config(self):
        return {
            "name": self.name,
            "num_classes": self.num_classes,
            "input_shape": [self.input_size, self.input_size, 3],
            "anchors": self.anchors,
            "filters": self.filters,
            "class_names": self.class_names,
            "score_threshold": self.score_threshold,
            "iou_threshold": self.iou_threshold,
            "max_boxes": self.max_boxes,
            "optimizer": self.optimizer_config,
            "backbone": (
                self.backbone
                if isinstance(self.backbone, str)
                else keras.saving.serialize_keras_object(self.backbone)
            ),
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
