import hashlib
import io
import os
import urllib.error

import numpy as np
import pytest

from keras_course.datasets import course_csv, load_daily_min_temperatures, load_sunspots

SUNSPOTS = (
    ",Date,Monthly Mean Total Sunspot Number\n"
    "0,1749-01-31,96.7\n"
    "1,1749-02-28,104.3\n"
    "2,1749-03-31,116.7\n"
)
TEMPERATURES = '"Date","Temp"\n1981-01-01,20.7\n1981-01-02,17.9\n\n1981-01-03,18.8\n'


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_sunspots_from_a_local_file(tmp_path):
    time, series = load_sunspots(path=write(tmp_path, SUNSPOTS))
    assert time.dtype == series.dtype == np.float32
    np.testing.assert_array_equal(time, [0, 1, 2])
    np.testing.assert_allclose(series, [96.7, 104.3, 116.7], rtol=1e-6)


def test_temperatures_skip_blank_lines(tmp_path):
    time, series = load_daily_min_temperatures(path=write(tmp_path, TEMPERATURES))
    np.testing.assert_array_equal(time, [0, 1, 2])
    np.testing.assert_allclose(series, [20.7, 17.9, 18.8], rtol=1e-6)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "is empty"),
        (",Date,Monthly Mean Total Sunspot Number\n", "no data rows"),
        (SUNSPOTS + "3,1749-04-30\n", "line 5: expected at least 3 columns"),
        (SUNSPOTS + "3,1749-04-30,lots\n", "line 5: column 3 is not a number: 'lots'"),
        (SUNSPOTS + "3,1749-04-30,nan\n", "line 5: 'nan' is not finite"),
    ],
    ids=["empty", "header-only", "missing-column", "non-numeric", "nan"],
)
def test_malformed_files(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        load_sunspots(path=write(tmp_path, text))


def test_path_must_be_a_file(tmp_path):
    with pytest.raises(ValueError, match="`path` is not a file"):
        load_sunspots(path=tmp_path / "missing.csv")


class FakeURL:
    """Replaces urlopen: serves `payload`, or fails like an offline machine."""

    def __init__(self, payload=None):
        self.payload, self.calls = payload, []

    def __call__(self, url, timeout=None):
        self.calls.append(url)
        if self.payload is None:
            raise urllib.error.URLError(
                "[Errno -3] Temporary failure in name resolution"
            )
        return io.BytesIO(self.payload)


def test_download_goes_to_the_cache_once(tmp_path, monkeypatch, capsys):
    fake = FakeURL(SUNSPOTS.encode())
    monkeypatch.setattr(course_csv.urllib.request, "urlopen", fake)
    first = load_sunspots(cache_dir=tmp_path)
    second = load_sunspots(cache_dir=tmp_path)
    assert fake.calls == [course_csv.SUNSPOTS_URL]
    np.testing.assert_array_equal(first[1], second[1])
    assert sorted(os.listdir(tmp_path)) == ["Sunspots.csv"]
    digest = hashlib.sha256(SUNSPOTS.encode()).hexdigest()
    assert f"SHA-256 {digest}" in capsys.readouterr().out


def test_checksum_mismatch_keeps_no_file(tmp_path, monkeypatch):
    monkeypatch.setattr(course_csv.urllib.request, "urlopen", FakeURL(b"tampered"))
    monkeypatch.setattr(course_csv, "SUNSPOTS_SHA256", "0" * 64)
    with pytest.raises(ValueError, match="expected 0{64}; it was not kept"):
        load_sunspots(cache_dir=tmp_path)
    assert os.listdir(tmp_path) == []


def test_pinned_checksum_accepts_the_right_file(tmp_path, monkeypatch):
    payload = TEMPERATURES.encode()
    monkeypatch.setattr(course_csv.urllib.request, "urlopen", FakeURL(payload))
    monkeypatch.setattr(
        course_csv, "TEMPERATURES_SHA256", hashlib.sha256(payload).hexdigest()
    )
    assert len(load_daily_min_temperatures(cache_dir=tmp_path)[1]) == 3


def test_offline_error_names_the_url_and_the_path_argument(tmp_path, monkeypatch):
    monkeypatch.setattr(course_csv.urllib.request, "urlopen", FakeURL(None))
    with pytest.raises(OSError) as error:
        load_daily_min_temperatures(cache_dir=tmp_path)
    message = str(error.value)
    assert course_csv.TEMPERATURES_URL in message
    assert "load_daily_min_temperatures(path=" in message
    assert os.listdir(tmp_path) == []  # no partial file left


def test_default_cache_is_under_keras_home(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert course_csv.cache_directory() == str(tmp_path / "datasets")
    assert (tmp_path / "datasets").is_dir()
