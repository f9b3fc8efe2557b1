import numpy as np
import pytest

from keras_course.datasets import forecast_windows, synthetic_series, windowed_dataset
from keras_course.reference import course_windowed_dataset


def collect(dataset):
    xs, ys = zip(*((x.numpy(), y.numpy()) for x, y in dataset), strict=True)
    return np.concatenate(xs), np.concatenate(ys)


def as_sorted_rows(x, y):
    rows = np.concatenate([x.reshape(len(x), -1), y.reshape(len(y), -1)], axis=1)
    return rows[np.lexsort(rows.T[::-1])]


def test_same_examples_as_the_course_pipeline():
    _, series = synthetic_series()
    ours = collect(windowed_dataset(series[:1000], 20, 32, 1000, seed=1))
    course = collect(course_windowed_dataset(series[:1000], 20, 32, 1000))
    assert ours[0].shape == (980, 20) and ours[1].shape == (980,)
    np.testing.assert_array_equal(as_sorted_rows(*ours), as_sorted_rows(*course))


def test_ordered_batches_and_shapes():
    ds = windowed_dataset(np.arange(10.0), 3, batch_size=4, shuffle=False)
    batches = list(ds)
    assert [tuple(x.shape) for x, _ in batches] == [(4, 3), (3, 3)]
    x, y = collect(ds)
    np.testing.assert_array_equal(x[:, 0], np.arange(7))
    np.testing.assert_array_equal(y, np.arange(3, 10))


def test_shuffle_is_seeded_and_changes_order():
    series = np.arange(200.0)
    first = collect(windowed_dataset(series, 5, seed=3))[1]
    again = collect(windowed_dataset(series, 5, seed=3))[1]
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, np.sort(first))


def test_horizon_and_seq2seq_labels():
    series = np.arange(10.0)
    x, y = collect(windowed_dataset(series, 4, horizon=3, shuffle=False))
    assert x.shape == (4, 4) and y.shape == (4, 3)
    np.testing.assert_array_equal(y[0], [4, 5, 6])
    x, y = collect(windowed_dataset(series, 4, seq2seq=True, shuffle=False))
    assert y.shape == (6, 4)
    np.testing.assert_array_equal(y, x + 1)


def test_multivariate_series_with_target_index():
    series = np.stack([np.arange(8.0), -np.arange(8.0)], axis=1)
    x, y = collect(windowed_dataset(series, 3, target_index=1, shuffle=False))
    assert x.shape == (5, 3, 2)
    np.testing.assert_array_equal(x[0, :, 0], [0, 1, 2])
    np.testing.assert_array_equal(y, -np.arange(3.0, 8.0))


def test_forecast_windows_in_order():
    batches = [b.numpy() for b in forecast_windows(np.arange(40.0), 30, batch_size=8)]
    windows = np.concatenate(batches)
    assert windows.shape == (11, 30)
    np.testing.assert_array_equal(windows[:, 0], np.arange(11))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"window_size": 0}, "`window_size` must be a positive int"),
        ({"window_size": 10}, "`window_size` is too large"),
        ({"window_size": 3, "horizon": 0}, "`horizon` must be"),
        ({"window_size": 3, "seq2seq": True, "horizon": 2}, "horizon=1"),
        ({"window_size": 3, "shuffle_buffer": 0}, "`shuffle_buffer` must be"),
        ({"window_size": 3, "batch_size": -1}, "`batch_size` must be"),
    ],
    ids=[
        "window0",
        "window-too-long",
        "horizon0",
        "seq2seq-horizon",
        "buffer",
        "batch",
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        windowed_dataset(np.arange(10.0), **kwargs)


@pytest.mark.parametrize(
    "series, message",
    [
        (np.zeros((4, 3, 2)), "must have shape"),
        ([1.0, np.nan, 2.0, 3.0, 4.0], "NaN"),
        (["a"] * 6, "must be numeric"),
    ],
    ids=["3d", "nan", "strings"],
)
def test_bad_series(series, message):
    with pytest.raises(ValueError, match=message):
        windowed_dataset(series, 2)
    with pytest.raises(ValueError, match=message):
        forecast_windows(series, 2)


def test_target_index_out_of_range():
    with pytest.raises(ValueError, match="`target_index` must be <"):
        windowed_dataset(np.zeros((10, 2)), 3, target_index=2)
