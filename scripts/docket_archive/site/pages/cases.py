"""The list of cases and each case's page: its details, docket entries, hearings and timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from docket_archive.domain.model import Case
from docket_archive.law.timezones import court_zone
from docket_archive.links.events import CaseEvent, upcoming_first

from .. import paths
from ..files import following as follow
from ..groupings import OVERDUE_HORIZON_DAYS, Site
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
        pages[paths.case(case)] = case_page(site, render, case)
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


def case_page(site: Site, render: Renderer, case: Case) -> Page:
    letters = site.archive.letters_of_case(case.key)
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
        letters=letters,
        due=site.due_report(case.key),
        overdue_horizon=OVERDUE_HORIZON_DAYS,
        docket=site.dockets.get(case.key, ()),
        upcoming=[EventRow(event, clock(event, zone)) for event in upcoming],
        past=[EventRow(event, clock(event, zone)) for event in past],
        zone=zone or "",
        build_date=site.build_date,
        calendar_url=urls.absolute(calendar),  # "" without site_url: case.js makes it from the page's address
    )
