"""`docket check FILE...`: the given letters, checked against the registries and the archive's index.

A pre-commit hook passes the few files a commit changes. Validating every
letter again for them is wasted: the other letters passed when they were
committed. A letter needs only the registries (people.yml and every case.yml,
read and validated in full: they are few and small) and, for the checks across
letters (a repeated id, a repeated sequence number, a reference to another
letter), an index of the other letters: their ids, cases, dates, types and
sequence numbers, read cheaply from the top-level lines of their front matter,
and kept between runs (`checkindex`: only the letters changed since are read).

Each given letter is loaded exactly as `docket check` loads it, so its
messages are the same; a problem across letters is reported when a given
letter is part of it, even where the full check prints it on the other letter.
A changed registry can break any letter, so it gets the full check.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docket_archive.domain.model import Archive, Letter
from docket_archive.domain.problems import Problems
from docket_archive.formats.safeyaml import load_located
from docket_archive.runtime.parallel import spread

from . import archivefiles, checkindex
from .acrossletters import check_across
from .archive import load_letter, with_described
from .archivefiles import CASE_FILE, LETTER_NAME, ORIGINALS_DIR, PEOPLE_FILE, UNPUBLISHED_DIR, ArchiveFiles
from .registries import load_case, load_people
from .typedvalues import as_date, as_str

# The top-level fields the checks across letters need; nothing else is read.
_INDEX_FIELDS = re.compile(r"^(id|case|date|type|sequence):(.*)$", re.MULTILINE)
_PLAIN = re.compile(r"[A-Za-z0-9_./-][A-Za-z0-9_ ./-]*")  # a value YAML reads as the same text
_QUOTED = re.compile(r"'([^']*)'|\"([^\"\\]*)\"")  # quoted, with nothing inside to unescape
_HEAD = 8192
_NEXT_FIELD = re.compile(r"^[^\s#-]", re.MULTILINE)


@dataclass
class FileCheck:
    """What a check of some files found, for the command to print."""

    problems: Problems = field(default_factory=Problems)
    checked: int = 0  # letters given (and so checked, whatever was found)
    total: int = 0  # letters in the archive, those given included
    archive: Archive = field(default_factory=Archive)


def letters_root(path: Path) -> Path:
    """The letters/ folder a file belongs to: the nearest folder above it with people.yml.

    A file named from inside the archive (`docket check x.md` in a case's folder) has no
    folder above it as written: its absolute path's are looked at then, and the folder found
    is given absolute (the caller then names the file absolute too, see `check`)."""
    for folder in list(path.parents)[:3]:
        if (folder / PEOPLE_FILE).is_file():
            return folder
    if not path.is_absolute():
        for folder in list(Path(os.path.abspath(path)).parents)[:3]:
            if (folder / PEOPLE_FILE).is_file():
                return folder
    return path.parent.parent if path.suffix == ".md" else path.parent


def needs_full_check(path: Path) -> bool:
    """A folder or a registry: every letter may depend on it; a standing search, whose query is checked with the rest."""
    return path.is_dir() or path.name in (PEOPLE_FILE, CASE_FILE) or path.parent.name == archivefiles.SEARCHES_DIR


def check_files(root: Path, given: list[Path]) -> FileCheck:
    """Check the files `given` (all under `root`), as `docket check` would, without the other letters."""
    result = FileCheck()
    files = _registry_files(root, result.problems)
    letters = [path for path in given if _admit(files, path, result.problems)]
    _add_originals(files, {path.parent for path in letters})
    registry = Archive(people=load_people(files, result.problems))
    cases = {case.key: case for path in files.cases if (case := load_case(files, path, registry, result.problems))}
    registry = Archive(people=registry.people, cases=cases)
    mine = [letter for path in letters if (letter := load_letter(files, path, registry, result.problems))]
    # Left out of the index by their names as its listing writes them (the root joined to the
    # names below it): from inside letters/ the root is ".", whose listing says ./beta/x.md where
    # the letter was given as beta/x.md, and the letter was counted twice, repeating its own number.
    index = _index(files, {os.path.join(files.root, *path.relative_to(files.root).parts) for path in letters})
    # The checks across letters, asked only of the given letters and the others they can
    # concern: the same id, the same series of numbers, the letters their references name.
    others = index.named(
        ids={letter.id for letter in mine} | {ref.id for letter in mine for ref in letter.letter_references if ref.id},
        days={(ref.case, ref.date.isoformat()) for letter in mine for ref in letter.letter_references if ref.date},
        series={(letter.case, letter.type.lower(), letter.sequence) for letter in mine if letter.sequence is not None},
    )
    everything = sorted([*mine, *others], key=lambda letter: letter.sort_key)
    result.archive = with_described(registry, everything)
    involved = {letter.source for letter in mine}
    result.problems.extend(
        [p for p in check_across(result.archive) if p.path in involved or any(s in p.message for s in involved)]
    )
    result.checked, result.total = len(letters), len(letters) + index.count
    return result


def _registry_files(root: Path, problems: Problems) -> ArchiveFiles:
    """people.yml and every case.yml; the letters are listed by `_index`."""
    files = ArchiveFiles(root=root)
    if (root / PEOPLE_FILE).is_file():
        files.people = root / PEOPLE_FILE
    else:
        problems.error(
            files.shown(root / PEOPLE_FILE),
            1,
            "file",
            "the people registry is missing",
            "create letters/people.yml listing every author, addressee and cc recipient",
        )
    files.cases = sorted(
        Path(entry.path) / CASE_FILE for entry in _folders(root) if (Path(entry.path) / CASE_FILE).is_file()
    )
    return files


def _folders(root: Path) -> list[os.DirEntry[str]]:
    try:
        return sorted(
            (e for e in os.scandir(root) if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")),
            key=lambda e: e.name,
        )
    except OSError:
        return []


def _admit(files: ArchiveFiles, path: Path, problems: Problems) -> bool:
    """True for a letter file to load; anything else given is classified as the full check would."""
    shown = files.shown(path)
    hidden = next((part for part in path.relative_to(files.root).parts if part.startswith(".")), None)
    if path.is_symlink():
        archivefiles._report_link(path, files, problems)
    elif path.name.startswith("."):
        archivefiles._report_hidden(path, False, files, problems)
    elif hidden is not None:
        problems.error(
            shown,
            1,
            "file",
            "is inside a hidden folder and will not be published",
            "move it to its case folder, letters/<case>/",
        )
    elif not path.exists():
        problems.error(shown, 1, "file", "does not exist", "check the path; `docket check` alone checks every letter")
    elif not path.is_file():
        problems.error(shown, 1, "file", "is not a regular file", "remove it from letters/")
    else:
        before = len(files.letters)
        archivefiles._classify(path, path.relative_to(files.root).parts, files, problems)
        return len(files.letters) > before
    return False


def _add_originals(files: ArchiveFiles, folders: set[Path]) -> None:
    # A letter's original must be a publishable file in its own case's originals/.
    scratch = Problems()  # problems of files that were not given are not this check's to report
    for folder in folders:
        for kept in (folder / ORIGINALS_DIR, folder / UNPUBLISHED_DIR):
            if kept.is_dir() and not kept.is_symlink():
                for entry in os.scandir(kept):
                    if entry.is_file(follow_symlinks=False):
                        path = Path(entry.path)
                        archivefiles._classify(path, path.relative_to(files.root).parts, files, scratch)


def _index(files: ArchiveFiles, skip: set[str]) -> checkindex.LetterIndex:
    """Every other letter, with only what the checks across letters ask of it: kept between
    runs (`checkindex`), and read (on every core) only where it changed since."""
    paths = []
    for folder in _folders(files.root):
        for entry in os.scandir(folder.path):
            if LETTER_NAME.match(entry.name) and entry.is_file(follow_symlinks=False) and entry.path not in skip:
                paths.append(entry.path)

    def index(some: Sequence[str]) -> list[Letter | None]:
        return [_indexed(files, Path(path)) for path in some]

    def read(some: Sequence[str]) -> list[Letter | None]:
        return spread(index, some)

    return checkindex.letters(files.root, paths, read)


def _indexed(files: ArchiveFiles, path: Path) -> Letter | None:
    try:
        with path.open("rb") as file:
            head = file.read(_HEAD)  # the front matter is a few hundred bytes; the text may be long
            end = head.find(b"\n---", 3)
            if end < 0:
                head += file.read()
                end = head.find(b"\n---", 3)
    except OSError:
        return None  # such a file fails its own check; it is in no index
    fields = _top_fields(head[: end if end >= 0 else len(head)].decode("utf-8", "replace"))
    raw_case = fields.get("case")
    cases = tuple(c for c in (raw_case if isinstance(raw_case, list) else [raw_case]) if isinstance(c, str))
    day = as_date(fields.get("date")) or as_date(path.name[:10])
    if not cases or day is None:
        return None
    sequence = fields.get("sequence")
    return Letter(
        id=as_str(fields.get("id")) or f"{cases[0]}/{path.stem}",
        source=files.shown(path),
        title="",
        date=day,
        cases=cases,
        type=as_str(fields.get("type")),
        authors=(),
        addressees=(),
        summary="",
        body="",
        sequence=int(sequence) if isinstance(sequence, str) and sequence.isdigit() else None,
    )


def _top_fields(text: str) -> dict[str, Any]:
    """id, case, date, type and sequence from the front matter, each read from its own lines."""
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    front = text[: end if end >= 0 else len(text)]
    fields: dict[str, Any] = {}
    for match in _INDEX_FIELDS.finditer(front):
        name, value = match.group(1), match.group(2).strip()
        if _PLAIN.fullmatch(value):
            fields[name] = value
            continue
        quoted = _QUOTED.fullmatch(value)
        if quoted:
            fields[name] = (quoted.group(1) or quoted.group(2) or "").strip()
            continue
        block = load_located(front[match.start() : _block_end(front, match.end())], "")
        if isinstance(block.data, dict) and name in block.data and not any(p.is_error for p in block.problems):
            value = block.data[name]
            fields[name] = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    return fields


def _block_end(front: str, start: int) -> int:
    """Where a field's value ends: at the next line that starts another top-level field."""
    following = _NEXT_FIELD.search(front, start + 1)
    return following.start() if following else len(front)
