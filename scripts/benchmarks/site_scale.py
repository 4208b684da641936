"""Benchmark: does the site's build time and page size grow linearly with letters?

Generates synthetic archives (fictional letters, in a temporary folder), builds
each with the real `mkdocs build` using the repository's mkdocs.yml and docs/,
and prints a table. Not a test: figures depend on the machine.

    python scripts/benchmarks/site_scale.py 1000 2000 5000 10000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchproject import synthetic_project


def build(letters: int, work: Path) -> dict[str, float]:
    project = synthetic_project(work, letters)
    env = {**os.environ, "DOCKET_BUILD_DATE": "2030-01-01", "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        check=True,
        env=env,
    )
    seconds = time.perf_counter() - start
    site = project / "site"
    html = list(site.rglob("*.html"))
    letter_pages = [p for p in html if "/letters/" in p.as_posix()]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    largest = max(html, key=lambda p: p.stat().st_size)
    search_dir = site / "search-index"
    search = sum(p.stat().st_size for p in search_dir.rglob("*") if p.is_file()) if search_dir.exists() else 0
    return {
        "letters": letters,
        "seconds": seconds,
        "ms_per_letter": 1000 * seconds / letters,
        "site_mb": total / 1e6,
        "search_mb": search / 1e6,
        "letter_page_kb": sum(p.stat().st_size for p in letter_pages) / len(letter_pages) / 1e3,
        "home_kb": (site / "index.html").stat().st_size / 1e3,
        "largest_kb": largest.stat().st_size / 1e3,
        "largest": largest.parent.relative_to(site).as_posix(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 1000, 2000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docket-bench-") as tmp:
        rows = [build(n, Path(tmp)) for n in args.sizes]
    print(
        "| letters | build (s) | ms per letter | site (MB) | of which search index (MB) | letter page (KB) | home page (KB) | largest page (KB) | largest page |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(
            f"| {r['letters']:,} | {r['seconds']:.1f} | {r['ms_per_letter']:.1f} | {r['site_mb']:.1f} | {r['search_mb']:.1f} | {r['letter_page_kb']:.1f} | {r['home_kb']:.1f} | {r['largest_kb']:.1f} | {r['largest']} |"
        )


if __name__ == "__main__":
    main()
