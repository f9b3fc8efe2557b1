"""Face verification and recognition with encodings (DLS course 4 week 4)."""

import keras
import numpy as np

from keras_course._validation import check_image_shape, check_int, check_number
from keras_course.api_export import keras_course_export
from keras_course.losses.triplet import TripletLoss


@keras_course_export("keras_course.applications.face_encoder")
def face_encoder(input_shape=(96, 96, 3), embedding_dim=128, filters=(32, 64, 128)):
    """A small CNN giving L2-normalised encodings, the default of `FaceVerifier`.

    [Conv 3×3 → BatchNorm → ReLU → MaxPool 2] per entry of `filters`,
    global average pooling, `Dense(embedding_dim)` and
    `keras.layers.UnitNormalization` (the course's FaceNet gives 128-d
    encodings of norm 1; its pretrained weights cannot be downloaded here).

    Args:
        input_shape: `(height, width, channels)`. Defaults to (96, 96, 3).
        embedding_dim: int. Defaults to 128.
        filters: the convolutions' widths.

    Returns:
        A `keras.Model` (not compiled).

    Example:

    >>> encoder = face_encoder((32, 32, 1), embedding_dim=16, filters=(8,))
    >>> encoder.output_shape
    (None, 16)
    """
    input_shape = check_image_shape(input_shape)
    inputs = keras.Input(input_shape, name="image")
    x = inputs
    for index, count in enumerate(filters):
        x = keras.layers.Conv2D(count, 3, padding="same", use_bias=False,
                                name=f"conv_{index}")(x)  # fmt: skip
        x = keras.layers.BatchNormalization(name=f"bn_{index}")(x)
        x = keras.layers.ReLU(name=f"relu_{index}")(x)
        x = keras.layers.MaxPooling2D(2, name=f"pool_{index}")(x)
    x = keras.layers.GlobalAveragePooling2D(name="pool")(x)
    x = keras.layers.Dense(check_int("embedding_dim", embedding_dim), name="embed")(x)
    outputs = keras.layers.UnitNormalization(name="l2_normalize")(x)
    return keras.Model(inputs, outputs, name="face_encoder")


@keras_course_export("keras_course.applications.FaceVerifier")
class FaceVerifier:
    """A database of named encodings: verify a claimed identity, or find one.

    The course's face verification (`verify`, "is this person who they
    claim to be?", 1:1) and recognition (`identify`, "who is this?", 1:K)
    on L2-normalised encodings: two images are the same person when the L2
    distance between their encodings is below `threshold` (the course's
    0.7). `fit` trains the encoder with `keras_course.losses.TripletLoss`
    on labelled images, mining the triplets in each batch.

    Args:
        embedding_model: a Keras model from images to encodings, or None for
            `face_encoder(input_shape)`. Encodings are L2-normalised here too,
            whatever the model ends with.
        threshold: float, the distance under which two encodings match.
        input_shape: for the default encoder. Defaults to (96, 96, 3).

    Example:

    >>> verifier = FaceVerifier(face_encoder((16, 16, 1), 8, (4,)))
    >>> rng = np.random.default_rng(0)
    >>> verifier.add("younes", rng.uniform(size=(16, 16, 1)))
    >>> distance, match = verifier.verify(rng.uniform(size=(16, 16, 1)), "younes")
    >>> verifier.identify(rng.uniform(size=(16, 16, 1)))[1]
    'younes'
    """

    def __init__(self, embedding_model=None, threshold=0.7, input_shape=(96, 96, 3)):
        if embedding_model is None:
            embedding_model = face_encoder(input_shape)
        if not isinstance(embedding_model, keras.Model):
            raise ValueError(
                "`embedding_model` must be a keras.Model or None. Received: "
                f"{embedding_model!r:.80}"
            )
        self.embedding_model = embedding_model
        self.threshold = check_number("threshold", threshold, positive=True)
        self.database = {}

    def _images(self, images):
        images = np.asarray(images, "float32")
        expected = tuple(self.embedding_model.input_shape[1:])
        if images.shape == expected:
            images = images[None]
        if images.ndim != len(expected) + 1 or any(
            e is not None and e != s
            for e, s in zip(expected, images.shape[1:], strict=True)
        ):
            raise ValueError(
                f"Images must have shape {expected}, or that with a batch axis "
                f"first. Received: {images.shape}"
            )
        return images

    def encode(self, images, batch_size=64):
        """L2-normalised encodings `(n, d)` of one image or a batch."""
        images = self._images(images)
        codes = self.embedding_model.predict(images, batch_size=batch_size, verbose=0)
        return codes / np.maximum(np.linalg.norm(codes, axis=-1, keepdims=True), 1e-12)

    def add(self, name, images):
        """Stores `name` with the (mean, re-normalised) encoding of `images`."""
        code = self.encode(images).mean(axis=0)
        self.database[str(name)] = code / max(np.linalg.norm(code), 1e-12)

    def verify(self, image, name):
        """`(distance, is_match)`: is `image` the person stored as `name`?"""
        if name not in self.database:
            raise KeyError(
                f"{name!r} is not in the database. Known: {sorted(self.database)}"
            )
        distance = float(np.linalg.norm(self.encode(image)[0] - self.database[name]))
        return distance, distance < self.threshold

    def identify(self, image):
        """`(distance, name)` of the nearest stored person; the person is
        unknown when `distance >= threshold`, as in the course."""
        if not self.database:
            raise ValueError("The database is empty; add() people first.")
        names = list(self.database)
        codes = np.stack([self.database[n] for n in names])
        distances = np.linalg.norm(codes - self.encode(image)[0], axis=-1)
        best = int(np.argmin(distances))
        return float(distances[best]), names[best]

    def fit(self, images, labels, mining="semi_hard", alpha=0.2, optimizer=None,
            **fit_kwargs):  # fmt: skip
        """Trains the encoder with `TripletLoss(alpha, mining)` on labelled
        images (identities as ints); a batch must hold several images per
        identity. Returns the Keras `History`."""
        self.embedding_model.compile(
            optimizer=optimizer or keras.optimizers.Adam(1e-3),
            loss=TripletLoss(alpha, mining=mining, reduction="sum_over_batch_size"),
        )
        return self.embedding_model.fit(
            self._images(images), np.asarray(labels), **fit_kwargs
        )

    def calibrate(self, images, labels, num_pairs=1000, seed=None):
        """Sets `threshold` to the best of `verification_sweep` on pairs of
        `images` (identities not used to train, ideally); returns the sweep.

        The course's 0.7 suits its FaceNet encodings; an encoder trained
        here spreads its distances differently.
        """
        sweep = verification_sweep(
            *self.pair_distances(images, labels, num_pairs, seed)
        )
        self.threshold = sweep["best_threshold"]
        return sweep

    def pair_distances(self, images, labels, num_pairs=1000, seed=None):
        """Distances of random same-identity and different-identity pairs.

        Returns:
            `(distances, same)`: `num_pairs` floats, half of them (rounded
            down) between two images of one identity, and their bools.
        """
        labels = np.asarray(labels)
        codes = self.encode(images)
        rng = np.random.default_rng(seed)
        by_label = {c: np.flatnonzero(labels == c) for c in np.unique(labels)}
        usable = [c for c, idx in by_label.items() if len(idx) > 1]
        if not usable or len(by_label) < 2:
            raise ValueError(
                "Need two identities, one of them with two images or more."
            )
        pairs, same = [], []
        for k in range(check_int("num_pairs", num_pairs, minimum=2)):
            if k < num_pairs // 2:
                i, j = rng.choice(by_label[usable[rng.integers(len(usable))]], 2, False)
            else:
                i, j = rng.choice(len(labels), 2, replace=False)
                while labels[i] == labels[j]:
                    j = rng.integers(len(labels))
            pairs.append((i, j))
            same.append(labels[i] == labels[j])
        pairs = np.asarray(pairs)
        distances = np.linalg.norm(codes[pairs[:, 0]] - codes[pairs[:, 1]], axis=-1)
        return distances, np.asarray(same)


@keras_course_export("keras_course.applications.verification_sweep")
def verification_sweep(distances, same, thresholds=None):
    """Accuracy, true and false acceptance rates over distance thresholds.

    Args:
        distances: pair distances; `same`: whether each pair is one identity.
        thresholds: the thresholds; 200 spread over [0, 2] by default (the
            range of distances between unit vectors).

    Returns:
        A dict of arrays: `thresholds`, `accuracy`, `true_accept`,
        `false_accept`; and `best_threshold`, `best_accuracy`.

    >>> sweep = verification_sweep([0.2, 0.5, 0.9, 1.2], [True, True, False, False])
    >>> sweep["best_accuracy"], 0.5 < sweep["best_threshold"] <= 0.9
    (1.0, True)
    """
    distances = np.asarray(distances, "float64")
    same = np.asarray(same, bool)
    if distances.shape != same.shape or not same.any() or same.all():
        raise ValueError(
            "`distances` and `same` must have one entry per pair, with both "
            "same and different pairs."
        )
    if thresholds is None:
        thresholds = np.linspace(0.0, 2.0, 201)
    thresholds = np.asarray(thresholds, "float64")
    accepted = distances[None, :] < thresholds[:, None]
    accuracy = (accepted == same[None, :]).mean(axis=1)
    best = int(np.argmax(accuracy))
    return {
        "thresholds": thresholds,
        "accuracy": accuracy,
        "true_accept": accepted[:, same].mean(axis=1),
        "false_accept": accepted[:, ~same].mean(axis=1),
        "best_threshold": float(thresholds[best]),
        "best_accuracy": float(accuracy[best]),
    }
