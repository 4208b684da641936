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


def test_a_long_plain_value_is_read_but_not_kept() -> None:
    # Kept 4,096 times over, values of up to 256 KB would hold a gigabyte for the life of the process.
    safeyaml._resolved.cache_clear()
    for number in range(3):
        long = (f"{number} long summary, " * 20).strip()  # a digit first: the resolver is asked
        assert load_located(f"summary: {long}\n", "x.md", 2).data == {"summary": long}
    held = safeyaml._resolved.cache_info().currsize
    assert held <= 1  # the key, at most
    for number in range(3):
        assert load_located(f"summary: {number} short\n", "x.md", 2).data == {"summary": f"{number} short"}
    assert safeyaml._resolved.cache_info().currsize == held + 3
