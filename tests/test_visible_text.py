"""The quick test for "does this letter show any words" agrees with rendering it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket_archive.formats.bodytext import has_visible_text, visible_text

# Markdown's own punctuation, whitespace, invisible characters and a few
# letters and digits: the fast path must never see words a reader would not.
MARKDOWN_TEXT = st.text(alphabet=[*"ab1_*#-=`~>|\\+.)(!:\n \t", "\u200b", "\ufeff", "é", "٣"], max_size=40)


@given(MARKDOWN_TEXT)
@settings(max_examples=1000, deadline=None)
def test_the_quick_answer_is_the_rendered_one(text: str) -> None:
    assert has_visible_text(text) == bool(visible_text(text)), repr(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("___", False),
        ("***\n---", False),
        ("# ", False),
        ("\u200b\n", False),
        ("<!-- a note -->", False),
        ("[a]: https://example.com", False),
        ("&#8203;", False),
        ("```note\n```", False),
        ("~~~note\n~~~", False),
        ("1.", False),
        ("2009)", False),
        ("_a_", True),
        ("    indented code", True),
        ("Dear Judge Glenn:", True),
        ("[Redacted]", True),
        ("Smith & Jones", True),
    ],
)
def test_examples(text: str, shown: bool) -> None:
    assert has_visible_text(text) is shown
    assert bool(visible_text(text)) is shown
