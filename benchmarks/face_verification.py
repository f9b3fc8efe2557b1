"""FaceVerifier on identities it never saw, over seeds.

No set of faces can be had here, so the identities are the ten digits of
scikit-learn's bundled `load_digits` (1,797 8x8 images, UCI), padded to
16x16: `face_encoder((16, 16, 1), 128, (32, 64))` trains with
`TripletLoss(mining="batch_hard")` (15 epochs, batch 64) on digits 0-6, and
is asked about 2,000 random pairs of digits 7-9 (half the same digit). It
prints, per seed, the best pair accuracy over thresholds and its threshold,
the accuracy at the course's 0.7, and, for reference, the same on new
images of the seen digits (held out from training).

    python benchmarks/face_verification.py [--seeds 5] [--workers 2]

Writes a JSON record (`--out`).
"""

import argparse
import os

import numpy as np
from _parallel import run_jobs
from _report import new_record, write_record


def run(seed):
    import keras
    from sklearn.datasets import load_digits

    from keras_course.applications import FaceVerifier, face_encoder, verification_sweep

    digits = load_digits()
    images = np.pad(digits.images * 255 / 16, ((0, 0), (4, 4), (4, 4)))[..., None]
    images, labels = images.astype("float32"), digits.target
    rng = np.random.default_rng(seed)
    held_images = rng.random(len(labels)) < 0.2  # new images of seen digits
    seen = (labels < 7) & ~held_images
    keras.utils.set_random_seed(seed)
    verifier = FaceVerifier(
        face_encoder((16, 16, 1), 128, (32, 64)), mining="batch_hard"
    )
    verifier.fit(images[seen], labels[seen], epochs=15, batch_size=64, verbose=0)
    out = {}
    for name, mask in (("unseen", labels >= 7), ("seen", (labels < 7) & held_images)):
        distances, same = verifier.pair_distances(
            images[mask], labels[mask], 2000, seed
        )
        sweep = verification_sweep(distances, same)
        out[name] = (
            sweep["best_accuracy"],
            sweep["best_threshold"],
            float(np.mean((distances < 0.7) == same)),
        )
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", default="benchmarks/results/face_verification.json")
    args = parser.parse_args()
    results = run_jobs(run, [(s,) for s in range(args.seeds)], args.workers)
    fields = ("best_accuracy", "best_threshold", "accuracy_at_0.7")
    record = new_record(runs=[
        {"seed": seed, **{name: dict(zip(fields, r[name], strict=True))
                          for name in ("unseen", "seen")}}
        for seed, r in enumerate(results)
    ])  # fmt: skip
    write_record(args.out, record)
    for seed, r in enumerate(results):
        print(
            f"seed {seed}: unseen digits best {r['unseen'][0]:.3f} at "
            f"{r['unseen'][1]:.2f} (at 0.7: {r['unseen'][2]:.3f}); new images "
            f"of seen digits best {r['seen'][0]:.3f} at {r['seen'][1]:.2f}"
        )
    for name in ("unseen", "seen"):
        best = np.array([r[name][0] for r in results])
        print(
            f"{name} identities: best pair accuracy median {np.median(best):.3f}, "
            f"range {best.min():.3f}-{best.max():.3f} over {args.seeds} seeds"
        )


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
