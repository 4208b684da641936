"""The search page answers the question: excerpts from the letter's text, sort by
date, counts that follow the query, a date range, clearing filters, focus on the
answer and a URL that keeps it all. Real Pagefind index, real headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from chain_archive import BETA, FINANCING, FIRST, SECOND, THIRD
from conftest import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def repo_url(repo_site: Path):
    base, stop = serve(repo_site)
    yield base
    stop()


def open_search(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#docket-search[data-filters-ready]", state="attached")


def wait_for_answer(page) -> None:
    status_says(page, "match")


def status_says(page, pattern: str) -> None:
    """Wait for the results summary (Playwright's expect polls without eval,
    which the site's Content-Security-Policy forbids)."""
    expect(page.locator("#docket-status")).to_contain_text(re.compile(pattern))


def result_stems(page) -> list[str]:
    """The result links' case folders, in order."""
    links = page.locator(".docket-result__title").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    return [href.split("/")[2] for href in links]


def option_label(page, name: str, value: str) -> str:
    return page.locator(f"select[name={name}] option[value='{value}']").inner_text()


def test_the_excerpt_for_a_copied_name_comes_from_the_letters_text(page, repo_url: str) -> None:
    # Seymour Preston, Jr. is in the letter's Cc line and named in its text.
    open_search(page, repo_url + "/search/?q=Preston")
    wait_for_answer(page)
    excerpt = page.locator(".docket-result__excerpt").first.inner_text()
    assert "continues to have separate discussions" in excerpt
    assert "Cc" not in excerpt and "Also written" not in excerpt
    assert page.locator(".docket-result__excerpt mark").first.inner_text() == "Preston"


def test_a_name_only_in_the_header_still_finds_the_letter(page, repo_url: str) -> None:
    open_search(page, repo_url + "/search/?q=Storchak")
    wait_for_answer(page)
    assert result_stems(page) == ["lexington-precision"]


def test_sorting_by_date_orders_the_results(page, chain_url: str) -> None:
    open_search(page, chain_url + "/search/?q=synthetic&sort=oldest")
    wait_for_answer(page)
    dates = [stem[:10] for stem in hrefs(page)]
    assert dates == sorted(dates) and len(dates) == 5
    page.select_option("select[name=sort]", "newest")
    expect(page.locator(".docket-result__title").first).to_have_attribute("href", re.compile("/beta/"))
    newest = [stem[:10] for stem in hrefs(page)]
    assert newest == sorted(dates, reverse=True)
    assert "sort=newest" in page.url


def test_filter_counts_follow_the_query(page, chain_url: str) -> None:
    open_search(page, chain_url + "/search/?q=synthetic")
    wait_for_answer(page)
    expect(page.locator("select[name=author] option[value='Emery Stubbs']")).to_have_text("Emery Stubbs (2)")
    assert option_label(page, "author", "Casey Fixture") == "Casey Fixture (3)"
    page.fill("#docket-q", "sale")
    status_says(page, "1 letter matches")
    assert option_label(page, "author", "Emery Stubbs") == "Emery Stubbs (1)"
    assert option_label(page, "author", "Casey Fixture") == "Casey Fixture (0)"
    # A chosen filter's own list still counts its other values (not 0 for all of them).
    page.fill("#docket-q", "synthetic")
    page.select_option("select[name=author]", "Emery Stubbs")
    status_says(page, "2 letters match")
    assert option_label(page, "author", "Casey Fixture") == "Casey Fixture (3)"
    assert option_label(page, "year", "2021") == "2021 (1)"


def test_a_date_range_narrows_by_month_and_stays_in_the_url(page, chain_url: str) -> None:
    open_search(page, chain_url + "/search/")
    page.fill("input[name=from]", "2020-01")
    page.fill("input[name=to]", "2020-01")
    status_says(page, "2 letters match")
    assert sorted(result_stems(page)) == ["alpha", "alpha"]
    assert "from=2020-01" in page.url and "to=2020-01" in page.url
    page.fill("input[name=from]", "2020-02")
    page.fill("input[name=to]", "")
    status_says(page, "3 letters match")
    assert sorted(h[:10] for h in hrefs(page)) == ["2020-02-03", "2020-02-03", "2021-03-01"]
    # From after To: nothing matches, and the page says so.
    page.fill("input[name=to]", "2020-01")
    status_says(page, "No letter matches with these filters")


def test_clear_filters_removes_every_filter_but_keeps_the_words(page, chain_url: str) -> None:
    open_search(page, chain_url + "/search/?q=synthetic&year=2020&author=Casey+Fixture&from=2020-01")
    status_says(page, "3 letters match")
    assert page.locator("select[name=year]").input_value() == "2020"
    page.get_by_role("button", name="Clear filters").click()
    status_says(page, "5 letters match")
    assert page.locator("select[name=year]").input_value() == ""
    assert page.locator("input[name=from]").input_value() == ""
    assert page.url.endswith("/search/?q=synthetic")
    assert page.get_by_role("button", name="Clear filters").is_hidden()


def test_the_url_restores_query_filters_range_and_order(page, chain_url: str) -> None:
    open_search(page, chain_url + "/search/?q=synthetic&author=Emery+Stubbs&sort=oldest&from=2020-01&to=2021-12")
    status_says(page, "2 letters match")
    assert hrefs(page) == [FINANCING, BETA[0]]
    assert page.locator("select[name=sort]").input_value() == "oldest"
    assert page.locator("select[name=author]").input_value() == "Emery Stubbs"


def test_enter_moves_focus_to_the_answer_and_one_tab_reaches_the_first_result(page, chain_url: str) -> None:
    open_search(page, chain_url + "/search/")
    page.fill("#docket-q", "mediation")
    page.press("#docket-q", "Enter")
    expect(page.locator("#docket-status")).to_be_focused()
    assert re.match(r"2 letters match", page.inner_text("#docket-status"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused.startswith(f"/letters/alpha/{SECOND}/") or focused.startswith(f"/letters/alpha/{FIRST}/")


def test_from_the_header_box_focus_lands_on_the_answer(page, chain_url: str) -> None:
    page.goto(f"{chain_url}/cases/alpha/")
    page.fill("#docket-header-q", "counter-proposal")
    page.press("#docket-header-q", "Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=counter-proposal"))
    expect(page.locator("#docket-status")).to_be_focused()
    assert page.inner_text("#docket-status") == "1 letter matches \u201ccounter-proposal\u201d."
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith(f"/letters/alpha/{SECOND}/")
    assert THIRD  # the chain's letters, named for readers of this file


def hrefs(page) -> list[str]:
    """The result links' letter stems (the file names), in order."""
    links = page.locator(".docket-result__title").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    return [href.split("/")[3] for href in links]
