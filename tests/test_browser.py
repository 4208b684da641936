"""The built site in real headless Chromium: navigation, privacy, accessibility, print."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from chain_archive import FINANCING, FIRST, SECOND
from conftest import AXE, inject_axe, require, serious_accessibility_violations
from htmltools import hosts

pytestmark = pytest.mark.browser


def test_browsing_home_case_letter_previous_person_stays_on_our_host(page, chain_url: str) -> None:
    page.goto(chain_url + "/")
    page.get_by_role("link", name="In re Alpha (Synthetic)").first.click()
    assert page.url == f"{chain_url}/cases/alpha/"
    # The timeline runs newest first; the financing letter is the third in date order.
    page.locator("#timeline ~ table").get_by_role("link", name="Letter on financing").click()
    assert page.url == f"{chain_url}/letters/alpha/{FINANCING}/"
    page.locator('a[rel="prev"]').click()
    assert page.url == f"{chain_url}/letters/alpha/{SECOND}/"
    assert page.locator("h1").inner_text() == "Second status letter"
    page.locator(".docket-card").get_by_role("link", name="Casey Fixture").click()
    assert page.url == f"{chain_url}/people/casey-fixture-2/"
    assert page.locator("h1").inner_text() == "Casey Fixture"
    page.wait_for_load_state("networkidle")
    # Fonts, scripts, styles, icons: everything from the site's own host.
    assert hosts(page.requests) == {urlsplit(chain_url).netloc}, sorted(page.requests)
    assert any(url.endswith(".css") for url in page.requests) and any(url.endswith(".js") for url in page.requests)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/cases/alpha/",
        f"/letters/alpha/{FIRST}/",
        "/archive/2020/",
        "/people/judge-testwood/",
        "/search/?q=mediation",
    ],
)
def test_no_serious_accessibility_violation(page, chain_url: str, path: str) -> None:
    require(AXE, "npm install --prefix .cache/npm axe-core@4 (the README's test command does)")
    page.goto(chain_url + path)
    inject_axe(page)
    assert serious_accessibility_violations(page) == []


def test_a_letter_prints_like_a_letter(page, chain_url: str) -> None:
    page.goto(f"{chain_url}/letters/alpha/{FIRST}/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".docket-links", ".docket-header-search"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    assert page.locator(".docket-letter").is_visible()
    # The header card prints as plain lines, without its screen frame.
    assert page.locator(".docket-card").evaluate("e => getComputedStyle(e).borderTopStyle") == "none"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
