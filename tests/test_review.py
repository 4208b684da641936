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


def review(path: Path, answers: list[str]):
    """`docket review` with answers piped in, one a line, as a person types them."""
    result = CliRunner().invoke(main, ["review", str(path)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    return result.output


def script_for(path: Path, script: dict[str, list[str]]) -> list[str]:
    """Every entry's answers in order: the scripted ones, and 's' (skip) for the others."""
    return [answer for entry in entries(path) for answer in script.get(entry.field, ["s"])]


def test_the_command_walks_through_each_entry(imported: Path) -> None:
    todo = [entry.field for entry in entries(imported)]
    script = {"sequence": ["a"], "title": ["e", "Sixth joint status letter on mediation"]}
    out = review(imported, script_for(imported, script))
    assert "why: inferred" in out and "sequence: confirmed" in out
    assert front(imported)["title"] == "Sixth joint status letter on mediation"
    left = [entry.field for entry in entries(imported)]
    assert left == [name for name in todo if name not in script]
    assert f"{len(left)} fields left to review" in out


def test_a_title_with_a_colon_stays_text(imported: Path) -> None:
    """The issue's title, typed as it is: YAML would have read it as a mapping."""
    title = "Letter motion to adjourn the April 20, 2020 trial: Noel"
    out = review(imported, script_for(imported, {"title": ["e", title]}))
    assert "title: confirmed" in out and front(imported)["title"] == title


def test_an_accepted_name_the_enclosure_entry_asks_for_the_names(imported: Path) -> None:
    _add_review(imported, "enclosures", "the letter is marked Enclosure but does not say what was enclosed: name it")
    answers = ["a", "Agreed Motion to Continue Trial", "Proposed order", ""]
    out = review(imported, script_for(imported, {"enclosures": answers}))
    assert "enclosures: (not in the letter yet; see why)" in out
    assert "enclosures is not in the letter yet: type it." in out and "enclosures: confirmed" in out
    assert front(imported)["enclosures"] == ["Agreed Motion to Continue Trial", "Proposed order"]


def test_a_list_takes_one_item_a_line(imported: Path) -> None:
    _add_review(imported, "relief_requested", "synthetic: check it")
    review(imported, script_for(imported, {"relief_requested": ["e", "an adjournment of the trial", ""]}))
    assert front(imported)["relief_requested"] == ["an adjournment of the trial"]


def test_a_date_in_any_common_form_and_a_due_date_as_the_letter_says_it(imported: Path) -> None:
    _add_review(imported, "next_report_due", "synthetic: check it")
    answers = ["e", "tomorrow", "e", "in two weeks"]  # a wrong answer is said, then asked again
    out = review(imported, script_for(imported, {"next_report_due": answers}))
    assert "'tomorrow' is not a date: write it as 2009-07-06 or July 6, 2009, or as the letter says it" in out
    assert "Unknown string format" not in out  # no dateutil words
    assert front(imported)["next_report_due"] == "2009-07-06"  # two weeks from June 22, 2009
    _add_review(imported, "next_report_due", "synthetic: check it again")
    review(imported, script_for(imported, {"next_report_due": ["e", "July 20, 2009"]}))
    assert front(imported)["next_report_due"] == "2009-07-20"


def test_wrong_values_get_docket_checks_messages_one_a_line(imported: Path) -> None:
    out = review(imported, script_for(imported, {"sequence": ["e", "0", "e", "six", "s"]}))
    assert "sequence: 0 is too small — numbers in a series start at 1" in out
    lines = out.splitlines()
    said = next(number for number, line in enumerate(lines) if "is too small" in line)
    assert lines[said + 1].strip() == "Nothing was written."  # each message on its own line
    assert "sequence: 'six' is not a whole number. Nothing was written." in out
    assert "is not of type" not in out


def test_the_proposed_case_yml_and_new_people_are_shown_in_full(imported: Path) -> None:
    out = review(imported, script_for(imported, {}))
    case_file = imported.parent / "case.yml"
    shown = out[out.index(f"  {case_file}:") :]
    for line in case_file.read_text().splitlines():
        assert f"    {line}" in shown
    people = out[out.index("\npeople: ") :]
    assert (
        "    adam-p-strochak:\n      name: Adam P. Strochak\n" in people
        and "      firm: Weil, Gotshal & Manges LLP" in people
    )
    assert "    martin-glenn:\n      name: Martin Glenn\n      role: United States Bankruptcy Judge" in people


def test_the_text_is_confirmed_not_edited_here(imported: Path) -> None:
    out = review(imported, script_for(imported, {"body": ["e", "a"]}))
    assert "(to change the letter's text, edit it in the file, below the front matter)" in out
    assert "'e' is not one of 'a', 's'" in out and "body: confirmed" in out
    assert "body" not in front(imported)["review"]


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
