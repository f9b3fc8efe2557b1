"""Course 1-2 lessons of the Deep Learning Specialization, reproduced in Keras.

Three of the courses' numpy experiments, with Keras's built-ins, over seeds
(model initialisation and shuffling; the data are the courses' own):

1. planar flower (course 1 week 3): logistic regression (scikit-learn's
   `LogisticRegressionCV`, as the course) vs `ShallowClassifier(4, "tanh")`,
   10,000 full-batch gradient-descent steps at 1.2; training accuracy.
   Course: 47% vs 90%.
2. initialisation on circles (course 2 week 1): the 2-10-5-1 ReLU network,
   15,000 full-batch steps at 0.01, initialised with zeros, N(0, 10²) (the
   course's "large random") and He (untruncated N(0, 2/fan_in)); training
   and test accuracy. Course: 50%, 83%, 99% train (96% test).
3. optimisation on moons (course 2 week 2): the 2-5-2-1 ReLU network (He
   initialisation), mini-batches of 64, 5,000 epochs; gradient descent,
   momentum 0.9 and Adam at 0.0007, then each with the course's
   `schedule_lr_decay` (lr0 0.1, decay_rate 0.3 every 1,000 epochs:
   Keras's `InverseTimeDecay(staircase=True)`). The course's momentum is
   `v = βv + (1-β)g` (an average): Keras's `SGD(lr·(1-β), momentum=β)` is
   the same update. Course: 79.7%, 79.7%, 94% without decay; decay brings
   the first two up to Adam.

Writes a JSON record (`--out`).

    python benchmarks/foundations.py [--seeds 5] [--workers 2]
"""

import argparse
import os
import time
import warnings

import numpy as np
from _parallel import run_jobs
from _report import new_record, write_record


def _train(model, x, y, steps, batch_size=None, seed=0):
    import tensorflow as tf

    if batch_size is None:  # full batch, as the courses' loops
        data = tf.data.Dataset.from_tensors((x, y)).repeat()
    else:
        data = (
            tf.data.Dataset.from_tensor_slices((x, y))
            .shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
            .batch(batch_size)
            .repeat()
        )
    model.fit(data, epochs=1, steps_per_epoch=steps, shuffle=False, verbose=0)


def _accuracy(model, x, y):
    p = model.predict(x, verbose=0, batch_size=1024).reshape(-1)
    return float(np.mean((p > 0.5) == y))


def _network(units, initializer, optimizer):
    import keras

    layers = [keras.Input((2,))]
    for count in units[:-1]:
        layers.append(keras.layers.Dense(count, "relu", kernel_initializer=initializer))
    layers.append(keras.layers.Dense(1, "sigmoid", kernel_initializer=initializer))
    model = keras.Sequential(layers)
    model.compile(optimizer, "binary_crossentropy")
    return model


def flower(seed):
    import keras
    from sklearn.linear_model import LogisticRegressionCV

    from keras_course.applications import ShallowClassifier
    from keras_course.datasets import planar_flower

    x, y = planar_flower()
    with warnings.catch_warnings():  # scikit-learn's notices of future defaults
        warnings.simplefilter("ignore", FutureWarning)
        logistic = LogisticRegressionCV().fit(x, y).score(x, y)
    keras.utils.set_random_seed(seed)
    model = ShallowClassifier(4, "tanh")
    _train(model, x, y, 10_000)
    return {"logistic regression": logistic, "4 tanh units": _accuracy(model, x, y)}


def initialisation(seed):
    import keras

    from keras_course.datasets import circles

    x, y = circles(300, seed=1)
    tx, ty = circles(100, seed=2)
    inits = {
        "zeros": "zeros",
        "large random N(0, 10^2)": keras.initializers.RandomNormal(stddev=10.0),
        "He": keras.initializers.VarianceScaling(2.0, "fan_in", "untruncated_normal"),
    }
    out = {}
    for name, init in inits.items():
        keras.utils.set_random_seed(seed)
        model = _network((10, 5, 1), init, keras.optimizers.SGD(0.01))
        _train(model, x, y, 15_000)
        out[name + " (train)"] = _accuracy(model, x, y)
        out[name + " (test)"] = _accuracy(model, tx, ty)
    return out


def optimisation(seed):
    import keras

    from keras_course.datasets import moons

    x, y = moons(seed=3)
    he = keras.initializers.VarianceScaling(2.0, "fan_in", "untruncated_normal")
    steps_per_epoch = -(-len(x) // 64)

    def decayed(lr0):
        return keras.optimizers.schedules.InverseTimeDecay(
            lr0, decay_steps=1000 * steps_per_epoch, decay_rate=0.3, staircase=True
        )

    makers = {
        "gradient descent": lambda lr: keras.optimizers.SGD(lr),
        "momentum 0.9": lambda lr: keras.optimizers.SGD(
            lr * 0.1 if isinstance(lr, float) else _scaled(lr, 0.1), momentum=0.9
        ),
        "Adam": lambda lr: keras.optimizers.Adam(lr, epsilon=1e-8),
    }
    out = {}
    for decay in (False, True):
        for name, make in makers.items():
            keras.utils.set_random_seed(seed)
            rate = decayed(0.1) if decay else 0.0007
            model = _network((5, 2, 1), he, make(rate))
            _train(model, x, y, 5000 * steps_per_epoch, batch_size=64, seed=seed)
            out[name + (" + decay" if decay else "")] = _accuracy(model, x, y)
    return out


def _scaled(schedule, factor):
    import keras

    config = schedule.get_config()
    config["initial_learning_rate"] *= factor
    return keras.optimizers.schedules.InverseTimeDecay.from_config(config)


def run(experiment, seed):
    start = time.perf_counter()
    result = {"flower": flower, "initialisation": initialisation,
              "optimisation": optimisation}[experiment](seed)  # fmt: skip
    return experiment, result, time.perf_counter() - start


COURSE = {
    "logistic regression": "47%",
    "4 tanh units": "90%",
    "zeros (train)": "50%",
    "large random N(0, 10^2) (train)": "83%",
    "He (train)": "99%",
    "He (test)": "96%",
    "gradient descent": "79.7%",
    "momentum 0.9": "79.7%",
    "Adam": "94%",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--experiments", nargs="*", default=["flower", "initialisation", "optimisation"]
    )
    parser.add_argument("--out", default="benchmarks/results/foundations.json")
    args = parser.parse_args()
    jobs = [(e, s) for e in args.experiments for s in range(args.seeds)]
    results = run_jobs(run, jobs, args.workers)
    record = new_record(experiments={})
    for (experiment, seed), (_, row, seconds) in zip(jobs, results, strict=True):
        record["experiments"].setdefault(experiment, []).append(
            {"seed": seed, "seconds": seconds, **row}
        )
    write_record(args.out, record)
    for experiment in args.experiments:
        rows = [r for e, r, _ in results if e == experiment]
        times = [t for e, _, t in results if e == experiment]
        span = f"{min(times):.0f}-{max(times):.0f} s each"
        print(f"{experiment} ({len(rows)} seeds, {span}):")
        for key in rows[0]:
            values = np.array([r[key] for r in rows])
            course = COURSE.get(key, "-")
            print(
                f"  {key:34s} median {np.median(values):.3f}, range "
                f"{values.min():.3f}-{values.max():.3f}   course: {course}"
            )


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
