"""The domain: letters, cases, people and the archive that holds them.

Plain, immutable dataclasses with no knowledge of files, YAML or MkDocs.
The loader builds them from `letters/`; everything downstream (cross-links,
pages, search metadata) only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Person:
    key: str  # registry key, e.g. "adam-strochak"
    name: str  # canonical name, e.g. "Adam P. Strochak"
    role: str = ""  # e.g. "United States Bankruptcy Judge"
    firm: str = ""
    aliases: tuple[str, ...] = ()  # other spellings found in letters

    @property
    def is_judge(self) -> bool:
        return "judge" in self.role.lower()


@dataclass(frozen=True)
class DocketEntry:
    """An item on the court's docket that letters refer to, such as an order."""

    date: date
    title: str  # e.g. "Order regarding mediation"
    number: str = ""  # the docket number (ECF No.), when known
    note: str = ""


@dataclass(frozen=True)
class Court:
    id: str  # courts-db id, e.g. "nysb"
    name: str  # e.g. "United States Bankruptcy Court, S.D. New York"
    citation: str  # e.g. "Bankr. S.D.N.Y."


@dataclass(frozen=True)
class Case:
    key: str  # folder name under letters/, e.g. "lexington-precision"
    number: str  # e.g. "08-11153 (MG)"
    caption: str  # e.g. "In re Lexington Precision Corp., et al."
    court: Court
    judge: str  # person key
    chapter: int | None = None
    summary: str = ""
    docket_entries: tuple[DocketEntry, ...] = ()
    source: str = ""  # case.yml path, relative to the archive root


@dataclass(frozen=True)
class Author:
    person: str  # person key
    firm: str = ""  # as at the time of the letter; defaults to the person's firm
    on_behalf_of: tuple[str, ...] = ()  # the parties the author writes for


@dataclass(frozen=True)
class CopyRecipient:
    person: str  # person key
    via: str = ""  # how the copy was sent, e.g. "e-mail"


@dataclass(frozen=True)
class LetterReference:
    """A reference to another letter: by id, or by case and date."""

    text: str  # how the letter names it, e.g. "the fifth joint status letter dated June 5, 2009"
    case: str  # case key; defaults to the citing letter's case
    date: date | None = None
    id: str = ""  # full letter id "case/stem", when given instead of a date
    type: str = ""
    sequence: int | None = None
    line: int = field(default=1, compare=False)  # where it is written, for messages


@dataclass(frozen=True)
class DocketReference:
    """A reference to a docket entry, such as the Court's March 17, 2009 order."""

    text: str
    date: date
    title: str = ""
    case: str = ""


@dataclass(frozen=True)
class OriginalFile:
    path: str  # relative to the archive root, e.g. "lexington-precision/originals/....txt"
    sha256: str


@dataclass(frozen=True)
class Letter:
    id: str  # "<case>/<stem>" unless the front matter fixes it, e.g. "lexington-precision/2009-06-22-joint-status-letter"
    source: str  # path relative to the archive root
    title: str
    date: date
    case: str  # case key
    type: str  # e.g. "joint status letter"
    authors: tuple[Author, ...]
    addressees: tuple[str, ...]  # person keys (the judge)
    summary: str
    body: str  # the letter's text, Markdown
    body_line: int = 1  # line in the source file where the body starts
    sequence: int | None = None
    cc: tuple[CopyRecipient, ...] = ()
    delivery: str = ""  # e.g. "FedEx", "ECF", "hand"
    tags: tuple[str, ...] = ()
    letter_references: tuple[LetterReference, ...] = ()
    docket_references: tuple[DocketReference, ...] = ()
    next_report_due: date | None = None
    original: OriginalFile | None = None

    @property
    def sort_key(self) -> tuple[date, str]:
        return (self.date, self.id)


@dataclass(frozen=True)
class Archive:
    """Everything under letters/, validated. Letters are sorted oldest first."""

    cases: dict[str, Case] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    letters: tuple[Letter, ...] = ()

    def letters_of_case(self, case_key: str) -> list[Letter]:
        return [letter for letter in self.letters if letter.case == case_key]
