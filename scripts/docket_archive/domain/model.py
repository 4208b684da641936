"""The domain: letters, cases, people and the archive that holds them.

Plain, immutable dataclasses with no knowledge of files, YAML or MkDocs.
The loader builds them from `letters/`; everything downstream (cross-links,
pages, feeds, search metadata) only reads them. The Archive answers the
questions every later stage asks (a letter by id, a person by alias, the
letters of a case), from indexes built once when it is made.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

Day = date  # for annotations inside classes that have a field named `date`


@dataclass(frozen=True, slots=True)
class Person:
    key: str  # registry key, e.g. "adam-strochak"
    name: str  # canonical name, e.g. "Adam P. Strochak"
    role: str = ""  # e.g. "United States Bankruptcy Judge"
    firm: str = ""
    aliases: tuple[str, ...] = ()  # other spellings found in letters
    sort_as: str = ""  # how to sort the name, where the surname is not the last word
    described_in: str = ""  # the letter describing someone not in people.yml yet (its `new_people`)

    @property
    def is_judge(self) -> bool:
        return "judge" in self.role.lower()


@dataclass(frozen=True, slots=True)
class DocketEntry:
    """An item on the court's docket that letters refer to, such as an order."""

    date: date
    title: str  # e.g. "Order regarding mediation"
    number: str = ""  # the docket number (ECF No.), when known
    note: str = ""


@dataclass(frozen=True, slots=True)
class OwnDocketEntry:
    """The letter's own entry on a docket: "Case 1:19-cr-00830-AT Document 20 Filed 01/27/20"."""

    number: str  # "20": cited as "ECF No. 20"
    case: str  # the case whose docket it is on
    filed: date | None = None


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
    other_numbers: tuple[str, ...] = ()
    status: str = "active"  # active, stayed or closed: the case schema lists them
    status_date: date | None = None
    # Whether case.yml says the status, rather than leaving the default: a
    # report is called overdue only in a case marked active (site.groupings).
    status_marked: bool = False
    source: str = ""  # case.yml path (or the describing letter's), relative to the folder above letters/
    described_in: str = ""  # the letter describing a case with no case.yml yet (its `new_case`)

    @property
    def is_active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True, slots=True)
class Author:
    person: str  # person key
    firm: str = ""  # as at the time of the letter; defaults to the person's firm
    on_behalf_of: tuple[str, ...] = ()  # the parties the author writes for
    role: str = ""  # as the signature block gives it, e.g. "Assistant United States Attorney"


@dataclass(frozen=True, slots=True)
class SignedFor:
    """The office head named above the signers: "AUDREY STRAUSS, United States Attorney, By: ..."."""

    person: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class CopyRecipient:
    person: str = ""  # person key; empty for a group
    name: str = ""  # a group that is not one person: "All Counsel of Record"
    via: str = ""  # how the copy was sent, e.g. "e-mail"
    role: str = ""
    enclosure: bool = False  # the copy went with the enclosures


@dataclass(frozen=True, slots=True)
class LetterReference:
    """A reference to another letter: by id, or by case and date."""

    text: str  # how the letter names it, e.g. "the fifth joint status letter dated June 5, 2009"
    case: str  # case key; defaults to the citing letter's case
    date: date | None = None
    id: str = ""  # full letter id "case/stem", when given instead of a date
    type: str = ""
    sequence: int | None = None
    line: int = field(default=1, compare=False)  # where it is written, for messages


@dataclass(frozen=True, slots=True)
class DocketReference:
    """A reference to a docket entry: "the Court's March 17, 2009 order", "Dkt. No. 76"."""

    text: str
    case: str = ""
    date: date | None = None
    number: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Endorsement:
    """The judge's endorsement on the letter: "SO ORDERED", a memo endorsement."""

    text: str
    kind: str = ""
    date: date | None = None
    by: str = ""  # person key


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """A hearing or conference, or a deadline, that a letter records."""

    date: date
    what: str
    time: str = ""  # HH:MM, hearings only


@dataclass(frozen=True, slots=True)
class OriginalFile:
    path: str  # relative to letters/, e.g. "lexington-precision/originals/....txt"
    sha256: str

    @property
    def published(self) -> bool:
        """Whether the site offers it for download (originals/), or only the archive keeps it (unpublished/)."""
        return self.path.split("/")[1:2] == ["originals"]


@dataclass(frozen=True, slots=True)
class Letter:
    id: str  # "<case>/<stem>" unless the front matter fixes it
    source: str  # path shown to people, relative to the folder above letters/
    title: str
    date: date
    cases: tuple[str, ...]  # case keys; the first is the folder the file is in
    type: str  # e.g. "joint status letter"
    authors: tuple[Author, ...]
    addressees: tuple[str, ...]  # person keys (the judge or judges)
    summary: str
    body: str  # the letter's text, Markdown
    body_line: int = 1  # line in the source file where the body starts
    sequence: int | None = None
    signed_for: SignedFor | None = None
    cc: tuple[CopyRecipient, ...] = ()
    delivery: str = ""  # e.g. "FedEx", "ECF", "hand"
    tags: tuple[str, ...] = ()
    relief_requested: tuple[str, ...] = ()
    enclosures: tuple[str, ...] = ()
    endorsement: Endorsement | None = None
    hearings: tuple[DatedEvent, ...] = ()
    deadlines: tuple[DatedEvent, ...] = ()
    letter_references: tuple[LetterReference, ...] = ()
    docket_references: tuple[DocketReference, ...] = ()
    next_report_due: Day | None = None
    docket_entry: OwnDocketEntry | None = None
    original: OriginalFile | None = None
    new_people: tuple[Person, ...] = ()  # people not in people.yml yet, as the letter describes them
    new_case: Case | None = None  # its case, where the folder has no case.yml yet, as the letter describes it
    # Made once with the letter (`__post_init__`), not asked for: the letters are slotted, with
    # no attribute dictionary to cache an answer in (a dictionary was a fifth of a letter's memory).
    # Asked a million times a rebuild at 100,000 letters:
    sort_key: tuple[Day, str] = field(init=False, repr=False, compare=False)
    # (case, type in lower case, number): a number is given once in a series; None without one.
    # Asked of every letter by every check:
    series: tuple[str, str, int] | None = field(init=False, repr=False, compare=False)

    @property
    def case(self) -> str:
        """The letter's first case: the folder it is filed in."""
        return self.cases[0]

    def __post_init__(self) -> None:
        object.__setattr__(self, "sort_key", (self.date, self.id))
        series = None if self.sequence is None else (self.cases[0], self.type.lower(), self.sequence)
        object.__setattr__(self, "series", series)


@dataclass(frozen=True)
class StandingSearch:
    """A firm's standing query (letters/searches/<key>.yml): its feed lists the letters that match."""

    key: str  # the file's name without .yml
    name: str
    query: str  # in the search page's language (search/query.py); checked by `docket check`
    source: str = ""  # the file, as people see it
    query_line: int = field(default=1, compare=False)  # where the query is written, for messages


def normalize_name(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


# Suggesting a known person for an unknown name (`Archive.suggest_person`): work bounded per name.
RARE_TRIGRAMS = 6  # the name's rarest three-letter pieces that are looked up
POSTING_LIMIT = 500  # names taken from each piece's list (a piece shared by more tells little)
CANDIDATES = 30  # names compared with difflib


def _trigrams(name: str) -> set[str]:
    padded = f"  {name} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


@dataclass(frozen=True)
class Archive:
    """Everything under letters/, validated. Letters are sorted oldest first."""

    cases: dict[str, Case] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    letters: tuple[Letter, ...] = ()
    searches: tuple[StandingSearch, ...] = ()  # by key

    # -- lookups, each built once on first use -----------------------------------

    @classmethod
    def with_lookups(
        cls,
        archive: Archive,
        letter_by_id: dict[str, Letter],
        by_case: dict[str, tuple[Letter, ...]],
        by_case_date: dict[tuple[str, date], tuple[Letter, ...]],
    ) -> Archive:
        """`archive`, its lookups by id, case and day given rather than built from every letter:
        `serve/keptarchive.py` keeps them between the rebuilds of `docket serve` and brings them
        up to date from the letters a save changed. They must be what the properties would build
        (tests/test_kept_archive.py compares them)."""
        given = cls(archive.cases, archive.people, archive.letters, archive.searches)
        vars(given).update(letter_by_id=letter_by_id, _by_case=by_case, _by_case_date=by_case_date)
        return given

    @cached_property
    def letter_by_id(self) -> dict[str, Letter]:
        return {letter.id: letter for letter in self.letters}

    @cached_property
    def _by_case(self) -> dict[str, tuple[Letter, ...]]:
        grouped: dict[str, list[Letter]] = defaultdict(list)
        for letter in self.letters:  # already in date order
            for case in letter.cases:
                grouped[case].append(letter)
        return {key: tuple(grouped.get(key, ())) for key in self.cases} | {
            key: tuple(value) for key, value in grouped.items() if key not in self.cases
        }

    @cached_property
    def _by_case_date(self) -> dict[tuple[str, date], tuple[Letter, ...]]:
        grouped: dict[tuple[str, date], list[Letter]] = defaultdict(list)
        for letter in self.letters:
            for case in letter.cases:
                grouped[(case, letter.date)].append(letter)
        return {key: tuple(value) for key, value in grouped.items()}

    @cached_property
    def _person_by_name(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for person in self.people.values():  # keys first: a key always names its own person
            found[normalize_name(person.key)] = person.key
        for person in self.people.values():
            for name in (person.name, *person.aliases):
                found.setdefault(normalize_name(name), person.key)
        return found

    def letters_of_case(self, case_key: str) -> tuple[Letter, ...]:
        """The case's letters, oldest first (a letter in two cases is in both)."""
        return self._by_case.get(case_key, ())

    def letters_on(self, case_key: str, day: date) -> tuple[Letter, ...]:
        return self._by_case_date.get((case_key, day), ())

    def has_letters_on(self, case_key: str, day: date) -> bool:
        return (case_key, day) in self._by_case_date

    def latest_letter(self, case_key: str) -> Letter | None:
        letters = self.letters_of_case(case_key)
        return letters[-1] if letters else None

    def next_report_due(self, case_key: str) -> date | None:
        """When the case's next report is due: as its latest letter says, if the case is active."""
        latest = self.latest_letter(case_key)
        case = self.cases.get(case_key)
        if latest is None or case is None or not case.is_active:
            return None
        return latest.next_report_due

    def find_person(self, name: str) -> Person | None:
        """A person by key, canonical name or alias, whatever the case and spacing."""
        # Every name the index holds is normalized already, and most letters name people by
        # key: looked up as written first, and normalized only when that finds no one.
        key = self._person_by_name.get(name) or self._person_by_name.get(normalize_name(name))
        return self.people.get(key) if key else None

    @cached_property
    def _names_by_trigram(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for known in self._person_by_name:
            for gram in _trigrams(known):
                index[gram].append(known)
        return dict(index)

    def _close_candidates(self, wanted: str) -> list[str]:
        """The known names most likely to be close to `wanted`: those sharing its rarest trigrams.

        Comparing a name with every known one (difflib) is 10,000 comparisons a
        name: 11,000 unknown names took `docket check` minutes. A close name
        shares three-letter pieces with the name; the rarest few of them find
        it, each looked up in an index built once, so each suggestion costs
        the same however large the registry."""
        if len(self._person_by_name) <= CANDIDATES:
            return list(self._person_by_name)  # a small registry: every name, as the form's port compares
        index = self._names_by_trigram
        grams = sorted((gram for gram in _trigrams(wanted) if gram in index), key=lambda gram: len(index[gram]))
        grams = grams[:RARE_TRIGRAMS]
        votes: Counter[str] = Counter()
        for gram in grams:
            votes.update(index[gram][:POSTING_LIMIT])
        return [known for known, _ in votes.most_common(CANDIDATES)]

    def close_people(self, name: str) -> list[str]:
        """The keys of the people whose key, name or alias is close to `name` (at most three).

        The site's form suggests with a port of this rule (add-letter-lib.js, `closePeople`):
        difflib's closest three spellings at a ratio of 0.6 or more, then their people. Past
        CANDIDATES names, only the likeliest are compared (`_close_candidates`), so that each
        name costs the same however large the registry; the form, which holds the registry in
        the browser, compares with all."""
        wanted = normalize_name(name)
        close = difflib.get_close_matches(wanted, self._close_candidates(wanted), n=3, cutoff=0.6)
        return sorted({self._person_by_name[c] for c in close})

    def suggest_person(self, name: str) -> str:
        keys = self.close_people(name)
        if keys:
            return f"did you mean {', '.join(keys)}? Otherwise add the person to letters/people.yml"
        return "add the person to letters/people.yml, or use a key, name or alias listed there"

    def find_letter(self, ref: LetterReference) -> Letter | None:
        """The letter a reference names: by id, or by case and date (type and sequence break ties)."""
        if ref.id:
            return self.letter_by_id.get(ref.id)
        candidates = list(self.letters_on(ref.case, ref.date)) if ref.date else []
        if len(candidates) > 1 and ref.type:
            candidates = [c for c in candidates if c.type.lower() == ref.type.lower()] or candidates
        if len(candidates) > 1 and ref.sequence is not None:
            candidates = [c for c in candidates if c.sequence == ref.sequence] or candidates
        return candidates[0] if candidates else None

    def find_docket_entry(self, ref: DocketReference) -> DocketEntry | None:
        case = self.cases.get(ref.case)
        if case is None:
            return None
        if ref.number:
            by_number = [entry for entry in case.docket_entries if entry.number == ref.number]
            if by_number:
                return by_number[0]
        same_day = [entry for entry in case.docket_entries if ref.date and entry.date == ref.date]
        if len(same_day) > 1 and ref.title:
            same_day = [e for e in same_day if e.title.lower() == ref.title.lower()] or same_day
        return same_day[0] if same_day else None
