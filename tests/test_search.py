"""Search in real headless Chromium, as a user meets it: the search page, the header box,
and a letter opened from a result. The index is the one `mkdocs build` writes."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

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


def search(page, base: str, query: str, order: str = "") -> list[str]:
    """Open the search page with a query; return the result titles' links once the count is shown."""
    page.goto(f"{base}/search/?q={quote(query)}" + (f"&order={order}" if order else ""))
    expect(page.locator("#docket-search")).to_have_attribute("data-ready", "true")
    # The count is final once it quotes the query ("so far" until every part is read).
    # Playwright's expect polls without eval, which the site's Content-Security-Policy forbids.
    expect(page.locator("#docket-status")).to_contain_text(re.compile("matche?s? \u201c|cannot be read"))
    return [a.get_attribute("href") for a in page.locator(".docket-result__title").all()]


def stems(hrefs: list[str]) -> list[str]:
    return [href.split("/")[3] for href in hrefs]


# Words and phrases of the first letter's text.
@pytest.mark.parametrize(
    "query",
    [
        "counter-proposal",
        "financing",
        "Preston",
        '"plan of reorganization"',
        "consensual resolution",
        "author:Storchak",
    ],
)
def test_words_from_the_first_letter_find_it(page, repo_url: str, query: str) -> None:
    results = search(page, repo_url, query)
    assert results and results[0].startswith("/letters/lexington-precision/2009-06-22-joint-status-letter/")
    assert hosts(page.requests) == {urlsplit(repo_url).netloc}


@pytest.mark.parametrize("query", ["xylophone", "adjourn", "reorg", "zzzz Preston", "qqq"])
def test_a_word_no_letter_has_matches_nothing_and_says_so(page, repo_url: str, query: str) -> None:
    # No fallback to a word that begins the same: "reorg" is not "reorganization" (reorg! is).
    assert search(page, repo_url, query) == []
    expect(page.locator("#docket-status")).to_have_text(f"No letter matches \u201c{query}\u201d.")
    word = query.split()[0]
    expect(page.locator("#docket-suggest")).to_contain_text(f"No letter has the word \u201c{word}\u201d")


def test_a_root_finds_every_word_that_begins_with_it(page, repo_url: str) -> None:
    assert len(search(page, repo_url, "reorg!")) == 1
    assert page.locator(".docket-result__excerpt mark").first.inner_text().lower().startswith("reorg")


def test_each_letter_is_found_once_and_index_pages_never(page, chain_url: str) -> None:
    results = search(page, chain_url, "synthetic")
    assert len(results) == 5 and len(set(results)) == 5
    assert all(href.startswith("/letters/") for href in results)


def test_fields_narrow_and_list_letters_without_words(page, chain_url: str) -> None:
    assert stems(search(page, chain_url, "synthetic case:beta")) == ["2021-03-01-status-letter"]
    # Fields alone list letters, newest first; dates exclude the day itself.
    listing = search(page, chain_url, "after:2019-12-31 before:2020-02-03")
    assert [stem[:10] for stem in stems(listing)] == ["2020-01-20", "2020-01-06"]
    assert len(search(page, chain_url, 'author:"Emery Stubbs"')) == 2
    assert len(search(page, chain_url, 'author:"Emery Stubbs" before:2021-01-01')) == 1


def test_the_forms_fields_write_the_same_query(page, chain_url: str) -> None:
    search(page, chain_url, "synthetic")
    page.select_option("select[data-field=case]", "beta")
    expect(page.locator("#docket-status")).to_contain_text("1 letter matches \u201c")
    assert page.input_value("#docket-q") == "synthetic case:beta"
    page.select_option("select[data-field=case]", "alpha")
    expect(page.locator("#docket-status")).to_contain_text("4 letters match \u201c")
    assert page.input_value("#docket-q") == "synthetic case:alpha"
    page.fill("input[data-field=before]", "2020-02-01")
    expect(page.locator("#docket-status")).to_contain_text("2 letters match \u201c")
    assert page.input_value("#docket-q") == "synthetic case:alpha before:2020-02-01"
    assert "q=synthetic+case%3Aalpha+before%3A2020-02-01" in page.url


def test_a_query_it_cannot_read_says_where_and_why(page, chain_url: str) -> None:
    search(page, chain_url, 'mediation "counter proposal')
    expect(page.locator("#docket-query-error")).to_contain_text(
        'At character 11: this quotation mark is never closed: add " at the end of the phrase.'
    )
    assert page.locator("#docket-query-error mark").inner_text() == '"'
    assert page.locator(".docket-result").count() == 0


def test_the_header_search_box_leads_to_results(page, chain_url: str) -> None:
    page.goto(f"{chain_url}/cases/alpha/")
    page.fill("#docket-header-q", "counter-proposal")
    page.press("#docket-header-q", "Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=counter-proposal"))
    expect(page.locator("#docket-status")).to_contain_text("1 letter matches \u201c")
    assert page.locator(".docket-result__title").first.get_attribute("href").startswith(f"/letters/alpha/{SECOND}/")


def test_opening_a_result_highlights_the_words(page, chain_url: str) -> None:
    search(page, chain_url, "mediation")
    page.locator(".docket-result__title", has_text="First status letter").click()
    page.wait_for_url(f"{chain_url}/letters/alpha/{FIRST}/?highlight=mediation")
    expect(page.locator("mark.docket-highlight").first).to_be_visible()
    marks = page.locator("mark.docket-highlight").all_inner_texts()
    assert marks and all(m.lower() == "mediation" for m in marks)
    assert hosts(page.requests) == {urlsplit(chain_url).netloc}
