"""Page furniture: what the court, the clerk, the fax machine and the printer put on a letter's pages.

Recognised line by line before the letter's parts are looked for, wherever it
sits on the page (above the letterhead, in the heading, between paragraphs, at
the foot): court filing headers ('Case 1:19-cr-00830-AT Document 20 Filed
01/27/20 Page 1 of 2', a bankruptcy court's '09-50026-reg Doc 13365 Filed
08/11/15 Entered ...'), clerk's and e-filing stamps (USDC SDNY / ELECTRONICALLY
FILED / DOC #, NYSCEF DOC. NO., 'FILED: NEW YORK COUNTY CLERK'), fax
transmission headers, Bates numbers, document-management numbers
('26260351v1'), a docket entry pasted above the letter, and the judge's
endorsement, which is kept (with its own date) in the letter's `endorsement`.

The filing header and the e-filing stamp say where the letter itself sits on
the docket: `docket_entry` reads its number and filing date from them.

Every pattern here is anchored or bounded: a line is at most `layout.LONG_LINE`
characters once OCR's run-together pages are cut, and nothing backtracks over
more than that.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from . import dates

# 'Document 20 Filed 01/27/20', 'Doc 13365 Filed 08/11/15', OCR's 'Document.96 ..Filed.03/27/20'.
_ENTRY = (
    r"\b(?:Document|Doc|Dkt|DE)\b[\s.#:]{0,4}(?P<number>\d{1,6}(?:-\d{1,3})?)[\s.,]{0,6}"
    r"Filed[\s.:]{0,4}(?P<filed>\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{2,4})"
)
_HEADER_TAIL = (
    r"(?:\s{0,4}Entered[\s.:]{0,4}\d{1,2}/\d{1,2}/\d{2,4}(?:\s{1,4}\d{1,2}:\d{2}(?::\d{2})?)?)?"
    r"(?:\s{0,4}(?:Desc\s+)?Main\s+Document)?"
    r"(?:\s{0,4}(?:Page|Pg)[\s.]{0,3}\d{1,3}\s{0,3}of\s{0,3}\d{1,3})?"
    r"(?:\s{0,4}Page\s?ID\s{0,2}#?:?\s{0,2}\d{1,7})?"
)
# The case number the header starts with ('Case 1:19-cr-00830-AT', '09-50026-reg', OCR's 'Kee CM').
FILING_HEADER = re.compile(r"(?:\bCase\s+)?(?:\d[\w:.-]{3,40}\s+)?(?:[A-Z]{2,4}\s+)?" + _ENTRY + _HEADER_TAIL, re.I)
# New York's e-filing stamp: 'NYSCEF DOC. NO. 12' and 'RECEIVED NYSCEF: 05/06/2022'.
NYSCEF_NUMBER = re.compile(r"\bNYSCEF\s+DOC\.?\s*NO\.?\s*(?P<number>\d{1,6})\b", re.I)
NYSCEF_RECEIVED = re.compile(r"\bRECEIVED\s+NYSCEF\s*:?\s*(?P<filed>\d{1,2}/\d{1,2}/\d{2,4})", re.I)
# One item of a clerk's or e-filing stamp; a stamp line holds one to four ('NYSCEF DOC. NO. 45    RECEIVED NYSCEF: ...').
_STAMP_ITEM = (
    r"(?:USDC\s+S\.?D\.?N\.?Y\.?|USDS\s+SDNY|USDC\s+[A-Z]{3,5}|DOCUMENT|ELECTRONICALLY\s+FILED|DOC\s*#\s*:?[\s\w/_-]{0,20}"
    r"|DATE\s+FILED\s*:?[\s\d/_-]{0,20}|FILED\s+(?:IN|WITH)\s+(?:THE\s+)?CLERK['’]?S\s+OFFICE[^\n]{0,40}"
    r"|RECEIVED(?:\s+IN)?\s+CHAMBERS[^\n]{0,30}|NYSCEF\s+DOC\.?\s*NO\.?\s*\d{1,6}|RECEIVED\s+NYSCEF\s*:?\s*[\d/]{6,10}"
    r"|FILED\s*:\s*[A-Z][A-Z ]{2,30}\bCOUNTY\s+CLERK\b\s*[\d/]{6,10}(?:\s+\d{1,2}:\d{2}\s*[AP]M)?"
    r"|INDEX\s+NO\.?\s*[\w/-]{1,20})"
)
COURT_STAMP = re.compile(rf"\s*{_STAMP_ITEM}(?:\s+{_STAMP_ITEM}){{0,3}}\s*", re.I)
# 'Index No. ...' alone is a 'Re:' line's; it is a stamp only beside the county clerk's or NYSCEF's words.
_STAMP_ONLY_WITH_OTHERS = re.compile(r"\s*INDEX\s+NO\.?\s*[\w/-]{1,20}\s*", re.I)
# A fax machine's line: 'Jun-05-03 03:14pm From-CURTIS MALLET T-123 P.002/003 F-456', '05/06/2022 10:15 FAX ... @002/003'.
FAX_HEADER = re.compile(
    r"(?i)^(?=.{0,200}\b(?:FAX|From[-:]|TO[-:]|T-\d{2,5}|F-\d{2,5})\b)"
    r"(?=.{0,200}(?:\bP\.?\s?\d{1,3}\s?/\s?\d{1,3}\b|@\s?\d{3}\b|\bPAGE\s+\d{1,3}\s?/\s?\d{1,3}\b))"
    r"(?=.{0,200}\d{1,2}:\d{2})"
)
BATES = r"[A-Z]{2,}(?:[-_][A-Z]{2,})*[-_]\d{5,10}"
BATES_LINE = re.compile(rf"\s*{BATES}\s*")
# Document-management numbers printed at a page's foot: '26260351v1', 'DB1/ 113332831.1', 'NYDOCS01/1234567.2'.
DMS_NUMBER = r"(?:[A-Z]{2,8}\d{0,2}\s?/\s?\d{6,12}(?:\.\d{1,2})?|\d{6,10}v\d{1,2})"
DMS_LINE = re.compile(rf"\s*{DMS_NUMBER}\s*")
SIGNATURE_IMAGE = re.compile(
    r"^\s*(?:\[|\()?\s*(?:an?\s+)?(?:handwritten\s+|illegible\s+|electronic\s+)?signature\b"
    r"|\bsignature\s+(?:image|block\s+image)\b|\bappearing\s+to\s+read\b",
    re.I,
)
# A docket entry pasted above the letter ('Docket # 61502' / 'Filed Sep 27 2022' / its text), as court sites print it.
PASTED_ENTRY = re.compile(r"\s*(?:Docket|Doc\.?|Dkt\.?|ECF)\s*(?:#|No\.?|Entry)\s*:?\s*(?P<number>\d{1,6})\s*$", re.I)
PASTED_FILED = re.compile(r"\s*(?:Filed|Entered|Date\s+Filed)\s*:?\s*(?P<filed>.{6,30}?)\s*$", re.I)
FILED_BY = re.compile(
    r"\bFiled\s+by\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\s+on\s+behalf\s+of\s+(?P<party>[^.(]{2,120})"
)

ENDORSEMENT = re.compile(
    r"\bSO\s+ORDERED\b|\bMEMO(?:RANDUM)?\s+ENDORSE|\bApplication\s+(?:is\s+)?(?:GRANTED|DENIED)|"
    r"\bThe\s+Clerk\s+of\s+(?:the\s+)?Court\s+is\s+(?:respectfully\s+)?directed",
    re.I,
)
JUDGE_TITLE = re.compile(
    r"\b(?:United\s+States\s+(?:District|Magistrate|Bankruptcy)\s+Judge|U\.S\.[DMB]\.J\.|(?:Justice|Judge)\s+of\s+the\s+Supreme\s+Court|J\.S\.C\.)",
    re.I,
)

FILING = "court filing header"
STAMP = "court stamp"
FAX = "fax header"
BATES_KIND = "Bates number"
DMS = "document number"
SIGNATURE = "signature image"
PASTED = "docket entry (pasted above the letter)"
ENDORSED = "endorsement (in the front matter)"


@dataclass(frozen=True)
class DocketEntry:
    """The letter's own entry on the docket, as its filing header or e-filing stamp gives it."""

    number: str
    filed: datetime.date | None
    case_text: str = ""  # the case number the header starts with, as printed
    source: str = ""  # the header it was read from

    def as_fields(self) -> dict[str, str]:
        out = {"number": self.number}
        if self.filed:
            out["filed"] = self.filed.isoformat()
        return out


@dataclass(frozen=True)
class Filer:
    """'Filed by Brant Kuehn on behalf of Lehman Brothers Holdings Inc.' in a pasted docket entry."""

    name: str
    party: str


def line_kind(line: str) -> str | None:
    """The kind of furniture a whole line is, or None when it may be the letter's."""
    text = line.strip()
    if not text:
        return None
    header = FILING_HEADER.search(text) if len(text) <= 200 else None
    if header and header.end() == len(text) and header.start() <= 12:  # OCR may garble 'Case 1:19-cv-...': 'Kee CM'
        return FILING
    if COURT_STAMP.fullmatch(text) and not _STAMP_ONLY_WITH_OTHERS.fullmatch(text):
        return STAMP
    if len(text) <= 200 and FAX_HEADER.match(text):
        return FAX
    if BATES_LINE.fullmatch(text):
        return BATES_KIND
    if DMS_LINE.fullmatch(text):
        return DMS
    if SIGNATURE_IMAGE.search(text):
        return SIGNATURE
    return None


def classify(lines: list[str]) -> list[str | None]:
    """Each line's furniture kind (None for the letter's own lines); endorsements and pasted entries as blocks."""
    kinds = [line_kind(line) for line in lines]
    _mark_pasted_entry(lines, kinds)
    _mark_endorsements(lines, kinds)
    return kinds


def _mark_pasted_entry(lines: list[str], kinds: list[str | None]) -> None:
    """'Docket # 61502' near the top, a 'Filed' line, and the entry's text up to the first blank line."""
    for start in range(min(len(lines), 6)):
        if kinds[start] is None and PASTED_ENTRY.fullmatch(lines[start]):
            break
    else:
        return
    end = start + 1
    while end < len(lines) and not lines[end].strip():
        end += 1  # 'Docket # 61502', a blank line, 'Filed Sep 27 2022'
    if end >= len(lines) or not PASTED_FILED.fullmatch(lines[end]):
        return
    end += 1
    while end < len(lines) and not lines[end].strip():
        end += 1  # the entry's text may sit below a blank line
    while end < len(lines) and end - start < 14 and lines[end].strip():
        end += 1
    for i in range(start, end):
        kinds[i] = kinds[i] or (PASTED if lines[i].strip() else None)


def _mark_endorsements(lines: list[str], kinds: list[str | None]) -> None:
    """A judge's endorsement, wherever it is stamped: from a line that says so ('SO ORDERED', 'MEMO ENDORSED',
    'Application GRANTED') to a blank line, the judge's title, or a line that is plainly the letter's."""
    i = 0
    while i < len(lines):
        if kinds[i] is None and _endorsement_starts(lines[i]):
            i = _mark_endorsement_block(lines, kinds, i)
        i += 1


def _endorsement_starts(line: str) -> bool:
    text = line.strip()
    match = ENDORSEMENT.search(text)
    # in a paragraph, 'so ordered' is the letter's own words; an endorsement starts its line or stands short
    return match is not None and (match.start() == 0 or len(text) <= 80)


def _mark_endorsement_block(lines: list[str], kinds: list[str | None], start: int) -> int:
    end = start
    for i in range(start, min(len(lines), start + 10)):
        text = lines[i].strip()
        if i > start and (not text or len(text) > 160 or _letter_landmark(text)):
            break
        kinds[i] = kinds[i] or ENDORSED
        end = i
        if JUDGE_TITLE.search(text):
            break
    return end


def _letter_landmark(text: str) -> bool:
    return bool(re.match(r"(?:Re|RE)\s*:|Dear\s|(?:The\s+)?Hon(?:orable|\.)\s|(?:cc|CC|Cc)\s*:", text))


def docket_entry(lines: list[str], kinds: list[str | None]) -> DocketEntry | None:
    """The letter's own docket entry: from the first filing header, e-filing stamp or pasted entry."""
    for i, line in enumerate(lines):
        if kinds[i] == FILING:
            match = FILING_HEADER.search(line)
            if match:
                case = line[: match.start("number")].strip()
                case = re.sub(r"\s*\b(?:Document|Doc|Dkt|DE)\b[\s.#:]*$", "", case, flags=re.I)
                filed = dates.parse(re.sub(r"\s", "", match["filed"]))
                return DocketEntry(match["number"], filed, case, line.strip())
    found = _nyscef(lines, kinds) or _pasted(lines, kinds)
    return found


def _nyscef(lines: list[str], kinds: list[str | None]) -> DocketEntry | None:
    stamped = [line for i, line in enumerate(lines) if kinds[i] == STAMP]
    number = next((m for line in stamped if (m := NYSCEF_NUMBER.search(line))), None)
    if number is None:
        return None
    received = next((m for line in stamped if (m := NYSCEF_RECEIVED.search(line))), None)
    filed = dates.parse(received["filed"]) if received else None
    return DocketEntry(number["number"], filed, "", number.group(0))


def _pasted(lines: list[str], kinds: list[str | None]) -> DocketEntry | None:
    block = [line for i, line in enumerate(lines) if kinds[i] == PASTED]
    number = next((m for line in block if (m := PASTED_ENTRY.fullmatch(line))), None)
    if number is None:
        return None
    filed_line = next((m for line in block if (m := PASTED_FILED.fullmatch(line))), None)
    filed = dates.parse(filed_line["filed"]) if filed_line else None
    return DocketEntry(number["number"], filed, "", block[0].strip())


def filer(lines: list[str], kinds: list[str | None]) -> Filer | None:
    """Who filed the letter and for whom, where a pasted docket entry says so."""
    for i, line in enumerate(lines):
        if kinds[i] == PASTED and (match := FILED_BY.search(line)):
            return Filer(match["name"].strip(), match["party"].strip(" .,"))
    return None
