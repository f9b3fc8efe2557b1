"""Human-readable dates and their ISO form: the course 5 week 3 data."""

import datetime

import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export

# The course's Babel formats with the calendar year (`y`) where the course
# writes `Y`: in Babel (and Unicode LDML) `Y` is the week-based year, so the
# course's text said "30 dec 2020" for 2019-12-30 and a few dates a year had
# the wrong year in their input.
COURSE_FORMATS = (
    "short",
    "medium",
    "long",
    "full",
    "d MMM yyy",
    "d MMMM yyy",
    "dd MMM yyy",
    "d MMM, yyy",
    "d MMMM, yyy",
    "dd, MMM yyy",
    "d MM yy",
    "MMMM d yyy",
    "MMMM d, yyy",
    "dd.MM.yy",
)
FIRST_DATE = datetime.date(1970, 1, 1)
LAST_DATE = datetime.date(2029, 12, 31)


@keras_course_export("keras_course.datasets.generate_dates")
def generate_dates(num_examples, seed=None, formats=COURSE_FORMATS, locale="en_US"):
    """Random dates as a person writes them, with their ISO form.

    The course recipe: a date drawn uniformly from 1970-01-01 to 2029-12-31
    (a range where two-digit years are unambiguous), printed with Babel in one
    of `formats` picked uniformly, lower-cased, commas removed; the target is
    `YYYY-MM-DD`. No network (Babel ships the locale data).

    Args:
        num_examples: int, how many pairs.
        seed: int or None, for a reproducible list.
        formats: Babel date formats (the course's by default, with the
            calendar year; see `COURSE_FORMATS`).
        locale: a Babel locale name. Defaults to `"en_US"`.

    Returns:
        A list of `(human_readable, iso)` string pairs.

    >>> for human, iso in generate_dates(3, seed=0):
    ...     print(f"{human!r} -> {iso}")
    'thursday january 14 2021' -> 2021-01-14
    '21 mar 2008' -> 2008-03-21
    '9/1/00' -> 2000-09-01
    """
    from babel.dates import format_date

    num_examples = check_int("num_examples", num_examples, minimum=0)
    formats = list(formats)
    if not formats or not all(isinstance(f, str) for f in formats):
        raise ValueError(
            f"`formats` must be a non-empty list of Babel formats. Received: "
            f"formats={formats!r}"
        )
    rng = np.random.default_rng(seed)
    span = (LAST_DATE - FIRST_DATE).days + 1
    days = rng.integers(0, span, num_examples)
    picks = rng.integers(0, len(formats), num_examples)
    pairs = []
    for day, pick in zip(days.tolist(), picks.tolist(), strict=True):
        date = FIRST_DATE + datetime.timedelta(days=day)
        text = format_date(date, format=formats[pick], locale=locale)
        pairs.append((text.lower().replace(",", ""), date.isoformat()))
    return pairs
