"""Benchmark: what a first search result costs, at 10,000 and 100,000 letters.

For each size it generates synthetic letters (fictional, in a temporary folder)
and makes a site with its search index, then opens the search page in headless
Chromium with an empty cache for each kind of query and records the bytes that
arrived and the time until the first result is on screen (median of three).
It prints Markdown tables, with the machine's load average beside each figure
(the machine may be shared). Not a test: the figures depend on the machine.
Needs Debian's /usr/bin/chromium.

Two ways to make the site, both with the real search index and the real pages:

- `build` (default up to 20,000 letters): `mkdocs build` with the docket plugin,
  as the archive is built; the index is written while the pages are.
- `direct` (default above): a small site is built with `mkdocs build` for the
  theme, the search page and its scripts; then every letter's page is written
  from that build's own letter page, with the letter's title, search data and
  text put in (`site/pages/letters.py` renders the same three from the same
  letter), and the index is made by `index_site`, exactly as `docket
  search-index SITE` makes it, from those pages. A letter page's size does
  not depend on the archive's size (letters are never in the navigation), so
  the bytes a result's page costs are those of the full build; what this
  saves is MkDocs rendering 100,000 pages (about ten minutes and 4 GB).

    python scripts/benchmarks/search.py 10000 100000
    python scripts/benchmarks/search.py 10000 --mode direct
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

import yaml

from docket_archive import synthetic
from docket_archive.formats.bodytext import render_body
from docket_archive.load.archive import load_archive
from docket_archive.publish.searchindex import BUNDLE, index_site
from docket_archive.search.documents import JSON_ID, TEXT_END, TEXT_START, page_json
from docket_archive.site import paths

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RARE = "{rare}"  # replaced by the rarest word of the generated letters' text


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    order: str = "newest"
    shows: str = ".docket-result"  # what the user waits for


ONLY_WORD = "quodlibetary"  # in one letter only, the oldest: the worst case for newest first
QUERIES = [
    Query("common word (in every letter, many times)", "the"),
    Query("rare word (the archive's rarest name)", RARE),
    Query("a word in one letter, the oldest", ONLY_WORD),
    Query("phrase", '"mediation session"'),
    Query("boolean with NOT", "mediation NOT settlement"),
    Query("proximity", "counter w/5 proposal"),
    Query("filter only", "case:synthetic-case-003"),
    Query("filter only, a date range", "after:2016-01-01 before:2016-07-01"),
    Query("common word, best match first", "parties", "relevance"),
    Query("misspelt word: until 'did you mean' shows", "medation", shows="#docket-suggest a"),
]


def add_oldest_letter(letters: Path) -> None:
    """One more fictional letter, older than all the others, with a word no other letter has."""
    case = sorted(p for p in letters.iterdir() if p.is_dir())[0]
    front = {
        "title": "Status letter no. 0",
        "date": "2014-12-01",
        "case": case.name,
        "type": "joint status letter",
        "authors": [{"person": synthetic.people()[1].key}],
        "addressee": "judge-testwood",
        "summary": f"{synthetic.MARK} The oldest letter.",
    }
    body = f"Dear Judge Testwood:\n\n{synthetic.MARK}\n\nA {ONLY_WORD} matter.\n"
    (case / "2014-12-01-status-letter-0.md").write_text(synthetic.letter_text(front, body), "utf-8")


def make_project(work: Path, letters: Path, name: str) -> Path:
    project = work / name
    project.mkdir()
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "overrides", project / "overrides")
    (project / "letters").symlink_to(letters)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    config["plugins"] = [{"docket": {"letters": "letters", "search": True}}]
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


_TITLE = re.compile(r"<h1>.*?</h1>", re.DOTALL)
_DATA = re.compile(r'(<script type="application/json" id="' + JSON_ID + r'">).*?(</script>)', re.DOTALL)


def direct_site(work: Path, letters: Path) -> tuple[Path, float, float]:
    """A site of every letter's page, written from one page of a small real build, and its index."""
    small = work / "small-letters"
    shutil.copytree(letters, small, ignore=shutil.ignore_patterns("2*.md"))
    first_case = sorted(p for p in letters.iterdir() if p.is_dir())[0]
    for letter in sorted(first_case.glob("2*.md"))[:3]:
        shutil.copy(letter, small / first_case.name / letter.name)
    site, _ = build(make_project(work, small, "direct"))
    shell = next(site.glob("letters/*/*/index.html")).read_text("utf-8")
    shutil.rmtree(site / BUNDLE)
    shutil.rmtree(site / paths.LETTERS)
    archive, problems = load_archive(letters)
    if problems.errors:
        raise SystemExit("\n".join(map(str, problems.errors[:3])))
    # The page in pieces around what is the letter's own: its title, its search data, its text.
    title, data = _TITLE.search(shell), _DATA.search(shell)
    if title is None or data is None:
        raise SystemExit("the small build's letter page has no title or search data")
    head, middle = shell[: title.start()], shell[title.end() : data.end(1)]
    before_text = shell[data.start(2) : shell.index(TEXT_START) + len(TEXT_START)]
    tail = shell[shell.index(TEXT_END) :]
    start = time.perf_counter()
    for letter in archive.letters:
        page = f"{head}<h1>{_escape(letter.title)}</h1>{middle}{page_json(letter, archive)}{before_text}"
        page += render_body(letter.body) + tail
        target = site / paths.page_url(paths.letter(letter)) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, "utf-8")
    written = time.perf_counter() - start
    start = time.perf_counter()
    index_site(site)
    return site, written, time.perf_counter() - start


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves text gzip-compressed, as GitHub Pages and most web servers do (the
    index's .bin blocks go out as they are). Compressed bodies are cached so that
    compressing never counts towards a measured time (a warm-up run fills the cache)."""

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


def measure(browser, url: str, shows: str = ".docket-result") -> tuple[int, int, float, int]:
    """(all bytes, search bytes, seconds, requests) from navigation until the first result shows.

    Bytes are counted for responses complete by then (what the user waited for);
    later ones (the older parts read to count every match, the page's lists of
    cases and authors) are not. "Search bytes" are the index's files, the search
    scripts and the letter pages fetched for the results' excerpts."""
    context = browser.new_context()  # empty cache every time
    page = context.new_page()
    page.add_init_script(FIRST_RESULT_PROBE % shows)
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    # A locator waits without eval, which the site's Content-Security-Policy forbids.
    page.locator(shows).first.wait_for(state="attached", timeout=120_000)
    seconds, shown_at = page.evaluate("[window.__firstResult / 1000, performance.timeOrigin + window.__firstResult]")
    sizes = []
    for request in list(finished):
        timing = request.timing
        if timing["startTime"] + timing["responseEnd"] > shown_at + 1:  # +1 ms: clock rounding
            continue
        measured = request.sizes()
        sizes.append((request.url, measured["responseBodySize"] + measured["responseHeadersSize"]))
    total = sum(size for _, size in sizes)
    search = sum(
        size
        for u, size in sizes
        if f"/{BUNDLE}/" in u or "/javascripts/search/" in u or "/snowball/" in u or "/letters/" in u
    )
    context.close()
    return total, search, seconds, len(sizes)


def median(runs: list[tuple[int, int, float, int]]) -> tuple[int, int, float, int]:
    return sorted(runs, key=lambda run: run[2])[len(runs) // 2]


def rarest_word(site: Path) -> tuple[str, int]:
    manifest = json.loads((site / BUNDLE / "manifest.json").read_text())
    best = ("", 10**9)
    for length in manifest["vocabulary"]:
        for word, count in json.loads((site / BUNDLE / "dict" / f"v{length}.json").read_text()):
            if word.isalpha() and len(word) > 5 and word != ONLY_WORD and count < best[1]:
                best = (word, count)
    return best


def folder_size(folder: Path) -> tuple[float, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    parser.add_argument("--mode", choices=["build", "direct"], help="how to make the site (default: by size)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--only", default="", help="measure only the query kinds whose names contain one of these (comma-separated)"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    made, searches = [], []
    with tempfile.TemporaryDirectory(prefix="docket-search-bench-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for n in args.sizes:
            work = Path(tmp) / f"n{n}"
            work.mkdir()
            mode = args.mode or ("build" if n <= 20000 else "direct")
            print(f"{n:,} letters: generating...", file=sys.stderr, flush=True)
            letters = synthetic.generate(work / "letters", n)
            add_oldest_letter(letters)
            print(f"{n:,} letters: making the site ({mode}), load {load()}...", file=sys.stderr, flush=True)
            if mode == "build":
                site, seconds = build(make_project(work, letters, "site"))
                made.append(
                    (n, mode, f"mkdocs build {seconds:.0f} s (index included)", *folder_size(site / BUNDLE), load())
                )
            else:
                site, written, indexed = direct_site(work, letters)
                made.append(
                    (
                        n,
                        mode,
                        f"pages written {written:.0f} s, index_site {indexed:.0f} s",
                        *folder_size(site / BUNDLE),
                        load(),
                    )
                )
            rare, rare_count = rarest_word(site)
            base, server = serve(site)
            measure(browser, f"{base}/search/?q=the")  # warm-up, not counted: fills the server's compression cache
            for query in [q for q in QUERIES if any(part in q.kind for part in args.only.split(","))]:
                text = query.text.replace(RARE, rare)
                url = f"{base}/search/?q={quote(text)}" + (f"&order={query.order}" if query.order != "newest" else "")
                before = load()
                result = median([measure(browser, url, query.shows) for _ in range(args.runs)])
                kind = query.kind + (f": {rare}, in {rare_count} letters" if query.text == RARE else "")
                searches.append((n, kind, text, result, before))
                print(
                    f"  {kind}: {result[0] / 1e3:,.0f} KB, {result[2]:.2f} s (load {before})",
                    file=sys.stderr,
                    flush=True,
                )
            server.shutdown()
            shutil.rmtree(work, ignore_errors=True)
        browser.close()

    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {chromium}\n")
    print("The site and its index\n")
    print("| letters | how the site was made | time | index on disk (MB) | index files | load |")
    print("|---:|---|---|---:|---:|---:|")
    for n, mode, seconds, mb, files, at in made:
        print(f"| {n:,} | {mode} | {seconds} | {mb:,.1f} | {files:,} | {at} |")
    print(
        "\nFirst result of a query opened by URL, empty cache, median of "
        f"{args.runs} runs: the bytes that arrived from opening the page until the first result shows "
        "(text gzip-compressed, as GitHub Pages serves it), of which search (index, search scripts, the "
        "results' letter pages), and when it shows (seconds after navigation start, measured in the page); "
        "load: the machine's 1-minute load average as the query was measured\n"
    )
    print("| letters | query | | KB (of which search) | requests | s | load |")
    print("|---:|---|---|---:|---:|---:|---:|")
    for n, kind, text, (total, search, seconds, requests), at in searches:
        print(
            f"| {n:,} | {kind} | `{text}` | {total / 1e3:,.0f} ({search / 1e3:,.0f}) | {requests} | {seconds:.2f} | {at} |"
        )


if __name__ == "__main__":
    main()
