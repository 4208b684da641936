"""A letter's front matter, validated by the schema, into a `Letter`: the table of fields.

The JSON Schema says what each field may hold; this module resolves what the
schema cannot know: people by key, name or alias, cases by key, the
references' default case, the original file and its checksum. `FIELDS` is the
one table the loader reads a letter through: each field of the schema, the
`Letter` attribute(s) it fills and how it is read. A test checks the table
against the schema and the model, and loads a letter with every field set to
see each attribute filled, so a field the loader never reads fails the suite.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from docket_archive.domain.model import (
    Archive,
    Author,
    Case,
    CopyRecipient,
    DatedEvent,
    DocketReference,
    Endorsement,
    LetterReference,
    OriginalFile,
    OwnDocketEntry,
    Person,
    SignedFor,
)
from docket_archive.domain.problems import Problems
from docket_archive.formats.fieldnames import describe
from docket_archive.formats.safeyaml import LocatedYaml, Path_

from .archivefiles import CASE_KEY, LETTER_NAME, ArchiveFiles
from .registries import case_from, people_from
from .typedvalues import as_date, as_int, as_str, as_strings, is_real_date

Day = date  # the type, under a name that the method `date` does not hide


Value = TypeVar("Value")


class _once(Generic[Value]):  # lower case: a decorator, as cached_property is
    """`functools.cached_property` without its lock: Python 3.11 takes one at each first use,
    and a reader's five were a tenth of reading a letter's fields. A reader is one thread's."""

    def __init__(self, compute: Callable[[Any], Value]) -> None:
        self.compute = compute
        self.name = compute.__name__

    def __get__(self, reader: Any, owner: type | None = None) -> Value:
        value = self.compute(reader)
        reader.__dict__[self.name] = value  # asked again, the attribute answers, not this
        return value


@dataclass
class FieldReader:
    """Reads one letter's fields, reporting what only the registries and the files can tell is wrong."""

    data: dict[str, Any]
    located: LocatedYaml
    registry: Archive  # people and cases (no letters yet)
    files: ArchiveFiles
    path: Path  # the letter file
    problems: Problems
    shown: str = ""  # the file as people see it: `files.shown(path)` unless the caller has it already

    def __post_init__(self) -> None:
        self.shown = self.shown or self.files.shown(self.path)

    # -- people and a case the letter describes, not in the registries yet ---------

    @_once
    def described_people(self) -> dict[str, Person]:
        """`new_people`: someone new, described as people.yml would, so that a letter proposed
        by one click (the site's form) needs no second file. Accepted with a warning."""
        found = people_from(_mapping(self.data.get("new_people")), self.shown)
        registered = self.registry.people
        kept: dict[str, Person] = {}
        for key, person in found.items():
            where: Path_ = ("new_people", key)
            if key in registered:
                differs = "" if registered[key].name == person.name else f" (as {registered[key].name})"
                self.warning(
                    where,
                    f"'{key}' is in letters/people.yml now{differs}",
                    "remove it from new_people: the entry in people.yml is the one used",
                )
                continue
            owner = next(
                (
                    other
                    for name in (person.name, *person.aliases)
                    if (other := self.registry.find_person(name)) is not None
                ),
                None,
            )
            if owner is not None:
                self.error(
                    where,
                    f"{person.name} is already in letters/people.yml as {owner.name} ({owner.key})",
                    f"name them by the key {owner.key} and remove this entry from new_people",
                )
                continue
            kept[key] = person
            self.warning(
                where,
                f"{person.name} is not in letters/people.yml yet: this letter describes them",
                "fine for a pull request; to describe them once for every letter, move the entry to letters/people.yml",
            )
        return kept

    @_once
    def _with_described_people(self) -> Archive:
        if not self.described_people:
            return self.registry
        return Archive(people={**self.registry.people, **self.described_people}, cases=self.registry.cases)

    @_once
    def described_case(self) -> Case | None:
        """`new_case`: the letter's case, where its folder has no case.yml yet, described as case.yml would."""
        raw = self.data.get("new_case")
        if not isinstance(raw, dict):
            return None
        folder = self.path.parent.name
        if folder in self.registry.cases:
            self.warning(
                ("new_case",),
                f"the case is in letters/{folder}/case.yml now",
                "remove new_case: case.yml is the one used",
            )
            return None
        if not CASE_KEY.match(folder):
            self.error(
                ("new_case",),
                f"case folder '{folder}' is not a valid case key",
                "rename the folder to lower-case words joined by hyphens, e.g. lexington-precision",
            )
            return None
        people = self._with_described_people
        case = case_from(raw, folder, self.located, ("new_case",), people, self.shown, self.problems, self.shown)
        if case is not None:
            self.warning(
                ("new_case",),
                f"case '{folder}' has no letters/{folder}/case.yml yet: this letter describes it",
                f"fine for a pull request; to describe it once for every letter, move the fields of new_case to letters/{folder}/case.yml",
            )
        return case

    @_once
    def known(self) -> Archive:
        """The registries, with what this letter describes: the people and cases its fields may name."""
        people = self._with_described_people
        case = self.described_case
        if case is None:
            return people
        return Archive(people=people.people, cases={**people.cases, case.key: case})

    @_once
    def case_keys(self) -> tuple[str, ...]:
        return self.cases()

    @property
    def first_case(self) -> str:
        """The case references default to: the letter's first case, or its folder's while that is wrong."""
        return self.case_keys[0] if self.case_keys else self.path.parent.name

    def error(self, where: Path_, message: str, hint: str) -> None:
        self.problems.error(self.shown, self.located.line_of(where), describe(where), message, hint)

    def warning(self, where: Path_, message: str, hint: str) -> None:
        self.problems.warning(self.shown, self.located.line_of(where), describe(where), message, hint)

    def person(self, value: Any, where: Path_) -> str | None:
        if not isinstance(value, str):
            return None  # missing or wrong type: the schema has reported it
        person = self.known.find_person(value)
        if person is None:
            self.error(where, f"unknown person '{value}'", self.known.suggest_person(value))
            return None
        return person.key

    def id(self) -> str:
        return as_str(self.data.get("id")) or f"{self.first_case}/{self.path.stem}"

    def date(self) -> Day | None:
        # The file name carries the date so that folders sort chronologically; the
        # two must agree or the archive's order would silently be wrong.
        name_date = LETTER_NAME.match(self.path.name)["date"]  # type: ignore[index]  # only letter names get here
        letter_date = as_date(self.data.get("date"))
        if not is_real_date(name_date):
            self.problems.error(
                self.shown,
                1,
                "file",
                f"the file name's date {name_date} does not exist",
                "rename the file with the letter's real date",
            )
        elif letter_date and name_date != letter_date.isoformat():
            self.error(
                ("date",),
                f"the date {letter_date.isoformat()} differs from the date {name_date} in the file name",
                f"rename the file to {letter_date.isoformat()}-{self.path.name[11:]} or correct the date",
            )
        return letter_date

    def text(self, name: str) -> str:
        return as_str(self.data.get(name))

    def texts(self, name: str) -> tuple[str, ...]:
        return as_strings(self.data.get(name))

    def number(self, name: str) -> int | None:
        return as_int(self.data.get(name))

    def day(self, name: str) -> Day | None:
        return as_date(self.data.get(name))

    def cases(self) -> tuple[str, ...]:
        folder = self.path.parent.name
        raw = self.data.get("case")
        listed = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
        keys = []
        for index, value in enumerate(listed):
            where: Path_ = ("case",) if isinstance(raw, str) else ("case", index)
            if isinstance(value, str) and self._known_case(value, where):
                keys.append(value)
        if keys and keys[0] != folder:
            self.error(
                ("case",),
                f"the letter is in folder '{folder}' but its (first) case is '{keys[0]}'",
                f"move the file to letters/{keys[0]}/, or list '{folder}' first",
            )
        return tuple(keys)

    def _known_case(self, value: str, where: Path_) -> bool:
        if value in self.known.cases:
            return True
        named = [
            case.key
            for case in self.known.cases.values()
            if value.strip().lower()
            in {case.caption.lower(), case.number.lower(), *(n.lower() for n in case.other_numbers)}
        ]
        if named:
            self.error(
                where, f"'{value}' names the case by its caption or number", f"write the case's key: `case: {named[0]}`"
            )
        else:
            known = ", ".join(sorted(self.registry.cases)) or "none yet"
            self.error(
                where,
                f"unknown case '{value}'",
                f"use one of the registered cases ({known}), or add letters/{value}/case.yml"
                " (or describe it in this letter under new_case)",
            )
        return False

    def authors(self) -> tuple[Author, ...]:
        found = []
        for index, entry in enumerate(_items(self.data.get("authors"))):
            key = self.person(entry.get("person"), ("authors", index, "person"))
            if key:
                firm = as_str(entry.get("firm")) or self.known.people[key].firm
                found.append(Author(key, firm, as_strings(entry.get("on_behalf_of")), as_str(entry.get("role"))))
        return tuple(found)

    def signed_for(self) -> SignedFor | None:
        entry = self.data.get("signed_for")
        if not isinstance(entry, dict):
            return None
        key = self.person(entry.get("person"), ("signed_for", "person"))
        return SignedFor(key, as_str(entry.get("role"))) if key else None

    def addressees(self) -> tuple[str, ...]:
        raw = self.data.get("addressee")
        listed = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
        keys = [
            self.person(value, ("addressee",) if isinstance(raw, str) else ("addressee", index))
            for index, value in enumerate(listed)
        ]
        return tuple(key for key in keys if key)

    def cc(self) -> tuple[CopyRecipient, ...]:
        found = []
        for index, entry in enumerate(_items(self.data.get("cc"))):
            key = self.person(entry["person"], ("cc", index, "person")) if "person" in entry else ""
            if key is None:
                continue
            found.append(
                CopyRecipient(
                    person=key,
                    name=as_str(entry.get("name")),
                    via=as_str(entry.get("via")),
                    role=as_str(entry.get("role")),
                    enclosure=entry.get("enclosure") is True,
                )
            )
        return tuple(found)

    def endorsement(self) -> Endorsement | None:
        entry = self.data.get("endorsement")
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            return None
        by = self.person(entry["by"], ("endorsement", "by")) if "by" in entry else ""
        return Endorsement(as_str(entry["text"]), as_str(entry.get("kind")), as_date(entry.get("date")), by or "")

    def events(self, name: str) -> tuple[DatedEvent, ...]:
        found = []
        for entry in _items(self.data.get(name)):
            when = as_date(entry.get("date"))
            if when and isinstance(entry.get("what"), str):
                found.append(DatedEvent(when, as_str(entry["what"]), as_str(entry.get("time"))))
        return tuple(sorted(found, key=lambda e: (e.date, e.time)))

    def references(self) -> tuple[tuple[LetterReference, ...], tuple[DocketReference, ...]]:
        return self.letter_references(self.first_case), self.docket_references(self.first_case)

    def letter_references(self, case: str) -> tuple[LetterReference, ...]:
        refs = []
        for index, ref in enumerate(_items(_mapping(self.data.get("references")).get("letters"))):
            where: Path_ = ("references", "letters", index)
            if not isinstance(ref.get("text"), str):
                continue
            ref_case = as_str(ref.get("case")) or case
            if ref_case not in self.known.cases:
                self.error(
                    (*where, "case"),
                    f"unknown case '{ref_case}'",
                    f"use one of: {', '.join(sorted(self.known.cases))}",
                )
            refs.append(
                LetterReference(
                    text=as_str(ref["text"]),
                    case=ref_case,
                    date=as_date(ref.get("date")),
                    id=as_str(ref.get("id")),
                    type=as_str(ref.get("type")),
                    sequence=as_int(ref.get("sequence")),
                    line=self.located.line_of(where),
                )
            )
        return tuple(refs)

    def docket_references(self, case: str) -> tuple[DocketReference, ...]:
        refs = []
        for index, ref in enumerate(_items(_mapping(self.data.get("references")).get("docket"))):
            if not isinstance(ref.get("text"), str):
                continue
            ref_case = as_str(ref.get("case")) or case
            if ref_case not in self.known.cases:
                where: Path_ = ("references", "docket", index, "case")
                self.error(where, f"unknown case '{ref_case}'", f"use one of: {', '.join(sorted(self.known.cases))}")
            refs.append(
                DocketReference(
                    as_str(ref["text"]),
                    ref_case,
                    as_date(ref.get("date")),
                    as_str(ref.get("number")),
                    as_str(ref.get("title")),
                )
            )
        return tuple(refs)

    def docket_entry(self) -> OwnDocketEntry | None:
        entry = self.data.get("docket_entry")
        if not isinstance(entry, dict) or not isinstance(entry.get("number"), str):
            return None
        entry_case = as_str(entry.get("case")) or self.first_case
        if entry_case not in self.known.cases:
            self.error(
                ("docket_entry", "case"),
                f"unknown case '{entry_case}'",
                f"use one of: {', '.join(sorted(self.known.cases))}",
            )
        return OwnDocketEntry(as_str(entry["number"]), entry_case, as_date(entry.get("filed")))

    def original(self) -> OriginalFile | None:
        raw = self.data.get("original")
        if not (isinstance(raw, dict) and isinstance(raw.get("path"), str) and isinstance(raw.get("sha256"), str)):
            return None
        relative = f"{self.path.parent.name}/{raw['path']}"
        if relative not in self.files.originals and relative not in self.files.unpublished:
            self.error(
                ("original", "path"),
                f"the original file letters/{relative} is not in the archive (or cannot be published)",
                f"add the file as letters/{relative}, or correct the path",
            )
            return None
        actual = hashlib.sha256((self.files.root / relative).read_bytes()).hexdigest()
        if actual != raw["sha256"]:
            self.error(
                ("original", "sha256"),
                "does not match the original file's content",
                f"if letters/{relative} is the right file, set `sha256: {actual}`",
            )
        return OriginalFile(relative, raw["sha256"])

    def review(self) -> None:
        """Fields `docket import` was unsure of: the letter waits until a person confirms each."""
        for field, why in _mapping(self.data.get("review")).items():
            self.error(
                ("review", str(field)),
                f"'{field}' is not yet confirmed by a person ({why})",
                f"check {field} against the original, then run `docket review {self.shown}` (or delete this line)",
            )


@dataclass(frozen=True)
class Field:
    """How one field of the schema fills the Letter: the attribute(s) and the reading."""

    attributes: tuple[str, ...]  # none for a field that is checked but never shown (review)
    read: Callable[[FieldReader], Any]  # one value per attribute (a tuple for several)


def _one(attribute: str, read: Callable[[FieldReader], Any]) -> Field:
    return Field((attribute,), read)


# Every field of the letter schema, in the schema's order: the loader reads a
# letter through this table and nothing else.
FIELDS: dict[str, Field] = {
    "id": _one("id", FieldReader.id),
    "title": _one("title", lambda r: r.text("title")),
    "date": _one("date", FieldReader.date),
    "case": _one("cases", lambda r: r.case_keys),
    "type": _one("type", lambda r: r.text("type")),
    "sequence": _one("sequence", lambda r: r.number("sequence")),
    "authors": _one("authors", FieldReader.authors),
    "signed_for": _one("signed_for", FieldReader.signed_for),
    "addressee": _one("addressees", FieldReader.addressees),
    "cc": _one("cc", FieldReader.cc),
    "delivery": _one("delivery", lambda r: r.text("delivery")),
    "summary": _one("summary", lambda r: r.text("summary")),
    "tags": _one("tags", lambda r: r.texts("tags")),
    "relief_requested": _one("relief_requested", lambda r: r.texts("relief_requested")),
    "enclosures": _one("enclosures", lambda r: r.texts("enclosures")),
    "endorsement": _one("endorsement", FieldReader.endorsement),
    "hearings": _one("hearings", lambda r: r.events("hearings")),
    "deadlines": _one("deadlines", lambda r: r.events("deadlines")),
    "references": Field(("letter_references", "docket_references"), FieldReader.references),
    "next_report_due": _one("next_report_due", lambda r: r.day("next_report_due")),
    "docket_entry": _one("docket_entry", FieldReader.docket_entry),
    "original": _one("original", FieldReader.original),
    # Worked out as soon as the letter names anyone (any name may point to them); listed in the schema's order.
    "new_people": _one("new_people", lambda r: tuple(r.described_people.values())),
    "new_case": _one("new_case", lambda r: r.described_case),
    # Confirmed by a person before the letter can be published; never on a page.
    "review": Field((), FieldReader.review),
}


def read_fields(reader: FieldReader) -> dict[str, Any]:
    """Every field read through FIELDS: {Letter attribute: value}. Problems go to the reader's list."""
    values: dict[str, Any] = {}
    for field in FIELDS.values():
        read = field.read(reader)
        if len(field.attributes) == 1:
            values[field.attributes[0]] = read
        elif field.attributes:
            values.update(zip(field.attributes, read, strict=True))
    return values


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
