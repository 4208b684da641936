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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from docket_archive.domain.model import Archive, Case, Letter, Person, StandingSearch
from docket_archive.domain.problems import Problem, Problems
from docket_archive.formats.bodytext import MAX_NESTING, has_visible_text, nesting_too_deep
from docket_archive.formats.characters import line_problems
from docket_archive.formats.letterfile import FrontMatterError, LetterText, split
from docket_archive.runtime.parallel import spread

from .acrossletters import check_across
from .archivefiles import ArchiveFiles, Stamp, find_files, read_stamped
from .fields import FieldReader, read_fields
from .registries import load_case, load_people, read_yaml
from .searches import load_searches

# `docket new` leaves this where the letter's text goes; publishing it would
# publish an empty letter.
PLACEHOLDER = "<!-- Paste the letter's text here"


def load_archive(
    root: Path,
    load: LetterLoader | None = None,
    find: Callable[[Path, Problems], ArchiveFiles] | None = None,
    load_all: LettersLoader | None = None,
    assemble: Assembler | None = None,
) -> tuple[Archive, Problems]:
    """Read and validate everything under `root` (the letters/ folder).

    `load` reads one letter (default `load_letter`), `load_all` every letter of
    the listing (default: `load` each), and `find` lists the files (default
    `find_files`); `mkdocs serve` passes a cache that keeps the letters, and the
    list, that did not change between rebuilds."""
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
    if load_all is not None:
        letters = load_all(files, registry, problems)
    elif load is load_letter:
        letters = _read_letters(files, registry, problems)
    else:
        letters = [letter for path in files.letters if (letter := load(files, path, registry, problems))]
    searches = load_searches(files, problems)
    archive, across = (assemble or assemble_archive)(registry, letters, searches)
    problems.extend(across)
    return archive, problems


def assemble_archive(
    registry: Archive, letters: list[Letter], searches: tuple[StandingSearch, ...]
) -> tuple[Archive, list[Problem]]:
    """The archive of the registries and these letters (in any order), and what the checks
    across letters find in it."""
    letters.sort(key=lambda letter: letter.sort_key)
    archive = replace(with_described(registry, letters), searches=searches)
    return archive, check_across(archive)


def with_described(registry: Archive, letters: list[Letter]) -> Archive:
    """The archive: the registries, plus the people and cases letters describe (`new_people`,
    `new_case`) that are not in them yet, so the site shows them. The first letter to describe
    one is taken (`check_across` reports letters that describe it otherwise); the registries win."""
    people, cases = described(registry, letters)
    return Archive(cases=cases, people=people, letters=tuple(letters))


def described(registry: Archive, letters: Iterable[Letter]) -> tuple[dict[str, Person], dict[str, Case]]:
    """(people, cases): the registries', then those the letters (oldest first) describe; only the
    letters that describe one matter (`acrossletters.describes`)."""
    people, cases = dict(registry.people), dict(registry.cases)
    for letter in letters:
        for person in letter.new_people:
            people.setdefault(person.key, person)
        if letter.new_case is not None:
            cases.setdefault(letter.new_case.key, letter.new_case)
    return people, cases


# The registries, every letter read (in any order) and the standing searches, into the archive
# and what the checks across letters find (`assemble_archive`; `serve/keptarchive.py` under serve).
Assembler = Callable[[Archive, list[Letter], tuple[StandingSearch, ...]], tuple[Archive, list[Problem]]]
LetterLoader = Callable[[ArchiveFiles, Path, Archive, Problems], Letter | None]
LettersLoader = Callable[[ArchiveFiles, Archive, Problems], list[Letter]]  # every letter of the listing, in its order


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
    return load_stamped(files, path, registry, problems)[0]


def load_stamped(
    files: ArchiveFiles, path: Path, registry: Archive, problems: Problems, shown: str = ""
) -> tuple[Letter | None, Stamp | None]:
    """`load_letter`, and the stamp of the file as it was read (`read_stamped`). `shown` is
    `files.shown(path)`, where the caller has it already."""
    shown = shown or files.shown(path)
    mine = Problems()
    text, stamp = read_stamped(shown, path, mine)
    parts = _split(text, shown, mine) if text is not None else None
    letter = _letter(files, path, parts, registry, mine, shown) if parts is not None else None
    problems.extend(mine)
    return (letter if letter is not None and not mine.error_count() else None), stamp


def _split(text: str, shown: str, problems: Problems) -> LetterText | None:
    try:
        parts = split(text)
    except FrontMatterError as exc:
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
    elif (deep := nesting_too_deep(parts.body)) is not None:
        problems.error(
            shown,
            parts.body_line + deep,
            "text",
            f"the text is nested too deeply here (lists in lists, or quotations in quotations, past about {MAX_NESTING // 2}"
            " levels): this and everything after it would be left off the page",
            "indent less: a letter's lists need a few levels; write deeper points as a plain list or as text",
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
    files: ArchiveFiles, path: Path, parts: LetterText, registry: Archive, problems: Problems, shown: str
) -> Letter | None:
    located = read_yaml(files, path, parts.front, parts.front_line, "letter", problems, shown)
    if located is None:
        return None
    reader = FieldReader(located.data, located, registry, files, path, problems, shown)
    values = read_fields(reader)
    if not values["cases"] or not values["title"] or values["date"] is None:
        return None  # reported: by the schema, or as an unknown case
    return Letter(source=shown, body=parts.body, body_line=parts.body_line, **values)
