"""Issue 9, class 7: messages a non-programmer can act on.

The careless mistakes of people who are not programmers: an invisible
non-breaking space or tab, curly quotes, a file saved as UTF-16, a field name
capitalised, a case given by its name or number, a quote or bracket left open.
Each message must point at the line where the mistake is, say what it is in
plain words (the character's name, "the first author", "lower case", which
case key to write), and carry none of the parser's jargon.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docket_archive import synthetic
from hostile import run_docket

NAME = "2020-03-02-status-letter.md"
GOOD = """\
---
title: Status letter
date: 2020-03-02
case: alpha
type: joint status letter
authors:
  - person: casey-fixture-2
addressee: judge-testwood
cc:
  - person: devon-mockridge-3
    via: e-mail
  - person: judge-testwood
    via: e-mail
summary: SYNTHETIC TEST LETTER, not a real court filing.
---

Dear Judge Testwood:

SYNTHETIC TEST LETTER, not a real court filing.
"""
# Parser words and escapes that mean nothing to the people who write letters.
JARGON = re.compile(
    r"\btoken\b|\bstream\b|mapping values|while (?:scanning|parsing)|\bscalar\b|block end|flow sequence|"
    r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\t|#x[0-9a-f]{4}|Traceback|Error\b",
    re.IGNORECASE,
)


def check(tmp_path: Path, text: str | bytes) -> list[str]:
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    path = root / "alpha" / NAME
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    code, output = run_docket("check", str(root))
    assert code == 1, f"docket check accepted it:\n{output}"
    messages = [line for line in output.splitlines() if f"{NAME}:" in line]
    jargon = [line for line in messages if JARGON.search(line)]
    assert jargon == [], "messages in parser jargon"
    return messages


def at(messages: list[str], line: int, *words: str) -> str:
    """The message at `line` that says all of `words` (case-insensitive, regexes)."""
    for message in messages:
        if f"{NAME}:{line}:" in message and all(re.search(w, message, re.IGNORECASE) for w in words):
            return message
    raise AssertionError(f"no message at line {line} saying {words}; got:\n" + "\n".join(messages))


@pytest.mark.parametrize(
    "old, new, line",
    [
        pytest.param("title: Status", "title:\u00a0Status", 2, id="after a colon"),
        pytest.param("  - person: casey", "\u00a0 - person: casey", 7, id="in the indentation"),
        pytest.param("date: 2020-03-02", "date: 2020-03-02\u00a0", 3, id="after a value"),
    ],
)
def test_a_non_breaking_space_is_named(tmp_path: Path, old: str, new: str, line: int) -> None:
    at(check(tmp_path, GOOD.replace(old, new)), line, "non-breaking space")


def test_a_tab_is_named(tmp_path: Path) -> None:
    at(check(tmp_path, GOOD.replace("  - person: casey", "\t- person: casey")), 7, r"\btab\b")


@pytest.mark.parametrize(
    "old, new, line",
    [
        pytest.param("date: 2020-03-02", "date: “2020-03-02”", 3, id="double"),
        pytest.param("case: alpha", "case: ‘alpha’", 4, id="single"),
    ],
)
def test_curly_quotes_are_named(tmp_path: Path, old: str, new: str, line: int) -> None:
    at(check(tmp_path, GOOD.replace(old, new)), line, r"curly|typographic|smart", "quote")


def test_a_file_saved_as_utf16_says_so(tmp_path: Path) -> None:
    messages = check(tmp_path, GOOD.encode("utf-16"))
    at(messages, 1, "UTF-16", "UTF-8")
    assert not any("binary" in m for m in messages), messages


def test_a_capitalised_field_name_says_lower_case(tmp_path: Path) -> None:
    at(check(tmp_path, GOOD.replace("date: 2020-03-02", "Date: 2020-03-02")), 3, r"lower[ -]?case")


@pytest.mark.parametrize(
    "old, new, line, ordinal, zero_based",
    [
        pytest.param("person: casey-fixture-2", "person: casey-fixtur", 7, "first author", "authors.0", id="author"),
        pytest.param("person: judge-testwood\n", "person: nobody-known\n", 12, "second", "cc.1", id="second cc"),
    ],
)
def test_positions_are_counted_as_people_count(
    tmp_path: Path, old: str, new: str, line: int, ordinal: str, zero_based: str
) -> None:
    messages = check(tmp_path, GOOD.replace(old, new))
    at(messages, line, ordinal)
    assert not any(zero_based in m for m in messages), messages


@pytest.mark.parametrize("given", ["In re Alpha (Synthetic)", "99-10001 (PT)"], ids=["by caption", "by number"])
def test_a_case_given_by_name_or_number_says_which_key_to_write(tmp_path: Path, given: str) -> None:
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha", "beta"], synthetic.people())
    (root / "alpha" / NAME).write_text(GOOD.replace("case: alpha", f"case: {given}"), "utf-8")
    code, output = run_docket("check", str(root))
    messages = [line for line in output.splitlines() if f"{NAME}:4:" in line]
    assert any(re.search(r"case:\s*[`'\"]?alpha\b", m) for m in messages), output
    assert code == 1 or messages, output


@pytest.mark.parametrize(
    "old, new, line",
    [
        pytest.param("title: Status letter", 'title: "Status letter', 2, id="a quote left open"),
        pytest.param("title: Status letter", "title: Status letter\ntags: [mediation", 3, id="a bracket left open"),
        pytest.param("title: Status letter", "title: Re: the plan", 2, id="a colon in a value"),
        pytest.param("    via: e-mail\nsummary", "    via: 7\nsummary", 13, id="a number for text"),
        pytest.param("person: judge-testwood\n", "person: nobody-known\n", 12, id="an unknown person"),
    ],
)
def test_the_line_is_where_the_mistake_is(tmp_path: Path, old: str, new: str, line: int) -> None:
    messages = check(tmp_path, GOOD.replace(old, new))
    at(messages, line)


def test_a_person_key_that_is_not_a_key_is_reported_at_its_line_without_a_pattern(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    people = root / "people.yml"
    text = people.read_text("utf-8") + "Jane Doe:\n  name: Jane Doe\n"
    people.write_text(text, "utf-8")
    line = text.split("\n").index("Jane Doe:") + 1
    code, output = run_docket("check", str(root))
    assert code == 1
    messages = [m for m in output.splitlines() if f"people.yml:{line}:" in m]
    assert messages, f"nothing at people.yml:{line}:\n{output}"
    # a regular expression is not an explanation: say lower-case words joined by hyphens
    assert not any(re.search(r"\^\[|\]\+|\)\*\$", m) for m in messages), messages
