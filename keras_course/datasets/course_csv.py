"""Loaders for the course 4 CSV files (sunspots, Melbourne temperatures)."""

import csv
import hashlib
import os
import tempfile
import urllib.error
import urllib.request

import numpy as np

from keras_course._io import print_msg
from keras_course.api_export import keras_course_export

SUNSPOTS_URL = "https://storage.googleapis.com/tensorflow-1-public/course4/Sunspots.csv"
TEMPERATURES_URL = (
    "https://raw.githubusercontent.com/jbrownlee/Datasets/master/"
    "daily-min-temperatures.csv"
)
# SHA-256 of the course files. Not pinned yet: they could not be downloaded
# where this was written. While None, a download is kept and its digest shown.
SUNSPOTS_SHA256 = None
TEMPERATURES_SHA256 = None


def cache_directory(cache_dir=None):
    """`cache_dir`, or Keras's dataset cache (`$KERAS_HOME/datasets`)."""
    if cache_dir is None:
        home = os.environ.get("KERAS_HOME", os.path.join("~", ".keras"))
        cache_dir = os.path.join(os.path.expanduser(home), "datasets")
    os.makedirs(cache_dir, exist_ok=True)
    return cache_dir


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def download(url, destination, sha256=None):
    """Downloads `url` to `destination` atomically, checking `sha256` if given.

    The bytes go to a temporary file beside `destination`, which is renamed
    into place only once complete and verified, so an interrupted or corrupt
    download never leaves a file behind.
    """
    directory = os.path.dirname(os.path.abspath(destination))
    digest = hashlib.sha256()
    handle, partial = tempfile.mkstemp(dir=directory, suffix=".part")
    try:
        with (
            os.fdopen(handle, "wb") as out,
            urllib.request.urlopen(url, timeout=60) as response,
        ):
            for block in iter(lambda: response.read(1 << 16), b""):
                digest.update(block)
                out.write(block)
        if sha256 is not None and digest.hexdigest() != sha256:
            raise ValueError(
                f"The file downloaded from {url} has SHA-256 "
                f"{digest.hexdigest()}, expected {sha256}; it was not kept."
            )
        os.replace(partial, destination)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return digest.hexdigest()


def fetch(url, filename, sha256, loader_name, path=None, cache_dir=None):
    """A local path for the file: `path`, the cached copy, or a fresh download."""
    if path is not None:
        path = os.fspath(path)
        if not os.path.isfile(path):
            raise ValueError(f"`path` is not a file. Received: path={path!r}")
        return path
    destination = os.path.join(cache_directory(cache_dir), filename)
    if os.path.isfile(destination) and (
        sha256 is None or sha256_of(destination) == sha256
    ):
        return destination
    try:
        digest = download(url, destination, sha256)
    except (urllib.error.URLError, OSError) as e:
        raise OSError(
            f"Could not download {filename} from {url} ({e}). Download it on a "
            f"machine with internet access and pass its location: "
            f"{loader_name}(path='/path/to/{filename}')."
        ) from e
    if sha256 is None:
        print_msg(f"Downloaded {filename} (SHA-256 {digest}) to {destination}.")
    return destination


def parse_csv(path, value_column):
    """`(time, values)` from a CSV with a header row; `values` from one column.

    Time is the row index, as the course builds it. Errors name the file, the
    line and what is wrong.
    """
    values = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise ValueError(f"{path} is empty; expected a header and data rows.")
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue  # blank line
            line = reader.line_num
            if len(row) <= value_column:
                raise ValueError(
                    f"{path}, line {line}: expected at least {value_column + 1} "
                    f"columns, found {len(row)}: {row!r}"
                )
            cell = row[value_column].strip()
            try:
                value = float(cell)
            except ValueError:
                raise ValueError(
                    f"{path}, line {line}: column {value_column + 1} is not a "
                    f"number: {cell!r}"
                ) from None
            if not np.isfinite(value):
                raise ValueError(f"{path}, line {line}: {cell!r} is not finite.")
            values.append(value)
    if not values:
        raise ValueError(f"{path} has a header but no data rows.")
    return np.arange(len(values), dtype="float32"), np.asarray(values, "float32")


@keras_course_export("keras_course.datasets.load_sunspots")
def load_sunspots(path=None, cache_dir=None):
    """The course's monthly sunspot numbers, 1749-01 to 2018-07 (3235 months).

    Downloads `Sunspots.csv` from the course's public bucket into the Keras
    cache on first use (or reads `path`), and parses it as the course does:
    time is the row index, the series is the third column ("Monthly Mean Total
    Sunspot Number"). No pandas needed.

    Args:
        path: path of a local copy of the CSV; no download when given.
        cache_dir: where to cache the download. Defaults to
            `$KERAS_HOME/datasets` (`~/.keras/datasets`).

    Returns:
        `(time, series)`, float32 arrays.

    Example:

    >>> import os, tempfile
    >>> csv_path = os.path.join(tempfile.mkdtemp(), "Sunspots.csv")
    >>> with open(csv_path, "w") as f:
    ...     _ = f.write(",Date,Monthly Mean Total Sunspot Number\\n"
    ...                 "0,1749-01-31,96.7\\n1,1749-02-28,104.3\\n")
    >>> time, series = load_sunspots(path=csv_path)
    >>> time.tolist(), series.round(1).tolist()
    ([0.0, 1.0], [96.7, 104.3])
    """
    path = fetch(
        SUNSPOTS_URL,
        "Sunspots.csv",
        SUNSPOTS_SHA256,
        "load_sunspots",
        path=path,
        cache_dir=cache_dir,
    )
    return parse_csv(path, value_column=2)


@keras_course_export("keras_course.datasets.load_daily_min_temperatures")
def load_daily_min_temperatures(path=None, cache_dir=None):
    """Daily minimum temperatures in Melbourne, 1981-1990 (3650 days).

    The course 4 week 4 assignment's data (reaching MAE <= 2 passes it),
    from Jason Brownlee's public datasets. Columns: `Date`, `Temp`.

    Args:
        path: path of a local copy of the CSV; no download when given.
        cache_dir: where to cache the download. Defaults to
            `$KERAS_HOME/datasets` (`~/.keras/datasets`).

    Returns:
        `(time, series)`, float32 arrays; time is the day index.

    Example:

    >>> import os, tempfile
    >>> csv_path = os.path.join(tempfile.mkdtemp(), "temps.csv")
    >>> with open(csv_path, "w") as f:
    ...     _ = f.write('"Date","Temp"\\n1981-01-01,20.7\\n1981-01-02,17.9\\n')
    >>> load_daily_min_temperatures(path=csv_path)[1].round(1).tolist()
    [20.7, 17.9]
    """
    path = fetch(
        TEMPERATURES_URL,
        "daily-min-temperatures.csv",
        TEMPERATURES_SHA256,
        "load_daily_min_temperatures",
        path=path,
        cache_dir=cache_dir,
    )
    return parse_csv(path, value_column=1)
