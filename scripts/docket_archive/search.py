"""Full-text search: a Pagefind index over the built HTML site.

Pagefind splits its index into chunks that the browser fetches on demand, so a
query transfers a few hundred kilobytes however large the archive grows
(Material's built-in search ships the whole corpus as one JSON file). Only
letter pages carry `data-pagefind-body`, so index pages never appear in the
results and each letter is found once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"  # folder of the index inside the site


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path) -> str:
    """Index the built site in place; returns Pagefind's summary. Raises on failure."""
    command = [
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
