import calendar
import datetime
import hashlib
import http.client
import io
import logging
import os
import stat
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


def month_ends(first_year, first_month, count):
    year, month = first_year, first_month
    for _ in range(count):
        day = calendar.monthrange(year, month)[1]
        yield datetime.date(year, month, day).isoformat()
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def real_sunspots(rows=3235):
    """A file with the real Sunspots.csv's shape: 1749-01-31 .. 2018-07-31."""
    lines = [",Date,Monthly Mean Total Sunspot Number"]
    for i, date in enumerate(month_ends(1749, 1, rows)):
        lines.append(f"{i},{date},{96.7 if i == 0 else (i * 7) % 200 / 10}")
    return "\n".join(lines) + "\n"


def real_temperatures():
    """3650 days, 1981-01-01 .. 1990-12-31 (the real file skips two leap days)."""
    day, lines = datetime.date(1981, 1, 1), ['"Date","Temp"']
    while day <= datetime.date(1990, 12, 31):
        if (day.month, day.day) != (12, 31) or day.year not in (1984, 1988):
            lines.append(f"{day.isoformat()},{20.7 if len(lines) == 1 else 13.0}")
        day += datetime.timedelta(days=1)
    return "\n".join(lines) + "\n"


def test_generated_files_pass_the_content_check(tmp_path):
    course_csv.SUNSPOTS.verify(write(tmp_path, real_sunspots(), "s.csv"))
    course_csv.TEMPERATURES.verify(write(tmp_path, real_temperatures(), "t.csv"))
    assert real_temperatures().count("\n") == 3651


class FakeURL:
    """Replaces urlopen: serves `payload`, or raises `error`."""

    def __init__(self, payload=None, error=None):
        self.payload, self.error, self.calls = payload, error, []

    def __call__(self, url, timeout=None):
        self.calls.append(url)
        if self.error is not None:
            raise self.error
        if self.payload is None:
            raise urllib.error.URLError(
                "[Errno -3] Temporary failure in name resolution"
            )
        return io.BytesIO(self.payload)


def serve(monkeypatch, **kwargs):
    fake = FakeURL(**kwargs)
    monkeypatch.setattr(course_csv.urllib.request, "urlopen", fake)
    return fake


def test_download_goes_to_the_cache_once(tmp_path, monkeypatch, caplog, capsys):
    payload = real_sunspots().encode()
    fake = serve(monkeypatch, payload=payload)
    with caplog.at_level(logging.INFO, logger="keras_course"):
        first = load_sunspots(cache_dir=tmp_path)
        second = load_sunspots(cache_dir=tmp_path)
    assert fake.calls == [course_csv.SUNSPOTS_URL]
    np.testing.assert_array_equal(first[1], second[1])
    assert len(first[1]) == 3235
    assert sorted(os.listdir(tmp_path)) == ["Sunspots.csv"]
    digest = hashlib.sha256(payload).hexdigest()
    assert f"SHA-256 {digest}" in caplog.text
    assert capsys.readouterr().out == ""  # the digest line is not printed
    assert stat.S_IMODE(os.stat(tmp_path / "Sunspots.csv").st_mode) == 0o644


BAD_CONTENT = {
    "header": (
        lambda t: t.replace("Monthly Mean Total", "Step"),
        "header .* expected",
    ),
    "rows": (
        lambda t: "\n".join(t.split("\n")[:3000]) + "\n",
        "2999 data rows, expected at least 3235",
    ),
    "first": (lambda t: t.replace("0,1749-01-31,96.7", "0,1749-01-31,9.7"), "first"),
    "last_date": (lambda t: t + "3235,2018-08-31,3.0\n", "last date 2018-08-31"),
    "increasing": (
        lambda t: t.replace("1,1749-02-28", "1,1749-01-15"),
        "not strictly increasing at data row 2",
    ),
}


@pytest.mark.parametrize("case", list(BAD_CONTENT), ids=list(BAD_CONTENT))
def test_a_download_with_wrong_content_is_not_kept(tmp_path, monkeypatch, case):
    change, message = BAD_CONTENT[case]
    serve(monkeypatch, payload=change(real_sunspots()).encode())
    with pytest.raises(ValueError, match=message) as error:
        load_sunspots(cache_dir=tmp_path)
    assert "was not kept" in str(error.value)
    assert os.listdir(tmp_path) == []


def test_a_bad_cached_copy_is_downloaded_again(tmp_path, monkeypatch, caplog):
    write(tmp_path, real_temperatures()[:5000], "daily-min-temperatures.csv")
    fake = serve(monkeypatch, payload=real_temperatures().encode())
    with caplog.at_level(logging.WARNING, logger="keras_course"):
        _, series = load_daily_min_temperatures(cache_dir=tmp_path)
    assert len(series) == 3650
    assert fake.calls == [course_csv.TEMPERATURES_URL]
    assert "Downloading daily-min-temperatures.csv again" in caplog.text


def test_checksum_mismatch_keeps_no_file(tmp_path, monkeypatch):
    serve(monkeypatch, payload=real_sunspots().encode())
    monkeypatch.setattr(course_csv, "SUNSPOTS_SHA256", "0" * 64)
    with pytest.raises(ValueError, match="expected 0{64}"):
        load_sunspots(cache_dir=tmp_path)
    assert os.listdir(tmp_path) == []


def test_pinned_checksum_accepts_the_right_file(tmp_path, monkeypatch):
    payload = real_temperatures().encode()
    serve(monkeypatch, payload=payload)
    monkeypatch.setattr(
        course_csv, "TEMPERATURES_SHA256", hashlib.sha256(payload).hexdigest()
    )
    assert len(load_daily_min_temperatures(cache_dir=tmp_path)[1]) == 3650


class CutShort(io.BytesIO):
    def read(self, size=-1):
        block = super().read(100)
        if not block:
            raise http.client.IncompleteRead(b"", 1000)
        return block


FAILURES = {
    "offline": (
        dict(),
        "No network: could not reach .*name resolution",
    ),
    "http": (
        dict(
            error=urllib.error.HTTPError(
                course_csv.TEMPERATURES_URL, 404, "Not Found", {}, None
            )
        ),
        "HTTP status 404",
    ),
    "incomplete": (dict(payload=b""), "was cut short.*IncompleteRead"),
}


@pytest.mark.parametrize("case", list(FAILURES), ids=list(FAILURES))
def test_download_failures_say_what_failed(tmp_path, monkeypatch, case):
    kwargs, message = FAILURES[case]
    fake = FakeURL(**kwargs)
    if case == "incomplete":
        fake = lambda url, timeout=None: CutShort(b"x" * 250)  # noqa: E731
    monkeypatch.setattr(course_csv.urllib.request, "urlopen", fake)
    with pytest.raises(OSError, match=message) as error:
        load_daily_min_temperatures(cache_dir=tmp_path)
    assert course_csv.TEMPERATURES_URL in str(error.value)
    assert "load_daily_min_temperatures(path=" in str(error.value)
    assert os.listdir(tmp_path) == []  # no .part file left


def test_a_local_write_error_names_the_directory(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(course_csv.tempfile, "mkstemp", refuse)
    serve(monkeypatch, payload=real_sunspots().encode())
    with pytest.raises(OSError, match=f"Cannot write to {tmp_path}.*Permission"):
        load_sunspots(cache_dir=tmp_path)


def test_default_cache_is_under_keras_home(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert course_csv.cache_directory() == str(tmp_path / "datasets")
    assert (tmp_path / "datasets").is_dir()
