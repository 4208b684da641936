"""A build in shards (`docket shard build`, then `docket shard merge`) is the single build:
four shard processes merged give the same site, file by file; a shard's key moves only
with what its pages show; the merge refuses a shard built from other files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_DATE, copy_repo_site
from docket_archive import synthetic
from docket_archive.site.pages.cases import DOCKET_INLINE
from sitecompare import differences

ENV = {**os.environ, "DOCKET_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
DOCKET = str(Path(sys.executable).with_name("docket"))
CITED_CASE = "synthetic-case-002"


def docket(project: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([DOCKET, *args], cwd=project, capture_output=True, text=True, env=ENV)
    assert (result.returncode == 0) == ok, result.stdout + result.stderr
    return result


def keys(project: Path) -> dict[int, str]:
    return {
        shard["shard"]: shard["key"] for shard in json.loads(docket(project, "shard", "plan", "--shards", "4").stdout)
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("shards")
    project = copy_repo_site(tmp, synthetic.generate(tmp / "letters-src", 45, cases=4))
    # A docket entry cited by more than DOCKET_INLINE letters: its page is the merge's to write.
    for letter in sorted((project / "letters" / CITED_CASE).glob("2*.md"))[: DOCKET_INLINE + 1]:
        text = letter.read_text()
        letter.write_text(text.replace("Respectfully submitted", "As ECF No. 9001 says. Respectfully submitted"))
    settings = (project / "mkdocs.yml").read_text()
    # Parts of eight letters: several search parts, so each shard holds whole parts of its own.
    (project / "mkdocs.yml").write_text(settings.replace("branch: main", "branch: main\n      search_part_letters: 8"))
    return project


@pytest.fixture(scope="module")
def shard_dirs(project: Path) -> list[Path]:
    """Four shard builds, run at once as four processes."""
    dirs = [project / "shards" / str(number) for number in range(1, 5)]
    running = [
        subprocess.Popen(
            [DOCKET, "shard", "build", f"{number}/4", "--out", str(folder)],
            cwd=project,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for number, folder in enumerate(dirs, start=1)
    ]
    for process in running:
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output
    return dirs


def test_four_shards_merged_are_the_single_build(project: Path, shard_dirs: list[Path]) -> None:
    docket(project, "shard", "merge", *map(str, shard_dirs), "--site", "merged")
    single = project / "single"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(single)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert differences(project / "merged", single) == []
    assert (single / "cases" / CITED_CASE / "docket" / "9001" / "index.html").is_file()
    # Each shard wrote its own letters and search parts, and all of them are in the site.
    parts = json.loads((single / "search-index" / "manifest.json").read_text())["parts"]
    recorded = [json.loads((folder / "docket-shard.json").read_text()) for folder in shard_dirs]
    assert [part["name"] + "/" for shard in recorded for part in shard["parts"]] == [p["path"] for p in parts]
    assert all(shard["parts"] for shard in recorded) and len(parts) >= 5


def test_a_shard_key_changes_only_with_what_its_pages_show(project: Path, shard_dirs: list[Path]) -> None:
    before = keys(project)
    assert len(set(before.values())) == 4
    # A letter's text, deep inside the second shard: its page changes, and so may the pages
    # of letters that show it (previous, next, references), all in months near it.
    shard = json.loads((shard_dirs[1] / "docket-shard.json").read_text())
    middle = shard["parts"][len(shard["parts"]) // 2]["name"]
    letter = sorted((project / "letters").glob(f"*/{middle}-*.md"))[0]
    original = letter.read_text()
    try:
        letter.write_text(original.replace("Respectfully submitted", "Respectfully resubmitted"))
        after = keys(project)
        assert after[2] != before[2]
        assert after[1] == before[1] and after[4] == before[4]  # shards that show nothing of it keep their keys

        # The merge checks each shard against the letters: shard 2 is now stale.
        refused = docket(project, "shard", "merge", *map(str, shard_dirs), "--site", "stale", ok=False)
        assert "shard 2" in refused.stderr and "build it again" in refused.stderr
        assert not (project / "stale" / "letters").exists()
    finally:
        letter.write_text(original)
    assert keys(project) == before


def test_the_merge_names_a_missing_shard(project: Path, shard_dirs: list[Path]) -> None:
    refused = docket(project, "shard", "merge", *map(str, shard_dirs[:3]), "--site", "partial", ok=False)
    assert "shard(s) 4 of 4 missing" in refused.stderr


def test_a_shard_is_never_built_over_the_letters(project: Path) -> None:
    refused = docket(project, "shard", "build", "1/4", "--out", "letters", ok=False)
    assert "Nothing was written or deleted" in refused.stderr
    assert (project / "letters" / "people.yml").is_file()
