"""Dates in letters, read with dateparser: the letter's own date, and dates relative to it.

dateparser reads the forms letters use ('June 22, 2009', '2/28/2022', 'this
Friday, December 4, 2020', 'March 17' in a letter of March 2021) and, with the
letter's date as base, relative ones ('in two weeks'). It tolerates the noise OCR
leaves on a date line ('LULL», "March 27, 2020 pe |').
"""

from __future__ import annotations

import re
from datetime import date, datetime

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
        found = search_dates(line, languages=["en"], settings=_STRICT)
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


def parse(text: str, base: date | None = None) -> date | None:
    """One date: 'June 5, 2009', '7/8/2021', or 'March 17' (the year from `base`, never after it by a year)."""
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
        result = result.replace(year=base.year)  # 'March 17' in a letter of 2021 is March 17, 2021
    return result


def relative(phrase: str, base: date) -> date | None:
    """'in two weeks', 'within 30 days' from the letter's date; None when it is no date."""
    import dateparser

    phrase = re.sub(r"^\s*within\b", "in", phrase.strip(), flags=re.I)
    phrase = re.sub(r"\b(?:approximately|about|roughly|the\s+next)\s+", "", phrase, flags=re.I)
    try:
        when = dateparser.parse(
            phrase,
            languages=["en"],
            settings={"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "future"},
        )
    except (OverflowError, ValueError):
        return None
    return when.date() if when else None


def dates_in(text: str, base: date) -> list[tuple[int, int, date]]:
    """Every date written in `text`, as (start, end, date)."""
    out = []
    for match in ANY_DATE.finditer(text):
        when = parse(match.group(0), base)
        if when is not None:
            out.append((match.start(), match.end(), when))
    return out
