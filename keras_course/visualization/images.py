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


@keras_course_export("keras_course.visualization.plot_feature_maps")
def plot_feature_maps(model, image, layers=None, max_channels=8):
    """What each convolution and pooling layer sees: the course's
    "visualizing intermediate representations" in one call.

    Course 1 week 4 builds a second model from the CNN's input to every
    layer's output, predicts one image, and draws each layer's channels side
    by side. This does that for the 4-D (image-shaped) outputs.

    Args:
        model: a functional or Sequential Keras model taking images.
        image: one image `(height, width, channels)`, scaled as the model
            expects.
        layers: layer names to show; None for every layer with an
            image-shaped output but a `Rescaling` of the pixels.
        max_channels: int, channels shown per layer. Defaults to 8.

    Returns:
        The matplotlib Figure, one row per layer.

    Example:

    >>> model = keras.Sequential([keras.Input((16, 16, 3)),
    ...     keras.layers.Conv2D(4, 3, name="conv"), keras.layers.MaxPooling2D(
    ...     name="pool"), keras.layers.Flatten(), keras.layers.Dense(1)])
    >>> figure = plot_feature_maps(model, np.zeros((16, 16, 3)))
    >>> [ax.get_ylabel() for ax in figure.axes[::4]]
    ['conv', 'pool']
    """
    import keras
    import matplotlib.pyplot as plt

    max_channels = check_int("max_channels", max_channels)
    image = np.asarray(image, dtype="float32")
    if image.ndim != 3:
        raise ValueError(
            "`image` must be one image (height, width, channels). Received: "
            f"shape {image.shape}"
        )
    candidates = [
        layer
        for layer in model.layers
        if not isinstance(layer, (keras.layers.InputLayer, keras.layers.Rescaling))
        and len(layer.output.shape) == 4
    ]
    if layers is not None:
        by_name = {layer.name: layer for layer in candidates}
        unknown = [name for name in layers if name not in by_name]
        if unknown:
            raise ValueError(
                f"No image-shaped layer named {unknown}. Valid: {list(by_name)}"
            )
        candidates = [by_name[name] for name in layers]
    if not candidates:
        raise ValueError("`model` has no layer with an image-shaped output.")
    inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
    probe = keras.Model(inputs, [layer.output for layer in candidates])
    outputs = probe(image[None], training=False)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    columns = min(max_channels, max(int(o.shape[-1]) for o in outputs))
    figure, axes = plt.subplots(
        len(candidates),
        columns,
        figsize=(1.6 * columns, 1.6 * len(candidates)),
        squeeze=False,
    )
    for row, (layer, output) in enumerate(zip(candidates, outputs, strict=True)):
        maps = keras.ops.convert_to_numpy(output)[0]
        for column in range(columns):
            ax = axes[row, column]
            ax.set_xticks([])
            ax.set_yticks([])
            if column < maps.shape[-1]:
                ax.imshow(maps[..., column], cmap="viridis")
            else:
                ax.axis("off")
        axes[row, 0].set_ylabel(layer.name)
    figure.tight_layout()
    return figure
