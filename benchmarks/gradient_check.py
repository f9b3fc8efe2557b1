"""`gradient_check` on a 10k-parameter model: time for all of it and a subset.

A Dense 2-100-100-1 tanh network (10,501 parameters) on 64 points with
MSE; checks every parameter, then `max_params=500`, and prints the time and
the relative difference of each (a correct network: below 2e-7). Run under
TensorFlow or JAX (`KERAS_BACKEND=jax`); `--out` writes a JSON record.

    python benchmarks/gradient_check.py [--repeats 3] [--out results/F.json]
"""

import argparse
import os

import numpy as np
from _report import new_record, write_record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", help="write the runs to this JSON record")
    args = parser.parse_args()
    import keras

    from keras_course.ops import gradient_check

    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((2,)), keras.layers.Dense(100, "tanh"),
         keras.layers.Dense(100, "tanh"), keras.layers.Dense(1)]
    )  # fmt: skip
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(64, 2)), rng.normal(size=(64, 1))
    print(f"backend {keras.backend.backend()}, {model.count_params():,} parameters")
    record = new_record(parameters=model.count_params(), points=len(x), runs={})
    for max_params in (None, 500):
        results = [
            gradient_check(model, x, y, max_params=max_params, seed=s)
            for s in range(args.repeats)
        ]
        times = [r.seconds for r in results]
        print(
            f"max_params={max_params}: {results[0].num_checked:,} checked in "
            f"{min(times):.2f}-{max(times):.2f} s; difference "
            f"{max(r.difference for r in results):.1e} (passed: "
            f"{all(r.passed() for r in results)})"
        )
        record["runs"][str(max_params or "all")] = {
            "checked": results[0].num_checked,
            "seconds": times,
            "differences": [r.difference for r in results],
            "passed": all(r.passed() for r in results),
        }
    if args.out:
        write_record(args.out, record)


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
