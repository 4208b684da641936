"""`docket review`: what `docket import` was unsure of, confirmed or corrected by a person.

A letter's front matter lists under `review:` each field the importer was
unsure of, with why. `docket check` fails while the mapping is not empty;
`docket review FILE` walks a person through it (`review_letter`), and these
functions do the work: `entries` lists what is left, `resolve` confirms a field
(as it is, or with a corrected value validated against the letter schema
first, with the same messages `docket check` prints) and removes it from
`review:`.

The file is read and edited through `formats.letterfile`, the one reader and
writer of a letter file: only the confirmed field's lines and its `review:`
line change; comments, order and the letter's text are kept byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docket_archive.formats.letterfile import DELETE, EditError, FrontMatterError, edit, read_front, split
from docket_archive.formats.safeyaml import MAX_BYTES, LocatedYaml, dump, load_located
from docket_archive.formats.schemas import bundled, schema, schema_errors
from docket_archive.law import courts
from docket_archive.load.archivefiles import CASE_FILE, MAX_FILE_BYTES
from docket_archive.runtime.safewrite import UnsafeWrite, replace_text
from docket_archive.runtime.terminal import Refusal

from .draft import AnswerError, clean, read_date, read_due_date

KEEP = object()  # resolve(...) without a value: the field is confirmed as it is
# Review entries that are not front-matter fields: confirmed as they are (or fixed in the file they name).
NOT_FIELDS = {"body", "people", "court", "new case"}


class ReviewError(Refusal):
    """A review step that cannot be done; nothing was written."""


@dataclass(frozen=True)
class Entry:
    field: str
    reason: str
    value: Any  # the field's current value (None where the field is absent)


def load(text: str) -> Any:
    """A value typed as YAML (`[adjournment]`, `{person: x}`), through the protected reader."""
    located = load_located(text, "your answer")
    errors = [problem for problem in located.problems if problem.is_error]
    if errors:
        raise ReviewError("\n".join(f"{problem.message} — {problem.hint}" for problem in errors))
    return located.data


def _front(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its front matter, read as `docket check` reads them."""
    if path.is_symlink():
        raise ReviewError(f"{path} is a symbolic link: review edits only a letter file itself, never through a link")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ReviewError(
                f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB, which no letter file is (`docket check` says so too)"
            )
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReviewError(f"{path}: cannot be read ({error})") from error
    try:
        located = read_front(split(text), str(path))
    except FrontMatterError as error:
        raise ReviewError(
            f"{path}:{error.line}: no front matter ({error.message}): {error.hint}; then review"
        ) from error
    errors = [problem for problem in located.problems if problem.is_error]
    if errors:
        raise ReviewError("\n".join(map(str, errors)) + "\nFix the front matter, then review.")
    if not isinstance(located.data, dict):
        raise ReviewError(f"{path}: the front matter is not a set of 'field: value' lines")
    return text, located.data


def _review(data: dict[str, Any]) -> dict[str, str]:
    review = data.get("review") or {}
    return {str(k): str(v) for k, v in review.items()} if isinstance(review, dict) else {}


def entries(path: Path) -> list[Entry]:
    """What is left to review in the letter at `path`."""
    _, data = _front(path)
    return [Entry(name, why, data.get(name)) for name, why in _review(data).items()]


def field_errors(data: dict[str, Any], name: str, value: Any, shown: str) -> list[str]:
    """What setting field `name` to `value` would make wrong, in `docket check`'s words."""

    def errors(front: dict[str, Any]) -> list[str]:
        return [f"{p.field}: {p.message} — {p.hint}" for p in schema_errors("letter", LocatedYaml(front), shown)]

    already = set(errors(data))
    return list(dict.fromkeys(error for error in errors({**data, name: value}) if error not in already))


def resolve(path: Path, name: str, value: Any = KEEP) -> None:
    """Confirm field `name` of the letter at `path`, as it is or as `value`; remove it from `review:`."""
    text, data = _front(path)
    review = _review(data)
    if name not in review:
        raise ReviewError(f"{path}: '{name}' is not under review (left: {', '.join(review) or 'nothing'})")
    changes: dict[str, Any] = {}
    if name == "court":
        court_id = _case_court(path) if value is KEEP else value
        _check_court(court_id)  # accepting means the case's court is right: it must be a court
    elif value is not KEEP:
        if name in NOT_FIELDS:
            raise ReviewError(f"'{name}' is confirmed as it is; to change it, edit the file the reason names")
        errors = field_errors(data, name, value, str(path))
        if errors:
            raise ReviewError("\n".join(f"{path}: {error}" for error in errors) + "\nNothing was written.")
        changes[name] = value
    left = {k: v for k, v in review.items() if k != name}
    changes["review"] = left or DELETE
    try:
        edited = edit(text, changes, str(path))
    except EditError as error:
        raise ReviewError(f"{error}: '{name}' could not be confirmed. Nothing was written.") from error
    if name == "court" and value is not KEEP:
        _set_court(path, value)
    _write(path, edited)


def _check_court(court_id: Any) -> None:
    if not isinstance(court_id, str) or courts.court(court_id) is None:
        near = ", ".join(courts.similar_ids(str(court_id))) or "none"
        raise ReviewError(
            f"'{court_id}' is not a courts-db court id (close: {near}); type the court's id, e.g. nysd. Nothing was written."
        )


def _case_court(path: Path) -> str:
    """The court of the letter's case, from its case.yml (read through the protected reader)."""
    case_file = path.parent / CASE_FILE
    if not case_file.is_file():
        return ""
    if case_file.is_symlink() or case_file.stat().st_size > MAX_BYTES:
        return ""  # `docket check` reports it; the court is then typed
    located = load_located(case_file.read_text("utf-8"), str(case_file))
    court = located.data.get("court") if isinstance(located.data, dict) else None
    return court if isinstance(court, str) else ""


def _set_court(path: Path, court_id: str) -> None:
    """A corrected court goes to the case.yml of the letter's folder: only its `court:` line changes."""
    case_file = path.parent / CASE_FILE
    if not case_file.is_file():  # checked again here: the letter is written only after the case
        raise ReviewError(f"{case_file} not found: the court is set in the case's case.yml. Nothing was written.")
    lines = case_file.read_text("utf-8").splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.startswith("court:")), None)
    if at is None:
        lines.append(("" if not lines or lines[-1].endswith("\n") else "\n") + f"court: {court_id}\n")
    else:
        lines[at] = f"court: {court_id}\n"
    _write(case_file, "".join(lines))


def _write(path: Path, text: str) -> None:
    try:
        replace_text(path, text)
    except UnsafeWrite as error:
        raise ReviewError(str(error)) from error


# -- the conversation ------------------------------------------------------------

Ask = Callable[[str, list[str], str], str]
Say = Callable[[str], None]


# What entries that are not a field of the letter are about.
_NOT_A_FIELD = {
    "body": "(the letter's text)",
    "people": "(people new to people.yml)",
    "court": "(the case's court)",
    "new case": "(the case's new case.yml)",
}


def shown_value(value: Any, name: str = "") -> str:
    if name in _NOT_A_FIELD:
        return _NOT_A_FIELD[name]
    if value is None:
        return "(not in the letter yet; see why)"
    if isinstance(value, (dict, list)):
        return "\n" + "".join(f"    {line}\n" for line in dump(value).splitlines()).rstrip()
    return str(value)


def details(letter: Path, entry: Entry) -> list[str]:
    """What a person must see to confirm an entry that names another file: the proposed case.yml,
    or each new person's lines in people.yml, in full."""
    if entry.field in ("case", "new case"):
        case_file = letter.parent / CASE_FILE
        if not case_file.is_file():
            return []
        return [f"  {case_file}:", *(f"    {line}" for line in _lines(case_file))]
    if entry.field == "people":
        people_file = letter.parent.parent / "people.yml"
        located = load_located("\n".join(_lines(people_file)), str(people_file)) if people_file.is_file() else None
        registry = located.data if located is not None and isinstance(located.data, dict) else {}
        named = [key for key in registry if re.search(rf"(?<![\w-]){re.escape(str(key))}(?![\w-])", entry.reason)]
        shown = dump({key: registry[key] for key in named}) if named else ""
        return [f"  in {people_file}:", *(f"    {line}" for line in shown.splitlines())] if named else []
    if entry.field == "court":
        court_id = _case_court(letter)
        found = courts.court(court_id) if court_id else None
        return [
            f"  the case's court: {court_id or '(none)'}" + (f" ({found.name})" if found else " (not a courts-db id)")
        ]
    return []


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def review_letter(letter: Path, list_only: bool, ask: Ask, say: Say) -> None:
    """Walk a person through the letter's `review:` entries: accept, edit or skip each.

    `ask(prompt, choices, default)` asks and returns the answer (a choice, or
    typed text where `choices` is empty); `say` prints a line."""
    todo = entries(letter)
    if not todo:
        say(f"{letter}: nothing to review.")
        return
    for entry in todo:
        say(f"\n{entry.field}: {shown_value(entry.value, entry.field)}\n  why: {entry.reason}")
        for line in details(letter, entry):
            say(line)
        if not list_only:
            _review_entry(letter, entry, ask, say)
    left = entries(letter)
    say(f"\n{_fields(len(left))} left to review in {letter}." if left else f"\n{letter}: review complete.")


def _fields(count: int) -> str:
    return "1 field" if count == 1 else f"{count} fields"


# Entries confirmed as they are: what they name is changed in its own file.
_EDITED_ELSEWHERE = {
    "body": "to change the letter's text, edit it in the file, below the front matter",
    "people": "to change someone, edit their lines in people.yml",
    "new case": "to change the case, edit its case.yml, shown above",
}


def _review_entry(letter: Path, entry: Entry, ask: Ask, say: Say) -> None:
    elsewhere = _EDITED_ELSEWHERE.get(entry.field)
    if elsewhere:
        say(f"  ({elsewhere})")
    choices, prompt = (
        (["a", "s"], "  [a]ccept, [s]kip") if elsewhere else (["a", "e", "s"], "  [a]ccept, [e]dit, [s]kip")
    )
    while True:
        choice = ask(prompt, choices, "s")
        if choice == "s":
            return
        try:
            if choice == "a" and (entry.value is not None or entry.field in NOT_FIELDS):
                resolve(letter, entry.field)
            else:
                if choice == "a":  # nothing to accept: "name the enclosure" asks for it
                    say(f"  {entry.field} is not in the letter yet: type it.")
                value = ask_value(letter, entry.field, ask, say)
                if value is None:
                    say(f"  nothing typed: {entry.field} is unchanged.")
                    continue
                resolve(letter, entry.field, value)
        except ReviewError as error:
            for line in str(error).splitlines():
                say(f"  {line}")
            continue
        say(f"  {entry.field}: confirmed")
        return


def answer_kind(name: str) -> str:
    """How a field's value is typed: 'text', 'date', 'number', 'lines' (one item a line),
    'names' (one or several, a line each), 'court', or 'yaml' (fields of their own)."""
    if name == "court":
        return "court"
    prop = _deref(bundled("letter")["properties"].get(name, {}))
    if "oneOf" in prop:
        return "names"
    if prop.get("format") == "date":
        return "date"
    if prop.get("type") == "integer":
        return "number"
    if prop.get("type") == "string":
        return "text"
    if prop.get("type") == "array" and _deref(prop.get("items", {})).get("type") == "string":
        return "lines"
    return "yaml"


def _deref(prop: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return {**bundled("letter")["$defs"][ref[8:]], **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop


_ITEMS = {
    "enclosures": "enclosure",
    "relief_requested": "request",
    "tags": "topic",
    "case": "case",
    "addressee": "addressee",
}


def ask_value(letter: Path, name: str, ask: Ask, say: Say) -> Any:
    """A field's new value, typed the way a person writes it (None when nothing is typed);
    raises ReviewError, in words, for a value that cannot be one."""
    kind = answer_kind(name)
    if kind in ("lines", "names"):
        return _ask_items(name, kind, ask)
    if kind == "yaml":
        return _ask_yaml(name, ask, say)
    hint = {
        "text": "plain text",
        "number": "a whole number",
        "court": "the court's courts-db id, e.g. nysd",
        "date": "a date: 2009-07-06, July 6, 2009 or 7/6/2009"
        + (", or as the letter says it: in two weeks" if name == "next_report_due" else ""),
    }[kind]
    text = clean(ask(f"  new {name} ({hint})", [], ""))
    return _read_one(letter, name, kind, text) if text else None


def _ask_items(name: str, kind: str, ask: Ask) -> Any:
    """One item a line, until an empty line; a field of names with one item is that name."""
    item = _ITEMS.get(name, "item")
    items: list[str] = []
    while text := clean(ask(f"  {item} {len(items) + 1} (an empty line when done)", [], "")):
        items.append(text)
    if not items:
        return None
    return items[0] if kind == "names" and len(items) == 1 else items


def _ask_yaml(name: str, ask: Ask, say: Say) -> Any:
    say(f"  {name} has fields of its own: type it as in the file (YAML), then an empty line; e.g. {_example(name)}")
    lines = []
    while line := ask("  ", [], ""):
        lines.append(line)
    return load("\n".join(lines)) if lines else None


def _read_one(letter: Path, name: str, kind: str, text: str) -> Any:
    try:
        if kind == "date" and name == "next_report_due":
            return read_due_date(text, _letter_date(letter)).isoformat()
        if kind == "date":
            return read_date(text).isoformat()
    except AnswerError as error:
        raise ReviewError(f"{name}: {error}. Nothing was written.") from error
    if kind == "number":
        if not text.isdigit():
            raise ReviewError(f"{name}: '{text}' is not a whole number. Nothing was written.")
        return int(text)
    return text


def _letter_date(letter: Path) -> date | None:
    try:
        return date.fromisoformat(str(_front(letter)[1].get("date")))
    except ValueError:
        return None


def _example(name: str) -> str:
    examples = schema("letter")["properties"].get(name, {}).get("examples")
    return dump({name: examples[0]}, flow=True, width=1000).strip() if examples else f"{name}: ..."
