"""`docket check` of a whole archive, kept between runs: each letter's answer, by its file.

Reading and validating every letter is almost all of a whole check (17 s at
100,000 letters). What a letter's reading gives (its problems, and what the
checks across letters ask of it) depends on its file and on what every
letter's reading depends on: the registries, the original files, and this
program. So each letter's answer is kept in `.cache/docket/check-cache.json`
beside `letters/` (an ignored folder), with its file's size and modification
time, and the whole with a digest of the rest (the *context*). A run takes
the kept answer of a letter whose file has the same stamp, and reads the
others; the checks across letters then run on every letter, as always.

Never trusted over the files, like the index of `docket check FILE`
(`checkindex`, whose rules these are): a letter changed, added or saved too
close to the last run to trust its stamp ("racy") is read again; a changed
registry, original or program reads every letter again; a cache that is
missing, unreadable, of another version, folder or context, or not what this
module writes is set aside and rebuilt, and never changes a check's answer.
A letter that describes new people or a new case is always read (the checks
across letters compare its whole description). It is written through
`runtime.safewrite`; where it cannot be written, the check goes on without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from docket_archive.domain.model import Archive, Letter, LetterReference
from docket_archive.domain.problems import Problem, Problems, Severity
from docket_archive.runtime.safewrite import make_folders, replace_text
from docket_archive.runtime.streamed import spread_streamed

from .archive import load_stamped
from .archivefiles import ArchiveFiles
from .checkindex import FOLDER, ISO_DATE, MAX_BYTES, reduced_letter

VERSION = 1  # raise when what an entry holds changes: older caches are then set aside
NAME = "check-cache.json"
_RACY_NS = 2_000_000_000
_PACKAGE = Path(__file__).resolve().parents[1]  # docket_archive/: its code and schemas are part of the context
# What else decides a letter's problems: its YAML, the schema's validators and their messages, its
# text's Markdown, the courts a case.yml may name.
_LIBRARIES = ("pyyaml", "jsonschema", "jsonschema-rs", "markdown-it-py", "courts-db", "nh3")


@dataclass
class CacheRun:
    """What one whole check did with the cache, for tests and for the curious."""

    kept: int = 0  # letters whose answer was taken from the cache
    read: int = 0  # letters read (new, changed, racy, or every one when the context changed)
    set_aside: str = ""  # why the kept answers were not used, if they were not
    saved: bool = False


def cache_path(root: Path) -> Path:
    return Path(os.path.abspath(root)).parent / FOLDER / NAME


# What is kept of a letter, one column each (a file in columns parses and is checked column by
# column; an object a letter made 100,000 repeated field names to parse and to check one by one).
COLUMNS = ("key", "mtime_ns", "size", "id", "cases", "date", "type", "sequence", "tags", "references", "problems")
Kept = tuple[tuple[int, int], "Letter | None", list[Problem]]  # (stamp, letter, problems) as kept
Answer = tuple["Letter | None", list[Problem]]  # a letter as read (None: it has errors), and its problems
Entry = tuple[str, tuple[int, int], "Letter | None", list[Problem]]  # what is kept of a letter: key, stamp, answer
Encoded = tuple[int, list[str]]  # entries, and each column's values for them in JSON (`_encoded`)
# An answer, the stamp of what was read, and (with the first letter of those read together) what
# the cache keeps of them, written out.
Read = tuple["Letter | None", list[Problem], "tuple[int, int] | None", "Encoded | None"]


@dataclass
class CheckCache:
    """A `load_all` for `load_archive`: every letter of the listing, read or taken as kept."""

    root: Path
    run: CacheRun = field(default_factory=CacheRun)

    def load_all(self, files: ArchiveFiles, registry: Archive, problems: Problems) -> list[Letter]:
        started = time.time_ns()
        context, trusted = _context(files, registry, started)
        kept = self._kept(context)
        # Each letter as shown and its stamp, to compare with the kept answers where there are
        # any; a letter read is named and stamped as it is read (`load_stamped`), so a first run
        # takes neither here, before the reading starts.
        count = len(files.letters)
        keys = [files.shown(path) for path in files.letters] if kept else None
        stamps: list[tuple[int, int] | None] = [_stamp(path) for path in files.letters] if kept else [None] * count
        answers: list[Answer | None] = [None] * count
        for place, (key, stamp) in enumerate(zip(keys or (), stamps, strict=False)):
            held = kept.get(key)
            if held is not None and stamp is not None and held[0] == stamp:
                answers[place] = (held[1], held[2])
        unread = [place for place, answer in enumerate(answers) if answer is None]
        taken = [answer is not None for answer in answers]  # answers taken as kept (the others are read)
        read = _Reader(files, registry, keys, started).read
        # A child sends of each letter only what is kept of it (`_packed`): the rest of a Letter
        # (its text, authors, events) cost more to send back than to read. It sends each chunk as
        # it is read, and this process takes them in between its own (`spread_streamed`).
        encoded: list[Encoded] = []
        for place, (letter, found, stamp, written) in zip(
            unread, spread_streamed(read, unread, pack=_packed, unpack=_unpacked), strict=True
        ):
            answers[place] = (letter, found)
            stamps[place] = stamp
            if written is not None:
                encoded.append(written)
        self.run.read, self.run.kept = len(unread), count - len(unread)
        letters: list[Letter] = []
        still: list[Entry] = []  # the answers taken as kept, kept again
        for place, (stamp, answer, as_kept) in enumerate(zip(stamps, answers, taken, strict=True)):
            letter, found = answer if answer is not None else (None, [])
            problems.extend(found)
            if letter is not None:
                letters.append(letter)
            if as_kept and keys and stamp is not None and _keeps(started, stamp, letter):
                still.append((keys[place], stamp, letter, found))
        encoded.append(_encoded(still))
        if trusted and (unread or sum(count for count, _ in encoded) != len(kept)):
            self.run.saved = self._save(context, encoded)
        return letters

    def _kept(self, context: str) -> dict[str, Kept]:
        """The kept answers by letter (as shown), if the cache is this module's, for this context."""
        path = cache_path(self.root)
        try:
            if path.is_symlink() or not path.is_file():
                self.run.set_aside = "no cache yet"
                return {}
            if path.stat().st_size > MAX_BYTES:
                self.run.set_aside = "the cache was too large to be ours"
                return {}
            data = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError) as error:
            self.run.set_aside = f"the cache could not be read ({error.__class__.__name__})"
            return {}
        if not isinstance(data, dict) or data.get("version") != VERSION or data.get("context") != context:
            self.run.set_aside = "the cache was of another version, folder, registry or program"
            return {}
        try:
            return _answers(data["letters"])
        except (KeyError, TypeError, ValueError, RecursionError):
            self.run.set_aside = "the cache was not one this command writes"
            return {}

    def _save(self, context: str, encoded: list[Encoded]) -> bool:
        """The cache written: the letters' columns joined from the parts `_encoded` wrote."""
        columns = ",".join(
            f'"{name}":[{",".join(part[column] for _, part in encoded if part[column])}]'
            for column, name in enumerate(COLUMNS)
        )
        text = f'{{"version":{VERSION},"context":{json.dumps(context)},"letters":{{{columns}}}}}'
        target = cache_path(self.root)
        project = Path(os.path.abspath(self.root)).parent
        try:
            make_folders(target.parent, within=project)
            replace_text(target, text, within=project)
        except (OSError, ValueError):  # a link in the way, a read-only checkout, a full disk: the same answer
            return False
        return True


def _keeps(started: int, stamp: tuple[int, int], letter: Letter | None) -> bool:
    """Whether a letter's answer is kept: not if it was saved too close to this run to trust its
    stamp ("racy"), nor if it describes new people or a case (its whole description is compared
    across letters): those are read each time."""
    return started - stamp[0] > _RACY_NS and not (letter and (letter.new_people or letter.new_case))


@dataclass(frozen=True)
class _Reader:
    """Reads letters by their place in the listing, here or in a child (`spread_streamed`)."""

    files: ArchiveFiles
    registry: Archive
    keys: list[str] | None  # each letter as shown, where they were worked out already
    started: int

    def read(self, places: Sequence[int]) -> list[Read]:
        found: list[Read] = []
        entries: list[Entry] = []
        for place in places:
            mine = Problems()
            path = self.files.letters[place]
            key = self.keys[place] if self.keys else self.files.shown(path)
            letter, stamp = load_stamped(self.files, path, self.registry, mine, key)
            if letter is not None and not (letter.new_people or letter.new_case):
                # Only what the checks across letters ask of it is kept, as a child sends it: the rest
                # (its text, people, events) is let go here, while the reading goes on, not at the end.
                letter = _kept_letter(*_asked(letter), letter.letter_references)
            # Not opened (a file gone, or unreadable): stamped as the listing sees it, as before.
            stamp = stamp if stamp is not None else _stamp(path)
            found.append((letter, mine.items, stamp, None))
            if stamp is not None and _keeps(self.started, stamp, letter):
                entries.append((key, stamp, letter, mine.items))
        # What the cache keeps of these letters, written out where they were read (in a child, as
        # often as not): with the first letter's answer, so that saving the cache is a join.
        if found:
            found[0] = (*found[0][:3], _encoded(entries))
        return found


def _context(files: ArchiveFiles, registry: Archive, started: int) -> tuple[str, bool]:
    """A digest of what every letter's reading depends on besides its own file, and whether it
    can be trusted (no original or program file was saved too close to this run to trust its
    stamp). The registries as the loader parsed them (not their files again: one saved during
    the check would give the letters' answers a key they were not read with); the original
    files by stamp; this program, the libraries that read and judge a letter, Python and its
    Unicode tables."""
    digest = hashlib.sha256(f"{VERSION}\0{os.path.abspath(files.root)}\0".encode())
    digest.update(repr(sorted(registry.people.items())).encode("utf-8", "surrogatepass"))
    digest.update(repr(sorted(registry.cases.items())).encode("utf-8", "surrogatepass"))
    stamps = [(name, _stamp(files.root / name)) for name in sorted(files.originals | files.unpublished)]
    stamps += [
        (str(path.relative_to(_PACKAGE)), _stamp(path))
        for path in sorted(_PACKAGE.rglob("*"))
        if path.suffix in (".py", ".json", ".j2")
    ]
    for name, stamp in stamps:
        digest.update(f"\0{name}\0{stamp}".encode("utf-8", "surrogatepass"))
    versions = [sys.version, unicodedata.unidata_version]
    for package in _LIBRARIES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} absent")
    digest.update("\0".join(versions).encode())
    trusted = all(stamp is None or started - stamp[0] > _RACY_NS for _, stamp in stamps)
    return digest.hexdigest(), trusted


def _encoded(entries: list[Entry]) -> Encoded:
    """(how many, each column's values for these entries in JSON, without the brackets): the
    parts of the cache's columns, joined in `_save` as one `json.dumps` of each would write it."""
    letters = [entry[2] for entry in entries]
    columns: list[list[Any]] = [
        [entry[0] for entry in entries],
        [entry[1][0] for entry in entries],
        [entry[1][1] for entry in entries],
        [letter.id if letter else None for letter in letters],
        [list(letter.cases) if letter else None for letter in letters],
        [letter.date.isoformat() if letter else None for letter in letters],
        [letter.type if letter else None for letter in letters],
        [letter.sequence if letter else None for letter in letters],
        [list(letter.tags) if letter else None for letter in letters],
        [[_reference(ref) for ref in letter.letter_references] if letter else None for letter in letters],
        [[_problem(problem) for problem in entry[3]] for entry in entries],
    ]
    # ASCII, with escapes: a file name that is not UTF-8 (a surrogate) survives the round trip.
    return len(entries), [json.dumps(column, separators=(",", ":"))[1:-1] for column in columns]


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def _reference(ref: LetterReference) -> list[Any]:
    return [ref.text, ref.case, ref.date.isoformat() if ref.date else None, ref.id, ref.type, ref.sequence, ref.line]


def _problem(problem: Problem) -> list[Any]:
    return [problem.path, problem.line, problem.field, problem.message, problem.hint, problem.severity.value]


def _answers(columns: dict[str, Any]) -> dict[str, Kept]:
    """The kept answers, every column checked for its length and the type of each value first
    (the file is untrusted: a ValueError or TypeError for anything this module does not write)."""
    keys = columns["key"]
    held = [columns[name] for name in COLUMNS]
    if not all(type(column) is list and len(column) == len(keys) for column in held):
        raise ValueError("columns of different lengths")
    _, mtimes, sizes, ids, cases, days, kinds, sequences, tags, references, found = held
    absent = [value is None for value in ids]  # a letter with errors: problems, and no letter
    texts, numbers, nothing = {str}, {int}, {type(None)}

    def kinds_of(values: list[Any]) -> set[type]:
        return {type(value) for value in values}

    def inner(values: list[Any]) -> set[type]:
        return {type(item) for value in values if value is not None for item in value}

    refs = [ref for listed in references if listed is not None for ref in listed]
    said = [problem for listed in found for problem in listed]
    if not (
        kinds_of(keys) <= texts
        and len(set(keys)) == len(keys)
        and kinds_of(mtimes) | kinds_of(sizes) <= numbers
        and kinds_of(ids) <= texts | nothing
        and all([value is None for value in column] == absent for column in (cases, days, kinds, tags, references))
        and kinds_of(cases) | kinds_of(tags) | kinds_of(references) <= {list} | nothing
        and [] not in cases
        and inner(cases) | inner(tags) <= texts
        and kinds_of(days) | kinds_of(kinds) <= texts | nothing
        and kinds_of(sequences) <= numbers | nothing
        and inner(references) <= {list}
        and all(len(ref) == 7 for ref in refs)
        and kinds_of([ref[i] for ref in refs for i in (0, 1, 3, 4)]) <= texts
        and kinds_of([ref[2] for ref in refs]) <= texts | nothing
        and kinds_of([ref[5] for ref in refs]) <= numbers | nothing
        and kinds_of([ref[6] for ref in refs]) <= numbers
        and kinds_of(found) <= {list}
        and inner(found) <= {list}
        and all(len(problem) == 6 for problem in said)
        and kinds_of([problem[1] for problem in said]) <= numbers
        and kinds_of([problem[i] for problem in said for i in (0, 2, 3, 4, 5)]) <= texts
    ):
        raise ValueError("not a cache this module writes")
    for day in {*days, *(ref[2] for ref in refs)} - {None}:  # few distinct days: each checked
        if not ISO_DATE.fullmatch(day):  # (fromisoformat also reads 2020-W01-1, another day)
            raise ValueError("not a day")
        date.fromisoformat(day)
    severities = {problem[5] for problem in said}
    if not severities <= {Severity.ERROR.value, Severity.WARNING.value}:
        raise ValueError("not a severity")
    answers: dict[str, Kept] = {}
    for place, key in enumerate(keys):
        letter = None
        if ids[place] is not None:
            letter = _kept_letter(
                ids[place],
                key,
                date.fromisoformat(days[place]),
                tuple(cases[place]),
                kinds[place],
                sequences[place],
                tuple(tags[place]),
                tuple(
                    LetterReference(text, case, date.fromisoformat(on) if on else None, ref_id, ref_type, number, line)
                    for text, case, on, ref_id, ref_type, number, line in references[place]
                ),
            )
        problems = [
            Problem(shown, line, name, message, hint, Severity(severity))
            for shown, line, name, message, hint, severity in found[place]
        ]
        answers[key] = ((mtimes[place], sizes[place]), letter, problems)
    return answers


# What a whole check keeps of a letter: what the checks across letters ask of it (the columns).
_kept_letter = reduced_letter


def _asked(letter: Letter) -> tuple[str, str, date, tuple[str, ...], str, int | None, tuple[str, ...]]:
    """What the checks across letters ask of a letter but its references, in `_kept_letter`'s order."""
    return (letter.id, letter.source, letter.date, letter.cases, letter.type, letter.sequence, letter.tags)


# A letter as a child sends it: the kept fields in `_kept_letter`'s order, references as tuples.
Sent = tuple[str, str, date, tuple[str, ...], str, "int | None", tuple[str, ...], tuple[tuple[Any, ...], ...]]


Packed = tuple["Sent | Letter | None", list[tuple[Any, ...]], "tuple[int, int] | None", "Encoded | None"]


def _packed(answers: list[Read]) -> list[Packed]:
    """Answers as a child sends them, in plain tuples (a tenth of a Letter's pickling and
    unpickling): what is kept of each letter, or the whole Letter where it describes new people
    or a case (the checks across letters compare the whole description); its stamp, and what
    the cache keeps of those read together, as written out."""
    packed: list[Packed] = []
    for letter, found, stamp, written in answers:
        sent: Sent | Letter | None = letter
        if letter is not None and not (letter.new_people or letter.new_case):
            sent = (
                *_asked(letter),
                tuple(
                    (ref.text, ref.case, ref.date, ref.id, ref.type, ref.sequence, ref.line)
                    for ref in letter.letter_references
                ),
            )
        problems = [
            (problem.path, problem.line, problem.field, problem.message, problem.hint, problem.severity.value)
            for problem in found
        ]
        packed.append((sent, problems, stamp, written))
    return packed


def _unpacked(packed: list[Packed]) -> list[Read]:
    """`_packed`'s answers again, in this process."""
    answers: list[Read] = []
    for sent, problems, stamp, written in packed:
        letter = (
            sent
            if sent is None or isinstance(sent, Letter)
            else _kept_letter(*sent[:7], tuple(LetterReference(*ref) for ref in sent[7]))
        )
        found = [
            Problem(path, line, name, message, hint, Severity(severity))
            for path, line, name, message, hint, severity in problems
        ]
        answers.append((letter, found, stamp, written))
    return answers
