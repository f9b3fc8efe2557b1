"""Generation speed: `PoetryGenerator.generate` against the course's loop.

The course writes each word with a full round trip: tokenize the whole text,
`pad_sequences`, `model.predict` on one example, argmax, append the word.
`generate` tokenizes once and runs one compiled loop. Both use the same model
(the course model on the bundled sonnets, trained one epoch), in one process;
the greedy texts are checked equal. Then 32 seed texts: one `generate` call
on all of them against 32 `generate` calls, next to the floor: the same number of
forward passes of the model on the 32 windows, without any generation work.

    python benchmarks/poetry_generation.py [--words 100] [--repeats 5]
"""

import argparse
import os
import time

import numpy as np

SEEDS = [
    "shall i compare thee to a summer's day",
    "from fairest creatures we desire increase",
    "when forty winters shall besiege thy brow",
    "look in thy glass and tell the face thou viewest",
]


def timed(function, repeats):
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - start)
    return np.array(seconds), result


def span(seconds):
    return f"{seconds.min():.3f}-{seconds.max():.3f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--course-repeats", type=int, default=3)
    args = parser.parse_args()

    import keras

    from keras_course.applications import PoetryGenerator
    from keras_course.datasets import load_poetry_corpus
    from keras_course.reference import course_generate_text

    keras.utils.set_random_seed(0)
    poet = PoetryGenerator.from_corpus(load_poetry_corpus())
    poet.fit(epochs=1, batch_size=32, verbose=0)
    words, seed = args.words, SEEDS[0]
    print(
        f"backend {keras.backend.backend()}; course model, "
        f"{poet.count_params():,} parameters; {words} words per text"
    )

    course, course_text = timed(
        lambda: course_generate_text(
            poet, poet.tokenizer, seed, words, poet.sequence_length
        ),
        args.course_repeats,
    )
    first, _ = timed(lambda: poet.generate(seed, num_words=words), 1)
    ours, our_text = timed(lambda: poet.generate(seed, num_words=words), args.repeats)
    assert our_text == course_text, "greedy texts differ from the course loop"
    print(f"course loop (predict per word): {span(course)}")
    print(f"generate (first call, compiles): {first[0]:.3f} s")
    print(f"generate:                       {span(ours)}")
    print(
        f"speed-up: {course.min() / ours.max():.0f}x-{course.max() / ours.min():.0f}x "
        f"(median {np.median(course) / np.median(ours):.0f}x); same text: yes"
    )

    seeds = (SEEDS * 8)[:32]
    poet.generate(seeds, num_words=words)  # compile for batch 32
    one_by_one, texts = timed(
        lambda: [poet.generate(s, num_words=words) for s in seeds], args.repeats
    )
    batched, batch_texts = timed(
        lambda: poet.generate(seeds, num_words=words), args.repeats
    )
    assert batch_texts == texts, "a batch of seeds differs from one by one"
    windows = poet._windows(seeds)
    poet.predict_on_batch(windows)
    floor, _ = timed(
        lambda: [poet.predict_on_batch(windows) for _ in range(words)], args.repeats
    )
    print(f"32 x generate(seed): {span(one_by_one)}")
    print(f"generate(32 seeds): {span(batched)}")
    print(
        f"floor: {words} bare forward passes on the 32 windows "
        f"(predict_on_batch, no sampling): {span(floor)}"
    )
    print(
        f"batch speed-up per word: {one_by_one.min() / batched.max():.0f}x-"
        f"{one_by_one.max() / batched.min():.0f}x "
        f"(median {np.median(one_by_one) / np.median(batched):.0f}x)"
    )
    print(
        "against the course loop, per word: "
        f"{np.median(course) * 32 / np.median(batched):.0f}x (median)"
    )
    print("sample:", our_text)


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
