"""Validation against the JSON Schemas in `schema/`, with messages for people.

The schemas are the single definition of the file formats: editors use them for
completion (see docs/reference/fields.md) and `docket check` uses them here.
jsonschema's own messages are written for programmers; we translate the common
ones and add how to fix each.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .yamlsource import LocatedYaml, dotted

SCHEMAS = ("letter", "case", "people")


@cache
def schema(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath("schema", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=FormatChecker())


def schema_errors(name: str, located: LocatedYaml) -> Iterator[tuple[int, str, str, str]]:
    """Yield (line, field, message, hint) for each way the data breaks the schema."""
    errors = sorted(_validator(name).iter_errors(located.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        yield from _explain(error, located)


def _explain(error: ValidationError, located: LocatedYaml) -> Iterator[tuple[int, str, str, str]]:
    path = tuple(error.absolute_path)
    line = located.line_of(path)
    field = dotted(path)
    keyword = error.validator
    sub = error.schema if isinstance(error.schema, dict) else {}
    example = _example(sub)

    if keyword == "required":
        missing = [name for name in error.validator_value if name not in (error.instance or {})]
        for name in missing:
            prop = _resolve(sub.get("properties", {}).get(name, {}))
            yield (
                line,
                dotted((*path, name)),
                "required field is missing",
                f"add `{name}: {_example(prop) or '...'}`" + (" to this item" if path else " to the front matter"),
            )
        return
    if keyword == "additionalProperties":
        known = sorted(sub.get("properties", {}))
        extras = [k for k in error.instance if k not in sub.get("properties", {})]
        for extra in extras:
            hint = f"check the spelling; the fields allowed here are: {', '.join(known)}"
            if " " not in str(extra) and located.text_line(located.line_of((*path, extra))).count("{"):
                # YAML reads `{person: Seymour Preston, Jr., via: e-mail}` as a field "Jr.".
                hint = 'inside { } a comma starts a new field: put text that contains a comma in quotes, e.g. {person: "Seymour Preston, Jr."}'
            yield (located.line_of((*path, extra)), dotted((*path, extra)), "unknown field", hint)
        return
    if (
        (keyword == "format"
        and error.validator_value == "date")
        or (
            keyword == "pattern" and "[0-9]{4}-" in str(error.validator_value) and "/" not in str(error.validator_value)
        )
    ):
        yield (
            line,
            field,
            f"'{error.instance}' is not a real date",
            "write the date as YYYY-MM-DD, e.g. 2009-06-22, and check the day exists in that month",
        )
        return
    if keyword == "type":
        wanted = error.validator_value
        got = _type_name(error.instance)
        yield (
            line,
            field,
            f"must be {_article(wanted)}, not {got}",
            f"e.g. `{path[-1] if path else field}: {example}`" if example else _type_hint(wanted),
        )
        return
    if keyword == "oneOf":
        yield line, field, "must be a person key or a list of person keys", f"e.g. `{field}: martin-glenn`"
        return
    if keyword == "anyOf":
        yield (
            line,
            field,
            "needs either `date:` or `id:` to say which letter is meant",
            "add `date: YYYY-MM-DD` (the referenced letter's date)",
        )
        return
    if keyword == "minItems":
        yield line, field, "must not be empty", "list at least one item, or remove the field"
        return
    if keyword == "minLength":
        yield line, field, "must not be empty", "fill it in, or remove the field if it is optional"
        return
    if keyword == "pattern":
        yield line, field, f"'{error.instance}' is not in the expected form", _pattern_hint(field, sub)
        return
    if keyword == "propertyNames":
        yield (
            line,
            field,
            f"'{error.instance}' is not a valid key",
            "use lower-case words joined by hyphens, e.g. adam-strochak",
        )
        return
    yield (
        line,
        field,
        error.message,
        f"see the field reference in docs/reference/fields.md{f'; e.g. {example}' if example else ''}",
    )


def _resolve(prop: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref", "")
    for name in SCHEMAS:
        defs = schema(name).get("$defs", {})
        if ref.startswith("#/$defs/") and ref[8:] in defs:
            return {**defs[ref[8:]], **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop


def _example(prop: dict[str, Any]) -> str:
    prop = _resolve(prop)
    examples = prop.get("examples")
    if examples:
        value = examples[0]
        return json.dumps(value) if not isinstance(value, str) else value
    if prop.get("format") == "date":
        return "2009-06-22"
    return ""


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if value is None:
        return "empty"
    return type(value).__name__


def _article(wanted: str | list[str]) -> str:
    names = {
        "string": "text",
        "integer": "a whole number",
        "array": "a list",
        "object": "a set of fields",
        "boolean": "true or false",
    }
    if isinstance(wanted, list):
        return " or ".join(names.get(w, w) for w in wanted)
    return names.get(wanted, wanted)


def _type_hint(wanted: str | list[str]) -> str:
    if wanted == "array":
        return "write it as a list: one '- item' per line"
    if wanted == "object":
        return "write it as indented 'name: value' lines"
    if wanted == "string":
        return "put the value in quotes"
    return "see docs/reference/fields.md"


def _pattern_hint(field: str, sub: dict[str, Any]) -> str:
    if field.endswith("sha256"):
        return "use the 64 lower-case hex digits printed by `sha256sum FILE`"
    if field.startswith("tags"):
        return "use lower-case words joined by hyphens, e.g. plan-financing"
    if field.endswith("original.path"):
        return "keep originals in the case's originals/ folder, e.g. originals/2009-06-22-joint-status-letter.pdf"
    if field.endswith(".id"):
        return "write the id as <case>/<file name without .md>, e.g. lexington-precision/2009-06-05-joint-status-letter"
    return f"it must match {sub.get('pattern')}"
