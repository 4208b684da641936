"""A throwaway project for the benchmarks: the repository's mkdocs.yml, docs/
and theme overrides, with synthetic (fictional) letters, in a temporary folder.

Two shapes of archive, as the issue's measurements used:

- "cases": the synthetic archive of the earlier figures, ten cases;
- "one-case": every letter in one big case, as an archive cloned from one
  long-running matter (a case page then lists every letter);
- "small-cases": fifty letters a case, many cases (cases, feeds, calendars
  and CSV files grow with them).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from docket_archive import synthetic

REPO = Path(__file__).resolve().parents[2]
LAYOUTS = ("cases", "one-case", "small-cases")


def case_count(letters: int, layout: str) -> int:
    if layout == "one-case":
        return 1
    if layout == "small-cases":
        return max(1, letters // 50)
    return 10


def synthetic_project(work: Path, letters: int, layout: str = "cases") -> Path:
    """`work`/n<letters>-<layout>: a copy of the site's configuration with `letters` generated letters."""
    project = work / f"n{letters}-{layout}"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "overrides", project / "overrides")  # the theme override mkdocs.yml names
    synthetic.generate(project / "letters", letters, cases=case_count(letters, layout))
    return project


def load() -> str:
    """The machine's load (1, 5 and 15 minute averages): printed with every figure, since
    other work on the machine stretches wall times (CPU times much less)."""
    return "/".join(f"{value:.1f}" for value in os.getloadavg())
