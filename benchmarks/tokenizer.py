"""Tokenizer speed: `fit_on_texts` + `texts_to_sequences` on 25,000
review-length texts, ours against Keras 2's (`tf_keras`), in one process.

The texts are generated (no download): lengths drawn like IMDB reviews
(median about 175 words, a long tail), words from a Zipf-distributed
vocabulary of 60,000 pseudo-words with capitals, punctuation and `<br />`
tags, so filters and lower-casing do real work. Both tokenizers must give the
same `word_index` and sequences. Writes `results/speed_tokenizer.json`.

    python benchmarks/tokenizer.py [--texts 25000] [--repeats 5]
"""

import argparse
import os
import string
import time

import numpy as np
from _report import write_speed_record


def review_texts(count, seed=0):
    rng = np.random.default_rng(seed)
    letters = np.array(list(string.ascii_lowercase))
    vocabulary = [
        "".join(rng.choice(letters, size=rng.integers(2, 10))) for _ in range(60000)
    ]
    vocabulary[:6] = ["The", "movie", "was", "great!", "<br", "/>"]
    lengths = np.clip(rng.lognormal(np.log(175), 0.6, count).astype(int), 10, 2500)
    texts = []
    for length in lengths:
        ids = np.minimum(rng.zipf(1.3, length) - 1, len(vocabulary) - 1)
        words = [vocabulary[i] for i in ids]
        texts.append(" ".join(words).replace(" x", ", x"))
    return texts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=25000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from tf_keras.preprocessing.text import Tokenizer as Keras2Tokenizer

    from keras_course.preprocessing import Tokenizer

    texts = review_texts(args.texts)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts):,} texts, {words:,} words (median {words // len(texts)})")

    def run(cls):
        tokenizer = cls(num_words=10000, oov_token="<OOV>")
        tokenizer.fit_on_texts(texts)
        return tokenizer, tokenizer.texts_to_sequences(texts)

    times = {"keras 2 (tf_keras)": [], "keras_course": []}
    outputs = {}
    for _ in range(args.repeats):  # interleaved, so both see the same machine
        for name, cls in (
            ("keras 2 (tf_keras)", Keras2Tokenizer),
            ("keras_course", Tokenizer),
        ):
            start = time.perf_counter()
            outputs[name] = run(cls)
            times[name].append(time.perf_counter() - start)
    (theirs, their_seqs), (ours, our_seqs) = outputs.values()
    assert ours.word_index == theirs.word_index and our_seqs == their_seqs
    for name, seconds in times.items():
        seconds = np.array(seconds)
        print(f"{name:>20}: {seconds.min():.2f}-{seconds.max():.2f} s")
    k2, kc = np.array(times["keras 2 (tf_keras)"]), np.array(times["keras_course"])
    print(
        f"ours / Keras 2 time: {kc.min() / k2.max():.2f}-{kc.max() / k2.min():.2f} "
        f"(median {np.median(kc) / np.median(k2):.2f}); identical outputs: yes"
    )
    write_speed_record(
        "tokenizer",
        f"``fit_on_texts`` + ``texts_to_sequences`` on {len(texts):,} generated "
        f"review-length texts ({words:,} words), same outputs checked",
        {"ours": "``keras_course.preprocessing.Tokenizer``",
         "course": "Keras 2's ``Tokenizer`` (TiP C3W1; from ``tf_keras``)"},
        [{"case": f"{len(texts):,} texts", "headline": "``Tokenizer``",
          "seconds": {"ours": times["keras_course"],
                      "course": times["keras 2 (tf_keras)"]}}],
    )  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
