"""`docket new`: a complete letter file that passes `docket check` once its text is in."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from docket_archive.cli import main

FLAGS = [
    "--case",
    "alpha",
    "--date",
    "2020-03-02",
    "--type",
    "joint status letter",
    "--sequence",
    "4",
    "--author",
    "Casey Fixture",
    "--on-behalf-of",
    "the parties",
    "--cc",
    "devon-mockridge-3:e-mail",
    "--delivery",
    "ECF",
    "--tag",
    "mediation",
    "--summary",
    "SYNTHETIC TEST LETTER: the parties report.",
]


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_new_then_check_passes(letters_dir: Path) -> None:
    result = run("new", "--letters", str(letters_dir), *FLAGS)
    assert result.exit_code == 0, result.output
    path = letters_dir / "alpha" / "2020-03-02-joint-status-letter.md"
    assert str(path) in result.output
    text = path.read_text()
    assert "person: casey-fixture-2" in text and "addressee: judge-testwood" in text  # names resolved to keys
    assert "# next_report_due:" in text  # optional fields shown, commented out
    path.write_text(re.sub(r"<!-- Paste.*?-->", "SYNTHETIC TEST LETTER text.", text))
    check = run("check", str(letters_dir))
    assert check.exit_code == 0, check.output


def test_new_refuses_to_overwrite(letters_dir: Path) -> None:
    assert run("new", "--letters", str(letters_dir), *FLAGS).exit_code == 0
    path = letters_dir / "alpha" / "2020-03-02-joint-status-letter.md"
    path.write_text(re.sub(r"<!-- Paste.*?-->", "", path.read_text()) + "\nMy pasted text.\n")
    again = run("new", "--letters", str(letters_dir), *FLAGS)
    assert again.exit_code == 1 and "already exists; nothing was written" in again.output
    assert path.read_text().endswith("My pasted text.\n")


def test_unknown_case_lists_the_known_ones(letters_dir: Path) -> None:
    flags = ["--case" if f == "--case" else f for f in FLAGS]
    flags[1] = "gamma"
    result = run("new", "--letters", str(letters_dir), *flags)
    assert result.exit_code == 1
    assert (
        "unknown case 'gamma'" in result.output
        and "alpha (In re Alpha (Synthetic)" in result.output
        and "beta (" in result.output
    )
    assert not list(letters_dir.rglob("*.md"))


def test_unknown_author_and_bad_date_are_all_reported(letters_dir: Path) -> None:
    flags = list(FLAGS)
    flags[flags.index("Casey Fixture")] = "Casey Fixtur"
    flags[flags.index("2020-03-02")] = "2020-02-30"
    result = run("new", "--letters", str(letters_dir), *flags)
    assert result.exit_code == 1
    assert "unknown person 'Casey Fixtur'" in result.output and "did you mean casey-fixture-2" in result.output
    assert "'2020-02-30' is not a date" in result.output
    assert not list(letters_dir.rglob("*.md"))


def test_missing_flags_without_a_terminal_say_which(letters_dir: Path) -> None:
    result = run("new", "--letters", str(letters_dir), "--no-interactive", "--case", "alpha")
    assert result.exit_code == 2
    assert "missing --date, --type, --author, --summary" in result.output


def test_prompts_offer_the_registered_cases(letters_dir: Path) -> None:
    answers = "1\n2020-03-02\njoint status letter\n4\ncasey-fixture-2\nSYNTHETIC: the parties report.\nECF\n"
    result = run("new", "--letters", str(letters_dir), "--interactive", stdin=answers)
    assert result.exit_code == 0, result.output
    assert "1. alpha: In re Alpha (Synthetic)" in result.output
    text = (letters_dir / "alpha" / "2020-03-02-joint-status-letter.md").read_text()
    assert "sequence: 4" in text and "delivery: ECF" in text
