"""Naming a place in the front matter in people's words.

`authors.0.person` is how a program names it; "the first author's person" is
how a paralegal does. Every message names fields this way.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

# The name of one item of each list field.
_ITEM = {
    "authors": "author",
    "addressee": "addressee",
    "cc": "cc recipient",
    "tags": "topic",
    "on_behalf_of": "party",
    "letters": "letter reference",
    "docket": "docket reference",
    "docket_entries": "docket entry",
    "aliases": "alias",
    "case": "case",
    "relief_requested": "request",
    "enclosures": "enclosure",
    "hearings": "hearing",
    "deadlines": "deadline",
    "other_numbers": "other number",
}
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def ordinal(index: int) -> str:
    """0 -> "first"; past the tenth, "11th"."""
    if index < len(_ORDINALS):
        return _ORDINALS[index]
    number = index + 1
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def describe(path: Sequence[str | int]) -> str:
    """("authors", 0, "person") -> "the first author's person"; ("date",) -> "date"."""
    if not path:
        return "front matter"
    words: list[str] = []
    parent = ""
    for part in path:
        if isinstance(part, int):
            item = _ITEM.get(parent, parent.rstrip("s") or "item")
            if words and words[-1] == parent:
                words.pop()
            words.append(f"the {ordinal(part)} {item}")
        else:
            words.append(str(part))
            parent = str(part)
    text = words[0]
    for before, word in itertools.pairwise(words):
        text += f"'s {word}" if before.startswith("the ") else f", {word}"
    return text
