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

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docket_archive.formats.letterfile import DELETE, EditError, FrontMatterError, edit, read_front, split
from docket_archive.formats.safeyaml import LocatedYaml, dump, load_located
from docket_archive.formats.schemas import schema_errors
from docket_archive.law import courts
from docket_archive.load.archivefiles import CASE_FILE
from docket_archive.runtime.safewrite import UnsafeWrite, replace_text
from docket_archive.runtime.terminal import Refusal

KEEP = object()  # resolve(...) without a value: the field is confirmed as it is
# Review entries that are not front-matter fields: confirmed as they are (or fixed in the file they name).
NOT_FIELDS = {"body", "people", "court"}


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
        raise ReviewError("; ".join(f"{problem.message} ({problem.hint})" for problem in errors))
    return located.data


def _front(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its front matter, read as `docket check` reads them."""
    try:
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
            raise ReviewError(f"{path}: " + "; ".join(errors) + ". Nothing was written.")
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


def shown_value(value: Any) -> str:
    if value is None:
        return "(see why)"
    if isinstance(value, (dict, list)):
        return "\n" + "".join(f"    {line}\n" for line in dump(value).splitlines()).rstrip()
    return str(value)


def review_letter(
    letter: Path, list_only: bool, ask: Callable[[str, list[str], str], str], say: Callable[[str], None]
) -> None:
    """Walk a person through the letter's `review:` entries: accept, edit or skip each.

    `ask(prompt, choices, default)` asks and returns the answer (a choice, or
    typed text where `choices` is empty); `say` prints a line."""
    todo = entries(letter)
    if not todo:
        say(f"{letter}: nothing to review.")
        return
    for entry in todo:
        say(f"\n{entry.field}: {shown_value(entry.value)}\n  why: {entry.reason}")
        if not list_only:
            _review_entry(letter, entry, ask, say)
    left = entries(letter)
    say(f"\n{len(left)} field(s) left to review in {letter}." if left else f"\n{letter}: review complete.")


def _review_entry(
    letter: Path, entry: Entry, ask: Callable[[str, list[str], str], str], say: Callable[[str], None]
) -> None:
    while True:
        choice = ask("  [a]ccept, [e]dit, [s]kip", ["a", "e", "s"], "s")
        if choice == "s":
            return
        try:
            if choice == "e":
                resolve(letter, entry.field, load(ask("  new value (YAML)", [], "")))
            else:
                resolve(letter, entry.field)
        except ReviewError as error:
            say(f"  {error}")
            continue
        say(f"  {entry.field}: confirmed")
        return
