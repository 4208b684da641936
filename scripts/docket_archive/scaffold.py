"""`docket new`: a new letter file with a complete front matter, from answers.

The answers come from flags or prompts (cli.py); this module checks them
against the registries and builds the file, so a new letter passes
`docket check` once its text is pasted in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .letterfile import LetterDraft, render, slugify
from .model import Archive

BODY_HINT = "<!-- Paste the letter's text here: from the salutation to the signature, as written. -->"


class ScaffoldError(ValueError):
    pass


@dataclass
class Answers:
    case: str
    date: str
    type: str
    authors: list[str]
    summary: str
    title: str = ""
    firm: str = ""
    on_behalf_of: list[str] = field(default_factory=list)
    addressee: str = ""
    cc: list[str] = field(default_factory=list)  # "person" or "person:via"
    delivery: str = ""
    sequence: int | None = None
    tags: list[str] = field(default_factory=list)
    next_report_due: str = ""
    slug: str = ""


def known_cases(archive: Archive) -> str:
    return (
        "; ".join(f"{key} ({case.caption}, No. {case.number})" for key, case in sorted(archive.cases.items()))
        or "none: add letters/<case>/case.yml first"
    )


def scaffold(answers: Answers, archive: Archive, letters_root: Path) -> tuple[Path, str]:
    """The path and text of the new letter; raises ScaffoldError listing every problem."""
    problems = []
    case = archive.cases.get(answers.case)
    if case is None:
        problems.append(f"unknown case '{answers.case}'. Known cases: {known_cases(archive)}")
    for name, value in (("date", answers.date), ("next report due", answers.next_report_due)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                problems.append(f"{name} '{value}' is not a date written YYYY-MM-DD, e.g. 2009-06-22")
    people = archive

    def person(name: str) -> str:
        found = people.find_person(name)
        if found is None:
            problems.append(f"unknown person '{name}': {people.suggest_person(name)}")
            return name
        return found.key

    authors = [person(name) for name in answers.authors]
    if not authors:
        problems.append("at least one author is needed (--author)")
    if not answers.summary.strip():
        problems.append("a one-paragraph summary is needed (--summary)")
    addressee = person(answers.addressee) if answers.addressee else (case.judge if case else "")
    cc = []
    for entry in answers.cc:
        name, _, via = entry.partition(":")
        cc.append({"person": person(name.strip()), **({"via": via.strip()} if via.strip() else {})})
    if problems:
        raise ScaffoldError("\n".join(problems))

    when = date.fromisoformat(answers.date)
    firm = answers.firm or archive.people[authors[0]].firm
    author_entries = [{"person": key} for key in authors]
    if firm:
        author_entries[0]["firm"] = firm
    if answers.on_behalf_of:
        author_entries[0]["on_behalf_of"] = list(answers.on_behalf_of)
    fields = {
        "title": answers.title or f"{answers.type[:1].upper()}{answers.type[1:]} of {when:%B} {when.day}, {when.year}",
        "date": answers.date,
        "case": answers.case,
        "type": answers.type,
        "sequence": answers.sequence,
        "authors": author_entries,
        "addressee": addressee,
        "cc": cc,
        "delivery": answers.delivery,
        "summary": answers.summary.strip(),
        "tags": [slugify(tag) for tag in answers.tags],
        "next_report_due": answers.next_report_due or None,
    }
    judge = archive.people.get(case.judge)
    salutation = f"Dear Judge {judge.name.split()[-1]}:" if judge else "Dear Judge:"
    text = render(LetterDraft(fields=fields, body=f"{salutation}\n\n{BODY_HINT}\n"))
    path = letters_root / answers.case / f"{answers.date}-{slugify(answers.slug or answers.type)}.md"
    return path, text
