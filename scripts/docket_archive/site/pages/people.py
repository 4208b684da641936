"""People: the list, each person's page (split by year when long), and firms."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from docket_archive.domain.model import Person

from .. import paths
from ..files import following as follow
from ..groupings import LATEST, LONG_LIST, Site, neighbours
from ..page import Page
from ..render import Renderer
from ..trail import PEOPLE, trail


def build(site: Site, render: Renderer) -> dict[str, Page]:
    pages = {
        paths.PEOPLE: render.page(
            "people.html.j2", paths.PEOPLE, title="People", people_sorted=site.people, roles=site.roles
        ),
        paths.FIRMS: firms_page(site, render),
    }
    for person in site.people:
        pages.update(person_pages(site, render, person))
    return pages


def person_pages(site: Site, render: Renderer, person: Person) -> dict[str, Page]:
    role = site.roles[person.key]
    everything = site.involved.get(person.key, [])[::-1]  # newest first
    years = role.by_year() if len(everything) > LONG_LIST else {}
    pages: dict[str, Page] = {}
    for year, newer, older in neighbours(list(years)):
        here = paths.person_year(person, year)
        pages[here] = render.page(
            "person_year.html.j2",
            here,
            title=f"{person.name}: letters of {year}",
            meta=trail(PEOPLE, *_steps(person), (str(year), here)),
            person=person,
            year=year,
            role=years[year],
            newer=newer,
            older=older,
            year_link=partial(paths.person_year, person),
        )
    pages[paths.person(person)] = render.page(
        "person.html.j2",
        paths.person(person),
        title=person.name,
        meta={**follow.alternates(site, person_key=person.key), **trail(PEOPLE, *_steps(person))},
        person=person,
        role=role,
        presides=site.presides(person),
        years=years,
        count=len(everything),
        latest=everything[:LATEST],
    )
    return pages


def _steps(person: Person) -> list[tuple[str, str]]:
    return [(PEOPLE, paths.PEOPLE), (person.name, paths.person(person))]


def firms_page(site: Site, render: Renderer) -> Page:
    firms: dict[str, list[Person]] = defaultdict(list)
    for person in site.people:
        if person.firm:
            firms[person.firm].append(person)
    return render.page(
        "firms.html.j2",
        paths.FIRMS,
        title="Firms",
        firms=sorted(firms.items(), key=lambda item: item[0].lower()),
        unaffiliated=[p for p in site.people if not p.firm],
    )
