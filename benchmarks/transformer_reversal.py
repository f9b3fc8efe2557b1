"""The course's Transformer on a toy translation: reversing token sequences.

`keras_course.layers.Transformer` (2 layers, width 32, 2 heads, feed-forward
64: 69,068 parameters) trained `--epochs` epochs on 6,000 generated
sources of 2-8 tokens (`reversal_pairs`), for `--seeds` seeds. Printed:
token accuracy on 500 new sequences, teacher-forced and greedy
(the model reading its own outputs), the share of sequences exactly
reversed, and the training time; median and range over seeds. Target (the
issue): token accuracy >= 0.95 on CPU in a few minutes.

    python benchmarks/transformer_reversal.py [--seeds 5] [--epochs 8]
"""

import argparse
import os
import time

import numpy as np
from _report import new_record, print_median_ranges, write_record


def train(seed, epochs):
    import keras

    from keras_course.datasets import reversal_pairs
    from keras_course.layers import Transformer

    keras.utils.set_random_seed(seed)
    (source, decoder_in), target = reversal_pairs(6000, 8, seed=seed)
    (test_source, test_decoder_in), test_target = reversal_pairs(
        500, 8, seed=1000 + seed
    )
    encoder_ids = keras.Input((8,), dtype="int32")
    decoder_ids = keras.Input((9,), dtype="int32")
    layer = Transformer(2, 32, 2, 64, input_vocab_size=12, target_vocab_size=12,
                        max_positional_encoding_input=8,
                        max_positional_encoding_target=9, dropout_rate=0.0)  # fmt: skip
    model = keras.Model([encoder_ids, decoder_ids], layer([encoder_ids, decoder_ids]))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    start = time.perf_counter()
    model.fit([source, decoder_in], target, sample_weight=target > 0, epochs=epochs,
              batch_size=64, verbose=0)  # fmt: skip
    seconds = time.perf_counter() - start
    real = test_target > 0
    forced = model.predict([test_source, test_decoder_in], verbose=0).argmax(-1)
    generated = np.zeros_like(test_decoder_in)
    generated[:, 0] = 1
    outputs = []
    for step in range(9):
        next_ids = model.predict([test_source, generated], verbose=0)[:, step].argmax(
            -1
        )
        outputs.append(next_ids)
        if step < 8:
            generated[:, step + 1] = next_ids
    greedy = np.stack(outputs, axis=1)
    exact = np.all((greedy == test_target) | ~real, axis=1).mean()
    return ((forced == test_target)[real].mean(), (greedy == test_target)[real].mean(),
            exact, seconds)  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--out", help="write the runs to this JSON record")
    args = parser.parse_args()
    import keras

    print(f"backend {keras.backend.backend()}, {os.cpu_count()} cores")
    rows = []
    for seed in range(args.seeds):
        rows.append(train(seed, args.epochs))
        forced, greedy, exact, seconds = rows[-1]
        print(f"seed {seed}: teacher-forced {forced:.4f}, greedy {greedy:.4f}, "
              f"exact {exact:.3f}, {seconds:.0f} s")  # fmt: skip
    print_median_ranges(rows, ["teacher-forced token accuracy",
                               "greedy token accuracy", "sequences exact",
                               "training seconds"], digits=4)  # fmt: skip
    if args.out:
        fields = ("teacher_forced", "greedy", "exact", "seconds")
        runs = [{"seed": seed, **dict(zip(fields, map(float, row), strict=True))}
                for seed, row in enumerate(rows)]  # fmt: skip
        write_record(args.out, new_record(epochs=args.epochs, runs=runs))


if __name__ == "__main__":
    main()
