"""UNet trained from scratch on generated segmentation masks, over seeds.

Per seed: `synthetic_segmentation(--images, (96, 128), num_classes=4)` to
train on (seed s) and 200 held-out images (seed 1000 + s); `UNet((96, 128,
3), filters=--filters, num_classes=4)` at the course's compile settings
(Adam 1e-3), `--epochs` epochs, batch 32; then per-pixel accuracy and mean
IoU (over the 4 classes) of `predict_masks` on the held-out images. Prints
each seed's numbers and training time, the median and range, and the
baseline of calling every pixel background.

    python benchmarks/unet_segmentation.py [--seeds 5] [--epochs 8] [--workers 2]

With `--workers 2` each run has one of the two cores: its time is an upper
bound for a run alone on two.
"""

import argparse
import os
import time

import numpy as np
from _parallel import run_jobs
from _report import new_record, write_record


def mean_iou(true, predicted, num_classes):
    ious = []
    for c in range(num_classes):
        union = np.logical_or(true == c, predicted == c).sum()
        if union:
            ious.append(np.logical_and(true == c, predicted == c).sum() / union)
    return float(np.mean(ious))


def run(seed, epochs, images, filters):
    import keras

    from keras_course.applications import UNet
    from keras_course.datasets import synthetic_segmentation

    keras.utils.set_random_seed(seed)
    x, y = synthetic_segmentation(images, (96, 128), num_classes=4, seed=seed)
    vx, vy = synthetic_segmentation(200, (96, 128), num_classes=4, seed=1000 + seed)
    model = UNet((96, 128, 3), filters=filters, num_classes=4)
    start = time.perf_counter()
    history = model.fit(x, y, epochs=epochs, batch_size=32, verbose=0)
    seconds = time.perf_counter() - start
    predicted = model.predict_masks(vx)
    return {
        "accuracy": float(np.mean(predicted == vy)),
        "mean_iou": mean_iou(vy, predicted, 4),
        "background": float(np.mean(vy == 0)),
        "seconds": seconds,
        "loss": [round(v, 4) for v in history.history["loss"]],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--filters", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", help="write the runs to this JSON record")
    args = parser.parse_args()
    jobs = [(s, args.epochs, args.images, args.filters) for s in range(args.seeds)]
    results = run_jobs(run, jobs, args.workers)
    for seed, r in enumerate(results):
        print(
            f"seed {seed}: pixel accuracy {r['accuracy']:.3f} (all background "
            f"{r['background']:.3f}), mean IoU {r['mean_iou']:.3f}, trained in "
            f"{r['seconds']:.0f} s; loss by epoch {r['loss']}"
        )

    if args.out:
        runs = [{"seed": seed, **r} for seed, r in enumerate(results)]
        write_record(args.out, new_record(epochs=args.epochs, images=args.images,
                                          filters=args.filters, runs=runs))  # fmt: skip

    def summary(key, digits=3):
        values = np.array([r[key] for r in results])
        return (
            f"median {np.median(values):.{digits}f}, range "
            f"{values.min():.{digits}f}-{values.max():.{digits}f}"
        )

    print(
        f"UNet(filters={args.filters}), {args.epochs} epochs of {args.images} "
        f"images, {args.workers} worker(s) on {os.cpu_count()} cores: pixel "
        f"accuracy {summary('accuracy')}; mean IoU {summary('mean_iou')}; all "
        f"background {summary('background')}; training {summary('seconds', 0)} s"
    )


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
