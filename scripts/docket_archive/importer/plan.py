"""From an Extraction and the registries to the files an import writes: `plan_import`.

Nothing is written until `write` is called, so `--dry-run` and every failure
leave the archive untouched; `write` refuses to overwrite a letter or an
original that is already there.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docket_archive.formats.safeyaml import dump
from docket_archive.law import casenumbers
from docket_archive.law.casenumbers import CaseNumber
from docket_archive.load.archivefiles import ORIGINALS_DIR, SAFE_ORIGINALS, UNPUBLISHED_DIR
from docket_archive.runtime import sandbox
from docket_archive.runtime.safewrite import UnsafeWrite, create_bytes, create_text, lexists, replace_text

from . import dates
from .extract import Extraction, ExtractionError, add_review, extract
from .layout import CLOSING, Removed
from .registry import CASE_FILE, PEOPLE_FILE, Registry, RegistryError, short
from .render import letter_file
from .sources import read_letter
from .untrusted import printable, read_capped, safe_original_name

EXTRACT_SECONDS = 30  # computing time to find a letter's parts: a real one takes one to three seconds
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class ImportPlan:
    letter_path: Path
    letter_text: str
    original_path: Path
    original_bytes: bytes
    fields: dict[str, Any]
    extraction: Extraction
    registry_changes: dict[Path, str] = field(default_factory=dict)  # file -> its new full text
    additions: dict[Path, str] = field(default_factory=dict)  # file -> what is new in it (for --dry-run)
    review: dict[str, str] = field(default_factory=dict)
    court: str = ""

    @property
    def removed(self) -> list[Removed]:
        return self.extraction.removed


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "letter"


def plan_import(source: Path, letters_root: Path, *, cases: tuple[str, ...] = (), name: str = "") -> ImportPlan:
    """Read `source`, extract the letter and plan every file to write; raises ExtractionError."""
    if name and not SLUG.match(name):
        raise ExtractionError(f"--name '{name}' must be lower-case words joined by hyphens, e.g. 'second-letter'")
    read = read_letter(source)
    try:
        with dates.budget(), sandbox.cpu_limit(EXTRACT_SECONDS, str(source)):
            found = extract(read.text)
    except sandbox.OverBudget as error:
        raise ExtractionError(
            f"{error}; a letter takes a few seconds. Import the letter itself, without exhibits or other filings"
        ) from error
    if dates.skipped():
        add_review(
            found.review,
            "body",
            f"{dates.skipped()} date-like phrase(s) were not read as dates: the text has more odd dates than a letter "
            f"({dates.DATEPARSER_PHRASES} are read); check the dates, hearings and deadlines by hand",
        )
    for note in read.notes:
        add_review(found.review, "body", printable(note))  # a note may quote the file's name
    if read.active:
        add_review(
            found.review,
            "body",
            f"the PDF carries {printable('; '.join(read.active))}: none of it was run or kept, only the text was imported, "
            f"and the original is kept unpublished in {UNPUBLISHED_DIR}/ (the site never offers it)",
        )
    try:
        registry = Registry.read(letters_root)
    except RegistryError as error:
        raise ExtractionError(str(error)) from error
    return Planner(source, found, registry, letters_root, publishable=not read.active).plan(cases, name)


def refuse_overwrite(plan: ImportPlan) -> None:
    """Raises when the letter, its original or a new case.yml is already there (a link, even a dangling
    one, counts): an import never replaces any of them."""
    new_files = [plan.letter_path, plan.original_path, *(p for p in plan.registry_changes if p.name == CASE_FILE)]
    for path in new_files:
        if lexists(path):
            what = "is a symbolic link" if path.is_symlink() else "already exists"
            raise ExtractionError(
                f"{path} {what}; nothing was written (import under another name with --name SLUG, or remove it first)"
            )


def write(plan: ImportPlan, letters_root: Path) -> None:
    """Write the plan's files inside `letters_root`, through `runtime.safewrite` (no link followed).

    Refuses, and writes nothing, where a letter, original or new case.yml exists:
    the people registry is the one file an import edits (it adds people to it)."""
    refuse_overwrite(plan)
    try:
        for path, text in plan.registry_changes.items():
            if path.name == CASE_FILE:
                create_text(path, text, within=letters_root)
            else:
                replace_text(path, text, within=letters_root)
        create_bytes(plan.original_path, plan.original_bytes, within=letters_root)
        create_text(plan.letter_path, plan.letter_text, within=letters_root)
    except UnsafeWrite as error:
        raise ExtractionError(
            f"{error}. Remove the link or file, or import under another name with --name SLUG"
        ) from error


def removed_summary(removed: list[Removed]) -> str:
    """Every line taken out of the text, kind by kind (letterhead, heading, cc and furniture alike), each quoted."""
    kinds: dict[str, list[str]] = {}
    for item in removed:
        kinds.setdefault(item.kind, []).append(" ".join(item.text.split()))
    return "; ".join(f"{kind}: " + " | ".join(f"'{t}'" for t in texts) for kind, texts in kinds.items())


class Planner:
    """Matches an Extraction to the registries and lays out the letter file, new case.yml and people."""

    def __init__(self, source: Path, found: Extraction, registry: Registry, root: Path, publishable: bool) -> None:
        self.source, self.found, self.registry, self.root = source, found, registry, root
        self.publishable = publishable  # False: the original has active content and is kept unpublished
        self.review = dict(found.review)
        self.new_people: dict[str, dict[str, Any]] = {}
        self.new_cases: dict[str, dict[str, Any]] = {}

    # -- people ---------------------------------------------------------------

    def person(self, name: str, **facts: Any) -> str:
        """The registry key for `name`, adding a new person (with `facts`) when nobody matches."""
        for spelling in [name, *facts.get("aliases", [])]:
            key = self.registry.person(spelling)
            if key:
                return key
        for key, entry in self.new_people.items():
            if entry["name"] == name or (short(entry["name"]) == short(name) and len(short(name).split()) > 1):
                return key
        base = slugify(re.sub(r",?\s*(?:Jr|Sr|Esq)\.?$|^(?:Magistrate\s+|Chief\s+)?Judge\s+", "", name))
        key, number = base, 2
        while key in self.registry.people or key in self.new_people:
            key, number = f"{base}-{number}", number + 1
        self.new_people[key] = {"name": name, **{k: v for k, v in facts.items() if v}}
        return key

    # -- cases ------------------------------------------------------------------

    def case_keys(self, chosen: tuple[str, ...]) -> list[str]:
        if chosen:
            unknown = [key for key in chosen if key not in self.registry.cases]
            if unknown:
                known = ", ".join(sorted(self.registry.cases)) or "none yet"
                raise ExtractionError(f"--case {unknown[0]}: no such case in {self.root} (known: {known})")
            return list(chosen)
        if not self.found.cases:
            return [self.propose_unnumbered_case()]
        return [self.registry.case_for(n) or self.propose_case(i, n) for i, n in enumerate(self.found.cases)]

    def propose_unnumbered_case(self) -> str:
        """A letter that names no case number still gets a folder: a new case for a person to complete."""
        caption = next((c for c in self.found.captions if c), "")
        core = re.sub(r",?\s*et\.?\s*al\.?.*$", "", caption)
        base = (slugify(core)[:40].strip("-") if core.strip() else "") or "case-without-a-number"
        key, suffix = base, 2
        while key in self.registry.cases or key in self.new_cases or (self.root / key).exists():
            key, suffix = f"{base}-{suffix}", suffix + 1
        judge = self.found.addressees[0] if self.found.addressees else None
        self.new_cases[key] = {
            "number": "REVIEW: the case number (the letter names none)",
            "caption": caption or "REVIEW: the case's caption",
            "court": self.found.court or "unknown",
            "judge": self.person(judge.name, role=judge.role) if judge else "unknown",
        }
        self.review.setdefault("new case", f"{key}/case.yml proposed without a number: file the letter under its case")
        return key

    def propose_case(self, index: int, number: CaseNumber) -> str:
        caption = self.found.captions[index] if index < len(self.found.captions) else ""
        core = re.sub(
            r"^(?:In\s+re:?|United\s+States\s+v\.|U\.?S\.?A?\.?\s+v\.|State\s+of\s+\w+\s+v\.|People\s+v\.)\s*|,?\s*et\.?\s*al\.?.*$|\b(?:Corp|Inc|LLC|Co)\.?",
            "",
            caption,
            flags=re.I,
        )
        base = slugify(core)[:40].strip("-") or slugify(number.key)
        key, suffix = base, 2
        while key in self.registry.cases or key in self.new_cases or lexists(self.root / key):
            key, suffix = f"{base}-{suffix}", suffix + 1
        addressees = self.found.addressees
        judge = addressees[index] if index < len(addressees) else (addressees[0] if addressees else None)
        others = sorted({r.text.strip() for r in self.found.removed if r.kind == "court filing header"} - {number.text})
        long_forms = [m.group(0) for t in others if (m := re.search(r"\d+:\d{2}-[a-z]+-\d+(?:-[A-Z]+)*", t, re.I))]
        case: dict[str, Any] = {
            # as written, where it reads back as the same case ('86-0207 (TFH)' alone reads as a bankruptcy number)
            "number": number.text if _same(number.text, number) else number.key,
            "caption": caption or f"REVIEW: the caption of case {number.text}",
            "court": self.found.court or "unknown",
            "judge": self.person(judge.name, role=judge.role) if judge else "unknown",
        }
        same = [n for n in dict.fromkeys(long_forms) if n != number.text and _same(n, number)]
        if same:
            case["other_numbers"] = same
        self.new_cases[key] = case
        # A registry file to check, not doubt about the letter's case: its own entry, like new people.
        self.review.setdefault(
            "new case", f"new case '{key}' proposed in {key}/case.yml: check number, caption, court and judge"
        )
        return key

    # -- the letter ---------------------------------------------------------------

    def plan(self, chosen: tuple[str, ...], name: str) -> ImportPlan:
        found = self.found
        keys = self.case_keys(chosen)
        fields = self.fields(keys)
        stem = f"{found.date.isoformat()}-{name or slugify(found.type)}"
        data = read_capped(self.source)
        suffix = _suffix(self.source)
        original = f"{stem}{suffix}"
        # Kept where the site may offer it only if a browser cannot run it (a web page, a PDF with scripts).
        kept = ORIGINALS_DIR if self.publishable and suffix in SAFE_ORIGINALS else UNPUBLISHED_DIR
        if kept == UNPUBLISHED_DIR and self.publishable:
            add_review(
                self.review,
                "body",
                f"the original is a '{suffix}' file, which the site cannot offer safely: kept unpublished in {UNPUBLISHED_DIR}/",
            )
        fields["original"] = {"path": f"{kept}/{original}", "sha256": hashlib.sha256(data).hexdigest()}
        furniture = removed_summary(found.removed)
        if furniture:
            add_review(self.review, "body", f"taken out of the text (kept in {kept}/{original}): {furniture}")
        self.review.setdefault("title", "written by the importer")
        self.review.setdefault("summary", "the letter's first sentences: write one paragraph saying what it reports")
        fields["review"] = dict(self.review)
        folder = self.root / keys[0]
        plan = ImportPlan(
            letter_path=folder / f"{stem}.md",
            letter_text=letter_file(fields, found.body),
            original_path=folder / kept / original,
            original_bytes=data,
            fields=fields,
            extraction=found,
            review=self.review,
            court=str(self.registry.cases.get(keys[0], self.new_cases.get(keys[0], {})).get("court", "")),
        )
        self.registry_files(plan)
        return plan

    def fields(self, keys: list[str]) -> dict[str, Any]:
        found = self.found
        title = (
            found.subject
            or f"{found.type[0].upper()}{found.type[1:]} of {found.date:%B} {found.date.day}, {found.date.year}"
        )
        addressees = [self.person(a.name, role=a.role) for a in found.addressees]
        return {
            "title": title,
            "date": found.date.isoformat(),
            "case": keys[0] if len(keys) == 1 else keys,
            "type": found.type,
            "sequence": found.sequence,
            "authors": self.authors(),
            "signed_for": self.signed_for(),
            "addressee": (addressees[0] if len(addressees) == 1 else addressees) or None,
            "cc": [self.copy(c) for c in found.cc],
            "delivery": found.delivery,
            "summary": _summary(found.body),
            "relief_requested": found.relief_requested,
            "endorsement": self.endorsement(),
            "enclosures": found.enclosures,
            "hearings": [
                _drop_empty({"date": h.date.isoformat(), "time": h.time, "what": h.what}) for h in found.hearings
            ],
            "deadlines": [{"date": d.date.isoformat(), "what": d.what} for d in found.deadlines],
            "references": _drop_empty({"letters": self.letter_refs(), "docket": self.docket_refs(keys)}),
            "next_report_due": found.next_report_due.isoformat() if found.next_report_due else None,
            "docket_entry": self.docket_entry(keys),
        }

    def docket_entry(self, keys: list[str]) -> dict[str, str] | None:
        """The letter's own entry; on another of its cases' dockets where the header's number says so."""
        entry = self.found.docket_entry
        if entry is None:
            return None
        fields = entry.as_fields()
        header = casenumbers.parse(entry.case_text) if entry.case_text else None
        if header is not None and len(keys) > 1:
            for index, number in enumerate(self.found.cases[: len(keys)]):
                if index and number.key == header.key:
                    fields["case"] = keys[index]
        return fields

    def authors(self) -> list[dict[str, Any]]:
        found, out = self.found, []
        government = found.firm.startswith("United States Attorney")
        for index, signer in enumerate(found.authors):
            surname = signer.name.split()[-1].lower() if signer.name else ""
            firm = found.firm if (len(found.authors) == 1 or government or surname in found.firm.lower()) else ""
            aliases = found.other_spellings if index == 0 else []
            key = self.person(signer.name, role=signer.role or "attorney", firm=firm, aliases=aliases)
            behalf = signer.on_behalf_of or (found.on_behalf_of if index == 0 else [])
            out.append(_drop_empty({"person": key, "firm": firm, "on_behalf_of": behalf, "role": signer.role}))
        return out

    def endorsement(self) -> dict[str, str] | None:
        found = self.found.endorsement
        if not found:
            return None
        by = {"by": self.person(found["by"], role="judge")} if found.get("by") else {}
        return {**{k: v for k, v in found.items() if k != "by"}, **by}

    def signed_for(self) -> dict[str, str] | None:
        head = self.found.signed_for
        if head is None:
            return None
        return _drop_empty({"person": self.person(head.name, role=head.role), "role": head.role})

    def copy(self, copy: Any) -> dict[str, Any]:
        who = {"name": copy.name} if copy.group else {"person": self.person(copy.name, role=copy.role)}
        return _drop_empty({**who, "role": copy.role, "via": copy.via, "enclosure": copy.enclosure or None})

    def letter_refs(self) -> list[dict[str, Any]]:
        return [
            _drop_empty({"text": r.text, "date": r.date.isoformat(), "type": r.type, "sequence": r.sequence})
            for r in self.found.letter_refs
        ]

    def docket_refs(self, keys: list[str]) -> list[dict[str, Any]]:
        out = []
        for ref in self.found.docket_refs:
            case = ""
            if ref.label:
                for index, caption in enumerate(self.found.captions):
                    if ref.label.lower() in caption.lower() and index < len(keys) and index > 0:
                        case = keys[index]
            out.append(
                _drop_empty(
                    {
                        "text": ref.text,
                        "date": ref.date.isoformat() if ref.date else None,
                        "number": ref.number,
                        "title": ref.title,
                        "case": case,
                    }
                )
            )
        return out

    def registry_files(self, plan: ImportPlan) -> None:
        for key, case in self.new_cases.items():
            path = self.root / key / CASE_FILE
            text = f"# Proposed by `docket import {safe_original_name(self.source)}`: check every field.\n" + dump(case)
            plan.registry_changes[path] = plan.additions[path] = text
        if self.new_people:
            path = self.root / PEOPLE_FILE
            existing = path.read_text("utf-8") if path.is_file() else ""
            if not self.registry.people and not re.search(r"^[a-z0-9-]+:", existing, re.M):
                existing = ""  # an empty registry ('{}'): start it afresh
            added = (
                f"# Added by `docket import {safe_original_name(self.source)}`: check names, roles and firms.\n"
                + dump(self.new_people)
            )
            plan.registry_changes[path] = existing.rstrip("\n") + ("\n\n" if existing.strip() else "") + added
            plan.additions[path] = added
            self.review.setdefault("people", f"new people added to {PEOPLE_FILE}: {', '.join(self.new_people)}")
            plan.fields["review"] = dict(self.review)
            plan.letter_text = letter_file(plan.fields, self.found.body)


def _suffix(source: Path) -> str:
    """The original's file type, as it is kept: lower case, and only letters and digits ('.txt' when none)."""
    suffix = source.suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ".txt"


def _same(text: str, number: CaseNumber) -> bool:
    from docket_archive.law.casenumbers import parse

    parsed = parse(text)
    return parsed is not None and parsed.key == number.key


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _summary(body: str) -> str:
    """The first two sentences between the salutation and the closing: a start for the person reviewing."""
    lines = body.split("\n")[1:]
    end = next((i for i, line in enumerate(lines) if CLOSING.match(line)), len(lines))
    text = " ".join(" ".join(lines[:end]).split())
    return " ".join(re.split(r"(?<=\.)\s+(?=[A-Z])", text)[:2]) or "REVIEW: write a summary"
