"""`docket import`: a letter's text or PDF in, a letter file (and its original) out.

    sources.read_letter_text   file -> text (PDF text layer via pypdf)
    extract.extract            text -> Extraction (what the letter says)
    plan_import                Extraction + registries -> files to write, notes

Nothing is written until `write` is called, so `--dry-run` and every failure
leave the archive untouched.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import courts
from ..archivefiles import PEOPLE_FILE
from ..letterfile import LetterDraft, render, slugify
from ..loader import load_archive
from ..model import Archive
from .extract import Extraction, ExtractionError, extract
from .sources import read_letter_text

__all__ = ["ExtractionError", "ImportPlan", "plan_import", "write"]


@dataclass
class ImportPlan:
    letter_path: Path
    letter_text: str
    original_path: Path
    original_bytes: bytes
    registry_changes: dict[Path, str] = field(default_factory=dict)  # registry file -> its new full text
    review: dict[str, str] = field(default_factory=dict)  # field -> why it needs a look


def plan_import(source: Path, letters_root: Path) -> ImportPlan:
    text = read_letter_text(source)
    found = extract(text)
    archive, _ = load_archive(letters_root)  # the registries; problems are `docket check`'s business
    return _plan(source, found, archive, letters_root)


def write(plan: ImportPlan) -> None:
    if plan.letter_path.exists():
        raise ExtractionError(
            f"{plan.letter_path} already exists; nothing was written (remove it first, or import under another name)"
        )
    for path, text in plan.registry_changes.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    plan.original_path.parent.mkdir(parents=True, exist_ok=True)
    plan.original_path.write_bytes(plan.original_bytes)
    plan.letter_path.write_text(plan.letter_text, "utf-8")


def _plan(source: Path, found: Extraction, archive: Archive, root: Path) -> ImportPlan:
    review = dict(found.unsure)
    additions: dict[Path, str] = {}
    people = archive
    new_people: dict[str, dict] = {}

    def person_key(name: str, *, role: str = "", firm: str = "", aliases: list[str] = ()) -> str:
        for spelling in [name, *aliases]:
            person = people.find_person(spelling)
            if person:
                return person.key
        key = slugify(re.sub(r",?\s*(?:Jr|Sr|Esq)\.?$", "", name))
        entry = {"name": name}
        if role:
            entry["role"] = role
        if firm:
            entry["firm"] = firm
        if aliases:
            entry["aliases"] = list(aliases)
        new_people[key] = entry
        return key

    case = next((c for c in archive.cases.values() if _norm_number(c.number) == _norm_number(found.case_number)), None)
    if case is None:
        base = (
            slugify(re.sub(r"^In re\s+|,?\s*et\.?\s*al\.?$|\b(?:Corp|Inc|LLC|Co)\.?", "", found.caption, flags=re.I))[
                :40
            ].strip("-")
            or "new-case"
        )
        case_key, suffix = base, 2
        while (root / case_key).exists():  # never touch another case's files
            case_key, suffix = f"{base}-{suffix}", suffix + 1
        judge = person_key(found.addressee, role="judge")
        matches = courts.find_by_text(found.court_text)
        case_yaml = {
            "number": found.case_number,
            "caption": found.caption,
            "court": matches[0] if matches else "REVIEW",
            "judge": judge,
        }
        additions[root / case_key / "case.yml"] = (
            f"# REVIEW: proposed by `docket import {source.name}`: check every field.\n"
            + yaml.safe_dump(case_yaml, sort_keys=False, allow_unicode=True)
        )
        review["case"] = f"new case '{case_key}' proposed in {case_key}/case.yml; check it"
    else:
        case_key = case.key
        judge_key = people.find_person(found.addressee)
        if judge_key is None or judge_key.key != case.judge:
            review["addressee"] = f"the letter is addressed to '{found.addressee}', not the case's judge"

    letterhead_firm = found.firm
    author = person_key(found.signer, firm=_firm_name(letterhead_firm), aliases=found.other_spellings)
    registry_firm = archive.people[author].firm if author in archive.people else _firm_name(letterhead_firm)
    if registry_firm.lower() != letterhead_firm.lower():
        review["authors"] = f"letterhead says '{letterhead_firm}', the people registry '{registry_firm}'"
    addressee = person_key(found.addressee, role="judge")
    cc = [{"person": person_key(name), "via": via} if via else {"person": person_key(name)} for name, via in found.cc]
    if new_people:
        people_file = root / PEOPLE_FILE
        existing = people_file.read_text("utf-8") if people_file.is_file() else ""
        if not archive.people and not re.search(r"^[a-z0-9-]+:", existing, re.M):
            existing = ""  # an empty registry ("{}"): start it afresh
        additions[people_file] = (
            existing.rstrip("\n")
            + ("\n\n" if existing.strip() else "")
            + f"# REVIEW: added by `docket import {source.name}`: check names, roles and firms.\n"
            + yaml.safe_dump(new_people, sort_keys=False, allow_unicode=True)
        )
        review["people"] = f"new people added to {PEOPLE_FILE}: {', '.join(new_people)}"

    references: dict[str, list] = {}
    if found.letter_refs:
        references["letters"] = [
            {
                k: v
                for k, v in {"text": r.text, "date": r.date.isoformat(), "type": r.type, "sequence": r.sequence}.items()
                if v
            }
            for r in found.letter_refs
        ]
    if found.docket_refs:
        references["docket"] = [
            {"text": r.text, "date": r.date.isoformat(), "title": r.title} for r in found.docket_refs
        ]

    stem = f"{found.date.isoformat()}-{slugify(found.type)}"
    suffix = source.suffix.lower() or ".txt"
    original_name = f"{stem}{suffix}"
    data = source.read_bytes()
    summary = " ".join(re.split(r"(?<=\.)\s+", " ".join(found.body.split("\n", 2)[-1].split()))[:2])
    review.setdefault("title", "written by the importer")
    review.setdefault("summary", "the letter's first sentences; write one paragraph saying what it reports")
    fields = {
        "title": f"{found.type[0].upper()}{found.type[1:]} of {found.date:%B} {found.date.day}, {found.date.year}",
        "date": found.date.isoformat(),
        "case": case_key,
        "type": found.type,
        "sequence": found.sequence,
        "authors": [
            {
                k: v
                for k, v in {"person": author, "firm": registry_firm, "on_behalf_of": found.on_behalf_of}.items()
                if v
            }
        ],
        "addressee": addressee,
        "cc": cc,
        "delivery": found.delivery,
        "summary": summary,
        "tags": [],
        "references": references,
        "next_report_due": found.next_report_due.isoformat() if found.next_report_due else None,
        "original": {"path": f"originals/{original_name}", "sha256": hashlib.sha256(data).hexdigest()},
    }
    draft = LetterDraft(fields=fields, body=found.body, review=review)
    return ImportPlan(
        letter_path=root / case_key / f"{stem}.md",
        letter_text=render(draft),
        original_path=root / case_key / "originals" / original_name,
        original_bytes=data,
        registry_changes=additions,
        review=review,
    )


def _norm_number(number: str) -> str:
    """'08-11153 (MG)' and '08-11153' are one case: the judge's initials are optional."""
    return re.sub(r"\s*\([A-Z]{1,4}\)\s*$", "", number.strip()).replace(" ", "").upper()


def _firm_name(letterhead: str) -> str:
    """'WEIL, GOTSHAL & MANGES LLP' -> 'Weil, Gotshal & Manges LLP' (used only for new people)."""
    if letterhead != letterhead.upper():
        return letterhead
    keep = {"LLP", "LLC", "LP", "PC", "P.C.", "PLLC", "PA", "P.A."}
    return " ".join(word if word.strip(",") in keep else word.capitalize() for word in letterhead.split())
