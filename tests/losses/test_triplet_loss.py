import json

import keras
import numpy as np
import pytest

from keras_course.losses import TripletLoss
from keras_course.ops import triplet_loss


def course_triplet_loss(anchor, positive, negative, alpha=0.2):
    """The course's formula, in numpy."""
    pos = np.sum((anchor - positive) ** 2, axis=-1)
    neg = np.sum((anchor - negative) ** 2, axis=-1)
    return np.sum(np.maximum(pos - neg + alpha, 0.0))


def loop_mined(labels, embeddings, alpha, mining):
    """Triplets mined one anchor at a time (FaceNet / TF Addons' rules)."""
    d = ((embeddings[:, None] - embeddings[None]) ** 2).sum(-1)
    total = 0.0
    for a in range(len(labels)):
        positives = [p for p in range(len(labels)) if p != a and labels[p] == labels[a]]
        negatives = [n for n in range(len(labels)) if labels[n] != labels[a]]
        if not positives or not negatives:
            continue
        if mining == "batch_hard":
            hardest = max(d[a, p] for p in positives) - min(d[a, n] for n in negatives)
            total += max(hardest + alpha, 0.0)
            continue
        for p in positives:
            farther = [d[a, n] for n in negatives if d[a, n] > d[a, p]]
            chosen = min(farther) if farther else max(d[a, n] for n in negatives)
            total += max(d[a, p] - chosen + alpha, 0.0)
    return total


@pytest.mark.multi_backend
def test_equals_the_course_formula():
    rng = np.random.default_rng(0)
    a, p, n = rng.normal(size=(3, 16, 128)).astype("float32") * 0.1
    want = course_triplet_loss(a, p, n)
    assert want > 0
    assert float(triplet_loss(a, p, n)) == pytest.approx(want, rel=1e-5)
    assert float(TripletLoss()(None, np.stack([a, p, n], 1))) == pytest.approx(
        want, rel=1e-5
    )
    assert float(triplet_loss(a, p, n, alpha=5.0)) == pytest.approx(
        course_triplet_loss(a, p, n, 5.0), rel=1e-5
    )


@pytest.mark.multi_backend
@pytest.mark.parametrize("mining", ["batch_hard", "semi_hard"])
def test_mining_equals_a_loop_over_anchors(mining):
    rng = np.random.default_rng(1)
    labels = np.array([0, 0, 1, 1, 1, 2, 3, 3])  # 2 has no positive
    embeddings = rng.normal(size=(8, 5)).astype("float32")
    loss = TripletLoss(alpha=0.5, mining=mining)
    want = loop_mined(labels, embeddings, 0.5, mining)
    assert want > 0
    assert float(loss(labels, embeddings)) == pytest.approx(want, rel=1e-4)
    # well separated identities cost nothing
    spread = np.eye(4, 5)[labels] * 10 + rng.normal(size=(8, 5)) * 0.01
    assert float(loss(labels, spread.astype("float32"))) == 0.0


def test_trains_an_embedding_and_round_trips():
    loss = TripletLoss(alpha=0.3, mining="semi_hard", reduction="sum_over_batch_size")
    revived = keras.saving.deserialize_keras_object(
        json.loads(json.dumps(keras.saving.serialize_keras_object(loss))),
        safe_mode=True,
    )
    assert revived.get_config() == loss.get_config()
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(4), 16)
    x = (np.eye(4, 6)[labels] + rng.normal(size=(64, 6)) * 0.3).astype("float32")
    model = keras.Sequential(
        [keras.Input((6,)), keras.layers.Dense(8), keras.layers.UnitNormalization()]
    )
    model.compile(keras.optimizers.Adam(0.01), loss=loss)
    history = model.fit(x, labels, batch_size=32, epochs=20, verbose=0)
    assert history.history["loss"][-1] < 0.5 * history.history["loss"][0]


def test_bad_input():
    with pytest.raises(ValueError, match="mining"):
        TripletLoss(mining="hard")
    with pytest.raises(ValueError, match="alpha"):
        TripletLoss(alpha=-1)
    with pytest.raises(ValueError, match=r"\(batch, 3, d\)"):
        TripletLoss()(None, np.zeros((4, 8)))
    with pytest.raises(ValueError, match=r"\(batch, d\)"):
        TripletLoss(mining="batch_hard")(np.zeros(4), np.zeros((4, 3, 8)))
