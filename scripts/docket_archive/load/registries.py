"""The registries: people.yml (everyone, once) and each case's case.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docket_archive.domain.model import Archive, Case, DocketEntry, Person, normalize_name
from docket_archive.domain.problems import Problems
from docket_archive.formats.fieldnames import describe
from docket_archive.formats.safeyaml import LocatedYaml, load_located
from docket_archive.formats.schemas import schema_errors
from docket_archive.law import courts

from .archivefiles import ArchiveFiles, read_text
from .typedvalues import as_date, as_str, as_strings


def read_yaml(
    files: ArchiveFiles,
    path: Path,
    text: str,
    first_line: int,
    schema_name: str,
    problems: Problems,
    shown: str = "",
) -> LocatedYaml | None:
    """Parse and validate one YAML document; every problem goes to `problems`. `shown` is
    `files.shown(path)`, where the caller has it already (a letter's reading asked four times)."""
    shown = shown or files.shown(path)
    located = load_located(text, shown, first_line)
    problems.extend(located.problems)
    if located.data is None:
        if not located.problems:
            problems.error(
                shown,
                first_line,
                "front matter",
                "no fields are given",
                "fill in the required fields (see the field reference)",
            )
        return None
    if not isinstance(located.data, dict):
        problems.error(
            shown, first_line, "front matter", "must be a set of 'field: value' lines", "see the field reference"
        )
        return None
    problems.extend(schema_errors(schema_name, located, shown))
    return located


def load_people(files: ArchiveFiles, problems: Problems) -> dict[str, Person]:
    if files.people is None:
        return {}
    shown = files.shown(files.people)
    text = read_text(shown, files.people, problems)
    located = read_yaml(files, files.people, text, 1, "people", problems) if text is not None else None
    if located is None:
        return {}
    people = people_from(located.data)
    _check_names_are_unique(people, located, shown, problems)
    return people


def people_from(entries: dict[str, Any], described_in: str = "") -> dict[str, Person]:
    """People from people.yml's entries (or a letter's `new_people`, which have the same form), by key."""
    people: dict[str, Person] = {}
    for key, entry in entries.items():
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            people[str(key)] = Person(
                key=str(key),
                name=as_str(entry["name"]),
                role=as_str(entry.get("role")),
                firm=as_str(entry.get("firm")),
                aliases=as_strings(entry.get("aliases")),
                sort_as=as_str(entry.get("sort_as")),
                described_in=described_in,
            )
    return people


def person_entry(person: Person) -> dict[str, Any]:
    """A person as people.yml (or a letter's `new_people`) writes them: the inverse of `people_from`."""
    entry: dict[str, Any] = {"name": person.name}
    for name in ("role", "firm", "sort_as"):
        if getattr(person, name):
            entry[name] = getattr(person, name)
    if person.aliases:
        entry["aliases"] = list(person.aliases)
    return entry


def case_entry(case: Case) -> dict[str, Any]:
    """A case as case.yml (or a letter's `new_case`) writes it: the inverse of `case_from`."""
    entry: dict[str, Any] = {
        "number": case.number,
        "caption": case.caption,
        "court": case.court.id,
        "judge": case.judge,
    }
    if case.chapter is not None:
        entry["chapter"] = case.chapter
    if case.summary:
        entry["summary"] = case.summary
    if case.docket_entries:
        entry["docket_entries"] = [
            {"date": e.date.isoformat(), "title": e.title}
            | ({"number": e.number} if e.number else {})
            | ({"note": e.note} if e.note else {})
            for e in case.docket_entries
        ]
    if case.other_numbers:
        entry["other_numbers"] = list(case.other_numbers)
    if case.status_marked or case.status != "active":
        entry["status"] = case.status
    if case.status_date is not None:
        entry["status_date"] = case.status_date.isoformat()
    return entry


def _check_names_are_unique(people: dict[str, Person], located: LocatedYaml, shown: str, problems: Problems) -> None:
    """A key, name or alias must lead to one person: otherwise links go to the wrong one."""
    claimed = {normalize_name(key): key for key in people}
    for person in people.values():
        for name in dict.fromkeys(normalize_name(n) for n in (person.name, *person.aliases)):
            owner = claimed.setdefault(name, person.key)
            if owner != person.key:
                line = located.line_of((person.key,))
                what = "the key of" if name == normalize_name(owner) else "also a name or alias of"
                problems.error(
                    shown,
                    line,
                    person.key,
                    f"the name '{name}' is {what} '{owner}'",
                    "a key, name or alias must point to one person; remove it from one of them",
                )


def load_case(files: ArchiveFiles, path: Path, people: Archive, problems: Problems) -> Case | None:
    shown = files.shown(path)
    text = read_text(shown, path, problems)
    located = read_yaml(files, path, text, 1, "case", problems) if text is not None else None
    if located is None:
        return None
    return case_from(located.data, path.parent.name, located, (), people, shown, problems)


def case_from(
    data: dict[str, Any],
    key: str,
    located: LocatedYaml,
    where: tuple[str, ...],
    people: Archive,
    shown: str,
    problems: Problems,
    described_in: str = "",
) -> Case | None:
    """A case from a case.yml's fields (or a letter's `new_case`, at `where` in its front matter)."""
    court = _court(data.get("court"), located, where, shown, problems)
    judge = _judge(data.get("judge"), located, where, people, shown, problems)
    if not (court and judge and isinstance(data.get("number"), str) and isinstance(data.get("caption"), str)):
        return None
    return Case(
        key=key,
        number=as_str(data["number"]),
        caption=as_str(data["caption"]),
        court=court,
        judge=judge,
        chapter=data.get("chapter") if isinstance(data.get("chapter"), int) else None,
        summary=as_str(data.get("summary")),
        docket_entries=_docket_entries(data.get("docket_entries")),
        other_numbers=as_strings(data.get("other_numbers")),
        status=data["status"] if data.get("status") in ("active", "stayed", "closed") else "active",
        status_date=as_date(data.get("status_date")),
        status_marked=data.get("status") in ("active", "stayed", "closed"),
        source=shown,
        described_in=described_in,
    )


def _court(
    value: Any, located: LocatedYaml, where: tuple[str, ...], shown: str, problems: Problems
) -> courts.Court | None:
    if not isinstance(value, str):
        return None
    court = courts.court(value)
    if court is None:
        close = courts.similar_ids(value)
        problems.error(
            shown,
            located.line_of((*where, "court")),
            describe((*where, "court")),
            f"'{value}' is not a court id in courts-db",
            f"did you mean {', '.join(close)}?"
            if close
            else "use the court's courts-db id, e.g. nysb for the Bankruptcy Court, S.D.N.Y.",
        )
    return court


def _judge(
    value: Any, located: LocatedYaml, where: tuple[str, ...], people: Archive, shown: str, problems: Problems
) -> str | None:
    if not isinstance(value, str):
        return None
    person = people.find_person(value)
    if person is None:
        problems.error(
            shown,
            located.line_of((*where, "judge")),
            describe((*where, "judge")),
            f"unknown person '{value}'",
            people.suggest_person(value),
        )
        return None
    return person.key


def _docket_entries(value: Any) -> tuple[DocketEntry, ...]:
    entries = []
    for entry in value if isinstance(value, list) else []:
        when = as_date(entry.get("date")) if isinstance(entry, dict) else None
        if when and isinstance(entry.get("title"), str):
            entries.append(
                DocketEntry(when, as_str(entry["title"]), as_str(entry.get("number")), as_str(entry.get("note")))
            )
    return tuple(sorted(entries, key=lambda e: (e.date, e.number)))
