import keras

from keras_course.api_export import keras_course_export
from keras_course.ops.triplet import _triplet_terms, check_mining, mined_triplet_terms


@keras_course_export("keras_course.losses.TripletLoss")
class TripletLoss(keras.losses.Loss):
    """The course's triplet loss as a Keras loss, with batch mining.

    `mining=None` (the course's): `y_pred` holds the triplets, shaped
    `(batch, 3, d)` (anchor, positive, negative stacked on axis 1, e.g. by
    a model that embeds three images with shared weights); `y_true` is
    ignored. Each triplet costs `max(||a - p||² - ||a - n||² + alpha, 0)`,
    and with the default `reduction="sum"` the batch total is the course's
    `triplet_loss`.

    `mining="batch_hard"` or `"semi_hard"`: `y_true` holds integer identity
    labels `(batch,)` and `y_pred` the embeddings `(batch, d)`; the triplets
    are mined inside the batch, one term per anchor (see
    `keras_course.ops.triplet`'s `mined_triplet_terms`).

    How `"semi_hard"` differs from TF Addons' `TripletSemiHardLoss`
    (archived in 2024): the same choice of negatives, but on *squared* L2
    distances (the course's; TF Addons uses plain L2 by default), with the
    course's margin 0.2 (TF Addons: 1.0), summed over the positive pairs
    (TF Addons averages over them: pass `reduction="sum_over_batch_size"`
    for a per-anchor mean instead).

    Args:
        alpha: float >= 0, the margin. Defaults to 0.2.
        mining: None, `"batch_hard"` or `"semi_hard"`.
        reduction: Keras reduction. Defaults to `"sum"` (the course's).

    Example:

    >>> loss = TripletLoss()
    >>> triplets = np.array([[[0.0, 0.0], [1.0, 0.0], [0.0, 0.5]]])  # a, p, n
    >>> round(float(loss(None, triplets)), 4)  # 1 - 0.25 + 0.2
    0.95
    """

    def __init__(
        self, alpha=0.2, mining=None, reduction="sum", name="triplet_loss", **kwargs
    ):
        super().__init__(name=name, reduction=reduction, **kwargs)
        self.alpha = float(alpha)
        if not self.alpha >= 0.0:
            raise ValueError(f"`alpha` must be >= 0. Received: alpha={alpha!r}")
        self.mining = check_mining(mining)

    def __call__(self, y_true, y_pred, sample_weight=None):
        if self.mining is None and y_true is None:
            y_true = keras.ops.zeros(keras.ops.shape(y_pred)[:1])
        return super().__call__(y_true, y_pred, sample_weight)

    def call(self, y_true, y_pred):
        y_pred = keras.ops.cast(y_pred, "float32")
        if self.mining is None:
            if len(y_pred.shape) != 3 or y_pred.shape[1] != 3:
                raise ValueError(
                    "With mining=None, `y_pred` must be (batch, 3, d): anchor, "
                    f"positive and negative embeddings. Received: {y_pred.shape}"
                )
            return _triplet_terms(y_pred[:, 0], y_pred[:, 1], y_pred[:, 2], self.alpha)
        if len(y_pred.shape) != 2:
            raise ValueError(
                f"With mining={self.mining!r}, `y_pred` must be embeddings "
                f"(batch, d) and `y_true` their labels. Received: {y_pred.shape}"
            )
        return mined_triplet_terms(y_true, y_pred, self.alpha, self.mining)

    def get_config(self):
        return {**super().get_config(), "alpha": self.alpha, "mining": self.mining}
