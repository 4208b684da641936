"""`docket review`: each field the importer was unsure of is confirmed, or corrected and validated, one at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEED
from docket_archive.authoring.review import ReviewError, entries, load, resolve
from docket_archive.cli import main

LETTER = "lexington-precision/2009-06-22-joint-status-letter.md"


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """The seed imported into an empty archive (case and people proposed)."""
    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n")
    result = CliRunner().invoke(main, ["import", str(SEED), "--letters", str(root)])
    assert result.exit_code == 0, result.output
    return root / LETTER


def front(path: Path) -> dict:
    return load(path.read_text().split("---")[1])


def test_entries_list_field_reason_and_value(imported: Path) -> None:
    listed = {entry.field: entry for entry in entries(imported)}
    assert {"sequence", "title", "summary", "body", "new case", "people"} <= set(listed)
    assert listed["sequence"].value == 6 and listed["sequence"].reason.startswith("inferred")


def test_accepting_removes_only_that_entry_and_keeps_the_rest(imported: Path) -> None:
    before = imported.read_text()
    resolve(imported, "sequence")
    after = imported.read_text()
    assert "sequence" not in front(imported)["review"] and front(imported)["sequence"] == 6
    assert after.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]  # the letter's text, byte for byte
    changed = {k for k in front(imported) if front(imported)[k] != load(before.split("---")[1])[k]}
    assert changed == {"review"}


def test_a_corrected_value_is_validated_before_anything_is_written(imported: Path) -> None:
    _add_review(imported, "next_report_due", "synthetic: check it")
    before = imported.read_text()
    for bad in ("2009-02-30", "in two weeks", 7):
        with pytest.raises(ReviewError, match="next_report_due"):
            resolve(imported, "next_report_due", bad)
    assert imported.read_text() == before
    resolve(imported, "next_report_due", "2009-07-07")
    assert front(imported)["next_report_due"] == "2009-07-07" and "next_report_due" not in front(imported)["review"]


def _add_review(path: Path, name: str, why: str) -> None:
    text = path.read_text()
    path.write_text(text.replace("review:\n", f"review:\n  {name}: '{why}'\n", 1))


def test_a_field_not_under_review_is_refused(imported: Path) -> None:
    with pytest.raises(ReviewError, match="'date' is not under review"):
        resolve(imported, "date")


def test_the_court_is_corrected_in_the_case_file_and_checked_against_courts_db(imported: Path) -> None:
    _add_review(imported, "court", "synthetic: check it")
    case_file = imported.parent / "case.yml"
    with pytest.raises(ReviewError, match="not a courts-db court id"):
        resolve(imported, "court", "nysx")
    assert "court: nysb" in case_file.read_text()
    resolve(imported, "court", "nysd")
    assert "court: nysd" in case_file.read_text() and "court" not in front(imported)["review"]


def test_when_all_is_confirmed_the_review_mapping_goes(imported: Path) -> None:
    for entry in entries(imported):
        resolve(imported, entry.field)
    assert "review" not in front(imported) and entries(imported) == []


def test_the_command_walks_through_each_entry(imported: Path) -> None:
    todo = [entry.field for entry in entries(imported)]
    script = {"sequence": ["a"], "title": ["e", "[not, a, title]", "e", "Sixth joint status letter on mediation"]}
    answers = [answer for name in todo for answer in script.get(name, ["s"])]
    result = CliRunner().invoke(main, ["review", str(imported)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "why: inferred" in result.output and "sequence: confirmed" in result.output
    assert "title: must be text, not a list — put the value in quotes" in result.output  # refused, then asked again
    assert front(imported)["title"] == "Sixth joint status letter on mediation"
    left = [entry.field for entry in entries(imported)]
    assert left == [name for name in todo if name not in script]
    assert f"{len(left)} field(s) left to review" in result.output


def test_the_command_lists_without_changing(imported: Path) -> None:
    before = imported.read_text()
    result = CliRunner().invoke(main, ["review", str(imported), "--list"])
    assert result.exit_code == 0 and "sequence: 6" in result.output and "why: inferred" in result.output
    assert imported.read_text() == before


def test_a_file_without_front_matter_is_a_message(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("no front matter here\n")
    result = CliRunner().invoke(main, ["review", str(path)])
    assert result.exit_code == 1 and "no front matter" in result.output


def test_accepting_an_unknown_court_is_refused(imported: Path) -> None:
    case_file = imported.parent / "case.yml"
    case_file.write_text(case_file.read_text().replace("court: nysb", "court: unknown"))
    _add_review(imported, "court", "synthetic: courts-db found no court")
    with pytest.raises(ReviewError, match="'unknown' is not a courts-db court id"):
        resolve(imported, "court")
    assert "court" in front(imported)["review"]
