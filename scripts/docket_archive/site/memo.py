"""Pages kept between the builds of `mkdocs serve`, each with what it was made from.

A page is a pure function of what its builder hands the template (the letter,
the links, the rows of a table...), plus a few things every page may read: the
registries, the site's options and the build date. A page whose inputs are
equal to last build's is the same page, so it is taken from here instead of
being rendered again. Letters kept by the letter cache are the very same
objects as before, so comparing inputs is mostly comparing identities: an edit
to one letter renders again that letter's page and the pages that list it.

Pages that read the whole archive through a template global (the home page,
the list of cases) are not kept: they are few and small.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from docket_archive.domain.model import Letter
from docket_archive.links.keptlinks import KeptLinks

from .page import Page

T = TypeVar("T")


class Parts(Protocol):
    """Where a builder gets a part of a file (a row, a feed, a letter's JSON): made, or kept from the last build."""

    def __call__(self, key: Hashable, inputs: object, make: Callable[[], T]) -> T: ...


def fresh(key: Hashable, inputs: object, make: Callable[[], T]) -> T:
    """Parts for a single build: always made."""
    return make()


@dataclass(frozen=True)
class Changed:
    """What changed since the last build of `mkdocs serve`, for the parts kept in order (None: anything may have)."""

    letters: Collection[str] | None = None  # ids of the letters that are not the same objects as before
    links: Collection[str] | None = None  # ids of the letters whose links (or page) may differ


ANY_CHANGE = Changed()


class PartsInOrder(Protocol):
    """One part per letter, in the letters' order (a CSV file's rows, the letters of archive.json).

    `changed`: the ids of the letters whose part may differ from the last build's (None: any)."""

    def __call__(
        self, key: Hashable, letters: Sequence[Letter], changed: Collection[str] | None, make: Callable[[Letter], T]
    ) -> list[T]: ...


def fresh_in_order(
    key: Hashable, letters: Sequence[Letter], changed: Collection[str] | None, make: Callable[[Letter], T]
) -> list[T]:
    """Parts in order for a single build: all made."""
    return [make(letter) for letter in letters]


ByLetter = Callable[[Letter], Iterable[str]]  # a letter's values (a topic, a type, an author) or groups
# (key, the letters, the letters by id, the ids of those changed since the last build or None for
# any, a letter's values) -> how many letters have each value, counted once a letter.
Tally = Callable[[Hashable, Sequence[Letter], Mapping[str, Letter], Collection[str] | None, ByLetter], Counter[str]]
# The same, with the groups a letter is in -> the letters of each group, in the letters' order.
Grouper = Callable[
    [Hashable, Sequence[Letter], Mapping[str, Letter], Collection[str] | None, ByLetter], dict[str, list[Letter]]
]


def fresh_tally(
    key: Hashable,
    letters: Sequence[Letter],
    by_id: Mapping[str, Letter],
    changed: Collection[str] | None,
    values: ByLetter,
) -> Counter[str]:
    """A tally for a single build: every letter counted."""
    return count_all(letters, key, values)


# A tally of one build's letters (`Site.tally`): (key, values) -> how many letters have each value.
Tallier = Callable[[Hashable, Callable[[Letter], Iterable[str]]], Counter[str]]


def count_all(letters: Sequence[Letter], key: Hashable, values: Callable[[Letter], Iterable[str]]) -> Counter[str]:
    """A Tallier's answer with nothing kept: every letter counted (`partial(count_all, letters)`)."""
    return Counter(value for letter in letters for value in values(letter))


def fresh_groups(
    key: Hashable,
    letters: Sequence[Letter],
    by_id: Mapping[str, Letter],
    changed: Collection[str] | None,
    groups_of: ByLetter,
) -> dict[str, list[Letter]]:
    """Groups for a single build: every letter looked at."""
    members: dict[str, list[Letter]] = {}
    for letter in letters:
        for group in dict.fromkeys(groups_of(letter)):
            members.setdefault(group, []).append(letter)
    return members


class PageMemo:
    def __init__(self) -> None:
        self._pages: dict[str, tuple[object, Page]] = {}
        self._parts: dict[Hashable, tuple[object, Any]] = {}
        self._parts_seen: set[Hashable] = set()
        self._in_order: dict[Hashable, _InOrder] = {}
        self._tallies: dict[Hashable, _Tallied] = {}
        self._groups: dict[Hashable, _Grouped] = {}
        # The letter pages of the last build: the update of the links they were made at, the
        # letters' ids in order, and each page by path (site/pages/letters.py).
        self.letter_pages: tuple[int, list[str], dict[str, Page]] | None = None
        # The cases whose timeline was split by year at the last build of the letter pages: a letter's
        # trail leads to its year's page in those, to an anchor of the case's page in the others.
        self.split_cases: frozenset[str] | None = None
        # `ids_of` and `places_of`: by the id() of the sequence asked about, held with it (so
        # that id is not reused); kept while a build asks, and across builds for the same sequence.
        self._ids: dict[int, tuple[Sequence[Letter], list[str]]] = {}
        self._places: dict[int, tuple[list[str], dict[str, int]]] = {}
        self._ids_asked: set[int] = set()
        self._build_inputs: object = None
        self._seen: set[str] = set()
        self.made = 0  # pages rendered by the last build
        self.kept = 0  # pages taken from an earlier build
        self.made_paths: set[str] = set()  # which, for the curious (and the tests)
        self.compared_paths: set[str] = set()  # pages whose inputs were compared (made or not)
        self.rows: dict[str, dict[Hashable, tuple[Any, str]]] = {}  # page -> its table rows, by letter (render.py)
        self.links = KeptLinks()  # the cross-links, kept and brought up to date

    def begin(self, build_inputs: object) -> None:
        """Start a build; what every page may read changed, so every page is made again."""
        if build_inputs != self._build_inputs:
            self._pages.clear()
            self._parts.clear()
            self._in_order.clear()
            self._tallies.clear()
            self._groups.clear()
            self.letter_pages = None
            self.split_cases = None
            self.rows.clear()
            self._build_inputs = build_inputs
        self._seen = set()
        self._parts_seen = set()
        self._ids_asked = set()
        self.made = self.kept = 0
        self.made_paths = set()
        self.compared_paths = set()
        self.parts_made = self.parts_kept = 0

    def end(self) -> None:
        """Forget pages this build did not make (letters removed, years emptied...)."""
        for path in set(self._pages) - self._seen:
            del self._pages[path]
            self.rows.pop(path, None)
        for key in set(self._parts) - self._parts_seen:
            del self._parts[key]
        for key in set(self._in_order) - self._parts_seen:
            del self._in_order[key]
        for key in set(self._tallies) - self._parts_seen:
            del self._tallies[key]
        for key in set(self._groups) - self._parts_seen:
            del self._groups[key]
        # The lists of ids no build asks for any more, and their places.
        self._ids = {key: held for key, held in self._ids.items() if key in self._ids_asked}
        lists = {id(held[1]) for held in self._ids.values()}
        self._places = {key: held for key, held in self._places.items() if key in lists}

    def ids_of(self, letters: Sequence[Letter]) -> list[str]:
        """The letters' ids in order, listed once for the same sequence (each kept file and the
        letter pages ask, a list of 100,000 ids each at 100,000 letters; a case's letters are the
        same tuple from one save to the next while none of them changes). Not to be changed."""
        key = id(letters)
        self._ids_asked.add(key)
        held = self._ids.get(key)
        if held is None or held[0] is not letters:
            held = self._ids[key] = (letters, [letter.id for letter in letters])
        return held[1]

    def places_of(self, ids: list[str]) -> dict[str, int]:
        """Each id's place in `ids` (from `ids_of`), made once for the same list. Not to be changed."""
        key = id(ids)
        held = self._places.get(key)
        if held is None or held[0] is not ids:
            held = self._places[key] = (ids, dict(zip(ids, range(len(ids)), strict=True)))
        return held[1]

    def page(self, path: str, inputs: object, make: Callable[[], Page]) -> Page:
        self._seen.add(path)
        self.compared_paths.add(path)
        held = self._pages.get(path)
        if held is not None and held[0] == inputs:
            self.kept += 1
            return held[1]
        made = make()
        self._pages[path] = (inputs, made)
        self.made += 1
        self.made_paths.add(path)
        return made

    def keep(self, path: str) -> Page | None:
        """The page made for `path` by an earlier build, kept as it is without comparing its
        inputs (the caller knows they are the same), or None if there is none."""
        held = self._pages.get(path)
        if held is None:
            return None
        self._seen.add(path)
        self.kept += 1
        return held[1]

    def keep_all(self, paths: Collection[str]) -> None:
        """These pages, made by the last build, kept as they are (the caller has them)."""
        self._seen.update(paths)
        self.kept += len(paths)

    def part(self, key: Hashable, inputs: object, make: Callable[[], T]) -> T:
        """A part of a generated file, as `page` keeps pages (see Parts)."""
        self._parts_seen.add(key)
        held = self._parts.get(key)
        if held is not None and held[0] == inputs:
            self.parts_kept += 1
            value: T = held[1]
            return value
        made = make()
        self._parts[key] = (inputs, made)
        self.parts_made += 1
        return made

    def in_order(
        self, key: Hashable, letters: Sequence[Letter], changed: Collection[str] | None, make: Callable[[Letter], T]
    ) -> list[T]:
        """Parts in order (see PartsInOrder), each kept from the last build unless its letter changed.

        When the same letters come in the same order (an edit that moves no letter), the
        changed letters' parts are made and put in their places and no other letter is looked
        at (asking each of 100,000 letters cost a second a file); when letters came, went or
        moved, the others' parts are taken by id."""
        self._parts_seen.add(key)
        ids = self.ids_of(letters)
        held = self._in_order.get(key)
        # `changed` is since the last update of the links: kept parts must be of that build.
        generation = self.links.updates
        where: dict[str, int] | None = None
        if changed is None or held is None or held.generation != generation - 1:
            made = [make(letter) for letter in letters]
            self.parts_made += len(made)
        elif held.ids == ids:
            made, where = list(held.parts), held.where
            places = [place for letter_id in changed if (place := where.get(letter_id)) is not None]
            for place in places:
                made[place] = make(letters[place])
            self.parts_made += len(places)
            self.parts_kept += len(ids) - len(places)
        else:
            made = [
                held.parts[place]
                if letter_id not in changed and (place := held.where.get(letter_id)) is not None
                else make(letter)
                for letter_id, letter in zip(ids, letters, strict=True)
            ]
        if where is None:
            where = self.places_of(ids)
        self._in_order[key] = _InOrder(generation, ids, made, where)
        return made

    def tally(
        self,
        key: Hashable,
        letters: Sequence[Letter],
        by_id: Mapping[str, Letter],
        changed: Collection[str] | None,
        values: ByLetter,
    ) -> Counter[str]:
        """A tally (see Tally) kept from the last build and brought up to date from the letters that
        changed: each changed letter's values of then taken off, and of now counted."""
        self._parts_seen.add(key)
        generation = self.links.updates
        held = self._tallies.get(key)
        if changed is None or held is None or held.generation != generation - 1:
            each = {letter.id: tuple(values(letter)) for letter in letters}
            counts = Counter(value for found in each.values() for value in found)
            self.parts_made += len(each)
        else:
            each, counts = held.each, held.counts  # this memo's own: changed in place
            for letter_id in changed:
                for value in each.pop(letter_id, ()):
                    counts[value] -= 1
                    if counts[value] <= 0:
                        del counts[value]
                letter = by_id.get(letter_id)
                if letter is not None:
                    each[letter_id] = found = tuple(values(letter))
                    counts.update(found)
            self.parts_made += len(changed)
        self._tallies[key] = _Tallied(generation, each, counts)
        return Counter(counts)  # a copy: pages may keep what they were given

    def groups(
        self,
        key: Hashable,
        letters: Sequence[Letter],
        by_id: Mapping[str, Letter],
        changed: Collection[str] | None,
        groups_of: ByLetter,
    ) -> dict[str, list[Letter]]:
        """Groups (see Grouper) kept from the last build and brought up to date from the letters
        that changed: each taken out of its groups of then and put, in its place by date, in its
        groups of now. A group's list is copied before it changes (pages keep what they were given)."""
        self._parts_seen.add(key)
        generation = self.links.updates
        held = self._groups.get(key)
        if changed is None or held is None or held.generation != generation - 1:
            members = fresh_groups(key, letters, by_id, changed, groups_of)
            each = {letter.id: (letter.sort_key, tuple(dict.fromkeys(groups_of(letter)))) for letter in letters}
            self.parts_made += len(each)
        else:
            members, each = dict(held.members), held.each  # `each` is this memo's own: changed in place
            copied: set[str] = set()

            def writable(group: str) -> list[Letter]:
                if group not in copied:
                    members[group] = list(members.get(group, ()))
                    copied.add(group)
                return members[group]

            for letter_id in changed:
                sort_key, were_in = each.pop(letter_id, (None, ()))
                for group in were_in:
                    _take_out(writable(group), letter_id, sort_key)
                    if not members[group]:
                        del members[group]
                        copied.discard(group)
                letter = by_id.get(letter_id)
                if letter is not None:
                    each[letter_id] = (letter.sort_key, tuple(dict.fromkeys(groups_of(letter))))
                    for group in each[letter_id][1]:
                        bisect.insort(writable(group), letter, key=_sort_key)
            self.parts_made += len(changed)
        self._groups[key] = _Grouped(generation, members, each)
        return members


@dataclass(frozen=True)
class _Grouped:
    generation: int
    members: dict[str, list[Letter]]
    each: dict[str, tuple[Any, tuple[str, ...]]]  # a letter's id -> (its sort key, its groups)


def _sort_key(letter: Letter) -> Any:
    return letter.sort_key


def _take_out(letters: list[Letter], letter_id: str, sort_key: Any) -> None:
    """Removes the letter with this id from a list in date order, found by its sort key."""
    place = bisect.bisect_left(letters, sort_key, key=_sort_key)
    if place < len(letters) and letters[place].id == letter_id:
        del letters[place]
        return
    for place, letter in enumerate(letters):  # pragma: no cover - sort keys are unique and kept
        if letter.id == letter_id:
            del letters[place]
            return


@dataclass(frozen=True)
class _Tallied:
    generation: int
    each: dict[str, tuple[str, ...]]  # a letter's id -> its values
    counts: Counter[str]


@dataclass(frozen=True)
class _InOrder:
    """Parts kept in order (PageMemo.in_order): made by which update of the links, for which letters."""

    generation: int
    ids: list[str]
    parts: list[Any]
    where: dict[str, int]  # a letter's id -> its place


def comparable(value: Any) -> Any:
    """A value that compares equal across builds when it means the same: a
    `functools.partial` made afresh by each build compares by what it calls."""
    if isinstance(value, functools.partial):
        return (value.func, value.args, tuple(sorted(value.keywords.items())))
    return value
