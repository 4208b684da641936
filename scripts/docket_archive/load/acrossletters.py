"""Checks that need the whole archive: duplicate ids, clashing names, references."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from docket_archive.domain.model import Archive, Case, LetterReference, Person
from docket_archive.domain.problems import Problem, Severity

# Keys that would give a generated page the path of an index page: a case keyed
# "index" would replace the list of cases, a person keyed "firms" the firms page.
RESERVED = {
    "case": {"index"},
    "person": {"index", "firms"},
    "topic": {"index"},
}


def check_across(archive: Archive) -> list[Problem]:
    return [
        *_duplicate_ids(archive),
        *_sequences(archive),
        *_reserved_names(archive),
        *_references(archive),
        *_descriptions(archive),
    ]


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


def _sequences(archive: Archive) -> list[Problem]:
    keys = [key for letter in archive.letters if (key := letter.series) is not None]
    if len(set(keys)) == len(keys):
        return []  # no number twice in a series: the usual case, found without a loop in Python
    found = []
    series: dict[tuple[str, str, int], str] = {}
    for letter in archive.letters:
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


def _reserved_names(archive: Archive) -> list[Problem]:
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
    reserved_topics = RESERVED["topic"]
    for letter in archive.letters:
        if letter.tags and not reserved_topics.isdisjoint(letter.tags):
            found += [
                Problem(
                    letter.source,
                    1,
                    "tags",
                    f"a topic cannot be called '{tag}': its page would replace the list of topics",
                    "choose another word for the topic",
                )
                for tag in letter.tags
                if tag in reserved_topics
            ]
    return found


def _references(archive: Archive) -> list[Problem]:
    # `_names_no_letter`, written out: a call a reference was a third of a save at 100,000 letters.
    by_id, has_letters_on = archive.letter_by_id, archive.has_letters_on
    return [
        Problem(
            letter.source,
            ref.line,
            "references, letters",
            f"'{ref.text}' is not in the archive",
            "fine if that letter was never archived; add it to letters/ to link it",
            Severity.WARNING,
        )
        for letter in archive.letters
        if letter.letter_references
        for ref in letter.letter_references
        if (ref.id not in by_id if ref.id else ref.date is None or not has_letters_on(ref.case, ref.date))
    ]


def _names_no_letter(archive: Archive, ref: LetterReference) -> bool:
    """`archive.find_letter(ref) is None`, without gathering the candidates (a test keeps them equal):
    its type and number only choose among the letters of the day, never rule them all out."""
    if ref.id:
        return ref.id not in archive.letter_by_id
    return ref.date is None or not archive.has_letters_on(ref.case, ref.date)


def _descriptions(archive: Archive) -> list[Problem]:
    """A person or case described by several letters (`new_people`, `new_case`) must be described alike:
    the site shows the first letter's description, and a key points to one person or case."""
    found = []
    for letter in archive.letters:
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
