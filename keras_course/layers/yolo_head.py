import keras

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export

# The course's YOLOv2 anchors (width, height) in grid cells, for 19x19 on 608.
COURSE_ANCHORS = (
    (0.57273, 0.677385),
    (1.87446, 2.06253),
    (3.33843, 5.47434),
    (7.88282, 3.52778),
    (9.77052, 9.16828),
)


@keras_course_export("keras_course.layers.YOLOHead")
class YOLOHead(keras.layers.Layer):
    """The course's `yolo_head`: raw YOLOv2 output to boxes and probabilities.

    Takes `(batch, S, S, num_anchors * (5 + num_classes))` (per anchor:
    `tx, ty, tw, th`, the objectness logit, the class logits) and returns the
    course's four tensors, in image-relative units, in the order of the
    current course notebook (`yolo_outputs`):

    - `box_xy` `(batch, S, S, A, 2)`: `(sigmoid(t) + cell) / grid`, `(x, y)`;
    - `box_wh` `(batch, S, S, A, 2)`: `exp(t) * anchor / grid`, `(w, h)`;
    - `box_confidence` `(batch, S, S, A, 1)`: sigmoid of the objectness;
    - `box_class_probs` `(batch, S, S, A, num_classes)`: softmax.

    x is divided by the grid's width and y by its height (the course divides
    by `(height, width)`; the same on its square 19×19 grid). The 2018
    notebook returned `box_confidence` first; keras-course 0.9 follows the
    current one.

    Args:
        num_anchors: int. Defaults to 5.
        num_classes: int. Defaults to 80 (COCO).
        anchors: `num_anchors` `(width, height)` pairs in grid cells; the
            course's by default.

    Example:

    >>> head = YOLOHead()
    >>> xy, wh, confidence, probs = head(np.zeros((2, 19, 19, 425)))
    >>> tuple(xy.shape), tuple(probs.shape)
    ((2, 19, 19, 5, 2), (2, 19, 19, 5, 80))
    """

    def __init__(self, num_anchors=5, num_classes=80, anchors=COURSE_ANCHORS, **kwargs):
        super().__init__(**kwargs)
        self.num_anchors = check_int("num_anchors", num_anchors)
        self.num_classes = check_int("num_classes", num_classes)
        anchors = [tuple(float(v) for v in a) for a in anchors]
        if len(anchors) != self.num_anchors or any(len(a) != 2 for a in anchors):
            raise ValueError(
                f"`anchors` must be {self.num_anchors} (width, height) pairs. "
                f"Received: anchors={anchors!r}"
            )
        self.anchors = anchors

    def build(self, input_shape):
        expected = self.num_anchors * (5 + self.num_classes)
        if len(input_shape) != 4 or input_shape[-1] != expected:
            raise ValueError(
                "YOLOHead expects inputs of shape (batch, S, S, num_anchors * "
                f"(5 + num_classes)) = (batch, S, S, {expected}). Received: "
                f"{input_shape}"
            )

    def call(self, inputs):
        ops = keras.ops
        inputs = ops.cast(inputs, self.compute_dtype)
        height, width = ops.shape(inputs)[1], ops.shape(inputs)[2]
        feats = ops.reshape(
            inputs, (-1, height, width, self.num_anchors, 5 + self.num_classes)
        )
        columns = ops.tile(ops.arange(width)[None, :], (height, 1))
        rows = ops.tile(ops.arange(height)[:, None], (1, width))
        cells = ops.cast(ops.stack([columns, rows], axis=-1), feats.dtype)
        cells = ops.reshape(cells, (1, height, width, 1, 2))
        grid = ops.cast(ops.stack([width, height]), feats.dtype)
        anchors = ops.reshape(
            ops.convert_to_tensor(self.anchors, feats.dtype),
            (1, 1, 1, self.num_anchors, 2),
        )
        box_xy = (ops.sigmoid(feats[..., :2]) + cells) / grid
        box_wh = ops.exp(feats[..., 2:4]) * anchors / grid
        box_confidence = ops.sigmoid(feats[..., 4:5])
        box_class_probs = ops.softmax(feats[..., 5:], axis=-1)
        return box_xy, box_wh, box_confidence, box_class_probs

    def compute_output_shape(self, input_shape):
        base = (input_shape[0], input_shape[1], input_shape[2], self.num_anchors)
        return (base + (2,), base + (2,), base + (1,), base + (self.num_classes,))

    def get_config(self):
        return {
            **super().get_config(),
            "num_anchors": self.num_anchors,
            "num_classes": self.num_classes,
            "anchors": [list(a) for a in self.anchors],
        }
