"""`docket new`: a complete letter file that passes `docket check` once its text is in."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from docket_archive.authoring.draft import ASKED, NOT_ASKED, schema_fields
from docket_archive.cli import main, new
from docket_archive.formats.letterfile import FIELD_ORDER

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


def test_options_follow_the_schema() -> None:
    """Issue #8: the schema, the file's field order and `docket new`'s options cannot drift apart."""
    fields = schema_fields()
    assert set(ASKED).isdisjoint(NOT_ASKED) and set(ASKED) | set(NOT_ASKED) == set(fields)
    assert [name for name, _ in FIELD_ORDER] == fields
    without_title = [name for name in fields if name in ASKED and name != "title"]
    assert [name for name in ASKED if name != "title"] == without_title
    options = [flag for param in new.params for flag in param.opts]
    assert set(ASKED.values()) <= set(options)
    positions = [options.index(flag) for flag in ASKED.values()]
    assert positions == sorted(positions)  # `docket new --help` lists them in the same order
    # The site's form asks for the same fields.
    form = (Path(__file__).parent.parent / "docs" / "add-letter.md").read_text("utf-8")
    assert sorted(re.findall(r'data-field="([a-z_]+)"', form)) == sorted(ASKED)


# Every prompt in order, with wrong answers that are explained and asked again.
ANSWERS = [
    "2020-02-30",  # date: no such day
    "7/6/2020",  # read as 2020-07-06...
    "y",  # ...confirmed
    "gamma",  # case: unknown
    "1",  # case: alpha
    "joint status letter",  # type: no letter in the case yet, so none is offered
    "",  # title: the default
    "four",  # sequence: not a number
    "4",
    "Casey Fixtur",  # author: a typo
    "Casey Fixture",
    "",  # no other author
    "",  # firm: the registry's
    "the parties",  # on behalf of
    "",  # addressee: the judge
    "",  # no other addressee
    "Devon Mockridge",  # cc
    "",  # how sent: e-mail
    "finley-dummett-5",  # another cc
    "first-class mail",
    "",  # no more copies
    "ECF",  # delivery
    "SYNTHETIC TEST LETTER: the parties report \u201cno change\u201d.",  # summary, pasted from Word
    "Mediation, plan financing",  # topics
    "2020-01-06",  # an earlier letter referred to
    "the letter of January 6, 2020",
    "",  # no more letters
    "2020-01-15",  # a court order referred to
    "the Court's January 15, 2020 order",
    "Order regarding mediation",
    "",  # no more orders
    "July 20, 2020",  # next report due
    "y",
    "Dear Judge Testwood:",  # the text, pasted
    "",
    "\tSYNTHETIC TEST LETTER.\u00a0The parties report.",
    ".",
]


def test_every_prompt_checks_its_answer_and_asks_again(letters_dir: Path) -> None:
    result = run("new", "--letters", str(letters_dir), "--interactive", stdin="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "'2020-02-30' is not a date" in out and "read as 2020-07-06 (Monday, July 6, 2020): right?" in out
    assert "1. alpha: In re Alpha (Synthetic)" in out and "unknown case 'gamma'" in out
    assert "'four' is not a whole number" in out
    assert "unknown person 'Casey Fixtur': did you mean casey-fixture-2?" in out
    path = letters_dir / "alpha" / "2020-07-06-joint-status-letter.md"
    text = path.read_text("utf-8")
    for line in (
        "title: Joint status letter of July 6, 2020",
        "sequence: 4",
        "- person: casey-fixture-2",
        "firm: Sample, Test & Co.",
        "on_behalf_of:\n  - the parties",
        "addressee: judge-testwood",
        "via: e-mail",
        "via: first-class mail",
        "delivery: ECF",
        'SYNTHETIC TEST LETTER: the parties report "no change".',
        "tags: [mediation, plan-financing]",
        "text: the letter of January 6, 2020",
        "title: Order regarding mediation",
        "next_report_due: 2020-07-20",
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. The parties report.\n",
    ):
        assert line in text, line
    check = run("check", str(letters_dir))
    assert check.exit_code == 0, check.output


def test_a_wrong_option_is_asked_again_in_a_terminal(letters_dir: Path) -> None:
    flags = [f if f != "Casey Fixture" else "Casey Fixtur" for f in FLAGS]
    result = run(
        "new", "--letters", str(letters_dir), *flags, "--interactive", stdin="\ncasey-fixture-2\n" + "\n" * 6 + ".\n"
    )
    assert result.exit_code == 0, result.output
    assert "unknown person 'Casey Fixtur': did you mean casey-fixture-2?" in result.output
    assert "person: casey-fixture-2" in (letters_dir / "alpha" / "2020-03-02-joint-status-letter.md").read_text()


def test_nothing_docket_check_would_reject_is_written(letters_dir: Path, monkeypatch) -> None:
    from docket_archive.authoring import draft as scaffold

    # A scaffold bug that adds a field the schema does not know: the checks refuse it.
    render = scaffold.render
    monkeypatch.setattr(scaffold, "render", lambda draft: render(draft).replace("title:", "titel: x\ntitle:", 1))
    result = run("new", "--letters", str(letters_dir), *FLAGS)
    assert result.exit_code == 1
    assert "would not pass `docket check`" in result.output and "Nothing was written." in result.output
    assert not list(letters_dir.rglob("*.md"))


def test_several_addressees(letters_dir: Path) -> None:
    result = run(
        "new", "--letters", str(letters_dir), *FLAGS, "--addressee", "Judge Testwood", "--addressee", "alex-testwood-0"
    )
    assert result.exit_code == 0, result.output
    text = (letters_dir / "alpha" / "2020-03-02-joint-status-letter.md").read_text()
    assert "addressee: [judge-testwood, alex-testwood-0]" in text


# A letter whose author, judge and case are all new to the archive, added from inside the questions.
NEW_EVERYTHING = [
    "July 6, 2020",  # date
    "y",
    "99-10003",  # case: a number the archive does not have
    "new",  # ... added as a new case
    "gamma",  # its short name
    "",  # its number: as typed, 99-10003
    "In re Gamma (Synthetic)",  # caption
    "Bankruptcy Court S.D. New York",  # court: not a name courts-db has...
    "nysb",  # ... its id then
    "Pat Judgesen",  # judge: someone new
    "new",
    "",  # firm: none
    "United States Bankruptcy Judge",  # role
    "letter motion",  # type
    "",  # title: the default
    "",  # sequence: none
    "Robin Newcomb",  # author: someone new
    "Robin Newcomb",  # ... typed again
    "new",  # ... then added
    "Newcomb Synthetic LLP",
    "",  # role: attorney
    "",  # no other author
    "",  # firm: theirs
    "",  # on behalf of: nobody said
    "",  # addressee: the new case's judge
    "",  # no other addressee
    "",  # no copies
    "",  # delivery
    "SYNTHETIC TEST LETTER: a letter motion in a new case.",
    "",  # topics
    "",  # no letter referred to
    "",  # no order referred to
    "tomorrow",  # next report due: not a date...
    "within 30 days",  # ... as the letter says it: counted from July 6, 2020
    "y",
    "Dear Judge Judgesen:",
    "SYNTHETIC TEST LETTER, not a real court filing.",
    ".",
]


def test_someone_new_and_a_new_case_are_added_from_inside_the_questions(letters_dir: Path) -> None:
    people_before = (letters_dir / "people.yml").read_text()
    result = run("new", "--letters", str(letters_dir), "--interactive", stdin="\n".join(NEW_EVERYTHING) + "\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "unknown case '99-10003'" in out and "or 'new' to add 99-10003 as a new case" in out
    assert "'Bankruptcy Court S.D. New York' is not a court in courts-db" in out
    assert (
        "unknown person 'Robin Newcomb'" in out and "Robin Newcomb is robin-newcomb: added to letters/people.yml" in out
    )
    assert "'tomorrow' is not a date: write it as 2009-07-06 or July 6, 2009, or as the letter says it" in out
    assert "Unknown string format" not in out  # dateutil's words are not shown
    assert "read as 2020-08-05 (Wednesday, August 5, 2020): right?" in out
    assert f"created {letters_dir}/gamma/case.yml" in out and f"updated {letters_dir}/people.yml" in out
    letter = (letters_dir / "gamma" / "2020-07-06-letter-motion.md").read_text()
    for line in ("case: gamma", "- person: robin-newcomb", "firm: Newcomb Synthetic LLP", "addressee: pat-judgesen",
                 "next_report_due: 2020-08-05"):  # fmt: skip
        assert line in letter, line
    case = (letters_dir / "gamma" / "case.yml").read_text()
    assert "number: 99-10003\ncaption: In re Gamma (Synthetic)\ncourt: nysb\njudge: pat-judgesen\n" in case
    people = (letters_dir / "people.yml").read_text()
    assert people.startswith(people_before.rstrip("\n"))  # every byte kept; the new people below
    assert "pat-judgesen:\n  name: Pat Judgesen\n  role: United States Bankruptcy Judge\n" in people
    assert "robin-newcomb:\n  name: Robin Newcomb\n  role: attorney\n  firm: Newcomb Synthetic LLP\n" in people
    check = run("check", str(letters_dir))
    assert check.exit_code == 0, check.output


def test_a_case_is_found_by_any_spelling_of_its_number(letters_dir: Path) -> None:
    flags = list(FLAGS)
    flags[flags.index("alpha")] = "99-10001"  # the registry has "99-10001 (PT)"
    result = run("new", "--letters", str(letters_dir), *flags)
    assert result.exit_code == 0, result.output
    assert (letters_dir / "alpha" / "2020-03-02-joint-status-letter.md").is_file()


def test_the_next_report_date_as_the_letter_says_it(letters_dir: Path) -> None:
    result = run("new", "--letters", str(letters_dir), *FLAGS, "--next-report-due", "in two weeks")
    assert result.exit_code == 0, result.output
    assert "next_report_due: 2020-03-16" in (letters_dir / "alpha" / "2020-03-02-joint-status-letter.md").read_text()
    wrong = run("new", "--letters", str(letters_dir), *FLAGS, "--slug", "other", "--next-report-due", "tomorrow")
    assert wrong.exit_code == 1
    assert "--next-report-due: 'tomorrow' is not a date" in wrong.output and "Unknown string format" not in wrong.output
