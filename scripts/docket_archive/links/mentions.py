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


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    target: str  # site path of the page linked to, possibly with #fragment
    title: str


@dataclass(frozen=True)
class TextScan:
    """Where a letter's own text names dates and its references' words: a function of
    the letter alone, so a rebuild of `mkdocs serve` keeps it with the letter
    (`Site.parts`) rather than searching every letter's text again."""

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
    return _without_overlaps(found)


def _dates(body: str) -> tuple[tuple[int, int, date], ...]:
    found = []
    for match in DATE_MENTION.finditer(body):
        try:
            day = date(int(match["year"]), _MONTHS.split("|").index(match["month"].capitalize()) + 1, int(match["day"]))
        except ValueError:  # "June 31, 2009": a typo in the letter, not a mention
            continue
        found.append((match.start(), match.end(), day))
    return tuple(found)


def _spans(body: str, text: str) -> tuple[tuple[int, int], ...]:
    # Letters wrap lines anywhere, so match the words whatever whitespace is between them.
    pattern = re.compile(r"\s+".join(map(re.escape, text.split())))
    return tuple((m.start(), m.end()) for m in pattern.finditer(body))


def link_mentions(body: str, mentions: list[Mention], href: Callable[[str], str]) -> str:
    out, position = [], 0
    for mention in mentions:
        out.append(body[position : mention.start])
        text = body[mention.start : mention.end]
        out.append(f'[{text}]({href(mention.target)} "{mention.title.replace(chr(34), chr(39))}")')
        position = mention.end
    out.append(body[position:])
    return "".join(out)


def _all(spans: tuple[tuple[int, int], ...], target: str, title: str) -> list[Mention]:
    return [Mention(start, end, target, title) for start, end in spans]


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    # Longer, explicit references win over the shorter date mentions inside them.
    chosen: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return chosen
