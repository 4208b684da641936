"""The search page's lists (cases, authors, firms, judges, types, courts) and the repository
its "keep watching this search" proposes to, published with the site as JSON.

Each list is as long as the registries, not the archive: the page loads it after
its first answer, whatever the number of letters. Every value is untrusted: the
page writes it with textContent only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING

from docket_archive.domain.model import Archive, Letter, Person

from .. import paths
from ..memo import Tallier, count_all

if TYPE_CHECKING:
    from ..groupings import Site


def search_data(
    archive: Archive,
    repository: str = "",
    branch: str = "main",
    letters: str = "letters",
    tally: Tallier | None = None,
) -> bytes:
    """The choices of the search page's filters. `tally` counts values over the letters
    (`Site.tally`, kept between the rebuilds of `mkdocs serve`); by default every letter is counted."""
    people = archive.people
    tally = tally or partial(count_all, archive.letters)
    authors = set(tally("search-authors", lambda letter: {author.person for author in letter.authors}))
    firms = set(tally("search-firms", partial(_firms, people)))
    judges = {case.judge for case in archive.cases.values()} | set(
        tally(
            "search-judges", lambda letter: {key for key in letter.addressees if key in people and people[key].is_judge}
        )
    )
    kinds = set(tally("search-types", lambda letter: (letter.type,) if letter.type else ()))
    courts = {case.court.id: case.court.name for case in archive.cases.values()}
    data = {
        "repository": {"name": repository, "branch": branch, "letters": letters.strip("/")} if repository else None,
        "case": [[case.key, case.caption] for case in sorted(archive.cases.values(), key=lambda c: c.caption.lower())],
        "author": sorted((people[key].name for key in authors if key in people), key=str.lower),
        "firm": sorted(firms, key=str.lower),
        "judge": sorted((people[key].name for key in judges if key in people), key=str.lower),
        "type": sorted(kinds, key=str.lower),
        "court": sorted(([key, name] for key, name in courts.items()), key=lambda c: c[1].lower()),
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _firms(people: Mapping[str, Person], letter: Letter) -> set[str]:
    return {
        firm
        for author in letter.authors
        if (firm := author.firm or (people[author.person].firm if author.person in people else ""))
    }


def build(site: Site) -> dict[str, bytes]:
    options = site.options
    return {
        paths.SEARCH_FIELDS: search_data(
            site.archive, options.repository, options.branch, options.letters_folder, site.tally
        )
    }
