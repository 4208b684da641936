"""Relative links between the site's pages: `paths.url` splits strings instead of calling
posixpath.relpath, and must give what relpath gives."""

from __future__ import annotations

import itertools
import posixpath

from hypothesis import given
from hypothesis import strategies as st

from docket_archive.site import paths

PAGES = [
    "index.md",
    "cases/index.md",
    "cases/alpha.md",
    "letters/alpha/2020-01-06-status-letter.md",
    "letters/alpha/2020-01-20-status-letter.md",
    "letters/beta/2021-03-01-status-letter.md",
    "people/casey-fixture-2.md",
    "people/casey-fixture-2/2020.md",
    "archive/2020/01.md",
    "feeds/alpha.xml",
    "exports/archive.json",
    "letters/alpha/originals/2020-01-06-status-letter.txt",
    "letters/alpha/2020-01-06-status-letter.md#docket-12",
]


def by_relpath(from_page: str, to_path: str) -> str:
    """`paths.url` as it was written with posixpath.relpath."""
    target, _, fragment = to_path.partition("#")
    here, there = paths.page_url(from_page), paths.page_url(target)
    link = posixpath.relpath(there or ".", here.rstrip("/") or ".")
    if there.endswith("/") or not there:
        link = link.rstrip("/") + "/"
    return f"{link}#{fragment}" if fragment else link


def test_every_link_between_the_site_s_kinds_of_page_is_relpath_s() -> None:
    for here, there in itertools.product(PAGES, repeat=2):
        if not here.endswith("#docket-12"):
            assert paths.url(here, there) == by_relpath(here, there), (here, there)


part = st.sampled_from(["a", "b", "ab", "index", "2020", "x-y", ".", "..", ""])


@given(st.lists(part, max_size=4), st.lists(part, max_size=4), st.booleans(), st.booleans())
def test_any_two_paths_give_relpath_s_answer(here: list[str], there: list[str], page: bool, folder: bool) -> None:
    from_page = "/".join([*here, "p.md" if page else "index.md"])
    to_path = "/".join([*there, "q.md" if folder else "file.txt"])
    paths.url.cache_clear()
    assert paths.url(from_page, to_path) == by_relpath(from_page, to_path)
