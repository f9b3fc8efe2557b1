import keras

from keras_course._validation import check_int, check_number, check_unit_interval
from keras_course.api_export import keras_course_export
from keras_course.layers.yolo_head import COURSE_ANCHORS, YOLOHead
from keras_course.ops.boxes import iou


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

    As in YOLOv2, a prediction whose box already overlaps a true box of its
    image by more than `ignore_threshold` (IoU) pays no no-object cost, even
    where its anchor is not the responsible one: a good box in the wrong slot
    is not pushed to zero confidence. The true boxes are read back from
    `y_true` (its `max_true_boxes` most confident slots).

    Args:
        anchors: `(width, height)` pairs in grid cells (the course's by
            default).
        num_classes: int.
        lambda_coord, lambda_noobj, lambda_class: floats. Defaults 5.0, 0.5,
            1.0.
        ignore_threshold: float in [0, 1], YOLOv2's 0.6 by default; 1.0
            turns the rule off.
        max_true_boxes: int, how many true boxes per image the ignore rule
            compares with. Defaults to 64.

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
        ignore_threshold=0.6,
        max_true_boxes=64,
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
        self.ignore_threshold = check_unit_interval(
            "ignore_threshold", ignore_threshold
        )
        self.max_true_boxes = check_int("max_true_boxes", max_true_boxes)

    def call(self, y_true, y_pred):
        ops = keras.ops
        y_true = ops.cast(y_true, "float32")
        xy, wh, confidence, probs = self.head(ops.cast(y_pred, "float32"))
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
        if self.ignore_threshold < 1.0:
            no_object *= 1.0 - self._overlaps_a_true_box(y_true, xy, wh)
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

    def _overlaps_a_true_box(self, y_true, xy, wh):
        """1.0 where the predicted box's best IoU with a true box of its image
        exceeds `ignore_threshold`, else 0.0; shaped like the confidence."""
        ops = keras.ops
        rows, columns = xy.shape[1:3]  # static: the head's output grid
        if rows is None or columns is None:
            raise ValueError(
                "The ignore rule needs a grid of known size; build the model "
                "with a fixed input size, or pass ignore_threshold=1.0."
            )
        slots = rows * columns * len(self.anchors)
        flat_true = ops.reshape(y_true, (-1, slots, 5 + self.num_classes))
        present, index = ops.top_k(flat_true[..., 4], min(self.max_true_boxes, slots))
        true_boxes = ops.take_along_axis(flat_true[..., :4], index[..., None], axis=1)
        predicted = ops.reshape(
            ops.concatenate([xy, wh], -1), ops.shape(flat_true[..., :4])
        )
        overlap = iou(predicted, true_boxes, bounding_box_format="center_xywh")
        best = ops.max(overlap * present[:, None, :], axis=-1)
        ignore = ops.cast(best > self.ignore_threshold, "float32")
        return ops.stop_gradient(ops.reshape(ignore, ops.shape(y_true[..., 4:5])))

    def get_config(self):
        return {
            **super().get_config(),
            "anchors": self.anchors,
            "num_classes": self.num_classes,
            "lambda_coord": self.lambda_coord,
            "lambda_noobj": self.lambda_noobj,
            "lambda_class": self.lambda_class,
            "ignore_threshold": self.ignore_threshold,
            "max_true_boxes": self.max_true_boxes,
        }
