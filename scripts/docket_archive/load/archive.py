"""Loading `letters/` into a validated Archive, collecting every problem.

    archivefiles   which file is what (links, hidden files, unsafe originals reported)
    registries     people.yml and each case.yml
    letterfields   a letter's front matter into a Letter, people and cases resolved
    crosscheck     what needs every letter: duplicate ids, clashes, references

A letter with errors is left out of the Archive, and its errors are reported;
the build refuses to run while there are errors, so no letter is ever silently
lost from the site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from docket_archive.domain.model import Archive, Letter, OriginalFile
from docket_archive.domain.problems import Problem, Problems
from docket_archive.formats import frontmatter
from docket_archive.formats.bodytext import has_visible_text
from docket_archive.formats.characters import line_problems
from docket_archive.runtime.parallel import spread

from .acrossletters import check_across
from .archivefiles import LETTER_NAME, ArchiveFiles, find_files, read_text
from .fields import FieldReader
from .registries import load_case, load_people, read_yaml
from .typedvalues import as_date, as_int, as_str, as_strings, is_real_date

# `docket new` leaves this where the letter's text goes; publishing it would
# publish an empty letter.
PLACEHOLDER = "<!-- Paste the letter's text here"


def load_archive(
    root: Path, load: LetterLoader | None = None, find: Callable[[Path, Problems], ArchiveFiles] | None = None
) -> tuple[Archive, Problems]:
    """Read and validate everything under `root` (the letters/ folder).

    `load` reads one letter (default `load_letter`) and `find` lists the files
    (default `find_files`); `mkdocs serve` passes a cache that keeps the
    letters, and the list, that did not change between rebuilds."""
    load = load or load_letter
    find = find or find_files
    root = Path(root)
    problems = Problems()
    if not root.is_dir():
        problems.error(
            root,
            1,
            "folder",
            "the letters folder does not exist",
            "run `docket check` on the archive's letters/ folder",
        )
        return Archive(), problems
    files = find(root, problems)
    registry = Archive(people=load_people(files, problems))
    cases = {}
    for path in files.cases:
        case = load_case(files, path, registry, problems)
        if case:
            cases[case.key] = case
    registry = Archive(people=registry.people, cases=cases)
    if load is load_letter:
        letters = _read_letters(files, registry, problems)
    else:
        letters = [letter for path in files.letters if (letter := load(files, path, registry, problems))]
    letters.sort(key=lambda letter: letter.sort_key)
    archive = Archive(cases=cases, people=registry.people, letters=tuple(letters))
    problems.extend(check_across(archive))
    return archive, problems


LetterLoader = Callable[[ArchiveFiles, Path, Archive, Problems], Letter | None]


def _read_letters(files: ArchiveFiles, registry: Archive, problems: Problems) -> list[Letter]:
    """Every letter file read and validated, on as many cores as pay (`cores.spread`)."""

    def read(paths: Sequence[Path]) -> list[tuple[Letter | None, list[Problem]]]:
        read_ = []
        for path in paths:
            mine = Problems()
            read_.append((load_letter(files, path, registry, mine), mine.items))
        return read_

    letters = []
    for letter, found in spread(read, files.letters):
        problems.extend(found)
        if letter is not None:
            letters.append(letter)
    return letters


def load_letter(files: ArchiveFiles, path: Path, registry: Archive, problems: Problems) -> Letter | None:
    """One letter file into a Letter, or None with every problem reported."""
    shown = files.shown(path)
    mine = Problems()
    text = read_text(shown, path, mine)
    parts = _split(text, shown, mine) if text is not None else None
    letter = _letter(files, path, parts, registry, mine) if parts is not None else None
    problems.extend(mine)
    return letter if letter is not None and not mine.error_count() else None


def _split(text: str, shown: str, problems: Problems) -> frontmatter.Split | None:
    try:
        parts = frontmatter.split(text)
    except frontmatter.FrontMatterError as exc:
        problems.error(shown, exc.line, "front matter", exc.message, exc.hint)
        return None
    problems.extend(line_problems(parts.body, shown, parts.body_line, yaml_text=False))
    if PLACEHOLDER in parts.body:
        line = parts.body_line + parts.body[: parts.body.index(PLACEHOLDER)].count("\n")
        problems.error(
            shown,
            line,
            "text",
            "`docket new`'s placeholder is still in the text",
            "paste the letter's text in its place",
        )
    elif not has_visible_text(parts.body):
        # Blank, a comment, or markup with no words: the page would be empty.
        problems.error(
            shown,
            parts.body_line,
            "text",
            "the letter has no text a reader would see",
            "paste the letter's text below the second ---",
        )
    return parts


def _letter(
    files: ArchiveFiles, path: Path, parts: frontmatter.Split, registry: Archive, problems: Problems
) -> Letter | None:
    shown = files.shown(path)
    located = read_yaml(files, path, parts.yaml_text, parts.yaml_first_line, "letter", problems)
    if located is None:
        return None
    data = located.data
    fields = FieldReader(data, located, registry, shown, problems)
    _check_date(path, data, located.line_of(("date",)), shown, problems)
    cases = fields.cases(path.parent.name)
    fields.review()
    if not cases or not isinstance(data.get("title"), str) or not as_date(data.get("date")):
        return None
    return Letter(
        id=as_str(data.get("id")) or f"{cases[0]}/{path.stem}",
        source=shown,
        title=as_str(data.get("title")),
        date=as_date(data["date"]),  # type: ignore[arg-type]  # checked above
        cases=cases,
        type=as_str(data.get("type")),
        authors=fields.authors(),
        addressees=fields.addressees(),
        summary=as_str(data.get("summary")),
        body=parts.body,
        body_line=parts.body_line,
        sequence=as_int(data.get("sequence")),
        signed_for=fields.signed_for(),
        cc=fields.cc(),
        delivery=as_str(data.get("delivery")),
        tags=as_strings(data.get("tags")),
        relief_requested=as_strings(data.get("relief_requested")),
        enclosures=as_strings(data.get("enclosures")),
        endorsement=fields.endorsement(),
        hearings=fields.events("hearings"),
        deadlines=fields.events("deadlines"),
        letter_references=fields.letter_references(cases[0]),
        docket_references=fields.docket_references(cases[0]),
        next_report_due=as_date(data.get("next_report_due")),
        docket_entry=fields.docket_entry(cases[0]),
        original=_original(files, path, fields),
    )


def _check_date(path: Path, data: dict, line: int, shown: str, problems: Problems) -> None:
    # The file name carries the date so that folders sort chronologically; the
    # two must agree or the archive's order would silently be wrong.
    name_date = LETTER_NAME.match(path.name)["date"]  # type: ignore[index]  # only letter names get here
    letter_date = as_date(data.get("date"))
    if not is_real_date(name_date):
        problems.error(
            shown,
            1,
            "file",
            f"the file name's date {name_date} does not exist",
            "rename the file with the letter's real date",
        )
    elif letter_date and name_date != letter_date.isoformat():
        problems.error(
            shown,
            line,
            "date",
            f"the date {letter_date.isoformat()} differs from the date {name_date} in the file name",
            f"rename the file to {letter_date.isoformat()}-{path.name[11:]} or correct the date",
        )


def _original(files: ArchiveFiles, path: Path, fields: FieldReader) -> OriginalFile | None:
    raw = fields.data.get("original")
    if not (isinstance(raw, dict) and isinstance(raw.get("path"), str) and isinstance(raw.get("sha256"), str)):
        return None
    relative = f"{path.parent.name}/{raw['path']}"
    if relative not in files.originals:
        fields.error(
            ("original", "path"),
            f"the original file letters/{relative} is not in the archive (or cannot be published)",
            f"add the file as letters/{relative}, or correct the path",
        )
        return None
    actual = hashlib.sha256((files.root / relative).read_bytes()).hexdigest()
    if actual != raw["sha256"]:
        fields.error(
            ("original", "sha256"),
            "does not match the original file's content",
            f"if letters/{relative} is the right file, set `sha256: {actual}`",
        )
    return OriginalFile(relative, raw["sha256"])
