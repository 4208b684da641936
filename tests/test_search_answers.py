"""The search page answers the question: excerpts from the letter's own text with the
matched words marked, the order chosen, "did you mean", focus on the answer, an address
that keeps the search, and "keep watching this search". Real index, real Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from chain_archive import BETA, FINANCING, FIRST, SECOND, THIRD, write_chain_archive
from conftest import copy_repo_site, mkdocs_build, serve
from test_search import search, stems

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def repo_url(repo_site: Path):
    base, stop = serve(repo_site)
    yield base
    stop()


def test_the_excerpt_comes_from_the_letters_own_text(page, repo_url: str) -> None:
    # Seymour Preston, Jr. is in the letter's Cc line and named in its text.
    search(page, repo_url, "Preston")
    excerpt = page.locator(".docket-result__excerpt").first.inner_text()
    assert "Mr. Preston continues to have separate" in excerpt
    for clutter in ("Cc", "Also written", "Original", "sha256"):
        assert clutter not in excerpt
    assert page.locator(".docket-result__excerpt mark").first.inner_text() == "Preston"


def test_a_name_only_in_the_header_is_found_through_its_field(page, repo_url: str) -> None:
    assert search(page, repo_url, "Storchak") == []  # the letterhead's spelling is not in the text
    assert stems(search(page, repo_url, "author:Storchak")) == ["2009-06-22-joint-status-letter"]


def test_newest_first_oldest_first_and_best_match(page, chain_url: str) -> None:
    newest = stems(search(page, chain_url, "synthetic"))
    assert newest == [BETA[0], THIRD, FINANCING, SECOND, FIRST]  # a day's letters by id, newest first
    assert stems(search(page, chain_url, "synthetic", order="oldest")) == newest[::-1]
    page.select_option("select[name=order]", "newest")
    expect(page.locator(".docket-result__title").first).to_have_attribute("href", re.compile("/beta/"))
    assert "order=" not in page.url
    # Best match: each letter says its word twice, and the shorter letter comes first.
    best = stems(search(page, chain_url, "mediation OR financing", order="relevance"))
    assert best == [FINANCING, FIRST]
    expect(page.locator("#docket-status")).to_contain_text("best match first")


def test_did_you_mean_offers_the_archives_word_one_click_away(page, chain_url: str) -> None:
    search(page, chain_url, "medation")
    expect(page.locator("#docket-suggest")).to_contain_text(
        "No letter has the word \u201cmedation\u201d. Did you mean mediation?"
    )
    page.locator("#docket-suggest a", has_text="mediation").click()
    expect(page.locator("#docket-status")).to_contain_text("1 letter matches \u201cmediation\u201d")
    assert page.input_value("#docket-q") == "mediation"
    assert "q=mediation" in page.url
    # Inside a longer query, two letters off: only the misspelt word is replaced.
    search(page, chain_url, "sale OR finanicng")
    page.locator("#docket-suggest a", has_text="financing").click()
    expect(page.locator("#docket-status")).to_contain_text("2 letters match \u201csale OR financing\u201d")


def test_the_vocabulary_is_loaded_only_when_a_word_has_no_match(page, chain_url: str) -> None:
    search(page, chain_url, "mediation")
    assert not [url for url in page.requests if "/dict/v" in url]
    search(page, chain_url, "medation")
    expect(page.locator("#docket-suggest a")).to_be_visible()
    assert [url for url in page.requests if "/dict/v" in url]


def test_enter_moves_focus_to_the_answer_and_one_tab_reaches_the_first_result(page, chain_url: str) -> None:
    page.goto(chain_url + "/search/")
    expect(page.locator("#docket-search")).to_have_attribute("data-ready", "true")
    page.fill("#docket-q", "counter-proposal")
    page.press("#docket-q", "Enter")
    expect(page.locator("#docket-status")).to_be_focused()
    expect(page.locator("#docket-status")).to_have_text("1 letter matches \u201ccounter-proposal\u201d, newest first.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith(f"/letters/alpha/{SECOND}/")


def test_without_a_repository_keep_watching_shows_the_file_to_add(page, chain_url: str) -> None:
    search(page, chain_url, "counter w/3 proposal")
    expect(page.locator("#docket-watch")).to_be_visible()
    how = page.locator("#docket-watch-how")
    expect(how).to_contain_text("add the file letters/searches/counter-w-3-proposal.yml")
    assert yaml.safe_load(page.locator("#docket-watch-how code").inner_text()) == {
        "name": "counter w/3 proposal",
        "query": "counter w/3 proposal",
    }


@pytest.fixture(scope="module")
def repository_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("watch")
    project = copy_repo_site(tmp, write_chain_archive(tmp / "letters-src"))
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text("utf-8"))
    plugin = next(p for p in settings["plugins"] if isinstance(p, dict) and "docket" in p)["docket"]
    plugin["repository"] = "example-firm/docket-archive"
    config.write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    base, stop = serve(mkdocs_build(project))
    yield base
    stop()


def test_keep_watching_opens_a_pull_request_adding_the_search(page, repository_url: str) -> None:
    search(page, repository_url, '"it\'s" counter-proposal')
    link = page.locator("#docket-watch")
    expect(link).to_have_attribute("href", re.compile(r"^https://github\.com/example-firm/docket-archive/new/main\?"))
    query = parse_qs(urlsplit(link.get_attribute("href")).query)
    assert query["filename"] == ["letters/searches/it-s-counter-proposal.yml"]
    assert yaml.safe_load(query["value"][0]) == {
        "name": '"it\'s" counter-proposal',
        "query": '"it\'s" counter-proposal',
    }
    # Nothing leaves the page until the link is followed: no request to GitHub was made.
    assert {urlsplit(url).netloc for url in page.requests} == {urlsplit(repository_url).netloc}


def test_a_phrase_is_marked_only_where_its_words_stand_together(page, repo_url: str) -> None:
    search(page, repo_url, '"plan of reorganization" OR counter-proposal')
    marks = page.locator(".docket-result__excerpt mark").all_inner_texts()
    assert "of" in marks and marks.count("of") == marks.count("reorganization")  # no lone "of" marked
    page.locator(".docket-result__title").first.click()
    expect(page.locator("mark.docket-highlight").first).to_be_visible()
    marked = page.locator("mark.docket-highlight").all_inner_texts()
    assert marked.count("of") == marked.count("reorganization") >= 1  # the phrase, never a lone "of"
    assert marked.count("counter") == marked.count("proposal") >= 1
