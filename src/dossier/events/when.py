"""When an event happened: date expressions resolved against the publication date.

"on Sunday" in a report published on Monday 11 September 2017 is 2017-09-03
when the verb is in the past: the most recent Sunday strictly before the
publication day ("next Sunday" and future verbs look forward). "last month"
is a month, "in 2015" a year. Without a publication date only explicit dates
with a year resolve; anything else gives no date and a reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR})?")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}(?:\s+of)?,?\s+{_YEAR}\b")
_MONTH_ONLY = re.compile(rf"^(?:in\s+|early\s+|late\s+|mid-?\s*)?(?:the\s+)?{_MONTH}$")
_YEAR_ONLY = re.compile(rf"^(?:in\s+|during\s+|early\s+|late\s+|by\s+)?(?:the\s+year\s+)?{_YEAR}$")
_WEEKDAY = re.compile(r"\b(?:(?P<which>last|this|next|past|coming)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")
_RELATIVE_UNIT = re.compile(
    r"\b(?P<which>last|this|next|past|previous|coming|earlier this|later this)\s+(?P<unit>week|month|year)\b"
)
_AGO = re.compile(r"\b(?P<count>\d+|" + "|".join(NUMBER_WORDS) + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b")


@dataclass(frozen=True)
class ResolvedDate:
    """A date with its precision (day, week, month or year), or None with the reason."""

    date: str | None
    precision: str | None
    reason: str | None = None


def parse_anchor(published: str | None) -> dt.date | None:
    """The publication day of an ISO date or datetime string, or None.

    Example:
        >>> parse_anchor("2017-09-11T08:30:00Z")
        datetime.date(2017, 9, 11)
    """
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def resolve_date(expression: str, anchor: dt.date | None, tense: str = "past") -> ResolvedDate | None:
    """Resolve one date expression; None when the text holds no date we understand.

    `tense` is "past", "present" or "future": it decides which way a bare
    weekday or month points from the publication date.

    Example:
        >>> resolve_date("on Sunday", dt.date(2017, 9, 11)).date  # published on a Monday
        '2017-09-10'
        >>> resolve_date("next Sunday", dt.date(2017, 9, 11)).date
        '2017-09-17'
    """
    text = " ".join(expression.lower().replace("’", "'").split())
    for resolver in (_explicit_date, _relative_word, _weekday, _relative_unit, _ago, _month_or_year):
        try:
            found = resolver(text, anchor, tense)
            if found is not None and found.date is not None and not _IN_CALENDAR.match(found.date):
                raise OverflowError(found.date)
        except OverflowError:
            # Counting back from 0001-01-01 (or on from 9999-12-31) leaves the calendar: no date, and say why.
            return ResolvedDate(None, None, f"'{text}' falls outside the years 1 to 9999 from {anchor}")
        if found is not None:
            return found
    return None


# A resolved date, month or year within years 1 to 9999 (month and year arithmetic can reach 0 or below).
_IN_CALENDAR = re.compile(r"^(?!0000)\d{4}(?:-\d{2}){0,2}$")


def _needs_anchor(text: str) -> ResolvedDate:
    return ResolvedDate(None, None, f"'{text}' is relative and the article has no publication date")


def _explicit_date(text: str, anchor: dt.date | None, tense: str) -> ResolvedDate | None:
    match = _ISO.search(text)
    if match:
        return _day(int(match["year"]), int(match["month"]), int(match["day"]))
    match = _MONTH_DAY.search(text) or _DAY_MONTH.search(text)
    if not match:
        return None
    month, day = MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        return _day(int(match["year"]), month, day)
    if anchor is None:
        return ResolvedDate(None, None, f"'{text}' has no year and the article has no publication date")
    year = _infer_year(anchor, month, day, tense)
    return _day(year, month, day)


def _infer_year(anchor: dt.date, month: int, day: int, tense: str) -> int:
    """A date without a year is the nearest one on the side of the anchor the tense points to."""
    try:
        candidate = dt.date(anchor.year, month, min(day, 28) if month == 2 and day == 29 else day)
    except ValueError:
        return anchor.year
    if tense == "past" and candidate > anchor + dt.timedelta(days=1):
        return anchor.year - 1
    if tense == "future" and candidate < anchor - dt.timedelta(days=1):
        return anchor.year + 1
    return anchor.year


def _day(year: int, month: int, day: int) -> ResolvedDate | None:
    try:
        return ResolvedDate(dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _relative_word(text: str, anchor: dt.date | None, tense: str) -> ResolvedDate | None:
    offsets = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0,
               "this afternoon": 0, "this evening": 0, "tomorrow": 1}  # fmt: skip
    for word, offset in offsets.items():
        if re.search(rf"\b{word}\b", text):
            if "day before yesterday" in text:
                offset = -2
            if anchor is None:
                return _needs_anchor(text)
            return ResolvedDate((anchor + dt.timedelta(days=offset)).isoformat(), "day")
    return None


def _weekday(text: str, anchor: dt.date | None, tense: str) -> ResolvedDate | None:
    match = _WEEKDAY.search(text)
    if not match:
        return None
    if anchor is None:
        return _needs_anchor(text)
    wanted = WEEKDAYS.index(match["weekday"])
    which = match["which"]
    forward = which in ("next", "coming") or (which is None and tense == "future")
    if which == "this" and tense == "future":
        forward = True
    if forward:
        delta = (wanted - anchor.weekday()) % 7 or 7
        return ResolvedDate((anchor + dt.timedelta(days=delta)).isoformat(), "day")
    delta = (anchor.weekday() - wanted) % 7 or 7
    return ResolvedDate((anchor - dt.timedelta(days=delta)).isoformat(), "day")


def _relative_unit(text: str, anchor: dt.date | None, tense: str) -> ResolvedDate | None:
    match = _RELATIVE_UNIT.search(text)
    if not match:
        return None
    if anchor is None:
        return _needs_anchor(text)
    which, unit = match["which"], match["unit"]
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        return ResolvedDate(monday.isoformat(), "week")
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return ResolvedDate(f"{year:04d}-{month + 1:02d}", "month")
    return ResolvedDate(f"{anchor.year + step:04d}", "year")


def _ago(text: str, anchor: dt.date | None, tense: str) -> ResolvedDate | None:
    match = _AGO.search(text)
    if not match:
        return None
    count_text = match["count"]
    count = int(count_text) if count_text.isdigit() else NUMBER_WORDS.get(count_text)
    if count is None:
        return ResolvedDate(None, None, f"'{text}' is too vague to date")
    if anchor is None:
        return _needs_anchor(text)
    unit = match["unit"]
    if unit == "day":
        return ResolvedDate((anchor - dt.timedelta(days=count)).isoformat(), "day")
    if unit == "week":
        day = anchor - dt.timedelta(weeks=count)
        return ResolvedDate((day - dt.timedelta(days=day.weekday())).isoformat(), "week")
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 - count, 12)
        return ResolvedDate(f"{year:04d}-{month + 1:02d}", "month")
    return ResolvedDate(f"{anchor.year - count:04d}", "year")


def _month_or_year(text: str, anchor: dt.date | None, tense: str) -> ResolvedDate | None:
    match = _MONTH_YEAR.search(text)
    if match:
        return ResolvedDate(f"{int(match['year']):04d}-{MONTHS[match['month']]:02d}", "month")
    match = _MONTH_ONLY.search(text)
    if match and match["month"] != "may":  # "may" alone is the modal far more often
        if anchor is None:
            return ResolvedDate(None, None, f"'{text}' has no year and the article has no publication date")
        month = MONTHS[match["month"]]
        year = anchor.year
        if tense == "past" and month > anchor.month:
            year -= 1
        elif tense == "future" and month < anchor.month:
            year += 1
        return ResolvedDate(f"{year:04d}-{month:02d}", "month")
    match = _YEAR_ONLY.search(text)
    if match:
        return ResolvedDate(match["year"], "year")
    return None
