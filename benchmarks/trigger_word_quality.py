"""Trigger-word detection F1 on held-out synthesized clips.

For each seed: `synthetic_trigger_words` (tones standing in for speech:
the course's recordings cannot be downloaded) makes 40 "activate"
recordings, 40 negative words and 5 backgrounds for training, and another
set from another seed for testing (new recordings and backgrounds, never
trained on); `synthesize_trigger_clips` mixes `--clips` training clips and
200 test clips of `--seconds` seconds (10: the course's 5,511 x 101
spectrograms and 1,375 outputs). `TriggerWordDetector` at its defaults
(the course's architecture, log spectrograms, `normalize=True`, dropout
0.5, Adam(1e-3); `--dropout 0.8` is the course's rate) trains `--epochs`
epochs, then detects on the test clips as `detect` does, with the course's
threshold 0.5 and 75-step refractory rule.
Each seed runs in a new process; clips are mixed 50 at a time and kept only
as spectrograms. A detection is right if
it comes between the end of an "activate" and 75 output steps after it.
Printed: precision, recall and F1 per seed, median and range; and the
share of output steps right at threshold 0.5.

    python benchmarks/trigger_word_quality.py [--seeds 5] [--first-seed 0]
        [--seconds 10] [--clips 400] [--epochs 12] [--dropout 0.5]
"""

import argparse
import os
import time

import numpy as np
from _parallel import run_jobs
from _report import new_record, print_median_ranges, write_record


def clips_and_spectrograms(detector, words, num_clips, seed, steps):
    """Clips mixed 50 at a time, kept only as spectrograms (10 s of audio
    is 1.7 MB a clip)."""
    from keras_course.datasets import synthesize_trigger_clips

    spectrograms, labels, ends = [], [], []
    for chunk, start in enumerate(range(0, num_clips, 50)):
        clips, chunk_labels, chunk_ends = synthesize_trigger_clips(
            *words, min(50, num_clips - start), seed=seed * 1000 + chunk,
            output_steps=steps,
        )  # fmt: skip
        spectrograms.append(detector.spectrograms(clips))
        labels.append(chunk_labels)
        ends.extend(chunk_ends)
    return np.concatenate(spectrograms), np.concatenate(labels), ends


def run(seed, seconds, num_clips, epochs, dropout):
    import resource

    import keras

    from keras_course.applications import TriggerWordDetector
    from keras_course.applications.sequence.trigger_word import fire_steps
    from keras_course.datasets import synthetic_trigger_words
    from keras_course.ops import event_f1

    keras.utils.set_random_seed(seed)
    frames = 1 + (int(seconds * 44_100) - 200) // 80
    # The defaults: log spectrograms, normalize=True, Adam(1e-3).
    detector = TriggerWordDetector((frames, 101), dropout=dropout)
    clip_seconds = detector.audio_samples / 44_100
    steps = detector.output_shape[1]
    train_words = synthetic_trigger_words(40, 40, 5, clip_seconds, seed=2 * seed)
    test_words = synthetic_trigger_words(40, 40, 5, clip_seconds, seed=2 * seed + 1)
    x, labels, _ = clips_and_spectrograms(detector, train_words, num_clips, seed, steps)
    start = time.perf_counter()
    detector.fit(x, labels[..., None], epochs=epochs, batch_size=16, verbose=0)
    fit_seconds = time.perf_counter() - start
    del x
    test_x, test_labels, ends = clips_and_spectrograms(
        detector, test_words, 200, 10_000 + seed, steps
    )
    # what detect() does after the spectrogram
    probabilities = detector.predict(test_x, verbose=0)
    found = fire_steps(probabilities)
    step_accuracy = np.mean((probabilities[..., 0] > 0.5) == (test_labels > 0.5))
    per_step = detector.audio_samples / steps
    expected = [[int(end / per_step) for end in clip_ends] for clip_ends in ends]
    precision, recall, f1 = event_f1(found, expected, tolerance=75)
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return precision, recall, f1, step_accuracy, fit_seconds, peak_gb


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clips", type=int, default=400)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--dropout", type=float, help="default: the detector's")
    parser.add_argument("--out", help="write the runs to this JSON record")
    args = parser.parse_args()
    import inspect

    import keras

    from keras_course.applications import TriggerWordDetector

    if args.dropout is None:
        signature = inspect.signature(TriggerWordDetector)
        args.dropout = signature.parameters["dropout"].default

    print(f"backend {keras.backend.backend()}, {os.cpu_count()} cores; "
          f"{args.seconds:g} s clips, {args.clips} for training, {args.epochs} "
          "epochs")  # fmt: skip
    rows = []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        # one new process a seed: its memory comes back
        job = (seed, args.seconds, args.clips, args.epochs, args.dropout)
        rows += run_jobs(run, [job], fresh=True)
        p, r, f1, accuracy, seconds, peak = rows[-1]
        print(f"seed {seed}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f}; step "
              f"accuracy {accuracy:.3f}; {seconds:.0f} s; peak {peak:.1f} GB",
              flush=True)  # fmt: skip
    print_median_ranges(
        rows, ["precision", "recall", "F1", "step accuracy", "training seconds"]
    )
    if args.out:
        fields = ("precision", "recall", "f1", "step_accuracy", "seconds", "peak_gb")
        seeds = range(args.first_seed, args.first_seed + args.seeds)
        runs = [{"seed": seed, **dict(zip(fields, map(float, row), strict=True))}
                for seed, row in zip(seeds, rows, strict=True)]  # fmt: skip
        write_record(args.out, new_record(seconds=args.seconds, clips=args.clips,
                                          epochs=args.epochs, dropout=args.dropout,
                                          runs=runs))  # fmt: skip


if __name__ == "__main__":
    main()
