"""Date expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.events.when import ResolvedDate, parse_anchor, resolve_date

MONDAY = dt.date(2017, 9, 11)
SUNDAY = dt.date(2017, 9, 10)


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("on Sunday", "past", "2017-09-10"),  # the day before a Monday report
        ("on Monday", "past", "2017-09-04"),  # strictly before: not the publication day itself
        ("on Wednesday", "past", "2017-09-06"),
        ("last Friday", "past", "2017-09-08"),
        ("on Friday", "future", "2017-09-15"),
        ("next Monday", "past", "2017-09-18"),
        ("yesterday", "past", "2017-09-10"),
        ("today", "past", "2017-09-11"),
        ("tomorrow", "future", "2017-09-12"),
        ("three days ago", "past", "2017-09-08"),
        ("September 3", "past", "2017-09-03"),
        ("Sept. 3rd", "past", "2017-09-03"),
        ("3 September", "past", "2017-09-03"),
        ("December 24", "past", "2016-12-24"),  # a past event cannot lie months ahead
        ("December 24", "future", "2017-12-24"),
        ("July 4, 2015", "past", "2015-07-04"),
        ("2014-02-28", "past", "2014-02-28"),
    ],
)
def test_day_expressions(expression, tense, expected):
    assert resolve_date(expression, MONDAY, tense) == ResolvedDate(expected, "day")


def test_week_boundaries_from_a_sunday_report():
    assert resolve_date("on Sunday", SUNDAY).date == "2017-09-03"
    assert resolve_date("on Saturday", SUNDAY).date == "2017-09-09"
    assert resolve_date("last week", SUNDAY) == ResolvedDate("2017-08-28", "week")
    assert resolve_date("this week", SUNDAY) == ResolvedDate("2017-09-04", "week")


def test_months_and_years():
    assert resolve_date("last month", MONDAY) == ResolvedDate("2017-08", "month")
    assert resolve_date("last month", dt.date(2018, 1, 15)) == ResolvedDate("2017-12", "month")
    assert resolve_date("in October", MONDAY) == ResolvedDate("2016-10", "month")
    assert resolve_date("in August", MONDAY) == ResolvedDate("2017-08", "month")
    assert resolve_date("March 2014", MONDAY) == ResolvedDate("2014-03", "month")
    assert resolve_date("in 2015", MONDAY) == ResolvedDate("2015", "year")
    assert resolve_date("last year", MONDAY) == ResolvedDate("2016", "year")
    assert resolve_date("two years ago", MONDAY) == ResolvedDate("2015", "year")


def test_without_a_publication_date_only_explicit_dates_resolve():
    assert resolve_date("July 4, 2015", None) == ResolvedDate("2015-07-04", "day")
    assert resolve_date("in 2015", None) == ResolvedDate("2015", "year")
    for relative in ("on Sunday", "yesterday", "last month", "September 3", "two days ago"):
        resolved = resolve_date(relative, None)
        assert resolved is not None and resolved.date is None and resolved.reason, relative


def test_text_without_a_date_gives_none():
    assert resolve_date("recently", MONDAY) is None
    assert resolve_date("may", MONDAY) is None


def test_parse_anchor_takes_the_day_of_a_datetime():
    assert parse_anchor("2017-09-11T23:10:00+09:00") == MONDAY
    assert parse_anchor("yesterday") is None
    assert parse_anchor(None) is None
