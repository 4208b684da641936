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

import json
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docket_archive.domain.model import Letter
from docket_archive.runtime.safewrite import make_folders, replace_text

VERSION = 1  # raise when what an entry holds changes: older indexes are then rebuilt
FOLDER = Path(".cache") / "docket"
NAME = "letters-index.json"
MAX_BYTES = 512 * 1024 * 1024  # far beyond a million letters' entries: anything larger is not ours
_RACY_NS = 2_000_000_000  # a file written this close before the index may change within one time stamp

Stamp = tuple[int, int]  # (modification time in ns, size)


Raw = dict[str, Any]  # what the index keeps of a letter: id, source, date, cases, type, sequence


@dataclass(frozen=True)
class Entry:
    stamp: Stamp
    letter: Raw | None  # None: the file is in no index (it fails its own check)


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

    entries: tuple[Raw, ...]

    @property
    def count(self) -> int:
        return len(self.entries)

    def letters(self) -> list[Letter]:
        return [_letter(raw) for raw in self.entries]

    def named(self, ids: set[str], days: set[tuple[str, str]], series: set[tuple[str, str, int]]) -> list[Letter]:
        """The letters with one of these ids, on one of these (case, ISO date) days in any of
        their cases, or in one of these (first case, type in lower case, number) series."""
        return [
            _letter(raw)
            for raw in self.entries
            if raw["id"] in ids
            or any((case, raw["date"]) in days for case in raw["cases"])
            or (raw["cases"][0], raw["type"].lower(), raw["sequence"]) in series
        ]


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
    brought up to date."""
    run = run if run is not None else IndexRun()
    held, run.rebuilt = _load(Path(os.path.abspath(root)))
    started = time.time_ns()
    prefix = len(str(root)) + 1
    keys = [path[prefix:].replace(os.sep, "/") for path in paths]
    stamps = [_stamp(path) for path in paths]
    stale = [
        i
        for i, (key, stamp) in enumerate(zip(keys, stamps, strict=True))
        if stamp is None or (entry := held.get(key)) is None or entry.stamp != stamp
    ]
    fresh = read([paths[i] for i in stale]) if stale else []
    found: dict[int, Raw | None] = {i: _raw(letter) for i, letter in zip(stale, fresh, strict=True)}
    run.read, run.kept = len(stale), len(paths) - len(stale)
    updated: dict[str, Entry] = {}
    results: list[Raw] = []
    for i, (key, stamp) in enumerate(zip(keys, stamps, strict=True)):
        raw = found[i] if i in found else held[key].letter
        if raw is not None:
            results.append(raw)
        # Racy: written so shortly before this run that a second save could keep the same
        # stamp; left out, so the next run reads it again.
        if stamp is not None and started - stamp[0] > _RACY_NS:
            updated[key] = Entry(stamp, raw)
    if set(updated) != set(held) or any(keys[i] in updated for i in stale):
        run.saved = _save(Path(os.path.abspath(root)), updated)
    return LetterIndex(tuple(results))


def _stamp(path: str) -> Stamp | None:
    try:
        status = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def _load(root: Path) -> tuple[dict[str, Entry], str]:
    """The entries kept for `root`, or none and why not."""
    path = index_path(root)
    try:
        if path.is_symlink() or not path.is_file():
            return {}, "no index yet"
        if path.stat().st_size > MAX_BYTES:
            return {}, "the index was too large to be ours"
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        return {}, f"the index could not be read ({error.__class__.__name__})"
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}, "the index was of another version"
    if data.get("root") != str(root):
        return {}, "the index was of another letters folder"
    entries = data.get("letters")
    if not isinstance(entries, dict):
        return {}, "the index was not one this command writes"
    try:
        return {key: _entry(value) for key, value in entries.items()}, ""
    except (KeyError, TypeError, ValueError):
        return {}, "the index was not one this command writes"


def _entry(value: Any) -> Entry:
    """An entry as read back, every field checked for its type (a letter is made of it only when asked)."""
    stamp = (int(value["mtime_ns"]), int(value["size"]))
    raw = value["letter"]
    if raw is None:
        return Entry(stamp, None)
    if not (
        type(raw) is dict
        and type(raw["id"]) is str
        and type(raw["source"]) is str
        and type(raw["date"]) is str
        and _ISO_DATE.fullmatch(raw["date"])
        and type(raw["cases"]) is list
        and raw["cases"]
        and all(type(case) is str for case in raw["cases"])
        and type(raw["type"]) is str
        and (raw["sequence"] is None or type(raw["sequence"]) is int)
    ):
        raise ValueError("not an entry this module writes")
    return Entry(stamp, raw)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _letter(raw: Raw) -> Letter:
    return Letter(
        id=raw["id"],
        source=raw["source"],
        title="",
        date=date.fromisoformat(raw["date"]),
        cases=tuple(raw["cases"]),
        type=raw["type"],
        authors=(),
        addressees=(),
        summary="",
        body="",
        sequence=raw["sequence"],
    )


def _raw(letter: Letter | None) -> Raw | None:
    if letter is None:
        return None
    return {
        "id": letter.id,
        "source": letter.source,
        "date": letter.date.isoformat(),
        "cases": list(letter.cases),
        "type": letter.type,
        "sequence": letter.sequence,
    }


def _save(root: Path, entries: dict[str, Entry]) -> bool:
    """Writes the index; False (and nothing written) where the cache folder is not ours to write."""
    target = index_path(root)
    data = {
        "version": VERSION,
        "root": str(root),
        "letters": {key: _record(entry) for key, entry in sorted(entries.items())},
    }
    try:
        # Only inside the project's folder, through no link, in one step (runtime.safewrite).
        make_folders(target.parent, within=root.parent)
        replace_text(target, json.dumps(data, ensure_ascii=False, separators=(",", ":")), within=root.parent)
    except OSError:  # a link in the way, a read-only checkout, a full disk: the check goes on without an index
        return False
    return True


def _record(entry: Entry) -> dict[str, Any]:
    mtime_ns, size = entry.stamp
    return {"mtime_ns": mtime_ns, "size": size, "letter": entry.letter}
