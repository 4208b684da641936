"""A key longer than YAML's simple-key limit (1,024 characters): the parser path refuses the front
matter, so the usual path (formats/safeyaml.py `_usual`) must not read it as data."""

from __future__ import annotations

import pytest

from docket_archive.formats import safeyaml
from docket_archive.formats.safeyaml import load_located


@pytest.mark.parametrize(
    "text",
    [
        "k" * 1025 + ": x\n",
        "l:\n- " + "k" * 1025 + ": x\n",
        "a:\n  " + "k" * 1025 + ":\n",
    ],
)
def test_a_key_past_the_simple_key_limit_is_refused_either_way(text: str) -> None:
    located = load_located(text, "x.md", 2)
    assert located.data is None
    assert [problem.message for problem in located.problems] == ["a colon followed by a space is inside a value"]
    assert safeyaml._usual(text, 2) is None


def test_a_key_at_the_limit_is_read() -> None:
    text = "k" * 1024 + ": x\n"
    assert load_located(text, "x.md", 2).data == {"k" * 1024: "x"}
