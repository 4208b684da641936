"""Benchmark: our Pagefind search against Material's built-in search.

For each archive size it generates synthetic letters (fictional, in a temporary
folder) and builds the site three times with the real `mkdocs build`: without
search, with our Pagefind search, and with Material's search plugin instead.
Then, in headless Chromium with an empty cache, it runs a few queries on each
site and records the bytes transferred and the time until the first result is
on screen. It prints Markdown tables. Not a test: the figures depend on the
machine. Needs Debian's /usr/bin/chromium.

    python scripts/benchmarks/search.py 1000 10000
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

import yaml

from docket_archive import synthetic

REPO = Path(__file__).resolve().parents[2]
# One-word queries of different frequency (a topic word, a hyphenated term,
# the judge's name, which is in every letter: the worst case) and a two-word one.
QUERIES = ["mediation", "counter-proposal", "Testwood", "mediation session"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def make_project(work: Path, letters: Path, name: str, material_search: bool, pagefind: bool) -> Path:
    project = work / name
    project.mkdir()
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "overrides", project / "overrides")  # the theme override mkdocs.yml names
    (project / "letters").symlink_to(letters)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    config["plugins"] = (["search"] if material_search else []) + [
        {"docket": {"letters": "letters", "search": pagefind}}
    ]
    if material_search:
        config["theme"]["features"] = [*config["theme"].get("features", []), "search.share"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return project


def build(project: Path) -> tuple[Path, float]:
    env = {**os.environ, "DOCKET_BUILD_DATE": "2030-01-01", "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        check=True,
        env=env,
    )
    return project / "site", time.perf_counter() - start


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves text gzip-compressed, as GitHub Pages and most web servers do.

    Without it, Material's search index and stylesheets would count several
    times their real size. Pagefind's own files are compressed at build time
    and go out as they are. Compressed bodies are cached so that compressing
    never counts towards a measured time (a warm-up run fills the cache).
    """

    cache: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSIBLE
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().do_GET()
        if path not in self.cache:
            self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a closed browser context
            super().handle_error(request, client_address)


def serve(site: Path) -> tuple[str, ThreadingHTTPServer]:
    server = QuietServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


# Records, inside the page, when the first result appears: the moment a user
# sees it, measured from the start of navigation (performance.now()).
FIRST_RESULT_PROBE = """
new MutationObserver(function (changes, observer) {
  if (document.querySelector(%r)) { window.__firstResult = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""


def measure(browser, url: str, result_selector: str) -> tuple[int, int, float]:
    """(all bytes, search bytes, seconds) from navigation until the first result shows.

    Bytes are counted for responses complete by then (what the user waited
    for), whether the page or its worker fetched them; later requests, such as
    the filter lists filled in after the first results, are not counted.
    """
    context = browser.new_context()  # empty cache every time
    page = context.new_page()
    page.add_init_script(FIRST_RESULT_PROBE % result_selector)
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))  # workers' requests too
    page.goto(url)
    # A locator waits without eval, which the site's Content-Security-Policy forbids
    # (wait_for_function would need it); the probe has set the time by then.
    page.locator(result_selector).first.wait_for(state="attached", timeout=120_000)
    seconds, shown_at = page.evaluate("[window.__firstResult / 1000, performance.timeOrigin + window.__firstResult]")
    sizes = []
    for request in list(finished):  # read while the page is still open
        timing = request.timing
        if timing["startTime"] + timing["responseEnd"] > shown_at + 1:  # +1 ms: clock rounding
            continue
        measured = request.sizes()
        sizes.append((request.url, measured["responseBodySize"] + measured["responseHeadersSize"]))
    total = sum(size for _, size in sizes)
    search = sum(size for u, size in sizes if "/pagefind/" in u or "search_index" in u or "/workers/search" in u)
    context.close()
    return total, search, seconds


def median(runs: list[tuple[int, int, float]]) -> tuple[int, int, float]:
    return sorted(runs, key=lambda run: run[2])[len(runs) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    builds, searches = [], []
    with tempfile.TemporaryDirectory(prefix="docket-search-bench-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for n in args.sizes:
            work = Path(tmp) / f"n{n}"
            work.mkdir()
            letters = synthetic.generate(work / "letters", n)
            print(f"{n:,} letters: building three sites...", file=sys.stderr, flush=True)
            _, plain = build(make_project(work, letters, "plain", material_search=False, pagefind=False))
            ours, with_pagefind = build(make_project(work, letters, "pagefind", material_search=False, pagefind=True))
            material, with_material = build(
                make_project(work, letters, "material", material_search=True, pagefind=False)
            )
            index_mb = sum(p.stat().st_size for p in (ours / "pagefind").rglob("*") if p.is_file()) / 1e6
            material_mb = (material / "search" / "search_index.json").stat().st_size / 1e6
            builds.append((n, plain, with_pagefind, with_material, index_mb, material_mb))
            print(
                f"{n:,} letters: built in {plain:.0f} s, {with_pagefind:.0f} s, {with_material:.0f} s; measuring...",
                file=sys.stderr,
                flush=True,
            )
            ours_url, ours_server = serve(ours)
            material_url, material_server = serve(material)
            # Warm-up, not counted: fills the server's compression cache.
            measure(browser, f"{ours_url}/search/?q={QUERIES[0]}", ".docket-result")
            measure(browser, f"{material_url}/?q={QUERIES[0]}", ".md-search-result__item")
            for query in QUERIES:
                # Median of three runs, each with an empty cache.
                a = median(
                    [measure(browser, f"{ours_url}/search/?q={quote(query)}", ".docket-result") for _ in range(3)]
                )
                b = median(
                    [measure(browser, f"{material_url}/?q={quote(query)}", ".md-search-result__item") for _ in range(3)]
                )
                searches.append((n, query, a, b))
            ours_server.shutdown()
            material_server.shutdown()
        browser.close()

    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {chromium}\n")
    print("Build time (mkdocs build, seconds) and search index size\n")
    print(
        "| letters | no search | with Pagefind | Pagefind adds | with Material search | Pagefind index on disk (MB) | Material search_index.json (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, plain, pf, mat, index_mb, material_mb in builds:
        print(
            f"| {n:,} | {plain:.1f} | {pf:.1f} | {100 * (pf - plain) / plain:+.0f}% | {mat:.1f} | {index_mb:.1f} | {material_mb:.1f} |"
        )
    print(
        "\nFirst result of a query opened by URL, empty cache, median of 3 runs: the bytes that arrived"
        " from opening the page until the first result shows (text gzip-compressed, as GitHub Pages"
        " serves it), and when it shows (seconds after navigation start, measured in the page)\n"
    )
    print("| letters | query | ours: KB (of which search) | ours: s | Material: KB (of which search) | Material: s |")
    print("|---:|---|---:|---:|---:|---:|")
    for n, query, (a_total, a_search, a_s), (b_total, b_search, b_s) in searches:
        print(
            f"| {n:,} | {query} | {a_total / 1e3:,.0f} ({a_search / 1e3:,.0f}) | {a_s:.2f} | {b_total / 1e3:,.0f} ({b_search / 1e3:,.0f}) | {b_s:.2f} |"
        )


if __name__ == "__main__":
    main()
