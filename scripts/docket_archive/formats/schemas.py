"""Validation against the JSON Schemas in `schema/`, with messages for people.

The schemas are the single definition of the file formats: editors use them for
completion (see docs/reference/fields.md) and `docket check` uses them here.
jsonschema's own messages are written for programmers; we translate the common
ones and add how to fix each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:  # jsonschema is imported when a file has errors: a third of a quick check's start-up
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from docket_archive.domain.problems import Problem

from .fieldnames import describe
from .safeyaml import LocatedYaml

SCHEMAS = ("letter", "case", "people")


def schema_file(name: str) -> bytes:
    """The schema file as it is published (the export schema is a file of the site)."""
    return resources.files("docket_archive").joinpath("schema", f"{name}.schema.json").read_bytes()


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema as written: a reference to another schema file stays a reference (the field reference links it)."""
    return json.loads(schema_file(name))


def field_help(name: str) -> str:
    """The letter schema's description of a field: the help of its option and prompt."""
    return str(schema("letter")["properties"][name].get("description", ""))


@cache
def bundled(name: str) -> dict[str, Any]:
    """The schema with every reference to another schema file replaced by what it points to.

    The letter schema refers to the people and case schemas for a letter's
    `new_people` and `new_case` (a person or a case described as its registry
    would), so each is declared once. Validators, here and in the browser's
    form, get this self-contained copy."""
    return _inline(schema(name))


def _inline(node: Any) -> Any:
    if isinstance(node, list):
        return [_inline(item) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    if isinstance(ref, str) and ref and not ref.startswith("#"):
        file, _, pointer = ref.partition("#")
        target: Any = schema(file.removesuffix(".schema.json"))
        for part in [p for p in pointer.split("/") if p]:
            target = target[part]
        # A whole file keeps its own rules, not its identity: no $id or $schema inside another schema.
        own = {k: v for k, v in target.items() if k not in ("$schema", "$id", "title")}
        return _inline({**own, **{k: v for k, v in node.items() if k != "$ref"}})
    return {key: _inline(value) for key, value in node.items()}


@cache
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(bundled(name), format_checker=FormatChecker())


@cache
def _fast_validator(name: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(bundled(name), validate_formats=True)


def _surely_valid(name: str, data: object) -> bool:
    """True when the Rust validator accepts the data: about 200 times faster than
    jsonschema, which then only runs (for its explainable errors) on the rare
    file that has some. Data it cannot take (a number as a field name) goes the
    slow way."""
    try:
        return bool(_fast_validator(name).is_valid(data))
    except (ValueError, TypeError, OverflowError):
        return False


def schema_errors(name: str, located: LocatedYaml, shown: str) -> list[Problem]:
    """A Problem for each way the data breaks the schema, in words for people."""
    if _surely_valid(name, located.data):
        return []
    errors = sorted(_validator(name).iter_errors(located.data), key=lambda e: list(map(str, e.absolute_path)))
    return [
        Problem(shown, line, field, message, hint)
        for error in errors
        for line, field, message, hint in _explain(error, located)
    ]


Explained = Iterator[tuple[int, str, str, str]]  # (line, field, message, hint)


def _explain(error: ValidationError, located: LocatedYaml) -> Explained:
    path = tuple(error.absolute_path)
    if "propertyNames" in error.schema_path:
        # A key such as "Jane Doe" in people.yml (or under a letter's new_people): reported at its own line.
        yield (
            located.line_of((*path, error.instance)),
            describe((*path, str(error.instance))),
            f"'{error.instance}' is not a valid key",
            "use lower-case words joined by hyphens, e.g. jane-doe; put the name itself under `name:`",
        )
        return
    explain = _EXPLAINERS.get(str(error.validator), _explain_other)
    if _is_date_error(error):
        explain = _explain_date
    yield from explain(error, path, located)


# The years a date may have: the date pattern of the schemas, `^(19|20|21)[0-9]{2}-...`, says the same.
# Every date must be published faithfully: in a calendar an event of December 31, 9999 would end in a
# year Python cannot write, and a year of 0001 is a typing mistake.
YEARS = range(1900, 2200)
DATE_PATTERN = "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$"


def _is_date_error(error: ValidationError) -> bool:
    wanted = str(error.validator_value)
    return (error.validator == "format" and wanted == "date") or (
        error.validator == "pattern" and wanted == DATE_PATTERN
    )


def _explain_required(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
    sub = error.schema if isinstance(error.schema, dict) else {}
    for name in [name for name in error.validator_value if name not in (error.instance or {})]:
        example = _example(_resolve(sub.get("properties", {}).get(name, {}))) or "..."
        where = " to this item" if path else " to the front matter"
        yield (
            located.line_of(path),
            describe((*path, name)),
            "required field is missing",
            f"add `{name}: {example}`{where}",
        )


def _explain_unknown(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
    sub = error.schema if isinstance(error.schema, dict) else {}
    known = sorted(sub.get("properties", {}))
    for extra in [k for k in error.instance if k not in known]:
        line = located.line_of((*path, extra))
        yield line, describe((*path, extra)), "unknown field", _unknown_hint(str(extra), known, located.text_line(line))


def _explain_date(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
    text = str(error.instance)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) and int(text[:4]) not in YEARS:
        yield (
            located.line_of(path),
            describe(path),
            f"'{text}' is outside the years the archive publishes ({YEARS[0]} to {YEARS[-1]})",
            "check the year: a date so far away is a typing mistake, and calendars and feeds cannot carry it",
        )
        return
    yield (
        located.line_of(path),
        describe(path),
        f"'{error.instance}' is not a real date",
        "write the date as YYYY-MM-DD, e.g. 2009-06-22, and check the day exists in that month",
    )


def _explain_type(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
    example = _example(error.schema if isinstance(error.schema, dict) else {})
    wanted = error.validator_value
    hint = f"e.g. `{path[-1]}: {example}`" if example and path else _type_hint(wanted)
    yield located.line_of(path), describe(path), f"must be {_article(wanted)}, not {_type_name(error.instance)}", hint


def _explain_one_of(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
    yield located.line_of(path), describe(path), *_one_of(path)


def _explain_any_of(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
    if len(path) >= 2 and path[-2] == "docket":
        message = "needs `date:` or `number:` to say which docket entry is meant"
        hint = "add `number: 76` for 'Dkt. No. 76', or `date: YYYY-MM-DD`"
    else:
        message = "needs either `date:` or `id:` to say which letter is meant"
        hint = "add `date: YYYY-MM-DD` (the referenced letter's date)"
    yield located.line_of(path), describe(path), message, hint


def _explain_simple(message: str, hint: str) -> Any:
    def explain(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
        yield located.line_of(path), describe(path), message.format(value=error.instance), hint

    return explain


def _explain_enum(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
    allowed = ", ".join(map(str, error.validator_value))
    yield (
        located.line_of(path),
        describe(path),
        f"'{error.instance}' is not one of the allowed values",
        f"use one of: {allowed}",
    )


def _explain_pattern(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
    sub = error.schema if isinstance(error.schema, dict) else {}
    field = ".".join(map(str, path))
    yield (
        located.line_of(path),
        describe(path),
        f"'{error.instance}' is not in the expected form",
        _pattern_hint(field, sub),
    )


def _explain_other(error: ValidationError, path: tuple[Any, ...], located: LocatedYaml) -> Explained:
    example = _example(error.schema if isinstance(error.schema, dict) else {})
    hint = "see the field reference on the site (Contributing → Field reference)"
    yield located.line_of(path), describe(path), error.message, f"{hint}; e.g. {example}" if example else hint


_EXPLAINERS = {
    "required": _explain_required,
    "additionalProperties": _explain_unknown,
    "type": _explain_type,
    "oneOf": _explain_one_of,
    "anyOf": _explain_any_of,
    "enum": _explain_enum,
    "pattern": _explain_pattern,
    "minItems": _explain_simple("must not be empty", "list at least one item, or remove the field"),
    "minLength": _explain_simple("must not be empty", "fill it in, or remove the field if it is optional"),
    "minimum": _explain_simple("{value} is too small", "numbers in a series start at 1"),
    "uniqueItems": _explain_simple("lists the same item twice", "remove the repeated item"),
    "propertyNames": _explain_simple(
        "'{value}' is not a valid key", "use lower-case words joined by hyphens, e.g. adam-strochak"
    ),
}


def _unknown_hint(extra: str, known: list[str], written: str) -> str:
    if extra.lower() in known:
        return f"field names are lower case: write `{extra.lower()}:`"
    if " " not in extra and "{" in written:
        # YAML reads `{person: Seymour Preston, Jr., via: e-mail}` as a field "Jr.".
        return 'inside { } a comma starts a new field: put text that contains a comma in quotes, e.g. {person: "Seymour Preston, Jr."}'
    close = [name for name in known if name.replace("_", " ") == extra.lower().replace("_", " ").replace("-", " ")]
    if close:
        return f"write it `{close[0]}:`"
    return f"check the spelling; the fields allowed here are: {', '.join(known)}"


def _one_of(path: tuple[Any, ...]) -> tuple[str, str]:
    name = str(path[0]) if path else ""
    if name == "cc":
        return (
            "needs either `person:` (someone in people.yml) or `name:` (a group such as All Counsel of Record), not both",
            "e.g. `- {person: seymour-preston, via: e-mail}`",
        )
    if name == "case":
        return "must be a case key or a list of case keys", "e.g. `case: lexington-precision`"
    return "must be a person key or a list of person keys", f"e.g. `{name or 'addressee'}: martin-glenn`"


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
