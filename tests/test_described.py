"""A letter may describe someone (or its case) not in the registries yet: `new_people`, `new_case`.

This is what lets the site's form propose a letter in one file, from one
click, whoever it names: `docket check` accepts the description with a
warning, the site shows the person and the case, and a letter that describes
one otherwise than another letter, or someone already registered, is refused.
All names here are synthetic.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from docket_archive.cli import main
from docket_archive.load.archive import load_archive

NEW = """\
---
title: Status letter
date: 2020-03-02
case: gamma
type: status letter
authors:
  - person: Robin Newcomb
addressee: pat-judgeson
cc:
  - person: casey-fixture-2
summary: SYNTHETIC TEST LETTER.
new_people:
  robin-newcomb: {name: Robin Newcomb, firm: Newcomb Synthetic LLP}
  pat-judgeson: {name: Pat Judgeson, role: United States Bankruptcy Judge}
new_case:
  number: 99-10003 (PT)
  caption: In re Gamma (Synthetic)
  court: nysb
  judge: pat-judgeson
---

SYNTHETIC TEST LETTER, not a real court filing.
"""


def write(letters: Path, relative: str, text: str) -> Path:
    path = letters / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_a_letter_describing_a_new_person_and_case_passes_with_warnings(letters_dir: Path) -> None:
    write(letters_dir, "gamma/2020-03-02-status-letter.md", NEW)
    archive, problems = load_archive(letters_dir)
    assert [str(p) for p in problems.errors] == []
    warned = {p.field for p in problems.warnings}
    assert warned == {"new_people, robin-newcomb", "new_people, pat-judgeson", "new_case"}
    [letter] = archive.letters
    assert letter.authors[0].person == "robin-newcomb" and letter.authors[0].firm == "Newcomb Synthetic LLP"
    assert archive.people["robin-newcomb"].described_in == letter.source
    gamma = archive.cases["gamma"]
    assert (gamma.number, gamma.judge, gamma.court.id) == ("99-10003 (PT)", "pat-judgeson", "nysb")
    result = CliRunner().invoke(main, ["check", str(letters_dir)])
    assert result.exit_code == 0, result.output
    assert "Robin Newcomb is not in letters/people.yml yet: this letter describes them" in result.output


def test_checking_the_one_file_says_the_same(letters_dir: Path) -> None:
    path = write(letters_dir, "gamma/2020-03-02-status-letter.md", NEW)
    whole = CliRunner().invoke(main, ["check", str(letters_dir)])
    one = CliRunner().invoke(main, ["check", str(path)])
    assert one.exit_code == 0, one.output
    assert one.output.splitlines()[:-1] == whole.output.splitlines()[:-1]


def test_a_second_letter_of_the_new_case_must_describe_it_too(letters_dir: Path) -> None:
    write(letters_dir, "gamma/2020-03-02-status-letter.md", NEW)
    plain = (
        NEW.split("new_people:")[0]
        .replace("Robin Newcomb", "casey-fixture-2")
        .replace("pat-judgeson", "judge-testwood")
    )
    write(
        letters_dir, "gamma/2020-04-01-status-letter.md", plain.replace("2020-03-02", "2020-04-01") + "---\n\nText.\n"
    )
    _, problems = load_archive(letters_dir)
    [error] = problems.errors
    assert error.path.endswith("2020-04-01-status-letter.md") and "unknown case 'gamma'" in error.message
    assert "describe it in this letter under new_case" in error.hint


def test_someone_registered_cannot_be_described_again(letters_dir: Path) -> None:
    text = NEW.replace("robin-newcomb: {name: Robin Newcomb,", "robin-newcomb: {name: Casey Fixture,")
    write(
        letters_dir, "gamma/2020-03-02-status-letter.md", text.replace("person: Robin Newcomb", "person: robin-newcomb")
    )
    _, problems = load_archive(letters_dir)
    messages = [p.message for p in problems.errors]
    assert "Casey Fixture is already in letters/people.yml as Casey Fixture (casey-fixture-2)" in messages


def test_a_description_of_a_registered_key_gives_way_to_the_registry(letters_dir: Path) -> None:
    text = NEW.replace(
        "  robin-newcomb: {name: Robin Newcomb, firm: Newcomb Synthetic LLP}\n", "  casey-fixture-2: {name: Casey F.}\n"
    )
    write(
        letters_dir,
        "gamma/2020-03-02-status-letter.md",
        text.replace("person: Robin Newcomb", "person: casey-fixture-2"),
    )
    archive, problems = load_archive(letters_dir)
    assert problems.errors == []
    assert archive.people["casey-fixture-2"].name == "Casey Fixture"
    assert any(
        "'casey-fixture-2' is in letters/people.yml now (as Casey Fixture)" in p.message for p in problems.warnings
    )


def test_two_letters_describing_one_key_otherwise_are_refused(letters_dir: Path) -> None:
    write(letters_dir, "gamma/2020-03-02-status-letter.md", NEW)
    other = NEW.replace("2020-03-02", "2020-04-01").replace("Newcomb Synthetic LLP", "Another Synthetic LLP")
    write(letters_dir, "gamma/2020-04-01-status-letter.md", other)
    _, problems = load_archive(letters_dir)
    [error] = problems.errors
    assert error.path.endswith("2020-04-01-status-letter.md") and error.field == "new_people, robin-newcomb"
    assert "described otherwise in letters/gamma/2020-03-02-status-letter.md" in error.message


def test_the_same_description_in_two_letters_is_fine(letters_dir: Path) -> None:
    write(letters_dir, "gamma/2020-03-02-status-letter.md", NEW)
    write(letters_dir, "gamma/2020-04-01-status-letter.md", NEW.replace("2020-03-02", "2020-04-01"))
    archive, problems = load_archive(letters_dir)
    assert problems.errors == [] and len(archive.letters) == 2


def test_a_described_case_with_a_case_yml_gives_way_to_it(letters_dir: Path) -> None:
    text = NEW.replace("case: gamma", "case: alpha")
    write(letters_dir, "alpha/2020-03-02-status-letter.md", text)
    archive, problems = load_archive(letters_dir)
    assert problems.errors == [] and archive.cases["alpha"].described_in == ""
    assert any(p.message == "the case is in letters/alpha/case.yml now" for p in problems.warnings)


def test_a_wrong_court_or_judge_in_a_described_case_is_said_at_its_line(letters_dir: Path) -> None:
    text = NEW.replace("court: nysb", "court: nysx").replace("  judge: pat-judgeson", "  judge: Pat Judgesen")
    write(letters_dir, "gamma/2020-03-02-status-letter.md", text)
    _, problems = load_archive(letters_dir)
    shown = {(p.line, p.field, p.message) for p in problems.errors}
    assert (18, "new_case, court", "'nysx' is not a court id in courts-db") in shown
    assert (19, "new_case, judge", "unknown person 'Pat Judgesen'") in shown
