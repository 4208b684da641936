"""Turning mentions of other letters and docket entries in a letter's text into links.

A letter says "the fifth joint status letter dated June 5, 2009", "the
Court's March 17, 2009 order regarding mediation" or "ECF No. 191". Where the
letter's front matter lists that text as a reference, where the text names a
letter of the same case by its date, or where it names a docket entry by
number (`docket.ecf_mentions`), the words become a link: to that letter's page,
or to the entry on the case's page.

The links are written into the letter's Markdown (`link_mentions`), which
`formats.bodytext.render_body` then renders and sanitizes like any other text:
no HTML is ever edited by pattern.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from docket_archive.domain.model import Archive, DocketEntry, Letter

from .crosslinks import LetterLinks
from .docket import DocketItem, ecf_mentions

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DESCRIBING = (
    "joint|status|prior|previous|latest|last|further|interim|monthly|weekly|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
)
# "status letter dated June 5, 2009", "fifth joint status report of May 22, 2009"
DATE_MENTION = re.compile(
    rf"\b(?:(?:{_DESCRIBING})\s+){{0,3}}(?:letter|report)s?\s+(?:dated|of)\s+"
    rf"(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
# DATE_MENTION found in two steps, to the same matches: its words from "letter" on, then
# the describing words before them. Searched whole, the pattern tries two dozen
# describing words at every word of every letter (most of the scan of a letter's text).
_LETTER_DATED = re.compile(DATE_MENTION.pattern.replace(rf"(?:(?:{_DESCRIBING})\s+){{0,3}}", ""), re.IGNORECASE)
_DESCRIBING_WORD = re.compile(_DESCRIBING, re.IGNORECASE)
_SPACE, _WORD = re.compile(r"\s"), re.compile(r"\w")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    target: str  # site path of the page linked to, possibly with #fragment
    title: str


@dataclass(frozen=True)
class TextScan:
    """Where a letter's own text names dates, its references' words and docket numbers: a
    function of the letter alone, so a rebuild of `mkdocs serve` keeps it with the letter
    (`links.keptlinks`) rather than searching every letter's text again."""

    dates: tuple[tuple[int, int, date], ...]
    spans: dict[str, tuple[tuple[int, int], ...]]  # a reference's words -> where the text has them
    ecf: tuple[tuple[int, int, str], ...]  # "ECF No. 191": where, and the number


def scan(letter: Letter) -> TextScan:
    texts = [ref.text for ref in letter.letter_references] + [ref.text for ref in letter.docket_references]
    body = letter.body
    return TextScan(_dates(body), {text: _spans(body, text) for text in dict.fromkeys(texts)}, ecf_mentions(body))


def find_mentions(
    letter: Letter,
    links: LetterLinks,
    archive: Archive,
    letter_path: Callable[[Letter], str],
    docket_path: Callable[[str, DocketEntry | DocketItem], str],
    numbered: Mapping[str, DocketItem] | None = None,
    scanned: TextScan | None = None,
) -> list[Mention]:
    """Non-overlapping mentions in the letter's body, in order. `numbered`: the entries
    of the letter's case by number, which "ECF No. 191" in its text links to;
    `scanned`: `scan(letter)`, if kept."""
    body = letter.body
    scanned = scanned or scan(letter)
    found: list[Mention] = []
    for ref, target in links.references:
        if target is not None:
            found += _all(scanned.spans[ref.text], letter_path(target), target.title)
    for docket_ref, entry in links.docket:
        if entry is not None:
            found += _all(scanned.spans[docket_ref.text], docket_path(docket_ref.case, entry), entry.title)
    for start, end, number in scanned.ecf if numbered else ():
        item = numbered.get(number) if numbered else None
        if item is not None:
            title = f"{item.label}: {item.described}" if item.described else item.label
            found.append(Mention(start, end, docket_path(letter.case, item), title))
    for start, end, day in scanned.dates:
        others = [other for other in archive.letters_on(letter.case, day) if other.id != letter.id]
        if others:
            found.append(Mention(start, end, letter_path(others[0]), others[0].title))
    return _without_overlaps(_outside_hidden(body, found))


# Where a link would change what the page shows: an editorial comment (hidden,
# and a title could end it), code (shown as written, link syntax and all).
_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|^(```|~~~).*?(?:^\1|\Z)|`[^`\n]+`", re.DOTALL | re.MULTILINE)


def _outside_hidden(body: str, mentions: list[Mention]) -> list[Mention]:
    if not mentions or not any(mark in body for mark in ("<!--", "`", "~~~")):
        return mentions
    hidden = [(m.start(), m.end()) for m in _HIDDEN.finditer(body)]
    return [m for m in mentions if not any(start < m.end and m.start < end for start, end in hidden)]


# Not cached here: an LRU sized below the archive, walked in the same order by
# every rebuild of `mkdocs serve`, never hits; a letter's scan is kept with the
# letter instead (`links.keptlinks`).
def _dates(body: str) -> tuple[tuple[int, int, date], ...]:
    """DATE_MENTION's matches in the body: (start, end, the date), in order."""
    found = []
    position = 0
    while match := _LETTER_DATED.search(body, position):
        start = _described_from(body, match.start(), position)
        position = match.end()
        try:
            day = date(int(match["year"]), _MONTHS.split("|").index(match["month"].capitalize()) + 1, int(match["day"]))
        except ValueError:  # "June 31, 2009": a typo in the letter, not a mention
            continue
        found.append((start, match.end(), day))
    return tuple(found)


def _described_from(body: str, start: int, floor: int) -> int:
    """Where DATE_MENTION starts a match whose "letter" is at `start`: before up to three
    describing words ("fifth joint status"), each a whole word followed by whitespace,
    none before `floor` (the end of the last match)."""
    for _ in range(3):
        end = start
        while end > floor and _SPACE.match(body, end - 1):
            end -= 1
        word = end
        while word > floor and _WORD.match(body, word - 1):
            word -= 1
        if end == start or word == end or not _DESCRIBING_WORD.fullmatch(body, word, end):
            break
        if word > 0 and _WORD.match(body, word - 1):  # not a word's start: no \b there
            break
        start = word
    return start


def _spans(body: str, text: str) -> tuple[tuple[int, int], ...]:
    """Where the words of `text` stand in `body`, whatever whitespace is between them (letters wrap lines anywhere).

    Searched as plain text in the body with each run of whitespace made one
    space: str.find is linear in the body whatever the words, where a pattern
    of the words joined by \\s+ went back over the text at every start, and a
    long reference against a long letter took minutes."""
    needle = " ".join(text.split())
    flat = _flattened(body)
    if not needle or needle not in flat:
        return ()
    flat_starts, body_starts = _word_starts(body)
    found = []
    at = flat.find(needle)
    while at != -1:
        end = at + len(needle)
        found.append((_in_body(at, flat_starts, body_starts), _in_body(end - 1, flat_starts, body_starts) + 1))
        at = flat.find(needle, end)
    return tuple(found)


@functools.lru_cache(maxsize=256)
def _flattened(body: str) -> str:
    """The body with every run of whitespace as one space."""
    return " ".join(body.split())


@functools.lru_cache(maxsize=256)
def _word_starts(body: str) -> tuple[list[int], list[int]]:
    """Where each word starts in the flattened body and in the body (only for a body with a mention)."""
    flat_starts, body_starts, position = [], [], 0
    for match in re.finditer(r"\S+", body):
        flat_starts.append(position)
        body_starts.append(match.start())
        position += match.end() - match.start() + 1
    return flat_starts, body_starts


def _in_body(flat_index: int, flat_starts: list[int], body_starts: list[int]) -> int:
    """The body's position of the character at `flat_index` of the flattened text (never one of its spaces)."""
    run = bisect.bisect_right(flat_starts, flat_index) - 1
    return body_starts[run] + flat_index - flat_starts[run]


def link_mentions(body: str, mentions: list[Mention], href: Callable[[str], str]) -> str:
    out, position = [], 0
    for mention in mentions:
        out.append(body[position : mention.start])
        text = body[mention.start : mention.end]
        out.append(f'[{text}]({href(mention.target)} "{markdown_title(mention.title)}")')
        position = mention.end
    out.append(body[position:])
    return "".join(out)


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_title(title: str) -> str:
    """Another letter's title as the title of a Markdown link: every ASCII punctuation mark
    backslash-escaped, so that none ends the title (`"`, a final `\\`), a comment (`-->`) or
    starts markup; the renderer shows the title as written."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(title.split()))


def _all(spans: tuple[tuple[int, int], ...], target: str, title: str) -> list[Mention]:
    return [Mention(start, end, target, title) for start, end in spans]


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    # Longer, explicit references win over the shorter date mentions inside them.
    chosen: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return chosen
