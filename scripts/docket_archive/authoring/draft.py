"""`docket new`: a new letter file with a complete front matter, from answers.

Each answer is checked on its own as soon as it is given (`Checks`), so the
command can re-ask a wrong one instead of failing at the end; the finished
file is then read back through the same loader as `docket check` before it is
written (`verify`). cli.py does the asking; nothing here prints or prompts.

Which fields are asked, in which order, follows the letter's JSON Schema:
`ASKED` and `NOT_ASKED` together name every property of the schema, and a test
fails if the schema gains a field that neither lists.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from dateutil import parser as dateparser

from docket_archive.domain.model import Archive, Case, Court, Person
from docket_archive.domain.problems import Problem
from docket_archive.formats.letterfile import LetterDraft, render, slugify
from docket_archive.formats.registryfile import RegistryEditError, new_case_file, with_people
from docket_archive.formats.schemas import schema
from docket_archive.law import casenumbers, courts
from docket_archive.law.dates import RELATIVE, relative
from docket_archive.load.archive import PLACEHOLDER, load_archive
from docket_archive.load.archivefiles import CASE_FILE, CASE_KEY, PEOPLE_FILE
from docket_archive.load.registries import case_entry, person_entry
from docket_archive.runtime.safewrite import UnsafeWrite, copy_file, create_text, make_folders, replace_text

BODY_HINT = f"{PLACEHOLDER}: from the salutation to the signature, as written. -->"

# The fields `docket new` asks for, each with its option, in the order of the
# schema's properties, except that the title comes after the date and type it
# is made from.
ASKED = {
    "date": "--date",
    "case": "--case",
    "type": "--type",
    "title": "--title",
    "sequence": "--sequence",
    "authors": "--author",
    "addressee": "--addressee",
    "cc": "--cc",
    "delivery": "--delivery",
    "summary": "--summary",
    "tags": "--tag",
    "references": "--refers-to",
    "next_report_due": "--next-report-due",
}
NOT_ASKED = {
    "id": "the file name gives it; set one only when renaming a file later",
    "signed_for": "rare (an office head above the signers): add it to the file by hand",
    "relief_requested": "add it to the file by hand where the letter asks the court for something",
    "enclosures": "add it to the file by hand where the letter has enclosures",
    "endorsement": "only the filed copy has it: add it by hand",
    "hearings": "add it to the file by hand where the letter names a hearing",
    "deadlines": "add it to the file by hand where the letter sets other dates",
    "docket_entry": "only the filed copy has it (its filing header): add it by hand, or `docket import` reads it",
    "original": "`docket import` keeps the original file and writes this",
    "new_people": "someone new is added to people.yml from the questions (the site's form writes this instead)",
    "new_case": "a new case gets its case.yml from the questions (the site's form writes this instead)",
    "review": "`docket import` writes it for fields it was unsure of",
}


Day = date  # the type, under a name that the field `date` of Answers does not hide


class AnswerError(ValueError):
    """An answer that cannot be used, with what to type instead."""


class ScaffoldError(ValueError):
    pass


def schema_fields() -> list[str]:
    return list(schema("letter")["properties"])


def clean(text: str) -> str:
    """One line of text as Word pastes it, made plain: no non-breaking or zero-width spaces, no tabs."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff\u00ad]", "", text)
    text = text.translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'})
    return re.sub(r"\s+", " ", text).strip()


def clean_body(text: str) -> str:
    """The letter's text: its typography kept, Word's invisible characters and indentation removed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff\u00ad]", "", text)
    lines = [re.sub(r"[\u00a0\u2007\u202f\t ]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_date(text: str) -> date:
    """A date written any common way: 7/6/2009, July 6, 2009, 6 July 2009, 2009-07-06."""
    text = clean(text)
    if not text:
        raise AnswerError("a date is needed, e.g. 2009-07-06 or July 6, 2009")
    try:
        # Parsed twice with different defaults: a part taken from a default
        # (a date without its day, say) differs between the two.
        first = dateparser.parse(text, default=datetime(2000, 1, 1))
        second = dateparser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError) as error:
        # dateutil's own words ("Unknown string format") are for programmers.
        raise AnswerError(
            f"'{text}' is not a date: write it as 2009-07-06, July 6, 2009 or 7/6/2009, and check the day exists"
        ) from error
    if first != second:
        raise AnswerError(f"'{text}' lacks a day, month or year: write the whole date, e.g. July 6, 2009")
    return first.date()


def read_due_date(text: str, letter_date: date | None) -> date:
    """When the next report is due: a date in any common form, or as the letter says it,
    'in two weeks' or 'within 30 days', counted from the letter's date (as `docket import` counts it)."""
    counted = relative(clean(text), letter_date) if letter_date else None
    if counted is not None:
        return counted
    try:
        return read_date(text)
    except AnswerError as error:
        if RELATIVE.match(clean(text)) and letter_date is None:
            raise AnswerError(f"'{clean(text)}' is counted from the letter's date: give that first") from error
        raise AnswerError(
            f"'{clean(text)}' is not a date: write it as 2009-07-06 or July 6, 2009,"
            " or as the letter says it: 'in two weeks', 'within 30 days'"
        ) from error


@dataclass
class Checks:
    """Each answer checked on its own against the registries; AnswerError says what is wrong.

    Someone new, or a new case, added from the questions joins `archive` at once
    (later answers may name them) and is written with the letter."""

    archive: Archive
    new_people: dict[str, Person] = field(default_factory=dict)
    new_case: Case | None = None

    def case(self, text: str) -> Case:
        wanted = clean(text).lower()
        keys = sorted(self.archive.cases)
        if wanted.isdigit() and 0 < int(wanted) <= len(keys):
            return self.archive.cases[keys[int(wanted) - 1]]
        for case in self.archive.cases.values():
            if wanted in (case.key, case.caption.lower(), case.number.lower()):
                return case
        number = casenumbers.parse(clean(text))  # '08-11153' is '08-11153 (MG)'
        for case in self.archive.cases.values() if number else ():
            spellings = (casenumbers.parse(n) for n in (case.number, *case.other_numbers))
            if number is not None and any(found and found.key == number.key for found in spellings):
                return case
        close = [key for key in keys if wanted and (wanted in key or wanted in self.archive.cases[key].caption.lower())]
        hint = f"did you mean {', '.join(close)}?" if close else f"known cases: {known_cases(self.archive)}"
        raise AnswerError(f"unknown case '{clean(text)}': {hint}")

    def person(self, text: str) -> Person:
        found = self.archive.find_person(clean(text))
        if found is None:
            raise AnswerError(f"unknown person '{clean(text)}': {self.archive.suggest_person(clean(text))}")
        return found

    def court(self, text: str) -> Court:
        wanted = clean(text).lower()
        found = courts.court(wanted) or next((c for c in courts.every_court() if c.name.lower() == wanted), None)
        if found is None:
            close = courts.similar_ids(wanted)
            hint = f"did you mean {', '.join(close)}?" if close else "e.g. nysb for the Bankruptcy Court, S.D. New York"
            raise AnswerError(f"'{clean(text)}' is not a court in courts-db: give its id or its name; {hint}")
        return found

    def new_case_key(self, text: str) -> str:
        key = clean(text)
        if not CASE_KEY.match(key):
            raise AnswerError(
                f"'{key}' is not a short name of lower-case words joined by hyphens, e.g. lexington-precision"
            )
        if key in self.archive.cases:
            raise AnswerError(f"case '{key}' is already in the archive: choose it instead")
        return key

    def add_person(self, name: str, firm: str = "", role: str = "") -> Person:
        """Someone new, under a key made from their name (numbered where it is taken)."""
        base = slugify(clean(name))
        key, number = base, 2
        while key in self.archive.people:
            key, number = f"{base}-{number}", number + 1
        person = Person(key=key, name=clean(name), role=clean(role), firm=clean(firm))
        self.new_people[key] = person
        self.archive = Archive(
            cases=self.archive.cases, people={**self.archive.people, key: person}, letters=self.archive.letters
        )
        return person

    def add_case(self, key: str, number: str, caption: str, court: Court, judge: Person) -> Case:
        case = Case(key=key, number=clean(number), caption=clean(caption), court=court, judge=judge.key)
        self.new_case = case
        self.archive = Archive(
            cases={**self.archive.cases, key: case}, people=self.archive.people, letters=self.archive.letters
        )
        return case

    def sequence(self, text: str) -> int | None:
        text = clean(text)
        if not text:
            return None
        if not text.isdigit() or int(text) < 1:
            raise AnswerError(f"'{text}' is not a whole number of 1 or more ('the sixth joint status letter' is 6)")
        return int(text)

    def text(self, text: str, what: str) -> str:
        if not clean(text):
            raise AnswerError(f"{what} is needed")
        return clean(text)


def known_cases(archive: Archive) -> str:
    return (
        "; ".join(f"{key} ({case.caption}, No. {case.number})" for key, case in sorted(archive.cases.items()))
        or "none: add letters/<case>/case.yml first"
    )


def next_sequence(archive: Archive, case_key: str, letter_type: str) -> int | None:
    """The number after the last of the case's letters of this type, where they are numbered."""
    numbers = [
        letter.sequence
        for letter in archive.letters_of_case(case_key)
        if letter.type == letter_type and letter.sequence is not None
    ]
    return max(numbers) + 1 if numbers else None


@dataclass
class Reference:
    kind: str  # "letters" or "docket"
    date: date
    text: str
    title: str = ""


@dataclass
class Answers:
    """Checked answers: registry keys, real dates, clean text."""

    case: str
    date: date
    type: str
    authors: list[str]
    summary: str
    title: str = ""
    firm: str = ""
    on_behalf_of: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)  # person keys; default: the case's judge
    cc: list[tuple[str, str]] = field(default_factory=list)  # (person key, how sent)
    delivery: str = ""
    sequence: int | None = None
    tags: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    next_report_due: Day | None = None
    slug: str = ""
    body: str = ""


def default_title(letter_type: str, when: date) -> str:
    return f"{letter_type[:1].upper()}{letter_type[1:]} of {when:%B} {when.day}, {when.year}"


def letter_path(answers: Answers, letters_root: Path) -> Path:
    return letters_root / answers.case / f"{answers.date.isoformat()}-{slugify(answers.slug or answers.type)}.md"


def letter_text(answers: Answers, archive: Archive) -> str:
    """The file: front matter in the schema's order (optional fields shown commented out), then the text."""
    case = archive.cases[answers.case]
    author_entries: list[dict] = [{"person": key} for key in answers.authors]
    firm = answers.firm or archive.people[answers.authors[0]].firm
    if firm:
        author_entries[0]["firm"] = firm
    if answers.on_behalf_of:
        author_entries[0]["on_behalf_of"] = list(answers.on_behalf_of)
    references: dict[str, list[dict]] = {}
    for ref in answers.references:
        entry = {"text": ref.text, "date": ref.date.isoformat(), **({"title": ref.title} if ref.title else {})}
        references.setdefault(ref.kind, []).append(entry)
    fields = {
        "title": answers.title or default_title(answers.type, answers.date),
        "date": answers.date.isoformat(),
        "case": answers.case,
        "type": answers.type,
        "sequence": answers.sequence,
        "authors": author_entries,
        "addressee": (answers.addressees[0] if len(answers.addressees) == 1 else answers.addressees) or case.judge,
        "cc": [{"person": key, **({"via": via} if via else {})} for key, via in answers.cc],
        "delivery": answers.delivery or None,
        "summary": answers.summary,
        "tags": list(dict.fromkeys(slugify(tag) for tag in answers.tags)),
        "references": references,
        "next_report_due": answers.next_report_due.isoformat() if answers.next_report_due else None,
    }
    judge = archive.people.get(case.judge)
    salutation = f"Dear Judge {judge.name.split()[-1]}:" if judge else "Dear Judge:"
    body = answers.body or f"{salutation}\n\n{BODY_HINT}\n"
    return render(LetterDraft(fields=fields, body=body))


def registry_files(checks: Checks, letters_root: Path) -> dict[Path, str]:
    """{file: its new text} for the people and the case added from the questions."""
    files: dict[Path, str] = {}
    if checks.new_case is not None:
        note = "Added by `docket new`: check every field."
        files[letters_root / checks.new_case.key / CASE_FILE] = new_case_file(case_entry(checks.new_case), note)
    if checks.new_people:
        people_file = letters_root / PEOPLE_FILE
        existing = people_file.read_text("utf-8") if people_file.is_file() else ""
        entries = {key: person_entry(person) for key, person in checks.new_people.items()}
        try:
            files[people_file] = with_people(existing, entries, "Added by `docket new`.", str(people_file))
        except RegistryEditError as error:
            raise ScaffoldError(f"{error}. Nothing was written.") from error
    return files


def verify(path: Path, text: str, letters_root: Path, registries: dict[Path, str] | None = None) -> list[Problem]:
    """Every error `docket check` would report for this new file (and the registry files it
    adds to), found in a scratch copy of the registries."""
    with tempfile.TemporaryDirectory(prefix="docket-new-") as scratch:
        root = Path(scratch)
        for registry in [letters_root / PEOPLE_FILE, *letters_root.glob(f"*/{CASE_FILE}")]:
            try:
                copy_file(registry, root / registry.relative_to(letters_root), within=root)
            except UnsafeWrite:
                continue  # a link, or not a file: the scratch archive lacks it, and the check says so
        for registry, changed in (registries or {}).items():
            replace_text(root / registry.relative_to(letters_root), changed, within=root)
        new = root / path.relative_to(letters_root)
        # The placeholder is expected in a new file (`docket check` fails until
        # the text is pasted in): check everything else.
        create_text(new, text.replace(BODY_HINT, "(the letter's text)"), within=root)
        _, problems = load_archive(root)
        # Shown as the file will be named in the archive, not in the scratch folder.
        scratch_prefix, real_prefix = f"{root.name}/", f"{letters_root.name}/"
        return [
            dataclasses.replace(problem, path=real_prefix + problem.path.removeprefix(scratch_prefix))
            for problem in problems.errors
        ]


def write_new(
    path: Path, text: str, letters_root: Path | None = None, registries: dict[Path, str] | None = None
) -> list[Path]:
    """Write the registry files, then the letter, never over an existing letter or case.yml
    (even one created a moment ago); the paths written, in order."""
    within = letters_root or path.parent.parent
    written = []
    try:
        for registry, changed in (registries or {}).items():
            make_folders(registry.parent, within)
            if registry.name == CASE_FILE:
                create_text(registry, changed, within)
            else:
                replace_text(registry, changed, within)
            written.append(registry)
        make_folders(path.parent, within)
        create_text(path, text, within)
    except UnsafeWrite as error:
        done = f" ({', '.join(map(str, written))} written)" if written else ""
        raise ScaffoldError(f"{error}{done}. Choose another --slug, or edit that file.") from error
    return [*written, path]
