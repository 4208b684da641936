"""Search in real headless Chromium: Pagefind's index, our search page and filters."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from chain_archive import FIRST, SECOND
from conftest import serve
from htmltools import hosts

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def repo_url(repo_site: Path):
    base, stop = serve(repo_site)
    yield base
    stop()


def search(page, base: str, query: str = "", **filters: str) -> list[str]:
    """Run a search on the search page; return the result titles' links."""
    if not page.url.startswith(base + "/search/"):
        page.goto(base + "/search/")
        page.wait_for_selector("#docket-search[data-filters-ready]", state="attached")
    for name, value in filters.items():
        page.select_option(f"select[name={name}]", value)
    page.fill("#docket-q", query)
    if not query and not filters:
        return []
    # The status line changes to a count or a "no letter" message when the search is done.
    # Playwright's expect polls without eval, which the site's Content-Security-Policy forbids.
    expect(page.locator("#docket-status")).to_contain_text(re.compile("match.*" + re.escape(query), re.S))
    return [a.get_attribute("href") for a in page.locator(".docket-result__title").all()]


# Phrases taken from the first letter's text.
@pytest.mark.parametrize(
    "query",
    ["counter-proposal", "financing", "Preston", '"plan of reorganization"', "consensual resolution", "Storchak"],
)
def test_words_from_the_first_letter_find_it(page, repo_url: str, query: str) -> None:
    results = search(page, repo_url, query)
    assert results and results[0].startswith("/letters/lexington-precision/2009-06-22-joint-status-letter/")
    # The excerpt highlights what was found.
    assert page.locator(".docket-result__excerpt mark").count() >= 1
    assert hosts(page.requests) == {urlsplit(repo_url).netloc}


def test_a_query_with_no_match_says_so(page, repo_url: str) -> None:
    assert search(page, repo_url, "xylophone") == []
    assert "No letter matches \u201cxylophone\u201d" in page.inner_text("#docket-status")


def test_each_letter_is_found_once_and_index_pages_never(page, chain_url: str) -> None:
    results = search(page, chain_url, "synthetic")
    assert len(results) == 5 and len(set(results)) == 5
    assert all(href.startswith("/letters/") for href in results)


def test_filters_narrow_and_list_without_a_query(page, chain_url: str) -> None:
    assert len(search(page, chain_url, "synthetic")) == 5
    by_case = search(page, chain_url, "synthetic", case="In re Beta (Synthetic)")
    assert by_case == ["/letters/beta/2021-03-01-status-letter/?highlight=synthetic"]
    # An empty query with filters lists the matching letters, newest first.
    page.select_option("select[name=case]", "")
    listing = search(page, chain_url, "", year="2020")
    assert [href.split("/")[3][:10] for href in listing] == ["2020-02-03", "2020-02-03", "2020-01-20", "2020-01-06"]
    # Filters combine: year 2020 and the author of the financing letter.
    assert len(search(page, chain_url, "", author="Emery Stubbs")) == 1
    assert "year=2020" in page.url and "author=Emery+Stubbs" in page.url


def test_the_header_search_box_leads_to_results(page, chain_url: str) -> None:
    page.goto(f"{chain_url}/cases/alpha/")
    page.fill("#docket-header-q", "counter-proposal")
    page.press("#docket-header-q", "Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=counter-proposal"))
    expect(page.locator("#docket-status")).to_contain_text("1 letter matches")
    assert page.locator(".docket-result__title").first.get_attribute("href").startswith(f"/letters/alpha/{SECOND}/")


def test_opening_a_result_highlights_the_words(page, chain_url: str) -> None:
    search(page, chain_url, "mediation")
    page.locator(".docket-result__title", has_text="First status letter").click()
    page.wait_for_url(f"{chain_url}/letters/alpha/{FIRST}/?highlight=mediation")
    page.wait_for_selector("mark.pagefind-highlight")
    marks = page.locator("mark.pagefind-highlight").all_inner_texts()
    assert marks and all(m.lower().startswith("mediation") for m in marks)
    assert hosts(page.requests) == {urlsplit(chain_url).netloc}
