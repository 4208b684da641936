"""Dates counted from a letter's own date: "in two weeks", "within 30 days".

Letters set the next report this way ("the parties will submit a further
status report within thirty (30) days"). The same rule serves `docket import`
(reading it from the text), `docket new` (a person typing it) and the site's
form (docs/javascripts/add-letter-lib.js, `relativeDate`, a port of this
function that a test holds to the same answers): counted in calendar days,
weeks, months or years; a month from January 31 is the last day of February,
as dateutil's relativedelta counts. Business days need the court's calendar,
so they are not counted.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORDS: dict[str, int] = {"a": 1, "an": 1} | {word: value for value, word in enumerate(_ONES)} | _TENS
for _word, _value in _TENS.items():
    for _one in range(1, 10):
        NUMBER_WORDS[f"{_word}-{_ONES[_one]}"] = NUMBER_WORDS[f"{_word} {_ONES[_one]}"] = _value + _one

_COUNT = r"(?P<count>\d{1,3}|[a-z]+(?:[- ][a-z]+)?)"
RELATIVE = re.compile(
    rf"^(?:in|within)\s+(?:(?:the\s+next|approximately|about|roughly)\s+)?{_COUNT}\s*(?:\(\s*(?P<digits>\d{{1,3}})\s*\)\s*)?"
    r"(?P<unit>(?:calendar\s+)?(?:day|week|month|year))s?(?:'?s?\s+time)?\s*\.?$",
    re.IGNORECASE,
)


def relative(phrase: str, base: date) -> date | None:
    """The date `phrase` ("in two weeks", "within thirty (30) days", "in approximately 60 days") names,
    counted from `base`;
    None when it is not such a phrase."""
    match = RELATIVE.match(" ".join(phrase.split()))
    if match is None:
        return None
    written = match["count"].lower()
    count = int(written) if written.isdigit() else NUMBER_WORDS.get(written)
    if not count or (match["digits"] and int(match["digits"]) != count):
        return None  # no count, or "within thirty (60) days": the letter contradicts itself
    unit = match["unit"].lower().split()[-1]
    step = {
        "day": relativedelta(days=count),
        "week": relativedelta(weeks=count),
        "month": relativedelta(months=count),
        "year": relativedelta(years=count),
    }[unit]
    return base + step
