"""A small trainable YOLOv2-style detector (course 4 week 3, trained here)."""

import keras
import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export
from keras_course.applications._optimizers import course_optimizer
from keras_course.layers.yolo_head import YOLOHead
from keras_course.losses.yolo_loss import YOLOv2Loss
from keras_course.ops.boxes import yolo_eval
from keras_course.ops.yolo_targets import encode_yolo_targets

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


@keras_course_export("keras_course.applications.YOLODetector")
class YOLODetector(keras.Model):
    """A YOLOv2-style detector to train from scratch, in one line.

    A small Darknet-like backbone (`filters`: [Conv 3×3 → BatchNorm →
    LeakyReLU(0.1) → MaxPool 2] per entry, so the grid is `input_size /
    2**len(filters)`), a Conv 3×3 and a 1×1 Conv to `A * (5 + num_classes)`
    raw outputs, trained with `keras_course.losses.YOLOv2Loss`. No
    pretrained weights: nothing can be downloaded where this was written, so
    the docs train it on `synthetic_shapes(..., max_objects=...)`.

    `fit(images, targets)` takes the targets as one dict per image
    (`boxes` `(n, 4)` in pixels as `(y1, x1, y2, x2)`, `classes`), as
    `synthetic_shapes` returns them, and encodes them for the loss (or
    already encoded arrays). `predict_boxes(images)` returns `yolo_eval`'s
    padded dict, boxes in pixels.

    Args:
        num_classes: int.
        input_size: int, square input side; a multiple of
            `2 ** len(filters)`. Defaults to 128.
        anchors: `(width, height)` pairs in grid cells. Defaults to 1, 2 and
            3 cells square.
        filters: the backbone's widths. Defaults to (16, 32, 64, 128).
        class_names: names, or None.
        score_threshold, iou_threshold, max_boxes: for `predict_boxes`.
        optimizer: a Keras optimizer, its name or config; None for Adam(1e-3).

    Example:

    >>> detector = YOLODetector(num_classes=3, input_size=64, filters=(8, 16))
    >>> detector.output_shape
    (None, 16, 16, 24)
    """

    def __init__(
        self,
        num_classes,
        input_size=128,
        anchors=TINY_ANCHORS,
        filters=(16, 32, 64, 128),
        class_names=None,
        score_threshold=0.5,
        iou_threshold=0.5,
        max_boxes=10,
        optimizer=None,
        **kwargs,
    ):
        num_classes = check_int("num_classes", num_classes)
        input_size = check_int("input_size", input_size)
        filters = [check_int("filters", f) for f in filters]
        stride = 2 ** len(filters)
        if input_size % stride:
            raise ValueError(
                f"`input_size` must be a multiple of {stride} (2 ** len(filters)). "
                f"Received: input_size={input_size}"
            )
        anchors = [[float(v) for v in a] for a in anchors]
        inputs = keras.Input((input_size, input_size, 3), name="image")
        x = _tiny_backbone(inputs, filters)
        x = keras.layers.Conv2D(2 * filters[-1], 3, padding="same", name="head_conv")(x)
        x = keras.layers.LeakyReLU(0.1, name="head_leaky")(x)
        outputs = keras.layers.Conv2D(
            len(anchors) * (5 + num_classes), 1, name="raw_output"
        )(x)
        kwargs.setdefault("name", "yolo_detector")
        super().__init__(inputs, outputs, **kwargs)
        self.num_classes, self.input_size = num_classes, input_size
        self.anchors, self.filters = anchors, filters
        self.class_names = None if class_names is None else list(class_names)
        self.score_threshold, self.iou_threshold = score_threshold, iou_threshold
        self.max_boxes = check_int("max_boxes", max_boxes)
        self.grid_size = input_size // stride
        self.head = YOLOHead(len(anchors), num_classes, anchors=anchors)
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(optimizer=optimizer, loss=YOLOv2Loss(anchors, num_classes))

    def encode_targets(self, targets):
        """`(n, S, S, A, 5 + C)` loss targets from one dict per image."""
        encoded = []
        for target in targets:
            corners = np.asarray(target["boxes"], "float32").reshape(-1, 4)
            corners = corners / self.input_size
            y1, x1, y2, x2 = corners.T
            boxes = np.stack([(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1], -1)
            encoded.append(
                encode_yolo_targets(
                    boxes,
                    target.get("classes", target.get("labels")),
                    self.grid_size,
                    self.anchors,
                    self.num_classes,
                )
            )
        return np.stack(encoded)

    def fit(self, x=None, y=None, validation_data=None, **kwargs):
        """`keras.Model.fit`; `y` (and validation targets) may be one dict
        per image."""
        if isinstance(y, (list, tuple)) and y and isinstance(y[0], dict):
            y = self.encode_targets(y)
        if isinstance(validation_data, (list, tuple)) and len(validation_data) == 2:
            vx, vy = validation_data
            if isinstance(vy, (list, tuple)) and vy and isinstance(vy[0], dict):
                validation_data = (vx, self.encode_targets(vy))
        return super().fit(x, y, validation_data=validation_data, **kwargs)

    def predict_boxes(self, images, batch_size=32):
        """Detections for `(n, input_size, input_size, 3)` images: the padded
        dict of `keras_course.ops.yolo_eval` (numpy), boxes in pixels."""
        images = np.asarray(images, "float32")
        if images.ndim != 4 or images.shape[1:] != (self.input_size,) * 2 + (3,):
            raise ValueError(
                f"`images` must have shape (n, {self.input_size}, "
                f"{self.input_size}, 3). Received: {images.shape}"
            )
        raw = self.predict(images, batch_size=batch_size, verbose=0)
        result = yolo_eval(
            self.head(raw),
            image_shape=(self.input_size, self.input_size),
            max_boxes=self.max_boxes,
            score_threshold=self.score_threshold,
            iou_threshold=self.iou_threshold,
        )
        return {k: keras.ops.convert_to_numpy(v) for k, v in result.items()}

    def get_config(self):
        return {
            "name": self.name,
            "num_classes": self.num_classes,
            "input_size": self.input_size,
            "anchors": self.anchors,
            "filters": self.filters,
            "class_names": self.class_names,
            "score_threshold": self.score_threshold,
            "iou_threshold": self.iou_threshold,
            "max_boxes": self.max_boxes,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
