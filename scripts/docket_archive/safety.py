"""Refusing active content in letter bodies.

Letters are rendered as HTML on an internal site; a pasted `<script>` or an
`onclick=` would run in every reader's browser. Markdown allows raw HTML, so we
look for the dangerous forms ourselves and report each with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"<\s*script\b", re.I), "raw <script> element", "remove it; letters are text, not programs"),
    (re.compile(r"<\s*iframe\b", re.I), "raw <iframe> element", "remove it; link to the document instead"),
    (
        re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
        "HTML event handler attribute (on...=)",
        "remove the attribute; plain Markdown needs no HTML",
    ),
    (
        re.compile(r"javascript\s*:", re.I),
        "javascript: URL",
        "replace it with an http(s) link or plain text",
    ),
)


def unsafe_content(body: str, first_line: int) -> Iterator[tuple[int, str, str]]:
    """Yield (file line, what, fix) for each piece of active content in the body."""
    for offset, text in enumerate(body.split("\n")):
        for pattern, what, fix in _RULES:
            if pattern.search(text):
                yield first_line + offset, what, fix
