"""Writing a letter's front matter: fields in the order the letter schema declares them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def field_order() -> tuple[str, ...]:
    schema = json.loads(resources.files("docket_archive").joinpath("schema/letter.schema.json").read_text("utf-8"))
    return tuple(schema["properties"])


class _Dumper(yaml.SafeDumper):
    """Dates stay bare text (2009-06-22); long lines are not folded."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def front_matter(fields: dict[str, Any]) -> str:
    """The YAML between the '---' lines: known fields in schema order, empty ones left out."""
    ordered = {name: fields[name] for name in field_order() if fields.get(name) not in (None, "", [], {})}
    return dump(ordered)


def letter_file(fields: dict[str, Any], body: str) -> str:
    return f"---\n{front_matter(fields)}---\n\n{body.strip()}\n"
