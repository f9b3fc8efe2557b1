"""The course's neural style transfer costs (DLS course 4 week 4)."""

from keras import ops

from keras_course.api_export import keras_course_export

# The course's (layer, weight) pairs for the style cost.
COURSE_STYLE_LAYERS = (
    ("block1_conv1", 0.2),
    ("block2_conv1", 0.2),
    ("block3_conv1", 0.2),
    ("block4_conv1", 0.2),
    ("block5_conv1", 0.2),
)


def _dims(a, name):
    if len(a.shape) != 4:
        raise ValueError(
            f"`{name}` must be activations (1, n_H, n_W, n_C). Received: {a.shape}"
        )
    return a.shape[1], a.shape[2], a.shape[3]


@keras_course_export("keras_course.ops.content_cost")
def content_cost(a_C, a_G):
    """The course's content cost between two activations of one layer.

    `sum((a_C - a_G)²) / (4 · n_H · n_W · n_C)`.

    Args:
        a_C, a_G: `(1, n_H, n_W, n_C)` activations of the content and the
            generated image.

    Returns:
        A scalar tensor.

    >>> a = np.ones((1, 2, 2, 3)); g = np.zeros((1, 2, 2, 3))
    >>> float(content_cost(a, g))  # 12 / (4 * 12)
    0.25
    """
    a_C, a_G = ops.cast(a_C, "float32"), ops.cast(a_G, "float32")
    n_h, n_w, n_c = _dims(a_G, "a_G")
    return ops.sum(ops.square(a_C - a_G)) / (4.0 * n_h * n_w * n_c)


@keras_course_export("keras_course.ops.gram_matrix")
def gram_matrix(A):
    """The Gram (style) matrix `A Aᵀ` of `A`, shaped `(n_C, n_H·n_W)`.

    >>> keras.ops.convert_to_numpy(gram_matrix([[1.0, 2.0], [0.0, 1.0]])).tolist()
    [[5.0, 2.0], [2.0, 1.0]]
    """
    A = ops.cast(A, "float32")
    return ops.matmul(A, ops.transpose(A))


@keras_course_export("keras_course.ops.layer_style_cost")
def layer_style_cost(a_S, a_G):
    """The course's style cost of one layer.

    `sum((G_S - G_G)²) / (4 · n_C² · (n_H · n_W)²)`, with `G` the Gram
    matrices of the activations unrolled to `(n_C, n_H·n_W)`.

    Args:
        a_S, a_G: `(1, n_H, n_W, n_C)` activations of the style and the
            generated image.

    Returns:
        A scalar tensor.

    >>> float(layer_style_cost(np.ones((1, 2, 2, 1)), np.zeros((1, 2, 2, 1))))
    0.25
    """
    n_h, n_w, n_c = _dims(a_G, "a_G")
    _dims(a_S, "a_S")

    def unrolled(a):
        return ops.transpose(ops.reshape(ops.cast(a, "float32"), (-1, n_c)))

    difference = gram_matrix(unrolled(a_S)) - gram_matrix(unrolled(a_G))
    return ops.sum(ops.square(difference)) / (4.0 * n_c**2 * (n_h * n_w) ** 2)


@keras_course_export("keras_course.ops.style_cost")
def style_cost(style_outputs, generated_outputs, style_layers=COURSE_STYLE_LAYERS):
    """The course's style cost: the layers' costs, weighted and summed.

    Args:
        style_outputs, generated_outputs: lists of activations, one per
            entry of `style_layers`, in that order (a longer list, as the
            course's, which ends with the content layer, is read up to
            `len(style_layers)`).
        style_layers: `(layer name, weight)` pairs. Defaults to the course's
            five `blockN_conv1` layers at 0.2 each.

    Returns:
        A scalar tensor.

    >>> ones, zeros = [np.ones((1, 2, 2, 1))] * 2, [np.zeros((1, 2, 2, 1))] * 2
    >>> float(style_cost(ones, zeros, [("a", 0.5), ("b", 1.0)]))  # 1.5 * 0.25
    0.375
    """
    if len(style_outputs) < len(style_layers) or len(generated_outputs) < len(
        style_layers
    ):
        raise ValueError(
            f"Need {len(style_layers)} activations per image (one per style "
            f"layer). Received: {len(style_outputs)} and {len(generated_outputs)}"
        )
    total = 0.0
    for index, (_, weight) in enumerate(style_layers):
        total = total + weight * layer_style_cost(
            style_outputs[index], generated_outputs[index]
        )
    return total


@keras_course_export("keras_course.ops.total_cost")
def total_cost(J_content, J_style, alpha=10, beta=40):
    """`alpha · J_content + beta · J_style` (the course's 10 and 40).

    >>> float(total_cost(0.2, 0.8))  # the course's check
    34.0
    """
    return alpha * ops.convert_to_tensor(J_content) + beta * ops.convert_to_tensor(
        J_style
    )
