"""Generation speed: `PoetryGenerator.generate` against the course's loop.

The course writes each word with a full round trip: tokenize the whole text,
`pad_sequences`, `model.predict` on one example, argmax, append the word.
`generate` tokenizes once and runs one compiled loop. Both use the same model
(the course model on the bundled sonnets, trained one epoch), in one process;
the greedy texts are checked equal. Beside them, what a user would write
instead: a loop of `predict_on_batch` on the token ids, one call per word,
without tokenizing again or sampling. Then the same for 32 seed texts, ours
in one `generate` call. Writes `results/speed_poetry_generation.json`.

    python benchmarks/poetry_generation.py [--words 100] [--repeats 5]
"""

import argparse
import os

import numpy as np
from _report import timed, write_speed_record

SEEDS = [
    "shall i compare thee to a summer's day",
    "from fairest creatures we desire increase",
    "when forty winters shall besiege thy brow",
    "look in thy glass and tell the face thou viewest",
]


def span(seconds):
    return f"{min(seconds):.3f}-{max(seconds):.3f} s"


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

    course_text, course = timed(
        lambda: course_generate_text(
            poet, poet.tokenizer, seed, words, poet.sequence_length
        ),
        args.course_repeats,
    )
    _, first = timed(lambda: poet.generate(seed, num_words=words), 1)
    our_text, ours = timed(lambda: poet.generate(seed, num_words=words), args.repeats)
    assert our_text == course_text, "greedy texts differ from the course loop"
    print(f"course loop (predict per word): {span(course)}")
    print(f"generate (first call, compiles): {first[0]:.3f} s")
    print(f"generate:                       {span(ours)}")
    print(
        f"speed-up: {min(course) / max(ours):.0f}x-{max(course) / min(ours):.0f}x "
        f"(median {np.median(course) / np.median(ours):.0f}x); same text: yes"
    )

    window = poet._windows([seed])
    poet.predict_on_batch(window)
    _, fair = timed(
        lambda: [poet.predict_on_batch(window) for _ in range(words)], args.repeats
    )
    print(f"fair: {words} predict_on_batch calls on the ids: {span(fair)}")

    seeds = (SEEDS * 8)[:32]
    poet.generate(seeds, num_words=words)  # compile for batch 32
    batch_texts, batched = timed(
        lambda: poet.generate(seeds, num_words=words), args.repeats
    )
    texts, course_32 = timed(
        lambda: [
            course_generate_text(poet, poet.tokenizer, s, words, poet.sequence_length)
            for s in seeds
        ],
        1,
    )
    singles = [poet.generate(s, num_words=words) for s in seeds]
    assert batch_texts == singles, "a batch of seeds differs from one by one"
    # Greedy texts can part where two words score alike: a batch of 32 and
    # the course's one-example predict need not round the same way.
    same = sum(a == b for a, b in zip(batch_texts, texts, strict=True))
    print(f"the course loop's texts equal ours for {same} of {len(seeds)} seeds")
    windows = poet._windows(seeds)
    poet.predict_on_batch(windows)
    _, fair_32 = timed(
        lambda: [poet.predict_on_batch(windows) for _ in range(words)], args.repeats
    )
    print(f"generate(32 seeds): {span(batched)}; course loop 32 times: "
          f"{span(course_32)}; {words} predict_on_batch calls on the 32 windows: "
          f"{span(fair_32)}")  # fmt: skip
    print("sample:", our_text)
    write_speed_record(
        "poetry_generation",
        f"{words} greedy words of the course's poetry model, same texts checked",
        {"ours": "``PoetryGenerator.generate``",
         "course": "tokenize, pad, ``model.predict``, argmax, per word (TiP C3W4)",
         "fair": "``predict_on_batch`` per word on the token ids, nothing else"},
        [{"case": "one seed text", "headline": "``PoetryGenerator.generate``",
          "seconds": {"ours": ours, "course": course, "fair": fair}},
         {"case": f"32 seed texts in one call ({same} of 32 texts equal "
                  "the course's)",
          "seconds": {"ours": batched, "course": course_32, "fair": fair_32}}],
    )  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
