"""YOLO post-processing speed: `yolo_eval` on a batch against the course's
per-image `yolo_eval`, eager and in `tf.function`, same detections checked.

32 course-sized raw outputs (19x19x5x85, random, with some boxes over the 0.6
threshold) are decoded by `YOLOHead` once; then the three ways turn them
into boxes: the course's function called per image (eager), the same
function per image inside `tf.function`, and `keras_course.ops.yolo_eval`
on the whole batch, called plainly as the docs show it (it compiles itself on
the first call; that call is timed apart); next to them what a user would
write in NumPy for the box scores and best classes, and the floor, the same
two lines compiled with XLA, which any way computes. Writes
`results/speed_yolo_postprocessing.json`.

    python benchmarks/yolo_postprocessing.py [--batch 32] [--repeats 5]
"""

import argparse
import os
import time

import numpy as np
from _report import write_speed_record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    import tensorflow as tf

    from keras_course.layers import YOLOHead
    from keras_course.ops import yolo_eval
    from keras_course.reference import course_yolo_eval

    rng = np.random.default_rng(0)
    feats = rng.normal(size=(args.batch, 19, 19, 5, 85)).astype("float32")
    feats[..., 4] = rng.normal(-2.0, 3.0, size=feats.shape[:-1])
    feats[..., 5:] *= 4.0
    outputs = [
        tf.constant(t) for t in YOLOHead()(feats.reshape(args.batch, 19, 19, 425))
    ]

    def per_image(function):
        return [function([t[i] for t in outputs]) for i in range(args.batch)]

    course_graph = tf.function(course_yolo_eval, reduce_retracing=True)
    arrays = [t.numpy() for t in outputs]

    def numpy_scores():
        """The box scores and best classes in NumPy, nothing else."""
        scores = arrays[2] * arrays[3]
        return scores.max(-1), scores.argmax(-1)

    @tf.function(jit_compile=True)
    def floor(outputs):
        """Only the box scores and best classes: work every way must do."""
        scores = outputs[2] * outputs[3]
        return tf.reduce_max(scores, -1), tf.argmax(scores, -1)

    start = time.perf_counter()
    yolo_eval(outputs)
    print(
        f"{'yolo_eval, first call (compiles)':>34}: {time.perf_counter() - start:.2f} s"
    )
    ways = {
        "course, eager, per image": lambda: per_image(course_yolo_eval),
        "course, tf.function, per image": lambda: per_image(course_graph),
        "yolo_eval, one batch": lambda: yolo_eval(outputs),
        "NumPy: box scores only": numpy_scores,
        "floor: box scores only, XLA": lambda: floor(outputs),
    }
    times = {}
    results = {}
    for name, way in ways.items():
        results[name] = way()  # warm up / trace
        seconds = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            results[name] = way()
            seconds.append(time.perf_counter() - start)
        times[name] = np.array(seconds)
        print(f"{name:>34}: {times[name].min():.4f}-{times[name].max():.4f} s")
    batch = results["yolo_eval, one batch"]
    for i, (scores, boxes, classes) in enumerate(results["course, eager, per image"]):
        count = int(batch["num_detections"][i])
        assert count == len(scores)
        np.testing.assert_allclose(batch["confidence"][i, :count], scores, rtol=1e-5)
        np.testing.assert_allclose(
            batch["boxes"][i, :count], boxes, rtol=1e-4, atol=1e-2
        )
        np.testing.assert_array_equal(batch["labels"][i, :count], classes)
    detections = int(np.sum(batch["num_detections"]))
    print(f"same detections: yes ({detections} over {args.batch} images)")
    names = dict(zip(("course", "fair", "ours", "numpy", "floor"), ways, strict=True))
    write_speed_record(
        "yolo_postprocessing",
        f"boxes from {args.batch} course-sized YOLO outputs (19x19x5x85), same "
        "detections checked",
        {"ours": "``yolo_eval(outputs)`` on the batch",
         "course": "the course's ``yolo_eval`` per image, eager (DLS C4W3)",
         "fair": "the course's ``yolo_eval`` per image in ``tf.function``",
         "floor": "box scores and best classes only, XLA"},
        [{"case": f"{args.batch} images", "headline": "``yolo_eval``",
          "seconds": {way: times[name].tolist() for way, name in names.items()
                      if way != "numpy"}}],
    )  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
