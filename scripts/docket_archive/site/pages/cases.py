"""The list of cases and each case's page: its details, docket entries, hearings and timeline
(split by year when long: the page lists the latest letters, and each year has its page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from docket_archive.domain.model import Case, Letter
from docket_archive.law.timezones import court_zone
from docket_archive.links.events import CaseEvent, upcoming_first

from .. import paths
from ..files import following as follow
from ..groupings import LATEST, OVERDUE_HORIZON_DAYS, Site, case_split, neighbours, years_of_case
from ..page import Page
from ..render import Renderer
from ..trail import CASES, case_steps, trail


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
    pages[paths.case(case)] = case_page(site, render, case, letters, years)
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
    site: Site, render: Renderer, case: Case, letters: tuple[Letter, ...], years: dict[int, tuple[Letter, ...]]
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
        docket=site.dockets.get(case.key, ()),
        upcoming=[EventRow(event, clock(event, zone)) for event in upcoming],
        past=[EventRow(event, clock(event, zone)) for event in past],
        zone=zone or "",
        build_date=site.build_date,
        calendar_url=urls.absolute(calendar),  # "" without site_url: case.js makes it from the page's address
    )
