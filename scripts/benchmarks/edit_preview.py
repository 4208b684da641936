"""Benchmark: how long a contributor waits, for `docket check` and for `mkdocs serve`.

Generates synthetic archives (fictional letters, in a temporary folder) and
prints one Markdown table row per size:

- `docket check` of the whole archive, and of one changed letter (wall clock
  and CPU seconds of the process, which stay comparable on a busy machine);
- edit -> preview: from saving a change to one letter's text while
  `mkdocs serve` runs until the server sends the page with the change, for
  plain `mkdocs serve` (re-renders every page) and `mkdocs serve --dirty
  --no-strict` (re-renders the pages whose text changed).

Not a test: figures depend on the machine.

    python scripts/benchmarks/edit_preview.py 1000 5000 10000
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from docket_archive import synthetic

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "DOCKET_BUILD_DATE": "2030-01-01", "NO_MKDOCS_2_WARNING": "1"}


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def page_shows(url: str, text: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    return False


def edit_to_preview(project: Path, letter: Path, options: list[str]) -> float:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/letters/{letter.parent.name}/{letter.stem}/"
    try:
        if not page_shows(url, "Respectfully", time.monotonic() + 1800):
            return float("nan")
        time.sleep(2)  # let the first build's file events settle (a benchmark, not a test)
        marker = f"edited-{time.time_ns()}"
        letter.write_text(letter.read_text().replace("Respectfully submitted", f"{marker} Respectfully submitted"))
        start = time.monotonic()
        return time.monotonic() - start if page_shows(url, marker, start + 1800) else float("nan")
    finally:
        server.terminate()
        server.wait(timeout=60)


def measure(letters: int, work: Path) -> str:
    project = work / f"n{letters}"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copytree(REPO / "docs", project / "docs")
    synthetic.generate(project / "letters", letters)
    docket = str(Path(sys.executable).with_name("docket"))
    whole = timed([docket, "check", "letters"], project)
    one = next((project / "letters" / "synthetic-case-001").glob("*.md"))
    single = timed([docket, "check", str(one.relative_to(project))], project)
    plain = edit_to_preview(project, one, [])
    dirty = edit_to_preview(project, one, ["--dirty", "--no-strict"])
    return (
        f"| {letters:,} | {whole[0]:.2f} s ({whole[1]:.2f} s CPU) | {single[0]:.2f} s ({single[1]:.2f} s CPU)"
        f" | {plain:.1f} s | {dirty:.1f} s |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int)
    sizes = parser.parse_args().sizes
    print(
        "| letters | `docket check` (all) | `docket check FILE` (one) | edit → preview, `serve` | edit → preview, `serve --dirty` |"
    )
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for letters in sizes:
            print(measure(letters, Path(work)), flush=True)


if __name__ == "__main__":
    main()
