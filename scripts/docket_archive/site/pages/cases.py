"""The list of cases and each case's page: its details, docket entries, hearings and timeline
(split by year when long: the page lists the latest letters, and each year has its page), and
a page for each docket entry cited by many letters (the case page's row then links to it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from zoneinfo import ZoneInfo

from docket_archive.domain.model import Case, Letter
from docket_archive.law.timezones import court_zone
from docket_archive.links.docket import DocketItem
from docket_archive.links.events import CaseEvent, upcoming_first

from .. import paths
from ..files import following as follow
from ..groupings import LATEST, OVERDUE_HORIZON_DAYS, Site, case_split, neighbours, years_of_case
from ..page import Page
from ..render import Renderer
from ..trail import CASES, case_steps, trail

# A docket entry cited by more letters than this gets a page of its own, listing them; the case
# page's row then gives the count, the latest and a link. Up to this many, the row keeps its
# folded list: five titles are about one row of a table of letters (a kilobyte), so a reader of
# the case page sees them in one click. Past it the list grows with the archive (an archive cloned
# from one long matter had a case page of 14.8 MB at 100,000 letters, 94% of it these lists).
DOCKET_INLINE = 5
Day = date  # (a field of PagedEntry is named `date`, as DocketItem's)

# Where the archive knows an entry from (`DocketItem.sources`), as the entry's page says it.
SOURCES = {
    "case.yml": "the case's record (case.yml)",
    "letter": "the archived letter that is this entry",
    "reference": "letters' references",
    "mention": "letters naming it in their text",
}


@dataclass(frozen=True)
class EventRow:
    """A hearing or deadline as the case page shows it: the event, and its time at the court."""

    event: CaseEvent
    clock: str  # "11:00 a.m. CST"; "" without a time


def build(site: Site, render: Renderer) -> dict[str, Page]:
    due = {report.case.key: report for report in site.due}
    pages = {
        paths.CASES: render.page(
            "cases.html.j2", paths.CASES, title="Cases", keep=False, cases=site.cases, due_reports=due
        )
    }
    for case in site.cases:
        pages.update(case_pages(site, render, case))
    return pages


@dataclass(frozen=True)
class PagedEntry:
    """A docket entry with a page of its own, as its row on the case page shows it: what it is,
    how many letters cite it, the latest, and its page, and nothing else of the citing letters,
    so the case page is made again only when the row changes. Named as `DocketItem`'s fields
    where the row shows the same (`docket_row` in case.html.j2 writes both)."""

    number: str
    date: Day | None
    described: str
    note: str
    filed_as: str | None  # the id of the letter that is the entry
    count: int
    latest: str  # the id of the latest letter citing it
    latest_date: Day
    page: str  # the entry's page


def entry_page_names(docket: tuple[DocketItem, ...]) -> dict[int, str]:
    """The page name of each entry (by its place in the docket) cited by more than DOCKET_INLINE
    letters: its anchor on the case page without "docket-" ("191", "2009-06-22"). Two entries
    without a number on one day share an anchor (their titles differ): the later in the docket's
    order is "2009-06-22-2", so no page is written over another."""
    names: dict[int, str] = {}
    taken: set[str] = set()
    for place, entry in enumerate(docket):
        name = paths.docket_anchor(entry).removeprefix("docket-") or "entry"
        if name in taken:  # the same anchor: the later entry of one day
            count = 2
            while f"{name}-{count}" in taken:
                count += 1
            name = f"{name}-{count}"
        taken.add(name)
        if len(entry.cited_by) > DOCKET_INLINE:
            names[place] = name
    return names


def docket_pages(
    site: Site, render: Renderer, case: Case, docket: tuple[DocketItem, ...]
) -> tuple[tuple[DocketItem | PagedEntry, ...], dict[str, Page]]:
    """The case page's docket rows, and a page for each entry cited by more than DOCKET_INLINE letters.

    An entry's page is handed the entry (its citing letters are the same objects from one save
    to the next unless they changed), so it is made again only when what it shows changed."""
    names = entry_page_names(docket)
    rows: list[DocketItem | PagedEntry] = []
    pages: dict[str, Page] = {}
    for place, entry in enumerate(docket):
        name = names.get(place)
        if name is None:
            rows.append(entry)
            continue
        here = paths.docket_page(case.key, name)
        citing = entry.cited_by
        latest = citing[-1]
        rows.append(
            PagedEntry(
                entry.number,
                entry.date,
                entry.described,
                entry.note,
                entry.filed_as.id if entry.filed_as is not None else None,
                len(citing),
                latest.id,
                latest.date,
                here,
            )
        )
        pages[here] = render.page(
            "case_docket.html.j2",
            here,
            title=f"{case.caption}: {entry.label}",
            description=f"{case.caption}, No. {case.number}: {entry.label}, cited by {len(citing):,} letters",
            meta={
                **follow.alternates(site, case_key=case.key),
                **trail(
                    CASES,
                    *case_steps(case),
                    ("Docket entries", f"{paths.case(case)}#docket-entries"),
                    (entry.label, here),
                ),
            },
            case=case,
            entry=entry,
            sources=[SOURCES.get(source, source) for source in entry.sources],
            # A letter of another case citing this case's entry (by a reference) is named with its case.
            show_case=any(letter.case != case.key for letter in citing),
        )
    return tuple(rows), pages


def case_pages(site: Site, render: Renderer, case: Case) -> dict[str, Page]:
    """The case's page and, for a long case (`case_split`), a page for each year of its timeline."""
    letters = site.archive.letters_of_case(case.key)
    years = years_of_case(letters) if case_split(site.archive, case.key) else {}
    pages: dict[str, Page] = {}
    for year, newer, older in neighbours(list(years)):
        here = paths.case_year(case, year)
        pages[here] = render.page(
            "case_year.html.j2",
            here,
            title=f"{case.caption}: letters of {year}",
            description=f"{case.caption}, No. {case.number}: the letters of {year}",
            meta={**follow.alternates(site, case_key=case.key), **trail(CASES, *case_steps(case), (str(year), here))},
            case=case,
            year=year,
            letters=years[year],  # the same objects as the last build's: a year none of whose letters changed is kept
            newer=newer,
            older=older,
            year_link=partial(paths.case_year, case),
        )
    docket, entry_pages = docket_pages(site, render, case, site.dockets.get(case.key, ()))
    pages.update(entry_pages)
    pages[paths.case(case)] = case_page(site, render, case, letters, years, docket)
    return pages


def clock(event: CaseEvent, zone: str | None) -> str:
    """The event's time at the court, with the zone's abbreviation on that day ("EST", "CDT")."""
    if not event.time:
        return ""
    at = datetime.combine(event.date, datetime.strptime(event.time, "%H:%M").time())
    hour = at.hour % 12 or 12
    said = f"{hour}:{at.minute:02d} {'a.m.' if at.hour < 12 else 'p.m.'}"
    if zone:
        said += f" {at.replace(tzinfo=ZoneInfo(zone)).tzname()}"
    return said


def case_page(
    site: Site,
    render: Renderer,
    case: Case,
    letters: tuple[Letter, ...],
    years: dict[int, tuple[Letter, ...]],
    docket: tuple[DocketItem | PagedEntry, ...],
) -> Page:
    zone = court_zone(case.court.id)
    upcoming, past = upcoming_first(site.events(case.key), site.build_date)
    urls = paths.SiteUrls(site.options.site_url)
    calendar = paths.case_calendar(case.key)
    return render.page(
        "case.html.j2",
        paths.case(case),
        title=case.caption,
        description=f"{case.caption}, No. {case.number}",
        meta={**follow.alternates(site, case_key=case.key), **trail(CASES, *case_steps(case))},
        case=case,
        count=len(letters),
        span=(letters[0].date, letters[-1].date) if letters else None,
        # A long case's page shows what it says of its letters, not the letters: an edit to a
        # letter of an earlier year leaves it as it was (its year's page is made again).
        letters=() if years else letters,
        latest=letters[: -LATEST - 1 : -1] if years else (),
        years={year: len(of_year) for year, of_year in years.items()},
        due=site.due_report(case.key),
        overdue_horizon=OVERDUE_HORIZON_DAYS,
        docket=docket,  # the rows: an entry with its own page as the row shows it (`PagedEntry`)
        docket_pages=any(isinstance(row, PagedEntry) for row in docket),
        docket_inline=DOCKET_INLINE,
        upcoming=[EventRow(event, clock(event, zone)) for event in upcoming],
        past=[EventRow(event, clock(event, zone)) for event in past],
        zone=zone or "",
        build_date=site.build_date,
        calendar_url=urls.absolute(calendar),  # "" without site_url: case.js makes it from the page's address
    )
