"""End to end: each real letter imported, reviewed, checked, and built onto the right case timelines."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import SEED, copy_repo_site, mkdocs_build
from docket_archive.authoring.review import entries, resolve
from docket_archive.cli import main
from htmltools import links, page, section
from htmltools import resolve as resolve_href
from importtools import REAL_LETTERS, real_letters, truth_file


def import_and_review(source: Path, root: Path) -> Path:
    """`docket import`, then what a person does in `docket review`: confirm, or correct what the letter does not say."""
    result = CliRunner().invoke(main, ["import", str(source), "--letters", str(root)])
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.splitlines()[0])
    truth = yaml.safe_load(truth_file(source).read_text("utf-8"))
    for entry in entries(path):
        if entry.field == "court":
            resolve(path, "court", truth["court"])  # the person looks the court up
        else:
            resolve(path, entry.field)
    return path


def test_real_letters_import_review_check_and_build(tmp_path: Path) -> None:
    letters = real_letters()
    if not letters:
        pytest.skip(f"{REAL_LETTERS} is absent")
    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n")
    imported = [import_and_review(source, root) for source in [SEED, *letters]]

    check = CliRunner().invoke(main, ["check", str(root)])
    assert check.exit_code == 0, check.output

    site = mkdocs_build(copy_repo_site(tmp_path, root))
    for path in imported:
        front = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        letter_id = f"{path.parent.name}/{path.stem}"
        assert (site / "letters" / letter_id / "index.html").is_file()
        cases = front["case"] if isinstance(front["case"], list) else [front["case"]]
        for case in cases:  # on the timeline of each of its cases
            timeline = section(page(site, f"cases/{case}"), "timeline")
            assert f"letters/{letter_id}" in [resolve_href(f"cases/{case}/", h) for h, _ in links(timeline)], case
    two_cases = [p for p in imported if isinstance(yaml.safe_load(p.read_text().split("---")[1])["case"], list)]
    assert [p.stem for p in two_cases] == ["2025-08-04-letter-response"]  # to Judges Berman and Engelmayer
    assert yaml.safe_load(two_cases[0].read_text().split("---")[1])["case"] == ["jeffrey-epstein", "ghislaine-maxwell"]
