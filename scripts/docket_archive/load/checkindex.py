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


@dataclass(frozen=True)
class Entry:
    stamp: Stamp
    letter: Letter | None  # None: the file is in no index (it fails its own check)


@dataclass
class IndexRun:
    """What one run did with the index, for tests and for the curious."""

    kept: int = 0  # letters taken from the index
    read: int = 0  # letters read again (new, changed, or racy)
    rebuilt: str = ""  # why the whole index was made afresh, if it was
    saved: bool = False


def index_path(root: Path) -> Path:
    """Where the index of the archive at `root` (its letters/ folder) is kept."""
    return Path(os.path.abspath(root)).parent / FOLDER / NAME


def letters(
    root: Path,
    paths: Sequence[Path],
    read: Callable[[Sequence[Path]], list[Letter | None]],
    run: IndexRun | None = None,
) -> list[Letter | None]:
    """The indexed letter of each of `paths` (letters under `root`), read with `read` only
    where the index has no current entry; the index is then brought up to date."""
    run = run if run is not None else IndexRun()
    root = Path(os.path.abspath(root))
    held, run.rebuilt = _load(root)
    started = time.time_ns()
    stamps = [_stamp(path) for path in paths]
    keys = [_key(root, path) for path in paths]
    stale = [
        i
        for i, (key, stamp) in enumerate(zip(keys, stamps, strict=True))
        if stamp is None or (entry := held.get(key)) is None or entry.stamp != stamp
    ]
    fresh = read([paths[i] for i in stale]) if stale else []
    found: dict[int, Letter | None] = dict(zip(stale, fresh, strict=True))
    run.read, run.kept = len(stale), len(paths) - len(stale)
    updated: dict[str, Entry] = {}
    results: list[Letter | None] = []
    for i, (key, stamp) in enumerate(zip(keys, stamps, strict=True)):
        letter = found[i] if i in found else held[key].letter
        results.append(letter)
        # Racy: written so shortly before this run that a second save could keep the same
        # stamp; left out, so the next run reads it again.
        if stamp is not None and started - stamp[0] > _RACY_NS:
            updated[key] = Entry(stamp, letter)
    if updated != {key: held.get(key) for key in updated} or set(updated) != set(held):
        run.saved = _save(root, updated)
    return results


def _key(root: Path, path: Path) -> str:
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def _stamp(path: Path) -> Stamp | None:
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
    stamp = (int(value["mtime_ns"]), int(value["size"]))
    fields = value.get("letter")
    if fields is None:
        return Entry(stamp, None)
    sequence = fields["sequence"]
    letter = Letter(
        id=_text(fields["id"]),
        source=_text(fields["source"]),
        title="",
        date=date.fromisoformat(_text(fields["date"])),
        cases=tuple(_text(case) for case in fields["cases"]),
        type=_text(fields["type"]),
        authors=(),
        addressees=(),
        summary="",
        body="",
        sequence=None if sequence is None else int(sequence),
    )
    if not letter.cases:
        raise ValueError("a letter without a case")
    return Entry(stamp, letter)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


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
    letter = entry.letter
    if letter is None:
        return {"mtime_ns": mtime_ns, "size": size, "letter": None}
    return {
        "mtime_ns": mtime_ns,
        "size": size,
        "letter": {
            "id": letter.id,
            "source": letter.source,
            "date": letter.date.isoformat(),
            "cases": list(letter.cases),
            "type": letter.type,
            "sequence": letter.sequence,
        },
    }
