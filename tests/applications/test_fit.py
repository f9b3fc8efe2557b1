"""The applications' shared `fit` (`applications._fit.FitMixin`)."""

import numpy as np
import pytest

from keras_course import applications
from keras_course.applications._fit import across_processes, sharded_dataset


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
