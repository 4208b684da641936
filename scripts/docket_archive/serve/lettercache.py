"""Letters kept between the rebuilds of `mkdocs serve`, keyed by absolute path and content.

Reading and validating every letter again for each saved file is most of a
rebuild's loading time. A letter is read again only when its file changed:
same path, modification time and size, or else the same sha256 of its bytes,
means the same letter and the same problems. What a letter's reading depends
on besides its file, the registries and the original files (whose sha256 a
letter gives), empties the cache when it changes.

Under `docket serve` the native watch says what changed (`expect`): a letter
it does not name is taken as it is, without reading its time stamp, and the
list of files is kept unless a file came, went or moved. Without that
knowledge (a watch by polling) every letter is checked. What the watch could
not see, before it began, is looked at once as it starts (`recheck`: each
kept letter against its file, and letters/ listed again).

The key is the file's absolute path, whatever path the caller gives: the
first build of `mkdocs serve -f mkdocs.yml` names letters relative to the
working folder and every rebuild names them absolute, and a cache keyed by
the path as given lost every letter on the first rebuild.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from docket_archive.domain.model import Archive, Letter
from docket_archive.domain.problems import Problem, Problems
from docket_archive.load.archive import load_letter
from docket_archive.load.archivefiles import ArchiveFiles, Listing

Stamp = tuple[int, int]  # (modification time in ns, size)
# A file written within this long before it was read may be written again with
# the same size and time stamp (the clock's grain is coarser than a save): such
# a letter is compared by content next time, as git does its "racy" entries.
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class _Entry:
    stamp: Stamp
    digest: str
    letter: Letter | None
    problems: tuple[Problem, ...]
    racy: bool  # modified just before it was read: the same stamp may hide a second edit


def _stamp(path: Path) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


class LetterCache:
    """A `load` for `loader.load_archive` that reuses unchanged letters."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}  # by absolute path
        self._registry: Archive | None = None
        self._originals: frozenset[tuple[str, Stamp | None]] = frozenset()
        self._changed: frozenset[str] | None = None  # what the watch says changed; None: unknown
        self._structure = True  # files may have come or gone: list them again
        self._listing: tuple[Path, ArchiveFiles, tuple[Problem, ...]] | None = None
        self._folders: Listing | None = None  # what each entry of letters/ held at the last listing
        self._all: _Loaded | None = None  # what `load_all` gave last, for the listing it read
        self.asked = 0  # letters the last `load_all` asked for (the others it took as they were)
        self.reads = 0  # letters read and validated (not reused) since the cache was made
        self.stats = 0  # letters whose time stamp was read, since the cache was made
        self.listed_again = False  # whether `recheck` listed letters/ (it does once a listing was made)

    def expect(self, changed: frozenset[str] | None, structure: bool = True) -> None:
        """What changed on disk since the last load, as the native watch saw it (None: not known)."""
        self._changed = frozenset(os.path.abspath(path) for path in changed) if changed is not None else None
        self._structure = structure or changed is None

    def recheck(self) -> int:
        """Forgets every kept letter whose file changed (by time stamp, or by content where the
        stamp may hide a second save): once the watch starts, for what it could not see.
        Returns how many were forgotten."""
        self._list_again()
        gone = [key for key, entry in self._entries.items() if not self._current(entry, key)]
        for key in gone:
            del self._entries[key]
        if gone:
            self._all = None  # its letters are no longer all current
        return len(gone)

    def _list_again(self) -> None:
        """Every entry of letters/ listed again, now that the watch runs and nobody waits yet.

        A file may have come in a folder before the watch began, and its first events name only
        what came after: the first rebuild listed every entry again for that, and then keyed each
        letter of the new listing (a second of the first edit at 100,000 letters). Listed here
        instead; a listing the same as the last keeps the last's object, so that the first rebuild
        takes the listing and `load_all`'s letters as they are unless the watch saw a change."""
        self.listed_again = self._listing is not None
        if self._listing is None:
            self._folders = None  # never listed here: the next listing walks every entry
            return
        root, files, found = self._listing
        self._folders = Listing(root)
        mine = Problems()
        again = self._folders.files(mine)
        if again != files or tuple(mine.items) != found:
            self._listing = (root, again, tuple(mine.items))

    def _current(self, entry: _Entry, key: str) -> bool:
        stamp = _stamp(Path(key))
        return stamp is not None and self._still_valid(entry, key, stamp)

    def find_files(self, root: Path, problems: Problems) -> ArchiveFiles:
        """`archivefiles.find_files`, or the last listing while no file came, went or moved; when
        some did, only the entries of letters/ the watch named (a case's folder) are listed again."""
        if not self._structure and self._listing is not None and self._listing[0] == root:
            problems.extend(list(self._listing[2]))
            return self._listing[1]
        if self._folders is None or self._folders.root != root:
            self._folders = Listing(root)
        mine = Problems()
        files = self._folders.files(mine, again=_entries_named(root, self._changed))
        problems.extend(mine)
        self._listing = (root, files, tuple(mine.items))
        return files

    def __call__(self, files: ArchiveFiles, path: Path, registry: Archive, problems: Problems) -> Letter | None:
        self._forget_if_changed(files, registry)
        key = _key(path)
        entry = self._entries.get(key)
        if entry is not None and not entry.racy and self._changed is not None and key not in self._changed:
            problems.extend(list(entry.problems))  # the watch saw no change to it
            return entry.letter
        stamp = _stamp(path)
        self.stats += 1
        if entry is not None and stamp is not None and self._still_valid(entry, key, stamp):
            problems.extend(list(entry.problems))
            return entry.letter
        mine = Problems()
        letter = load_letter(files, path, registry, mine)
        self.reads += 1
        problems.extend(mine)
        if stamp is not None:
            racy = time.time_ns() - stamp[0] < _RACY_NS
            self._entries[key] = _Entry(stamp, _digest(path), letter, tuple(mine.items), racy)
        return letter

    def load_all(self, files: ArchiveFiles, registry: Archive, problems: Problems) -> list[Letter]:
        """Every letter of the listing, as `__call__` reads each, in the listing's order.

        While the registries are the same and the watch says what changed, the last answer
        is taken and only the letters named changed (or racy), or new, are asked for again:
        no question to each of 100,000 kept letters on each save."""
        self._forget_if_changed(files, registry)
        last = self._all
        if last is None or self._changed is None or last.entries is not self._entries:
            return self._load_each(files, registry, problems)
        if last.files is files:
            place = last.place
            again = {place[key] for key in self._changed if key in place} | last.racy
            letters, found = list(last.letters), list(last.problems)
        else:
            # Files came, went or moved: the others' letters are taken by path, as they were.
            keys = [_key(path) for path in files.letters]
            place = dict(zip(keys, range(len(keys)), strict=True))
            before = [last.place.get(key) for key in keys]
            unsure = self._changed | {key for key, at in last.place.items() if at in last.racy}
            letters = [last.letters[at] if at is not None else None for at in before]
            found = [last.problems[at] if at is not None else () for at in before]
            again = {at for at, (key, was) in enumerate(zip(keys, before, strict=True)) if was is None or key in unsure}
        self.asked = len(again)
        for at in again:
            mine = Problems()
            letters[at] = self(files, files.letters[at], registry, mine)
            found[at] = tuple(mine.items)
        self._all = _Loaded(files, self._entries, place, letters, found, self._racy(files, place))
        for at in self._all.with_problems():
            problems.extend(list(found[at]))
        return [letter for letter in letters if letter is not None]

    def _load_each(self, files: ArchiveFiles, registry: Archive, problems: Problems) -> list[Letter]:
        letters: list[Letter | None] = []
        found: list[tuple[Problem, ...]] = []
        self.asked = len(files.letters)
        for path in files.letters:
            mine = Problems()
            letters.append(self(files, path, registry, mine))
            found.append(tuple(mine.items))
            problems.extend(mine)
        place = {_key(path): index for index, path in enumerate(files.letters)}
        self._all = _Loaded(files, self._entries, place, letters, found, self._racy(files, place))
        return [letter for letter in letters if letter is not None]

    def _racy(self, files: ArchiveFiles, place: dict[str, int]) -> frozenset[int]:
        """The places of the letters read too soon after they were saved: asked for again each time."""
        return frozenset(place[key] for key, entry in self._entries.items() if entry.racy and key in place)

    def _forget_if_changed(self, files: ArchiveFiles, registry: Archive) -> None:
        # Every letter is read against the registries: a changed person or case
        # may change any of them; so may an original file, added or edited.
        if registry is self._registry:
            return
        # (unpublished originals too: a letter's sha256 is checked against its original wherever it is kept)
        originals = frozenset((name, _stamp(files.root / name)) for name in files.originals | files.unpublished)
        if registry != self._registry or originals != self._originals:
            self._entries = {}  # a new dict: what `load_all` kept was of the old one
        self._registry, self._originals = registry, originals

    def _still_valid(self, entry: _Entry, key: str, stamp: Stamp) -> bool:
        if entry.stamp == stamp and not entry.racy:
            return True
        if _digest(Path(key)) != entry.digest:  # saved again, or touched, with the same content: still the same
            return False
        racy = time.time_ns() - stamp[0] < _RACY_NS
        self._entries[key] = _Entry(stamp, entry.digest, entry.letter, entry.problems, racy)
        return True


def _entries_named(root: Path, changed: frozenset[str] | None) -> set[str] | None:
    """The entries of letters/ (a case's folder, people.yml) holding the changed paths; None
    (list everything) when not known, or when a change is letters/ itself or outside it."""
    if changed is None:
        return None
    top = os.path.abspath(root) + os.sep
    named = set()
    for path in changed:
        if not path.startswith(top):
            return None
        named.add(path[len(top) :].split(os.sep, 1)[0])
    return named


def _key(path: Path) -> str:
    text = str(path)  # a Path's text is already normal: only a relative one needs making absolute
    return text if os.path.isabs(text) else os.path.abspath(text)


@dataclass(frozen=True)
class _Loaded:
    """What `load_all` gave for one listing: each letter (None: it has errors) and its problems, by place."""

    files: ArchiveFiles
    entries: dict[str, _Entry]  # the cache's entries then (replaced when the registries change)
    place: dict[str, int]  # a letter's key -> its place in the listing
    letters: list[Letter | None]
    problems: list[tuple[Problem, ...]]
    racy: frozenset[int]

    def with_problems(self) -> list[int]:
        return [place for place, found in enumerate(self.problems) if found]


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
