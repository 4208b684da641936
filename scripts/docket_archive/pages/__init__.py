"""Pages: the validated Archive in, the site's Markdown pages out.

Pure functions with no MkDocs import: `build_pages` returns every generated
page as {path: Markdown text} plus the files to publish as they are (the
original letters). The MkDocs plugin and `docket build` only write these out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from .. import mentions
from ..links import LetterIndex, cross_link
from ..model import Archive, Letter
from . import paths
from .fieldref import fields_reference
from .render import Renderer

DUE_SOON_DAYS = 14
# A person or topic with more letters than this gets one page per year, linked
# from its page: a judge of many cases would otherwise have one page that grows
# with the whole archive (megabytes at ten thousand letters).
LONG_LIST = 100
LATEST = 10  # letters shown on a person's or topic's page when it is split by year


@dataclass(frozen=True)
class GeneratedSite:
    pages: dict[str, str]  # site path -> Markdown
    files: dict[str, Path] = field(default_factory=dict)  # site path -> file to copy (originals)
    in_nav: frozenset[str] = frozenset()  # the few pages the nav lists; letters never are


@dataclass(frozen=True)
class Month:
    name: str
    anchor: str
    letters: list[Letter]

    @property
    def count(self) -> int:
        return len(self.letters)


@dataclass(frozen=True)
class Roles:
    wrote: list[Letter] = field(default_factory=list)
    received: list[Letter] = field(default_factory=list)
    copied: list[Letter] = field(default_factory=list)

    def letters(self) -> list[Letter]:
        """Every letter in any role, each once, newest first."""
        unique = {letter.id: letter for letter in self.wrote + self.received + self.copied}
        return sorted(unique.values(), key=lambda letter: (letter.date, letter.id), reverse=True)

    def by_year(self) -> dict[int, Roles]:
        """The same letters split by year, newest year first."""
        years: dict[int, Roles] = defaultdict(Roles)
        for name in ("wrote", "received", "copied"):
            for letter in getattr(self, name):
                getattr(years[letter.date.year], name).append(letter)
        return dict(sorted(years.items(), reverse=True))


@dataclass(frozen=True)
class DueReport:
    due: date
    status: str
    case: object
    letter: Letter


def build_pages(archive: Archive, build_date: date, letters_root: Path | None = None) -> GeneratedSite:
    """Every generated page of the site. Same archive and build date, same pages."""
    index = LetterIndex(archive)
    links = cross_link(archive, index)
    render = Renderer(archive)
    pages: dict[str, str] = {}

    case_letters: dict[str, list[Letter]] = {key: [] for key in archive.cases}
    for letter in archive.letters:
        case_letters[letter.case].append(letter)
    cases = sorted(archive.cases.values(), key=lambda case: case.caption.lower())
    next_due = {key: (letters[-1].next_report_due if letters else None) for key, letters in case_letters.items()}

    # Letter pages
    for letter in archive.letters:
        here = paths.letter(letter)
        found = mentions.find_mentions(
            letter,
            links[letter.id],
            index,
            letter_path=paths.letter,
            docket_path=lambda case, day: f"{paths.case(case)}#{paths.docket_anchor(day)}",
        )
        body = mentions.link_mentions(letter.body, found, lambda target, here=here: paths.relative(here, target))
        pages[here] = render.page(
            "letter.md.j2", here, letter=letter, case=archive.cases[letter.case], links=links[letter.id], body=body
        )

    # Home
    latest = list(reversed(archive.letters[-10:]))
    pages[paths.HOME] = render.page(
        "home.md.j2",
        paths.HOME,
        letters=archive.letters,
        cases=cases,
        case_letters=case_letters,
        latest=latest,
        due=_due_reports(archive, case_letters, build_date),
        build_date=build_date,
    )

    # Chronological archive: an overview and one page per year, newest first
    by_year: dict[int, dict[int, list[Letter]]] = defaultdict(lambda: defaultdict(list))
    for letter in reversed(archive.letters):
        by_year[letter.date.year][letter.date.month].append(letter)
    years = sorted(by_year, reverse=True)
    year_months = {
        year: [
            Month(date(year, month, 1).strftime("%B"), paths.month_anchor(date(year, month, 1)), letters)
            for month, letters in sorted(by_year[year].items(), reverse=True)
        ]
        for year in years
    }
    pages[paths.ARCHIVE] = render.page("archive.md.j2", paths.ARCHIVE, years=[(y, year_months[y]) for y in years])
    for year, newer, older in _neighbours(years):
        pages[paths.year(year)] = render.page(
            "year.md.j2", paths.year(year), year=year, months=year_months[year], newer=newer, older=older
        )

    # Cases
    pages[paths.CASES] = render.page(
        "cases.md.j2", paths.CASES, cases=cases, case_letters=case_letters, next_due=next_due
    )
    for case in cases:
        citations: dict[date, list[Letter]] = defaultdict(list)
        for letter in case_letters[case.key]:
            for ref, entry in links[letter.id].docket:
                if entry is not None and ref.case == case.key:
                    citations[entry.date].append(letter)
        pages[paths.case(case)] = render.page(
            "case.md.j2",
            paths.case(case),
            case=case,
            letters=case_letters[case.key],
            next_due=next_due[case.key],
            docket_citations=citations,
        )

    # People and firms
    roles: dict[str, Roles] = {key: Roles() for key in archive.people}
    for letter in archive.letters:
        for key in dict.fromkeys(author.person for author in letter.authors):
            roles[key].wrote.append(letter)
        for key in dict.fromkeys(letter.addressees):
            roles[key].received.append(letter)
        for key in dict.fromkeys(copy.person for copy in letter.cc):
            roles[key].copied.append(letter)
    people_sorted = sorted(archive.people.values(), key=lambda p: (p.name.split()[-1].lower(), p.name.lower()))
    pages[paths.PEOPLE] = render.page("people.md.j2", paths.PEOPLE, people_sorted=people_sorted, roles=roles)
    for person in people_sorted:
        presides = [case for case in cases if case.judge == person.key]
        role = roles[person.key]
        everything = role.letters()
        years = role.by_year() if len(everything) > LONG_LIST else {}
        for year, newer, older in _neighbours(list(years)):
            here = paths.person_year(person, year)
            pages[here] = render.page(
                "person_year.md.j2",
                here,
                person=person,
                year=year,
                role=years[year],
                newer=newer,
                older=older,
                year_link=partial(paths.person_year, person),
            )
        pages[paths.person(person)] = render.page(
            "person.md.j2",
            paths.person(person),
            person=person,
            role=role,
            presides=presides,
            years=years,
            count=len(everything),
            latest=everything[:LATEST],
        )
    firms: dict[str, list] = defaultdict(list)
    for person in people_sorted:
        if person.firm:
            firms[person.firm].append(person)
    pages[paths.FIRMS] = render.page(
        "firms.md.j2",
        paths.FIRMS,
        firms=sorted(firms.items(), key=lambda item: item[0].lower()),
        unaffiliated=[p for p in people_sorted if not p.firm],
    )

    # Topics
    tags: dict[str, list[Letter]] = defaultdict(list)
    for letter in archive.letters:
        for tag in letter.tags:
            tags[tag].append(letter)
    pages[paths.TAGS] = render.page("tags.md.j2", paths.TAGS, tags=sorted(tags.items()))
    for tag, letters in sorted(tags.items()):
        years = _by_year(letters) if len(letters) > LONG_LIST else {}
        for year, newer, older in _neighbours(list(years)):
            here = paths.tag_year(tag, year)
            pages[here] = render.page(
                "tag_year.md.j2",
                here,
                tag=tag,
                year=year,
                letters=years[year],
                newer=newer,
                older=older,
                year_link=partial(paths.tag_year, tag),
            )
        pages[paths.tag(tag)] = render.page(
            "tag.md.j2", paths.tag(tag), tag=tag, letters=letters, years=years, latest=list(reversed(letters[-LATEST:]))
        )

    pages[paths.FIELDS] = fields_reference()

    files = {}
    if letters_root is not None:
        for letter in archive.letters:
            if letter.original:
                files[paths.original(letter.original.path)] = Path(letters_root) / letter.original.path
    in_nav = frozenset({paths.HOME, paths.ARCHIVE, paths.CASES, paths.PEOPLE, paths.FIRMS, paths.TAGS, paths.FIELDS})
    return GeneratedSite(pages=pages, files=files, in_nav=in_nav)


def _by_year(letters: list[Letter]) -> dict[int, list[Letter]]:
    """Letters (oldest first) by year, newest year first, each year's newest first."""
    years: dict[int, list[Letter]] = defaultdict(list)
    for letter in reversed(letters):
        years[letter.date.year].append(letter)
    return dict(sorted(years.items(), reverse=True))


def _neighbours(years: list[int]) -> list[tuple[int, int | None, int | None]]:
    """Each year of a newest-first list with the newer and older year beside it."""
    return [
        (year, years[i - 1] if i else None, years[i + 1] if i + 1 < len(years) else None)
        for i, year in enumerate(years)
    ]


def _due_reports(archive: Archive, case_letters: dict[str, list[Letter]], build_date: date) -> list[DueReport]:
    reports = []
    for key, letters in case_letters.items():
        if not letters or letters[-1].next_report_due is None:
            continue
        due = letters[-1].next_report_due
        days = (due - build_date).days
        if days < 0:
            status = f"**Overdue** by {-days:,} day{'s' if days != -1 else ''}: no later letter in the archive"
        elif days <= DUE_SOON_DAYS:
            status = f"Due soon: in {days} day{'s' if days != 1 else ''}" if days else "Due today"
        else:
            status = f"Due in {days:,} days"
        reports.append(DueReport(due, status, archive.cases[key], letters[-1]))
    return sorted(reports, key=lambda report: (report.due, report.case.key))
