"""The case file in real headless Chromium: the case page's docket entries and
hearings, "ECF No. 12" in a letter leading to its entry, the original PDF drawn
in the page under the site's Content-Security-Policy, citations copied as plain
and rich text, tables that never break a word, and no failed request on any
kind of page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from case_file_archive import BANKRUPTCY, CIVIL, CRIMINAL, HARBOR_LETTER, MILLS_STATUS, PROXLEY_MOTION
from chain_archive import FIRST

pytestmark = pytest.mark.browser

# Every CSP violation the page reports, recorded before any of its scripts runs
# (an init script is the browser's, not the page's: the policy does not apply to it).
WATCH_POLICY = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def watch(page) -> dict[str, list]:
    seen: dict[str, list] = {"failed": [], "console": []}
    page.on("requestfailed", lambda request: seen["failed"].append((request.url, request.failure)))
    page.on(
        "response", lambda response: response.status >= 400 and seen["failed"].append((response.url, response.status))
    )
    page.on("console", lambda message: message.type == "error" and seen["console"].append(message.text))
    page.add_init_script(WATCH_POLICY)
    return seen


def hosts(requests: list[str]) -> set[str]:
    return {urlsplit(url).netloc for url in requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")}


def test_the_case_page_lists_docket_entries_and_hearings(page, case_file_url: str) -> None:
    page.goto(f"{case_file_url}/cases/{BANKRUPTCY}/")
    hearings = page.get_by_role("table", name="Upcoming hearings and deadlines")
    row = hearings.get_by_role("row").filter(has_text="Status conference")
    assert "10:00 a.m. EDT" in row.inner_text() and "Status letter on mediation" in row.inner_text()
    entry = page.locator("#docket-12")
    assert "Order regarding mediation" in entry.inner_text() and "2 letters; latest 2021-02-22" in entry.inner_text()
    citing = entry.locator("details")
    assert not citing.get_by_role("link").first.is_visible()  # the other letters are one click away
    citing.locator("summary").click()
    assert citing.get_by_role("link").count() == 2 and citing.get_by_role("link").first.is_visible()


def test_ecf_no_in_a_letter_leads_to_the_entry_on_its_case(page, case_file_url: str) -> None:
    page.goto(f"{case_file_url}/letters/{BANKRUPTCY}/{MILLS_STATUS}/")
    page.locator(".docket-letter").get_by_role("link", name="ECF No. 12").click()
    page.wait_for_url(f"{case_file_url}/cases/{BANKRUPTCY}/#docket-12")
    target = page.locator(":target")
    assert target.get_attribute("id") == "docket-12" and target.is_visible()
    assert "Order regarding mediation" in target.inner_text()


def test_the_original_pdf_is_drawn_in_the_page_without_off_site_request_or_policy_violation(
    page, case_file_url: str
) -> None:
    seen = watch(page)
    page.goto(f"{case_file_url}/letters/{CRIMINAL}/{PROXLEY_MOTION}/")
    figure = page.locator("[data-docket-original]")
    page.locator('[data-docket-original][data-docket-state="shown"]').wait_for(timeout=15000)
    canvas = figure.locator("canvas")
    assert canvas.count() == 1 and canvas.get_attribute("aria-label") == "Page 1 of 1 of the original"
    # The page is drawn, not blank: dark pixels of its text.
    inked = canvas.evaluate(
        """c => { const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data; let n = 0;
                 for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) n++; return n; }"""
    )
    assert inked > 200
    assert figure.locator(".docket-checksum").inner_text().strip() == figure.locator(".docket-checksum").inner_text()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []
    assert seen["failed"] == [] and seen["console"] == []
    assert hosts(page.requests) == {urlsplit(case_file_url).netloc}, sorted(page.requests)
    assert any(url.endswith("/vendor/pdfjs/pdf.worker.min.mjs") for url in page.requests)  # its worker, from the site
    # Beside the text on a wide screen; above it on a phone.
    letter = page.locator(".docket-side-by-side .docket-letter")
    original, text = figure.bounding_box(), letter.bounding_box()
    assert original and text and original["x"] > text["x"] + text["width"] - 1 and abs(original["y"] - text["y"]) < 40
    page.set_viewport_size({"width": 390, "height": 844})
    original, text = figure.bounding_box(), letter.bounding_box()
    assert original and text and original["y"] + original["height"] <= text["y"]


def test_a_text_original_is_shown_as_text(page, chain_url: str) -> None:
    page.goto(f"{chain_url}/letters/alpha/{FIRST}/")
    shown = page.locator("[data-docket-original] pre.docket-original__text")
    shown.wait_for()
    assert shown.inner_text() == "SYNTHETIC TEST LETTER original text\n"


EXPECTED_CITATIONS = {
    f"{BANKRUPTCY}/{MILLS_STATUS}": (
        "Letter from Casey Fixture, Sample, Test & Co., to Hon. Pat Testwood, ",
        "In re River Mills Corp. (Synthetic)",
        ", No. 99-20001 (PT) (Bankr. S.D.N.Y. Feb. 1, 2021), ECF No. 45",
    ),
    f"{CIVIL}/{HARBOR_LETTER}": (
        "Letter from Emery Stubbs, Placeholder Law Group, to Hon. Robin Samplesby, ",
        "Harbor Widget Co. v. Lakeside Gadget Corp. (Synthetic)",
        ", No. 1:21-cv-01234 (N.D. Ill. Feb. 15, 2021), ECF No. 67",
    ),
    f"{CRIMINAL}/{PROXLEY_MOTION}": (
        "Letter from Devon Mockridge, Example & Partners LLP, to Hon. Robin Samplesby, ",
        "United States v. Proxley (Synthetic)",
        ", No. 2:20-cr-00099 (PT) (C.D. Cal. Jan. 27, 2021), ECF No. 20",
    ),
}

READ_CLIPBOARD = """async () => {
  const [item] = await navigator.clipboard.read();
  const out = {};
  for (const type of item.types) out[type] = await (await item.getType(type)).text();
  return out;
}"""


@pytest.mark.parametrize("letter", list(EXPECTED_CITATIONS), ids=["bankruptcy", "civil", "criminal"])
def test_copy_citation_puts_plain_and_rich_text_on_the_clipboard(clipboard_page, case_file_url: str, letter) -> None:
    before, name, after = EXPECTED_CITATIONS[letter]
    page = clipboard_page
    page.goto(f"{case_file_url}/letters/{letter}/")
    page.get_by_role("button", name="Copy citation").click()
    page.get_by_role("status").filter(has_text="Citation copied.").wait_for()
    copied = page.evaluate(READ_CLIPBOARD)
    assert copied["text/plain"] == before + name + after
    escaped = before.replace("&", "&amp;")
    assert copied["text/html"] == f"{escaped}<i>{name}</i>{after}"  # the case name italic when pasted


# Every word of every table cell on one line: a word broken mid-word has
# rectangles on two lines. A word may wrap after its own hyphen ("mid-" /
# "March"), but a date or a case number ("2021-03-08", "1:21-cv-01234") never.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("table.docket-table td")) {
    if (!cell.offsetParent) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("details:not([open]) > :not(summary)")) continue;
      for (const match of node.data.matchAll(/\\S+/g)) {
        const pieces = /[0-9]/.test(match[0]) ? [match[0]] : match[0].split(/(?<=-)/);
        let at = match.index;
        for (const piece of pieces) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + piece.length);
          const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
          at += piece.length;
        }
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [1280, 1024, 390])
def test_no_word_is_broken_in_the_tables_of_home_and_person_pages(page, case_file_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("", "people/casey-fixture-2/", "people/judge-samplesby/", f"cases/{BANKRUPTCY}/"):
        page.goto(f"{case_file_url}/{path}")
        broken = page.evaluate(BROKEN_WORDS)
        assert broken == [], (path, width, broken)


def test_a_long_summary_is_folded_with_a_way_to_read_on(page, case_file_url: str) -> None:
    page.goto(f"{case_file_url}/")
    more = page.locator("details.docket-more", has_text="mid-March").first
    end = more.locator(".docket-more__rest")
    assert more.is_visible() and not end.is_visible()  # the first words, then "more"
    more.locator("summary").click()
    assert end.is_visible()


PAGE_KINDS = [
    "",  # home
    "archive/",
    "archive/2021/",
    "cases/",
    f"cases/{BANKRUPTCY}/",
    f"letters/{CRIMINAL}/{PROXLEY_MOTION}/",  # with a PDF original
    f"letters/{BANKRUPTCY}/{MILLS_STATUS}/",  # without an original
    "people/",
    "people/firms/",
    "people/casey-fixture-2/",
    "tags/",
    "tags/mediation/",
    "search/",
    "contributing/",
    "add-letter/",
    "reference/fields/",
    "development/",
]


def test_no_page_kind_makes_a_failed_request(page, case_file_url: str) -> None:
    seen = watch(page)
    for path in PAGE_KINDS:
        page.goto(f"{case_file_url}/{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], path
    # Material no longer takes the feeds for language versions (no feeds/.../sitemap.xml).
    assert not [url for url in page.requests if url.endswith("sitemap.xml") and "/feeds/" in url]
    assert seen["failed"] == [], seen["failed"]
    assert seen["console"] == [], seen["console"]
    assert hosts(page.requests) == {urlsplit(case_file_url).netloc}
