"""The index of the other letters that `docket check FILE` checks against, kept between runs.

The pre-commit hook checks the letters a commit changes, against what the
checks across letters need of every other letter (id, cases, date, type,
number: `givenfiles`). Reading those from every other letter on each run
grew with the archive (5.4 s at 100,000 letters). They are kept in
`.cache/docket/letters-index.json` beside `letters/` (an ignored folder) and
updated from what changed.

Never trusted over the files: each run lists the letters and compares each
one's size and modification time with the index, as git compares its
index with the working tree; a letter added, removed or changed is read
again, and a letter saved in the same second as the index was written
("racy", as git calls it) is read again the next time too. An index that is
missing, unreadable, of another version or another folder, or not what this
module writes is rebuilt from the letters, and never makes a check fail.

It is written through `runtime.safewrite` (inside the project's folder, never
through a link, in one step): a link there, or a file in the way, is left
alone and the index simply not kept.
"""

from __future__ import annotations

import functools
import json
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from docket_archive.domain.model import Letter, LetterReference
from docket_archive.runtime.safewrite import make_folders, replace_text

VERSION = 3  # raise when what an entry holds changes: older indexes are then rebuilt
FOLDER = Path(".cache") / "docket"
NAME = "letters-index.json"
MAX_BYTES = 512 * 1024 * 1024  # far beyond a million letters' entries: anything larger is not ours
_RACY_NS = 2_000_000_000  # a file written this close before the index may change within one time stamp

Stamp = tuple[int, int]  # (modification time in ns, size)

# What the index keeps of a letter, one column each. The file holds columns, not
# an object per letter: at 100,000 letters an object per letter made 33 MB of
# repeated field names that took longer to parse than the checks it serves.
# A letter's file as people see it (its `source`) is not kept: it is the letters folder's name
# and the key, which the index holds already (a quarter of the file, parsed on every run).
COLUMNS = ("id", "date", "cases", "type", "sequence")
Row = tuple[str, str, tuple[str, ...], str, int | None]  # in the order of COLUMNS


class Entry(NamedTuple):
    stamp: Stamp
    row: Row | None  # None: the file is in no index (it fails its own check)


class Columns(NamedTuple):
    """Letters in columns, in the order of COLUMNS (a file in no index has None in each)."""

    ids: list[str | None]
    dates: list[str | None]
    cases: list[Any]  # each a list (or tuple) of case keys, or None
    types: list[str | None]
    sequences: list[int | None]

    def row(self, place: int) -> Row | None:
        id_ = self.ids[place]
        if id_ is None:
            return None
        return (
            id_,
            self.dates[place],
            tuple(self.cases[place]),
            self.types[place],
            self.sequences[place],
        )  # type: ignore[return-value]  # the other columns hold None only where the id does


NO_COLUMNS = Columns([], [], [], [], [])


@dataclass(frozen=True)
class Kept:
    """The index as read back, in columns (no object a letter: 100,000 of them cost more than
    the comparison they serve). `keys` are in the order the letters were listed when it was
    written, which is the order they are listed in again while no folder changes: then the
    stamps are compared a column at a time, without a lookup per letter."""

    keys: list[str]
    mtimes: list[int]
    sizes: list[int]
    columns: Columns

    @functools.cached_property
    def where(self) -> dict[str, int]:
        """A letter's file, relative to letters/ -> its place in the columns."""
        return dict(zip(self.keys, range(len(self.keys)), strict=True))


NOTHING_KEPT = Kept([], [], [], NO_COLUMNS)


@dataclass
class IndexRun:
    """What one run did with the index, for tests and for the curious."""

    kept: int = 0  # letters taken from the index
    read: int = 0  # letters read again (new, changed, or racy)
    rebuilt: str = ""  # why the whole index was made afresh, if it was
    saved: bool = False


@dataclass(frozen=True)
class LetterIndex:
    """The other letters, as kept: counted, and asked for only those a check needs (the
    letters are made for those alone, so a check costs no more for a larger archive)."""

    columns: Columns
    keys: list[str]  # each letter's file, relative to letters/, in the columns' order
    shown: Callable[[str], str]  # a key -> the file as people see it (a letter's `source`)

    @property
    def count(self) -> int:
        return len(self.columns.ids) - self.columns.ids.count(None)

    def letters(self) -> list[Letter]:
        return [self._letter(place) for place in range(len(self.columns.ids)) if self.columns.ids[place] is not None]

    def named(self, ids: set[str], days: set[tuple[str, str]], series: set[tuple[str, str, int]]) -> list[Letter]:
        """The letters with one of these ids, on one of these (case, ISO date) days in any of
        their cases, or in one of these (first case, type in lower case, number) series."""
        wanted_days = {day for _, day in days}  # a cheap first test, before the cases are compared
        held = self.columns
        places = [
            place
            for place, (id_, day, cases, kind, sequence) in enumerate(
                zip(held.ids, held.dates, held.cases, held.types, held.sequences, strict=True)
            )
            if id_ is not None
            and (
                id_ in ids
                or (day in wanted_days and any((case, day) in days for case in cases))
                or (sequence is not None and (cases[0], str(kind).lower(), sequence) in series)
            )
        ]
        return [self._letter(place) for place in places]

    def _letter(self, place: int) -> Letter:
        id_, day, cases, kind, sequence = self.columns.row(place)  # type: ignore[misc]  # asked only where there is a row
        return reduced_letter(id_, self.shown(self.keys[place]), date.fromisoformat(day), cases, kind, sequence)


def index_path(root: Path) -> Path:
    """Where the index of the archive at `root` (its letters/ folder) is kept."""
    return Path(os.path.abspath(root)).parent / FOLDER / NAME


def letters(
    root: Path,
    paths: Sequence[str],
    read: Callable[[Sequence[str]], list[Letter | None]],
    run: IndexRun | None = None,
) -> LetterIndex:
    """The indexed letters of `paths` (files under `root`, as `os.path.join(root, ...)` names
    them), read with `read` only where the index has no current entry; the index is then
    brought up to date. Their `source` is the file as `ArchiveFiles.shown` gives it."""
    run = run if run is not None else IndexRun()
    folder = root.name

    def shown(key: str) -> str:
        return f"{folder}/{key}" if folder else key

    held, run.rebuilt = _load(Path(os.path.abspath(root)))
    started = time.time_ns()
    prefix = len(str(root)) + 1
    keys = [path[prefix:] for path in paths]
    if os.sep != "/":  # pragma: no cover - Windows
        keys = [key.replace(os.sep, "/") for key in keys]
    stamps = [_stamp(path) for path in paths]
    if keys == held.keys and stamps == list(zip(held.mtimes, held.sizes, strict=True)):
        # Nothing changed, came or went, and the folders list in the same order: as kept
        # (a comparison of whole columns, the common case of the pre-commit hook).
        run.kept = len(keys)
        return LetterIndex(held.columns, keys, shown)
    where = held.where
    stale = [
        i
        for i, (key, stamp) in enumerate(zip(keys, stamps, strict=True))
        if stamp is None or (place := where.get(key)) is None or (held.mtimes[place], held.sizes[place]) != stamp
    ]
    fresh = read([paths[i] for i in stale]) if stale else []
    found: dict[int, Row | None] = {i: _row(letter) for i, letter in zip(stale, fresh, strict=True)}
    run.read, run.kept = len(stale), len(paths) - len(stale)
    updated: dict[str, Entry] = {}
    results: list[Row | None] = []
    for i, (key, stamp) in enumerate(zip(keys, stamps, strict=True)):
        row = found[i] if i in found else held.columns.row(where[key])
        results.append(row)
        # Racy: written so shortly before this run that a second save could keep the same
        # stamp; left out, so the next run reads it again.
        if stamp is not None and started - stamp[0] > _RACY_NS:
            updated[key] = Entry(stamp, row)
    if list(updated) != held.keys or any(keys[i] in updated for i in stale):
        run.saved = _save(Path(os.path.abspath(root)), updated)
    return LetterIndex(_columns(results), keys, shown)


def _columns(rows: Sequence[Row | None]) -> Columns:
    columns: list[list[Any]] = [[None if row is None else row[i] for row in rows] for i in range(len(COLUMNS))]
    return Columns(*columns)


def _stamp(path: str) -> Stamp | None:
    try:
        status = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def _load(root: Path) -> tuple[Kept, str]:
    """The entries kept for `root`, or none and why not."""
    path = index_path(root)
    try:
        if path.is_symlink() or not path.is_file():
            return NOTHING_KEPT, "no index yet"
        if path.stat().st_size > MAX_BYTES:
            return NOTHING_KEPT, "the index was too large to be ours"
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError) as error:  # (brackets nested thousands deep)
        return NOTHING_KEPT, f"the index could not be read ({error.__class__.__name__})"
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return NOTHING_KEPT, "the index was of another version"
    if data.get("root") != str(root):
        return NOTHING_KEPT, "the index was of another letters folder"
    try:
        return _entries(data), ""
    except (KeyError, TypeError, ValueError, RecursionError):
        return NOTHING_KEPT, "the index was not one this command writes"


def _entries(data: dict[str, Any]) -> Kept:
    """The entries of an index as read back, every column checked for its length and types (a
    letter is made of a row only when asked). Raises ValueError for anything else.

    Checked a column at a time: a loop over 100,000 rows in Python cost more than the parse."""
    keys, mtimes, sizes = data["keys"], data["mtime_ns"], data["size"]
    columns = [data["letters"][name] for name in COLUMNS]
    if not all(type(column) is list and len(column) == len(keys) for column in [keys, mtimes, sizes, *columns]):
        raise ValueError("columns of different lengths")
    ids, dates, cases, types, sequences = columns
    absent = [id_ is None for id_ in ids]  # no row for a file that fails its own check
    text, number, nothing = {str}, {int}, {type(None)}

    def kinds(column: list[Any]) -> set[type]:
        return {type(value) for value in column}

    if not (
        kinds(keys) <= text
        and kinds(mtimes) | kinds(sizes) <= number
        and kinds(ids) <= text | nothing
        and all(kinds(column) <= text | nothing for column in (types, dates))
        and all([value is None for value in column] == absent for column in (types, dates, cases))
        and kinds(sequences) <= number | nothing
        and kinds(cases) <= {list} | nothing
        and [] not in cases
        and {type(case) for held in cases if held is not None for case in held} <= text
    ):
        raise ValueError("not an index this module writes")
    days = set(dates) - {None}  # few distinct ones: each checked for its form, then as a day of the calendar
    if not all(ISO_DATE.fullmatch(day) for day in days):
        raise ValueError("not an index this module writes")
    for day in days:
        date.fromisoformat(day)  # "2020-13-45": a ValueError
    return Kept(keys, mtimes, sizes, Columns(ids, dates, cases, types, sequences))


# ASCII digits only, and this form only: fromisoformat also reads 20200101 and 2020-W01-1, which
# would not compare equal, as text, to the days `named` is asked for.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def reduced_letter(
    letter_id: str,
    source: str,
    day: date,
    cases: tuple[str, ...],
    kind: str,
    sequence: int | None,
    tags: tuple[str, ...] = (),
    references: tuple[LetterReference, ...] = (),
) -> Letter:
    """A letter as the checks across letters see it, its text and people left out: what this
    index, and a whole check's cache (`checkcache`), keep of the other letters."""
    return Letter(
        id=letter_id,
        source=source,
        title="",
        date=day,
        cases=cases,
        type=kind,
        authors=(),
        addressees=(),
        summary="",
        body="",
        sequence=sequence,
        tags=tags,
        letter_references=references,
    )


def _row(letter: Letter | None) -> Row | None:
    if letter is None:
        return None
    return (letter.id, letter.date.isoformat(), tuple(letter.cases), letter.type, letter.sequence)


def _save(root: Path, entries: dict[str, Entry]) -> bool:
    """Writes the index; False (and nothing written) where the cache folder is not ours to write."""
    target = index_path(root)
    # In the order the letters were listed: the next run lists them so again, and compares
    # its stamps with these a column at a time.
    rows = [entry.row for entry in entries.values()]
    data = {
        "version": VERSION,
        "root": str(root),
        "keys": list(entries),
        "mtime_ns": [entry.stamp[0] for entry in entries.values()],
        "size": [entry.stamp[1] for entry in entries.values()],
        "letters": dict(zip(COLUMNS, _columns(rows), strict=True)),  # (cases, a tuple, as a JSON list)
    }
    try:
        # Only inside the project's folder, through no link, in one step (runtime.safewrite).
        make_folders(target.parent, within=root.parent)
        # ASCII, with escapes: a file name that is not UTF-8 (a surrogate) survives the round trip.
        replace_text(target, json.dumps(data, separators=(",", ":")), within=root.parent)
    except (OSError, ValueError):  # a link in the way, a read-only checkout, a full disk: no index, the same answer
        return False
    return True
