"""Neural style transfer: our compiled step vs the course's, per step.

Same VGG19 (random weights: the time does not depend on them), same
images, same course costs and Adam(0.01). Three ways, in one run, at
several image sizes:

- the course's `train_step` run eagerly (a `GradientTape` loop, as the
  notebook is without its decorator),
- the course's `train_step` under `@tf.function` (the notebook's),
- `NeuralStyleTransfer.make_step` (one `tf.function`: forward, gradient,
  Adam written out on the image, clip).

The first steps (tracing) are left out; the median of the timed steps is
reported, with the range over `--repeats` runs. The notebook's compiled
step is the floor: the same forward and backward pass through the base,
compiled; a step can only beat the eager loop by as much as it does. The
costs of the first steps are checked to agree between the course's way and
ours. Writes `results/speed_style_transfer_speed.json` (the course's way
there is the notebook's compiled step; the eager one is printed).

    python benchmarks/style_transfer_speed.py [--sizes 64 128 400] [--steps 10]
"""

import argparse
import os
import time

import numpy as np
from _report import write_speed_record


def timed(step, steps, warmup=2):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[64, 128, 400])
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import keras
    import tensorflow as tf

    from keras_course.applications import NeuralStyleTransfer
    from keras_course.reference import course_nst_train_step

    nst = NeuralStyleTransfer(weights=None)
    rng = np.random.default_rng(0)
    print(f"backend {keras.backend.backend()}, {os.cpu_count()} cores")
    rows = []
    for size in args.sizes:
        content, style = rng.uniform(size=(2, 1, size, size, 3)).astype("float32")
        a_S, a_C = nst.encoder(style), nst.encoder(content)
        start = nst.initial_image(content, seed=0)
        results = {"eager": [], "tf.function": [], "ours": []}
        for _ in range(args.repeats):
            for name in ("eager", "tf.function"):
                image = tf.Variable(start)
                step = course_nst_train_step(
                    nst.encoder, a_S, a_C, nst.style_layers,
                    keras.optimizers.Adam(0.01),
                )  # fmt: skip
                if name == "tf.function":
                    step = tf.function(step)
                results[name].append(timed(lambda s=step, i=image: s(i), args.steps))
            ours = nst.make_step(style, content, 0.01)
            state = [tf.constant(start), tf.zeros_like(start), tf.zeros_like(start),
                     tf.constant(0.0)]  # fmt: skip

            def our_step(ours=ours, state=state):
                state[:] = ours(*state)[:4]

            results["ours"].append(timed(our_step, args.steps))
        # the same first cost both ways
        image = tf.Variable(start)
        course_J = course_nst_train_step(
            nst.encoder, a_S, a_C, nst.style_layers, keras.optimizers.Adam(0.01)
        )(image)
        our_J = nst.make_step(style, content, 0.01)(
            tf.constant(start), tf.zeros_like(start), tf.zeros_like(start), 0.0
        )[-1]
        assert np.isclose(float(course_J), float(our_J), rtol=1e-4), (
            float(course_J), float(our_J))  # fmt: skip

        def span(values):
            return f"{min(values):.4f}-{max(values):.4f} s"

        eager, graph, ours = (
            np.array(results[k]) for k in ("eager", "tf.function", "ours")
        )
        print(
            f"{size}x{size}: per step eager course {span(eager)}, course "
            f"@tf.function {span(graph)}, ours {span(ours)}; ours is "
            f"{(eager / ours).min():.1f}-{(eager / ours).max():.1f}x faster than "
            f"eager and {(graph / ours).min():.2f}-{(graph / ours).max():.2f}x "
            "the speed of the notebook's tf.function (the floor)"
        )
        rows.append({"case": f"{size}x{size}", "seconds": {"ours": results["ours"],
                     "course": results["tf.function"]}})  # fmt: skip
    rows[-1]["headline"] = "``NeuralStyleTransfer``, one step"
    write_speed_record(
        "style_transfer_speed",
        "one style-transfer step through VGG19 (median step of "
        f"{args.steps}, each run), first costs checked equal",
        {"ours": "the step ``NeuralStyleTransfer.make_step`` compiles",
         "course": "the notebook's ``train_step`` with its ``@tf.function`` "
                   "(DLS C4W4)"},
        rows,
    )  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
