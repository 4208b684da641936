"""A throwaway project for the benchmarks: the repository's mkdocs.yml, docs/
and theme overrides, with synthetic (fictional) letters, in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from docket_archive import synthetic

REPO = Path(__file__).resolve().parents[2]


def synthetic_project(work: Path, letters: int) -> Path:
    """`work`/n<letters>: a copy of the site's configuration with `letters` generated letters."""
    project = work / f"n{letters}"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "overrides", project / "overrides")  # the theme override mkdocs.yml names
    synthetic.generate(project / "letters", letters)
    return project
