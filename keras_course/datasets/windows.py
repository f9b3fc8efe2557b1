"""Windowed `tf.data` pipelines for forecasting (course 4's `windowed_dataset`)."""

import numpy as np

from keras_course._validation import check_int, check_series, check_window
from keras_course.api_export import keras_course_export


def sliding_windows(series, length):
    """All windows of `length` consecutive steps, as a `(n, length, ...)` view.

    A zero-copy numpy view (`sliding_window_view`), so windowing a long series
    costs no Python loop and no copy until the windows are used.
    """
    windows = np.lib.stride_tricks.sliding_window_view(series, length, axis=0)
    # For (time, features) numpy puts the window axis last; move it after n.
    return np.moveaxis(windows, -1, 1) if series.ndim == 2 else windows


@keras_course_export("keras_course.datasets.windowed_dataset")
def windowed_dataset(
    series,
    window_size,
    batch_size=32,
    shuffle_buffer=1000,
    *,
    horizon=1,
    seq2seq=False,
    target_index=0,
    shuffle=True,
    seed=None,
    drop_remainder=False,
):
    """Windows a series into a shuffled, batched `tf.data.Dataset` of `(x, y)`.

    The course builds this with `Dataset.window` → `flat_map(batch)` →
    `shuffle` → `map` → `batch`, which makes one small dataset per window. This
    produces the same examples from a dataset of window *start indices*: only
    integers are shuffled, and each batch is cut from the series with one
    gather, which is several times faster (see `benchmarks/windowed_dataset.py`).

    Args:
        series: array of shape `(time,)` or `(time, features)`.
        window_size: int, input steps per example.
        batch_size: int. Defaults to 32.
        shuffle_buffer: int, size of the shuffle buffer (as in the course).
        horizon: int, how many future steps to predict. Defaults to 1.
        seq2seq: bool, label every input step with the next value (course weeks
            3–4: `y = w[1:]`). Needs `horizon=1`.
        target_index: int, the feature predicted when `series` has features.
        shuffle: bool, shuffle the examples. Defaults to True.
        seed: int or None, seed of the shuffle.
        drop_remainder: bool, drop the last, partial batch, so that every
            batch has `batch_size` examples and a static batch size (what
            Keras needs to shard a dataset across processes). Defaults to
            False.

    Returns:
        A `tf.data.Dataset` of `(x, y)` float32 batches. `x` has shape
        `(batch, window_size)` for a 1-D series and
        `(batch, window_size, features)` for a 2-D one. `y` has shape `(batch,)`
        for `horizon=1`, `(batch, horizon)` otherwise, and `(batch, window_size)`
        with `seq2seq=True`.

    Example:

    >>> ds = windowed_dataset(np.arange(10.0), window_size=3, batch_size=4,
    ...                       shuffle=False)
    >>> x, y = next(iter(ds))
    >>> x.numpy()[0].tolist(), y.numpy()[:4].tolist()
    ([0.0, 1.0, 2.0], [3.0, 4.0, 5.0, 6.0])
    """
    import tensorflow as tf

    series = check_series(series, allow_2d=True)
    horizon = check_int("horizon", horizon)
    batch_size = check_int("batch_size", batch_size)
    if shuffle:
        shuffle_buffer = check_int("shuffle_buffer", shuffle_buffer)
    if seq2seq and horizon != 1:
        raise ValueError(
            f"`seq2seq=True` labels one step ahead; use horizon=1. "
            f"Received: horizon={horizon}"
        )
    window_size = check_window(series, window_size, extra=horizon)
    if series.ndim == 2:
        target_index = check_int("target_index", target_index, minimum=0)
        if target_index >= series.shape[1]:
            raise ValueError(
                f"`target_index` must be < the number of features "
                f"({series.shape[1]}). Received: target_index={target_index}"
            )
    length = window_size + horizon
    num_windows = len(series) - length + 1
    offsets = tf.range(length, dtype=tf.int64)
    data = tf.constant(series)

    def cut(starts):
        windows = tf.gather(data, starts[:, None] + offsets[None, :])
        x = windows[:, :window_size]
        labels = windows[:, 1:] if seq2seq else windows[:, window_size:]
        if series.ndim == 2:
            labels = labels[..., target_index]
        if horizon == 1 and not seq2seq:
            labels = labels[:, 0]
        return x, labels

    starts = tf.data.Dataset.range(num_windows)
    if shuffle:
        starts = starts.shuffle(shuffle_buffer, seed=seed)
    return (
        starts.batch(batch_size, drop_remainder=bool(drop_remainder))
        .map(cut, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
        .prefetch(tf.data.AUTOTUNE)
    )


@keras_course_export("keras_course.datasets.forecast_windows")
def forecast_windows(series, window_size, batch_size=32):
    """Every window of the series, in order: the input of the course's `model_forecast`.

    Args:
        series: array of shape `(time,)` or `(time, features)`.
        window_size: int, steps per window.
        batch_size: int. Defaults to 32.

    Returns:
        A `tf.data.Dataset` of float32 batches of shape `(batch, window_size)`
        (or `(batch, window_size, features)`), `time - window_size + 1` windows
        in all; the prediction for window `i` forecasts `series[i + window_size]`.

    Example:

    >>> ds = forecast_windows(np.arange(5.0), window_size=3)
    >>> next(iter(ds)).numpy().tolist()
    [[0.0, 1.0, 2.0], [1.0, 2.0, 3.0], [2.0, 3.0, 4.0]]
    """
    import tensorflow as tf

    series = check_series(series, allow_2d=True)
    window_size = check_window(series, window_size)
    batch_size = check_int("batch_size", batch_size)
    windows = np.ascontiguousarray(sliding_windows(series, window_size))
    return (
        tf.data.Dataset.from_tensor_slices(windows)
        .batch(batch_size)
        .prefetch(tf.data.AUTOTUNE)
    )
