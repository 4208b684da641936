"""Issue 9, class 4: resource abuse.

Each hostile file is checked by `docket check` (and rendered by `docket
build`) in a child process with a memory limit and a timeout: a YAML alias
bomb, thousands of nested brackets, a 450 KB line, a front matter of
megabytes. The command must come back within the timeout, within the memory,
without a traceback, and (for what a letter never needs) with a problem that
names the file.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from docket_archive import synthetic
from hostile import archive_with_a_letter

TIMEOUT = 30  # seconds: generous for a machine under load; the defended check takes about one
MEMORY = 768 * 2**20  # bytes of address space: a normal check uses under 100 MB

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def docket(*args: str) -> tuple[int, str]:
    """`docket ARGS` in a child process with the memory limit; a hang fails the test."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "docket_archive.cli", *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            preexec_fn=_limit,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"docket {args[0]} did not come back within {TIMEOUT} s", pytrace=False)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert "MemoryError" not in output and "RecursionError" not in output, output[-3000:]
    return result.returncode, output


def letter_with(root: Path, front_text: str, body: str = "Dear Judge Testwood:\n") -> Path:
    """A letter of case alpha whose front matter is `front_text` verbatim."""
    archive_with_a_letter(root)
    path = root / "alpha" / "2020-03-02-hostile.md"
    path.write_text(f"---\n{front_text}\n---\n\n{body}", "utf-8")
    return path


GOOD_FRONT = (
    synthetic.letter_text(
        {
            "title": "Status letter",
            "date": "2020-03-02",
            "case": "alpha",
            "type": "joint status letter",
            "authors": [{"person": "casey-fixture-2"}],
            "addressee": "judge-testwood",
            "summary": f"{synthetic.MARK}",
        },
        "",
    )
    .strip()
    .strip("-")
    .strip()
)


def test_an_alias_bomb_in_a_letter_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    letter_with(root, GOOD_FRONT + "\n" + BOMB.replace("a:", "review:", 1))
    code, output = docket("check", str(root))
    assert code == 1
    assert "2020-03-02-hostile.md:" in output


def test_an_alias_bomb_in_the_people_registry_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    archive_with_a_letter(root)
    people = root / "people.yml"
    bomb = "".join(f"    {line}\n" for line in BOMB.splitlines())
    people.write_text(people.read_text("utf-8") + f"zz-bomb:\n  name: Bomb\n  sort_as:\n{bomb}", "utf-8")
    code, output = docket("check", str(root))
    assert code == 1
    assert "people.yml:" in output


@pytest.mark.parametrize("brackets", ["[", "{"])
def test_thousands_of_nested_brackets_in_the_front_matter(tmp_path: Path, brackets: str) -> None:
    closing = {"[": "]", "{": "}"}[brackets]
    root = tmp_path / "letters"
    nested = brackets * 5000 + closing * 5000
    letter_with(root, GOOD_FRONT.replace("title: Status letter", f"title: {nested}"))
    code, output = docket("check", str(root))
    assert code == 1
    assert "2020-03-02-hostile.md:" in output


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("> " * 5000 + "deep", id="nested quotes"),
        pytest.param("[" * 5000 + "x" + "]" * 5000, id="nested brackets"),
        pytest.param("<div>" * 5000 + "x" + "</div>" * 5000, id="nested divs"),
        pytest.param("*" * 5000 + "x" + "*" * 5000, id="emphasis run"),
        pytest.param("- " * 3000 + "x", id="nested lists"),
    ],
)
def test_deeply_nested_letter_text_is_checked_and_rendered(tmp_path: Path, body: str) -> None:
    # Text, not front matter: either published or refused naming the file, never a crash.
    root = tmp_path / "letters"
    letter_with(root, GOOD_FRONT, f"Dear Judge Testwood:\n\n{synthetic.MARK}\n\n{body}\n")
    code, output = docket("check", str(root))
    assert code == 0 or "2020-03-02-hostile.md:" in output
    code, output = docket(
        "build", "--out", str(tmp_path / "out"), "--letters", str(root), "--docs", str(tmp_path / "none")
    )
    assert code == 0 or "2020-03-02-hostile.md:" in output


LONG_LINES = {
    # what makes a backtracking pattern slow: many starts, each scanning to the end
    "tag openings": "<a on" * 90_000,
    "words with spaces": "a " * 225_000,
    "javascript-like": "javascript " * 41_000,
    "brackets and parens": "[a](" * 112_500,
    "attribute lists": "{: " * 150_000,
}


@pytest.mark.parametrize("name", LONG_LINES)
def test_a_450_kb_line_of_text_comes_back_in_seconds(tmp_path: Path, name: str) -> None:
    root = tmp_path / "letters"
    letter_with(root, GOOD_FRONT, f"Dear Judge Testwood:\n\n{synthetic.MARK}\n\n{LONG_LINES[name]}\n")
    code, output = docket("check", str(root))
    assert code == 0 or "2020-03-02-hostile.md:" in output
    code, output = docket(
        "build", "--out", str(tmp_path / "out"), "--letters", str(root), "--docs", str(tmp_path / "none")
    )
    assert code == 0 or "2020-03-02-hostile.md:" in output


def test_a_450_kb_line_in_the_front_matter_is_refused_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    letter_with(root, GOOD_FRONT.replace("title: Status letter", "title: " + "a " * 225_000))
    line = 2 + GOOD_FRONT.split("\n").index("title: Status letter")
    code, output = docket("check", str(root))
    assert code == 1
    assert f"2020-03-02-hostile.md:{line}:" in output


def test_a_front_matter_of_megabytes_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    letter_with(root, GOOD_FRONT + "\n" + "# a comment line that an editor or a script repeated\n" * 200_000)
    code, output = docket("check", str(root))
    assert code == 1
    assert "2020-03-02-hostile.md:" in output
