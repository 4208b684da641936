"""Splitting a letter file into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass

FENCE = "---"


@dataclass(frozen=True)
class Split:
    yaml_text: str
    yaml_first_line: int  # file line of the first YAML line (the line after the opening ---)
    body: str
    body_line: int  # file line where the body starts


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def split(text: str) -> Split:
    """Split `---\\n<yaml>\\n---\\n<body>`; raise FrontMatterError saying what is missing."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise FrontMatterError(
            1,
            "the file does not start with front matter",
            "begin the file with a line '---', the letter's fields, and another line '---' (see `docket new`)",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            body_lines = lines[index + 1 :]
            # A blank line after the closing fence is conventional, not content.
            skipped = 0
            while body_lines and not body_lines[0].strip():
                body_lines.pop(0)
                skipped += 1
            return Split(
                yaml_text="\n".join(lines[1:index]),
                yaml_first_line=2,
                body="\n".join(body_lines).rstrip() + "\n",
                body_line=index + 2 + skipped,
            )
    raise FrontMatterError(
        1,
        "the front matter opened on line 1 is never closed",
        "add a line '---' after the last field, before the letter's text",
    )
