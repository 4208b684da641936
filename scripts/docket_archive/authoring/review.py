"""Resolving what `docket import` was unsure of: the `review:` mapping of a letter.

A letter's front matter lists under `review:` each field the importer was
unsure of, with why. `docket check` fails while the mapping is not empty;
`docket review FILE` walks a person through it, and these functions do the work:
`entries` lists what is left, `resolve` confirms a field (as it is, or with a
corrected value that is validated against the letter schema first) and removes
it from `review:`.

The file is edited as text, not re-dumped: only the confirmed field's lines and
its `review:` line change, so comments, order and the letter's text are kept
byte for byte. Before writing, the edited front matter is parsed again and must
equal the intended data; otherwise nothing is written.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from docket_archive.formats.safeyaml import dump

KEEP = object()  # resolve(...) without a value: the field is confirmed as it is
TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:")
# Review entries that are not front-matter fields: confirmed as they are (or fixed in the file they name).
NOT_FIELDS = {"body", "people", "court"}


class _Loader(yaml.SafeLoader):
    """Dates stay text ('2009-06-22'), as the letter schema and the loader read them."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> Any:
    """YAML as the archive reads it: a typed value, or a whole front matter."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506  _Loader is a SafeLoader


class ReviewError(ValueError):
    """A review step that cannot be done; nothing was written."""


@dataclass(frozen=True)
class Entry:
    field: str
    reason: str
    value: Any  # the field's current value (None where the field is absent)


@dataclass
class LetterFile:
    path: Path
    front: str  # the YAML between the '---' lines
    rest: str  # everything after the closing '---' line, kept byte for byte
    data: dict[str, Any]

    @classmethod
    def read(cls, path: Path) -> LetterFile:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ReviewError(f"{path}: cannot be read ({error})") from error
        match = re.match(r"---[ \t]*\n(?P<front>.*?\n)---[ \t]*(?:\n|$)", text, re.S)
        if not match:
            raise ReviewError(f"{path}:1: no front matter: the file must start with '---' and a YAML block")
        try:
            data = load(match["front"]) or {}
        except yaml.YAMLError as error:
            raise ReviewError(f"{path}: the front matter is not valid YAML ({error}); fix it, then review") from error
        if not isinstance(data, dict):
            raise ReviewError(f"{path}: the front matter is not a mapping")
        return cls(path, match["front"], text[match.end() :], data)

    @property
    def review(self) -> dict[str, str]:
        review = self.data.get("review") or {}
        return {str(k): str(v) for k, v in review.items()} if isinstance(review, dict) else {}


def entries(path: Path) -> list[Entry]:
    """What is left to review in the letter at `path`."""
    letter = LetterFile.read(path)
    return [Entry(name, why, letter.data.get(name)) for name, why in letter.review.items()]


@cache
def _validator():
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(resources.files("docket_archive").joinpath("schema/letter.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def field_errors(data: dict[str, Any], name: str) -> list[str]:
    """Schema errors in field `name` of the front matter `data`."""
    errors = []
    for error in _validator().iter_errors(data):
        path = list(error.absolute_path)
        if (path and path[0] == name) or (not path and f"'{name}'" in error.message):
            where = "/".join(str(p) for p in path) or name
            errors.append(f"{where}: {error.message}")
    return errors


def resolve(path: Path, name: str, value: Any = KEEP) -> None:
    """Confirm field `name` of the letter at `path`, as it is or as `value`; remove it from `review:`."""
    letter = LetterFile.read(path)
    if name not in letter.review:
        raise ReviewError(f"{path}: '{name}' is not under review (left: {', '.join(letter.review) or 'nothing'})")
    data = copy.deepcopy(letter.data)
    front = letter.front
    if name == "court" and value is KEEP:
        _check_court(_case_court(path))  # accepting means the case's court is right: it must be a court
    if value is not KEEP:
        if name == "court":
            _check_court(value)
        elif name in NOT_FIELDS:
            raise ReviewError(f"'{name}' is confirmed as it is; to change it, edit the file the reason names")
        else:
            data[name] = value
            errors = field_errors(data, name)
            if errors:
                raise ReviewError(f"{path}: " + "; ".join(errors) + ". Nothing was written.")
            front = _replace_block(front, name, dump({name: value}))
    review = {k: v for k, v in letter.review.items() if k != name}
    if review:
        data["review"] = review
        front = _replace_block(front, "review", dump({"review": review}))
    else:
        data.pop("review", None)
        front = _replace_block(front, "review", "")
    if load(front) != data:
        raise ReviewError(
            f"{path}: the front matter could not be edited safely; edit '{name}' by hand. Nothing was written."
        )
    if name == "court" and value is not KEEP:
        _set_court(path, value)
    _write(path, f"---\n{front}---\n{letter.rest}")


def _blocks(front: str) -> list[tuple[str, int, int]]:
    """(key, first line, end line) of each top-level key; comment lines just above a key belong to it."""
    lines = front.splitlines(keepends=True)
    starts = [(m["key"], i) for i, line in enumerate(lines) if (m := TOP_KEY.match(line))]
    blocks = []
    for index, (key, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(lines)
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1  # the next key's comments and blank lines are not this key's
        blocks.append((key, start, end))
    return blocks


def _replace_block(front: str, key: str, new: str) -> str:
    lines = front.splitlines(keepends=True)
    for name, start, end in _blocks(front):
        if name == key:
            return "".join(lines[:start]) + new + "".join(lines[end:])
    review = next((start for name, start, _ in _blocks(front) if name == "review"), len(lines))
    return "".join(lines[:review]) + new + "".join(lines[review:])  # a new field goes above review:


def _check_court(court_id: Any) -> None:
    from docket_archive.law import courts

    if not isinstance(court_id, str) or courts.court(court_id) is None:
        near = ", ".join(courts.similar_ids(str(court_id))) or "none"
        raise ReviewError(
            f"'{court_id}' is not a courts-db court id (close: {near}); type the court's id, e.g. nysd. Nothing was written."
        )


def _case_court(path: Path) -> str:
    case_file = path.parent / "case.yml"
    found = re.search(r"^court:\s*(\S+)", case_file.read_text("utf-8"), re.M) if case_file.is_file() else None
    return found.group(1) if found else ""


def _set_court(path: Path, court_id: str) -> None:
    """A corrected court goes to the case.yml of the letter's folder."""
    case_file = path.parent / "case.yml"
    if not case_file.is_file():  # checked again here: the letter is written only after the case
        raise ReviewError(f"{case_file} not found: the court is set in the case's case.yml. Nothing was written.")
    text = case_file.read_text("utf-8")
    new, count = re.subn(r"^court:.*$", f"court: {court_id}", text, count=1, flags=re.M)
    if count == 0:
        new = text.rstrip("\n") + f"\ncourt: {court_id}\n"
    _write(case_file, new)


def _write(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so a failure never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
