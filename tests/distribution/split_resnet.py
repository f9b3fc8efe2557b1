"""The CourseResNet50 half of `test_model_parallel.py`, in a process of its own.

Run by `keras_course.testing.run_processes` with one process and two CPU
devices: `python THIS PROCESS_ID COORDINATOR OUT`. Builds the model whole
and split over a `(1, 2)` mesh's `"model"` axis from the same weights, runs
one batch through both and one training step on each, and writes what the
test compares to `OUT` (the assertions stay in the test; the building
helpers are the test module's).
"""

import json
import sys


def main(out):
    import keras
    import numpy as np
    from test_model_parallel import halves, mesh, whole_and_split  # this folder

    from keras_course.applications import CourseResNet50

    def build():
        return CourseResNet50(optimizer=keras.optimizers.SGD(0.01))

    whole, split, distribution = whole_and_split(
        build, CourseResNet50.layout_map(mesh())
    )
    x = np.random.default_rng(0).uniform(0, 255, (8, 64, 64, 3)).astype("float32")
    y = np.arange(8) % 6
    result = {
        "stem_halves": halves(split.get_layer("stem_conv").kernel),
        "fc_halves": halves(split.get_layer("fc").kernel),
        "whole_out": np.asarray(whole(x, training=False)).tolist(),
    }
    with distribution.scope():
        # One compiled program: called eagerly, each layer's op is its own
        # two-device program with an all-gather, and XLA's CPU runtime
        # deadlocked in one of them now and then (see split_resnet_run).
        result["split_out"] = np.asarray(split.predict_on_batch(x)).tolist()
    before = whole.get_layer("fc").kernel.numpy()
    result["whole_loss"] = np.asarray(whole.train_on_batch(x, y)).tolist()
    with distribution.scope():
        result["split_loss"] = np.asarray(split.train_on_batch(x, y)).tolist()
    for name, model in (("whole", whole), ("split", split)):
        step = model.get_layer("fc").kernel.numpy() - before
        result[f"{name}_fc_step"] = step.tolist()
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main(sys.argv[3])
