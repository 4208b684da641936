"""A person, topic or case with many letters gets a page per year, and a docket entry cited by
many letters a page of its own, so no page grows with the archive."""

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
from docket_archive.links.docket import DocketItem
from docket_archive.load.archive import load_archive
from docket_archive.site.build import LONG_LIST, Page, build_pages
from docket_archive.site.groupings import LATEST
from docket_archive.site.pages.cases import DOCKET_INLINE, entry_page_names
from docket_archive.site.paths import page_url
from htmltools import content, links, page, resolve, section, text

JUDGE = "judge-testwood"
CASE = "synthetic-case-001"
# The case's caption as an attacker might write it: shown as text on every page that names it.
CAPTION = 'In re Busy <b>"Bold"</b> & <script>alert(1)</script> Estates (Synthetic)'
# A docket entry of the case cited by more than DOCKET_INLINE letters, described in case.yml as an
# attacker might describe it; the synthetic letters cite entries 1 to 400.
ENTRY = "9001"
ENTRY_TITLE = 'Order <img src=x onerror="alert(2)"> & "Sons"'
ENTRY_NOTE = "</td></tr><script>alert(3)</script> Entered by the clerk"
CITING = 12


def citing_ids(ids: list[str]) -> list[str]:
    """The letters made to cite entry 9001 ("As ECF No. 9001 says"): every tenth, twelve of them."""
    return ids[::10][:CITING]


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
    entries = [
        *case.get("docket_entries", []),
        {"number": ENTRY, "date": "2020-02-03", "title": ENTRY_TITLE, "note": ENTRY_NOTE},
    ]
    registry.write_text(
        f"# {synthetic.MARK}\n" + yaml.safe_dump({**case, "caption": CAPTION, "docket_entries": entries}), "utf-8"
    )
    ids = sorted(str(p.relative_to(letters).with_suffix("")) for p in letters.glob("*/*.md"))
    assert CITING > DOCKET_INLINE
    for letter_id in citing_ids(ids):
        file = letters / f"{letter_id}.md"
        said = file.read_text("utf-8")
        file.write_text(said.replace("Respectfully submitted", f"As ECF No. {ENTRY} says. Respectfully submitted"))
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
    """A letter's trail, a person's or topic's year index, a letter's "ECF No. 191", an entry page's
    way back: each #year-... and #docket-... link in the site names an element of the page it leads
    to (the link checker does not look at anchors)."""
    site, _ = busy_site
    ids: dict[str, set[str]] = {}
    checked = 0
    for file in sorted(site.rglob("*.html")):
        here = file.parent.relative_to(site).as_posix() + "/"
        for href, _ in links(file.read_text("utf-8")):
            if not href.partition("#")[2].startswith(("year-", "docket-")) or href.startswith(("http:", "https:")):
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


ENTRY_PAGE = f"cases/{CASE}/docket/{ENTRY}"


def test_an_entry_cited_by_many_letters_has_a_page_listing_each_newest_first(busy_site) -> None:
    site, ids = busy_site
    here = f"{ENTRY_PAGE}/"
    entry_page = page(site, ENTRY_PAGE)
    body = content(entry_page)
    assert letter_links(entry_page, here) == [f"letters/{i}" for i in sorted(citing_ids(ids), reverse=True)]
    # What it is and where the archive knows it from, every value as text.
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    assert heading and text(heading.group(1)) == f"{CAPTION}: ECF No. {ENTRY}"
    title = re.search(r"<title>(.*?)</title>", entry_page, re.S)
    assert title and text(title.group(1)).startswith(f"{CAPTION}: ECF No. {ENTRY}")
    card = text(body[body.index('<dl class="docket-card"') : body.index("</dl>")])
    for shown in (ENTRY_TITLE, ENTRY_NOTE, "The case's record (case.yml); letters naming it in their text"):
        assert shown in card, shown
    assert f"{CITING} letters, " in card
    for raw in ("<script>alert", "<img src=x", "<b>"):
        assert raw not in entry_page, raw
    # Where it sits: the case, its docket, the entry; and the way back to the entry's row.
    trail = _trail(entry_page, here)
    assert trail == [
        ("cases", "Cases"),
        (f"cases/{CASE}", CAPTION),
        (f"cases/{CASE}", "Docket entries"),
        (ENTRY_PAGE, f"ECF No. {ENTRY}"),
    ]
    assert 'href="../../#docket-entries"' in entry_page
    assert f'href="../../#docket-{ENTRY}">The case\'s docket</a>' in body


def test_the_case_pages_row_of_a_long_cited_entry_links_to_its_page_and_lists_none(busy_site) -> None:
    site, ids = busy_site
    here = f"cases/{CASE}/"
    docket = section(page(site, f"cases/{CASE}"), "docket-entries")
    assert f"cited by more than {DOCKET_INLINE} letters has a page of its own" in docket
    row = docket[docket.index(f'<tr id="docket-{ENTRY}"') :]
    row = row[: row.index("</tr>")]
    targets = [resolve(here, href) for href, _ in links(row)]
    assert targets == [f"letters/{max(citing_ids(ids))}", ENTRY_PAGE]
    assert f"{CITING} letters; latest" in text(row) and "<details" not in row
    assert ENTRY_TITLE in text(row) and "<img src=x" not in row
    # Entries cited by fewer keep their folded list; only the long-cited one has a page.
    assert '<details class="docket-citing">' in docket
    assert sorted(path.name for path in (site / f"cases/{CASE}/docket").iterdir()) == [ENTRY]


def test_a_letters_ecf_link_still_lands_on_the_case_pages_row(busy_site) -> None:
    site, ids = busy_site
    here = f"letters/{citing_ids(ids)[3]}/"
    found = [(href, label) for href, label in links(content(page(site, here))) if label == f"ECF No. {ENTRY}"]
    assert found and all(href.endswith(f"#docket-{ENTRY}") for href, _ in found)
    assert {resolve(here, href) for href, _ in found} == {f"cases/{CASE}"}


def test_entry_pages_are_not_in_the_nav(busy_site) -> None:
    """Every page renders the nav: an entry page in it would make the build grow with the square
    of the archive. The nav and tabs are the same on every page, and name no entry page."""
    site, ids = busy_site
    navs = set()
    for path in ("", "cases", f"letters/{citing_ids(ids)[0]}", f"cases/{CASE}", ENTRY_PAGE):
        here = f"{path}/" if path else ""
        targets = tuple(
            resolve(here, href)
            for href in re.findall(r'<a href="([^"]*)"[^>]* class="md-(?:nav|tabs)__link[ "]', page(site, path))
            if not href.startswith("#")
        )
        assert targets and not [target for target in targets if "/docket/" in target], path
        navs.add(targets)
    assert len(navs) == 1


def test_entries_of_one_day_sharing_an_anchor_get_pages_of_their_own() -> None:
    """Two unnumbered entries of one day (two orders, their titles apart) share the case page's
    anchor; each long-cited one still gets a page, the later in the docket's order named apart."""
    day = date(2020, 1, 15)
    citing = tuple(object() for _ in range(DOCKET_INLINE + 1))
    entries = (
        DocketItem(CASE, "191", cited_by=citing),
        DocketItem(CASE, "", day, "Order on mediation", cited_by=citing),
        DocketItem(CASE, "", day, "Order on scheduling", cited_by=citing[:2]),
        DocketItem(CASE, "", day, "Order on sealing", cited_by=citing),
    )
    assert entry_page_names(entries) == {0: "191", 1: "2020-01-15", 3: "2020-01-15-3"}
