"""Which court a letter's case is in, from courts-db, chosen the same way every run.

courts-db's `find_court` returns its matches in no fixed order ('Southern
District of New York' gives nysd and nysb, either first), so the choice is made
here: the matches are sorted, and a bankruptcy case number picks a bankruptcy
court while any other number picks a court that is not one. Where that still
leaves more than one court, or none, the choice is flagged for review.
"""

from __future__ import annotations

import re
from functools import cache

from ..casenumbers import CaseNumber

DISTRICT = re.compile(
    r"\b(?P<district>(?:(?:Southern|Northern|Eastern|Western|Middle|Central)\s+)?District\s+of\s+(?:New\s+York|New\s+Jersey|Columbia|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))"
)


@cache
def _court_types() -> dict[str, str]:
    from courts_db import courts

    return {court["id"]: court.get("type", "") for court in courts}


def _find(text: str) -> set[str]:
    from courts_db import find_court

    try:
        return set(find_court(text))
    except Exception:  # courts-db's regexes are data; a bad match must not stop an import
        return set()


def choose_court(texts: list[str], number: CaseNumber | None) -> tuple[str, list[str], str]:
    """(court id or '', every candidate, why it needs review or '')."""
    candidates: set[str] = set()
    for text in texts:
        flat = " ".join(text.split())
        if not flat:
            continue
        candidates |= _find(flat)
        for match in DISTRICT.finditer(flat):
            district = match["district"]
            for court in ("United States District Court for the", "United States Bankruptcy Court for the"):
                candidates |= _find(f"{court} {district}")
    ordered = sorted(candidates)
    if not ordered:
        return "", [], "courts-db found no court in the addressee block; give the court's courts-db id"
    types = _court_types()
    if number is not None and number.kind != "state":
        wanted = [c for c in ordered if (types.get(c) == "bankruptcy") == number.is_bankruptcy]
        if len(wanted) == 1:
            return wanted[0], ordered, ""
        if wanted:
            ordered = wanted
    if len(ordered) == 1:
        return ordered[0], ordered, ""
    return (
        ordered[0],
        ordered,
        f"courts-db matched {', '.join(ordered)}; '{ordered[0]}' taken (first in order): check it",
    )
