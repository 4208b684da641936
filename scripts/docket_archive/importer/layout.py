"""The page layout of a letter: which lines are the letter and which are page furniture.

A letter's text, as OCR or a PDF gives it, carries more than the letter: the
court's filing header stamped on every page ('Case 1:20-cr-00330-AJN Document 78
Filed 12/01/20 Page 1 of 2'), the running header of continuation pages ('Hon.
Martin Glenn / June 22, 2009 / Page 2'), page numbers, Bates numbers
('DOJ-OGR-00021994'), the firm's letterhead and footer, and descriptions of the
signature image. `split_layout` sorts every line into the parts of a letter and
lists each line it takes out of the text with why, so that nothing is silently
dropped: every word of the source is either in `Layout.body` or in
`Layout.removed` (the original file is kept as well).

OCR of a scanned page sometimes runs the whole page together on one line; such a
line is cut at the landmarks every letter has (the filing header, the date, the
addressee, 'Re:', the salutation, the closing, 'By:', 'cc:') before anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
FULL_DATE = rf"(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
FILING_HEADER = re.compile(
    r"Case\s+\d+:\d{2}-[a-z]{2,4}-\d{3,6}(?:-[A-Z]{2,4})*\s+Document\s+\d+(?:-\d+)?\s+Filed\s+\d{1,2}/\d{1,2}/\d{2,4}"
    r"\s+Page\s+\d+\s+of\s+\d+(?:\s+PageID\s*#?:?\s*\d+)?",
    re.I,
)
BATES = r"[A-Z]{2,}(?:[-_][A-Z]{2,})*[-_]\d{5,10}"
BATES_LINE = re.compile(rf"\s*{BATES}\s*")
BATES_AT_END = re.compile(r"(?<=\s)(?P<bates>[A-Z]{2,}(?:-[A-Z]{2,})*-\d{5,10})\s*$")
PAGE_LINE = re.compile(r"\s*(?:Page|PAGE)\s+\d+(?:\s+(?:of|OF)\s+\d+)?\s*")
PAGE_NUMBER = re.compile(r"\s*[-–]?\s*\d{1,3}\s*[-–]?\s*")
PAGE_FOOTER = re.compile(r"\s*(?:Page|PAGE)\s+\d+(?:\s+of\s+\d+)?\b.{0,60}")
SALUTATION = re.compile(r"^\s*(?:Dear\s+[^:;\n]{2,80}|(?:May\s+it\s+please\s+)?Your\s+Honou?r)[:;,]\s*$")
SALUTATION_INLINE = re.compile(
    r"\bYour\s+Honou?r\s*:|\bDear\s+Your\s+Honou?r\s*[:;]|\bDear\s+(?:(?:The\s+)?Hon(?:orable|\.)\s+|Chief\s+|Magistrate\s+|Bankruptcy\s+|District\s+)?(?:Judges?|Justices?|Mr\.|Ms\.|Mrs\.|Sir|Madam|Counsel)\b[^:;]{0,60}[:;]"
)
CLOSING = re.compile(
    r"^\s*(?:Respectfully\s+submitted|Respectfully\s+yours|Respectfully|Sincerely(?:\s+yours)?|Very\s+truly\s+yours|"
    r"Yours\s+(?:truly|sincerely|very\s+truly)|Best\s+regards|Kind\s+regards|Regards)\s*[,.]?\s*$",
    re.I,
)
CLOSING_INLINE = re.compile(
    r"\b(?:Respectfully\s+submitted|Very\s+truly\s+yours|Sincerely(?:\s+yours)?|Yours\s+truly|Respectfully\s+yours)\s*,"
)
CC_LINE = re.compile(r"^\s*(?:cc|c|copy|copies)\s*(?:to)?\s*(?:\((?:via|by)\s+[^)]{1,40}\))?\s*:", re.I)
SIGNATURE_IMAGE = re.compile(
    r"^\s*(?:\[|\()?\s*(?:an?\s+)?(?:handwritten\s+|illegible\s+|electronic\s+)?signature\b"
    r"|\bsignature\s+(?:image|block\s+image)\b|\bappearing\s+to\s+read\b",
    re.I,
)
DELIVERY_INLINE = re.compile(
    r"\b(?:FILED\s+)?(?:BY|VIA)\s+(?:ECF|E-?MAIL|HAND(?:\s+DELIVERY)?|FEDEX|FEDERAL\s+EXPRESS|FACSIMILE|FAX|OVERNIGHT(?:\s+MAIL)?|"
    r"FIRST[- ]CLASS\s+MAIL|U\.S\.\s+MAIL|CERTIFIED\s+MAIL|UPS|ELECTRONIC\s+(?:MAIL|FILING)|MAIL)\b"
)
ADDRESSEE_INLINE = re.compile(r"\b(?:The\s+)?Hon(?:orable|\.)\s+(?=[A-Z])")
RE_INLINE = re.compile(r"\b(?:Re|RE)\s*:")
TYPIST = re.compile(r"\b[A-Z]{2,4}[:/][a-z]{2,4}\b")
COURT_STAMP = re.compile(
    r"\s*(?:USDC\s+SDNY|USDS\s+SDNY|DOCUMENT|ELECTRONICALLY\s+FILED|DOC\s*#\s*:?.{0,20}|DATE\s+FILED\s*:?.{0,20})\s*",
    re.I,
)
ENDORSEMENT = re.compile(
    r"\bSO\s+ORDERED\b|\bMEMO(?:RANDUM)?\s+ENDORSE|\bApplication\s+(?:is\s+)?(?:GRANTED|DENIED)|"
    r"\bThe\s+Clerk\s+of\s+(?:the\s+)?Court\s+is\s+(?:respectfully\s+)?directed",
    re.I,
)
ENDORSED = "endorsement (in the front matter)"
LONG_LINE = 250  # a line longer than this holds several parts of the letter: OCR ran them together


@dataclass(frozen=True)
class Removed:
    """A line (or part of one) kept out of the letter's text, and why."""

    kind: str  # letterhead, court filing header, page header, page number, Bates number, footer, signature image
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
    removed: list[Removed] = field(default_factory=list)  # page furniture, letterhead, footers

    @property
    def text(self) -> str:
        return "\n".join(self.body)


class LayoutError(ValueError):
    """The text has no recognisable letter in it."""


def normalise(text: str) -> list[str]:
    """The text's lines, with lines that OCR ran together cut at the letter's landmarks."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n"):
        raw = raw.replace("\u00a0", " ").rstrip()
        for piece in _cut_filing_headers(raw):
            lines.extend(_cut_long(piece) if len(piece) > LONG_LINE else [piece])
    out: list[str] = []
    for line in lines:  # a Bates number stamped at the end of a run-together line is its own line
        match = BATES_AT_END.search(line)
        if match and line[: match.start()].strip():
            out += [line[: match.start()].rstrip(), match["bates"]]
        else:
            out.append(line)
    return out


def _cut_filing_headers(line: str) -> list[str]:
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
    pieces = [head]
    for pattern, first_only in (
        (re.compile(FULL_DATE), True),
        (DELIVERY_INLINE, True),
        (ADDRESSEE_INLINE, False),
        (RE_INLINE, True),
    ):
        pieces = [cut for piece in pieces for cut in _cut(piece, pattern, first_only=first_only)]
    return [*pieces, salute.strip(), *_cut_closing_part(rest)]


def _cut_closing_part(text: str) -> list[str]:
    closing = CLOSING_INLINE.search(text)
    if not closing:
        return [text.strip()] if text.strip() else []
    body, sign = text[: closing.start()].strip(), text[closing.start() :]
    pieces = _cut(sign, CLOSING_INLINE, after=True)
    for pattern in (re.compile(r"\bBy:"), TYPIST, re.compile(r"\b(?:cc|Cc|CC|c)\s*:"), re.compile(r"\bEnclosures?\b")):
        pieces = [cut for piece in pieces for cut in _cut(piece, pattern)]
    cc_at = next((i for i, piece in enumerate(pieces) if CC_LINE.match(piece)), None)
    if cc_at is not None:  # one recipient a line: after each '(via ...)'
        tail = [cut for piece in pieces[cc_at:] for cut in _cut(piece, re.compile(r"\)(?=\s+[A-Z0-9])"), after=True)]
        pieces = pieces[:cc_at] + tail
    return ([body] if body else []) + pieces


HEADING = "heading (in the front matter)"
CC = "cc (in the front matter)"
FOOTER_LIKE = re.compile(
    r"\d{5}(?:-\d{4})?\b|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}|\bwww\.|\.com\b|https?://|@|\bSuite\b|\bPage\s+\d+|^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*$"
    r"|^\s*\d+\s+[A-Z]",
    re.I,
)


def split_layout(text: str) -> Layout:
    """Sort the lines of a letter's text into letterhead, heading, body and tail, listing what is removed."""
    lines = normalise(text)
    kinds: list[str | None] = [_furniture(line) for line in lines]
    salutation = next((i for i, line in enumerate(lines) if kinds[i] is None and SALUTATION.match(line)), None)
    if salutation is None:
        salutation = _after_re_block(lines)
    if salutation is None:
        raise LayoutError("no salutation found: expected a line such as 'Dear Judge Glenn:' before the letter's text")
    _mark_top_endorsement(lines, kinds, salutation)
    date_at = next(
        (i for i in range(salutation) if kinds[i] is None and re.search(rf"\b{FULL_DATE}", lines[i])),
        None,
    )
    heading_start = date_at if date_at is not None else 0
    for i in range(heading_start):
        kinds[i] = kinds[i] or "letterhead"
    for i in range(heading_start, salutation):
        kinds[i] = kinds[i] or HEADING
    letterhead = [lines[i] for i in range(heading_start) if kinds[i] == "letterhead"]
    heading = [lines[i] for i in range(heading_start, salutation) if kinds[i] == HEADING]
    _mark_endorsement(lines, kinds, salutation)
    cc_at = next((i for i in range(salutation + 1, len(lines)) if kinds[i] is None and CC_LINE.match(lines[i])), None)
    end = cc_at if cc_at is not None else len(lines)
    _mark_page_headers(lines, kinds, salutation, end, letterhead + heading)
    tail = lines[end:] if cc_at is not None else []
    if cc_at is not None:
        _mark_tail(lines, kinds, cc_at)
    else:
        _mark_trailing_footer(lines, kinds, salutation)
    body = [line for i, line in enumerate(lines[salutation:end], start=salutation) if kinds[i] is None]
    removed = [Removed(kind, lines[i]) for i, kind in enumerate(kinds) if kind and lines[i].strip()]
    return Layout(letterhead=letterhead, heading=heading, body=_trim(body), tail=tail, removed=removed)


def _after_re_block(lines: list[str]) -> int | None:
    """Without a salutation, the text starts after the 'Re:' block (its lines up to the first blank one)."""
    start = next((i for i, line in enumerate(lines) if re.match(r"\s*(?:Re|RE)\s*:", line)), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), None)
    return next((i for i in range((end or start) + 1, len(lines)) if lines[i].strip()), None)


def _mark_endorsement(lines: list[str], kinds: list[str | None], salutation: int) -> None:
    """The judge's endorsement below the signature ('Application GRANTED. SO ORDERED. Dated: ... U.S.D.J.')."""
    closing = next((i for i in range(salutation, len(lines)) if CLOSING.match(lines[i])), None)
    if closing is None:
        return
    hit = next((i for i in range(closing + 1, len(lines)) if not kinds[i] and ENDORSEMENT.search(lines[i])), None)
    if hit is None:
        return
    end = hit
    for i in range(hit, min(len(lines), hit + 10)):
        if i > hit and (CC_LINE.match(lines[i]) or len(lines[i]) > 100):
            break
        if lines[i].strip() and not kinds[i]:
            kinds[i], end = ENDORSED, i
    for i in range(hit, end):
        kinds[i] = kinds[i] or (ENDORSED if lines[i].strip() else None)


def _mark_top_endorsement(lines: list[str], kinds: list[str | None], salutation: int) -> None:
    """A judge's endorsement stamped above the letter ('MEMO ENDORSED ... SO ORDERED. October 7, 2025'):
    its lines from the first that says so to a blank line are the endorsement, and its date is not the letter's."""
    hit = next((i for i in range(salutation) if not kinds[i] and ENDORSEMENT.search(lines[i])), None)
    if hit is None or any(CLOSING.match(lines[i]) for i in range(hit)):
        return
    start = end = hit
    while end + 1 < salutation and lines[end + 1].strip():
        end += 1
    for i in range(start, end + 1):
        kinds[i] = kinds[i] or ENDORSED


def _furniture(line: str) -> str | None:
    if FILING_HEADER.fullmatch(line.strip()):
        return "court filing header"
    if COURT_STAMP.fullmatch(line):
        return "court stamp"
    if BATES_LINE.fullmatch(line):
        return "Bates number"
    if SIGNATURE_IMAGE.search(line):
        return "signature image"
    return None


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


def _trim(body: list[str]) -> list[str]:
    while body and not body[-1].strip():
        body.pop()
    return body
