import keras
import numpy as np

from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.layers.pretrained_embedding")
def pretrained_embedding(matrix, trainable=False, mask_zero=False, name=None):
    """A Keras `Embedding` holding `matrix` (the course's
    `pretrained_embedding_layer`).

    The vectors are the layer's weights, not its initializer, so the
    config stays small and a `.keras` file stores them once, with the other
    weights.

    Args:
        matrix: `(vocabulary + 1, d)`, row 0 for padding (as `load_glove`
            returns it).
        trainable: bool. Defaults to False, as the course (frozen GloVe).
        mask_zero: bool, treat index 0 as padding for later layers.
        name: the layer's name.

    Returns:
        A built `keras.layers.Embedding`.

    Example:

    >>> layer = pretrained_embedding(np.eye(3, 2))
    >>> keras.ops.convert_to_numpy(layer(np.array([[1, 2]]))).tolist(), layer.trainable
    ([[[0.0, 1.0], [0.0, 0.0]]], False)
    """
    matrix = np.asarray(matrix, "float32")
    if matrix.ndim != 2:
        raise ValueError(
            f"`matrix` must be (vocabulary + 1, d). Received: shape {matrix.shape}"
        )
    layer = keras.layers.Embedding(
        matrix.shape[0], matrix.shape[1], mask_zero=mask_zero, name=name,
        trainable=bool(trainable),
    )  # fmt: skip
    layer.build((None,))
    layer.set_weights([matrix])
    return layer
