"""How people's names sort: by surname, as a paralegal looks them up.

The registry's `sort_as` ("Preston, Seymour, Jr.") wins where it is given;
otherwise nameparser splits the name, so "Seymour Preston, Jr." sorts under P,
not under "Jr.", and titles such as "Hon." are ignored. The name shown is never
changed: this module only orders.
"""

from __future__ import annotations

import unicodedata
from typing import Protocol

from nameparser import HumanName


class Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def sort_as(self) -> str: ...


def _fold(text: str) -> str:
    """Case and accents do not change the order: "Élise" sorts with "Elise"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def sort_key(person: Named) -> tuple[str, ...]:
    """(surname, given name, middle names, suffix, full name), folded for comparison."""
    if person.sort_as:
        parts = [_fold(part) for part in person.sort_as.split(",")]
        surname, given, suffix = [*parts, "", "", ""][:3]
        return (surname, given, "", suffix, _fold(person.name))
    parsed = HumanName(person.name)
    return (
        _fold(parsed.last or person.name),
        _fold(parsed.first),
        _fold(parsed.middle),
        _fold(parsed.suffix),
        _fold(person.name),
    )
