"""Standing searches: their queries checked, and the letters each one matches.

A standing search is a file letters/searches/<key>.yml (load/searches.py
reads it); its feed (site/files/searchfeeds.py) lists the letters its query
matches, newest first, found with `reference`, the definition of the query
language, so a feed says exactly what the search page says.
"""

from __future__ import annotations

from collections.abc import Iterable

from docket_archive.domain.model import Archive, StandingSearch
from docket_archive.domain.problems import Problem

from .query import Node, QueryError, parse
from .reference import ReadDocument, search


def check(archive: Archive) -> list[Problem]:
    """A problem for each standing search whose query cannot be read, saying where in it."""
    problems = []
    for standing in archive.searches:
        try:
            if parse(standing.query) is None:
                raise QueryError("the query has no word to search for", 0, 0)
        except QueryError as error:
            problems.append(
                Problem(
                    standing.source,
                    standing.query_line,
                    "query",
                    f"character {error.start + 1} of the query: {error.message}",
                    "write the query as on the search page (its table says how), and try it there",
                )
            )
    return problems


def tree(standing: StandingSearch) -> Node | None:
    """The standing search's query, or None if it cannot be read (`check` reports it)."""
    try:
        return parse(standing.query)
    except QueryError:
        return None


def matching(standing: StandingSearch, letters: Iterable[ReadDocument]) -> list[str]:
    """The ids of the letters the search matches, newest first."""
    node = tree(standing)
    return search(node, letters) if node is not None else []
