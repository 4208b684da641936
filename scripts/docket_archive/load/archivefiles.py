"""Which file under letters/ is what, and reading it as text.

Layout (the single source of truth):

    letters/people.yml                       every person, once
    letters/<case>/case.yml                  the case, once
    letters/<case>/<YYYY-MM-DD>-<slug>.md    one letter
    letters/<case>/originals/<file>          original files the letters were transcribed from
    letters/<case>/unpublished/<file>        originals kept for the record, never published (a PDF
                                             with scripts or attachments, a web page)
    letters/searches/<key>.yml               a standing search (its feed lists the letters that match)

Every other file is reported, never skipped in silence: a letter saved in a
hidden folder or in originals/ would otherwise vanish from the site. Symbolic
links are never followed: a link to /etc/passwd saved as an "original" would be
published to every reader.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docket_archive.domain.problems import Problem, Problems

PEOPLE_FILE = "people.yml"
CASE_FILE = "case.yml"
ORIGINALS_DIR = "originals"
UNPUBLISHED_DIR = "unpublished"  # originals that are never copied to the site, whatever their type
SEARCHES_DIR = "searches"  # standing searches; no case may have this key
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
LETTER_NAME = re.compile(rf"^(?P<date>\d{{4}}-\d{{2}}-\d{{2}})-(?P<slug>{SLUG})\.md$")
CASE_KEY = re.compile(rf"^{SLUG}$")
MAX_FILE_BYTES = 2 * 1024 * 1024  # a letter's text is tens of KB; anything this large is not a letter

# Originals are published as downloads beside the letter. Only types a browser
# will not run as a page of the site: an .html or .svg file would run its script
# on the site's own origin.
SAFE_ORIGINALS = {".pdf", ".txt", ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".webp"}

# Files that tools leave around and that are never archive content.
_NOISE_NAMES = {".gitkeep", ".gitignore", ".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass
class ArchiveFiles:
    root: Path
    people: Path | None = None
    cases: list[Path] = field(default_factory=list)
    letters: list[Path] = field(default_factory=list)
    searches: list[Path] = field(default_factory=list)
    originals: set[str] = field(default_factory=set)  # "case/originals/file", relative to root
    unpublished: set[str] = field(default_factory=set)  # "case/unpublished/file": kept, never published

    def shown(self, path: Path) -> str:
        """The path as people see it: letters/<case>/<file>."""
        # By string where the path is plainly under the root: every message of
        # every letter asks, and pathlib's relative_to was a tenth of a check.
        root, text = str(self.root), str(path)
        if self.root.name and text.startswith(root + os.sep):
            return f"{self.root.name}/{text[len(root) + 1 :].replace(os.sep, '/')}"
        return (Path(self.root.name) / path.relative_to(self.root)).as_posix()


def find_files(root: Path, problems: Problems) -> ArchiveFiles:
    return Listing(root).files(problems)


@dataclass(frozen=True)
class _Part:
    """What one entry of letters/ (a case's folder, people.yml, searches/) holds, as `find_files` found it."""

    files: ArchiveFiles  # its files alone
    walked: tuple[Problem, ...]  # what walking it found (links, hidden files)
    classified: tuple[Problem, ...]  # what naming its files found


class Listing:
    """`find_files`, keeping what each entry of letters/ holds: `docket serve` lists again only
    the entries the native watch saw change (one case's folder for a letter added), not
    100,000 letters."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._parts: dict[str, _Part] = {}

    def files(self, problems: Problems, again: set[str] | None = None) -> ArchiveFiles:
        """Every file under the root; `again`: the names of the root's entries that may have
        changed since the last call (None: any). The same answer, and the same problems in the
        same order, as a listing from scratch."""
        root, before = self.root, self._parts
        listed = Problems()
        try:
            entries = sorted(os.scandir(root), key=lambda entry: entry.name)
        except OSError as error:
            entries = []
            listed.error(
                ArchiveFiles(root).shown(root),
                1,
                "folder",
                f"cannot be read ({error.strerror})",
                "check its permissions",
            )
        self._parts = {}
        for entry in entries:
            part = before.get(entry.name) if again is not None and entry.name not in again else None
            self._parts[entry.name] = part or self._part(entry)
        files = ArchiveFiles(root=root)
        classified: list[Problem] = []
        for part in self._parts.values():
            files.people = part.files.people or files.people
            files.cases += part.files.cases
            files.letters += part.files.letters
            files.searches += part.files.searches
            files.originals |= part.files.originals
            files.unpublished |= part.files.unpublished
            listed.extend(list(part.walked))
            classified += part.classified
        listed.extend(classified)  # as a listing from scratch: what walking found, then what naming found
        if files.people is None:
            listed.error(
                files.shown(root / PEOPLE_FILE),
                1,
                "file",
                "the people registry is missing",
                "create letters/people.yml listing every author, addressee and cc recipient",
            )
        problems.extend(listed)
        return files

    def _part(self, entry: os.DirEntry[str]) -> _Part:
        files, walked, classified = ArchiveFiles(root=self.root), Problems(), Problems()
        for path, parts in _walk_entries(self.root, [entry], files, walked, ()):
            _classify(path, parts, files, classified)
        return _Part(files, tuple(walked.items), tuple(classified.items))


def _walk(
    folder: Path, files: ArchiveFiles, problems: Problems, where: tuple[str, ...]
) -> list[tuple[Path, tuple[str, ...]]]:
    """Regular files under `folder` (at `where` in the archive), each with its
    path's parts in the archive, in a stable order; links and hidden folders
    are reported."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        problems.error(files.shown(folder), 1, "folder", f"cannot be read ({error.strerror})", "check its permissions")
        return []
    return _walk_entries(folder, entries, files, problems, where)


def _walk_entries(
    folder: Path, entries: list[os.DirEntry[str]], files: ArchiveFiles, problems: Problems, where: tuple[str, ...]
) -> list[tuple[Path, tuple[str, ...]]]:
    found: list[tuple[Path, tuple[str, ...]]] = []
    child = _child_of(folder)
    for entry in entries:
        path = child(entry.name)
        if entry.name in _NOISE_NAMES or entry.name.endswith(("~", ".swp", ".swo")) or entry.name.startswith(".#"):
            continue
        if entry.is_symlink():
            _report_link(path, files, problems)
        elif entry.name.startswith("."):
            _report_hidden(path, entry.is_dir(follow_symlinks=False), files, problems)
        elif entry.is_dir(follow_symlinks=False):
            found += _walk(path, files, problems, (*where, entry.name))
        elif entry.is_file(follow_symlinks=False):
            found.append((path, (*where, entry.name)))
        else:
            problems.error(files.shown(path), 1, "file", "is not a regular file", "remove it from letters/")
    return found


def _child_of(folder: Path) -> Callable[[str], Path]:
    """What makes the path of a name in `folder`: `folder / name` (a third cheaper than parsing
    entry.path) without parsing the name again, where this Python's pathlib has the method its own
    glob uses for that (a name from a listing has no separator to parse); 100,000 a listing, and
    parsing them was half of listing the letters."""
    made = getattr(folder, "_make_child_relpath", None)
    return made if callable(made) else folder.joinpath


def _report_hidden(path: Path, is_folder: bool, files: ArchiveFiles, problems: Problems) -> None:
    kind = "folder" if is_folder else "file"
    problems.error(
        files.shown(path),
        1,
        "file",
        f"hidden {kind}: names starting with '.' are not published, so its letters would be lost",
        "rename it without the leading '.'",
    )
    if not is_folder or path.name == ".git":
        return
    # Name what the hidden folder holds, so no letter in it goes unnoticed.
    for inner in sorted(path.rglob("*")):
        if inner.is_file() and not inner.is_symlink():
            problems.error(
                files.shown(inner),
                1,
                "file",
                "is inside a hidden folder and will not be published",
                "move it to its case folder, letters/<case>/",
            )


def _report_link(path: Path, files: ArchiveFiles, problems: Problems) -> None:
    target = os.readlink(path)
    dangling = not path.exists()
    problems.error(
        files.shown(path),
        1,
        "file",
        f"is a symbolic link to {target}{' (which does not exist)' if dangling else ''}; links are not followed,"
        " because they could publish files from outside letters/",
        "replace the link with the file (or folder) itself",
    )


def _classify(path: Path, parts: tuple[str, ...], files: ArchiveFiles, problems: Problems) -> None:
    if parts == (PEOPLE_FILE,):
        files.people = path
    elif parts[0] == SEARCHES_DIR:
        _classify_search(path, parts, files, problems)
    elif len(parts) == 2 and parts[1] == CASE_FILE:
        if not CASE_KEY.match(parts[0]):
            problems.error(
                files.shown(path),
                1,
                "file",
                f"case folder '{parts[0]}' is not a valid case key",
                "rename the folder to lower-case words joined by hyphens, e.g. lexington-precision",
            )
        files.cases.append(path)
    elif len(parts) == 2 and LETTER_NAME.match(parts[1]):
        files.letters.append(path)
    elif len(parts) == 3 and parts[1] == ORIGINALS_DIR:
        _classify_original(path, parts, files, problems)
    elif len(parts) == 3 and parts[1] == UNPUBLISHED_DIR:
        files.unpublished.add("/".join(parts))
    else:
        problems.error(
            files.shown(path), 1, "file", "file is outside the naming convention of letters/", _naming_hint(parts)
        )


def _classify_search(path: Path, parts: tuple[str, ...], files: ArchiveFiles, problems: Problems) -> None:
    name = parts[-1]
    if len(parts) == 2 and name.endswith(".yml") and CASE_KEY.match(name[: -len(".yml")]):
        files.searches.append(path)
        return
    problems.error(
        files.shown(path),
        1,
        "file",
        f"letters/{SEARCHES_DIR}/ holds only standing searches, each a <key>.yml file (and '{SEARCHES_DIR}' cannot be a case's key)",
        "name the file with lower-case words joined by hyphens and .yml, e.g. letters/searches/plan-support-agreement.yml",
    )


def _classify_original(path: Path, parts: tuple[str, ...], files: ArchiveFiles, problems: Problems) -> None:
    shown = files.shown(path)
    suffix = path.suffix.lower()
    if suffix == ".md":
        problems.error(
            shown,
            1,
            "file",
            "a letter file in originals/ is not published (originals/ holds the scans and PDFs letters come from)",
            f"move it to letters/{parts[0]}/ if it is a letter",
        )
    elif suffix not in SAFE_ORIGINALS:
        problems.error(
            shown,
            1,
            "file",
            f"'{suffix or 'no extension'}' files cannot be published safely as originals"
            " (a web page or SVG image would run its script on the site)",
            f"keep the original as one of: {', '.join(sorted(SAFE_ORIGINALS))}, or unpublished in letters/{parts[0]}/{UNPUBLISHED_DIR}/",
        )
    else:
        files.originals.add("/".join(parts))


def _naming_hint(parts: tuple[str, ...]) -> str:
    name = parts[-1]
    if name.lower().endswith(".md") and len(parts) == 2:
        return f"name letters YYYY-MM-DD-slug.md in lower case, e.g. 2009-06-22-joint-status-letter.md (got '{name}')"
    if name.lower().endswith(".md"):
        return "put each letter directly in its case folder: letters/<case>/YYYY-MM-DD-slug.md"
    return (
        "letters/ holds only people.yml, <case>/case.yml, <case>/YYYY-MM-DD-slug.md,"
        " <case>/originals/<file>, <case>/unpublished/<file> and searches/<key>.yml; move or delete this file"
    )


def read_text(shown: str, path: Path, problems: Problems) -> str | None:
    """The file as text (UTF-8, line ends normalised), or None with the reason reported."""
    return read_stamped(shown, path, problems)[0]


Stamp = tuple[int, int]  # a file's (modification time in ns, size), as the kept answers are keyed


def read_stamped(shown: str, path: Path, problems: Problems) -> tuple[str | None, Stamp | None]:
    """`read_text`, and the stamp of the file it read (None where it could not be opened): taken
    from the open file before reading it, so the text is never older than its stamp."""
    try:
        data, stamp = _read_bytes(path)
    except OSError as error:
        problems.error(shown, 1, "file", f"cannot be read ({error.strerror})", "check the file's permissions")
        return None, None
    if data is None:
        problems.error(
            shown,
            1,
            "file",
            f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
            "letters are text; keep scans in originals/",
        )
        return None, stamp
    return _decoded(shown, data, problems), stamp


def _read_bytes(path: Path) -> tuple[bytes | None, Stamp | None]:
    """(the file's bytes, or None if it is larger than MAX_FILE_BYTES; its stamp). One open, one
    status and the reads, by descriptor (pathlib's read_bytes took a status of its own), and never
    more than MAX_FILE_BYTES and a byte read, even from a file that grows meanwhile."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        # As before: a file too large is said so even where it cannot be opened; else why it cannot.
        if os.stat(path).st_size > MAX_FILE_BYTES:
            return None, None
        raise
    try:
        status = os.fstat(descriptor)
        stamp = (status.st_mtime_ns, status.st_size)
        if status.st_size > MAX_FILE_BYTES:
            return None, stamp
        # The size and a byte (each read is allocated at the size asked), then until the end.
        # A read of a regular file that returns less than it asked for has met the end: no
        # read more is made to hear so (one system call a letter, of a whole check's thousands).
        chunks, read, wanted = [], 0, status.st_size + 1
        while chunk := os.read(descriptor, asked := min(wanted, MAX_FILE_BYTES + 1 - read)):
            chunks.append(chunk)
            read += len(chunk)
            if read > MAX_FILE_BYTES:
                return None, stamp
            if len(chunk) < asked and stat.S_ISREG(status.st_mode):
                break
            wanted = 65536
    finally:
        os.close(descriptor)
    return (chunks[0] if len(chunks) == 1 else b"".join(chunks)), stamp


def _decoded(shown: str, data: bytes, problems: Problems) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.error(
            shown,
            1,
            "file",
            "the file is saved as UTF-16 text",
            "save it again as UTF-8 (in Notepad: Save as → Encoding: UTF-8)",
        )
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.error(
            shown,
            line,
            "file",
            "this is a binary file, not text",
            "letters are Markdown text; put scans and PDFs in the case's originals/ folder",
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            shown,
            line,
            "file",
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start})",
            "save it again as UTF-8 in your editor",
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
