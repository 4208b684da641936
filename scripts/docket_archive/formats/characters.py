"""Characters that look like nothing, or like something else, named for a person.

Text pasted from Word or a PDF brings non-breaking spaces, tabs, zero-width
spaces and curly quotes. In YAML they change the meaning without showing on
screen ("date:\\u00a02009-06-22" is one key with no value). Control characters
and bidirectional overrides can make a letter read differently than it is
stored, or fake a terminal's output. Each is reported with its line and its
name, and what to type instead.
"""

from __future__ import annotations

import re

from docket_archive.domain.problems import Problem

# Invisible or look-alike characters, by what a person would call them.
_INVISIBLE = {
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u202f": "a narrow non-breaking space (U+202F)",
    "\u2007": "a figure space (U+2007)",
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a byte-order mark (U+FEFF)",
    "\u00ad": "a soft hyphen (U+00AD)",
}
# Bidirectional overrides reorder what is shown ("Trojan Source"): never in a letter.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Code points Unicode reserves as never being characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two
# of every plane), and lone surrogates: XML forbids them, so no feed, sitemap or calendar could carry them.
NONCHARACTERS = "\ufdd0-\ufdef\ud800-\udfff" + "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)
)
_NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")
_CURLY_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[A-Za-z_][\w-]*\s*:\s+)?[\u201c\u2018]")
# Any character that one of the checks below looks for, in one pass over the
# whole text: almost every letter has none, and then no line need be looked at.
# The pass leaves out the noncharacters above U+FFFF: a class holding them is
# checked range by range for every character (five times slower over 100,000
# letters), so any character above U+FFFF (an emoji, say: rare) sends the text
# line by line instead, where the full checks run.
_BMP_NONCHARACTERS = "\ufdd0-\ufdef\ud800-\udfff\ufffe\uffff"
_SUSPECT_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{_BMP_NONCHARACTERS}]")
_SUSPECT_YAML = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u201c\u2018"
    + "".join(_INVISIBLE)
    + _BMP_NONCHARACTERS
    + "]"
)
_ABOVE_BMP = re.compile("[\U00010000-\U0010ffff]")


def _suspect(text: str, characters: re.Pattern[str]) -> bool:
    """Whether `text` may hold a character the line checks look for (a quick pass over all of it)."""
    return bool(characters.search(text)) or (not text.isascii() and bool(_ABOVE_BMP.search(text)))


def noncharacter_problem(text: str) -> str:
    """What to say of the first noncharacter in `text` ('' if none)."""
    found = None if text.isascii() else _NONCHARACTER.search(text)  # (all of them lie far above ASCII)
    if not found:
        return ""
    return f"the code point U+{ord(found.group()):04X} is in this line: Unicode reserves it as no character, and feeds and calendars cannot carry it"


NONCHARACTER_HINT = "delete it (text pasted from a damaged file or a program's output can bring it)"


def line_problems(text: str, shown: str, first_line: int, *, yaml_text: bool) -> list[Problem]:
    """Problems with the characters of `text` (YAML fields, or a letter's text)."""
    found: list[Problem] = []
    if not _suspect(text, _SUSPECT_YAML if yaml_text else _SUSPECT_TEXT):
        return found
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        where = "front matter" if yaml_text else "text"
        control = _CONTROL.search(line.replace("\t", "").replace("\r", ""))
        if control:
            found.append(
                Problem(
                    shown,
                    number,
                    where,
                    f"a control character (\\x{ord(control.group()):02x}) is in this line",
                    "delete it: it is invisible, and terminals treat it as a command",
                )
            )
        if _NONCHARACTER.search(line):
            found.append(Problem(shown, number, where, noncharacter_problem(line), NONCHARACTER_HINT))
        if _BIDI.search(line):
            found.append(
                Problem(
                    shown,
                    number,
                    where,
                    "a right-to-left override character is in this line: the text shows in another order than it is",
                    "delete the invisible override character (U+202A–U+202E, U+2066–U+2069)",
                )
            )
        if yaml_text:
            found.extend(_yaml_line_problems(line, shown, number))
    return found


def _yaml_line_problems(line: str, shown: str, number: int) -> list[Problem]:
    found = []
    if "\t" in line:
        found.append(
            Problem(
                shown,
                number,
                "front matter",
                "a tab character is in this line; YAML fields are indented and separated with spaces only",
                "replace the tab with spaces",
            )
        )
    for char, name in _INVISIBLE.items():
        if char in line and not line.lstrip().startswith("#"):
            found.append(
                Problem(
                    shown,
                    number,
                    "front matter",
                    f"{name} is in this line (it looks like a space, or like nothing, but is not one)",
                    "retype the spaces on this line; text pasted from Word or a PDF often brings it",
                )
            )
    if _CURLY_VALUE.search(line):
        found.append(
            Problem(
                shown,
                number,
                "front matter",
                "the value starts with a curly quote (“ or ‘), which YAML keeps as part of the text",
                'use straight quotes (") around the value, or none',
            )
        )
    return found
