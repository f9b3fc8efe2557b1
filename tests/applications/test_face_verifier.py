import keras
import numpy as np
import pytest

from keras_course.applications import FaceVerifier, face_encoder, verification_sweep
from keras_course.testing import TestCase


def identities(num_people, per_person, seed=0):
    """Images of `num_people` 'people': a fixed pattern each, plus noise."""
    rng = np.random.default_rng(seed)
    faces = rng.uniform(size=(num_people, 12, 12, 1))
    labels = np.repeat(np.arange(num_people), per_person)
    noise = rng.normal(0, 0.1, (len(labels), 12, 12, 1))
    return (faces[labels] + noise).astype("float32"), labels


def small():
    return FaceVerifier(face_encoder((12, 12, 1), 16, (8,)), threshold=0.7)


def test_database_verify_and_identify():
    keras.utils.set_random_seed(0)
    verifier = small()
    images, labels = identities(3, 4)
    for person in range(3):
        verifier.add(f"p{person}", images[labels == person][:2])
    codes = verifier.encode(images)
    np.testing.assert_allclose(np.linalg.norm(codes, axis=-1), 1.0, atol=1e-5)
    verifier.fit(images, labels, epochs=30, batch_size=12, verbose=0)
    for person in range(3):
        verifier.add(f"p{person}", images[labels == person][:2])
    probe = images[labels == 1][3]
    distance, match = verifier.verify(probe, "p1")
    other, _ = verifier.verify(probe, "p2")
    assert distance < other
    assert match == (distance < verifier.threshold)
    assert verifier.identify(probe)[1] == "p1"


def test_fit_separates_people_and_calibrate_picks_the_threshold():
    keras.utils.set_random_seed(0)
    verifier = small()
    images, labels = identities(6, 10)
    before = verification_sweep(*verifier.pair_distances(images, labels, 400, seed=0))
    history = verifier.fit(images, labels, mining="batch_hard", epochs=20,
                           batch_size=30, verbose=0)  # fmt: skip
    assert history.history["loss"][-1] < history.history["loss"][0]
    sweep = verifier.calibrate(images, labels, 400, seed=0)
    assert verifier.threshold == sweep["best_threshold"]
    assert sweep["best_accuracy"] >= max(0.9, before["best_accuracy"])


def test_sweep_rates():
    sweep = verification_sweep([0.1, 0.3, 0.6, 0.8], [True, False, True, False], [0.5])
    assert sweep["true_accept"].tolist() == [0.5]
    assert sweep["false_accept"].tolist() == [0.5]
    assert sweep["accuracy"].tolist() == [0.5]


def test_bad_input():
    verifier = small()
    with pytest.raises(KeyError, match="'nobody' is not in the database"):
        verifier.verify(np.zeros((12, 12, 1)), "nobody")
    with pytest.raises(ValueError, match="empty"):
        verifier.identify(np.zeros((12, 12, 1)))
    with pytest.raises(ValueError, match=r"\(12, 12, 1\)"):
        verifier.add("x", np.zeros((12, 12)))
    with pytest.raises(ValueError, match="embedding_model"):
        FaceVerifier(embedding_model="facenet")
    with pytest.raises(ValueError, match="both"):
        verification_sweep([0.1, 0.2], [True, True])


class TestFaceEncoderSaving(TestCase):
    def test_encoder_trains_with_mined_triplets_under_two_devices(self):
        import tensorflow as tf

        from keras_course.losses import TripletLoss

        def model_fn():
            encoder = face_encoder((12, 12, 1), 8, (4,))
            encoder.compile("adam", TripletLoss(mining="batch_hard"))
            return encoder

        images, labels = identities(4, 4)
        # each replica's half of a batch of 8 holds two pairs of one identity
        order = np.argsort(np.tile([0, 0, 1, 1], 4) * 100 + labels, kind="stable")
        order = np.concatenate([order[i::4] for i in range(4)])
        data = tf.data.Dataset.from_tensor_slices((images[order], labels[order]))
        self.run_distributed_fit_test(model_fn, data.batch(8).repeat(), steps=2)

    def test_encoder_reloads_in_a_new_process(self):
        encoder = face_encoder((12, 12, 1), 8, (4,))
        x = np.random.default_rng(0).uniform(size=(2, 12, 12, 1)).astype("float32")
        self.run_serialization_test(encoder, x, atol=1e-5)
