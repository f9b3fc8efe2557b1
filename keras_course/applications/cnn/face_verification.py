"""Face verification and recognition with encodings (DLS course 4 week 4)."""

import copy

import keras
import numpy as np

from keras_course._backend import check_backend, predict
from keras_course._validation import check_images, check_int, check_number
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._images import image_input
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin
from keras_course.losses.triplet import TripletLoss

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}


@keras_course_export("keras_course.applications.face_encoder")
def face_encoder(input_shape=(96, 96, 3), embedding_dim=128, filters=(32, 64, 128)):
    """A small CNN giving L2-normalised encodings, the default of `FaceVerifier`.

    Raw pixels in [0, 255], rescaled by 1/255 (a `Rescaling` layer), then
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
    inputs, x = image_input(input_shape)
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
class FaceVerifier(PresetMixin, FitMixin, keras.Model):
    """Face verification and recognition: an encoder and a database of names.

    The course's face verification (`verify`, "is this person who they
    claim to be?", 1:1) and recognition (`identify`, "who is this?", 1:K)
    on L2-normalised encodings: two images are the same person when the L2
    distance between their encodings is below `threshold` (the course's
    0.7). The model's output is the encoding (`predict(images)`); `fit`
    (Keras's) trains the encoder with `keras_course.losses.TripletLoss`
    on labelled images (integer identities), mining the triplets in each
    batch, with the optimizer it was compiled with in the constructor.

    The database (`add`), the threshold (`calibrate`) and the encoder are
    all in the `.keras` file: a verifier reloaded with
    `keras.saving.load_model(path, safe_mode=True)` verifies and identifies
    as before.

    Args:
        embedding_model: a Keras model from images (raw pixels) to
            encodings, or None for `face_encoder(input_shape)`. Encodings
            are L2-normalised here too, whatever the model ends with.
        threshold: float, the distance under which two encodings match.
        input_shape: for the default encoder. Defaults to (96, 96, 3).
        alpha: float, the triplet loss's margin. Defaults to 0.2 (the
            course's).
        mining: `TripletLoss`'s mining: `"semi_hard"` (default) or
            `"batch_hard"`.
        database: dict name -> encoding (a list of floats), as `add` makes
            them; None for an empty database.
        optimizer: None for Adam(1e-3).

    Example:

    >>> verifier = FaceVerifier(face_encoder((16, 16, 1), 8, (4,)))
    >>> rng = np.random.default_rng(0)
    >>> verifier.add("younes", rng.uniform(0, 255, (16, 16, 1)))
    >>> distance, match = verifier.verify(rng.uniform(0, 255, (16, 16, 1)), "younes")
    >>> verifier.identify(rng.uniform(0, 255, (16, 16, 1)))[1]
    'younes'
    """

    def __init__(
        self,
        embedding_model=None,
        threshold=0.7,
        input_shape=(96, 96, 3),
        alpha=0.2,
        mining="semi_hard",
        database=None,
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        super().__init__(**kwargs)
        if isinstance(embedding_model, dict):  # from get_config; keep it intact
            embedding_model = keras.saving.deserialize_keras_object(
                copy.deepcopy(embedding_model)
            )
        if embedding_model is None:
            embedding_model = face_encoder(input_shape)
        if not isinstance(embedding_model, keras.Model):
            raise ValueError(
                "`embedding_model` must be a keras.Model or None. Received: "
                f"{embedding_model!r:.80}"
            )
        self.embedding_model = embedding_model
        self.input_shape_arg = tuple(embedding_model.input_shape[1:])
        self.threshold = check_number("threshold", threshold, positive=True)
        self.alpha = check_number("alpha", alpha, positive=True)
        self.mining = mining
        loss = TripletLoss(
            self.alpha, mining=mining, reduction="sum_over_batch_size"
        )  # validates `mining`
        self.database = {
            str(name): np.asarray(code, "float32")
            for name, code in (database or {}).items()
        }
        self.build((None, *self.input_shape_arg))
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(optimizer=optimizer, loss=loss)

    def build(self, input_shape):
        self.built = True

    def call(self, images, training=None):
        codes = self.embedding_model(images, training=training)
        return codes / keras.ops.maximum(
            keras.ops.norm(codes, axis=-1, keepdims=True), 1e-12
        )

    def _images(self, images):
        """`(batch, single)`: the images with a batch axis, and whether one
        image was given."""
        return check_images(images, self.input_shape_arg)

    def encode(self, images, batch_size=64):
        """L2-normalised encodings `(n, d)` of a batch, `(d,)` of one image
        (the model's output, normalised in `call`)."""
        images, single = self._images(images)
        codes = predict(self, images, batch_size)
        return codes[0] if single else codes

    def add(self, name, images):
        """Stores `name` with the (mean, re-normalised) encoding of `images`
        (one image or several of the same person)."""
        images, _ = self._images(images)
        code = self.encode(images).mean(axis=0)
        self.database[str(name)] = code / max(np.linalg.norm(code), 1e-12)

    def verify(self, images, names):
        """Is each image the person it claims to be?

        Args:
            images: one image, or a batch.
            names: the claimed name, one for all images or one per image.

        Returns:
            `(distance, is_match)` for one image; a list of them for a batch.
        """
        images, single = self._images(images)
        names = [names] * len(images) if isinstance(names, str) else list(names)
        if len(names) != len(images):
            raise ValueError(
                f"`names` must be one name or one per image: {len(images)} "
                f"images, {len(names)} names."
            )
        unknown = sorted({n for n in names if n not in self.database})
        if unknown:
            raise KeyError(
                f"{unknown[0]!r} is not in the database. Known: {sorted(self.database)}"
            )
        codes = self.encode(images)
        distances = np.linalg.norm(
            codes - np.stack([self.database[n] for n in names]), axis=-1
        )
        results = [(float(d), bool(d < self.threshold)) for d in distances]
        return results[0] if single else results

    def identify(self, images):
        """`(distance, name)` of the nearest stored person for one image (a
        list of them for a batch); the person is unknown when `distance >=
        threshold`, as in the course."""
        if not self.database:
            raise ValueError("The database is empty; add() people first.")
        images, single = self._images(images)
        names = list(self.database)
        stored = np.stack([self.database[n] for n in names])
        codes = self.encode(images)
        distances = np.linalg.norm(codes[:, None, :] - stored[None], axis=-1)
        best = np.argmin(distances, axis=1)
        results = [(float(distances[i, b]), names[b]) for i, b in enumerate(best)]
        return results[0] if single else results

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
        codes = self.encode(self._images(images)[0])
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

    def get_config(self):
        return {
            "name": self.name,
            "embedding_model": keras.saving.serialize_keras_object(
                self.embedding_model
            ),
            "threshold": self.threshold,
            "input_shape": list(self.input_shape_arg),
            "alpha": self.alpha,
            "mining": self.mining,
            "database": {n: c.tolist() for n, c in self.database.items()},
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the verifier, its database and threshold included."""
        return cls(**config)


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
