"""Topics: the list, and each topic's page (split by year when long)."""

from __future__ import annotations

from functools import partial

from .. import paths
from ..groupings import LATEST, LONG_LIST, Site, by_year, neighbours
from ..page import Page
from ..render import Renderer
from ..topics import topic_name
from ..trail import TOPICS, trail


def build(site: Site, render: Renderer) -> dict[str, Page]:
    pages = {paths.TAGS: render.page("tags.html.j2", paths.TAGS, title="Topics", tags=site.tags)}
    for tag, letters in site.tags.items():
        years = by_year(letters) if len(letters) > LONG_LIST else {}
        for year, newer, older in neighbours(list(years)):
            here = paths.tag_year(tag, year)
            pages[here] = render.page(
                "tag_year.html.j2",
                here,
                title=f"Topic: {topic_name(tag)}, {year}",
                meta=trail(TOPICS, (TOPICS, paths.TAGS), (topic_name(tag), paths.tag(tag)), (str(year), here)),
                tag=tag,
                year=year,
                letters=years[year],
                newer=newer,
                older=older,
                year_link=partial(paths.tag_year, tag),
            )
        pages[paths.tag(tag)] = render.page(
            "tag.html.j2",
            paths.tag(tag),
            title=f"Topic: {topic_name(tag)}",
            meta=trail(TOPICS, (TOPICS, paths.TAGS), (topic_name(tag), paths.tag(tag))),
            tag=tag,
            letters=letters,
            years=years,
            latest=list(reversed(letters[-LATEST:])),
        )
    return pages
