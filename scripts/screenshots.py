"""Take the README's screenshots from a real build of the repository's archive.

Builds the site with `mkdocs build` into a temporary folder, serves it on
127.0.0.1 and photographs a letter page, a case page (at desktop and phone
width) and the search page in headless Chromium (Debian's /usr/bin/chromium)
into docs/images/.

    python scripts/screenshots.py
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}  # an iPhone 12 to 15's CSS width
# file name: (path, viewport, whole page?)
SHOTS = {
    "letter-page.png": ("/letters/lexington-precision/2009-06-22-joint-status-letter/", DESKTOP, True),
    "case-page.png": ("/cases/lexington-precision/", DESKTOP, True),
    "case-page-phone.png": ("/cases/lexington-precision/", PHONE, True),
    "search-page.png": ("/search/?q=counter-proposal%20OR%20%22plan%20of%20reorganization%22", DESKTOP, False),
}


def main() -> None:
    from playwright.sync_api import expect, sync_playwright

    out = REPO / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", tmp],
            check=True,
            env=env,
        )

        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=tmp))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for name, (path, viewport, whole) in SHOTS.items():
                page = browser.new_page(viewport=viewport, color_scheme="light")
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if "search" in path:
                    page.wait_for_selector("#docket-search[data-ready]", state="attached")
                if whole:
                    # A viewport as tall as the page, rather than full_page: the resize
                    # full_page makes mid-capture can make Material hide its tabs.
                    height = page.evaluate("document.documentElement.scrollHeight")
                    page.set_viewport_size({"width": viewport["width"], "height": height})
                    if viewport["width"] >= 1220:  # Material shows tabs from 76.25em
                        expect(page.locator(".md-tabs")).not_to_have_attribute("hidden", "")
                page.screenshot(path=str(out / name))
                page.close()
                print(out / name)
            form_shots(browser.new_page(), base, out)
            browser.close()
        server.shutdown()


def form_shots(page, base: str, out: Path) -> None:
    """The Add a letter form catching a date and a name as they are typed, then the file it makes."""
    page.set_viewport_size({"width": 1280, "height": 2000})
    page.goto(base + "/add-letter/")
    page.wait_for_selector('form[data-ready="true"]', state="attached")
    page.fill("#f-case", "lexington")
    page.get_by_role("button", name="Use lexington-precision (In re Lexington Precision Corp., et al.)").click()
    page.fill("#f-date", "7/6/2009")
    page.fill("#f-type", "joint status letter")  # offered by the form, not assumed
    page.fill("#f-sequence", "7")
    page.locator("#authors [data-name=person]").first.fill("Strochak")
    page.locator("#authors [data-name=on_behalf_of]").first.fill("the parties")
    # A viewport tall enough for the form's first part: no scrolling, so
    # Material's fixed header stays at the top of the picture.
    end = page.locator("#add-author").bounding_box()
    page.screenshot(
        path=str(out / "add-letter-form.png"), clip={"x": 0, "y": 0, "width": 1280, "height": end["y"] + 60}
    )
    print(out / "add-letter-form.png")
    page.get_by_role("button", name="Use 2009-07-06").click()
    page.get_by_role("button", name="Use Adam P. Strochak (adam-strochak)").click()
    page.locator("#cc [data-name=person]").first.fill("Seymour Preston")
    page.locator("#cc [data-name=via]").first.fill("e-mail")
    page.fill("#f-delivery", "FedEx")
    page.fill("#f-summary", "EXAMPLE ONLY: the summary of the letter, one paragraph.")
    page.fill("#f-tags", "mediation")
    page.fill("#f-body", "Dear Judge Glenn:\n\nEXAMPLE ONLY: the letter's text, pasted in.\n\nRespectfully submitted,")
    result = page.locator(".add-letter__result")
    result.scroll_into_view_if_needed()
    result.screenshot(path=str(out / "add-letter-file.png"))
    print(out / "add-letter-file.png")


if __name__ == "__main__":
    main()
