"""`docket check FILE...`: the given letters only, with the same messages and exit code as a full check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from chain_archive import ALPHA, BETA, THIRD, write_chain_archive
from conftest import GOOD_LETTER
from docket_archive.cli import main
from docket_archive.formats import schemas
from docket_archive.formats.safeyaml import load_located


def check(*paths: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", *map(str, paths)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output.splitlines()


def about(lines: list[str], root: Path, letter: Path) -> list[str]:
    """The full check's lines that concern `letter`: its own, and those across letters that name it."""
    shown = f"letters/{letter.relative_to(root).as_posix()}"
    return [line for line in lines if line.startswith(f"{shown}:") or (shown in line and "letters checked" not in line)]


def assert_same_as_full_check(root: Path, letter: Path) -> list[str]:
    _, full = check(root)
    code, partial = check(letter)
    assert partial[:-1] == about(full, root, letter), (partial, full)
    assert code == (1 if any(": warning: " not in line for line in partial[:-1]) else 0)
    assert partial[-1].startswith("1 of ") or code == 1, partial[-1]
    return partial


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    return write_chain_archive(tmp_path / "letters")


def test_each_letter_of_a_clean_archive_passes_with_the_full_checks_warnings(chain: Path) -> None:
    for stem in ALPHA:
        assert_same_as_full_check(chain, chain / "alpha" / f"{stem}.md")
    code, lines = check(chain / "alpha" / f"{THIRD}.md")
    # Its reference to the second letter is found in the index; the unarchived one warns.
    assert code == 0 and len(lines) == 2 and "December 2, 2019" in lines[0] and ": warning: " in lines[0]
    assert lines[-1] == "1 of 5 letters checked, 2 cases, 12 people: no errors, 1 warning"


def test_a_broken_letter_fails_with_every_message_of_the_full_check(chain: Path) -> None:
    letter = chain / "beta" / "2021-03-02-status-letter.md"
    letter.write_text(
        GOOD_LETTER.replace("date: 2020-02-03", "date: 2021-03-02")
        .replace("case: alpha", "case: beta")
        .replace("judge-testwood", "judge-nobody")
        .replace("sequence: 1", "sequence: one")
    )
    lines = assert_same_as_full_check(chain, letter)
    assert len(lines) >= 3 and "unknown person 'judge-nobody'" in "\n".join(lines)


def test_a_repeated_id_is_reported_whichever_of_the_two_is_given(chain: Path) -> None:
    letter = chain / "beta" / "2021-03-02-status-letter.md"
    text = GOOD_LETTER.replace("date: 2020-02-03", "date: 2021-03-02").replace("case: alpha", "case: beta")
    letter.write_text(text.replace("title:", f"id: beta/{BETA[0]}\ntitle:"))
    assert any("same id" in line for line in assert_same_as_full_check(chain, letter))
    earlier = chain / "beta" / f"{BETA[0]}.md"  # the full check prints it on the later letter only
    code, lines = check(earlier)
    assert code == 1 and any("same id" in line and str(letter.name) in line for line in lines)


@pytest.mark.parametrize("first", ["above", "inside"])
def test_a_letter_given_from_inside_the_letters_folder_is_checked_as_the_whole_folder(
    chain: Path, first: str, monkeypatch
) -> None:
    """From inside letters/ (`docket check beta/x.md`) the letters folder is `.`, which lists its
    files as ./beta/x.md: the given letter is still left out of the index of the others (not
    counted twice, not a letter repeating its own number), and the others are named as from there
    even where the index was written by a check run from above."""
    letter = chain / "beta" / "2021-03-02-status-letter.md"
    text = GOOD_LETTER.replace("date: 2020-02-03", "date: 2021-03-02").replace("case: alpha", "case: beta")
    letter.write_text(text.replace("title:", f"id: beta/{BETA[0]}\ntitle:"))
    if first == "above":
        monkeypatch.chdir(chain.parent)
        check(Path("letters") / "beta" / letter.name)  # the index, written with letters/... names
    monkeypatch.chdir(chain)
    _, full = check(Path("."))
    code, partial = check(Path("beta") / letter.name)
    shown = f"beta/{letter.name}"
    assert partial[:-1] == [line for line in full if line.startswith(f"{shown}:") or shown in line], (partial, full)
    assert code == 1 and any(f"same id 'beta/{BETA[0]}': beta/{BETA[0]}.md" in line for line in partial), partial
    assert partial[-1].startswith("1 of 6 letters checked"), partial[-1]


def test_a_reference_finds_a_letter_of_another_folder_filed_in_two_cases(chain: Path) -> None:
    both = chain / "beta" / "2021-03-08-status-letter.md"
    text = GOOD_LETTER.replace("date: 2020-02-03", "date: 2021-03-08").replace("sequence: 1", "sequence: 9")
    both.write_text(text.replace("case: alpha", "case:\n  - beta\n  - alpha"))
    citing = chain / "alpha" / "2021-03-09-status-letter.md"
    reference = "references:\n  letters:\n    - text: the letter of March 8\n      date: '2021-03-08'\n"
    citing.write_text(
        GOOD_LETTER.replace("date: 2020-02-03", "date: 2021-03-09")
        .replace("sequence: 1", "sequence: 10")
        .replace("tags:", reference + "tags:")
    )
    lines = assert_same_as_full_check(chain, citing)
    assert lines == ["1 of 7 letters checked, 2 cases, 12 people: no errors, no warnings"]


def test_a_repeated_sequence_number_warns_like_the_full_check(chain: Path) -> None:
    letter = chain / "alpha" / "2020-03-02-status-letter.md"
    letter.write_text(GOOD_LETTER.replace("date: 2020-02-03", "date: 2020-03-02").replace("sequence: 1", "sequence: 2"))
    lines = assert_same_as_full_check(chain, letter)
    assert any("also joint status letter no. 2" in line for line in lines)


def test_files_outside_the_naming_convention_are_reported_as_in_the_full_check(chain: Path) -> None:
    misnamed = chain / "alpha" / "Status Letter.md"
    misnamed.write_text(GOOD_LETTER)
    page = chain / "alpha" / "originals" / "scan.html"
    page.write_text("<script></script>")
    hidden = chain / "alpha" / ".drafts" / "2020-03-02-status-letter.md"
    hidden.parent.mkdir()
    hidden.write_text(GOOD_LETTER)
    for path in (misnamed, page, hidden):
        _, full = check(chain)
        code, lines = check(path)
        assert code == 1 and lines[:-1] == about(full, chain, path) and len(lines) == 2, lines


def test_a_missing_file_is_an_error(chain: Path) -> None:
    code, lines = check(chain / "alpha" / "2020-05-05-gone.md")
    assert (
        code == 1
        and lines[0]
        == "letters/alpha/2020-05-05-gone.md:1: file: does not exist — check the path; `docket check` alone checks every letter"
    )


def test_a_registry_or_a_folder_checks_the_whole_archive(chain: Path) -> None:
    for path in (chain / "people.yml", chain / "alpha" / "case.yml", chain):
        code, lines = check(path)
        assert code == 0 and lines[-1].startswith("5 letters, 2 cases"), lines


def test_a_check_of_plain_letters_imports_neither_markdown_it_nor_the_search_package(chain: Path) -> None:
    """The pre-commit hook's usual case parses no Markdown and checks no standing search: their
    imports (a fiftieth of the command) wait for their first use. In a fresh interpreter, since
    this one has imported both; a letter whose text is Markdown still gets the parser."""
    script = (
        "import sys\n"
        "from docket_archive.cli import main\n"
        "try:\n"
        "    main(['check', *sys.argv[1:]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith('markdown_it')}),\n"
        "      sorted(m for m in sys.modules if m.startswith('docket_archive.search')))\n"
    )
    letters = [str(chain / "alpha" / f"{stem}.md") for stem in ALPHA]
    plain = subprocess.run([sys.executable, "-c", script, *letters], capture_output=True, text=True, check=True)
    assert plain.stdout.splitlines()[-1] == "[] []", plain.stdout
    marked = chain / "alpha" / f"{ALPHA[0]}.md"
    marked.write_text(marked.read_text().replace("Dear Judge Testwood:", "Dear *Judge* <b>Testwood</b>:"))
    parsed = subprocess.run([sys.executable, "-c", script, str(marked)], capture_output=True, text=True, check=True)
    assert parsed.stdout.splitlines()[-1] == "['markdown_it'] []", parsed.stdout


def test_the_fast_schema_validator_never_passes_what_jsonschema_refuses() -> None:
    front = GOOD_LETTER.split("---\n")[1]
    variants = [
        front,
        front.replace("2020-02-03", "2020-02-30"),
        front.replace("2020-02-03", "2020-2-3"),
        front.replace("sequence: 1", "sequence: 0"),
        front.replace("sequence: 1", "sequence: true"),
        front.replace("sequence: 1", "sequence: 1.5"),
        front.replace("tags: [mediation]", "tags: [Mediation, mediation]"),
        front.replace("tags: [mediation]", "tags: []"),
        front + "1: numbered key\n",
        front + "extra: field\n",
        front.replace("    via: e-mail", "    name: All Counsel"),
        front.replace("case: alpha", "case: [alpha, alpha]"),
    ]
    for text in variants:
        located = load_located(text, "x.md", 2)
        slow = list(schemas._validator("letter").iter_errors(located.data))
        assert schemas._surely_valid("letter", located.data) == (not slow), text


def test_a_letter_checked_from_inside_its_case_folder_is_checked_as_from_the_project(
    chain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paralegal in letters/beta/ runs `docket check the-letter.md`: the archive is found above,
    and the messages name the files as a check from the project's folder does."""
    letter = chain / "beta" / f"{BETA[0]}.md"
    letter.write_text(letter.read_text().replace("title:", "sequence: x\ntitle:", 1))  # an error to be reported
    monkeypatch.chdir(chain.parent)
    expected = check(Path("letters") / "beta" / letter.name)
    assert expected[0] == 1 and "letters/beta/" in expected[1][0], expected
    monkeypatch.chdir(chain / "beta")
    assert check(Path(letter.name)) == expected
    monkeypatch.chdir(chain)
    assert check(Path("beta") / letter.name)[0] == 1
