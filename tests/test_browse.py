"""Browsing on any screen, in real headless Chromium: no sideways scrolling at
desktop and phone widths, a readable header, stacked rows on phones, the table
filter and sort, and no serious accessibility violation in light or dark."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from chain_archive import FIRST, SECOND, THIRD
from conftest import AXE, require, serious_accessibility_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGES = [
    "/",
    "/cases/alpha/",
    "/people/casey-fixture-2/",
    f"/letters/alpha/{FIRST}/",
    "/archive/",
    "/archive/2020/",
    "/search/?q=mediation",
    "/reference/fields/",
]

# Anything wider than its box: the page itself, or a box that scrolls sideways
# (Material wraps tables in one), visible on screen.
SIDEWAYS = """() => {
  const doc = document.documentElement;
  const boxes = [...document.querySelectorAll('.md-content *')].filter(e => {
    const s = getComputedStyle(e);
    return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1 && e.getClientRects().length;
  }).map(e => e.tagName + '.' + e.className);
  return {page: doc.scrollWidth - doc.clientWidth, boxes};
}"""


@pytest.fixture
def tab(browser, request):
    """A page at the width and colour scheme the test asks for (indirect parameter)."""
    viewport, scheme = getattr(request, "param", (DESKTOP, "light"))
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    context.set_default_timeout(5000)
    page = context.new_page()
    yield page
    context.close()


def wait_ready(page) -> None:
    page.wait_for_load_state("load")
    if "/search/" in page.url:
        # Playwright's expect polls without eval, which the site's Content-Security-Policy forbids.
        expect(page.locator("#docket-status")).to_contain_text("match")


@pytest.mark.parametrize("tab", [(DESKTOP, "light"), (PHONE, "light")], indirect=True, ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways(tab, chain_url: str, path: str) -> None:
    tab.goto(chain_url + path)
    wait_ready(tab)
    assert tab.evaluate(SIDEWAYS) == {"page": 0, "boxes": []}


@pytest.mark.parametrize("tab", [(PHONE, "light")], indirect=True)
def test_on_a_phone_the_site_name_is_whole_and_rows_are_stacked(tab, chain_url: str) -> None:
    tab.goto(chain_url + "/cases/alpha/")
    name = tab.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text() == "Docket Archive"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth")  # not cut to "D…"
    # Each letter is a card of stacked cells, all inside the screen.
    row = tab.locator("table[data-docket-table] tbody tr").first
    assert row.locator("td").first.evaluate("e => getComputedStyle(e).display") == "block"
    for cell in row.locator("td").all():
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("tab", [(PHONE, "light"), (PHONE, "dark")], indirect=True, ids=["light", "dark"])
def test_the_scheme_follows_the_system_and_the_toggle_is_there(tab, chain_url: str) -> None:
    tab.goto(chain_url + f"/letters/alpha/{FIRST}/")
    scheme = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
    wanted = tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert scheme == ("slate" if wanted else "default")
    assert tab.locator("form[data-md-component=palette]").count() == 1


def test_the_timeline_filter_narrows_rows_and_headings_sort(tab, chain_url: str) -> None:
    tab.goto(chain_url + "/cases/alpha/")
    rows = tab.locator("table[data-docket-table] tbody tr")
    assert rows.count() == 4
    visible = "table[data-docket-table] tbody tr:not([hidden])"
    tab.get_by_label("Filter these 4 letters").fill("financing")
    assert tab.locator(visible).count() == 1
    assert tab.locator(".docket-table-filter__status").inner_text() == "1 of 4 letters shown."
    tab.get_by_label("Filter these 4 letters").fill("")
    assert tab.locator(visible).count() == 4
    # Newest first by default; the Date heading sorts oldest first, then back.
    dates = "els => els.map(e => e.textContent.trim())"
    first_cells = "table[data-docket-table] tbody tr td:first-child"
    assert tab.locator(first_cells).evaluate_all(dates)[0] == THIRD[:10]
    tab.get_by_role("button", name="Date").click()
    assert tab.locator(first_cells).evaluate_all(dates) == sorted(tab.locator(first_cells).evaluate_all(dates))
    assert tab.locator(first_cells).first.inner_text() == FIRST[:10]
    assert tab.locator("th[aria-sort=ascending]").inner_text().startswith("Date")
    assert SECOND  # named for readers: the chain's second letter sits between


@pytest.mark.parametrize("tab", [(DESKTOP, "light"), (DESKTOP, "dark")], indirect=True, ids=["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/cases/alpha/",
        f"/letters/alpha/{FIRST}/",
        "/people/judge-testwood/",
        "/search/?q=mediation",
        "/search/?q=synthetic&year=2020&from=2020-01",  # with "Clear filters"
        "/reference/fields/",
    ],
)
def test_no_serious_accessibility_violation_in_either_scheme(tab, chain_url: str, path: str) -> None:
    require(AXE, "npm install --prefix .cache/npm axe-core@4 (the README's test command does)")
    # The site's Content-Security-Policy forbids inline scripts: axe comes in as an init script.
    tab.add_init_script(path=str(AXE))
    tab.goto(chain_url + path)
    wait_ready(tab)
    assert serious_accessibility_violations(tab) == []


@pytest.mark.parametrize(
    ("path", "tab_name", "trail"),
    [
        ("/cases/alpha/", "Cases", ["Cases", "In re Alpha (Synthetic)"]),
        (f"/letters/alpha/{FIRST}/", "Cases", ["Cases", "In re Alpha (Synthetic)", "2020", "First status letter"]),
        ("/people/casey-fixture-2/", "People", ["People", "Casey Fixture"]),
        ("/tags/mediation/", "Topics", ["Topics", "Mediation"]),  # topics by name
    ],
)
def test_the_tab_is_highlighted_and_the_sidebar_shows_where_the_page_sits(
    tab, chain_url: str, path: str, tab_name: str, trail: list[str]
) -> None:
    tab.goto(chain_url + path)
    assert tab.locator(".md-tabs__item--active").inner_text().strip() == tab_name
    links = tab.locator(".md-sidebar--primary .docket-trail a")
    assert [text.strip() for text in links.all_inner_texts()] == trail
    assert links.last.get_attribute("aria-current") == "page"
    assert links.last.is_visible()
    if len(trail) == 4:  # a letter: its year leads to that year in the case's timeline
        links.nth(2).click()
        assert tab.url == f"{chain_url}/cases/alpha/#year-2020"
        assert tab.locator("#year-2020").is_visible()


def test_the_timeline_is_newest_first_with_titles_and_a_year_index(tab, chain_url: str) -> None:
    tab.goto(chain_url + "/cases/alpha/")
    table = tab.locator("table[data-docket-table]")
    assert table.locator("thead th").all_inner_texts() == ["Date", "Letter", "Type", "No.", "Authors", "Summary"]
    titles = table.locator("td[data-label=Letter] a").all_inner_texts()
    # The chain's case order, reversed (the financing letter and the third share a day).
    assert titles == ["Third status letter", "Letter on financing", "Second status letter", "First status letter"]
    assert table.locator("td[data-label='No.']").all_inner_texts() == ["3", "", "2", "1"]
    tab.get_by_role("navigation", name="Years").get_by_role("link", name="2020").click()
    assert tab.url.endswith("/cases/alpha/#year-2020")


def test_a_year_page_has_one_filter_for_all_its_months(tab, chain_url: str) -> None:
    tab.goto(chain_url + "/archive/2020/")
    assert tab.locator(".docket-table-filter").count() == 1
    tab.get_by_label("Filter these 4 letters").fill("financing")
    expect(tab.locator(".docket-table-filter__status")).to_have_text("1 of 4 letters shown.")
    # January's table and heading go: no letter of January matches.
    assert tab.locator("h2[id='2020-01']").is_hidden() and tab.locator("h2[id='2020-02']").is_visible()


def test_a_persons_long_role_list_has_its_own_year_index(tab, chain_url: str) -> None:
    tab.goto(chain_url + "/people/judge-testwood/")
    years = tab.get_by_role("navigation", name="Years of letters received")
    assert years.get_by_role("link").all_inner_texts() == ["2021", "2020"]
    years.get_by_role("link", name="2020").click()
    assert tab.url.endswith("#letters-received-year-2020")
    assert tab.locator("#letters-received-year-2020 td[data-label=Letter]").inner_text() == "Third status letter"
