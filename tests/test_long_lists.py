"""A person or topic with many letters gets a page per year, so no page grows with the archive."""

from __future__ import annotations

import posixpath
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import copy_repo_site, mkdocs_build
from docket_archive import synthetic
from docket_archive.load.archive import load_archive
from docket_archive.site.build import LONG_LIST, Page, build_pages
from docket_archive.site.paths import page_url
from htmltools import content, links, page, resolve

JUDGE = "judge-testwood"


def letter_links(html: str, here: str) -> list[str]:
    return [resolve(here, href) for href, _ in links(content(html)) if "/letters/" in f"/{resolve(here, href)}"]


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory) -> tuple[Path, list[str]]:
    """A synthetic archive whose judge receives more than LONG_LIST letters, built by MkDocs."""
    tmp = tmp_path_factory.mktemp("busy")
    letters = synthetic.generate(tmp / "letters-src", LONG_LIST + 30, cases=1)
    ids = sorted(str(p.relative_to(letters).with_suffix("")) for p in letters.glob("*/*.md"))
    return mkdocs_build(copy_repo_site(tmp, letters)), ids


def test_a_busy_persons_letters_are_each_on_exactly_one_year_page(busy_site) -> None:
    site, ids = busy_site
    judge = page(site, f"people/{JUDGE}")
    year_pages = sorted(
        {
            resolve(f"people/{JUDGE}/", href)
            for href, _ in links(content(judge))
            if f"{JUDGE}/20" in resolve(f"people/{JUDGE}/", href)
        }
    )
    assert len(year_pages) >= 2
    listed = Counter()
    for year_page in year_pages:
        listed.update(letter_links(page(site, year_page), f"{year_page}/"))
    assert sorted(listed) == [f"letters/{i}" for i in ids]
    assert set(listed.values()) == {1}
    # The person's own page stays short: only the latest letters.
    assert len(letter_links(judge, f"people/{JUDGE}/")) == 10


def test_year_pages_link_to_their_neighbours_and_back(busy_site) -> None:
    site, _ = busy_site
    judge = content(page(site, f"people/{JUDGE}"))
    newest = next(resolve(f"people/{JUDGE}/", h) for h, t in links(judge) if t.isdigit())
    targets = {text: resolve(f"{newest}/", href) for href, text in links(content(page(site, newest)))}
    assert targets["All years"] == f"people/{JUDGE}"
    older = [t for t in targets if t.endswith("→")]
    assert older and targets[older[0]] == f"people/{JUDGE}/{int(newest[-4:]) - 1}"


def test_topics_split_by_year_the_same_way(tmp_path: Path) -> None:
    # The pure core, on an archive large enough that every topic is long.
    root = synthetic.generate(tmp_path / "letters", 8 * LONG_LIST, cases=2)
    archive, problems = load_archive(root)
    assert not problems.errors
    pages = build_pages(archive, date(2030, 1, 1)).pages
    for tag in {tag for letter in archive.letters for tag in letter.tags}:
        tagged = [letter for letter in archive.letters if tag in letter.tags]
        expected = sorted(f"letters/{letter.id}.md" for letter in tagged)
        assert len(expected) > LONG_LIST
        year_pages = [path for path in pages if path.startswith(f"tags/{tag}/")]
        listed = Counter(
            posixpath.normpath(posixpath.join(page_url(path), href)) + ".md"
            for path in year_pages
            for href in _html_links(pages[path])
            if "letters/" in href
        )
        assert sorted(listed) == expected and set(listed.values()) == {1}, tag
        assert sorted(year_pages) == sorted({f"tags/{tag}/{letter.date.year}.md" for letter in tagged})


def _html_links(page: Page) -> list[str]:
    return [href for href, _ in links(page.body)]


def test_no_broken_links_among_the_year_pages(busy_site) -> None:
    from conftest import serve
    from test_links import linkchecker

    site, _ = busy_site
    base, stop = serve(site)
    try:
        result = linkchecker(f"{base}/people/{JUDGE}/")
    finally:
        stop()
    assert result.returncode == 0, result.stdout + result.stderr
