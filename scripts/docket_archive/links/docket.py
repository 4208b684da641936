"""Each case's docket as the archive knows it: every entry, with the letters that cite it.

A lawyer thinks of a case in docket entries ("ECF No. 191"). The archive
knows an entry from four places, merged here into one list per case:

1. the case's `case.yml` (`docket_entries`: date, title, number, note);
2. a letter's `references.docket` that names an entry `case.yml` does not list
   (by number, by date, or both);
3. a letter's own `docket_entry` (the letter *is* that entry: "Document 20");
4. a mention in a letter's text: "ECF No. 191", "Dkt. 67", "Doc. 13365",
   "Docket No. 5" (`ecf_mentions`), numbered but otherwise not described.

Entries with the same number are one entry; an entry without a number is
known by its date and title. Each entry has a stable anchor on the case page
(`site.paths.docket_anchor`): by number when it has one, else by date.

**Importing a docket sheet** (a PACER docket report, e.g. parsed with
juriscraper) is not done yet. Its place is a fifth source here: a function
that reads `letters/<case>/docket.*` into `DocketEntry` values (number, date
filed, docket text) and is merged *first*, so the sheet's text names each
entry and the other sources only add the letters that cite it. Nothing
downstream (the case page, the mention links, the exports) would change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from docket_archive.domain.model import Archive, Letter

from .crosslinks import LetterLinks

# "ECF No. 191", "ECF #12", "Dkt. 67", "Dkt. No. 76", "Doc. 13365", "Docket No. 5",
# "D.E. 44", "ECF No. 191-1" (an attachment). Not "Document 20": that is how a
# filing header names the letter itself, and the word is too common in prose.
ECF_MENTION = re.compile(
    r"\b(?:ECF|Dkt|Docket|Doc|D\.\s?E)\.?\s*(?:Entry\s+)?(?:(?:Nos?|Number)\.?\s*|#\s*)?"
    r"(?P<number>[0-9]{1,6}(?:-[0-9]{1,3})?)\b(?![.,][0-9])",
    re.IGNORECASE,
)


def ecf_mentions(body: str) -> tuple[tuple[int, int, str], ...]:
    """Where the text names a docket entry by number: (start, end, number), in order.

    Not cached here: an LRU sized below the archive, walked in the same order by
    every rebuild of `mkdocs serve`, never hits; the preview keeps each letter's
    scan with the letter instead (`links.keptlinks`, `case_dockets(ecf=...)`)."""
    return tuple((m.start(), m.end(), m["number"]) for m in ECF_MENTION.finditer(body))


@dataclass(frozen=True)
class DocketItem:
    """One entry of a case's docket, as the archive knows it."""

    case: str
    number: str = ""  # the docket (ECF) number; "" when only the date is known
    date: date | None = None
    title: str = ""  # what it is; "" when nothing says
    note: str = ""
    filed_as: Letter | None = None  # the archived letter that is this entry
    cited_by: tuple[Letter, ...] = ()  # oldest first, each once
    sources: tuple[str, ...] = ()  # where it is known from: "case.yml", "letter", "reference", "mention"

    @property
    def latest_citation(self) -> Letter | None:
        return self.cited_by[-1] if self.cited_by else None

    @property
    def described(self) -> str:
        """What the entry is, in words, for a link's title or a table cell."""
        if self.title:
            return self.title
        if self.filed_as is not None:
            return self.filed_as.title
        return ""

    @property
    def label(self) -> str:
        """How a lawyer names it: "ECF No. 191", or its date where the number is not known."""
        if self.number:
            return f"ECF No. {self.number}"
        return f"Entry of {self.date:%B} {self.date.day}, {self.date.year}" if self.date else "Docket entry"


@dataclass
class _Gathered:
    number: str
    date: date | None
    title: str
    note: str = ""
    filed_as: Letter | None = None
    cited_by: dict[str, Letter] = field(default_factory=dict)
    sources: dict[str, None] = field(default_factory=dict)

    def cite(self, letter: Letter) -> None:
        if self.filed_as is None or letter.id != self.filed_as.id:
            self.cited_by.setdefault(letter.id, letter)


class _Docket:
    """One case's entries while they are gathered: by number, else by date and title."""

    def __init__(self) -> None:
        self.by_number: dict[str, _Gathered] = {}
        self.by_day: dict[tuple[date | None, str], _Gathered] = {}

    def entry(self, number: str, day: date | None, title: str, source: str) -> _Gathered:
        item: _Gathered | None
        if number:
            item = self.by_number.get(number)
        else:
            item = self.by_day.get((day, title.lower()))
            if item is None and not title:  # "the Court's order of March 17": that day's entry, if one
                item = next((found for (on, _), found in self.by_day.items() if on == day), None)
        if item is None:
            item = _Gathered(number, day, title)
            if number:
                self.by_number[number] = item
            else:
                self.by_day[(day, title.lower())] = item
        item.date = item.date or day
        item.title = item.title or title
        item.sources.setdefault(source, None)
        return item

    def items(self, case: str) -> tuple[DocketItem, ...]:
        made = [
            DocketItem(
                case,
                found.number,
                found.date,
                found.title,
                found.note,
                found.filed_as,
                tuple(sorted(found.cited_by.values(), key=lambda letter: letter.sort_key)),
                tuple(found.sources),
            )
            for found in [*self.by_number.values(), *self.by_day.values()]
        ]
        return tuple(sorted(made, key=docket_order))


def case_dockets(
    archive: Archive,
    links: dict[str, LetterLinks],
    ecf: Callable[[Letter], tuple[tuple[int, int, str], ...]] = lambda letter: ecf_mentions(letter.body),
    only: Collection[str] | None = None,
    adding: Sequence[Letter] | None = None,
) -> dict[str, tuple[DocketItem, ...]]:
    """Every case's docket entries (or those of the cases `only` names): numbered ones in docket
    order, then the others by date. Linear in letters, references and mentions (`ecf`: a
    letter's "ECF No. N", if kept). `adding`: the letters that may add to those cases' dockets,
    in the archive's order, where known (`KeptLinks`); by default every letter is asked."""
    keys = archive.cases.keys() if only is None else [key for key in archive.cases if key in only]
    dockets = {key: _Docket() for key in keys}
    for key in keys:
        for entry in archive.cases[key].docket_entries:
            gathered = dockets[key].entry(entry.number, entry.date, entry.title, "case.yml")
            gathered.note = gathered.note or entry.note
    if adding is not None:
        letters: Sequence[Letter] = adding
    else:
        letters = archive.letters if only is None else [one for one in archive.letters if _adds_to(one, dockets)]
    for letter in letters:
        own = letter.docket_entry
        if own is not None and own.case in dockets:
            gathered = dockets[own.case].entry(own.number, own.filed or letter.date, "", "letter")
            gathered.filed_as = gathered.filed_as or letter
    for letter in letters:
        _gather_citations(dockets, letter, links[letter.id], ecf)
    return {key: docket.items(key) for key, docket in dockets.items()}


def _adds_to(letter: Letter, dockets: Collection[str]) -> bool:
    """Whether the letter may add to one of these cases' dockets (as `case_dockets` gathers)."""
    own = letter.docket_entry
    return (
        letter.case in dockets
        or (own is not None and own.case in dockets)
        or any(ref.case in dockets for ref in letter.docket_references)
    )


def _gather_citations(
    dockets: dict[str, _Docket],
    letter: Letter,
    links: LetterLinks,
    ecf: Callable[[Letter], tuple[tuple[int, int, str], ...]],
) -> None:
    """The entries a letter cites: by its references, and by "ECF No. 191" in its text (on its own case)."""
    for ref, listed in links.docket:
        if ref.case not in dockets:
            continue
        if listed is not None:
            gathered = dockets[ref.case].entry(listed.number, listed.date, listed.title, "case.yml")
        else:
            gathered = dockets[ref.case].entry(ref.number, ref.date, ref.title or "", "reference")
        gathered.cite(letter)
    if letter.case in dockets:
        for _, _, number in ecf(letter):
            dockets[letter.case].entry(number, None, "", "mention").cite(letter)


def docket_order(item: DocketItem) -> tuple[int, tuple[int, ...], date]:
    # Numbered entries in docket order (191-1 after 191), then the others by date.
    if item.number:
        return (0, tuple(int(part) for part in item.number.split("-")), item.date or date.min)
    return (1, (), item.date or date.min)
