"""Cross-links kept between the rebuilds of `mkdocs serve`, brought up to date from the letters that changed.

Deriving every letter's links again after a save is work in proportion to the
archive (a second at 100,000 letters), and so is asking of every page
whether what it shows changed. A saved letter changes the links of few
letters: its neighbours before and after the save in each of its cases, the
letters it refers to and that refer to it (before and after), and the letters
whose references or text name its day. Those are found through two indexes
kept here (which letters' references name a case and day, or an id; which
letters' text mentions a case and day), their links derived again, and the
rest kept as they were.

`touched` then names every letter whose page may show something new (its
own letter or links changed, a letter its text mentions by date came or
went, or a docket entry it shows changed): the letter pages builder renders those and keeps
the others without looking at them. A docket entry changed when what a letter's page shows of
it (number, date, title, what it is) differs once the dockets are gathered again (`dockets`):
a save that only cites "Dkt. No. 42" again leaves entry 42 as the pages show it, and the
hundreds of letters citing it are not rendered again. A registry change, or a save that changes more than a
twentieth of the letters, derives everything again. The result is always
the one `cross_link` gives (a test compares them after every kind of edit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from docket_archive.domain.model import Archive, Letter, LetterReference

from . import mentions
from .crosslinks import LetterLinks, Neighbours, cross_link
from .docket import DocketItem, case_dockets, docket_order

Key = tuple[str, str, date | str]  # ("day", case, date) or ("id", "", letter id)
# A docket entry as letters find it: (case, "number", "191") or (case, "day", date); (case,
# _ANY_DAY, "") is every numbered entry of a case, as a reference by day alone may show any of them.
DocketKey = tuple[str, str, date | str]
_ANY_DAY = "numbered, by its day"


class KeptLinks:
    def __init__(self) -> None:
        self.archive: Archive | None = None
        self.links: dict[str, LetterLinks] = {}
        self.touched: set[str] | None = None  # None: every letter's page may have changed
        self.changed: set[str] | None = None  # ids of the letters that are not the same objects (None: all)
        self.updates = 0  # how many times brought up to date: `changed` is since the one before
        self.docket_cases: set[str] | None = None  # cases whose docket the changed letters add to (None: any)
        self._dockets: tuple[int, dict[str, tuple[DocketItem, ...]]] | None = None  # (made at update, dockets)
        self._scans: dict[str, tuple[Letter, mentions.TextScan]] = {}
        self._backlinks: dict[str, dict[str, Letter]] = defaultdict(dict)
        self._named_by: dict[Key, set[str]] = defaultdict(set)  # a reference's key -> letters whose references name it
        self._mentioned_by: dict[tuple[str, date], set[str]] = defaultdict(set)  # (case, day) -> letters mentioning it
        # A docket entry -> the letters whose page shows it (by a reference, or "ECF No. 191" in the text).
        self._docket_readers: dict[DocketKey, set[str]] = defaultdict(set)
        self._docket_writers: dict[str, set[str]] = defaultdict(set)  # a case -> letters adding to its docket
        # The letters showing an entry the changed letters add to (some may show it unchanged), and
        # the entries of the last gathering as the pages show them: see `dockets`.
        self._docket_maybe: set[str] = set()
        # Each changed letter as it was and is, with the docket numbers its text mentions: a save
        # that only moves such mentions updates the entries it names, not the whole docket.
        self._mentions: list[tuple[Letter | None, tuple[str, ...], Letter | None, tuple[str, ...]]] = []

    def scan(self, letter: Letter) -> mentions.TextScan:
        """The letter's scan of its own text, kept while the letter is the same."""
        kept = self._scans.get(letter.id)
        if kept is not None and kept[0] is letter:
            return kept[1]
        found = mentions.scan(letter)
        self._scans[letter.id] = (letter, found)
        return found

    def update(self, archive: Archive) -> dict[str, LetterLinks]:
        """Every letter's links for `archive`, the same as `cross_link(archive)`; sets `touched`."""
        old, self.archive = self.archive, archive
        self.updates += 1
        if old is None or (archive.cases is not old.cases and archive.cases != old.cases):
            return self._everything(archive)
        before, now = old.letter_by_id, archive.letter_by_id
        changed = {key for key, letter in now.items() if before.get(key) is not letter}
        changed |= before.keys() - now.keys()
        if len(changed) > max(50, len(now) // 20):
            return self._everything(archive)
        self.changed = changed
        self.docket_cases = {
            entry[0]
            for key in changed
            for letter in (before.get(key), now.get(key))
            if letter is not None
            for entry in self._docket_writes(letter)
        }
        affected = set(changed)
        self._docket_maybe = set()
        for key in changed:
            affected |= self._affected_by(archive, before.get(key), self.links.get(key))
            affected |= self._affected_by(archive, now.get(key), None)
        mentioned_before = {key: self._mentioned(before.get(key)) for key in changed}  # the scans of then
        for key in changed:
            self._unindex(before.get(key))
            self._index(now.get(key))
        self._mentions = [
            (before.get(key), mentioned_before[key], now.get(key), self._mentioned(now.get(key))) for key in changed
        ]
        resolved, referrers_changed = self._resolve_again(archive, affected)
        for key in affected | referrers_changed:
            letter = now.get(key)
            if letter is not None:
                pairs = resolved[key] if key in resolved else self.links[key].references
                self.links[key] = self._links_of(archive, letter, pairs)
        for key in before.keys() - now.keys():
            self._scans.pop(key, None)
            self._backlinks.pop(key, None)
        self.touched = (affected | referrers_changed) & now.keys()
        if changed and list(self.links) != list(now):  # letters came, went or moved: in the archive's order,
            self.links = {letter.id: self.links[letter.id] for letter in archive.letters}  # as `cross_link` gives
        return self.links

    def dockets(
        self, archive: Archive, links: dict[str, LetterLinks], ecf: Callable[[Letter], tuple[tuple[int, int, str], ...]]
    ) -> dict[str, tuple[DocketItem, ...]]:
        """`docket.case_dockets` for this update's archive: the dockets of the last update kept,
        but for the cases the changed letters add to (the others' entries cannot have changed)."""
        held = self._dockets
        if self.docket_cases is None or held is None or held[0] != self.updates - 1:
            made = case_dockets(archive, links, ecf)
            if self.touched is not None:  # what the last gathering gave is not known: every reader
                self.touched |= self._docket_maybe & archive.letter_by_id.keys()
        else:
            by_id = archive.letter_by_id
            moved = {case: _moved_mentions(held[1].get(case, ()), case, self._mentions) for case in self.docket_cases}
            again = {case for case, items in moved.items() if items is None}
            made = {**held[1], **{case: items for case, items in moved.items() if items is not None}}
            if again:
                adding = {key for case in again for key in self._docket_writers.get(case, ())}
                letters = sorted((by_id[key] for key in adding if key in by_id), key=lambda letter: letter.sort_key)
                made |= case_dockets(archive, links, ecf, only=again, adding=letters)
            if self.touched is not None:
                for case in self.docket_cases:
                    for entry in _shown_changes(case, held[1].get(case, ()), made.get(case, ())):
                        self.touched |= self._docket_readers.get(entry, set()) & by_id.keys()
        self._dockets = (self.updates, made)
        return made

    def _mentioned(self, letter: Letter | None) -> tuple[str, ...]:
        """The docket numbers the letter's text mentions ("ECF No. 191"), each once."""
        return tuple(dict.fromkeys(number for _, _, number in self.scan(letter).ecf)) if letter is not None else ()

    def _affected_by(self, archive: Archive, letter: Letter | None, links: LetterLinks | None) -> set[str]:
        """The letters whose links or page a letter, as it was (with its `links` then) or as it is
        now (`links` None), may change: neighbours, targets, referrers, letters naming its day, and
        the letters that read the dockets it adds to."""
        if letter is None:
            return set()
        found: set[str] = set()
        if links is not None:  # as it was: its neighbours, targets and referrers then
            for place in links.neighbours:
                found.update(other.id for other in (place.previous, place.next) if other is not None)
            found.update(target.id for _, target in links.references if target is not None)
            found.update(other.id for other in links.referenced_by)
        else:  # as it is: its neighbours now
            found.update(_neighbour_ids(archive, letter))
        for case in letter.cases:
            found |= self._named_by.get(("day", case, letter.date), set())
            found |= self._mentioned_by.get((case, letter.date), set())
        found |= self._named_by.get(("id", "", letter.id), set())
        # The letters showing the entries it adds to: touched only if what they show changed (`dockets`).
        for entry in self._docket_writes(letter):
            self._docket_maybe |= self._docket_readers.get(entry, set())
        return found

    def _resolve_again(
        self, archive: Archive, affected: set[str]
    ) -> tuple[dict[str, tuple[tuple[LetterReference, Letter | None], ...]], set[str]]:
        """The affected letters' references resolved again, and the letters whose "referenced by"
        changes with them (their backlinks are brought up to date here)."""
        resolved: dict[str, tuple[tuple[LetterReference, Letter | None], ...]] = {}
        referrers_changed: set[str] = set()
        now = archive.letter_by_id
        for key in affected:
            kept = self.links.get(key)
            if kept is not None:
                for _, target in kept.references:
                    if target is not None and self._backlinks[target.id].pop(key, None) is not None:
                        referrers_changed.add(target.id)
            letter = now.get(key)
            if letter is None:
                self.links.pop(key, None)
                continue
            pairs = tuple((ref, archive.find_letter(ref)) for ref in letter.letter_references)
            resolved[key] = pairs
            for _, target in pairs:
                if target is not None and target.id != key:
                    self._backlinks[target.id][key] = letter
                    referrers_changed.add(target.id)
        return resolved, referrers_changed

    def _links_of(
        self, archive: Archive, letter: Letter, pairs: tuple[tuple[LetterReference, Letter | None], ...]
    ) -> LetterLinks:
        return LetterLinks(
            neighbours=_neighbours(archive, letter),
            references=pairs,
            docket=tuple((ref, archive.find_docket_entry(ref)) for ref in letter.docket_references),
            referenced_by=tuple(sorted(self._backlinks.get(letter.id, {}).values(), key=lambda other: other.sort_key)),
        )

    def _docket_writes(self, letter: Letter) -> set[DocketKey]:
        """The docket entries the letter adds to or describes (`docket.case_dockets`): itself as an
        entry, its references, its "ECF No. N". Only the pages showing those can change with it:
        an entry's number, date, title and the letter filed as it are all a page shows of it."""
        entries = self._docket_reads(letter)
        own = letter.docket_entry
        if own is not None:
            entries |= {(own.case, "number", own.number), (own.case, "day", own.filed or letter.date)}
        # A numbered entry's date may come from another letter: a page that shows "the entry of
        # a day" may be showing it, so every numbered entry written reaches those pages too.
        entries |= {(case, _ANY_DAY, "") for case, kind, _ in list(entries) if kind == "number"}
        return entries

    def _docket_reads(self, letter: Letter) -> set[DocketKey]:
        """The docket entries the letter's page shows (its references, its "ECF No. N"): by number,
        and by day. A reference with a day and no number shows the entry of its day, numbered or
        not, whichever letter gave that entry its date: it reads every numbered entry of its case."""
        entries: set[DocketKey] = {(letter.case, "number", number) for _, _, number in self.scan(letter).ecf}
        for ref in letter.docket_references:
            listed = self.archive.find_docket_entry(ref) if self.archive is not None else None
            for number, day in ((ref.number, ref.date), (listed.number, listed.date) if listed else ("", None)):
                if number:
                    entries.add((ref.case, "number", number))
                if day is not None:
                    entries.add((ref.case, "day", day))
            if not ref.number and ref.date is not None:
                entries.add((ref.case, _ANY_DAY, ""))
        return entries

    def _everything(self, archive: Archive) -> dict[str, LetterLinks]:
        self.links = cross_link(archive)
        self._backlinks = defaultdict(dict)
        for key, links in self.links.items():
            for other in links.referenced_by:
                self._backlinks[key][other.id] = other
        self._named_by, self._mentioned_by, self._docket_readers = defaultdict(set), defaultdict(set), defaultdict(set)
        self._docket_writers = defaultdict(set)
        self._scans = {key: kept for key, kept in self._scans.items() if key in archive.letter_by_id}
        for letter in archive.letters:
            self._index(letter)
        self.touched = self.changed = self.docket_cases = None
        return self.links

    def _index(self, letter: Letter | None) -> None:
        if letter is None:
            return
        for key in _reference_keys(letter):
            self._named_by[key].add(letter.id)
        for _, _, day in self.scan(letter).dates:
            self._mentioned_by[(letter.case, day)].add(letter.id)
        for entry in self._docket_reads(letter):
            self._docket_readers[entry].add(letter.id)
        for case, _, _ in self._docket_writes(letter):
            self._docket_writers[case].add(letter.id)

    def _unindex(self, letter: Letter | None) -> None:
        if letter is None:
            return
        for key in _reference_keys(letter):
            self._named_by[key].discard(letter.id)
        for _, _, day in self.scan(letter).dates:
            self._mentioned_by[(letter.case, day)].discard(letter.id)
        for entry in self._docket_reads(letter):
            self._docket_readers[entry].discard(letter.id)
        for case, _, _ in self._docket_writes(letter):
            self._docket_writers[case].discard(letter.id)


Mentions = list[tuple[Letter | None, tuple[str, ...], Letter | None, tuple[str, ...]]]


def _moved_mentions(items: tuple[DocketItem, ...], case: str, moves: Mentions) -> tuple[DocketItem, ...] | None:
    """A case's docket (`case_dockets`' items) after saves that changed only the "ECF No. N" its
    letters' texts mention (`moves`: each changed letter as it was and is, with its mentions); or
    None when only gathering again can tell (a changed letter is a docket entry or refers to one,
    or a mentioned entry is known from elsewhere too: case.yml, a letter, a reference).

    An entry known only from mentions has no date, title or note, and is cited by the letters
    mentioning it: taking a letter out of the citing letters of the numbers it mentioned, and
    putting it in those it mentions, is what gathering every letter of the case again would give
    (a case of 100,000 letters, two in three of them mentioning some entry: a third of a second a
    save)."""
    if any(
        letter is not None and (letter.docket_entry is not None or letter.docket_references)
        for before, _, after, _ in moves
        for letter in (before, after)
    ):
        return None
    citing = _citing_after(items, case, moves)
    if citing is None:
        return None
    if not citing:
        return items
    made = [item for item in items if item.number not in citing]
    for number, letters in citing.items():
        if letters:
            cited = tuple(sorted(letters.values(), key=lambda letter: letter.sort_key))
            made.append(DocketItem(case, number, cited_by=cited, sources=("mention",)))
    order = [docket_order(item) for item in made]
    if len(set(order)) != len(order):  # "0191" beside "191": their order is the order they were first seen
        return None
    return tuple(sorted(made, key=docket_order))


def _citing_after(items: tuple[DocketItem, ...], case: str, moves: Mentions) -> dict[str, dict[str, Letter]] | None:
    """The letters citing each entry the moved mentions name (by number), once the changed letters
    as they were are taken out and as they are put in; None if such an entry is known from
    anything but mentions."""
    by_number = {item.number: item for item in items if item.number}
    citing: dict[str, dict[str, Letter]] = {}
    for adding in (False, True):  # every letter as it was taken out, then as it is put in
        for before, was, after, now in moves:
            letter, numbers = (after, now) if adding else (before, was)
            if letter is None or letter.case != case:
                continue
            for number in numbers:
                if number not in citing:
                    item = by_number.get(number)
                    if item is not None and item.sources != ("mention",):
                        return None
                    citing[number] = {other.id: other for other in item.cited_by} if item is not None else {}
                if adding:
                    citing[number][letter.id] = letter
                else:
                    citing[number].pop(letter.id, None)
    return citing


def _shown_changes(case: str, before: tuple[DocketItem, ...], after: tuple[DocketItem, ...]) -> set[DocketKey]:
    """The keys (`_docket_reads`) of a case's entries whose page-facing form differs between two
    gatherings: what a letter's page shows of an entry is its number, date, title and what it is
    (its anchor and link title), never the letters citing it."""

    def shown(items: tuple[DocketItem, ...]) -> tuple[dict[str, object], dict[date, list[object]]]:
        by_number: dict[str, object] = {}
        by_day: dict[date, list[object]] = defaultdict(list)
        for item in items:
            form = (item.number, item.date, item.title, item.described)
            if item.number:
                by_number[item.number] = form
            if item.date is not None:
                by_day[item.date].append(form)
        return by_number, by_day

    (numbers_before, days_before), (numbers_after, days_after) = shown(before), shown(after)
    changes: set[DocketKey] = {
        (case, "number", number)
        for number in numbers_before.keys() | numbers_after.keys()
        if numbers_before.get(number) != numbers_after.get(number)
    }
    changes |= {
        (case, "day", day)
        for day in days_before.keys() | days_after.keys()
        if days_before.get(day) != days_after.get(day)
    }
    if changes:  # a reference by day alone may show any numbered entry (see `_docket_reads`)
        changes.add((case, _ANY_DAY, ""))
    return changes


def _reference_keys(letter: Letter) -> set[Key]:
    keys: set[Key] = set()
    for ref in letter.letter_references:
        if ref.id:
            keys.add(("id", "", ref.id))
        elif ref.date is not None:
            keys.add(("day", ref.case, ref.date))
    return keys


def _neighbours(archive: Archive, letter: Letter) -> tuple[Neighbours, ...]:
    """The letter's place in each of its registered cases, as `cross_link` finds it."""
    found = []
    for case in letter.cases:
        if case not in archive.cases:
            continue
        letters = archive.letters_of_case(case)
        position = _position(archive, case, letter)
        if position is None:
            continue
        before = letters[position - 1] if position > 0 else None
        after = letters[position + 1] if position + 1 < len(letters) else None
        found.append(Neighbours(case, before, after))
    return tuple(found)


def _neighbour_ids(archive: Archive, letter: Letter) -> set[str]:
    return {
        other.id
        for place in _neighbours(archive, letter)
        for other in (place.previous, place.next)
        if other is not None
    }


def _position(archive: Archive, case: str, letter: Letter) -> int | None:
    """Where the letter is in its case's letters (oldest first), by binary search on the sort key."""
    letters = archive.letters_of_case(case)
    low, high = 0, len(letters)
    key = letter.sort_key
    while low < high:
        middle = (low + high) // 2
        if letters[middle].sort_key < key:
            low = middle + 1
        else:
            high = middle
    return low if low < len(letters) and letters[low] is letter else None
