"""Checks that need the whole archive: duplicate ids, clashing names, references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from docket_archive.domain.model import Archive, Case, Letter, LetterReference, Person
from docket_archive.domain.problems import Problem, Severity

# Keys that would give a generated page the path of an index page: a case keyed
# "index" would replace the list of cases, a person keyed "firms" the firms page.
RESERVED = {
    "case": {"index"},
    "person": {"index", "firms"},
    "topic": {"index"},
}


def check_across(archive: Archive) -> list[Problem]:
    by_id, has_letters_on = archive.letter_by_id, archive.has_letters_on
    return [
        *_duplicate_ids(archive),
        *sequence_problems(archive.letters),
        *registry_name_problems(archive),
        *[problem for letter in archive.letters if letter.tags for problem in tag_problems(letter)],
        *[
            problem
            for letter in archive.letters
            if letter.letter_references
            for problem in reference_problems(letter, by_id, has_letters_on)
        ],
        *description_problems(archive, [letter for letter in archive.letters if describes(letter)]),
    ]


# Each check below is also run a letter at a time, on the letters a save changed, by
# `serve/keptarchive.py`, which keeps their answers between the rebuilds of `docket serve`.


def _duplicate_ids(archive: Archive) -> list[Problem]:
    if len(archive.letter_by_id) == len(archive.letters):
        return []  # every id once (the index is built once and used by every later stage)
    by_id = defaultdict(list)
    for letter in archive.letters:
        by_id[letter.id].append(letter)
    return [
        Problem(
            letter.source,
            1,
            "id",
            f"another letter has the same id '{letter_id}': {same[0].source}",
            "each letter needs its own file name within its case; rename one of them",
        )
        for letter_id, same in by_id.items()
        for letter in same[1:]
    ]


def sequence_problems(letters: Sequence[Letter]) -> list[Problem]:
    """A number given twice in a series, reported on each letter after the first (letters oldest first)."""
    keys = [key for letter in letters if (key := letter.series) is not None]
    if len(set(keys)) == len(keys):
        return []  # no number twice in a series: the usual case, found without a loop in Python
    found = []
    series: dict[tuple[str, str, int], str] = {}
    for letter in letters:
        key = letter.series
        if key is None:
            continue
        if key in series:
            found.append(
                Problem(
                    letter.source,
                    1,
                    "sequence",
                    f"{series[key]} is also {letter.type} no. {letter.sequence} of this case",
                    "check the sequence numbers: is one letter archived twice?",
                    Severity.WARNING,
                )
            )
        series[key] = letter.source
    return found


def registry_name_problems(archive: Archive) -> list[Problem]:
    """Cases and people whose key is the path of an index page."""
    found = [
        Problem(
            case.source,
            1,
            "file",
            f"a case cannot be called '{case.key}': its page would replace the list of cases",
            "rename the case folder",
        )
        for case in archive.cases.values()
        if case.key in RESERVED["case"]
    ]
    found += [
        Problem(
            "letters/people.yml",
            1,
            person.key,
            f"a person cannot have the key '{person.key}': that page is taken",
            f"use a key such as '{person.key}-1' or the person's name",
        )
        for person in archive.people.values()
        if person.key in RESERVED["person"]
    ]
    return found


def tag_problems(letter: Letter) -> list[Problem]:
    """A letter's topics whose page would be the list of topics."""
    if not letter.tags or RESERVED["topic"].isdisjoint(letter.tags):
        return []
    return [
        Problem(
            letter.source,
            1,
            "tags",
            f"a topic cannot be called '{tag}': its page would replace the list of topics",
            "choose another word for the topic",
        )
        for tag in letter.tags
        if tag in RESERVED["topic"]
    ]


def reference_problems(
    letter: Letter, by_id: Mapping[str, Letter], has_letters_on: Callable[[str, date], bool]
) -> list[Problem]:
    """The letter's references to letters the archive does not have (`_names_no_letter`, written out:
    a call a reference was a third of a save at 100,000 letters)."""
    return [
        Problem(
            letter.source,
            ref.line,
            "references, letters",
            f"'{ref.text}' is not in the archive",
            "fine if that letter was never archived; add it to letters/ to link it",
            Severity.WARNING,
        )
        for ref in letter.letter_references
        if (ref.id not in by_id if ref.id else ref.date is None or not has_letters_on(ref.case, ref.date))
    ]


Target = tuple[str, str] | tuple[str, str, date]  # ("id", id) or ("day", case, date)


def reference_targets(letter: Letter) -> set[Target]:
    """What the letter's references look for: a letter that comes, goes or moves changes the
    answer only for the references that look for its id or its day."""
    found: set[Target] = set()
    for ref in letter.letter_references:
        if ref.id:
            found.add(("id", ref.id))
        elif ref.date is not None:
            found.add(("day", ref.case, ref.date))
    return found


def targets_of(letter: Letter) -> set[Target]:
    """What the letter is found as: its id, and its day in each of its cases."""
    return {("id", letter.id), *(("day", case, letter.date) for case in letter.cases)}


def _names_no_letter(archive: Archive, ref: LetterReference) -> bool:
    """`archive.find_letter(ref) is None`, without gathering the candidates (a test keeps them equal):
    its type and number only choose among the letters of the day, never rule them all out."""
    if ref.id:
        return ref.id not in archive.letter_by_id
    return ref.date is None or not archive.has_letters_on(ref.case, ref.date)


def describes(letter: Letter) -> bool:
    """Whether the letter describes a person or a case (`new_people`, `new_case`): few do."""
    return bool(letter.new_people) or letter.new_case is not None


def description_problems(archive: Archive, describing: Iterable[Letter]) -> list[Problem]:
    """A person or case described by several letters (`new_people`, `new_case`) must be described alike:
    the site shows the first letter's description, and a key points to one person or case.
    `describing`: the letters that describe one (`describes`), oldest first."""
    found = []
    for letter in describing:
        described: list[tuple[str, Person | Case | None, Person | Case]] = [
            (f"new_people, {p.key}", archive.people.get(p.key), p) for p in letter.new_people
        ]
        if letter.new_case is not None:
            described.append(("new_case", archive.cases.get(letter.new_case.key), letter.new_case))
        for field, shown, mine in described:
            if shown is None or shown.described_in in ("", letter.source):
                continue  # in a registry (the letter says so itself), or this letter's own description
            if _facts(shown) != _facts(mine):
                found.append(
                    Problem(
                        letter.source,
                        1,
                        field,
                        f"'{mine.key}' is described otherwise in {shown.described_in}",
                        "describe it the same way in both letters, or move the entry to the registry"
                        " (letters/people.yml, or the case's case.yml)",
                    )
                )
    return found


def _facts(described: Person | Case) -> Person | Case:
    """What a description says, without where it was written."""
    if isinstance(described, Case):
        return replace(described, described_in="", source="")
    return replace(described, described_in="")
