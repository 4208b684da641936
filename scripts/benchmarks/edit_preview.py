"""Benchmark: how long a contributor waits, for `docket check` and for `docket serve`.

Generates synthetic archives (fictional letters, in a temporary folder) and
prints one Markdown table row per size:

- `docket check` of the whole archive, twice: the first run reads every
  letter and keeps each one's answer (.cache/docket/check-cache.json), the
  second reads none, as a run after a few edits reads only those; and of one
  changed letter as the pre-commit hook runs it, twice: the first run makes
  the index of the other letters (.cache/docket/), the second uses it, as
  every later run does (wall clock and CPU seconds of the process, which stay
  comparable on a busy machine);
- edit -> preview: `docket serve` itself, started as a user starts it (in
  the project's folder, so it passes `-f mkdocs.yml`, a relative path), then
  from saving a change to one letter's text until the server sends the page
  with the change, for three letters in turn, and from saving a new letter
  until its page is served; beside each, the CPU seconds the server process
  spent meanwhile (the search index it refreshes after each reload runs in a
  separate low-priority process, not counted);
- optionally, plain `mkdocs serve` (re-renders every page).

Every row carries the machine's load average: on a shared machine, wall
times stretch with other work. Not a test: figures depend on the machine.

    python scripts/benchmarks/edit_preview.py 1000 5000 10000
    python scripts/benchmarks/edit_preview.py 100000 --layout one-case
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

from benchproject import LAYOUTS, load, synthetic_project

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


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system, every thread) used so far by the process itself: the server's
    rebuilds, not the search index it runs afterwards in a separate low-priority process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def page_url(port: int, letter: Path) -> str:
    return f"http://127.0.0.1:{port}/letters/{letter.parent.name}/{letter.stem}/"


Timed = tuple[float, float]  # (wall seconds, CPU seconds of the server meanwhile)


def preview_times(project: Path, letters: list[Path], plain: bool = False) -> tuple[Timed, list[Timed], Timed]:
    """(the first build; each edit of a letter's text until its page shows it; adding a letter until its page
    is served), in one `docket serve` session (plain `mkdocs serve`, which renders every page, if `plain`)."""
    port = free_port()
    docket = str(Path(sys.executable).with_name("docket"))
    command = (
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        if plain
        else [docket, "serve", "-a", f"127.0.0.1:{port}"]  # as a user runs it: `-f mkdocs.yml`, relative
    )
    server = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    nothing = (float("nan"), float("nan"))

    def until_shown(url: str, text: str) -> Timed:
        cpu, start = process_cpu(server.pid), time.monotonic()
        shown = page_shows(url, text, start + 3600)
        return (time.monotonic() - start, process_cpu(server.pid) - cpu) if shown else nothing

    try:
        first = until_shown(page_url(port, letters[0]), "Respectfully")
        if first == nothing:
            return nothing, [nothing], nothing
        time.sleep(10)  # let the first build's file events and background search settle (a benchmark, not a test)
        edits = []
        for letter in letters:
            marker = f"edited-{time.time_ns()}"
            letter.write_text(letter.read_text().replace("Respectfully submitted", f"{marker} Respectfully submitted"))
            edits.append(until_shown(page_url(port, letter), marker))
            time.sleep(5)  # the background search index of the previous edit
        source = letters[0]
        added = source.with_name(source.name.replace(source.name[:10], "2014-12-31"))
        added.write_text(re.sub(r"^date: .*$", "date: '2014-12-31'", source.read_text(), count=1, flags=re.M))
        return first, edits, until_shown(page_url(port, added), "Respectfully")
    finally:
        server.terminate()
        server.wait(timeout=60)


def measure(letters: int, work: Path, plain: bool, layout: str) -> str:
    project = synthetic_project(work, letters, layout)
    machine = load()
    docket = str(Path(sys.executable).with_name("docket"))
    whole = timed([docket, "check", "letters"], project)  # reads every letter, keeps their answers
    kept = timed([docket, "check", "letters"], project)  # as every later run: the answers kept
    cases = sorted(folder for folder in (project / "letters").iterdir() if folder.is_dir())
    chosen = [cases[0], cases[len(cases) // 2], cases[-1]]
    # Three letters far apart: in a big case, its first, middle and last tenth.
    some = [sorted(case.glob("2*.md")) for case in chosen]
    some = [
        found[len(found) * share // 10 + min(3, len(found) - 1) * (share == 0)]
        for found, share in zip(some, (0, 5, 9), strict=True)
    ]
    given = str(some[0].relative_to(project))
    cold = timed([docket, "check", given], project)  # makes the index of the other letters
    warm = timed([docket, "check", given], project)  # uses it, as every later run does
    first, edits, added = preview_times(project, some)
    shown = " / ".join(f"{wall:.1f} ({cpu:.1f})" for wall, cpu in edits)
    plain_edit = f"{preview_times(project, some[:1], plain=True)[1][0][0]:.1f} s" if plain else "not measured"
    return (
        f"| {letters:,} | {layout} | {machine} | {whole[0]:.2f} s ({whole[1]:.2f} s CPU);"
        f" kept {kept[0]:.2f} s ({kept[1]:.2f} s CPU)"
        f" | {warm[0]:.2f} s ({warm[1]:.2f} s CPU); first run {cold[0]:.2f} s"
        f" | {first[0]:.0f} s ({first[1]:.0f} s CPU) | {shown} s | {added[0]:.1f} ({added[1]:.1f}) s | {plain_edit} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--plain", action="store_true", help="also time plain `mkdocs serve` (a full rebuild)")
    parser.add_argument("--layout", choices=LAYOUTS, default="cases", help="the shape of the archive (benchproject.py)")
    args = parser.parse_args()
    print(
        "| letters | archive | load | `docket check` (all): first run; answers kept | `docket check FILE` (one, index kept)"
        " | `docket serve`: first build | edit → preview, wall (CPU), 3 edits | add a letter → preview, wall (CPU)"
        " | edit → preview, plain `mkdocs serve` |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for letters in args.sizes:
            print(measure(letters, Path(work), args.plain, args.layout), flush=True)


if __name__ == "__main__":
    main()
