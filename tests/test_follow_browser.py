"""Following a case in real headless Chromium: a feed reader's way to the case
feed, and one click to copy a letter's citation and link."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from follow_archive import ALPHA, FOURTH

pytestmark = pytest.mark.browser


def hosts(requests: list[str]) -> set[str]:
    return {urlsplit(url).netloc for url in requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")}


def test_a_feed_reader_finds_the_case_feed_in_the_page_head(page, follow_url: str) -> None:
    page.goto(f"{follow_url}/cases/alpha/")
    alternates = page.locator('head link[rel~="alternate"][type="application/atom+xml"]')
    titles = alternates.evaluate_all("links => links.map(link => link.title)")
    assert titles[0] == "Letters of In re Alpha (Synthetic)"
    href = alternates.first.get_attribute("href")
    feed_url = urljoin(page.url, href)
    assert feed_url == f"{follow_url}/feeds/cases/alpha.xml"
    # Fetched as a reader fetches it; its links resolve against its own URL.
    response = page.request.get(feed_url)
    assert response.ok
    feed = feedparser.parse(response.body(), response_headers={**response.headers, "content-location": feed_url})
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.link for entry in feed.entries] == [f"{follow_url}/letters/alpha/{stem}/" for stem in reversed(ALPHA)]
    page.goto(feed.entries[0].link)
    assert page.locator("h1").inner_text() == "Fourth status letter"
    assert hosts(page.requests) == {urlsplit(follow_url).netloc}, sorted(page.requests)


def test_one_click_copies_the_citation_and_the_permanent_link(clipboard_page, follow_url: str) -> None:
    page = clipboard_page
    page.goto(f"{follow_url}/letters/alpha/{FOURTH}/?from=search#cite")
    page.get_by_role("button", name="Copy citation").click()
    page.get_by_role("status").filter(has_text="Citation copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Letter from Casey Fixture, Sample, Test & Co., to Hon. Pat Testwood, "
        "In re Alpha (Synthetic), No. 99-10001 (PT) (Bankr. S.D.N.Y. Feb. 17, 2020)"
    )
    page.get_by_role("button", name="Copy link").click()
    page.get_by_role("status").filter(has_text="Link copied.").wait_for()
    # The page's own address, without the query or the fragment that led here.
    assert page.evaluate("navigator.clipboard.readText()") == f"{follow_url}/letters/alpha/{FOURTH}/"
    page.wait_for_load_state("networkidle")
    assert hosts(page.requests) == {urlsplit(follow_url).netloc}, sorted(page.requests)


def test_the_printed_letter_ends_with_its_citation_and_url(page, follow_url: str) -> None:
    page.goto(f"{follow_url}/letters/alpha/{FOURTH}/")
    page.emulate_media(media="print")
    visible = page.locator(".md-content").inner_text().strip()
    assert visible.endswith(f"(Bankr. S.D.N.Y. Feb. 17, 2020), {follow_url}/letters/alpha/{FOURTH}/")
    assert not page.get_by_role("button", name="Copy citation").is_visible()
