"""The contributor guide shows what the commands really print: its examples are run
again here, in a copy of the repository's archive, and must print the lines the guide
shows (a line the guide cuts short, at `…`, is compared up to the cut)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from docket_archive.cli import main

GUIDE = (REPO / "docs" / "contributing.md").read_text("utf-8")
LETTER = "letters/lexington-precision/2009-06-22-joint-status-letter.md"


def block(starting: str) -> list[str]:
    """The lines of the guide's ```text block that starts with `starting`."""
    found = re.search(r"```text\n(" + re.escape(starting) + r".*?)```", GUIDE, re.S)
    assert found, f"no example starting {starting!r} in the guide"
    return found.group(1).splitlines()


def printed(lines: list[str], output: str) -> None:
    """Every line the guide shows is printed (up to its cut); the guide's own notes ('… (29 more') aside."""
    real = output.splitlines()
    for line in lines:
        if line.startswith(("$ ", "  … (")):
            continue
        shown = line.split(" …")[0]
        assert any(out.startswith(shown) for out in real), f"the guide shows {line!r}, not printed:\n{output}"


@pytest.fixture
def archive(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(REPO / "letters", tmp_path / "letters")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.output


def test_the_checks_example_is_what_docket_check_prints(archive: Path) -> None:
    letter = archive / LETTER
    text = letter.read_text("utf-8")
    text = text.replace("date: 2009-06-22", "date: 2009-06-23", 1).replace("Paul Silverstein", "Paul Silverstien", 1)
    letter.write_text(text.replace("delivery: FedEx", "delivery: FedEx\ndelivery: hand", 1), "utf-8")
    printed(block("$ docket check\nletters/lexington-precision/2009-06-22-joint-status-letter.md:3:"), run("check"))


def test_the_import_review_check_example_is_what_the_commands_print(archive: Path) -> None:
    original = archive / "letters/lexington-precision/originals/2009-06-22-joint-status-letter.txt"
    source = archive / "2009-06-22-status-letter.txt"
    shutil.move(original, source)
    (archive / LETTER).unlink()
    (archive / "letters/lexington-precision/originals").rmdir()
    printed(block("$ docket import"), run("import", str(source)))
    printed(block("$ docket check\nletters/lexington-precision/2009-06-22-joint-status-letter.md:48:"), run("check"))
    review = block("$ docket review")
    typed = [m.group(2) for line in review if (m := re.search(r"(\[s\]|\(plain text\)): (\S.*)$", line))]
    shown = [line for line in review if not re.search(r"(\[s\]|\(plain text\)): ", line)]  # prompts: typed into
    printed(shown, run("review", LETTER, stdin="\n".join(typed) + "\n") + run("check"))


def test_the_docket_new_example_is_what_it_prints(archive: Path) -> None:
    command = re.search(r"```sh\n(docket new --case .*?)```", GUIDE, re.S).group(1)
    import shlex

    printed(block("letters/lexington-precision/2009-07-06"), run(*shlex.split(command.replace("\\\n", " "))[1:]))
