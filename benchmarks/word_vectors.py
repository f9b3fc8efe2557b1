"""Word vectors at GloVe's size: analogies and reading the text file.

1. `complete_analogy` on a random 400,000 x 50 matrix (GloVe 6B 50d's
   shape) against the course's Python loop over the words (one
   `cosine_similarity` per word) on the same vectors as a dict; the answers
   are checked equal. Ours is called two ways, as the docs show: with the
   course's `word_to_vec_map` dict itself, repeatedly, as the course's loop
   over triads does (the first call converts the dict, timed apart), and
   with a `WordVectors`.
2. `load_glove` against the course's `read_glove_vecs` on a generated file
   in GloVe's format (`--lines` lines of 50 values with 6 decimals), the
   vectors checked equal. Both parse the numbers in C (numpy), the course
   line by line: expect similar times; `load_glove` gives one float32
   matrix instead of a dict of float64 arrays.
Beside the analogies, the course's formula vectorised in NumPy by hand,
what a user would write today. Writes `results/speed_word_vectors.json`.

    python benchmarks/word_vectors.py [--words 400000] [--lines 100000]
"""

import argparse
import os
import tempfile
import time

import numpy as np
from _report import write_speed_record


def numpy_analogy(word_a, word_b, word_c, words, index, matrix):
    """The course's analogy vectorised by hand: what a user would write."""
    direction = matrix[index[word_b]] - matrix[index[word_a]]
    offsets = matrix - matrix[index[word_c]]
    norms = np.linalg.norm(offsets, axis=1) * np.linalg.norm(direction)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = offsets @ direction / norms
    scores[[index[word_a], index[word_b], index[word_c]]] = -np.inf
    return words[int(np.nanargmax(scores))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=400_000)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import keras

    from keras_course.datasets import load_glove
    from keras_course.ops import WordVectors, complete_analogy
    from keras_course.reference import (
        course_complete_analogy,
        course_read_glove_vecs,
    )

    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(args.words)]
    matrix = rng.normal(size=(args.words, 50)).astype("float32")
    vectors = WordVectors({w: i for i, w in enumerate(words)}, matrix)
    word_to_vec_map = dict(zip(words, matrix, strict=True))
    print(f"backend {keras.backend.backend()}, {os.cpu_count()} cores")
    firsts = {}
    for name, given in (("dict", word_to_vec_map), ("WordVectors", vectors)):
        start = time.perf_counter()
        complete_analogy("w0", "w1", "w2", given)  # converts, keeps the norms
        firsts[name] = time.perf_counter() - start
    ours = {"dict": [], "WordVectors": []}
    theirs, fair = [], []
    index = {w: i for i, w in enumerate(words)}
    for _ in range(args.repeats):
        triple = tuple(f"w{i}" for i in rng.integers(0, args.words, 3))
        start = time.perf_counter()
        course = course_complete_analogy(*triple, word_to_vec_map)
        theirs.append(time.perf_counter() - start)
        for name, given in (("dict", word_to_vec_map), ("WordVectors", vectors)):
            start = time.perf_counter()
            answer = complete_analogy(*triple, given)
            ours[name].append(time.perf_counter() - start)
            assert answer == course, (name, answer, course)
        start = time.perf_counter()
        answer = numpy_analogy(*triple, words, index, matrix)
        fair.append(time.perf_counter() - start)
        assert answer == course, ("numpy", answer, course)
    print(
        f"complete_analogy over {args.words:,} x 50, the course's loop "
        f"{min(theirs):.3f}-{max(theirs):.3f} s; same answers"
    )
    for name, seconds in ours.items():
        low = min(theirs) / max(seconds)
        high = max(theirs) / min(seconds)
        print(
            f"  ours with a {name}: {min(seconds):.4f}-{max(seconds):.4f} s, "
            f"{low:.0f}-{high:.0f}x (first call: {firsts[name]:.3f} s)"
        )
    print(f"  vectorised NumPy by hand: {min(fair):.4f}-{max(fair):.4f} s")
    table = [{"case": f"``complete_analogy`` with a {name}", "seconds":
             {"ours": seconds, "course": theirs, "fair": fair}}
            for name, seconds in ours.items()]  # fmt: skip
    table[0]["headline"] = "``complete_analogy``"
    glove_ours, glove_course = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "glove.txt")
        rows = rng.normal(size=(args.lines, 50))
        with open(path, "w") as f:
            for i, row in enumerate(rows):
                f.write(f"t{i} " + " ".join(f"{v:.6f}" for v in row) + "\n")
        ours, theirs = glove_ours, glove_course
        for _ in range(args.repeats):
            start = time.perf_counter()
            word_to_index, _, loaded = load_glove(path)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            course_w2i, _, course_map = course_read_glove_vecs(path)
            theirs.append(time.perf_counter() - start)
        assert word_to_index == course_w2i
        for word in ("t0", f"t{args.lines - 1}"):
            np.testing.assert_allclose(
                loaded[word_to_index[word]], course_map[word], rtol=1e-6
            )
    ratio = np.array(theirs) / np.array(ours)
    print(
        f"load_glove, {args.lines:,} lines x 50: ours {min(ours):.2f}-"
        f"{max(ours):.2f} s, read_glove_vecs {min(theirs):.2f}-{max(theirs):.2f} s: "
        f"{ratio.min():.1f}-{ratio.max():.1f}x"
    )
    table.append({"case": f"``load_glove``, {args.lines:,} lines",
                 "seconds": {"ours": ours, "course": theirs}})  # fmt: skip
    write_speed_record(
        "word_vectors",
        f"analogies over {args.words:,} x 50 vectors (GloVe 6B 50d's shape), "
        "same answers checked; reading a file in GloVe's format",
        {"ours": "``complete_analogy`` / ``load_glove``",
         "course": "a ``cosine_similarity`` per word / ``read_glove_vecs`` "
                   "(DLS C5W2)",
         "fair": "the analogy vectorised in NumPy by hand"},
        table,
    )  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
