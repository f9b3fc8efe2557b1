"""The applications' shared `fit` (`applications._fit.FitMixin`)."""

import keras
import numpy as np
import pytest

from keras_course import applications
from keras_course.applications._fit import (
    across_processes,
    epoch_shuffled_dataset,
    sharded_dataset,
)


def test_grayscale_images_may_leave_out_their_channel_axis():
    # The course's Fashion-MNIST arrays are (n, 28, 28); Keras takes them
    # for a (28, 28, 1) input, and so does the rank check.
    model = applications.FashionMNISTClassifier()
    x = np.random.default_rng(0).uniform(0, 255, (8, 28, 28)).astype("float32")
    history = model.fit(x, np.arange(8) % 10, epochs=1, verbose=0)
    assert len(history.history["loss"]) == 1
    with pytest.raises(ValueError, match=r"`x` must have 4 axes.*\(8, 28\)"):
        model.fit(x[:, 0], np.arange(8) % 10, epochs=1, verbose=0)


@pytest.mark.parametrize(
    "x, error, message",
    [
        ("a sentence", TypeError, "`x` must be a batch"),
        ([[1.0, 2.0], [3.0]], ValueError, "`x` must be a rectangular batch"),
        (np.ones((4, 2)), ValueError, "same number of samples.*x with 4, y with 3"),
        (np.full((3, 2), np.inf), ValueError, "`x` must not contain NaN"),
    ],
    ids=["one-string", "ragged", "lengths", "inf"],
)
def test_bad_training_arrays(x, error, message):
    model = applications.ShallowClassifier()
    with pytest.raises(error, match=message):
        model.fit(x, np.array([0, 1, 0]), epochs=1, verbose=0)


def test_one_process_leaves_fit_to_keras():
    assert not across_processes()  # no distribution set


def test_sharded_dataset_has_full_batches_in_a_shared_order():
    x = np.arange(70)[:, None]
    first = [
        b[0].numpy().ravel().tolist() for b in sharded_dataset(x, x[:, 0], None, 16)
    ]
    again = [
        b[0].numpy().ravel().tolist() for b in sharded_dataset(x, x[:, 0], None, 16)
    ]
    assert first == again  # every process draws the same batches
    assert [len(b) for b in first] == [16] * 4  # the partial 6 are dropped
    assert len(set(sum(first, []))) == 64
    assert sum(first, []) != list(range(64))  # shuffled
    with pytest.raises(ValueError, match=r"`batch_size` \(128\) must not exceed"):
        sharded_dataset(x, x[:, 0], None, 128)


def test_epoch_shuffled_dataset_draws_a_new_order_every_epoch():
    x, y = np.arange(10, dtype="float64")[:, None], np.arange(10)
    dataset = epoch_shuffled_dataset((x, y), 4, seed=3)
    assert int(dataset.cardinality()) == 3
    assert dataset.element_spec[0].dtype == "float32"  # as Keras casts float64
    epochs = [[b[1].numpy().tolist() for b in dataset] for _ in range(3)]
    for batches in epochs:
        assert [len(b) for b in batches] == [4, 4, 2]
        assert sorted(sum(batches, [])) == list(range(10))
    assert epochs[0] != epochs[1] != epochs[2] != epochs[0]
    for batch in dataset:  # rows stay with their targets
        np.testing.assert_array_equal(batch[0].numpy()[:, 0], batch[1].numpy())
    again = epoch_shuffled_dataset((x, y), 4, seed=3)
    assert [b[1].numpy().tolist() for b in again] == epochs[0]  # the seed repeats
    # Several inputs as a list (a seq2seq model's [source, target_in]): kept
    # apart, not stacked into one tensor.
    (first, second), _ = next(
        iter(epoch_shuffled_dataset(([x, 2 * x[:, [0, 0]]], y), 4, 0))
    )
    assert first.shape == (4, 1) and second.shape == (4, 2)
    np.testing.assert_array_equal(second.numpy()[:, 0], 2 * first.numpy()[:, 0])


def _resident_mb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1e3  # kB
    raise OSError(field)


def test_epoch_shuffled_dataset_does_not_copy_numpy_arrays():
    # A course-size set of spectrograms or pictures is a gigabyte; a tensor
    # of a numpy array not aligned to 64 bytes is a copy of it.
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM, the peak resident memory
    except OSError:
        pytest.skip("needs Linux's /proc/self/clear_refs")
    x = np.ones((2000, 128, 256), "float32")  # 262 MB, every page touched
    y = np.arange(2000)
    before = _resident_mb("VmRSS")
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    dataset = epoch_shuffled_dataset((x, y), 50, seed=0)
    assert sum(int(batch[1].shape[0]) for batch in dataset) == 2000
    assert _resident_mb("VmHWM") - before < 150  # a copy would add 262


def test_epoch_shuffled_dataset_takes_texts_and_tensors():
    import tensorflow as tf

    texts = np.array([f"text {i}" for i in range(6)])
    for x in (texts, tf.constant(np.arange(6.0))):
        batches = list(epoch_shuffled_dataset((x, np.arange(6)), 4, seed=1))
        assert [len(b[1]) for b in batches] == [4, 2]
        rows = np.concatenate([b[0].numpy() for b in batches])
        order = np.concatenate([b[1].numpy() for b in batches])
        expected = np.asarray(x)[order]
        if expected.dtype.kind == "U":
            expected = expected.astype("S")  # TensorFlow's strings are bytes
        np.testing.assert_array_equal(rows, expected)


def spied(model):
    """`model` recording the first feature of every row it trains on."""
    import tensorflow as tf

    seen = []
    train_step = model.train_step

    def spy(data):
        rows = data[0][:, 0]
        tf.py_function(lambda r: seen.append(r.numpy().tolist()) or 0, [rows], "int32")
        return train_step(data)

    model.train_step = spy
    return seen


def seeded_orders(**fit_kwargs):
    keras.utils.set_random_seed(0)
    model = applications.ShallowClassifier()
    seen = spied(model)
    x = np.stack([np.arange(40.0), np.zeros(40)], axis=1).astype("float32")
    history = model.fit(x, np.arange(40) % 2, epochs=3, verbose=0, **fit_kwargs)
    return seen, history


def test_a_seeded_fit_trains_in_a_new_order_every_epoch():
    # Keras's array adapter on TensorFlow, seeded, draws one order for every
    # epoch; a model trained on one order over and over fits that cycle.
    seen, _ = seeded_orders(batch_size=8)
    assert len(seen) == 15 and all(len(b) == 8 for b in seen)
    epochs = [sum(seen[5 * e : 5 * e + 5], []) for e in range(3)]
    assert all(sorted(rows) == list(range(40)) for rows in epochs)
    assert epochs[0] != epochs[1] != epochs[2] != epochs[0]
    assert seeded_orders(batch_size=8)[0] == seen  # and a seeded run repeats


def test_validation_split_and_sample_weight_survive_the_reshuffle():
    # Keras's split: the last quarter validates and is never trained on.
    seen, history = seeded_orders(validation_split=0.25, batch_size=10)
    assert sorted(sum(seen[:3], [])) == list(range(30))
    assert len(history.history["val_loss"]) == 3
    _, history = seeded_orders(sample_weight=np.zeros(40))
    assert history.history["loss"] == [0.0, 0.0, 0.0]


def test_shuffle_false_keeps_keras_order():
    seen, _ = seeded_orders(batch_size=20, shuffle=False)
    assert seen == [list(range(20)), list(range(20, 40))] * 3
