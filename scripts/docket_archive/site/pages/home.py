"""The home page: counts, reports due, the latest letters, the cases."""

from __future__ import annotations

from .. import paths
from ..files import following as follow
from ..groupings import OVERDUE_HORIZON_DAYS, Site
from ..page import Page
from ..render import Renderer


def build(site: Site, render: Renderer) -> dict[str, Page]:
    letters = site.archive.letters
    page = render.page(
        "home.html.j2",
        paths.HOME,
        title="Docket Archive",
        keep=False,  # the template reads each case's letters from the archive
        meta=follow.alternates(site),
        letters=letters,
        cases=site.cases,
        latest=list(reversed(letters[-10:])),
        due=site.due,
        overdue_horizon=OVERDUE_HORIZON_DAYS,
        build_date=site.build_date,
    )
    return {paths.HOME: page}
