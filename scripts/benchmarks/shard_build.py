"""Benchmark: a build in shards against a single build, for the cost model of docs/performance.md.

Generates synthetic fictional letters in a temporary folder (never in
letters/), then measures, each on its own, one after another:

- `docket shard plan` (reads and validates every letter, computes each
  shard's key: the job that decides which shards CI builds);
- each `docket shard build N/COUNT` (its letter pages and search parts);
- `docket shard merge` (every other page, the shards copied in, one search);
- a single `mkdocs build`, for comparison;

each with wall time, CPU time (user + system of it and the processes it
waited for) and the peak memory of its process tree (`scale_report.run`),
and the machine's load as it started. Not a test: figures depend on the
machine. Linux only.

    python scripts/benchmarks/shard_build.py 10000 --shards 4
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchproject import LAYOUTS, synthetic_project
from scale_report import Run, run


def measure(letters: int, shards: int, work: Path, layout: str) -> list[tuple[str, Run]]:
    project = synthetic_project(work, letters, layout)
    docket = str(Path(sys.executable).with_name("docket"))
    runs = [("plan", run([docket, "shard", "plan", "--shards", str(shards)], project))]
    for number in range(1, shards + 1):
        command = [docket, "shard", "build", f"{number}/{shards}", "--out", f"shards/{number}"]
        runs.append((f"shard {number} of {shards}", run(command, project)))
    folders = [f"shards/{number}" for number in range(1, shards + 1)]
    runs.append(("merge", run([docket, "shard", "merge", *folders, "--site", "merged"], project)))
    runs.append(("single build", run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "single"], project)))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("letters", type=int)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--layout", choices=LAYOUTS, default="cases", help="the shape of the archive (benchproject.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docket-shards-") as work:
        runs = measure(args.letters, args.shards, Path(work), args.layout)
    print(f"{args.letters:,} letters ({args.layout}), {args.shards} shards")
    print()
    print("| step | load | wall (s) | CPU (s) | CPU ms per letter of the archive | peak memory, process tree (MiB) |")
    print("|---|---|---:|---:|---:|---:|")
    for name, figures in runs:
        print(
            f"| {name} | {figures.load} | {figures.seconds:.1f} | {figures.cpu_seconds:.1f}"
            f" | {1000 * figures.cpu_seconds / args.letters:.2f} | {figures.tree_peak_mib:,.0f} |"
        )


if __name__ == "__main__":
    main()
