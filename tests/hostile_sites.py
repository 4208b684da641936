"""Building the hostile sites: a fixture archive in a temporary folder, the
letters `docket check` refuses taken out (refusal is a defence), the rest
built with the real MkDocs command line."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import BUILD_DATE, copy_repo_site
from docket_archive import synthetic
from hostile import HostileLetter, Refusals, drop_refused, own_inline_scripts, write_letter


@dataclass
class HostileSite:
    site: Path
    letters: dict[str, HostileLetter]  # by name
    refusals: Refusals
    own_scripts: set[str]  # the theme's inline scripts, from the benign control letter's page
    control: HostileLetter

    def html(self, path: str) -> str:
        return (self.site / path / "index.html").read_text("utf-8")


def build(project: Path) -> Path:
    """MkDocs as a user runs it, without --strict: a hostile value that makes a
    broken link must not hide what the page does with it."""
    site = project / "site"
    env = {**os.environ, "DOCKET_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        raise BuildFailed((result.stdout + result.stderr)[-3000:])
    return site


class BuildFailed(Exception):
    """MkDocs refused or crashed on the hostile archive: itself a finding."""


def build_hostile_site(tmp: Path, letters: list[HostileLetter], control: HostileLetter, registries) -> HostileSite:
    """`registries(root)` writes people.yml and the cases; then the letters are written and built."""
    root = tmp / "letters-src"
    registries(root)
    write_letter(root, control)
    for letter in letters:
        write_letter(root, letter)
    refusals = drop_refused(root, [*letters, control])
    assert not refusals.of(control), refusals.of(control)
    project = copy_repo_site(tmp, root)
    site = build(project)
    own = own_inline_scripts((site / control.url_path / "index.html").read_text("utf-8"))
    return HostileSite(site, {letter.name: letter for letter in letters}, refusals, own, control)


def base_registries(root: Path, cases: list[str]) -> list[synthetic.SyntheticPerson]:
    persons = synthetic.people()
    synthetic.write_registries(root, cases, persons)
    return persons
