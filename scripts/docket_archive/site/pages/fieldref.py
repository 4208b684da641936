"""The field reference page, generated from the JSON Schemas.

The schemas are the one definition of the file formats, so the documentation
of every field is produced from them and cannot drift from what `docket check`
enforces. The tables are written as HTML (escaped with `html.escape`), not as
Markdown: descriptions hold `<case>` and backticks, which Markdown escaping
would show as literal backslashes.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from docket_archive.formats.schemas import schema

from .. import paths
from ..groupings import Site
from ..page import Page
from ..render import Renderer

_INTRO = {
    "letter": "The front matter of a letter file, <code>letters/&lt;case&gt;/&lt;YYYY-MM-DD&gt;-&lt;slug&gt;.md</code>.",
    "case": "A case's registry file, <code>letters/&lt;case&gt;/case.yml</code>.",
    "people": "The people registry, <code>letters/people.yml</code>: one entry per person, under a key such as <code>adam-strochak</code>.",
    "search": "A standing search, <code>letters/searches/&lt;key&gt;.yml</code>: its Atom feed, <code>feeds/searches/&lt;key&gt;.xml</code>, lists the letters its query matches, newest first. The search page's <em>Keep watching this search</em> proposes one.",
}


def build(site: Site, render: Renderer) -> dict[str, Page]:
    # Written in Markdown (headings with code, one page): the engine renders it.
    return {paths.FIELDS: Page({"title": "Field reference"}, fields_reference(), is_markdown=True)}


_COLUMNS = ("Field", "Type", "Required", "Description", "Example")
_CODE_SPAN = re.compile(r"`([^`]+)`")


def fields_reference() -> str:
    out = [
        "# Field reference\n",
        "Every field of the archive's files: its type, whether it is required, and an example. "
        "This page is generated from the JSON Schemas in `scripts/docket_archive/schema/`, "
        "which `docket check` enforces and editors can use for completion.\n",
    ]
    kinds = (
        ("letter", "Letter"),
        ("case", "Case (`case.yml`)"),
        ("people", "Person (`people.yml`)"),
        ("search", "Standing search (`searches/<key>.yml`)"),
    )
    for name, heading in kinds:
        root = schema(name)
        node = root["additionalProperties"] if name == "people" else root
        out.append(f"## {heading}\n\n<p>{_INTRO[name]} Schema: <code>{name}.schema.json</code>.</p>\n")
        out.append(_table(_rows(node, "", root)))
    return "\n".join(out) + "\n"


def _table(rows: list[tuple[str, ...]]) -> str:
    """An HTML table; each cell carries its column's name for the phone layout."""
    head = "".join(f"<th>{column}</th>" for column in _COLUMNS)
    body = "\n".join(
        "<tr>"
        + "".join(f'<td data-label="{column}">{cell}</td>' for column, cell in zip(_COLUMNS, row, strict=True))
        + "</tr>"
        for row in rows
    )
    return f'<table class="docket-table docket-fields">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n'


def field_name(name: str) -> str:
    """A field's path in <code>, breakable only after its dots ("authors[].<wbr>person")."""
    return '<code class="docket-field">' + ".<wbr>".join(escape(part) for part in name.split(".")) + "</code>"


def description(text: str) -> str:
    """A schema description as HTML: escaped, with `backticks` as <code>."""
    return _CODE_SPAN.sub(r"<code>\1</code>", escape(" ".join(text.split())))


def _example(prop: dict[str, Any]) -> str:
    if not prop.get("examples"):
        return ""
    example = prop["examples"][0]
    return f"<code>{escape(example if isinstance(example, str) else json.dumps(example))}</code>"


def _rows(node: dict[str, Any], prefix: str, root: dict[str, Any]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    required = set(node.get("required", []))
    for key, prop in node.get("properties", {}).items():
        prop = _deref(prop, root)
        name = f"{prefix}{key}"
        needed = "yes" if key in required else "no"
        rows.append(
            (
                field_name(name),
                escape(_type(prop, root)),
                needed,
                description(prop.get("description", "")),
                _example(prop),
            )
        )
        if prop.get("type") == "object":
            rows += _rows(prop, f"{name}.", root)
        items = _deref(prop.get("items", {}), root)
        if items.get("type") == "object":
            rows += _rows(items, f"{name}[].", root)
    return rows


def _deref(prop: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return {**root["$defs"][ref[8:]], **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop


# Another schema file a field is described by: a letter's new_case is a case.yml, its new_people people.yml's entries.
_FILES = {"case.schema.json": "case.yml", "people.schema.json": "people.yml"}


def _type(prop: dict[str, Any], root: dict[str, Any]) -> str:
    elsewhere = _FILES.get(str(prop.get("$ref", "")).partition("#")[0])
    if elsewhere:
        return f"the fields of a {elsewhere} (below)"
    extra = prop.get("additionalProperties")
    each = _FILES.get(str(extra.get("$ref", "")).partition("#")[0]) if isinstance(extra, dict) else None
    if each:
        return f"under each key, the fields of an entry of {each} (below)"
    if "oneOf" in prop:
        return " or ".join(_type(_deref(p, root), root) for p in prop["oneOf"])
    kind = prop.get("type", "")
    if prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if kind == "array":
        return f"list of {_type(_deref(prop.get('items', {}), root), root)}"
    return {"string": "text", "integer": "whole number", "object": "fields"}.get(kind, kind)
