"""An Atom feed per standing search (letters/searches/<key>.yml): the letters its query
matches, newest first, so a feed reader alerts a lawyer to each new one.

The letters are found with `search.reference`, the definition of the query
language, so a feed lists what the search page would; each letter is read for
search once and kept between the rebuilds of `mkdocs serve` (`site.parts`).
No standing search, no work: an archive without letters/searches/ reads nothing here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docket_archive.domain.model import Letter
from docket_archive.search import standing
from docket_archive.search.documents import document_of
from docket_archive.search.reference import ReadDocument, read

from .. import paths
from ..paths import SiteUrls
from . import feeds

if TYPE_CHECKING:
    from ..groupings import Site


def build(site: Site) -> dict[str, bytes]:
    archive = site.archive
    searches = [item for item in archive.searches if standing.tree(item) is not None]
    if not searches:
        return {}

    def reading(letter: Letter) -> Callable[[], ReadDocument]:
        return lambda: read(document_of(letter, archive))

    letters = [site.parts(("search-letter", letter.id), letter, reading(letter)) for letter in archive.letters]
    by_id = archive.letter_by_id
    urls = SiteUrls(site.options.site_url)

    def writing(here: str, title: str, query: str, newest: tuple[Letter, ...]) -> Callable[[], bytes]:
        return lambda: feeds.search_feed(archive, urls, here, title, query, newest)

    found = {}
    for item in searches:
        here = paths.search_feed(item.key)
        newest = tuple(by_id[i] for i in standing.matching(item, letters)[: feeds.LIMIT])
        title = f"Docket Archive: {item.name}"
        found[here] = site.parts(("search-feed", item.key), (item, newest), writing(here, title, item.query, newest))
    return found
