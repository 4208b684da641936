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
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchproject import synthetic_project

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def page_url(port: int, letter: Path) -> str:
    return f"http://127.0.0.1:{port}/letters/{letter.parent.name}/{letter.stem}/"


def preview_times(project: Path, letters: list[Path], options: list[str]) -> tuple[list[float], float]:
    """(seconds from saving an edit to each letter's text until its page shows it, and from adding a letter
    until its page is served), in one `mkdocs serve` session."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not page_shows(page_url(port, letters[0]), "Respectfully", time.monotonic() + 3600):
            return [float("nan")], float("nan")
        time.sleep(3)  # let the first build's file events and background search settle (a benchmark, not a test)
        edits = []
        for letter in letters:
            marker = f"edited-{time.time_ns()}"
            letter.write_text(letter.read_text().replace("Respectfully submitted", f"{marker} Respectfully submitted"))
            start = time.monotonic()
            shown = page_shows(page_url(port, letter), marker, start + 1800)
            edits.append(time.monotonic() - start if shown else float("nan"))
            time.sleep(3)  # the background search index of the previous edit
        source = letters[0]
        added = source.with_name(source.name.replace(source.name[:10], "2014-12-31"))
        added.write_text(re.sub(r"^date: .*$", "date: '2014-12-31'", source.read_text(), count=1, flags=re.M))
        start = time.monotonic()
        shown = page_shows(page_url(port, added), "Respectfully", start + 1800)
        return edits, (time.monotonic() - start if shown else float("nan"))
    finally:
        server.terminate()
        server.wait(timeout=60)


def measure(letters: int, work: Path, plain: bool) -> str:
    project = synthetic_project(work, letters)
    docket = str(Path(sys.executable).with_name("docket"))
    whole = timed([docket, "check", "letters"], project)
    some = [
        sorted((project / "letters" / case).glob("2*.md"))[3]
        for case in ("synthetic-case-001", "synthetic-case-005", "synthetic-case-009")
    ]
    single = timed([docket, "check", str(some[0].relative_to(project))], project)
    edits, added = preview_times(project, some, ["--dirty", "--no-strict"])
    shown = " / ".join(f"{seconds:.1f}" for seconds in edits)
    plain_edit = f"{preview_times(project, some[:1], [])[0][0]:.1f} s" if plain else "not measured"
    return (
        f"| {letters:,} | {whole[0]:.2f} s ({whole[1]:.2f} s CPU) | {single[0]:.2f} s ({single[1]:.2f} s CPU)"
        f" | {shown} s | {added:.1f} s | {plain_edit} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--plain", action="store_true", help="also time plain `mkdocs serve` (a full rebuild)")
    args = parser.parse_args()
    print(
        "| letters | `docket check` (all) | `docket check FILE` (one) | edit → preview, `serve --dirty` (3 edits)"
        " | add a letter → preview | edit → preview, plain `serve` |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for letters in args.sizes:
            print(measure(letters, Path(work), args.plain), flush=True)


if __name__ == "__main__":
    main()
