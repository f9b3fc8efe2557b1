"""The course's triplet loss (DLS course 4 week 4), and mined variants."""

from keras import ops

from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.ops.triplet_loss")
def triplet_loss(anchor, positive, negative, alpha=0.2):
    """The course's triplet loss on a batch of embedding triplets.

    `sum_i max(||a_i - p_i||² - ||a_i - n_i||² + alpha, 0)`: squared L2
    distances, summed over the batch, as the course's `triplet_loss`.

    Args:
        anchor, positive, negative: `(batch, d)` embeddings.
        alpha: float, the margin. Defaults to 0.2.

    Returns:
        A scalar tensor.

    >>> a, p, n = np.array([[0.0, 0.0]]), np.array([[0.0, 0.5]]), np.array([[1.0, 0.0]])
    >>> round(float(triplet_loss(a, p, n)), 4)  # 0.25 - 1 + 0.2 < 0
    0.0
    >>> round(float(triplet_loss(a, n, p)), 4)  # 1 - 0.25 + 0.2
    0.95
    """
    return ops.sum(_triplet_terms(anchor, positive, negative, alpha))


def _triplet_terms(anchor, positive, negative, alpha):
    positive_distance = ops.sum(ops.square(anchor - positive), axis=-1)
    negative_distance = ops.sum(ops.square(anchor - negative), axis=-1)
    return ops.maximum(positive_distance - negative_distance + alpha, 0.0)


def pairwise_squared_distances(embeddings):
    """`(batch, batch)` squared L2 distances, clipped at 0."""
    squares = ops.sum(ops.square(embeddings), axis=-1)
    products = ops.matmul(embeddings, ops.transpose(embeddings))
    return ops.maximum(squares[:, None] - 2.0 * products + squares[None, :], 0.0)


def mined_triplet_terms(labels, embeddings, alpha, mining):
    """One loss term per anchor, from triplets mined in the batch.

    - `"batch_hard"` (Hermans et al., 2017): the farthest positive and the
      nearest negative of each anchor; anchors without both give 0.
    - `"semi_hard"` (FaceNet; TF Addons' `TripletSemiHardLoss`): for each
      positive pair (a, p), the nearest negative farther than p, or the
      farthest negative when none is; the anchor's term is the sum over its
      positives.
    """
    labels = ops.reshape(labels, (-1,))
    distances = pairwise_squared_distances(ops.cast(embeddings, "float32"))
    same = ops.equal(labels[:, None], labels[None, :])
    eye = ops.eye(ops.shape(labels)[0], dtype="bool")
    positive = ops.logical_and(same, ops.logical_not(eye))
    negative = ops.logical_not(same)
    big = ops.max(distances) + 1.0
    if mining == "batch_hard":
        hardest_positive = ops.max(ops.where(positive, distances, 0.0), axis=1)
        hardest_negative = ops.min(ops.where(negative, distances, big), axis=1)
        valid = ops.logical_and(ops.any(positive, axis=1), ops.any(negative, axis=1))
        terms = ops.maximum(hardest_positive - hardest_negative + alpha, 0.0)
        return ops.where(valid, terms, 0.0)
    # semi_hard: d_an for every (a, p, n), as (a, p, n) via broadcasting
    d_ap = distances[:, :, None]
    d_an = distances[:, None, :]
    farther = ops.logical_and(negative[:, None, :], d_an > d_ap)
    nearest_farther = ops.min(ops.where(farther, d_an, big), axis=2)
    farthest = ops.max(ops.where(negative, distances, -1.0), axis=1)[:, None]
    chosen = ops.where(ops.any(farther, axis=2), nearest_farther, farthest)
    terms = ops.maximum(distances - chosen + alpha, 0.0)
    has_negative = ops.any(negative, axis=1)[:, None]
    terms = ops.where(ops.logical_and(positive, has_negative), terms, 0.0)
    return ops.sum(terms, axis=1)


def check_mining(mining):
    if mining not in (None, "batch_hard", "semi_hard"):
        raise ValueError(
            "`mining` must be None (the course's triplets), 'batch_hard' or "
            f"'semi_hard'. Received: mining={mining!r}"
        )
    return mining
