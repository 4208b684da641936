"""Issue 9, class 4: resource abuse.

Each hostile archive is checked by `docket check` (and, for letter text,
rendered by `docket build`) in a child process with a memory limit and a
limit on CPU time: a YAML alias bomb, thousands of nested brackets, a 450 KB line, a
front matter of megabytes. The command must come back within the CPU limit and
the memory, without a traceback, and (for what a letter never needs) with a
problem that names the file. All the children run at once, started by one
module fixture, so the suite waits for the slowest rather than for the sum.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import SEED
from docket_archive import synthetic
from hostile import archive_with_a_letter

# A hang is measured in CPU time, which a loaded machine does not stretch: the
# defended commands take at most about 10 s of CPU here (a 450 KB line of
# "[a](" costs markdown-it 3.4 s, linearly), a backtracking regex takes minutes.
CPU_SECONDS = 30
TIMEOUT = 600  # wall-clock backstop for all children together
MEMORY = 768 * 2**20  # bytes of address space per child: a normal check uses under 100 MB

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
GOOD_FRONT = (
    synthetic.letter_text(
        {
            "title": "Status letter",
            "date": "2020-03-02",
            "case": "alpha",
            "type": "joint status letter",
            "authors": [{"person": "casey-fixture-2"}],
            "addressee": "judge-testwood",
            "delivery": "ECF",
            "summary": f"{synthetic.MARK}",
        },
        "",
    )
    .strip()
    .strip("-")
    .strip()
)
TITLE_LINE = 2 + GOOD_FRONT.split("\n").index("title: Status letter")  # its line in the file

NESTED = {
    "nested-quotes": "> " * 5000 + "deep",
    "nested-brackets": "[" * 5000 + "x" + "]" * 5000,
    "nested-divs": "<div>" * 5000 + "x" + "</div>" * 5000,
    "emphasis-run": "*" * 5000 + "x" + "*" * 5000,
    "nested-lists": "- " * 3000 + "x",
}
LONG_LINES = {
    # what makes a backtracking pattern slow: many starts, each scanning to the end
    "tag-openings": "<a on" * 90_000,
    "words-with-spaces": "a " * 225_000,
    "brackets-and-parens": "[a](" * 112_500,
    "attribute-lists": "{: " * 150_000,
}


def letter_with(root: Path, front_text: str, body: str = "Dear Judge Testwood:\n", slug: str = "hostile") -> str:
    """A letter of case alpha whose front matter is `front_text` verbatim; its file name."""
    if not (root / "people.yml").exists():
        archive_with_a_letter(root)
    name = f"2020-03-02-{slug}.md"
    (root / "alpha" / name).write_text(f"---\n{front_text}\n---\n\n{body}", "utf-8")
    return name


def bomb_in_letter(root: Path) -> None:
    letter_with(root, GOOD_FRONT + "\n" + BOMB.replace("a:", "review:", 1))


def bomb_in_people(root: Path) -> None:
    archive_with_a_letter(root)
    people = root / "people.yml"
    bomb = "".join(f"    {line}\n" for line in BOMB.splitlines())
    people.write_text(people.read_text("utf-8") + f"zz-bomb:\n  name: Bomb\n  sort_as:\n{bomb}", "utf-8")


def brackets(opening: str, closing: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        letter_with(root, GOOD_FRONT.replace("title: Status letter", "title: " + opening * 5000 + closing * 5000))

    return make


def long_front_line(root: Path) -> None:
    letter_with(root, GOOD_FRONT.replace("title: Status letter", "title: " + "a " * 225_000))


def megabyte_front(root: Path) -> None:
    letter_with(root, GOOD_FRONT + "\n" + "# a comment line that an editor or a script repeated\n" * 200_000)


def texts(bodies: dict[str, str]) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        for slug, body in bodies.items():
            letter_with(root, GOOD_FRONT, f"Dear Judge Testwood:\n\n{synthetic.MARK}\n\n{body}\n", slug=slug)

    return make


def brackets_in_review(root: Path) -> None:
    letter_with(root, GOOD_FRONT + "\nreview:\n  title: " + "[" * 3000 + "]" * 3000)


# scenario -> (how to make its letters/, the commands to run on it)
SCENARIOS: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "bomb-in-letter": (bomb_in_letter, ("check", "review")),
    "bomb-in-people": (bomb_in_people, ("check", "import")),
    "brackets-in-review": (brackets_in_review, ("review",)),
    "nested-square-brackets": (brackets("[", "]"), ("check",)),
    "nested-curly-brackets": (brackets("{", "}"), ("check",)),
    "long-front-line": (long_front_line, ("check",)),
    "megabyte-front": (megabyte_front, ("check",)),
    "nested-text": (texts(NESTED), ("check", "build")),
    "long-text-lines": (texts(LONG_LINES), ("check", "build")),
}


@dataclass
class Run:
    code: int | None  # None: killed at the timeout
    output: str


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[str, str], Run]:
    """Every scenario's commands, run at once in limited child processes."""
    started = {}
    for name, (make, commands) in SCENARIOS.items():
        tmp = tmp_path_factory.mktemp(name)
        make(tmp / "letters")
        for command in commands:
            args = ["check", str(tmp / "letters")]
            if command == "review":
                args = ["review", "--list", str(tmp / "letters" / "alpha" / "2020-03-02-hostile.md")]
            if command == "import":
                args = ["import", str(SEED), "--letters", str(tmp / "letters"), "--case", "alpha", "--dry-run"]
            if command == "build":
                args = [
                    "build",
                    "--out",
                    str(tmp / "out"),
                    "--letters",
                    str(tmp / "letters"),
                    "--docs",
                    str(tmp / "none"),
                ]
            started[name, command] = subprocess.Popen(
                [sys.executable, "-m", "docket_archive", *args],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                preexec_fn=_limit,  # the limit applies to the child only
            )
    deadline = time.monotonic() + TIMEOUT
    results = {}
    for key, process in started.items():
        try:
            output, _ = process.communicate(timeout=max(deadline - time.monotonic(), 0.1))
            results[key] = Run(process.returncode, output)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            results[key] = Run(None, output)
    return results


def came_back(runs: dict[tuple[str, str], Run], name: str, command: str = "check") -> Run:
    run = runs[name, command]
    if run.code is None or run.code in (-signal.SIGXCPU, -signal.SIGKILL):
        pytest.fail(f"docket {command} on {name} used more than {CPU_SECONDS} s of CPU: it hangs", pytrace=False)
    assert "Traceback" not in run.output, run.output[-3000:]
    assert "MemoryError" not in run.output and "RecursionError" not in run.output, run.output[-3000:]
    return run


@pytest.mark.parametrize("name", ["bomb-in-letter", "bomb-in-people"])
def test_an_alias_bomb_is_refused(runs, name: str) -> None:
    run = came_back(runs, name)
    assert run.code == 1
    assert ("2020-03-02-hostile.md:" if name == "bomb-in-letter" else "people.yml:") in run.output, run.output


@pytest.mark.parametrize("name", ["nested-square-brackets", "nested-curly-brackets"])
def test_thousands_of_nested_brackets_in_the_front_matter_are_refused(runs, name: str) -> None:
    run = came_back(runs, name)
    assert run.code == 1
    assert "2020-03-02-hostile.md:" in run.output, run.output


def test_a_450_kb_line_in_the_front_matter_is_refused_at_its_line(runs) -> None:
    run = came_back(runs, "long-front-line")
    assert run.code == 1
    assert f"2020-03-02-hostile.md:{TITLE_LINE}:" in run.output, run.output[:3000]


def test_a_front_matter_of_megabytes_is_refused(runs) -> None:
    run = came_back(runs, "megabyte-front")
    assert run.code == 1
    assert "2020-03-02-hostile.md:" in run.output, run.output[:3000]


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("name, bodies", [("nested-text", NESTED), ("long-text-lines", LONG_LINES)])
def test_hostile_letter_text_is_published_or_refused_in_seconds(runs, command: str, name: str, bodies: dict) -> None:
    # Text, not front matter: each letter is published or refused naming its file, never a crash.
    run = came_back(runs, name, command)
    if run.code != 0:  # a refusal names the letter it refuses
        named = [slug for slug in bodies if f"2020-03-02-{slug}.md" in run.output]
        assert named, f"docket {command} failed without naming a letter:\n{run.output[-3000:]}"


@pytest.mark.parametrize(
    "name, command", [("bomb-in-letter", "review"), ("brackets-in-review", "review"), ("bomb-in-people", "import")]
)
def test_review_and_import_refuse_bombs_in_what_they_read(runs, name: str, command: str) -> None:
    # `docket review` reads the letter's review: block, `docket import` the people registry: both
    # through the protected reader, so a 1 KB alias bomb or 3,000 brackets are a message, not 4 GB.
    run = came_back(runs, name, command)
    assert run.code == 1, run.output
    assert ("people.yml" if command == "import" else "2020-03-02-hostile.md") in run.output, run.output
