"""A person, topic or case with many letters gets a page per year, so no page grows with the archive."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import copy_repo_site, mkdocs_build
from docket_archive import synthetic
from docket_archive.load.archive import load_archive
from docket_archive.site.build import LONG_LIST, Page, build_pages
from docket_archive.site.groupings import LATEST
from docket_archive.site.paths import page_url
from htmltools import content, links, page, resolve, section, text

JUDGE = "judge-testwood"
CASE = "synthetic-case-001"
# The case's caption as an attacker might write it: shown as text on every page that names it.
CAPTION = 'In re Busy <b>"Bold"</b> & <script>alert(1)</script> Estates (Synthetic)'


def letter_links(html: str, here: str) -> list[str]:
    return letters_in(content(html), here)


def letters_in(fragment: str, here: str) -> list[str]:
    return [resolve(here, href) for href, _ in links(fragment) if "/letters/" in f"/{resolve(here, href)}"]


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory) -> tuple[Path, list[str]]:
    """A synthetic archive whose judge receives more than LONG_LIST letters, built by MkDocs."""
    tmp = tmp_path_factory.mktemp("busy")
    letters = synthetic.generate(tmp / "letters-src", LONG_LIST + 30, cases=1)
    registry = letters / CASE / "case.yml"
    case = yaml.safe_load(registry.read_text("utf-8"))
    registry.write_text(f"# {synthetic.MARK}\n" + yaml.safe_dump({**case, "caption": CAPTION}), "utf-8")
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


def test_a_long_cases_page_lists_the_latest_letters_and_links_to_each_year(busy_site) -> None:
    site, ids = busy_site
    here = f"cases/{CASE}/"
    case_page = page(site, f"cases/{CASE}")
    body = content(case_page)
    # Its card, follow links, hearings and docket as a short case's page has them.
    for kept in ("Case number", "Follow this case", 'id="hearings-and-deadlines"', 'id="docket-entries"'):
        assert kept in body, kept
    assert f"<dd>{len(ids)}, " in body  # how many letters, first to last
    # The latest letters (ten, newest first), then the years: no table of every letter.
    latest = letters_in(section(case_page, "latest-letters"), here)
    assert latest == [f"letters/{i}" for i in sorted(ids, reverse=True)[:LATEST]]
    assert len(letters_in(section(case_page, "timeline"), here)) == LATEST  # the docket's lists aside
    assert "#year-" not in case_page  # no anchors of a timeline on the page any more
    by_year = section(case_page, "letters-by-year")
    rows = re.findall(r'<a href="([^"]+)">(\d{4})</a></td><td data-label="Letters"[^>]*>([\d,]+)</td>', by_year)
    years = Counter(letter_id.split("/")[1][:4] for letter_id in ids)
    assert [(resolve(here, href), year, int(count)) for href, year, count in rows] == [
        (f"cases/{CASE}/{year}", year, years[year]) for year in sorted(years, reverse=True)
    ]


def test_a_long_cases_letters_are_each_on_exactly_one_year_page_with_its_trail(busy_site) -> None:
    site, ids = busy_site
    years = sorted({letter_id.split("/")[1][:4] for letter_id in ids}, reverse=True)
    assert len(years) >= 3
    listed: Counter[str] = Counter()
    for newer, year, older in zip([None, *years], years, [*years[1:], None], strict=False):
        here = f"cases/{CASE}/{year}/"
        year_page = page(site, here)
        found = letter_links(year_page, here)
        assert found == sorted((i for i in found), reverse=True)  # newest first
        assert {i.split("/")[2][:4] for i in found} == {year}
        listed.update(found)
        targets = {text: resolve(here, href) for href, text in links(content(year_page))}
        # Back to the case, and to the neighbouring years.
        assert targets["All years"] == f"cases/{CASE}"
        assert targets.get(f"← {newer}") == (f"cases/{CASE}/{newer}" if newer else None)
        assert targets.get(f"{older} →") == (f"cases/{CASE}/{older}" if older else None)
        trail = _trail(year_page, here)
        assert [target for target, _ in trail] == ["cases", f"cases/{CASE}", f"cases/{CASE}/{year}"]
        assert [title for _, title in trail][1:] == [CAPTION, year]
        assert f"{len(found)} letter" in text(content(year_page))
    assert sorted(listed) == [f"letters/{i}" for i in ids] and set(listed.values()) == {1}


def test_a_long_cases_caption_is_text_on_its_year_pages(busy_site) -> None:
    site, ids = busy_site
    year = ids[0].split("/")[1][:4]
    for path in (f"cases/{CASE}/{year}", f"cases/{CASE}"):
        shown = page(site, path)
        assert "<script>alert(1)" not in shown and "<b>" not in shown, path
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", content(shown), re.S)
        assert heading and text(heading.group(1)) == (f"{CAPTION}: letters of {year}" if year in path else CAPTION)
        title = re.search(r"<title>(.*?)</title>", shown, re.S)
        assert title and text(title.group(1)).startswith(CAPTION), path


def test_a_letter_of_a_long_case_leads_to_its_years_page(busy_site) -> None:
    site, ids = busy_site
    letter = ids[len(ids) // 2]
    here = f"letters/{letter}/"
    trail = _trail(page(site, here), here)
    year = letter.split("/")[1][:4]
    assert trail[2] == (f"cases/{CASE}/{year}", year)
    assert f"letters/{letter}" in letter_links(page(site, f"cases/{CASE}/{year}"), f"cases/{CASE}/{year}/")


def test_every_link_to_a_year_anchor_lands_on_it(busy_site) -> None:
    """A letter's trail, a person's or topic's year index: each #year-... link in the site names an
    element of the page it leads to (the link checker does not look at anchors)."""
    site, _ = busy_site
    ids: dict[str, set[str]] = {}
    checked = 0
    for file in sorted(site.rglob("*.html")):
        here = file.parent.relative_to(site).as_posix() + "/"
        for href, _ in links(file.read_text("utf-8")):
            if "year-" not in href.partition("#")[2] or href.startswith(("http:", "https:")):
                continue
            target = resolve(here, href)
            target_file = site / target / "index.html" if target != "." else site / "index.html"
            if target not in ids:
                ids[target] = set(re.findall(r' id="([^"]+)"', target_file.read_text("utf-8")))
            assert href.split("#", 1)[1] in ids[target], (here, href)
            checked += 1
    assert checked > 0


def _trail(html_page: str, here: str) -> list[tuple[str, str]]:
    """The sidebar's trail (where the page sits): each step's target and title."""
    nav = html_page[html_page.index('<nav class="docket-trail"') :]
    nav = nav[: nav.index("</nav>")]
    return [(resolve(here, href), title) for href, title in links(nav)]
