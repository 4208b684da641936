"""The list of cases and each case's page: its details, docket entries and timeline."""

from __future__ import annotations

from collections import defaultdict

from docket_archive.domain.model import Case, Letter

from .. import paths
from ..files import following as follow
from ..groupings import Site
from ..page import Page
from ..render import Renderer
from ..trail import CASES, case_steps, trail


def build(site: Site, render: Renderer) -> dict[str, Page]:
    pages = {paths.CASES: render.page("cases.html.j2", paths.CASES, title="Cases", keep=False, cases=site.cases)}
    for case in site.cases:
        pages[paths.case(case)] = case_page(site, render, case)
    return pages


def case_page(site: Site, render: Renderer, case: Case) -> Page:
    letters = site.archive.letters_of_case(case.key)
    citations: dict[str, list[Letter]] = defaultdict(list)  # docket anchor -> letters citing the entry
    for letter in letters:
        for ref, entry in site.links[letter.id].docket:
            if entry is not None and ref.case == case.key:
                citations[paths.docket_anchor(entry)].append(letter)
    return render.page(
        "case.html.j2",
        paths.case(case),
        title=case.caption,
        description=f"{case.caption}, No. {case.number}",
        meta={**follow.alternates(site, case_key=case.key), **trail(CASES, *case_steps(case))},
        case=case,
        letters=letters,
        next_due=site.archive.next_report_due(case.key),
        citations=citations,
    )
