"""End to end: each real letter imported, reviewed, checked, and built onto the right case timelines."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import SEED, copy_repo_site, mkdocs_build
from docket_archive.authoring.review import entries, resolve
from docket_archive.cli import main
from docket_archive.law.casenumbers import parse
from htmltools import links, page, section
from htmltools import resolve as resolve_href
from importtools import REAL_LETTERS, real_letters, truth_file


def _case_key(root: Path, number: str) -> str:
    """The registered case whose number is `number` (a case-number key such as md-1379)."""
    for case_file in root.glob("*/case.yml"):
        found = parse(str(yaml.safe_load(case_file.read_text("utf-8"))["number"]))
        if found is not None and found.key == number:
            return case_file.parent.name
    raise AssertionError(f"no case {number} registered")


def import_and_review(source: Path, root: Path) -> Path:
    """`docket import`, then what a person does in `docket review`: confirm, or correct what the letter does not say.
    A letter that names no case number is filed by the person under its case (`--case`)."""
    truth = yaml.safe_load(truth_file(source).read_text("utf-8"))
    chosen = [arg for number in truth.get("filed_in") or [] for arg in ("--case", _case_key(root, number))]
    result = CliRunner().invoke(main, ["import", str(source), "--letters", str(root), *chosen])
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.splitlines()[0])
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
    # letters that name no case number last: they are filed under a case another letter registered
    ordered = sorted(
        [SEED, *letters], key=lambda p: bool(yaml.safe_load(truth_file(p).read_text("utf-8")).get("filed_in"))
    )
    imported = [import_and_review(source, root) for source in ordered]

    check = CliRunner().invoke(main, ["check", str(root)])
    assert check.exit_code == 0, check.output

    site = mkdocs_build(copy_repo_site(tmp_path, root))
    for path in imported:
        front = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        letter_id = f"{path.parent.name}/{path.stem}"
        assert (site / "letters" / letter_id / "index.html").is_file()
        cases = front["case"] if isinstance(front["case"], list) else [front["case"]]
        source = ordered[imported.index(path)]
        truth = yaml.safe_load(truth_file(source).read_text("utf-8"))
        numbers = [parse(str(yaml.safe_load((root / c / "case.yml").read_text())["number"])) for c in cases]
        assert [n.key if n else None for n in numbers] == (truth["cases"] or truth["filed_in"]), source.name
        for case in cases:  # on the timeline of each of its cases
            timeline = section(page(site, f"cases/{case}"), "timeline")
            assert f"letters/{letter_id}" in [resolve_href(f"cases/{case}/", h) for h, _ in links(timeline)], case
    several = {p.stem: yaml.safe_load(p.read_text().split("---")[1])["case"] for p in imported}
    several = {stem: cases for stem, cases in several.items() if isinstance(cases, list)}
    assert several["2025-08-04-letter-response"] == [
        "jeffrey-epstein",
        "ghislaine-maxwell",
    ]  # to Judges Berman and Engelmayer
    assert len(several["2022-09-27-letter-response"]) == 3  # Lehman's case and two adversary proceedings
