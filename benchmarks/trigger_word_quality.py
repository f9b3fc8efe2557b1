"""Trigger-word detection F1 on held-out synthesized clips.

For each seed: `synthetic_trigger_words` (tones standing in for speech:
the course's recordings cannot be downloaded) makes 40 "activate"
recordings, 40 negative words and 5 backgrounds for training, and another
set from another seed for testing (new recordings and backgrounds, never
trained on); `synthesize_trigger_clips` mixes `--clips` training clips and
200 test clips of `--seconds` seconds (10: the course's 5,511 x 101
spectrograms and 1,375 outputs). `TriggerWordDetector` (the course's
architecture and dropout 0.8, log spectrograms, `normalize=True`) trains
`--epochs` epochs at Adam(1e-3), then `detect`s on the test clips with the
course's threshold 0.5 and 75-step refractory rule. A detection is right if
it comes between the end of an "activate" and 75 output steps after it.
Printed: precision, recall and F1 per seed, median and range; and the
share of output steps right at threshold 0.5.

    python benchmarks/trigger_word_quality.py [--seeds 5] [--seconds 10]
"""

import argparse
import os
import time

import numpy as np
from _report import print_median_ranges


def run(seed, args):
    import keras

    from keras_course.applications import TriggerWordDetector
    from keras_course.datasets import synthesize_trigger_clips, synthetic_trigger_words
    from keras_course.ops import event_f1

    keras.utils.set_random_seed(seed)
    frames = 1 + (int(args.seconds * 44_100) - 200) // 80
    detector = TriggerWordDetector(
        (frames, 101), spectrogram_scale="log", normalize=True,
        optimizer=keras.optimizers.Adam(1e-3),
    )  # fmt: skip
    seconds = detector.audio_samples / 44_100
    steps = detector.output_shape[1]
    train_words = synthetic_trigger_words(40, 40, 5, seconds, seed=2 * seed)
    test_words = synthetic_trigger_words(40, 40, 5, seconds, seed=2 * seed + 1)
    clips, labels, _ = synthesize_trigger_clips(*train_words, args.clips, seed=seed,
                                                output_steps=steps)  # fmt: skip
    x = detector.spectrograms(clips)
    del clips
    start = time.perf_counter()
    detector.fit(x, labels[..., None], epochs=args.epochs, batch_size=16, verbose=0)
    fit_seconds = time.perf_counter() - start
    del x
    test_clips, test_labels, ends = synthesize_trigger_clips(
        *test_words, 200, seed=10_000 + seed, output_steps=steps
    )
    found = detector.detect_steps(test_clips)
    probabilities = detector.predict(detector.spectrograms(test_clips), verbose=0)
    step_accuracy = np.mean((probabilities[..., 0] > 0.5) == (test_labels > 0.5))
    per_step = detector.audio_samples / steps
    expected = [[int(end / per_step) for end in clip_ends] for clip_ends in ends]
    precision, recall, f1 = event_f1(found, expected, tolerance=75)
    return precision, recall, f1, step_accuracy, fit_seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clips", type=int, default=400)
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args()
    import keras

    print(f"backend {keras.backend.backend()}, {os.cpu_count()} cores; "
          f"{args.seconds:g} s clips, {args.clips} for training, {args.epochs} "
          "epochs")  # fmt: skip
    rows = []
    for seed in range(args.seeds):
        rows.append(run(seed, args))
        p, r, f1, accuracy, seconds = rows[-1]
        print(f"seed {seed}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f}; step "
              f"accuracy {accuracy:.3f}; {seconds:.0f} s", flush=True)  # fmt: skip
    print_median_ranges(
        rows, ["precision", "recall", "F1", "step accuracy", "training seconds"]
    )


if __name__ == "__main__":
    main()
