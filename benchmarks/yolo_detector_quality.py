"""YOLODetector trained from scratch on generated shapes: mAP@0.5 over seeds.

Per seed: `synthetic_shapes(3000, 128, classes=(circle, square, triangle),
max_objects=3)` to train on (seed s) and 300 held-out images (seed 1000 + s);
`YOLODetector(3)` at its defaults, `--epochs` epochs, batch 32; then
`mean_average_precision` of `predict_boxes` (score 0.5, IoU 0.5) against the
true boxes. Prints each seed's mAP and training time, and the median and
range.

    python benchmarks/yolo_detector_quality.py [--seeds 5] [--epochs 12] [--workers 2]
"""

import argparse
import os
import time

import numpy as np
from _parallel import run_jobs
from _report import new_record, write_record

CLASSES = ("circle", "square", "triangle")


def run(seed, epochs, images):
    import keras

    from keras_course.applications import YOLODetector
    from keras_course.datasets import synthetic_shapes
    from keras_course.ops import mean_average_precision

    keras.utils.set_random_seed(seed)
    x, targets = synthetic_shapes(
        images, 128, classes=CLASSES, max_objects=3, seed=seed
    )
    vx, vt = synthetic_shapes(
        300, 128, classes=CLASSES, max_objects=3, seed=1000 + seed
    )
    detector = YOLODetector(3, class_names=CLASSES)
    start = time.perf_counter()
    detector.fit(x, targets, epochs=epochs, batch_size=32, verbose=0)
    seconds = time.perf_counter() - start
    truth = [{"boxes": t["boxes"], "labels": t["classes"]} for t in vt]
    score = mean_average_precision(detector.predict_boxes(vx), truth)["mAP"]
    return score, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--images", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", help="write the runs to this JSON record")
    args = parser.parse_args()
    jobs = [(seed, args.epochs, args.images) for seed in range(args.seeds)]
    results = run_jobs(run, jobs, args.workers)
    for seed, (score, seconds) in enumerate(results):
        print(f"seed {seed}: mAP@0.5 {score:.3f}, trained in {seconds:.0f} s")
    if args.out:
        runs = [{"seed": seed, "map50": float(score), "seconds": float(seconds)}
                for seed, (score, seconds) in enumerate(results)]  # fmt: skip
        write_record(args.out, new_record(epochs=args.epochs, images=args.images,
                                          runs=runs))  # fmt: skip
    scores = np.array([s for s, _ in results])
    times = np.array([t for _, t in results])
    print(
        f"{args.epochs} epochs of {args.images} images: mAP@0.5 median "
        f"{np.median(scores):.3f}, range {scores.min():.3f}-{scores.max():.3f}; "
        f"training {times.min():.0f}-{times.max():.0f} s"
    )


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
