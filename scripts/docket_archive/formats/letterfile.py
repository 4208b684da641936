"""The letter file: its one reader and its one writer.

A letter file is a line `---`, the YAML front matter, a line `---`, and the
letter's Markdown text. Every command reads one through `split` and
`read_front` (the YAML through the protected reader, `safeyaml`), and writes
one through `render` (a new file, fields in the schema's order) or `edit` (some
fields of an existing file changed in place, every other byte kept: comments,
order, the letter's text), so a protection added here covers `docket check`,
the build, `docket review`, `docket new` and `docket import` alike.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from docket_archive.domain.problems import Problem

from .safeyaml import LocatedYaml, dump, load_located
from .schemas import schema

FENCE = "---"


# -- reading ---------------------------------------------------------------------


@dataclass(frozen=True)
class LetterText:
    """A letter file cut at its fences."""

    front: str  # the YAML between the '---' lines, each line with its newline
    front_line: int  # file line of the first YAML line (the line after the opening ---)
    body: str  # the letter's text: leading blank lines left out, one newline at the end
    body_line: int  # file line where the text starts
    rest: str  # everything after the closing '---' line, byte for byte (what an edit keeps)


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def split(text: str) -> LetterText:
    """Cut `---\\n<yaml>\\n---\\n<body>`; raise FrontMatterError saying what is missing."""
    first = text.find("\n")
    if text[: len(text) if first == -1 else first].rstrip() != FENCE:
        raise FrontMatterError(
            1,
            "the file does not start with front matter",
            "begin the file with a line '---', the letter's fields, and another line '---' (see `docket new`)",
        )
    # The closing fence: the first line after the first that is '---' but for trailing spaces,
    # so one that starts a line with '---' (found by `find`, not by looking at every line).
    at = text.find("\n" + FENCE)
    while at != -1:
        end = text.find("\n", at + 1)
        if text[at + 1 : len(text) if end == -1 else end].rstrip() == FENCE:
            rest = "" if end == -1 else text[end + 1 :]
            start, skipped = _blank_lines(rest) if end != -1 else (0, 0)
            return LetterText(
                front=text[first + 1 : at + 1],
                front_line=2,
                body=rest[start:].rstrip() + "\n",
                body_line=text.count("\n", 0, at + 1) + 2 + skipped,
                rest=rest,
            )
        at = text.find("\n" + FENCE, at + 1)
    raise FrontMatterError(
        1,
        "the front matter opened on line 1 is never closed",
        "add a line '---' after the last field, before the letter's text",
    )


def _blank_lines(rest: str) -> tuple[int, int]:
    """(where the text starts in `rest`, how many lines before it are blank): a blank line after
    the closing fence is conventional, not content."""
    start = skipped = 0
    while True:
        newline = rest.find("\n", start)
        if rest[start : len(rest) if newline == -1 else newline].strip():
            return start, skipped
        skipped += 1
        if newline == -1:
            return len(rest), skipped
        start = newline + 1


def read_front(letter: LetterText, shown: str) -> LocatedYaml:
    """The front matter through the protected reader, with the line of every value."""
    return load_located(letter.front, shown, letter.front_line)


# -- writing a new file ----------------------------------------------------------

# What to say about an optional field left empty (shown commented out, so a
# contributor sees what else can be filled in). The order of the fields is the
# schema's: one declaration, so the file, the form and `docket new` agree.
_EMPTY_HELP = {
    "id": "permanent id, only if the file may be renamed later",
    "sequence": "number in its series, where the letter states one ('sixth joint status letter' is 6)",
    "cc": "copy recipients, each with how it was sent, e.g. - {person: seymour-preston, via: e-mail}",
    "delivery": "how the letter was sent: FedEx, ECF, hand, e-mail...",
    "tags": "topics, e.g. [mediation, financing]",
    "references": "other letters (by date) and docket entries (by date and title) the letter refers to",
    "next_report_due": "YYYY-MM-DD, where the letter says when the next report is due",
    "docket_entry": "the letter's own docket number, from its filing header, e.g. {number: '20', filed: 2020-01-27}",
    "original": "the original file in originals/, with its sha256",
}
FIELD_ORDER: tuple[tuple[str, str], ...] = tuple(
    (name, _EMPTY_HELP.get(name, "")) for name in schema("letter")["properties"]
)


@dataclass
class LetterDraft:
    fields: dict[str, Any]
    body: str


def render(draft: LetterDraft, show_empty_optional: bool = True) -> str:
    """A new letter file: the fields in the schema's order, then the text.

    With `show_empty_optional`, each optional field left empty is written as a
    comment saying what it holds (`docket new`), so a contributor sees what
    else can be filled in."""
    lines = [FENCE]
    for name, help_text in FIELD_ORDER:
        value = draft.fields.get(name)
        if _is_empty(value):
            if show_empty_optional and help_text and name != "id":
                lines.append(f"# {name}:  # optional: {help_text}")
            continue
        lines += _field(name, value)
    lines.append(FENCE)
    return "\n".join(lines) + "\n\n" + draft.body.strip("\n") + "\n"


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _field(name: str, value: Any) -> list[str]:
    if name == "summary":
        return ["summary: >-"] + [f"  {line}" for line in _wrap(str(value), 76)]
    if isinstance(value, list) and all(isinstance(item, (str, int)) for item in value):
        return [f"{name}: {dump(value, flow=True, width=1000).strip()}"]
    return dump({name: value}, width=1000).rstrip("\n").split("\n")


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "letter"


# -- editing an existing file ----------------------------------------------------

DELETE = object()  # in `edit`'s changes: remove the field
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:")


class EditError(ValueError):
    """The file could not be edited safely; nothing is to be written."""


def edit(text: str, changes: dict[str, Any], shown: str) -> str:
    """The file `text` with the top-level fields in `changes` set (or removed, for DELETE).

    Only those fields' lines change: comments, the order of the others and the
    letter's text are kept byte for byte. A new field goes above `review:`.
    The edited front matter is read back through the protected reader and must
    hold exactly the intended data, or EditError is raised."""
    try:
        letter = split(text)
    except FrontMatterError as error:
        raise EditError(f"{shown}:{error.line}: {error.message}: {error.hint}") from error
    before = read_front(letter, shown)
    _refuse_problems(before.problems)
    intended = copy.deepcopy(before.data) if isinstance(before.data, dict) else {}
    front = letter.front
    for name, value in changes.items():
        if value is DELETE:
            intended.pop(name, None)
            front = _replace_block(front, name, "")
        else:
            intended[name] = value
            front = _replace_block(front, name, dump({name: value}))
    after = load_located(front, shown, letter.front_line)
    if after.problems or (after.data or {}) != intended:
        raise EditError(f"{shown}: the front matter could not be edited safely; edit it by hand")
    return f"{FENCE}\n{front}{FENCE}\n{letter.rest}"


def _refuse_problems(problems: list[Problem]) -> None:
    errors = [problem for problem in problems if problem.is_error]
    if errors:
        raise EditError("\n".join(str(problem) for problem in errors))


def _blocks(front: str) -> list[tuple[str, int, int]]:
    """(key, first line, end line) of each top-level key; comment lines just above a key belong to it."""
    lines = front.splitlines(keepends=True)
    starts = [(m["key"], i) for i, line in enumerate(lines) if (m := _TOP_KEY.match(line))]
    blocks = []
    for index, (key, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(lines)
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1  # the next key's comments and blank lines are not this key's
        blocks.append((key, start, end))
    return blocks


def _replace_block(front: str, key: str, new: str) -> str:
    lines = front.splitlines(keepends=True)
    blocks = _blocks(front)
    for name, start, end in blocks:
        if name == key:
            return "".join(lines[:start]) + new + "".join(lines[end:])
    review = next((start for name, start, _ in blocks if name == "review"), len(lines))
    return "".join(lines[:review]) + new + "".join(lines[review:])
