"""The archive's lookups and the checks across letters, kept between the rebuilds of `docket serve`.

`load.archive.assemble_archive` sorts every letter, builds the lookups by id,
case and day from every letter, and runs the checks across letters over every
letter: a second of each save at 100,000 letters, for a save that changed one.
`KeptArchive.assemble` gives the same archive and the same problems, in the
same order, from what it kept of the last rebuild and the letters that changed:

- a letter the save changed is taken out of the sorted letters and the lookups
  by bisection, and its new version put in;
- the checks that concern one letter (reserved topics, references, a number
  given twice in a series) are kept per letter, and run again for the letters
  that changed, and for the letters whose references look for an id or a day
  that a changed letter had or has (`acrossletters.reference_targets`);
- the checks that concern few letters (descriptions, names of cases and people)
  are run again over those few.

Which letters changed is found by identity: the letter cache hands back the
same `Letter` object for a letter it did not read again. The registries, or an
id given twice (an error the preview shows), mean the long way: everything is
assembled again and kept afresh (or not kept, while an id is given twice).
tests/test_kept_archive.py compares each answer with `assemble_archive`'s.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from docket_archive.domain.model import Archive, Case, Letter, Person, StandingSearch
from docket_archive.domain.problems import Problem
from docket_archive.load import acrossletters
from docket_archive.load.acrossletters import Target, reference_targets, targets_of
from docket_archive.load.archive import assemble_archive, described

_sort_key = attrgetter("sort_key")
Day = tuple[str, date]  # (case, date)


def _without(letters: tuple[Letter, ...], letter: Letter) -> tuple[Letter, ...]:
    at = bisect.bisect_left(letters, letter.sort_key, key=_sort_key)
    while letters[at] is not letter:  # the same key twice only with an id twice, which is not kept
        at += 1
    return letters[:at] + letters[at + 1 :]


def _with(letters: tuple[Letter, ...], letter: Letter) -> tuple[Letter, ...]:
    at = bisect.bisect_right(letters, letter.sort_key, key=_sort_key)
    return (*letters[:at], letter, *letters[at:])


@dataclass
class _Kept:
    """What the last rebuild assembled, in forms a changed letter can be taken out of and put into."""

    people: dict[str, Person]  # the registries'
    cases: dict[str, Case]
    order: list[Letter]  # every letter, oldest first
    identities: set[int]  # id() of each (each is kept alive by `order`)
    by_id: dict[str, Letter]
    by_case: dict[str, tuple[Letter, ...]]
    by_day: dict[Day, tuple[Letter, ...]]
    in_series: dict[tuple[str, str, int], tuple[Letter, ...]]
    twice: set[tuple[str, str, int]]  # the series keys given to more than one letter
    tag_found: dict[str, list[Problem]] = field(default_factory=dict)  # by letter id, only letters with some
    reference_found: dict[str, list[Problem]] = field(default_factory=dict)
    citers: dict[Target, set[str]] = field(default_factory=lambda: defaultdict(set))  # who looks for it
    describing: dict[str, Letter] = field(default_factory=dict)

    def take_out(self, letter: Letter, returning: bool) -> None:
        """Takes the letter out; `returning`: its new version, with the same id and sort key,
        is put in next, in the same place of the lookup by id (which keeps the letters' order)."""
        at = bisect.bisect_left(self.order, letter.sort_key, key=_sort_key)
        while self.order[at] is not letter:
            at += 1
        del self.order[at]
        self.identities.discard(id(letter))
        if not returning and self.by_id.get(letter.id) is letter:
            del self.by_id[letter.id]
        for case in letter.cases:
            self.by_case[case] = _without(self.by_case[case], letter)
            day = (case, letter.date)
            if left := _without(self.by_day[day], letter):
                self.by_day[day] = left
            else:
                del self.by_day[day]
        if (key := letter.series) is not None:
            self.in_series[key] = _without(self.in_series[key], letter)
            if len(self.in_series[key]) < 2:
                self.twice.discard(key)
        self.tag_found.pop(letter.id, None)
        self.reference_found.pop(letter.id, None)
        for target in reference_targets(letter):
            self.citers[target].discard(letter.id)
        self.describing.pop(letter.id, None)

    def put_in(self, letter: Letter) -> None:
        bisect.insort_right(self.order, letter, key=_sort_key)
        self.identities.add(id(letter))
        self.by_id[letter.id] = letter
        for case in letter.cases:
            self.by_case[case] = _with(self.by_case.get(case, ()), letter)
            day = (case, letter.date)
            self.by_day[day] = _with(self.by_day.get(day, ()), letter)
        if (key := letter.series) is not None:
            self.in_series[key] = _with(self.in_series.get(key, ()), letter)
            if len(self.in_series[key]) > 1:
                self.twice.add(key)
        if found := acrossletters.tag_problems(letter):
            self.tag_found[letter.id] = found
        for target in reference_targets(letter):
            self.citers[target].add(letter.id)
        if acrossletters.describes(letter):
            self.describing[letter.id] = letter

    def check_references(self, letter: Letter) -> None:
        found = acrossletters.reference_problems(letter, self.by_id, lambda case, day: (case, day) in self.by_day)
        if found:
            self.reference_found[letter.id] = found
        else:
            self.reference_found.pop(letter.id, None)

    def archive(self, searches: tuple[StandingSearch, ...]) -> Archive:
        describing = sorted(self.describing.values(), key=_sort_key)
        people, cases = described(Archive(cases=self.cases, people=self.people), describing)
        letters = tuple(self.order)
        plain = Archive(cases=cases, people=people, letters=letters, searches=searches)
        # The lookups, as the properties build them: every case of the archive first, empty or not.
        by_case = {key: self.by_case.get(key, ()) for key in cases} | {
            key: value for key, value in self.by_case.items() if value and key not in cases
        }
        # Copies: the archive handed out must not change under whoever holds it at the next save.
        return Archive.with_lookups(plain, dict(self.by_id), by_case, dict(self.by_day))

    def problems(self, archive: Archive) -> list[Problem]:
        """What `check_across` finds, in its order (no id is given twice while kept)."""
        return [
            *acrossletters.sequence_problems(
                sorted((letter for key in self.twice for letter in self.in_series[key]), key=_sort_key)
            ),
            *acrossletters.registry_name_problems(archive),
            *self._per_letter(self.tag_found),
            *self._per_letter(self.reference_found),
            *acrossletters.description_problems(archive, sorted(self.describing.values(), key=_sort_key)),
        ]

    def _per_letter(self, found: dict[str, list[Problem]]) -> list[Problem]:
        letters = sorted((self.by_id[letter_id] for letter_id in found), key=_sort_key)
        return [problem for letter in letters for problem in found[letter.id]]


class KeptArchive:
    """An `assemble` for `load_archive` (load/archive.py) that keeps what it assembled."""

    def __init__(self) -> None:
        self._kept: _Kept | None = None
        self.changed = 0  # letters the last `assemble` took out or put in (every letter, the long way)
        self.afresh = 0  # times everything was assembled again

    def assemble(
        self, registry: Archive, letters: list[Letter], searches: tuple[StandingSearch, ...]
    ) -> tuple[Archive, list[Problem]]:
        kept = self._kept
        if kept is None or kept.people != registry.people or kept.cases != registry.cases:
            return self._afresh(registry, letters, searches)
        now = {id(letter) for letter in letters}
        gone = [] if now >= kept.identities else [letter for letter in kept.order if id(letter) not in now]
        came = [letter for letter in letters if id(letter) not in kept.identities]
        self.changed = len(gone) + len(came)
        # An edit leaves a letter where it was (the usual save); a letter that comes, goes or
        # moves changes the order of the lookup by id, which is then made again in the letters' order.
        same_place = {letter.sort_key for letter in gone} == {letter.sort_key for letter in came}
        for letter in gone:
            kept.take_out(letter, returning=same_place)
        for letter in came:
            kept.put_in(letter)
        if not same_place:
            kept.by_id = {letter.id: letter for letter in kept.order}
        if len(kept.by_id) != len(kept.order):  # an id given twice: the long way, until it is fixed
            self._kept = None
            return self._afresh(registry, letters, searches)
        # The references that look for what changed: an id or a day that a letter had or has.
        moved: set[Target] = set().union(*(targets_of(letter) for letter in (*gone, *came)))
        again = {letter_id for target in moved for letter_id in kept.citers.get(target, ())}
        again.update(letter.id for letter in came)
        for letter_id in again:
            kept.check_references(kept.by_id[letter_id])
        archive = kept.archive(searches)
        return archive, kept.problems(archive)

    def _afresh(
        self, registry: Archive, letters: list[Letter], searches: tuple[StandingSearch, ...]
    ) -> tuple[Archive, list[Problem]]:
        self.afresh += 1
        self.changed = len(letters)
        archive, problems = assemble_archive(registry, letters, searches)
        if len(archive.letter_by_id) != len(archive.letters):
            self._kept = None  # an id given twice: nothing is kept by id until it is fixed
            return archive, problems
        kept = _Kept(
            people=dict(registry.people),
            cases=dict(registry.cases),
            order=list(archive.letters),
            identities={id(letter) for letter in archive.letters},
            by_id=dict(archive.letter_by_id),
            by_case={key: value for key, value in archive._by_case.items() if value},
            by_day=dict(archive._by_case_date),
            in_series={},
            twice=set(),
        )
        series: dict[tuple[str, str, int], list[Letter]] = defaultdict(list)
        for letter in archive.letters:
            if (key := letter.series) is not None:
                series[key].append(letter)
            if letter.tags and (found := acrossletters.tag_problems(letter)):
                kept.tag_found[letter.id] = found
            if letter.letter_references:
                for target in reference_targets(letter):
                    kept.citers[target].add(letter.id)
                kept.check_references(letter)
            if acrossletters.describes(letter):
                kept.describing[letter.id] = letter
        kept.in_series = {key: tuple(value) for key, value in series.items()}
        kept.twice = {key for key, value in series.items() if len(value) > 1}
        self._kept = kept
        return archive, problems
