import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.visualization.plot_masks")
def plot_masks(images, true_masks=None, predicted_masks=None, max_images=4,
               num_classes=None):  # fmt: skip
    """Images beside their true and predicted class masks, a row per image.

    The course's `display([image, true_mask, predicted_mask])`, for several
    images at once; each mask is drawn with one colour per class (the same
    colours in every panel).

    Args:
        images: `(n, height, width, 3)`, values in [0, 1] or 0-255.
        true_masks, predicted_masks: `(n, height, width)` class indices (or
            `(n, height, width, 1)`), or None to leave the column out.
        max_images: int, rows to draw. Defaults to 4.
        num_classes: int for the colour scale; the largest class seen + 1 by
            default.

    Returns:
        The matplotlib Figure.

    Example:

    >>> images = np.zeros((2, 8, 8, 3))
    >>> masks = np.zeros((2, 8, 8), "int32")
    >>> figure = plot_masks(images, masks, masks)
    >>> [ax.get_title() for ax in figure.axes[:3]]
    ['image', 'true mask', 'predicted mask']
    """
    import matplotlib.pyplot as plt

    max_images = check_int("max_images", max_images)
    images = np.asarray(images)[:max_images]
    if images.ndim != 4:
        raise ValueError(
            "`images` must have shape (n, height, width, channels). Received: "
            f"shape {images.shape}"
        )
    columns = [("image", images / 255.0 if images.max() > 1.0 else images)]
    for title, masks in (
        ("true mask", true_masks),
        ("predicted mask", predicted_masks),
    ):
        if masks is None:
            continue
        masks = np.asarray(masks)[:max_images]
        if masks.ndim == 4 and masks.shape[-1] == 1:
            masks = masks[..., 0]
        if masks.shape != images.shape[:3]:
            raise ValueError(
                f"The {title}s must have shape {images.shape[:3]} (one class "
                f"per pixel of each image). Received: shape {masks.shape}"
            )
        columns.append((title, masks))
    top = num_classes
    if top is None:
        top = 1 + max(int(m.max()) for t, m in columns[1:]) if columns[1:] else 1
    figure, axes = plt.subplots(
        len(images), len(columns), figsize=(3 * len(columns), 2.4 * len(images)),
        squeeze=False,
    )  # fmt: skip
    for row, ax_row in enumerate(axes):
        for (title, data), ax in zip(columns, ax_row, strict=True):
            if title == "image":
                ax.imshow(np.clip(data[row], 0.0, 1.0))
            else:
                ax.imshow(data[row], cmap="tab10", vmin=0, vmax=max(top - 1, 9))
            ax.set_title(title)
            ax.axis("off")
    figure.tight_layout()
    return figure
