"""A letter's front matter, validated by the schema, into a `Letter`.

The JSON Schema says what each field may hold; this module resolves what the
schema cannot know: people by key, name or alias, cases by key, and the
references' default case. `READERS` maps every field of the schema to the
`Letter` attribute it fills, and a test checks the two agree, so a field added
to the schema without a reader here (or the reverse) fails the suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docket_archive.domain.model import (
    Archive,
    Author,
    CopyRecipient,
    DatedEvent,
    DocketReference,
    Endorsement,
    LetterReference,
    OwnDocketEntry,
    SignedFor,
)
from docket_archive.domain.problems import Problems
from docket_archive.formats.fieldnames import describe
from docket_archive.formats.safeyaml import LocatedYaml, Path_

from .typedvalues import as_date, as_int, as_str, as_strings

# Schema field -> Letter attribute(s) it fills ("" for fields read elsewhere).
READERS = {
    "id": "id",
    "title": "title",
    "date": "date",
    "case": "cases",
    "type": "type",
    "sequence": "sequence",
    "authors": "authors",
    "signed_for": "signed_for",
    "addressee": "addressees",
    "cc": "cc",
    "delivery": "delivery",
    "summary": "summary",
    "tags": "tags",
    "relief_requested": "relief_requested",
    "enclosures": "enclosures",
    "endorsement": "endorsement",
    "hearings": "hearings",
    "deadlines": "deadlines",
    "references": "letter_references docket_references",
    "next_report_due": "next_report_due",
    "docket_entry": "docket_entry",
    "original": "original",
    "review": "",  # confirmed by a person before the letter can be published; never on a page
}


@dataclass
class FieldReader:
    """Reads one letter's fields, reporting what only the registries can tell is wrong."""

    data: dict[str, Any]
    located: LocatedYaml
    registry: Archive  # people and cases (no letters yet)
    shown: str
    problems: Problems

    def error(self, where: Path_, message: str, hint: str) -> None:
        self.problems.error(self.shown, self.located.line_of(where), describe(where), message, hint)

    def person(self, value: Any, where: Path_) -> str | None:
        if not isinstance(value, str):
            return None  # missing or wrong type: the schema has reported it
        person = self.registry.find_person(value)
        if person is None:
            self.error(where, f"unknown person '{value}'", self.registry.suggest_person(value))
            return None
        return person.key

    def cases(self, folder: str) -> tuple[str, ...]:
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
        if value in self.registry.cases:
            return True
        named = [
            case.key
            for case in self.registry.cases.values()
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
                f"use one of the registered cases ({known}), or add letters/{value}/case.yml",
            )
        return False

    def authors(self) -> tuple[Author, ...]:
        found = []
        for index, entry in enumerate(_items(self.data.get("authors"))):
            key = self.person(entry.get("person"), ("authors", index, "person"))
            if key:
                firm = as_str(entry.get("firm")) or self.registry.people[key].firm
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

    def letter_references(self, case: str) -> tuple[LetterReference, ...]:
        refs = []
        for index, ref in enumerate(_items(_mapping(self.data.get("references")).get("letters"))):
            where: Path_ = ("references", "letters", index)
            if not isinstance(ref.get("text"), str):
                continue
            ref_case = as_str(ref.get("case")) or case
            if ref_case not in self.registry.cases:
                self.error(
                    (*where, "case"),
                    f"unknown case '{ref_case}'",
                    f"use one of: {', '.join(sorted(self.registry.cases))}",
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
            if ref_case not in self.registry.cases:
                where: Path_ = ("references", "docket", index, "case")
                self.error(where, f"unknown case '{ref_case}'", f"use one of: {', '.join(sorted(self.registry.cases))}")
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

    def docket_entry(self, case: str) -> OwnDocketEntry | None:
        entry = self.data.get("docket_entry")
        if not isinstance(entry, dict) or not isinstance(entry.get("number"), str):
            return None
        entry_case = as_str(entry.get("case")) or case
        if entry_case not in self.registry.cases:
            self.error(
                ("docket_entry", "case"),
                f"unknown case '{entry_case}'",
                f"use one of: {', '.join(sorted(self.registry.cases))}",
            )
        return OwnDocketEntry(as_str(entry["number"]), entry_case, as_date(entry.get("filed")))

    def review(self) -> None:
        """Fields `docket import` was unsure of: the letter waits until a person confirms each."""
        for field, why in _mapping(self.data.get("review")).items():
            self.error(
                ("review", str(field)),
                f"'{field}' is not yet confirmed by a person ({why})",
                f"check {field} against the original, then run `docket review {self.shown}` (or delete this line)",
            )


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
