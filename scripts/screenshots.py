"""Take the README's screenshots from a real build of the repository's archive.

Builds the site with `mkdocs build` into a temporary folder, serves it on
127.0.0.1 and photographs a letter page and a case page in headless Chromium
(Debian's /usr/bin/chromium) into docs/images/.

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
SHOTS = {
    "letter-page.png": "/letters/lexington-precision/2009-06-22-joint-status-letter/",
    "case-page.png": "/cases/lexington-precision/",
    "search-page.png": "/search/?q=counter-proposal",
}


def main() -> None:
    from playwright.sync_api import sync_playwright

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
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in SHOTS.items():
                page.goto(base + path)
                if "search" in path:
                    page.wait_for_selector(".docket-result")
                page.screenshot(path=str(out / name), full_page=name != "search-page.png")
                print(out / name)
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
