"""Letters by date: an overview of the years and one page per year, newest first."""

from __future__ import annotations

import calendar
from typing import Any

from .. import paths
from ..groupings import Site, neighbours
from ..page import Page
from ..render import Renderer


def _month_anchor(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def _month_name(month: int) -> str:
    return calendar.month_name[month]


def build(site: Site, render: Renderer) -> dict[str, Page]:
    helpers: dict[str, Any] = {"month_anchor": _month_anchor, "month_name": _month_name}
    pages = {
        paths.ARCHIVE: render.page(
            "archive.html.j2",
            paths.ARCHIVE,
            title="Letters by date",
            # Counts, not the letters: an edited letter leaves this page as it was.
            years={
                year: {month: len(letters) for month, letters in months.items()} for year, months in site.years.items()
            },
            **helpers,
        )
    }
    for year, newer, older in neighbours(list(site.years)):
        here = paths.year(year)
        pages[here] = render.page(
            "year.html.j2",
            here,
            title=f"Letters of {year}",
            year=year,
            months=site.years[year],
            newer=newer,
            older=older,
            **helpers,
        )
    return pages
