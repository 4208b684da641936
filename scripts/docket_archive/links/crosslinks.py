"""Cross-links between letters, derived once from the loaded Archive.

Previous/next within each of a letter's cases, resolved references (to
letters and to docket entries) and their reverse, "referenced by". Pages only
read these.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from docket_archive.domain.model import Archive, DocketEntry, DocketReference, Letter, LetterReference


@dataclass(frozen=True)
class Neighbours:
    """A letter's place in one of its cases."""

    case: str
    previous: Letter | None
    next: Letter | None


@dataclass(frozen=True)
class LetterLinks:
    neighbours: tuple[Neighbours, ...]  # one per case the letter is in, in the letter's order
    references: tuple[tuple[LetterReference, Letter | None], ...]
    docket: tuple[tuple[DocketReference, DocketEntry | None], ...]
    referenced_by: tuple[Letter, ...]

    @property
    def previous(self) -> Letter | None:
        return self.neighbours[0].previous if self.neighbours else None

    @property
    def next(self) -> Letter | None:
        return self.neighbours[0].next if self.neighbours else None


def cross_link(archive: Archive) -> dict[str, LetterLinks]:
    """Every letter's links, keyed by letter id. Linear in letters and references."""
    places: dict[tuple[str, str], Neighbours] = {}
    for case in archive.cases:
        letters = archive.letters_of_case(case)
        for position, letter in enumerate(letters):
            before = letters[position - 1] if position > 0 else None
            after = letters[position + 1] if position + 1 < len(letters) else None
            places[(letter.id, case)] = Neighbours(case, before, after)

    resolved: dict[str, tuple[tuple[LetterReference, Letter | None], ...]] = {}
    backlinks: dict[str, dict[str, Letter]] = defaultdict(dict)
    for letter in archive.letters:
        pairs = tuple((ref, archive.find_letter(ref)) for ref in letter.letter_references)
        resolved[letter.id] = pairs
        for _, target in pairs:
            if target is not None and target.id != letter.id:
                backlinks[target.id].setdefault(letter.id, letter)

    return {
        letter.id: LetterLinks(
            neighbours=tuple(places[(letter.id, case)] for case in letter.cases if (letter.id, case) in places),
            references=resolved[letter.id],
            docket=tuple((ref, archive.find_docket_entry(ref)) for ref in letter.docket_references),
            referenced_by=tuple(backlinks[letter.id].values()),
        )
        for letter in archive.letters
    }
