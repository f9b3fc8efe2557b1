import keras

from keras_course._validation import check_number
from keras_course.api_export import keras_course_export
from keras_course.layers.yolo_head import COURSE_ANCHORS, YOLOHead


@keras_course_export("keras_course.losses.YOLOv2Loss")
class YOLOv2Loss(keras.losses.Loss):
    """The YOLOv2 training loss, on raw head outputs and encoded targets.

    `y_pred` is the raw `(batch, S, S, A * (5 + C))` output (decoded inside
    with `YOLOHead`'s arithmetic); `y_true` is `(batch, S, S, A, 5 + C)` from
    `keras_course.ops.encode_yolo_targets`. Per image, summed over the grid:

    - coordinates, for responsible anchors: `lambda_coord * [(xy - xy*)² +
      (√wh - √wh*)²]` with xy in cell units (offsets within the cell), wh in
      image units;
    - objectness: `(confidence - 1)²` for responsible anchors and
      `lambda_noobj * confidence²` for the others;
    - classes: cross-entropy of the softmax for responsible anchors, times
      `lambda_class`.

    YOLOv2 also skips the no-object term for predictions that already overlap
    a true box well (IoU > 0.6); this loss does not.

    Args:
        anchors: `(width, height)` pairs in grid cells (the course's by
            default).
        num_classes: int.
        lambda_coord, lambda_noobj, lambda_class: floats. Defaults 5.0, 0.5,
            1.0.

    Example:

    >>> from keras_course.ops import encode_yolo_targets
    >>> loss = YOLOv2Loss(anchors=[(1, 1)], num_classes=2)
    >>> y_true = encode_yolo_targets([[0.3, 0.6, 0.25, 0.25]], [0], 4, [(1, 1)], 2)
    >>> float(loss(y_true[None], np.zeros((1, 4, 4, 7)))) > 0
    True
    """

    def __init__(
        self,
        anchors=COURSE_ANCHORS,
        num_classes=80,
        lambda_coord=5.0,
        lambda_noobj=0.5,
        lambda_class=1.0,
        name="yolo_v2_loss",
        **kwargs,
    ):
        super().__init__(name=name, **kwargs)
        anchors = [[float(v) for v in a] for a in anchors]
        self.head = YOLOHead(len(anchors), num_classes, anchors=anchors)
        self.anchors, self.num_classes = anchors, num_classes
        self.lambda_coord = check_number("lambda_coord", lambda_coord)
        self.lambda_noobj = check_number("lambda_noobj", lambda_noobj)
        self.lambda_class = check_number("lambda_class", lambda_class)

    def call(self, y_true, y_pred):
        ops = keras.ops
        y_true = ops.cast(y_true, "float32")
        confidence, xy, wh, probs = self.head(ops.cast(y_pred, "float32"))
        grid = ops.cast(ops.shape(y_pred)[1:3], "float32")
        grid = ops.stack([grid[1], grid[0]])  # (columns, rows) for (x, y)
        responsible = y_true[..., 4:5]
        cell_xy = xy * grid - ops.floor(y_true[..., :2] * grid)
        true_xy = y_true[..., :2] * grid - ops.floor(y_true[..., :2] * grid)
        coordinates = ops.sum(ops.square(cell_xy - true_xy), -1, keepdims=True)
        coordinates += ops.sum(
            ops.square(ops.sqrt(wh) - ops.sqrt(y_true[..., 2:4])), -1, keepdims=True
        )
        objectness = responsible * ops.square(confidence - 1.0)
        no_object = (1.0 - responsible) * ops.square(confidence)
        class_loss = -ops.sum(
            y_true[..., 5:] * ops.log(ops.maximum(probs, 1e-9)), -1, keepdims=True
        )
        total = (
            self.lambda_coord * responsible * coordinates
            + objectness
            + self.lambda_noobj * no_object
            + self.lambda_class * responsible * class_loss
        )
        return ops.sum(ops.reshape(total, (ops.shape(total)[0], -1)), axis=-1)

    def get_config(self):
        return {
            **super().get_config(),
            "anchors": self.anchors,
            "num_classes": self.num_classes,
            "lambda_coord": self.lambda_coord,
            "lambda_noobj": self.lambda_noobj,
            "lambda_class": self.lambda_class,
        }
