"""DLS course 4 week 1's two models on their generated stand-ins, over seeds.

`HappyHouseClassifier()` on `synthetic_happy_faces` (600 to train, 150 new
faces to test; the course's 10 epochs, batches of 16) and `SignsClassifier()`
on `synthetic_signs` (1,080 and 120; the course's 100 epochs, batches of 64),
each at its defaults, next to the majority class. The pictures are drawn,
not photographed: the numbers say the models learn what the stand-ins hold,
not what they reach on the course's data. Writes a JSON record.

    python benchmarks/convolution_models.py --seeds 5
"""

import argparse
import time

import keras
import numpy as np
from _report import new_record, write_record

from keras_course.applications import HappyHouseClassifier, SignsClassifier
from keras_course.datasets import synthetic_happy_faces, synthetic_signs

# name: (model, data, training and test sizes, epochs, batch size)
RECIPES = {
    "HappyHouseClassifier": (
        HappyHouseClassifier, synthetic_happy_faces, 600, 150, 10, 16
    ),
    "SignsClassifier": (SignsClassifier, synthetic_signs, 1080, 120, 100, 64),
}  # fmt: skip


def run(name, seed, learning_rate=None):
    build, generate, n_train, n_test, epochs, batch_size = RECIPES[name]
    keras.utils.set_random_seed(seed)
    x, y = generate(n_train, seed=seed)
    x_test, y_test = generate(n_test, seed=10_000 + seed)
    if learning_rate is None:
        model = build()  # the default, as a user calls it
    else:
        model = build(optimizer=keras.optimizers.Adam(learning_rate))
    started = time.perf_counter()
    model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)
    seconds = time.perf_counter() - started
    accuracy = float(model.evaluate(x_test, y_test, verbose=0)[1])
    majority = float(np.bincount(y_test).max() / len(y_test))
    return {
        "seed": seed, "accuracy": accuracy, "majority": majority, "seconds": seconds
    }  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--models", nargs="*", default=list(RECIPES))
    parser.add_argument(
        "--learning-rate", type=float, help="Adam's rate instead of the default"
    )
    parser.add_argument("--out", default="benchmarks/results/convolution_models.json")
    args = parser.parse_args()
    record = new_record(learning_rate=args.learning_rate, results={})
    for name in args.models:
        runs = [
            run(name, seed, args.learning_rate)
            for seed in range(args.first_seed, args.first_seed + args.seeds)
        ]
        record["results"][name] = runs
        accuracy = [r["accuracy"] for r in runs]
        seconds = [r["seconds"] for r in runs]
        print(
            f"{name}: test accuracy median {np.median(accuracy):.3f} "
            f"(range {min(accuracy):.3f}-{max(accuracy):.3f}, {len(runs)} seeds; "
            f"majority class {np.median([r['majority'] for r in runs]):.3f}); "
            f"training {min(seconds):.0f}-{max(seconds):.0f} s"
        )
    write_record(args.out, record)


if __name__ == "__main__":
    main()
