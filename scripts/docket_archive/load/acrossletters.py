"""Checks that need the whole archive: duplicate ids, clashing names, references."""

from __future__ import annotations

from collections import defaultdict

from docket_archive.domain.model import Archive
from docket_archive.domain.problems import Problem, Severity

# Keys that would give a generated page the path of an index page: a case keyed
# "index" would replace the list of cases, a person keyed "firms" the firms page.
RESERVED = {
    "case": {"index"},
    "person": {"index", "firms"},
    "topic": {"index"},
}


def check_across(archive: Archive) -> list[Problem]:
    return [*_duplicate_ids(archive), *_sequences(archive), *_reserved_names(archive), *_references(archive)]


def _duplicate_ids(archive: Archive) -> list[Problem]:
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
    found = []
    series: dict[tuple[str, str, int], str] = {}
    for letter in archive.letters:
        if letter.sequence is None:
            continue
        key = (letter.case, letter.type.lower(), letter.sequence)
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
    for letter in archive.letters:
        found += [
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
    return found


def _references(archive: Archive) -> list[Problem]:
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
        for ref in letter.letter_references
        if archive.find_letter(ref) is None
    ]
