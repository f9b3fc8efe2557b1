import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export


def _take(data, max_images):
    """`(images, labels)` as numpy from an array or a dataset of batches."""
    if hasattr(data, "element_spec"):  # a tf.data.Dataset
        images, labels = [], []
        for element in data:
            x, y = element if isinstance(element, tuple) else (element, None)
            images.append(np.asarray(x))
            labels.append(None if y is None else np.asarray(y))
            if sum(len(i) for i in images) >= max_images:
                break
        x = np.concatenate(images)[:max_images]
        y = None if labels[0] is None else np.concatenate(labels)[:max_images]
        return x, y
    return np.asarray(data)[:max_images], None


@keras_course_export("keras_course.visualization.plot_images")
def plot_images(data, labels=None, class_names=None, max_images=16, columns=4):
    """A grid of images with their labels, as the course shows its data.

    Args:
        data: an array `(n, height, width[, channels])` with values in [0, 1]
            or 0-255, or a `tf.data.Dataset` of `(images, labels)` batches
            (as `image_folder_dataset` returns; its `class_names` are used).
        labels: labels for an array: ints, one-hot rows or 0/1 floats.
        class_names: names for the label values.
        max_images: int, how many to show. Defaults to 16.
        columns: int, images per row. Defaults to 4.

    Returns:
        The matplotlib Figure.

    Example:

    >>> images = np.random.default_rng(0).uniform(size=(6, 8, 8, 3))
    >>> figure = plot_images(images, labels=[0, 1, 0, 1, 0, 1],
    ...                      class_names=["horse", "human"])
    >>> [ax.get_title() for ax in figure.axes[:3]]
    ['horse', 'human', 'horse']
    """
    import matplotlib.pyplot as plt

    max_images = check_int("max_images", max_images)
    columns = check_int("columns", columns)
    if class_names is None:
        class_names = getattr(data, "class_names", None)
    images, found = _take(data, max_images)
    labels = found if labels is None else np.asarray(labels)[: len(images)]
    if images.ndim not in (3, 4) or len(images) == 0:
        raise ValueError(
            "`data` must hold images of shape (n, height, width[, channels]). "
            f"Received: shape {images.shape}"
        )
    if images.max() > 1.0:
        images = images / 255.0
    rows = -(-len(images) // columns)
    figure, axes = plt.subplots(
        rows, columns, figsize=(2 * columns, 2 * rows), squeeze=False
    )
    for index, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if index >= len(images):
            continue
        image = images[index]
        ax.imshow(
            image[..., 0] if image.ndim == 3 and image.shape[-1] == 1 else image,
            cmap="gray" if image.ndim == 2 or image.shape[-1] == 1 else None,
        )
        if labels is not None:
            label = np.asarray(labels[index])
            value = (
                int(label.argmax())
                if label.ndim and label.size > 1
                else int(round(float(label.ravel()[0])))
            )
            ax.set_title(class_names[value] if class_names else str(value))
    figure.tight_layout()
    return figure
