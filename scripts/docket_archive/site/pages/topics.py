"""Topics: the list, and each topic's page (split by year when long)."""

from __future__ import annotations

from functools import partial

from docket_archive.domain.model import Letter

from .. import paths
from ..groupings import LATEST, LONG_LIST, Site, by_year, neighbours
from ..page import Page
from ..render import Renderer
from ..topics import topic_name
from ..trail import TOPICS, trail


def build(site: Site, render: Renderer) -> dict[str, Page]:
    pages = {paths.TAGS: render.page("tags.html.j2", paths.TAGS, title="Topics", tags=site.tags)}
    for tag, letters in site.tags.items():
        years = years_of(render, tag, letters) if len(letters) > LONG_LIST else {}
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


def years_of(render: Renderer, tag: str, letters: list[Letter]) -> dict[int, list[Letter]]:
    """`by_year`, kept between the preview's rebuilds while the topic's letters are the same
    (a topic of 16,000 letters is split again only when one of them changes)."""
    if render.memo is None:
        return by_year(letters)
    return render.memo.part(("topic years", tag), letters, lambda: by_year(letters))
