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
    return (255 * (faces[labels] + noise)).astype("float32"), labels  # pixels


def small(**kwargs):
    return FaceVerifier(face_encoder((12, 12, 1), 16, (8,)), threshold=0.7, **kwargs)


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
    # A batch in, a batch out: one result per image, each as if alone.
    probes = images[[3, 7, 11]]
    batch = verifier.verify(probes, ["p0", "p1", "p2"])
    assert len(batch) == 3
    for got, image, name in zip(batch, probes, ["p0", "p1", "p2"], strict=True):
        assert got[1] == verifier.verify(image, name)[1]
        assert got[0] == pytest.approx(verifier.verify(image, name)[0], abs=1e-5)
    assert [name for _, name in verifier.identify(probes)] == ["p0", "p1", "p2"]
    assert len(verifier.verify(probes, "p1")) == 3  # one name for all


def test_fit_keeps_one_optimizer_across_calls():
    verifier = small()
    images, labels = identities(3, 4)
    optimizer = verifier.optimizer
    verifier.fit(images, labels, epochs=1, batch_size=12, verbose=0)
    verifier.fit(images, labels, epochs=1, batch_size=12, verbose=0)
    assert verifier.optimizer is optimizer
    assert int(optimizer.iterations) == 2


def test_fit_separates_people_and_calibrate_picks_the_threshold():
    keras.utils.set_random_seed(0)
    verifier = small(mining="batch_hard")
    images, labels = identities(6, 10)
    before = verification_sweep(*verifier.pair_distances(images, labels, 400, seed=0))
    history = verifier.fit(images, labels, epochs=20, batch_size=30, verbose=0)
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
        verifier.add("x", np.zeros((12, 13)))
    with pytest.raises(ValueError, match="embedding_model"):
        FaceVerifier(embedding_model="facenet")
    with pytest.raises(ValueError, match="both"):
        verification_sweep([0.1, 0.2], [True, True])
    with pytest.raises(ValueError, match="mining"):
        small(mining="hardest")
    with pytest.raises(ValueError, match="threshold"):
        FaceVerifier(face_encoder((12, 12, 1), 16, (8,)), threshold=-1)
    verifier.add("x", np.zeros((12, 12, 1)))
    with pytest.raises(ValueError, match="one per image"):
        verifier.verify(np.zeros((3, 12, 12, 1)), ["x", "x"])


class TestFaceEncoderSaving(TestCase):
    @pytest.mark.slow
    def test_verifier_reloads_with_its_database_and_threshold(self):
        keras.utils.set_random_seed(0)
        verifier = small()
        images, labels = identities(3, 4)
        verifier.fit(images, labels, epochs=2, batch_size=12, verbose=0)
        for person in range(3):
            verifier.add(f"p{person}", images[labels == person][:2])
        verifier.calibrate(images, labels, 40, seed=0)
        config = verifier.get_config()
        config.pop("name")
        self.run_config_test(FaceVerifier, config)
        self.run_application_test(
            verifier,
            {"verify": (images[[3, 7]], ["p0", "p1"]), "identify": (images[:4],)},
        )

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

    @pytest.mark.slow
    def test_encoder_reloads_in_a_new_process(self):
        encoder = face_encoder((12, 12, 1), 8, (4,))
        x = np.random.default_rng(0).uniform(size=(2, 12, 12, 1)).astype("float32")
        self.run_serialization_test(encoder, x, atol=1e-5)
