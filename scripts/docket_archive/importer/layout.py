"""The page layout of a letter: which lines are the letter and which are page furniture.

A letter's text, as OCR or a PDF gives it, carries more than the letter: page
furniture (furniture.py: filing headers, stamps, fax headers, Bates numbers,
the judge's endorsement), the running header of continuation pages ('Hon.
Martin Glenn / June 22, 2009 / Page 2'), page numbers, the firm's letterhead
and footer. `split_layout` first marks the furniture, wherever it sits, then
finds the letter's landmarks among the lines left (date, salutation, closing,
cc) and sorts every line into the parts of a letter. Each line it takes out of
the text is listed with why, so nothing is silently dropped: every line of the
source is in `Layout.body` or in `Layout.removed`.

A letter lacking a landmark is still split: without a salutation the text
starts after the 'Re:' block, the addressee block or the date (`Layout.missing`
says what was not found); only text with no line of a letter at all is empty.

OCR of a scanned page sometimes runs the whole page together on one line; such a
line is cut at the landmarks every letter has (the filing header, the date, the
addressee, 'Re:', the salutation, the closing, 'By:', 'cc:') before anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import furniture
from .furniture import ENDORSED, FILING_HEADER, DocketEntry, Filer
from .patterns import (
    ADDRESSEE_INLINE,
    CC_LINE,
    CLOSING,
    CLOSING_INLINE,
    DELIVERY_INLINE,
    FULL_DATE,
    MONTHS,
    NUMERIC_DATE,
    RE_INLINE,
    RE_LINE,
    SALUTATION,
    SALUTATION_INLINE,
    TYPIST,
)

__all__ = [
    "CC",
    "CLOSING",
    "ENDORSED",
    "FULL_DATE",
    "HEADING",
    "MONTHS",
    "SALUTATION",
    "TYPIST",
    "Layout",
    "split_layout",
]

BATES_AT_END = re.compile(r"(?<=\s)(?P<bates>[A-Z]{2,}(?:-[A-Z]{2,})*-\d{5,10})\s*$")
DMS_AT_START = re.compile(rf"^\s*(?P<dms>{furniture.DMS_NUMBER})\s+(?=\S)")
PAGE_LINE = re.compile(r"\s*(?:Page|PAGE)\s+\d+(?:\s+(?:of|OF)\s+\d+)?\s*")
PAGE_NUMBER = re.compile(r"\s*[-–]?\s*\d{1,3}\s*[-–]?\s*")
PAGE_FOOTER = re.compile(r"\s*(?:Page|PAGE)\s+\d+(?:\s+of\s+\d+)?\b.{0,60}")
MEMO_ENDORSED = re.compile(r"\bMEMO(?:RANDUM)?\s+ENDORSED\b", re.I)
LONG_LINE = 250  # a line longer than this holds several parts of the letter: OCR ran them together
HEADING = "heading (in the front matter)"
NOTED = "enclosure notation"
NOTATION = re.compile(r"\s*(?:encl?s?\.?|enclosures?|attachments?)\s*(?:\(\d+\))?\s*", re.I)
CC = "cc (in the front matter)"
LETTERHEAD = "letterhead"
DATE_LINE = re.compile(rf"\b{FULL_DATE}|(?<![\d/]){NUMERIC_DATE}")
ADDRESSEE_LINE = re.compile(r"\s*(?:The\s+)?Hon(?:orable|\.)\s+[A-Z]|\s*(?:Chief\s+|Magistrate\s+)?Judge\s+[A-Z]", re.I)
DELIVERY_LINE = re.compile(r"^\s*\(?\s*(?:FILED\s+)?(?:BY|VIA)\s+[A-Za-z]", re.I)


@dataclass(frozen=True)
class Removed:
    """A line (or part of one) kept out of the letter's text, and why."""

    kind: str  # letterhead, heading, cc, court filing header, page header, page number, Bates number, footer...
    text: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.text.strip()}"


@dataclass
class Layout:
    """The letter's lines sorted into its parts; `removed` holds every line not in the body."""

    letterhead: list[str]  # above the date
    heading: list[str]  # date, delivery, addressee block, 'Re:' (front matter, not text)
    body: list[str]  # from the salutation to the end of the signature block
    tail: list[str]  # the cc list and what follows it
    removed: list[Removed] = field(default_factory=list)  # page furniture, letterhead, heading, cc, footers
    docket_entry: DocketEntry | None = None  # the letter's own entry, from its filing header or stamp
    filer: Filer | None = None  # who filed it, where a pasted docket entry says
    missing: list[str] = field(default_factory=list)  # landmarks not found ('salutation', 'date')

    @property
    def text(self) -> str:
        return "\n".join(self.body)


class LayoutError(ValueError):
    """Kept for callers of the old interface: split_layout no longer raises."""


# --- cutting run-together lines ----------------------------------------------------


def normalise(text: str) -> list[str]:
    """The text's lines, with lines that OCR ran together cut at the letter's landmarks."""
    lines: list[str] = []
    raws = [
        raw.replace("\u00a0", " ").rstrip()
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    ]
    for raw in _rejoin_run_together(_endorsement_column_apart(raws)):
        for piece in _cut_filing_headers(raw):
            lines.extend(_cut_long(piece) if len(piece) > LONG_LINE else [piece])
    out: list[str] = []
    for line in lines:  # a Bates number stamped at the end, or a document number at the start, is its own line
        match = BATES_AT_END.search(line)
        start = DMS_AT_START.match(line)
        if match and line[: match.start()].strip():
            out += [line[: match.start()].rstrip(), match["bates"]]
        elif start and len(line) > 60:
            out += [start["dms"], line[start.end() :]]
        else:
            out.append(line)
    return out


COLUMN = re.compile(r"(?<=\S)\s{5,}(?=\S)")


def _endorsement_column_apart(lines: list[str]) -> list[str]:
    """An endorsement written in a column beside the heading ('May 5, 2099      MEMO ENDORSED', then the addressee
    block with 'The conference is adjourned ... SO ORDERED.' to its right): its pieces are taken out of the heading's
    lines and set apart as one block before the 'Re:' line or the salutation, so neither is read as the other."""
    out: list[str] = []
    column: list[str] = []
    at: int | None = None  # where the endorsement's column starts
    for index, line in enumerate(lines):
        if RE_LINE.match(line) or SALUTATION.match(line):
            return out + (["", *column, ""] if column else []) + lines[index:]
        gap = COLUMN.search(line)
        right = line[gap.end() :] if gap else ""
        if gap and (furniture.ENDORSEMENT.search(right) or (at is not None and abs(gap.end() - at) <= 8)):
            at = gap.end() if at is None else at
            column.append(right.strip())
            out.append(line[: gap.start()])
        else:
            out.append(line)
    return out + (["", *column] if column else [])


def _rejoin_run_together(lines: list[str]) -> list[str]:
    """A page OCR ran together, then wrapped at the margin (as when such text is printed or typed into a PDF), has no
    salutation line of its own: its paragraph holding 'Dear Judge ...:' is joined again, to be cut at its landmarks."""
    if any(SALUTATION.match(line) for line in lines):
        return lines
    at = next((i for i, line in enumerate(lines) if SALUTATION_INLINE.search(line)), None)
    if at is None:
        return lines
    start = at
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = at
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    if end == start:
        return lines
    joined = " ".join(line.strip() for line in lines[start : end + 1])
    joined = re.sub(r"(?<=[a-z])- (?=[a-z])", "-", joined)  # 'co-' at a line's end, 'counsel' on the next: 'co-counsel'
    return [*lines[:start], joined, *lines[end + 1 :]]


def _cut_filing_headers(line: str) -> list[str]:
    if len(line) <= LONG_LINE:
        return [line]
    pieces, last = [], 0
    for match in FILING_HEADER.finditer(line):
        pieces += [line[last : match.start()].strip(), match.group(0)]
        last = match.end()
    pieces.append(line[last:].strip() if last else line)
    return [piece for piece in pieces if piece] or [line]


def _cut(text: str, pattern: re.Pattern[str], *, after: bool = False, first_only: bool = False) -> list[str]:
    """Cut `text` before (or after) each match of `pattern`."""
    cuts = [m.end() if after else m.start() for m in pattern.finditer(text)]
    if first_only:
        cuts = cuts[:1]
    pieces, last = [], 0
    for cut in cuts:
        if text[last:cut].strip():
            pieces.append(text[last:cut].strip())
            last = cut
    pieces.append(text[last:].strip())
    return [piece for piece in pieces if piece]


def _cut_long(line: str) -> list[str]:
    """Cut a run-together page at its landmarks; the text of each paragraph stays whole."""
    salutation = SALUTATION_INLINE.search(line)
    if not salutation:
        return _cut_closing_part(line)
    head, salute, rest = line[: salutation.start()], salutation.group(0), line[salutation.end() :]
    pieces = _stamps_apart([head])
    for pattern, first_only in (
        (re.compile(FULL_DATE), True),
        (DELIVERY_INLINE, True),
        (ADDRESSEE_INLINE, False),
        (RE_INLINE, True),
    ):
        pieces = [cut for piece in pieces for cut in (_cut(piece, pattern, first_only=first_only) if piece else [""])]
    return [*pieces, salute.strip(), *_cut_closing_part(rest)]


def _stamps_apart(pieces: list[str]) -> list[str]:
    """'MEMO ENDORSED' stamped inside a run-together line stands alone, with a blank line either side."""
    out: list[str] = []
    for piece in pieces:
        last = 0
        for match in MEMO_ENDORSED.finditer(piece):
            out += [piece[last : match.start()].strip(), "", match.group(0), ""]
            last = match.end()
        out.append(piece[last:].strip())
    return [p for i, p in enumerate(out) if p or (i and out[i - 1])]


def _cut_closing_part(text: str) -> list[str]:
    closing = CLOSING_INLINE.search(text)
    if not closing:
        return [text.strip()] if text.strip() else []
    body, sign = text[: closing.start()].strip(), text[closing.start() :]
    pieces = _cut(sign, CLOSING_INLINE, after=True)
    for pattern in (
        re.compile(r"\bBy:"),
        TYPIST,
        re.compile(r"\b(?:cc|Cc|CC|c)\s*:"),
        re.compile(r"\bEnclosures?\b"),
        furniture.ENDORSEMENT,
    ):
        pieces = [cut for piece in pieces for cut in _cut(piece, pattern)]
    pieces = _endorsement_ends(pieces)
    cc_at = next((i for i, piece in enumerate(pieces) if CC_LINE.match(piece)), None)
    if cc_at is not None:  # one recipient a line: after each '(via ...)'
        tail = [cut for piece in pieces[cc_at:] for cut in _cut(piece, re.compile(r"\)(?=\s+[A-Z0-9])"), after=True)]
        pieces = pieces[:cc_at] + tail
    return ([body] if body else []) + pieces


def _endorsement_ends(pieces: list[str]) -> list[str]:
    """An endorsement ends at the judge's title ('... UNITED STATES DISTRICT JUDGE'): what follows is the footer."""
    out: list[str] = []
    for piece in pieces:
        title = furniture.JUDGE_TITLE.search(piece) if furniture.ENDORSEMENT.match(piece) else None
        if title and piece[title.end() :].strip():
            out += [piece[: title.end()], "", piece[title.end() :].strip()]
        else:
            out.append(piece)
    return out


# --- the letter's landmarks ----------------------------------------------------------


@dataclass
class _Marks:
    salutation: int  # first line of the body
    heading_start: int  # first line of the heading (the date's line where there is one)
    end: int  # first line of the tail (the cc list), or len(lines)
    cc_at: int | None
    missing: list[str]


def _find_marks(lines: list[str], kinds: list[str | None]) -> _Marks:
    missing: list[str] = []
    salutation = next((i for i, line in enumerate(lines) if kinds[i] is None and SALUTATION.match(line)), None)
    if salutation is None:
        missing.append("salutation")
        salutation = _body_start_without_salutation(lines, kinds)
    date_at = next((i for i in range(salutation) if kinds[i] is None and DATE_LINE.search(lines[i])), None)
    if date_at is None:
        missing.append("date")
        date_at = _heading_start_without_date(lines, kinds, salutation)
    cc_at = next((i for i in range(salutation + 1, len(lines)) if kinds[i] is None and CC_LINE.match(lines[i])), None)
    end = cc_at if cc_at is not None else len(lines)
    return _Marks(salutation, date_at, end, cc_at, missing)


def _body_start_without_salutation(lines: list[str], kinds: list[str | None]) -> int:
    """No 'Dear ...:': the text starts after the 'Re:' block, else after the addressee block, else after the date."""
    for start in (
        _after_block(lines, kinds, RE_LINE),
        _after_block(lines, kinds, ADDRESSEE_LINE),
        _after_block(lines, kinds, DATE_LINE),
    ):
        if start is not None:
            return start
    return next((i for i, line in enumerate(lines) if kinds[i] is None and line.strip()), 0)


def _after_block(lines: list[str], kinds: list[str | None], pattern: re.Pattern[str]) -> int | None:
    """The first line after the block (up to a blank line, or a line that starts a paragraph) that `pattern` starts."""
    start = next((i for i, line in enumerate(lines[:80]) if kinds[i] is None and pattern.match(line)), None)
    if start is None:
        return None
    i = start + 1
    while i < len(lines) and lines[i].strip() and len(lines[i]) < 90 and not lines[i][:1].isspace():
        i += 1
    return next((j for j in range(i, len(lines)) if lines[j].strip() and kinds[j] is None), None)


def _heading_start_without_date(lines: list[str], kinds: list[str | None], salutation: int) -> int:
    """Without a date, the heading starts at the delivery line, the addressee or 'Re:', whichever comes first."""
    for i in range(salutation):
        if kinds[i] is None and (
            DELIVERY_LINE.match(lines[i]) or ADDRESSEE_LINE.match(lines[i]) or RE_LINE.match(lines[i])
        ):
            return i
    return 0


# --- sorting the lines ----------------------------------------------------------------


def split_layout(text: str) -> Layout:
    """Sort the lines of a letter's text into letterhead, heading, body and tail, listing what is removed."""
    lines = normalise(text)
    kinds = furniture.classify(lines)
    marks = _find_marks(lines, kinds)
    for i in range(marks.heading_start):
        kinds[i] = kinds[i] or LETTERHEAD
    for i in range(marks.heading_start, marks.salutation):
        kinds[i] = kinds[i] or HEADING
    letterhead = [lines[i] for i in range(marks.heading_start) if kinds[i] == LETTERHEAD]
    heading = [lines[i] for i in range(marks.heading_start, marks.salutation) if kinds[i] == HEADING]
    _mark_page_headers(lines, kinds, marks.salutation, marks.end, letterhead + heading)
    if marks.cc_at is not None:
        _mark_tail(lines, kinds, marks.cc_at)
    else:
        _mark_trailing_footer(lines, kinds, marks.salutation)
    body = _body(lines, kinds, marks.salutation, marks.end)
    removed = [Removed(kind, lines[i]) for i, kind in enumerate(kinds) if kind and lines[i].strip()]
    return Layout(
        letterhead=letterhead,
        heading=heading,
        body=body,
        tail=lines[marks.end :] if marks.cc_at is not None else [],
        removed=removed,
        docket_entry=furniture.docket_entry(lines, kinds),
        filer=furniture.filer(lines, kinds),
        missing=marks.missing,
    )


SENTENCE_END = re.compile(r"[.:;!?”\"’')\]]\s*$")


def _body(lines: list[str], kinds: list[str | None], start: int, end: int) -> list[str]:
    """The body's lines; where page furniture sat between two lines of one sentence, the sentence runs on."""
    body: list[str] = []
    gap: list[str] = []  # blank lines since the last body line
    furniture_between = False
    for i in range(start, end):
        if kinds[i]:
            furniture_between = True
            continue
        if not lines[i].strip():
            gap.append(lines[i])
            continue
        if gap and not (furniture_between and body and _runs_on(body[-1], lines[i])):
            body.append("")
        body.append(lines[i])
        gap, furniture_between = [], False
    return body


def _runs_on(before: str, after: str) -> bool:
    """A page broke mid-sentence: the line before ends without a stop, or the next starts in lower case."""
    text = after.strip()
    return bool(before.strip()) and (not SENTENCE_END.search(before) or text[:1].islower()) and not CLOSING.match(after)


def _norm(line: str) -> str:
    return re.sub(r"[^a-z0-9]", "", line.lower())


def _header_like(line: str, known: set[str]) -> bool:
    """A line of a continuation page's running header: addressee, date, firm, 'Re:' repeated."""
    text = line.strip()
    if not text or len(text) > 80:
        return False
    return bool(
        _norm(text) in known
        or re.fullmatch(FULL_DATE, text)
        or re.match(
            r"(?:The\s+)?(?:Hon(?:orable|\.)|(?:Chief\s+|Magistrate\s+|District\s+|Bankruptcy\s+)?Judges?)\s", text
        )
        or re.search(r"\bU\.S\.[DMB]\.J\.", text)
        or re.fullmatch(r"[A-Z][A-Z ,.&'-]+\b(?:LLP|LLC|P\.?A\.?|P\.?C\.?|PLLC|L\.L\.P\.)", text)
    )


def _mark_page_headers(lines: list[str], kinds: list[str | None], start: int, end: int, top: list[str]) -> None:
    """Mark 'Page N' lines, the header lines around them, and bare page numbers, inside the body."""
    known = {_norm(line) for line in top if line.strip()}
    for i in range(start + 1, end):
        if kinds[i]:
            continue
        if PAGE_NUMBER.fullmatch(lines[i]):
            kinds[i] = "page number"
        elif PAGE_LINE.fullmatch(lines[i]):
            kinds[i] = "page header"
            j = i - 1
            while j > start and (not lines[j].strip() or kinds[j] or _header_like(lines[j], known)):
                kinds[j] = kinds[j] or ("page header" if lines[j].strip() else None)
                j -= 1
            j = i + 1
            while j < end and lines[j].strip() and not kinds[j] and _header_like(lines[j], known):
                kinds[j] = "page header"
                j += 1


FOOTER_LIKE = re.compile(
    r"\d{5}(?:-\d{4})?\b|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}|\bwww\.|\.com\b|https?://|@|\bSuite\b|\bPage\s+\d+|^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*$"
    r"|^\s*\d+\s+[A-Z]",
    re.I,
)


def _mark_tail(lines: list[str], kinds: list[str | None], cc_at: int) -> None:
    """The cc list runs until the first line that is an address, phone, web site or page mark: the footer."""
    in_footer = False
    for i in range(cc_at, len(lines)):
        if kinds[i] or not lines[i].strip():
            continue
        if i > cc_at and (FOOTER_LIKE.search(lines[i]) or PAGE_NUMBER.fullmatch(lines[i])):
            in_footer = True
        # a recipient's address runs on to how it was sent: '(via email, w/o enclosure)' is the cc's
        via = re.fullmatch(r"\s*\((?:via|by)\s+[^)]{1,60}\)\s*", lines[i], re.I)
        if NOTATION.fullmatch(lines[i]):
            kinds[i] = NOTED  # 'Enclosure' below the cc list: the letter's, not a recipient
            continue
        kinds[i] = CC if via or not in_footer else "footer"
        in_footer = in_footer and not via


def _mark_trailing_footer(lines: list[str], kinds: list[str | None], start: int) -> None:
    """Without a cc list, bare page numbers at the very end are furniture too."""
    for i in range(len(lines) - 1, start, -1):
        if kinds[i] or not lines[i].strip():
            continue
        if PAGE_NUMBER.fullmatch(lines[i]) or PAGE_LINE.fullmatch(lines[i]) or PAGE_FOOTER.fullmatch(lines[i]):
            kinds[i] = "page number"
            continue
        break
