"""Writing a letter's front matter: fields in the order the letter schema declares them."""

from __future__ import annotations

from functools import cache
from typing import Any

from docket_archive.formats.safeyaml import dump
from docket_archive.formats.schemas import schema


@cache
def field_order() -> tuple[str, ...]:
    return tuple(schema("letter")["properties"])


def front_matter(fields: dict[str, Any]) -> str:
    """The YAML between the '---' lines: known fields in schema order, empty ones left out."""
    ordered = {name: fields[name] for name in field_order() if fields.get(name) not in (None, "", [], {})}
    return dump(ordered)


def letter_file(fields: dict[str, Any], body: str) -> str:
    return f"---\n{front_matter(fields)}---\n\n{body.strip()}\n"
