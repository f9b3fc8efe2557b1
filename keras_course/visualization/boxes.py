"""Detections drawn on an image (course 4 week 3's `draw_boxes`)."""

import numpy as np

from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.visualization.draw_boxes")
def draw_boxes(image, boxes, class_names=None, ax=None, min_confidence=0.0):
    """Draws boxes, class names and confidences over an image with matplotlib.

    `keras.visualization.draw_bounding_boxes` does the same into the pixels
    but needs OpenCV (`cv2`), which keras-course does not depend on; this
    draws matplotlib rectangles instead.

    Args:
        image: `(height, width[, channels])`, values in [0, 1] or 0-255.
        boxes: one image's dict: `boxes` `(n, 4)` in pixels as
            `(y1, x1, y2, x2)`, `labels` (or `classes`; -1 is padding), and
            optionally `confidence` (or `confidences` or `scores`) — e.g.
            `{k: v[i] for k, v in yolo_eval(...).items()}`.
        class_names: names for the labels, or None to show the numbers.
        ax: a matplotlib Axes, or None for a new figure.
        min_confidence: float: boxes below it are not drawn.

    Returns:
        The matplotlib Axes.

    Example:

    >>> ax = draw_boxes(np.zeros((60, 80, 3)), {
    ...     "boxes": [[10, 20, 40, 60]], "labels": [1], "confidence": [0.9]
    ... }, class_names=["car", "bus"])
    >>> [t.get_text() for t in ax.texts], len(ax.patches)
    (['bus 0.90'], 1)
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    image = np.asarray(image, dtype="float32")
    if image.ndim not in (2, 3):
        raise ValueError(
            f"`image` must be (height, width[, channels]). Received: {image.shape}"
        )
    coordinates = np.asarray(boxes["boxes"], "float32").reshape(-1, 4)
    labels = np.asarray(boxes.get("labels", boxes.get("classes")), "int64").reshape(-1)
    scores = boxes.get("confidence", boxes.get("confidences", boxes.get("scores")))
    scores = None if scores is None else np.asarray(scores, "float32").reshape(-1)
    if len(labels) != len(coordinates):
        raise ValueError(
            f"{len(coordinates)} boxes but {len(labels)} labels: one label per box."
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 6 * image.shape[0] / image.shape[1]))
    ax.imshow(image / 255.0 if image.max() > 1.0 else image, cmap="gray")
    colors = plt.get_cmap("tab10")
    for index, ((y1, x1, y2, x2), label) in enumerate(
        zip(coordinates, labels, strict=True)
    ):
        score = None if scores is None else float(scores[index])
        if label < 0 or (score is not None and score < min_confidence):
            continue
        color = colors(int(label) % 10)
        ax.add_patch(
            Rectangle((x1, y1), x2 - x1, y2 - y1, fill=False, color=color, linewidth=2)
        )
        name = class_names[label] if class_names is not None else str(label)
        text = name if score is None else f"{name} {score:.2f}"
        label_box = {"facecolor": color, "alpha": 0.8, "pad": 1, "linewidth": 0}
        ax.text(x1, y1, text, color="white", fontsize=8, va="bottom", bbox=label_box)
    ax.set_axis_off()
    return ax
