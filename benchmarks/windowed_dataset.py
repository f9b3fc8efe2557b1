"""windowed_dataset vs the course's Dataset.window pipeline: one full epoch.

29,000-point series, window 30, batch 32, shuffle buffer 1000. Also times
`keras.utils.timeseries_dataset_from_array` (the Keras utility) for reference,
and checks that ours and the course's yield the same multiset of examples.
"""

import time

import numpy as np
import tensorflow as tf

from keras_course.datasets import synthetic_series, windowed_dataset
from keras_course.testing.course_reference import course_windowed_dataset

WINDOW, BATCH, BUFFER = 30, 32, 1000


def keras_utility(series, window_size, batch_size):
    return tf.keras.utils.timeseries_dataset_from_array(
        series[:-1],
        series[window_size:],
        sequence_length=window_size,
        batch_size=batch_size,
        shuffle=True,
        seed=0,
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
    _, series = synthetic_series(time_steps=29_000)
    # Warm-up (graph tracing) for all, then the best of three epochs each.
    results = {}
    for name, make in [
        ("ours", lambda: windowed_dataset(series, WINDOW, BATCH, BUFFER)),
        ("reference", lambda: course_windowed_dataset(series, WINDOW, BATCH, BUFFER)),
        ("keras_utility", lambda: keras_utility(series, WINDOW, BATCH)),
    ]:
        dataset = make()
        epoch(dataset)
        runs = [epoch(dataset) for _ in range(3)]
        results[name] = (min(r[0] for r in runs), runs[0][1], runs[0][2])
    same = np.array_equal(
        sorted_rows(results["ours"][1], results["ours"][2]),
        sorted_rows(results["reference"][1], results["reference"][2]),
    )
    ours, reference, utility = (results[k][0] for k in results)
    print(f"examples   {len(results['ours'][2])} (same multiset as the course: {same})")
    print(f"ours       {ours:.3f} s  windowed_dataset")
    print(f"reference  {reference:.3f} s  course window/flat_map pipeline")
    print(f"keras      {utility:.3f} s  keras.utils.timeseries_dataset_from_array")
    print(f"ratio      {reference / ours:.1f}x faster than the course (target >= 10x)")


if __name__ == "__main__":
    main()
