"""Full-text search: a Pagefind index over the built HTML site.

Pagefind splits its index into chunks that the browser fetches on demand, so a
query transfers a few hundred kilobytes however large the archive grows
(Material's built-in search ships the whole corpus as one JSON file). Only
letter pages carry `data-pagefind-body`, so index pages never appear in the
results and each letter is found once.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

BUNDLE = "pagefind"  # folder of the index inside the site


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path, background: bool = False) -> str:
    """Index the built site in place; returns Pagefind's summary. Raises on failure.

    In the `background` (under `mkdocs serve`), Pagefind runs at the lowest
    CPU priority: its threads would otherwise take the cores the next
    rebuild needs, and the preview matters more than search catching up."""
    nice = shutil.which("nice") if background else None
    command = [
        *([nice, "-n", "19"] if nice else []),
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--force-language",
        "en",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stdout}{result.stderr}")
    summary = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Indexed")]
    return "; ".join(summary) or result.stdout.strip()


class BackgroundIndex:
    """Pagefind run after the browser has reloaded, for `mkdocs serve --dirty`.

    Indexing the whole site took most of a dirty rebuild, and the preview need
    not wait for it: the page shows at once and search catches up a few seconds
    later. One indexing at a time; saves during one are indexed once after it.
    """

    def __init__(self, report: Callable[[str], None]) -> None:
        self._report = report  # never a warning: strict mode would count it against the next build
        self._wanted = threading.Event()
        self._site: Path | None = None
        self._thread: threading.Thread | None = None

    def request(self, site_dir: Path) -> None:
        self._site = site_dir
        self._wanted.set()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="docket-search-index", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._site is None:
                continue
            try:
                self._report("search index (after the reload): " + index_site(self._site, background=True))
            except SearchIndexError as error:
                self._report(f"search index not refreshed: {error}")
