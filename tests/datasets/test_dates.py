import datetime

import pytest
from babel.dates import format_date

from keras_course.applications.nmt.date_translator import COURSE_HUMAN_CHARACTERS
from keras_course.datasets import generate_dates
from keras_course.datasets.dates import COURSE_FORMATS


def test_pairs_follow_the_course_recipe_and_are_reproducible():
    pairs = generate_dates(500, seed=3)
    assert pairs == generate_dates(500, seed=3) != generate_dates(500, seed=4)
    for human, iso in pairs:
        date = datetime.date.fromisoformat(iso)
        assert datetime.date(1970, 1, 1) <= date <= datetime.date(2029, 12, 31)
        assert human == human.lower() and "," not in human
        written = {
            format_date(date, format=f, locale="en_US").lower().replace(",", "")
            for f in COURSE_FORMATS
        }
        assert human in written


def test_the_year_in_the_text_is_the_calendar_year():
    # The course's "YYY" is Babel's week-based year: 2019-12-30 read "2020".
    formats = [f for f in COURSE_FORMATS if "y" in f]
    for human, iso in generate_dates(300, seed=0, formats=formats):
        year = iso[:4]
        assert year in human or year[2:] in human.split()[-1].split(".")[-1]
    assert generate_dates(1, formats=["d MMMM yyy"], seed=0)[0][0].endswith(
        generate_dates(1, formats=["d MMMM yyy"], seed=0)[0][1][:4]
    )


def test_course_characters_cover_every_month_and_weekday():
    seen = set()
    for day in range(0, 7 * 53 * 2, 1):  # every month and weekday, two years
        date = datetime.date(2000, 1, 1) + datetime.timedelta(days=day)
        for f in COURSE_FORMATS:
            text = format_date(date, format=f, locale="en_US")
            seen |= set(text.lower().replace(",", ""))
    assert "".join(sorted(seen)) == COURSE_HUMAN_CHARACTERS


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(num_examples=-1), "num_examples"),
        (dict(num_examples=2, formats=[]), "formats"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        generate_dates(**kwargs)
