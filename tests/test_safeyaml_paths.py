"""The protected YAML reader's short path (formats/safeyaml.py): the usual scalar is taken
without the full refusals and character checks, and must still give what the long path gave."""

from __future__ import annotations

import random

import pytest

from docket_archive.formats import safeyaml
from docket_archive.formats.safeyaml import MAX_DEPTH, load_located


def said(text: str) -> list[tuple[int, str, str]]:
    return [(problem.line, problem.field, problem.message) for problem in load_located(text, "x.md", 2).problems]


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ('"a\\eb"', "control character"),  # an escape in double quotes: in the value, not in the text
        ('"\\x85"', "control character"),
        ('"a\\uFFFEb"', "U+FFFE is in the value"),
    ],
)
def test_an_escape_in_plain_ascii_text_is_still_named(value: str, what: str) -> None:
    found = said(f"title: plain\ntags:\n- {value}\n")
    assert [(line, field) for line, field, _ in found] == [(4, "the first topic")]
    assert what in found[0][2]


def test_in_text_that_is_not_ascii_and_in_single_quotes_nothing_is_an_escape() -> None:
    assert said("title: café\ntags:\n- 'a\\eb'\n- \"\\u00e9\"\n") == []


def test_plain_scalars_read_as_yaml_reads_them_dates_as_text() -> None:
    located = load_located("a: 1\nb: yes\nc: ~\nd: 2009-06-22\ne: '1'\nf: .5\ng: Status letter\nh:\n", "x.md", 2)
    assert located.data == {
        "a": 1,
        "b": True,
        "c": None,
        "d": "2009-06-22",
        "e": "1",
        "f": 0.5,
        "g": "Status letter",
        "h": None,
    }
    assert located.lines[("g",)] == 8


# Words and numbers `_plain` tells without the resolver, beside their neighbours that it must not:
# longer than any typed word, typed words in every case, octal, underscores, sexagesimal, digits
# that are not ASCII, signs, floats.
PLAIN_SCALARS = [
    "Yesterday", "nullity", "offering", "trueness", "Falsehood", "yes", "No", "TRUE", "false", "on", "OFF",
    "null", "Null", "NULL", "~", "y", "n", "0", "00", "012", "0o17", "0x1F", "0b101", "1_000", "1:30", "190:20:30",
    "12.5", "1e3", "+12", "-7", "123", "9876543210987654321", "\u0661\u0662", "\u00b2", "1\u00b2", ".inf",
    "Order regarding mediation", "the parties", "Finley Dummett", "1" * 18, "1" * 19, "7" * 5000,
]  # fmt: skip


@pytest.mark.parametrize("value", [value.encode().decode("unicode_escape") for value in PLAIN_SCALARS])
def test_plain_scalars_told_without_the_resolver_are_what_it_says(value: str) -> None:
    told, resolved = safeyaml._plain(value, ""), safeyaml._resolve(value, "")
    assert (told, type(told)) == (resolved, type(resolved))


def test_plain_scalars_of_random_characters_are_what_the_resolver_says() -> None:
    rng = random.Random(7)
    alphabet = "0123456789_:.-+eExXoObB abfilnorstuyNTFYO~\u00b2\u0663".encode().decode("unicode_escape")
    for _ in range(20_000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))).strip() or "x"
        told, resolved = safeyaml._plain(value, ""), safeyaml._resolve(value, "")
        assert (told, type(told)) == (resolved, type(resolved)), value


def test_a_value_at_the_deepest_level_is_read_and_one_below_refused() -> None:
    deepest = "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"
    assert load_located(deepest, "x.md", 2).problems == []
    too_deep = "a: " + "[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH + "\n"
    assert [message for _, _, message in said(too_deep)] == [f"the fields are nested more than {MAX_DEPTH} levels deep"]


def test_keys_that_are_not_text_repeated_or_refused() -> None:
    assert [message for _, _, message in said("yes: 1\ntitle: a\ntitle: b\n")] == [
        "the name 'yes' before the colon is read by YAML as the value True, not as text",
        "'title' is given twice (first on line 3); only one can count",
    ]
    assert said("&a title: x\n")[0][2].startswith("YAML anchors and aliases")
    assert said("title: !!int 1\n")[0][2].startswith("YAML tags such as")


def test_numbers_read_leave_nothing_behind_in_the_constructor() -> None:
    # 10,000 different numbers (a hostile letter, or a preview saving one for hours): PyYAML's
    # constructor would keep a node for each of them, for as long as the process runs.
    text = "".join(f"k{i}: [{', '.join(str(i * 1000 + j) for j in range(200))}]\n" for i in range(50))
    assert load_located(text, "x.md", 2).data["k3"][5] == 3005
    assert len(safeyaml._SCALARS.constructed_objects) == 0


# -- the usual front matter, read without the parser (`safeyaml._usual`) ------------------------

USUAL = """title: Status letter no. 1 on mediation
date: 2015-02-02
case: synthetic-case-001
type: joint status letter
sequence: 1
authors:
- person: indy-testwood-8
  on_behalf_of:
  - the parties
addressee: judge-testwood
cc:
  - person: emery-stubbs-4
    via: e-mail
delivery: hand
summary: SYNTHETIC TEST LETTER, not a real court filing. Reports on mediation, in a summary
  long enough to go on over the next line as `docket new` writes it
# a comment between fields
tags:
- mediation
- 'it''s'
- "plan: support"
new_people:
  jane-doe:
    name: Jane Doe
    aliases:
    - J. Doe
references:
  letters:
    - text: the first letter
      date: 2015-01-19
      sequence: .5
next_report_due: 2015-02-16
empty:
"""


def _by_parser(text: str) -> safeyaml.LocatedYaml:
    usual = safeyaml._usual
    safeyaml._usual = lambda text, first_line: None
    try:
        return load_located(text, "x.md", 2)
    finally:
        safeyaml._usual = usual


def _typed(value: object) -> object:
    """The value with the type of everything in it (True == 1 in Python; not in a letter)."""
    if isinstance(value, dict):
        return ("dict", [(_typed(key), _typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(item) for item in value])
    return (type(value).__name__, repr(value))


def _same_as_parser(text: str) -> bool:
    """Whether the usual path took `text`; where it did, it gave what the parser path gives."""
    usual = safeyaml._usual(text, 2)
    if usual is None:
        return False
    parsed = _by_parser(text)
    assert parsed.problems == []
    assert _typed(usual[0]) == _typed(parsed.data)
    assert list(usual[1].items()) == list(parsed.lines.items())  # the same lines, in the same order
    return True


def test_the_usual_front_matter_is_read_without_the_parser_and_as_it_reads_it() -> None:
    assert _same_as_parser(USUAL)
    assert _same_as_parser("# a comment first\n\n" + USUAL)
    assert load_located(USUAL, "x.md", 2).data["summary"].endswith("next line as `docket new` writes it")


@pytest.mark.parametrize(
    "text",
    [
        "title: a\ntitle: b\n",  # repeated: the parser path names it
        "yes: 1\n",  # a key YAML reads as true
        "title: a # a comment\n",
        "title: a: b\n",
        "title: 'open\n",
        'title: "a\\tb"\n',
        "title: [a, b]\n",
        "title: >-\n  folded\n",
        "title: &a x\n",
        "title: !!str x\n",
        "title: a\n  b: c\n",  # a key inside a value's next line
        "title:\n  text below\n",
        "a:\n  b: 1\n c: 2\n",  # an indentation no open block has
        "a:\n- 1\n  - 2\n",
        "- a\n- b\n",
        "  title: a\n",
        "title: a\n\n  b\n",  # a blank line, then more of a value
        "title:\ta\n",
        "title: a\u2028b\n",
        "",
        "# only a comment\n",
        "a:\n-\n  b\n",
    ],
)
def test_anything_else_goes_the_parser_s_way(text: str) -> None:
    assert safeyaml._usual(text, 2) is None


def test_mutated_front_matter_reads_the_same_either_way() -> None:
    """Thousands of small mutations of the usual front matter: wherever the usual path takes one,
    it gives the parser path's data and lines (a helper compared 600,000 this way)."""
    rnd = random.Random(25)
    pieces = [*" \n:-'\"#abyz019._~+[]{},&*!|>%@`?<=", "  ", ": ", "- ", "\u00e9", "yes", "null", "on", "1.5", "12:30"]
    taken = 0
    for _ in range(3000):
        text = USUAL
        for _ in range(rnd.randint(1, 3)):
            at = rnd.randint(0, len(text))
            roll = rnd.random()
            if roll < 0.4:
                text = text[:at] + rnd.choice(pieces) + text[at:]
            elif roll < 0.7:
                text = text[:at] + text[at + rnd.randint(1, 3) :]
            else:
                lines = text.split("\n")
                moved = rnd.randrange(len(lines))
                lines[moved] = " " * rnd.choice([1, 2, 4]) + lines[moved]
                text = "\n".join(lines)
        if not safeyaml.line_problems(text, "x.md", 2, yaml_text=True):
            taken += _same_as_parser(text)
    assert taken > 500  # the mutations left many in the usual subset: the comparison compared
