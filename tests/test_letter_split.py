"""A letter file cut at its fences (`letterfile.split`): the closing fence is found by searching
for it, not line by line, and must cut exactly where the first line after the first that is
'---' (trailing spaces aside) is."""

from __future__ import annotations

import pytest

from docket_archive.formats.letterfile import FrontMatterError, split


def by_lines(text: str) -> tuple[str, int, str, int, str] | str:
    """What `split` gives, worked out line by line (as it was written before the search)."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return "does not start"
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            after = lines[index + 1 :]
            skipped = 0
            while skipped < len(after) and not after[skipped].strip():
                skipped += 1
            front = "".join(line + "\n" for line in lines[1:index])
            return front, 2, "\n".join(after[skipped:]).rstrip() + "\n", index + 2 + skipped, "\n".join(after)
    return "never closed"


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: a\n---\n\nDear Judge,\n\nText.\n",
        "---\n---",
        "---\n---\n",
        "---\n---\n\n \n",
        "--- \ntitle: a\n---\t\nbody",
        "---\n----\n--- x\n---\x1c\n  \n\n  body\n\n",  # '----' and '--- x' are not fences; '---' and a separator is
        "---\ntitle: a\n---",
        "---\ntitle: a",
        "title: a\n---\n",
        "---",
        "",
        "---\na: '\n---\n'\n---\nbody\n",  # the first fence counts, whatever the YAML
    ],
)
def test_the_fences_cut_where_a_line_by_line_reading_cuts(text: str) -> None:
    expected = by_lines(text)
    try:
        parts = split(text)
    except FrontMatterError as error:
        assert isinstance(expected, str) and expected in error.message
    else:
        assert (parts.front, parts.front_line, parts.body, parts.body_line, parts.rest) == expected
