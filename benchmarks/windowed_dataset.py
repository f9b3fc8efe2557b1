"""windowed_dataset vs the course's Dataset.window pipeline: one full epoch.

29,000-point series, window 30, batch 32, shuffle buffer 1000. Prints, for
each way, the first epoch (a fresh dataset: iterator start-up included) and
the range of five later epochs, next to the floor: iterating the same
batches precomputed in memory. Also times
`keras.utils.timeseries_dataset_from_array` (the Keras utility) and checks
that ours and the course's yield the same multiset of examples. Writes
`results/speed_windowed_dataset.json`; `--variants` also times other
map/prefetch settings of ours on the first epoch.

    python benchmarks/windowed_dataset.py [--variants]
"""

import argparse
import time

import numpy as np
import tensorflow as tf
from _report import write_speed_record

from keras_course.datasets import synthetic_series, windowed_dataset
from keras_course.reference import course_windowed_dataset

WINDOW, BATCH, BUFFER, REPEATS, FIRSTS = 30, 32, 1000, 5, 3


def keras_utility(series, window_size, batch_size):
    return tf.keras.utils.timeseries_dataset_from_array(
        series[:-1],
        series[window_size:],
        sequence_length=window_size,
        batch_size=batch_size,
        shuffle=True,
        seed=0,
    )


def precomputed(series, window_size, batch_size):
    """The floor: the same batches, already cut, iterated from memory."""
    windows = np.lib.stride_tricks.sliding_window_view(series, window_size + 1)
    x, y = np.ascontiguousarray(windows[:, :-1]), np.ascontiguousarray(windows[:, -1])
    return (
        tf.data.Dataset.from_tensor_slices((x, y))
        .batch(batch_size)
        .cache()
        .prefetch(tf.data.AUTOTUNE)
    )


def first_epoch_variants(series):
    """Does any map/prefetch setting remove the first epoch's extra cost?

    The same start-index pipeline as `windowed_dataset`, built fresh each
    time (building and tracing included), with other parallelism settings.
    """
    data = tf.constant(series)
    offsets = tf.range(WINDOW + 1, dtype=tf.int64)

    def cut(starts):
        windows = tf.gather(data, starts[:, None] + offsets[None, :])
        return windows[:, :WINDOW], windows[:, WINDOW]

    variants = {
        "map AUTOTUNE, prefetch AUTOTUNE (ours)": (tf.data.AUTOTUNE, tf.data.AUTOTUNE),
        "sequential map, prefetch AUTOTUNE": (None, tf.data.AUTOTUNE),
        "sequential map, prefetch 2": (None, 2),
        "map 2 threads, prefetch 2": (2, 2),
    }
    for name, (parallel, prefetch) in variants.items():
        firsts, laters = [], []
        for _ in range(3):
            started = time.perf_counter()
            starts = tf.data.Dataset.range(len(series) - WINDOW).shuffle(BUFFER)
            starts = starts.batch(BATCH)
            mapped = (
                starts.map(cut)
                if parallel is None
                else starts.map(cut, num_parallel_calls=parallel, deterministic=True)
            )
            dataset = mapped.prefetch(prefetch)
            epoch(dataset)
            firsts.append(time.perf_counter() - started)
            laters.append(min(epoch(dataset)[0] for _ in range(3)))
        print(
            f"  {name:40s} first {min(firsts):.3f}-{max(firsts):.3f} s, "
            f"later {min(laters):.3f}-{max(laters):.3f} s"
        )


def epoch(dataset):
    started = time.perf_counter()
    xs, ys = [], []
    for x, y in dataset:
        xs.append(x.numpy())
        ys.append(y.numpy())
    return time.perf_counter() - started, np.concatenate(xs), np.concatenate(ys)


def sorted_rows(x, y):
    rows = np.concatenate([x, y[:, None]], axis=1)
    return rows[np.lexsort(rows.T[::-1])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variants", action="store_true",
                        help="also time other map/prefetch settings")  # fmt: skip
    args = parser.parse_args()
    _, series = synthetic_series(time_steps=29_000)
    makers = {
        "ours": lambda: windowed_dataset(series, WINDOW, BATCH, BUFFER),
        "course": lambda: course_windowed_dataset(series, WINDOW, BATCH, BUFFER),
        "fair": lambda: keras_utility(series, WINDOW, BATCH),
        "floor": lambda: precomputed(series, WINDOW, BATCH),
    }
    firsts, laters, examples = {}, {}, {}
    for name, make in makers.items():
        firsts[name] = []
        for _ in range(FIRSTS):  # a fresh dataset: building included
            started = time.perf_counter()
            dataset = make()
            _, x, y = epoch(dataset)
            firsts[name].append(time.perf_counter() - started)
        laters[name] = [epoch(dataset)[0] for _ in range(REPEATS)]
        examples[name] = sorted_rows(x, y)
    same = np.array_equal(examples["ours"], examples["course"])
    assert same, "windowed_dataset's examples differ from the course's"
    print(f"examples   {len(examples['ours'])} (same multiset as the course: {same})")
    for name in makers:
        print(
            f"{name:7s} first {min(firsts[name]):.3f}-{max(firsts[name]):.3f} s, "
            f"later {min(laters[name]):.3f}-{max(laters[name]):.3f} s"
        )
    write_speed_record(
        "windowed_dataset",
        f"one epoch of windows from a {len(series):,}-point series (window "
        f"{WINDOW}, batch {BATCH}, shuffle buffer {BUFFER})",
        {"ours": "``windowed_dataset``",
         "course": "the course's ``window``/``flat_map`` pipeline (TiP C4W2)",
         "fair": "``keras.utils.timeseries_dataset_from_array``",
         "floor": "the same batches precomputed, iterated from memory"},
        [{"case": "later epochs", "seconds": laters,
          "headline": "``windowed_dataset``, one epoch"},
         {"case": "first epoch, building included", "seconds": firsts}],
    )  # fmt: skip
    if args.variants:
        print("first epoch (building included) vs later ones, other settings:")
        first_epoch_variants(series)


if __name__ == "__main__":
    main()
