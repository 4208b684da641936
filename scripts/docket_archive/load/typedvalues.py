"""Reading already-validated YAML values into Python ones.

The JSON Schema has said what is wrong with each value; these helpers only
take what is right and ignore the rest, so a wrong value is reported once.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def one_line(text: str) -> str:
    """Text with every run of whitespace (line breaks, tabs) as one space: a
    field's value is shown on one line, in a title, a table cell, a feed or a
    calendar, none of which can hold a line break."""
    return " ".join(text.split())


def as_str(value: Any) -> str:
    return one_line(value) if isinstance(value, str) else ""


def as_strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return (
        tuple(one_line(item) for item in value if isinstance(item, str) and item.strip())
        if isinstance(value, list)
        else ()
    )


def is_real_date(text: str) -> bool:
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def as_date(value: Any) -> date | None:
    # `is_real_date`, with the date it makes kept rather than made again
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
