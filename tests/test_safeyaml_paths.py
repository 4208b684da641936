"""The protected YAML reader's short path (formats/safeyaml.py): the usual scalar is taken
without the full refusals and character checks, and must still give what the long path gave."""

from __future__ import annotations

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
