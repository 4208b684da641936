"""Dates in letters, read with dateparser: the letter's own date, and dates relative to it.

dateparser reads the forms letters use ('June 22, 2009', '2/28/2022', 'this
Friday, December 4, 2020', 'March 17' in a letter of March 2021) and, with the
letter's date as base, relative ones ('in two weeks'). It tolerates the noise OCR
leaves on a date line ('LULL», "March 27, 2020 pe |').
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from docket_archive.formats.schemas import YEARS
from docket_archive.law.dates import relative as counted_from  # 'in two weeks': shared with `docket new` and the form

from .patterns import FULL_DATE, MONTHS, NUMERIC_DATE

MONTH_DAY = rf"(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# Days named relative to the letter's own date: 'filed yesterday', 'the order entered last Friday'.
RELATIVE_DAY = rf"(?i:yesterday|today|(?:last|this\s+past)\s+(?:{WEEKDAYS}))\b"
ANY_DATE = re.compile(rf"\b(?:{FULL_DATE}|{NUMERIC_DATE}|{MONTH_DAY}|{RELATIVE_DAY})")
_STRICT = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "MDY"}


def letter_date(lines: list[str]) -> tuple[date | None, str]:
    """The first full date in the heading, and the text it was read from ('' when none)."""
    from dateparser.search import search_dates

    for line in lines:
        if not re.search(rf"{MONTHS}|\d{{1,2}}\s?/\s?\d{{1,2}}\s?/\s?\d{{2,4}}", line):
            continue
        line = re.sub(r"(\d)\s?/\s?(?=\d)", r"\1/", line)  # OCR's '05/31 /2007' is 05/31/2007
        found = _with_dateparser(
            "search", line, None, lambda text, _: search_dates(text, languages=["en"], settings=_STRICT)
        )
        for text, when in found or []:
            if re.search(MONTHS, text) or re.search(r"\d{4}", text):
                return when.date(), text.strip()
        written = re.search(FULL_DATE, line)  # search_dates misses abbreviations with a period: 'Sept. 3, 2020'
        if written and (when := parse(written.group(0))) is not None:
            return when, written.group(0)
    return None, ""


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip
OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "i": "1", "S": "5", "B": "8"})


def ocr_date(lines: list[str]) -> tuple[date | None, str]:
    """A date OCR misread ('Octobcr l4, 2O25'): month names matched by spelling distance, look-alike digits
    read as digits. The caller flags it: this is a reading, not what the text says."""
    import difflib

    for line in lines:
        for match in re.finditer(
            r"\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>[\dOlISi]{1,2}),?\s+(?P<year>[\dOlISB]{4})\b", line
        ):
            month = difflib.get_close_matches(match["month"].capitalize(), MONTH_NAMES, n=1, cutoff=0.75)
            day, year = match["day"].translate(OCR_DIGITS), match["year"].translate(OCR_DIGITS)
            if month and day.isdigit() and year.isdigit() and (when := parse(f"{month[0]} {day}, {year}")):
                return when, match.group(0)
    return None, ""


def impossible_date(lines: list[str]) -> str:
    """A date-shaped text that is no date ('February 30, 2009'), for the error message; '' if none."""
    for line in lines:
        for match in re.finditer(FULL_DATE, line):
            if parse(match.group(0)) is None:
                return match.group(0)
    return ""


# The plain forms letters write most ('June 5, 2009', 'Sept. 3, 2020', '7/8/2021', and 'March 17' in a
# letter of a known year) are read directly: dateparser takes about 10 ms a date, and a long text has
# thousands. It reads every other form, and its answers for these are the same.
_MONTH_NUMBERS = {
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)},
    "Sept": 9,
}
_WRITTEN = re.compile(rf"(?P<month>{MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?")
_NUMERIC = re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})")


def _plain(text: str, base: date | None) -> date | bool | None:
    """The date of a plain form; None for an impossible one ('February 30, 2009'); False for any other text."""
    match = _WRITTEN.fullmatch(text.strip()) or _NUMERIC.fullmatch(text.strip())
    if match is None or (match["year"] is None and base is None) or int(match["day"]) > 31:
        return False  # 'Dec 32' may be a month and a year: dateparser decides
    month = int(match["month"]) if match["month"].isdigit() else _MONTH_NUMBERS[match["month"]]
    try:
        return date(int(match["year"]) if match["year"] else base.year, month, int(match["day"]))  # type: ignore[union-attr]
    except ValueError:
        # 'February 30, 2009' is no date; '13/2/2009' may be day first, which dateparser decides
        return False if match["month"].isdigit() else None


def parse(text: str, base: date | None = None) -> date | None:
    """One date: 'June 5, 2009', '7/8/2021', or 'March 17' (the year from `base`, never after it by a year)."""
    plain = _plain(text, base)
    found = plain if plain is not False else _with_dateparser("parse", text, base, _parse)
    return found if isinstance(found, date) and found.year in YEARS else None  # check refuses any other year


def _parse(text: str, base: date | None) -> date | None:
    import dateparser

    settings: dict = {"DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first"}
    text = re.sub(r"(\d)\s?/\s?(?=\d)", r"\1/", text)
    if base is not None and re.fullmatch(RELATIVE_DAY, text.strip(), re.I):
        settings["PREFER_DATES_FROM"] = "past"
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        when = dateparser.parse(text, languages=["en"], settings=settings)
    except (OverflowError, ValueError):
        return None
    if when is None:
        return None
    result = when.date()
    if base is not None and not re.search(r"\d{4}|/\d{2}\b", text) and result.year != base.year:
        try:
            result = result.replace(year=base.year)  # 'March 17' in a letter of 2021 is March 17, 2021
        except ValueError:  # February 29 in a year without one
            return None
    return result


def relative(phrase: str, base: date) -> date | None:
    """'in two weeks', 'within 30 days' from the letter's date (law/dates.py); None when it is no date
    or one in a year the archive does not publish."""
    found = counted_from(phrase, base)
    return found if found is not None and found.year in YEARS else None


# -- the budget of dateparser ------------------------------------------------------------------------

# dateparser takes 10 to 20 ms a phrase. A letter has a few dozen dates; a text
# made of thousands of odd ones ('Dec 45', '3/4/05') would take minutes. So
# within `budget()` (one import) it reads at most this many phrases, each
# once; past that, the others are not read as dates, and `skipped()` says how many.
DATEPARSER_PHRASES = 200
_CACHE_SIZE = 4096
_read: dict[tuple[str, str, date | None], Any] = {}
_left: list[int] = []  # the phrases the current budget still allows (empty: no budget, as in tests of one phrase)
_skipped: list[int] = [0]


@contextmanager
def budget(phrases: int = DATEPARSER_PHRASES) -> Iterator[None]:
    """Bound the dateparser work of the code run inside (one letter's import)."""
    _left.append(phrases)
    _skipped[0] = 0
    try:
        yield
    finally:
        _left.pop()


def skipped() -> int:
    """Date-like phrases left unread by the last budget."""
    return _skipped[0]


def _with_dateparser(kind: str, text: str, base: date | None, read: Callable[[str, Any], Any]) -> Any:
    key = (kind, text, base)
    if key in _read:
        return _read[key]
    if _left:
        if _left[-1] <= 0:
            _skipped[0] += 1
            return None
        _left[-1] -= 1
    if len(_read) >= _CACHE_SIZE:
        _read.clear()
    _read[key] = found = read(text, base)
    return found


def dates_in(text: str, base: date) -> list[tuple[int, int, date]]:
    """Every date written in `text`, as (start, end, date)."""
    out = []
    for match in ANY_DATE.finditer(text):
        when = parse(match.group(0), base)
        if when is not None:
            out.append((match.start(), match.end(), when))
    return out
