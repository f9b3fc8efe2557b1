import json
import urllib.error

import numpy as np
import pytest
import tensorflow_datasets as tfds

from keras_course.datasets import (
    course_csv,
    load_imdb_reviews,
    load_poetry_corpus,
    load_sarcasm,
    text,
)

RECORDS = [
    {
        "article_link": "https://a",
        "headline": "former versace store clerk sues",
        "is_sarcastic": 0,
    },
    {
        "article_link": "https://b",
        "headline": "mom starting to fear son's web series",
        "is_sarcastic": 1,
    },
]


def write(path, content):
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "content",
    [json.dumps(RECORDS), "\n".join(json.dumps(r) for r in RECORDS) + "\n\n"],
    ids=["json-array", "json-lines"],
)
def test_sarcasm_reads_both_formats(tmp_path, content):
    headlines, labels = load_sarcasm(path=write(tmp_path / "s.json", content))
    assert headlines == [r["headline"] for r in RECORDS]
    assert labels.dtype == np.int32 and labels.tolist() == [0, 1]


@pytest.mark.parametrize(
    "content, message",
    [
        (
            '[{"headline": "x", "is_sarcastic": 0}, {"headline": "y"}]',
            r"record 1: missing key\(s\) \['is_sarcastic'\]",
        ),
        (
            '{"headline": "x", "is_sarcastic": 0}\n{oops}\n',
            "line 2 is not a JSON record",
        ),
        (
            '[{"headline": 3, "is_sarcastic": 0}]',
            "record 0: expected a string headline",
        ),
        ('[{"headline": "x", "is_sarcastic": 2}]', "is_sarcastic=2"),
        ("[1, 2]", "record 0: not a JSON object"),
        ("[", "not valid JSON"),
        ("", "holds no records"),
    ],
)
def test_malformed_sarcasm_records_are_named(tmp_path, content, message):
    with pytest.raises(ValueError, match=message):
        load_sarcasm(path=write(tmp_path / "s.json", content))


def course_sized_file(path):
    records = [RECORDS[i % 2] for i in range(text.SARCASM_RECORDS)]
    return write(path, json.dumps(records))


def test_sarcasm_uses_a_checked_cached_copy_without_network(tmp_path, monkeypatch):
    def offline(url, timeout=None):
        raise AssertionError("no download expected")

    monkeypatch.setattr(course_csv.urllib.request, "urlopen", offline)
    course_sized_file(tmp_path / "sarcasm.json")
    headlines, labels = load_sarcasm(cache_dir=tmp_path)
    assert len(headlines) == len(labels) == 26709


def test_sarcasm_offline_says_which_url_and_how_to_pass_a_file(tmp_path, monkeypatch):
    def offline(url, timeout=None):
        raise urllib.error.URLError("no route")

    monkeypatch.setattr(course_csv.urllib.request, "urlopen", offline)
    write(tmp_path / "sarcasm.json", json.dumps(RECORDS))  # too short: not kept
    with pytest.raises(OSError, match="sarcasm.json") as info:
        load_sarcasm(cache_dir=tmp_path)
    assert text.SARCASM_URL in str(info.value)
    assert "load_sarcasm(path=" in str(info.value)


def test_a_download_with_the_wrong_record_count_is_not_kept(tmp_path, monkeypatch):
    import io

    monkeypatch.setattr(
        course_csv.urllib.request,
        "urlopen",
        lambda url, timeout=None: io.BytesIO(json.dumps(RECORDS).encode()),
    )
    with pytest.raises(ValueError, match="has 2 records"):
        load_sarcasm(cache_dir=tmp_path)
    assert not list(tmp_path.iterdir())


def test_imdb_reviews_from_mock_data():
    with tfds.testing.mock_data(num_examples=5):
        texts, labels = load_imdb_reviews("train")
    assert len(texts) == 5 and all(isinstance(t, str) for t in texts)
    assert labels.dtype == np.int32 and set(labels.tolist()) <= {0, 1}


def test_imdb_reviews_offline_error_says_what_to_do(tmp_path):
    with pytest.raises(OSError, match="tfds build imdb_reviews"):
        load_imdb_reviews(data_dir=tmp_path, download=False)


def test_poetry_corpus_is_the_sonnets():
    lines = load_poetry_corpus().splitlines()
    assert len(lines) == 2155 and all(line == line.strip() and line for line in lines)
    assert lines[-1] == "Love's fire heats water, water cools not love."
    with pytest.raises(ValueError, match="name"):
        load_poetry_corpus("limericks")
