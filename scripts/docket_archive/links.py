"""Cross-links between letters, derived once from the loaded Archive.

Previous/next within a case, resolved references (to letters and to docket
entries) and their reverse, "referenced by". Pages only read these.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from .model import Archive, DocketEntry, DocketReference, Letter, LetterReference


@dataclass(frozen=True)
class LetterLinks:
    previous: Letter | None
    next: Letter | None
    references: tuple[tuple[LetterReference, Letter | None], ...]
    docket: tuple[tuple[DocketReference, DocketEntry | None], ...]
    referenced_by: tuple[Letter, ...]


class LetterIndex:
    """Finds letters by id or by case and date; built once per archive."""

    def __init__(self, archive: Archive) -> None:
        self.by_id = {letter.id: letter for letter in archive.letters}
        self.by_case_date: dict[tuple[str, date], list[Letter]] = defaultdict(list)
        for letter in archive.letters:
            self.by_case_date[(letter.case, letter.date)].append(letter)

    def find(self, ref: LetterReference) -> Letter | None:
        if ref.id:
            return self.by_id.get(ref.id)
        candidates = self.by_case_date.get((ref.case, ref.date), []) if ref.date else []
        # Several letters on one day: the type and sequence, when given, say which.
        if len(candidates) > 1 and ref.type:
            candidates = [c for c in candidates if c.type.lower() == ref.type.lower()] or candidates
        if len(candidates) > 1 and ref.sequence is not None:
            candidates = [c for c in candidates if c.sequence == ref.sequence] or candidates
        return candidates[0] if candidates else None

    def on(self, case: str, day: date) -> list[Letter]:
        return self.by_case_date.get((case, day), [])


def cross_link(archive: Archive, index: LetterIndex | None = None) -> dict[str, LetterLinks]:
    """Every letter's links, keyed by letter id. Linear in letters and references."""
    index = index or LetterIndex(archive)
    neighbours: dict[str, tuple[Letter | None, Letter | None]] = {}
    by_case: dict[str, list[Letter]] = defaultdict(list)
    for letter in archive.letters:  # already sorted by date
        by_case[letter.case].append(letter)
    for letters in by_case.values():
        for position, letter in enumerate(letters):
            before = letters[position - 1] if position > 0 else None
            after = letters[position + 1] if position + 1 < len(letters) else None
            neighbours[letter.id] = (before, after)

    resolved: dict[str, tuple[tuple[LetterReference, Letter | None], ...]] = {}
    backlinks: dict[str, list[Letter]] = defaultdict(list)
    for letter in archive.letters:
        pairs = tuple((ref, index.find(ref)) for ref in letter.letter_references)
        resolved[letter.id] = pairs
        for _, target in pairs:
            if target is not None and letter not in backlinks[target.id]:
                backlinks[target.id].append(letter)

    return {
        letter.id: LetterLinks(
            previous=neighbours[letter.id][0],
            next=neighbours[letter.id][1],
            references=resolved[letter.id],
            docket=tuple((ref, find_docket_entry(archive, ref)) for ref in letter.docket_references),
            referenced_by=tuple(backlinks[letter.id]),
        )
        for letter in archive.letters
    }


def find_docket_entry(archive: Archive, ref: DocketReference) -> DocketEntry | None:
    case = archive.cases.get(ref.case)
    if case is None:
        return None
    same_day = [entry for entry in case.docket_entries if entry.date == ref.date]
    if len(same_day) > 1 and ref.title:
        same_day = [e for e in same_day if e.title.lower() == ref.title.lower()] or same_day
    return same_day[0] if same_day else None
