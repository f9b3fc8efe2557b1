"""One application trained by 1 and by 2 local processes on keras.distribution.

`TimeSeriesForecaster.fit(series)` (the course DNN's architecture, window 20,
batch 32, the course series split at 1000) under `DataParallel` over the
processes' CPU devices (one each), started with
`keras_course.testing.run_processes` as `keras.distribution.initialize`
starts hosts. Each run trains `EPOCHS` epochs; the first (compilation) is
left out; it prints the median time per epoch and the examples per second.

This machine has 2 cores: two processes share them, and every step adds a
cross-process all-reduce of the gradients. The figure measures that
overhead, not scaling; a speed-up needs more cores or hosts than the one
process can use.

    python benchmarks/distributed.py
"""

import json
import os
import sys
import time

EPOCHS = 6


def worker(process_id, coordinator, out, num_processes):
    import keras

    keras.distribution.initialize(coordinator, num_processes, process_id)
    keras.distribution.set_distribution(
        keras.distribution.DataParallel(devices=keras.distribution.list_devices())
    )
    from keras_course.applications import TimeSeriesForecaster
    from keras_course.datasets import synthetic_series

    class Clock(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.started = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.times.append(time.perf_counter() - self.started)

    _, series = synthetic_series()
    keras.utils.set_random_seed(0)
    model = TimeSeriesForecaster(window_size=20, architecture="dense")
    clock = Clock()
    clock.times = []
    history = model.fit(
        series[:1000],
        epochs=EPOCHS,
        early_stopping=False,
        callbacks=[clock],
        verbose=0,
    )
    examples = (1000 - 20) // 32 * 32  # full batches (partial dropped across hosts)
    with open(out, "w") as f:
        json.dump(
            {
                "times": clock.times,
                "loss": history.history["loss"],
                "examples": examples,
            },
            f,
        )


def main():
    from keras_course.testing import run_processes

    rows = {}
    for n in (1, 2):
        results = run_processes(__file__, num_processes=n, args=(n,), timeout=600)
        times = sorted(results[0]["times"][1:])
        rows[n] = (times[len(times) // 2], times[0], times[-1], results[0])
    for n, (median, low, high, result) in rows.items():
        print(
            f"{n} process(es): {median:.3f} s an epoch (range {low:.3f}-{high:.3f}), "
            f"{result['examples'] / median:,.0f} examples/s, "
            f"final loss {result['loss'][-1]:.2f}"
        )
    print(
        f"2 processes take {rows[2][0] / rows[1][0]:.2f}x the time of 1 on "
        f"{os.cpu_count()} cores: overhead, not scaling (see the docstring)."
    )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        worker(int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
