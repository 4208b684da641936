"""What every page builder reads: the archive, its cross-links, and the groupings
of letters (by year, person, topic), each computed once per build."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from docket_archive.domain.model import Archive, Case, Letter, Person
from docket_archive.law import personnames as names
from docket_archive.links import mentions
from docket_archive.links.crosslinks import LetterLinks, cross_link
from docket_archive.links.docket import DocketItem, case_dockets
from docket_archive.links.events import CaseEvent, case_events, names_events
from docket_archive.links.keptlinks import KeptLinks

from .memo import Changed, Grouper, Parts, PartsInOrder, Tally, fresh, fresh_groups, fresh_in_order, fresh_tally

DUE_SOON_DAYS = 14
# A report is called overdue only while it is less than this many days late, in
# a case whose case.yml marks it active. Reports come every two to six weeks:
# one three months late means the archive lacks the later letters (or the case
# went quiet) far more often than that the parties missed a date, and calling a
# 2009 report "overdue by 6,362 days" cries wolf. Past the horizon, or in a case
# not marked active, the site says "no report since <the latest letter>".
OVERDUE_HORIZON_DAYS = 90
# A person, topic or case with more letters than this gets one page per year, linked
# from its page: a judge of many cases would otherwise have one page that grows
# with the whole archive (megabytes at ten thousand letters), and an archive cloned
# from one long matter a case page of every letter.
LONG_LIST = 100
LATEST = 10  # letters shown on a person's, topic's or case's page when it is split by year


@dataclass
class Roles:
    """A person's letters by role, oldest first (each list in the archive's order)."""

    wrote: list[Letter] = field(default_factory=list)
    received: list[Letter] = field(default_factory=list)
    copied: list[Letter] = field(default_factory=list)

    def by_year(self) -> dict[int, Roles]:
        """The same letters split by year, newest year first.

        Each list is in date order, so a year is a slice of it, found by bisection: no
        letter is looked at one by one (a judge's lists hold most of the archive)."""
        lists = (self.wrote, self.received, self.copied)
        found = set().union(*map(_years_in, lists))
        return {year: Roles(*(_of_year(letters, year) for letters in lists)) for year in sorted(found, reverse=True)}


def _years_in(letters: list[Letter]) -> set[int]:
    """The years that letters (in date order) fall in, found by skipping from one year to the next."""
    years: set[int] = set()
    start = 0
    while start < len(letters):
        year = letters[start].date.year
        years.add(year)
        start = bisect.bisect_left(letters, year + 1, lo=start, key=_year)
    return years


def case_split(archive: Archive, case_key: str) -> bool:
    """Whether the case's timeline is a page a year (more than LONG_LIST letters): its page then
    lists the latest, and a letter's trail leads to its year's page rather than an anchor."""
    return len(archive.letters_of_case(case_key)) > LONG_LIST


def years_of_case(letters: tuple[Letter, ...]) -> dict[int, tuple[Letter, ...]]:
    """A case's letters (oldest first) by year, newest year first, each year's oldest first.

    Each year is a slice, found by bisection as `Roles.by_year`'s: a case of 100,000 letters
    is split again on every save of the preview, in a millisecond, and a year whose letters
    are the same objects compares equal to the last build's at once (its page is kept)."""
    found: dict[int, tuple[Letter, ...]] = {}
    start = 0
    while start < len(letters):
        year = letters[start].date.year
        end = bisect.bisect_left(letters, year + 1, lo=start, key=_year)
        found[year] = letters[start:end]
        start = end
    return dict(reversed(found.items()))


def _of_year(letters: list[Letter], year: int) -> list[Letter]:
    return letters[bisect.bisect_left(letters, year, key=_year) : bisect.bisect_left(letters, year + 1, key=_year)]


def _year(letter: Letter) -> int:
    return letter.date.year


@dataclass(frozen=True)
class DueReport:
    due: date
    days: int  # from the build date; negative when past
    case: Case
    letter: Letter  # the case's latest letter, which promised it

    @property
    def state(self) -> str:
        """ "due", "soon", "today", "overdue", or "quiet" (late past the horizon, or in a case not marked active)."""
        if self.days > DUE_SOON_DAYS:
            return "due"
        if self.days > 0:
            return "soon"
        if self.days == 0:
            return "today"
        if self.case.status_marked and self.case.is_active and -self.days <= OVERDUE_HORIZON_DAYS:
            return "overdue"
        return "quiet"


@dataclass(frozen=True)
class SiteOptions:
    """Settings of the site that pages need (from the plugin's options or the command line)."""

    repository: str = ""  # "owner/name" on GitHub, where the Add a letter form proposes files
    branch: str = "main"
    letters_folder: str = "letters"
    site_url: str = ""  # MkDocs' site_url: makes the links of feeds, calendars and exports absolute


@dataclass(frozen=True)
class Site:
    archive: Archive
    build_date: date
    options: SiteOptions = field(default_factory=SiteOptions)
    parts: Parts = field(default=fresh, compare=False)  # parts of files kept between builds (pages.memo)
    kept_links: KeptLinks | None = field(default=None, compare=False)  # links kept between builds (serve)
    in_order: PartsInOrder = field(default=fresh_in_order, compare=False)  # per-letter parts, in order (pages.memo)
    tallies: Tally = field(default=fresh_tally, compare=False)  # counts over the letters (pages.memo)
    grouper: Grouper = field(default=fresh_groups, compare=False)  # letters by person, topic (pages.memo)

    @cached_property
    def links(self) -> dict[str, LetterLinks]:
        if self.kept_links is not None:
            return self.kept_links.update(self.archive)
        return cross_link(self.archive)

    @property
    def touched_letters(self) -> set[str] | None:
        """Ids of the letters whose pages may show something new since the last build (serve);
        None: every letter's."""
        if self.kept_links is None:
            return None
        _ = self.dockets  # which adds the letters showing a docket entry that changed
        return self.kept_links.touched

    @property
    def changed(self) -> Changed:
        """What changed since the last build (serve): which letters, and whose links."""
        if self.kept_links is None:
            return Changed()
        _ = self.dockets  # `touched` is complete once the dockets are gathered
        return Changed(self.kept_links.changed, self.kept_links.touched)

    def tally(self, key: Hashable, values: Callable[[Letter], Iterable[str]]) -> Counter[str]:
        """How many letters have each of the values `values` gives a letter (kept between rebuilds)."""
        archive = self.archive
        return self.tallies(key, archive.letters, archive.letter_by_id, self.changed.letters, values)

    def group(self, key: Hashable, groups_of: Callable[[Letter], Iterable[str]]) -> dict[str, list[Letter]]:
        """The letters of each group `groups_of` names, oldest first (kept between rebuilds)."""
        archive = self.archive
        return self.grouper(key, archive.letters, archive.letter_by_id, self.changed.letters, groups_of)

    def events(self, case_key: str) -> tuple[CaseEvent, ...]:
        """The case's hearings and deadlines (links.events), kept between rebuilds while the letters
        that name them or ask to move them are the same: an edit to any other letter of the case
        leaves them as they were (a case of 100,000 letters took 0.17 s a save to gather again)."""
        letters = self._eventful.get(case_key, [])
        return self.parts(("events", case_key), letters, lambda: case_events(self.archive, case_key, letters))

    @cached_property
    def _eventful(self) -> dict[str, list[Letter]]:
        """Each case's letters that name a hearing or deadline or ask to move one, oldest first."""
        return self.group("eventful", _eventful)

    def scan(self, letter: Letter) -> mentions.TextScan:
        """Where the letter's text names dates and its references (kept with the letter while serving)."""
        return self.kept_links.scan(letter) if self.kept_links is not None else mentions.scan(letter)

    @cached_property
    def dockets(self) -> dict[str, tuple[DocketItem, ...]]:
        """Each case's docket entries, from case.yml, references, letters' own numbers and their text."""
        links = self.links
        if self.kept_links is not None:
            # but the cases a save adds to, as kept
            return self.kept_links.dockets(self.archive, links, lambda letter: self.scan(letter).ecf)
        # Only the docket numbers each text names (case_dockets' own reading), not the whole
        # scan (dates, references), which each letter's page makes again.
        return case_dockets(self.archive, links)

    @cached_property
    def numbered_entries(self) -> dict[str, dict[str, DocketItem]]:
        """Each case's numbered docket entries by number: what "ECF No. 191" in a letter links to."""
        return {key: {item.number: item for item in items if item.number} for key, items in self.dockets.items()}

    @cached_property
    def cases(self) -> list[Case]:
        return sorted(self.archive.cases.values(), key=lambda case: (case.caption.lower(), case.key))

    @cached_property
    def people(self) -> list[Person]:
        return sorted(self.archive.people.values(), key=names.sort_key)

    @cached_property
    def roles(self) -> dict[str, Roles]:
        wrote = self.group("wrote", _authors)
        received = self.group("received", _addressees)
        copied = self.group("copied", _copied)
        return {
            key: Roles(wrote.get(key, []), received.get(key, []), copied.get(key, [])) for key in self.archive.people
        }

    @cached_property
    def involved(self) -> dict[str, list[Letter]]:
        """Person -> every letter they wrote, received or were copied on, each once, oldest first."""
        return self.group("involved", _involved)

    @cached_property
    def tags(self) -> dict[str, list[Letter]]:
        """Topic -> its letters, oldest first; topics in alphabetical order."""
        return dict(sorted(self.group("tags", _tags).items()))

    @cached_property
    def years(self) -> dict[int, dict[int, list[Letter]]]:
        """Year -> month -> letters, all newest first."""
        years: dict[int, dict[int, list[Letter]]] = {}
        for month, letters in sorted(self.group("months", _month).items(), reverse=True):  # "2009-06"
            years.setdefault(int(month[:4]), {})[int(month[5:])] = letters[::-1]
        return years

    @cached_property
    def due(self) -> list[DueReport]:
        """Reports due in active cases, per each case's latest letter, soonest first."""
        reports = []
        for case in self.cases:
            due = self.archive.next_report_due(case.key)
            latest = self.archive.latest_letter(case.key)
            if due and latest:
                reports.append(DueReport(due, (due - self.build_date).days, case, latest))
        # Quiet cases after the others: they are history, not work to do.
        return sorted(reports, key=lambda report: (report.state == "quiet", report.due, report.case.key))

    def due_report(self, case_key: str) -> DueReport | None:
        return next((report for report in self.due if report.case.key == case_key), None)

    def presides(self, person: Person) -> list[Case]:
        return [case for case in self.cases if case.judge == person.key]


def _authors(letter: Letter) -> Iterable[str]:
    return (author.person for author in letter.authors)


def _addressees(letter: Letter) -> Iterable[str]:
    return letter.addressees


def _copied(letter: Letter) -> Iterable[str]:
    return (copy.person for copy in letter.cc if copy.person)  # a group in cc has no person


def _involved(letter: Letter) -> Iterable[str]:
    return [*_authors(letter), *letter.addressees, *_copied(letter)]


def _month(letter: Letter) -> Iterable[str]:
    return (f"{letter.date.year:04d}-{letter.date.month:02d}",)  # in date order as text (years 1900-2199)


def _eventful(letter: Letter) -> Iterable[str]:
    return letter.cases if names_events(letter) else ()


def _tags(letter: Letter) -> Iterable[str]:
    return letter.tags


def by_year(letters: list[Letter]) -> dict[int, list[Letter]]:
    """Letters (oldest first) by year, newest year first, each year's newest first."""
    years: dict[int, list[Letter]] = defaultdict(list)
    for letter in reversed(letters):
        years[letter.date.year].append(letter)
    return dict(sorted(years.items(), reverse=True))


def neighbours(years: list[int]) -> list[tuple[int, int | None, int | None]]:
    """Each year of a newest-first list with the newer and older year beside it."""
    return [
        (year, years[i - 1] if i else None, years[i + 1] if i + 1 < len(years) else None)
        for i, year in enumerate(years)
    ]
