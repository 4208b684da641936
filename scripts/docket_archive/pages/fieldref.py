"""The field reference page, generated from the JSON Schemas.

The schemas are the one definition of the file formats, so the documentation
of every field is produced from them and cannot drift from what `docket check`
enforces.
"""

from __future__ import annotations

import json
from typing import Any

from ..schemas import schema
from . import paths
from .render import Renderer
from .site import Site


def md(text: object) -> str:
    """Schema text (ours, not a letter's) shown literally in a Markdown table cell."""
    return " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|")


def build(site: Site, render: Renderer) -> dict[str, str]:
    return {paths.FIELDS: fields_reference()}


_INTRO = {
    "letter": "The front matter of a letter file, `letters/<case>/<YYYY-MM-DD>-<slug>.md`.",
    "case": "A case's registry file, `letters/<case>/case.yml`.",
    "people": "The people registry, `letters/people.yml`: one entry per person, under a key such as `adam-strochak`.",
}


def fields_reference() -> str:
    out = [
        "---\ntitle: Field reference\n---\n",
        "# Field reference\n",
        "Every field of the archive's files: its type, whether it is required, and an example. "
        "This page is generated from the JSON Schemas in `scripts/docket_archive/schema/`, "
        "which `docket check` enforces and editors can use for completion.\n",
    ]
    for name, heading in (("letter", "Letter"), ("case", "Case (`case.yml`)"), ("people", "Person (`people.yml`)")):
        root = schema(name)
        out.append(f"## {heading}\n\n{_INTRO[name]} Schema: `{name}.schema.json`.\n")
        out.append("| Field | Type | Required | Description | Example |\n|---|---|---|---|---|")
        if name == "people":
            out += _rows(root["additionalProperties"], "", root)
        else:
            out += _rows(root, "", root)
        out.append("")
    return "\n".join(out) + "\n"


def _rows(node: dict[str, Any], prefix: str, root: dict[str, Any]) -> list[str]:
    rows = []
    required = set(node.get("required", []))
    for key, prop in node.get("properties", {}).items():
        prop = _deref(prop, root)
        name = f"{prefix}{key}"
        example = prop.get("examples", [None])[0]
        example_text = (
            f"`{json.dumps(example) if not isinstance(example, str) else example}`" if example is not None else ""
        )
        rows.append(
            f"| `{name}` | {_type(prop, root)} | {'yes' if key in required else 'no'} | {md(prop.get('description', ''))} | {md(example_text) if '|' in example_text else example_text} |"
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


def _type(prop: dict[str, Any], root: dict[str, Any]) -> str:
    if "oneOf" in prop:
        return " or ".join(_type(_deref(p, root), root) for p in prop["oneOf"])
    kind = prop.get("type", "")
    if prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if kind == "array":
        return f"list of {_type(_deref(prop.get('items', {}), root), root)}"
    return {"string": "text", "integer": "whole number", "object": "fields"}.get(kind, kind)
