"""`docket check`: every class of bad input is reported with file, line, field and fix."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from conftest import GOOD_LETTER
from docket_archive.cli import main


def run_check(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output.splitlines()


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def lines_about(output: list[str], relative: str) -> list[str]:
    return [line for line in output if line.startswith(f"letters/{relative}:")]


def assert_reported(letters_dir: Path, relative: str, text: str | bytes, line: int, field: str, words: str) -> str:
    write(letters_dir, relative, text)
    code, output = run_check(letters_dir)
    assert code == 1, output
    found = [entry for entry in lines_about(output, relative) if f":{line}: {field}:" in entry and words in entry]
    assert found, f"no '{relative}:{line}: {field}: ...{words}...' in:\n" + "\n".join(output)
    assert " — " in found[0], "every message says how to fix it"
    return found[0]


def test_a_good_letter_passes(letters_dir: Path) -> None:
    write(letters_dir, "alpha/2020-02-03-status.md", GOOD_LETTER)
    code, output = run_check(letters_dir)
    assert code == 0, output
    assert output[-1] == "1 letter, 2 cases, 12 people: no errors, no warnings"


def test_the_repository_archive_is_clean(repo_letters: Path) -> None:
    code, output = run_check(repo_letters)
    assert code == 0, output


def test_no_front_matter(letters_dir: Path) -> None:
    assert_reported(
        letters_dir,
        "alpha/2020-02-03-status.md",
        "Dear Judge:\n",
        1,
        "front matter",
        "does not start with front matter",
    )


def test_unterminated_front_matter(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("\n---\n\nDear", "\n\nDear")
    assert_reported(letters_dir, "alpha/2020-02-03-status.md", text, 1, "front matter", "never closed")


def test_malformed_yaml_reports_the_yaml_line(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("type: joint status letter", "type: [joint status letter")
    # Reported where the bracket opens (line 5), not where YAML gave up.
    line = assert_reported(
        letters_dir, "alpha/2020-02-03-status.md", text, 5, "front matter", "opened here is not closed"
    )
    assert "end it with ]" in line


def test_duplicate_key(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("delivery: ECF\n", "delivery: ECF\ndelivery: FedEx\n")
    line = assert_reported(letters_dir, "alpha/2020-02-03-status.md", text, 15, "delivery", "'delivery' is given twice")
    assert "first on line 14" in line


def test_missing_required_field(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("summary: SYNTHETIC TEST LETTER.\n", "")
    assert_reported(letters_dir, "alpha/2020-02-03-status.md", text, 2, "summary", "required field is missing")


def test_wrong_type(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("sequence: 1", "sequence: first")
    line = assert_reported(letters_dir, "alpha/2020-02-03-status.md", text, 6, "sequence", "must be a whole number")
    assert "sequence: 6" in line  # the fix shows an example


def test_impossible_date(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("next_report_due: 2020-02-17", "next_report_due: 2020-02-30")
    assert_reported(letters_dir, "alpha/2020-02-03-status.md", text, 17, "next_report_due", "not a real date")


def test_file_name_date_differs_from_front_matter(letters_dir: Path) -> None:
    line = assert_reported(
        letters_dir, "alpha/2020-02-04-status.md", GOOD_LETTER, 3, "date", "differs from the date 2020-02-04"
    )
    assert "2020-02-03-status.md" in line  # suggests the right name


def test_unknown_case(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("case: alpha", "case: gamma")
    line = assert_reported(letters_dir, "alpha/2020-02-03-status.md", text, 4, "case", "unknown case 'gamma'")
    assert "alpha, beta" in line


def test_unknown_person(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("person: Devon Mockridge", "person: Devon Mockrige")
    line = assert_reported(
        letters_dir,
        "alpha/2020-02-03-status.md",
        text,
        12,
        "the first cc recipient's person",
        "unknown person 'Devon Mockrige'",
    )
    assert "did you mean" in line


def test_two_letters_with_the_same_id(letters_dir: Path) -> None:
    # The usual way: last month's letter copied as a template, its id kept.
    first = GOOD_LETTER.replace("title: First", "id: alpha/2020-02-03-status\ntitle: First")
    write(letters_dir, "alpha/2020-02-03-status.md", first)
    second = first.replace("2020-02-03", "2020-02-17").replace(
        "id: alpha/2020-02-17-status", "id: alpha/2020-02-03-status"
    )
    assert_reported(letters_dir, "alpha/2020-02-17-status.md", second, 1, "id", "same id 'alpha/2020-02-03-status'")


def test_file_outside_the_naming_convention(letters_dir: Path) -> None:
    line = assert_reported(
        letters_dir, "alpha/June 22 letter.md", GOOD_LETTER, 1, "file", "outside the naming convention"
    )
    assert "YYYY-MM-DD-slug.md" in line


def test_non_utf8_file(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("The parties report", "The parties r\u00e9port").encode("latin-1")
    assert_reported(letters_dir, "alpha/2020-02-03-status.md", text, 22, "file", "not UTF-8")


def test_binary_file(letters_dir: Path) -> None:
    assert_reported(letters_dir, "alpha/2020-02-03-status.md", b"%PDF-1.4\n\x00\x01\x02", 2, "file", "binary file")


def test_invisible_and_control_characters_are_named(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace("delivery: ECF", "delivery:\u00a0ECF").replace(
        "The parties report", "The \x1b[2Jparties report"
    )
    line = assert_reported(letters_dir, "alpha/2020-02-03-status.md", text, 14, "front matter", "non-breaking space")
    assert "retype" in line
    _, output = run_check(letters_dir)
    [control] = [entry for entry in output if ":22: text:" in entry]
    assert "control character (\\x1b)" in control and "\x1b" not in control  # named, never printed raw


def test_noncharacters_above_u_ffff_are_found_in_the_text_and_the_fields(letters_dir: Path) -> None:
    # The quick pass over a whole text leaves such code points to the line-by-line checks (see
    # formats/characters.py): an emoji beside them must not hide them, and plain text stays clean.
    text = GOOD_LETTER.replace("The parties report", "The \U0001f600 parties \U0010ffff report")
    assert_reported(letters_dir, "alpha/2020-02-03-status.md", text, 22, "text", "U+10FFFF")
    field = GOOD_LETTER.replace("title: First status letter", "title: First \U0001f600 status \U0001fffe letter")
    assert_reported(letters_dir, "alpha/2020-02-03-status.md", field, 2, "front matter", "U+1FFFE")
    emoji_only = GOOD_LETTER.replace("The parties report", "The \U0001f600 parties report")
    write(letters_dir, "alpha/2020-02-03-status.md", emoji_only)
    code, output = run_check(letters_dir)
    assert code == 0, output


def test_every_problem_is_reported_in_one_run(letters_dir: Path) -> None:
    write(letters_dir, "alpha/2020-02-03-status.md", GOOD_LETTER.replace("sequence: 1", "sequence: one"))
    write(
        letters_dir,
        "alpha/2020-03-02-status.md",
        GOOD_LETTER.replace("2020-02-03", "2020-03-02").replace("case: alpha", "case: nowhere"),
    )
    write(letters_dir, "beta/notes.txt", "scratch")
    write(letters_dir, "beta/2020-04-01-status.md", "no front matter\n")
    code, output = run_check(letters_dir)
    assert code == 1
    files = {entry.split(":", 1)[0] for entry in output if entry.startswith("letters/")}
    assert files == {
        "letters/alpha/2020-02-03-status.md",
        "letters/alpha/2020-03-02-status.md",
        "letters/beta/notes.txt",
        "letters/beta/2020-04-01-status.md",
    }
    reported = [entry for entry in output if entry.startswith("letters/")]
    assert f"{len(reported)} errors" in output[-1]
    assert output[-1].startswith("no letters yet (3 have errors), 2 cases")


def test_missing_reference_is_a_warning_not_an_error(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace(
        "next_report_due",
        "references:\n  letters:\n    - text: the letter dated January 6, 2020\n      date: 2020-01-06\nnext_report_due",
    )
    write(letters_dir, "alpha/2020-02-03-status.md", text)
    code, output = run_check(letters_dir)
    assert code == 0
    assert any(":19: warning: references, letters:" in entry and "not in the archive" in entry for entry in output), (
        output
    )


def test_an_alias_resolves_to_its_person(repo_letters: Path) -> None:
    from docket_archive.load.archive import load_archive

    archive, _ = load_archive(repo_letters)
    assert (
        archive.find_person("Adam P. Storchak")
        == archive.find_person("Adam P. Strochak")
        == archive.people["adam-strochak"]
    )


def test_wrong_sha256_of_the_original(tmp_path: Path, repo_letters: Path) -> None:
    import shutil

    root = tmp_path / "letters"
    shutil.copytree(repo_letters, root)
    original = root / "lexington-precision/originals/2009-06-22-joint-status-letter.txt"
    original.write_text(original.read_text() + "tampered\n")
    code, output = run_check(root)
    assert code == 1
    assert any("original, sha256: does not match" in entry for entry in output), output


def test_a_comma_inside_braces_gets_a_precise_hint(letters_dir: Path) -> None:
    text = GOOD_LETTER.replace(
        "  - person: Devon Mockridge\n    via: e-mail", "  - {person: Devon Mockridge, Jr., via: e-mail}"
    )
    line = assert_reported(
        letters_dir, "alpha/2020-02-03-status.md", text, 12, "the first cc recipient's Jr.", "unknown field"
    )
    assert "in quotes" in line


def test_a_hidden_letter_file_is_reported_not_skipped(letters_dir: Path) -> None:
    write(letters_dir, "alpha/.gitkeep", "")
    write(letters_dir, "alpha/2020-02-03-status.md~", "editor backup")
    assert_reported(letters_dir, "alpha/.2020-02-03-status.md", GOOD_LETTER, 1, "file", "hidden file")
    _, output = run_check(letters_dir)
    assert not any(".gitkeep" in line or ".md~" in line for line in output)
