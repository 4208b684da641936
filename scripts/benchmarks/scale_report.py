"""Benchmark: the figures issue 11 asks for: build time against plain MkDocs, peak memory, a cost model.

For each size, generates synthetic fictional letters in a temporary folder
(never in letters/), then builds the same letters three ways and prints
Markdown tables for docs/performance.md:

- ours, search on: `mkdocs build` with the docket plugin (the search index included):
  wall time and CPU time (user + system, of MkDocs and every process it
  forked or started and waited for), peak memory of the whole process tree
  (MkDocs, the processes it forks to write letter pages and the indexing
  workers it starts: proportional set sizes summed, so memory the forked
  processes share is counted once; sampled from /proc every 50 ms, so a
  lower bound), and the largest single process's peak (exact, from wait4);
- ours, search off: the same with the plugin's `search: false`;
- plain MkDocs: the very pages `docket build --out` writes, built by MkDocs and
  Material with no docket plugin (and no search plugin);
- indexing alone: its time and peak over the search-off site, run with the
  command the plugin runs after a build.

With two sizes or more it fits seconds = a + b·N (and so on) by least squares
and extrapolates to 20,000, 50,000 and 100,000 letters. Not a test: figures
depend on the machine. Linux only (reads /proc). The machine's load average
is printed with each row: on a shared machine compare CPU times, which other
work stretches far less than wall times.

    python scripts/benchmarks/scale_report.py 1000 2000 5000 --repeat 3
    python scripts/benchmarks/scale_report.py 100000 --only-ours --layout one-case
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from benchproject import LAYOUTS, load, synthetic_project

from docket_archive.publish.searchindex import BUNDLE, PART_LETTERS

ENV = {**os.environ, "DOCKET_BUILD_DATE": "2030-01-01", "NO_MKDOCS_2_WARNING": "1"}
SAMPLE_SECONDS = 0.05
FORECAST = (20_000, 50_000, 100_000)


class BuildFailed(RuntimeError):
    """A build exited with an error; the message holds the command and what it printed."""


@dataclass
class Run:
    """One run of a command: wall seconds and memory of its process tree (MiB)."""

    seconds: float
    tree_peak_mib: float  # sum of the tree's proportional set sizes, highest sample
    largest_mib: float  # the largest single process's peak (ru_maxrss of wait4)
    cpu_seconds: float = 0.0  # user + system of the process and the descendants it waited for
    load: str = ""  # the machine's load average when the run started


def resident_kib(pid: int) -> int:
    """The proportional set size of a process in KiB (its share of pages it shares with others,
    such as forked children), or its resident set where that cannot be read; 0 once it has exited."""
    for source, field_name in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            lines = Path(source).read_text().splitlines()
        except OSError:
            continue
        found = next((int(line.split()[1]) for line in lines if line.startswith(field_name)), None)
        if found is not None:
            return found
    return 0


def descendants(root: int) -> list[int]:
    """`root` and every process below it, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            after_name = stat.read_text().rsplit(")", 1)[1].split()  # the name may hold spaces and brackets
        except (OSError, IndexError):
            continue
        children.setdefault(int(after_name[1]), []).append(int(stat.parent.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


@dataclass
class TreeSampler:
    """Samples the resident memory of a process tree every 50 ms, in a thread, until stopped."""

    root: int
    peak_kib: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(SAMPLE_SECONDS)

    def _sample(self) -> None:  # about 2 ms of CPU per sample with 70 processes on the machine
        self.peak_kib = max(self.peak_kib, sum(resident_kib(pid) for pid in descendants(self.root)))


def run(command: list[str], cwd: Path) -> Run:
    """Run `command` to completion, measuring its wall time and its process tree's memory."""
    with tempfile.TemporaryFile() as errors:
        machine = load()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)  # its rusage covers the descendants it waited for
        seconds = time.perf_counter() - start
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            output = errors.read().decode(errors="replace")
            raise BuildFailed(f"{' '.join(command)} (in {cwd}) exited with {process.returncode}:\n{output[-4000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, sampler.peak_kib / 1024, usage.ru_maxrss / 1024, cpu, machine)  # KiB on Linux


Config = dict[str, Any]


def write_config(project: Path, name: str, edit: Callable[[Config], None]) -> Path:
    """The repository's mkdocs.yml, changed by `edit(config)`, written next to it as `name`."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    edit(config)
    path = project / name
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def search_off(config: Config) -> None:
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "docket" in plugin:
            plugin["docket"]["search"] = False


def without_docket(docs_dir: Path) -> Callable[[Config], None]:
    def edit(config: Config) -> None:
        config["docs_dir"] = str(docs_dir)
        # An empty list, not no key: MkDocs would add its own search plugin by default.
        config["plugins"] = [
            p for p in config["plugins"] if p != "docket" and not (isinstance(p, dict) and "docket" in p)
        ]

    return edit


def make_project(letters: int, work: Path, layout: str, only_ours: bool = False) -> Path:
    project = synthetic_project(work, letters, layout)
    if only_ours:
        return project
    write_config(project, "mkdocs-search-off.yml", search_off)
    docket = str(Path(sys.executable).with_name("docket"))
    command = [docket, "build", "--out", "plain-docs", "--letters", "letters", "--docs", "docs"]
    subprocess.run(command, cwd=project, env=ENV, check=True, stdout=subprocess.DEVNULL)
    write_config(project, "mkdocs-plain.yml", without_docket(project / "plain-docs"))
    return project


def mkdocs_build(project: Path, config: str, site: str, strict: bool = True) -> Run:
    shutil.rmtree(project / site, ignore_errors=True)  # outside the timing: every build starts from nothing
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site]
    return run(command if strict else [*command, "--no-strict"], project)


def plain_build(project: Path, strict: bool) -> tuple[Run, bool]:
    """Plain MkDocs, strict as mkdocs.yml asks; non-strict (and said so) if strict refuses the pages."""
    if strict:
        try:
            return mkdocs_build(project, "mkdocs-plain.yml", "site-plain"), True
        except BuildFailed as error:
            print(
                f"plain MkDocs refused the pages in strict mode; built with --no-strict:\n{error}",
                file=sys.stderr,
            )
    return mkdocs_build(project, "mkdocs-plain.yml", "site-plain", strict=False), False


def indexing_alone(project: Path) -> Run:
    """The search index over the search-off site, part after part (`search.index_site`, as `docket search-index` runs it)."""
    index = "import sys; from pathlib import Path; from docket_archive.publish.searchindex import index_site; index_site(Path(sys.argv[1]))"
    return run([sys.executable, "-c", index, str(project / "site-off")], project)


def median_run(runs: list[Run]) -> Run:
    def med(name: str) -> float:
        return float(statistics.median(getattr(r, name) for r in runs))

    return Run(med("seconds"), med("tree_peak_mib"), med("largest_mib"), med("cpu_seconds"), runs[0].load)


def folder_figures(folder: Path) -> tuple[float, int]:
    """(MB, file count) of everything under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


@dataclass
class Row:
    letters: int
    on: Run
    off: Run
    plain: Run
    indexing: Run
    plain_strict: bool
    site: tuple[float, int]
    index: tuple[float, int]


def measure(letters: int, work: Path, repeat: int, layout: str, only_ours: bool) -> Row:
    project = make_project(letters, work, layout, only_ours)
    ons, offs, plains, indexings, strict = [], [], [], [], True
    for round_ in range(repeat):
        ons.append(mkdocs_build(project, "mkdocs.yml", "site"))
        if only_ours:
            continue
        # Search off and plain back to back, in turns, so load on the machine weighs on both alike.
        for which in ("off", "plain") if round_ % 2 == 0 else ("plain", "off"):
            if which == "off":
                offs.append(mkdocs_build(project, "mkdocs-search-off.yml", "site-off"))
            else:
                plain, strict = plain_build(project, strict)
                plains.append(plain)
        indexings.append(indexing_alone(project))
    nothing = [Run(float("nan"), float("nan"), float("nan"), float("nan"))]
    runs = (
        median_run(ons),
        median_run(offs or nothing),
        median_run(plains or nothing),
        median_run(indexings or nothing),
    )
    site, index = folder_figures(project / "site"), folder_figures(project / "site" / BUNDLE)
    shutil.rmtree(project)  # a few hundred MB per size at scale
    return Row(letters, *runs, plain_strict=strict, site=site, index=index)


def measured_table(rows: list[Row]) -> list[str]:
    lines = [
        "| letters | load | ours, search on (s) | CPU (s) | CPU ms per letter | ours, search off (s) | plain MkDocs (s)"
        " | off ÷ plain | indexing alone (s) | on − off (s) | peak memory, process tree (MiB) | largest process (MiB)"
        " | indexer peak (MiB) | site (MB) | site files | search index (MB) | index files |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        plain = f"{r.plain.seconds:.1f}" + ("" if r.plain_strict else " (non-strict)")
        lines.append(
            f"| {r.letters:,} | {r.on.load} | {r.on.seconds:.1f} | {r.on.cpu_seconds:.1f}"
            f" | {1000 * r.on.cpu_seconds / r.letters:.2f} | {r.off.seconds:.1f}"
            f" | {plain} | {r.off.seconds / r.plain.seconds:.2f} | {r.indexing.seconds:.1f}"
            f" | {r.on.seconds - r.off.seconds:.1f} | {r.on.tree_peak_mib:,.0f} | {r.on.largest_mib:,.0f}"
            f" | {r.indexing.largest_mib:,.0f} | {r.site[0]:.1f} | {r.site[1]:,} | {r.index[0]:.1f} | {r.index[1]:,} |"
        )
    return lines


def fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least-squares line y = a + b·x, and its largest residual relative to the measured value."""
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    b = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)
    a = mean_y - b * mean_x
    worst = max(abs(y - (a + b * x)) / abs(y) if y else 0.0 for x, y in zip(xs, ys, strict=True))
    return a, b, worst


COST_FIGURES: list[tuple[str, Callable[[Row], float]]] = [
    ("build, ours with search (s)", lambda r: r.on.seconds),
    ("build, ours with search, CPU (s)", lambda r: r.on.cpu_seconds),
    ("build, ours without search (s)", lambda r: r.off.seconds),
    ("build, plain MkDocs (s)", lambda r: r.plain.seconds),
    ("site (MB)", lambda r: r.site[0]),
    ("site files", lambda r: r.site[1]),
    ("search index (MB)", lambda r: r.index[0]),
    ("indexing alone (s)", lambda r: r.indexing.seconds),
    ("indexer peak (MiB)", lambda r: r.indexing.largest_mib),
    ("peak memory, process tree (MiB)", lambda r: r.on.tree_peak_mib),
]


def cost_table(rows: list[Row]) -> list[str]:
    sizes = ", ".join(f"{r.letters:,}" for r in rows)
    lines = [
        f"Linear extrapolation (least squares, y = a + b·N) from the sizes measured: {sizes} letters."
        + (" With two sizes the line passes through both, so the residual says nothing." if len(rows) == 2 else ""),
        "",
        "| figure | a (fixed) | b (per 1,000 letters) | "
        + " | ".join(f"{n:,} letters (extrapolated)" for n in FORECAST)
        + " | largest relative residual |",
        "|---|---:|---:|" + "---:|" * len(FORECAST) + "---:|",
    ]
    xs = [float(r.letters) for r in rows]
    for label, figure in COST_FIGURES:
        a, b, worst = fit(xs, [float(figure(r)) for r in rows])
        forecast = " | ".join(f"{a + b * n:,.0f}" for n in FORECAST)
        lines.append(f"| {label} | {a:,.1f} | {1000 * b:,.2f} | {forecast} | {100 * worst:.1f}% |")
    return lines


NOTES = """\
- Times are medians of {repeat} round(s); in each, ours with search, then ours without search and plain MkDocs
  back to back (their order alternating between rounds), then indexing alone. Memory figures are medians too.
- Plain MkDocs builds the pages `docket build --out` writes, with mkdocs.yml's theme, nav and Markdown extensions
  but no plugin at all (neither docket nor MkDocs' search); it adds no Content-Security-Policy to the pages.
- Peak memory of the process tree: MkDocs, the processes it forks to write letter pages and the indexing
  workers it starts, proportional set sizes summed (pages shared between processes counted once), sampled
  every 50 ms (a lower bound). Largest process: the highest peak of any one process (ru_maxrss from wait4),
  exact. CPU: user and system time of the build and every process it waited for.
- Load: the machine's 1/5/15-minute load average as the build started (two cores: above 2, other work
  competed for them, and wall times stretch more than CPU times).
- Indexing alone: `searchindex.index_site` (one worker per core, part after part of at most {part_letters:,} letters, one
  after another), run by itself over the search-off site (the same HTML the search-on build indexes); its peak
  (ru_maxrss) is the largest worker's. Not `docket search-index`, which also rewrites every page's
  security policy. In a build the plugin runs the same parts while MkDocs is still writing pages, each once its
  pages are written, so "on − off" (the difference of two separate builds' medians) is what search adds to a
  build: mostly the last part."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int, help="numbers of letters, e.g. 1000 2000 5000")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of builds per size; medians are reported")
    parser.add_argument("--layout", choices=LAYOUTS, default="cases", help="the shape of the archive (benchproject.py)")
    parser.add_argument(
        "--only-ours",
        action="store_true",
        help="only our build with search (no search-off, plain MkDocs or indexing runs)",
    )
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="docket-scale-") as work:
        for letters in args.sizes:
            try:
                rows.append(measure(letters, Path(work), args.repeat, args.layout, args.only_ours))
            except BuildFailed as error:
                sys.exit(f"build failed, nothing measured at {letters:,} letters: {error}")
            print(f"measured {letters:,} letters", file=sys.stderr, flush=True)
    print("\n".join(measured_table(rows)))
    print()
    print(NOTES.format(repeat=args.repeat, part_letters=PART_LETTERS))
    if len({r.letters for r in rows}) >= 2:
        print()
        print("\n".join(cost_table(rows)))


if __name__ == "__main__":
    main()
