"""Loaders for the course 4 CSV files (sunspots, Melbourne temperatures)."""

import csv
import dataclasses
import datetime
import hashlib
import http.client
import itertools
import os
import tempfile
import urllib.error
import urllib.request

import numpy as np

from keras_course._io import logger
from keras_course.api_export import keras_course_export

SUNSPOTS_URL = "https://storage.googleapis.com/tensorflow-1-public/course4/Sunspots.csv"
TEMPERATURES_URL = (
    "https://raw.githubusercontent.com/jbrownlee/Datasets/master/"
    "daily-min-temperatures.csv"
)
# Optional SHA-256 pins of the course files. They could not be computed where
# this was written (no access to the URLs), so the files are checked by their
# parsed content instead (`CourseFile.verify`); a pin, when set, is checked too.
SUNSPOTS_SHA256 = None
TEMPERATURES_SHA256 = None


@dataclasses.dataclass(frozen=True)
class CourseFile:
    """What a course CSV must contain, checked on every download and cached copy.

    `header` is compared cell by cell (quotes and spaces stripped). The file
    must have at least `min_rows` data rows, dates (`YYYY-MM-DD` in
    `date_column`) strictly increasing, the first row `first` (date, value)
    and the last date `last_date` (and value `last_value`, when known).
    """

    url: str
    filename: str
    loader_name: str
    header: tuple
    date_column: int
    value_column: int
    min_rows: int
    first: tuple
    last_date: str
    last_value: float | None = None

    def verify(self, path):
        """Raises ValueError naming the first thing in `path` that is wrong."""
        header, values, dates = _read_columns(path, self.value_column, self.date_column)
        header = tuple(cell.strip().strip('"') for cell in header)

        def fail(what):
            raise ValueError(f"{path} is not the course's {self.filename}: {what}.")

        if header != self.header:
            fail(f"header {header!r}, expected {self.header!r}")
        if len(values) < self.min_rows:
            fail(f"{len(values)} data rows, expected at least {self.min_rows}")
        if (dates[0], round(float(values[0]), 1)) != self.first:
            fail(f"first row {dates[0]}, {values[0]:.1f}, expected {self.first}")
        if dates[-1] != self.last_date:
            fail(f"last date {dates[-1]}, expected {self.last_date}")
        if self.last_value is not None and round(float(values[-1]), 1) != (
            self.last_value
        ):
            fail(f"last value {values[-1]:.1f}, expected {self.last_value}")
        try:
            parsed = [datetime.date.fromisoformat(d) for d in dates]
        except ValueError as e:
            fail(f"a date is not YYYY-MM-DD ({e})")
        for line, (earlier, later) in enumerate(itertools.pairwise(parsed), 3):
            if later <= earlier:
                fail(f"dates not strictly increasing at data row {line - 1}")


SUNSPOTS = CourseFile(
    url=SUNSPOTS_URL,
    filename="Sunspots.csv",
    loader_name="load_sunspots",
    header=("", "Date", "Monthly Mean Total Sunspot Number"),
    date_column=1,
    value_column=2,
    min_rows=3235,
    first=("1749-01-31", 96.7),
    last_date="2018-07-31",
)
TEMPERATURES = CourseFile(
    url=TEMPERATURES_URL,
    filename="daily-min-temperatures.csv",
    loader_name="load_daily_min_temperatures",
    header=("Date", "Temp"),
    date_column=0,
    value_column=1,
    min_rows=3650,
    first=("1981-01-01", 20.7),
    last_date="1990-12-31",
    last_value=13.0,
)


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


def _check(spec, path, sha256):
    """Content check, then the pinned digest if there is one."""
    spec.verify(path)
    if sha256 is not None and (digest := sha256_of(path)) != sha256:
        raise ValueError(f"{path} has SHA-256 {digest}, expected {sha256}.")


def download(spec, destination, sha256=None):
    """Downloads `spec.url` to `destination` atomically, verified.

    The bytes go to a `.part` file beside `destination`, which is checked
    (`spec.verify`, and `sha256` if given) and renamed into place only then,
    readable by all (0644); a failed or interrupted download leaves nothing.
    Errors say which kind of failure it was: no network, an HTTP error (with
    its status code), a download cut short, or a local file-system error.
    """
    directory = os.path.dirname(os.path.abspath(destination))
    url, hint = spec.url, _hint(spec)
    digest = hashlib.sha256()
    try:
        handle, partial = tempfile.mkstemp(dir=directory, suffix=".part")
    except OSError as e:
        raise OSError(f"Cannot write to {directory} ({e}). Pass `cache_dir`.") from e
    try:
        try:
            with (
                os.fdopen(handle, "wb") as out,
                urllib.request.urlopen(url, timeout=60) as response,
            ):
                for block in iter(lambda: response.read(1 << 16), b""):
                    digest.update(block)
                    out.write(block)
        except urllib.error.HTTPError as e:
            raise OSError(
                f"Downloading {url} failed with HTTP status {e.code} "
                f"({e.reason}). {hint}"
            ) from e
        except urllib.error.URLError as e:
            raise OSError(
                f"No network: could not reach {url} ({e.reason}). {hint}"
            ) from e
        except (http.client.IncompleteRead, ConnectionError, TimeoutError) as e:
            raise OSError(
                f"The download of {url} was cut short ({e!r}). Try again. {hint}"
            ) from e
        except OSError as e:
            raise OSError(
                f"Could not write {spec.filename} to {directory} ({e}). Free "
                f"space or pass another `cache_dir`. {hint}"
            ) from e
        try:
            _check(spec, partial, sha256)
        except ValueError as e:
            raise ValueError(f"The file downloaded from {url} was not kept: {e}") from e
        os.chmod(partial, 0o644)
        os.replace(partial, destination)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return digest.hexdigest()


def _hint(spec):
    return (
        f"On a machine with internet access, download {spec.filename} from "
        f"{spec.url} and pass its location: "
        f"{spec.loader_name}(path='/path/to/{spec.filename}')."
    )


def fetch(spec, sha256, path=None, cache_dir=None):
    """A local path for the file: `path`, the verified cached copy, or a download.

    A cached copy that fails the check is downloaded again (the reason is
    logged to the `keras_course` logger).
    """
    if path is not None:
        path = os.fspath(path)
        if not os.path.isfile(path):
            raise ValueError(f"`path` is not a file. Received: path={path!r}")
        return path
    destination = os.path.join(cache_directory(cache_dir), spec.filename)
    if os.path.isfile(destination):
        try:
            _check(spec, destination, sha256)
            return destination
        except (ValueError, UnicodeDecodeError) as e:
            logger.warning("Downloading %s again: %s", spec.filename, e)
    digest = download(spec, destination, sha256)
    logger.info("Downloaded %s (SHA-256 %s) to %s.", spec.filename, digest, destination)
    return destination


def parse_csv(path, value_column):
    """`(time, values)` from a CSV with a header row; `values` from one column.

    Time is the row index, as the course builds it. Errors name the file, the
    line and what is wrong.
    """
    _, values, _ = _read_columns(path, value_column)
    return np.arange(len(values), dtype="float32"), np.asarray(values, "float32")


def _read_columns(path, value_column, text_column=None):
    """`(header, values, texts)` in one pass; blank lines skipped.

    `values` are the numbers of `value_column` (checked, with the line named
    on an error); `texts` the stripped cells of `text_column`, if given.
    """
    values, texts = [], []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise ValueError(f"{path} is empty; expected a header and data rows.")
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue  # blank line
            line = reader.line_num
            needed = max(value_column, text_column or 0) + 1
            if len(row) < needed:
                raise ValueError(
                    f"{path}, line {line}: expected at least {needed} "
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
            if text_column is not None:
                texts.append(row[text_column].strip())
    if not values:
        raise ValueError(f"{path} has a header but no data rows.")
    return header, values, texts


@keras_course_export("keras_course.datasets.load_sunspots")
def load_sunspots(path=None, cache_dir=None):
    """The course's monthly sunspot numbers, 1749-01 to 2018-07 (3235 months).

    Downloads `Sunspots.csv` from the course's public bucket into the Keras
    cache on first use (or reads `path`). A download, and the cached copy on
    each later call, is checked by content (header, at least 3235 rows, the
    first row 1749-01-31 = 96.7, the last date 2018-07-31, dates strictly
    increasing); a cached copy that fails is downloaded again. It parses the
    file as the course does:
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
    path = fetch(SUNSPOTS, SUNSPOTS_SHA256, path=path, cache_dir=cache_dir)
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
    path = fetch(TEMPERATURES, TEMPERATURES_SHA256, path=path, cache_dir=cache_dir)
    return parse_csv(path, value_column=1)
