"""Case numbers as courts write them, parsed so that one case compares equal to itself.

A federal case is written many ways: '19-cr-725 (JPO)', '1:19-cr-00725-JPO',
'19 Cr. 725', 'Case No. 19-CR-725'. The office code (the '1:'), the judges'
initials and the zero padding are presentation, not identity: the case is the
year, the kind of case and its number. State numbers such as Florida's
'2006CF009454A' (also '2006 CF 009454 A') are year, court division, number and
suffix. `parse` turns any of these into a `CaseNumber` whose `key` is the same
for every spelling of one case; `find_all` finds them in running text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Federal kinds as written on dockets and in letters -> the canonical docket code.
KINDS = {
    "cr": "cr",
    "crim": "cr",
    "cv": "cv",
    "c": "cv",  # the Northern District of Illinois: '99 C 1234'
    "civ": "cv",
    "civil": "cv",
    "bk": "bk",
    "b": "bk",
    "br": "bk",
    "bankr": "bk",
    "mj": "mj",
    "mag": "mj",
    "m": "mj",
    "md": "md",
    "mdl": "md",
    "mc": "mc",
    "misc": "mc",
    "ap": "ap",
    "adv": "ap",
    "sw": "sw",
}
KIND_NAMES = {
    "cr": "criminal",
    "cv": "civil",
    "bk": "bankruptcy",
    "mj": "magistrate",
    "md": "multidistrict litigation",
    "mc": "miscellaneous",
    "ap": "adversary proceeding",
    "sw": "search warrant",
    "state": "state",
    "other": "a form not known",
}
_KIND = "|".join(sorted(KINDS, key=len, reverse=True))
_JUDGES = r"(?:\s*\((?P<paren>[A-Z]{2,4}(?:\s*[/,-]\s*[A-Z]{2,4})*)\))?"

# '1:19-cr-00725-JPO', '4:19-cv-06669-JST-DMR', '19-cr-725 (JPO)', '20 Cr. 330 (AJN)', '19 cr. 830 (AT)'.
FEDERAL = re.compile(
    rf"(?<![\w:])(?:(?P<office>\d):)?(?P<year>\d{{2}})\s*[- ]\s*(?P<kind>{_KIND})\.?\s*[- ]?\s*(?P<number>\d{{1,6}})"
    rf"(?P<suffix>(?:-[A-Z]{{2,4}})*)(?![\w-]){_JUDGES}",
    re.I,
)
# Bankruptcy numbers carry no kind: '08-11153 (MG)' (needs five digits, or the judge's initials, to be a case).
# Some districts add the judge's initials and the chapter: '99-31234-ETL-7', '99-31234-sgj11'.
BANKRUPTCY = re.compile(
    r"(?<![\w:/-])(?:(?P<office>\d):)?(?P<year>\d{2})-(?P<number>\d{4,6})(?:-[A-Za-z]{2,4}\d{0,2}(?:-\d{1,2})?)?(?![\w/-])"
    + _JUDGES
)
# Districts that write a short number after the kind of case: 'Civil Action No. 99-4567 (ORP)' (D.N.J.),
# 'Criminal No. 99-321' (E.D. Pa.). Without the label these would read as bankruptcy numbers.
# The District of Delaware writes the judge's initials after a hyphen: 'Civ. No. 22-1234-CFC', 'C.A. No. 22-1234-CFC'
# (a two-digit year: Delaware Chancery's 'C.A. No. 2099-0123-XYZ' is no federal number).
LABELLED_FEDERAL = re.compile(
    r"(?:\b(?P<label>Civil\s+Action|Civ(?:il)?\.?|Criminal(?:\s+Action)?|Crim\.?|Cr\.)|(?<!\w)C\.\s?A\.)\s+(?:No\.?|Number)\s*:?\s*"
    r"(?P<num>(?:(?P<office>\d):)?(?P<year>\d{2})-(?P<number>\d{1,6})(?:-[A-Z]{2,4}){0,2}(?![\w/-])" + _JUDGES + ")",
    re.I,
)
# New York's index and indictment numbers: 'Index No. 654321/2020', 'Ind. No. 1234-2019'.
INDEX = re.compile(
    r"\b(?:Index|Ind\.|Indictment)\s+(?:No\.?|Number)\s*:?\s*(?P<number>\d{3,7})\s*[/-]\s*(?P<year>(?:19|20)\d{2})\b",
    re.I,
)
# 'MDL No. 2804'
MDL = re.compile(r"\bMDL\s+(?:No\.?\s*)?(?P<number>\d{3,5})\b", re.I)
# Florida and other state numbers: '2006CF009454A', '2006 CF 009454 A', '2019-CA-001234'.
STATE = re.compile(
    r"(?<![\w-])(?P<year>(?:19|20)\d{2})\s*-?\s*(?P<division>[A-Z]{2,3})\s*-?\s*(?P<number>\d{4,7})(?:\s*-?\s*(?P<suffix>[A-Z]{1,4}))?(?![\w-])"
)

# Any other court's number after its label: California's 'Case No. 99STCV01234', Texas's
# 'Cause No. D-1-GN-99-001234'. Its parts are not known, so the number as written (upper case) is its key.
LABELLED = re.compile(
    r"(?<!Our\s)(?<!Client\s)(?<!Claim\s)(?:\b(?i:Case|Cause|Docket|Index)|\bC\.\s?A\.)\s+(?i:No\.?|Number|#)\s*:?\s*"
    r"(?P<number>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,24}[A-Z0-9])(?![\w-])"
)


@dataclass(frozen=True)
class CaseNumber:
    """One case's number: `key` is equal for every spelling of the same case."""

    text: str  # as written
    kind: str  # cr, cv, bk, mj, md, mc, ap, sw, or 'state'
    year: str  # two digits (federal) or four (state); '' for an MDL number
    number: int
    division: str = ""  # a state number's division letters: CF, CA...
    suffix: str = ""  # a state number's trailing letters
    judges: tuple[str, ...] = ()  # initials: ('JST', 'DMR')
    office: str = ""  # the federal divisional office code: '1' in '1:19-cr-725'
    raw: str = ""  # a number in a form whose parts are not known: it is its own key

    @property
    def key(self) -> str:
        if self.raw:
            return self.raw
        return self._key

    @property
    def _key(self) -> str:
        if self.kind == "state":
            return f"{self.year}-{self.division}-{self.number:06d}{'-' + self.suffix if self.suffix else ''}"
        if not self.year:
            return f"{self.kind}-{self.number}"
        return f"{self.year}-{self.kind}-{self.number:05d}"

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)

    @property
    def is_bankruptcy(self) -> bool:
        return self.kind in {"bk", "ap"}

    def __str__(self) -> str:
        return self.text


def _federal(match: re.Match[str]) -> CaseNumber:
    judges = [j for j in (match["suffix"] or "").split("-") if j]
    if match["paren"]:
        judges += re.split(r"\s*[/,-]\s*", match["paren"])
    return CaseNumber(
        text=match.group(0).strip(),
        kind=KINDS[match["kind"].lower()],
        year=match["year"],
        number=int(match["number"]),
        judges=tuple(judges),
        office=match["office"] or "",
    )


def _labelled_federal(match: re.Match[str]) -> CaseNumber:
    return CaseNumber(
        text=match["num"].strip(),
        kind="cr" if (match["label"] or "").lower().startswith("cr") else "cv",  # "C.A." is a civil action
        year=match["year"],
        number=int(match["number"]),
        judges=tuple(re.split(r"\s*[/,-]\s*", match["paren"])) if match["paren"] else (),
        office=match["office"] or "",
    )


def _bankruptcy(match: re.Match[str]) -> CaseNumber:
    adversary = re.search(
        r"Adv(?:ersary)?\.?\s*(?:Pro(?:c|ceeding)?\.?)?\s*(?:No\.?)?\s*$", match.string[: match.start()], re.I
    )
    return CaseNumber(
        text=match.group(0).strip(),
        kind="ap" if adversary else "bk",
        year=match["year"],
        number=int(match["number"]),
        judges=tuple(re.split(r"\s*[/,-]\s*", match["paren"])) if match["paren"] else (),
        office=match["office"] or "",
    )


def _state(match: re.Match[str]) -> CaseNumber:
    return CaseNumber(
        text=match.group(0).strip(),
        kind="state",
        year=match["year"],
        number=int(match["number"]),
        division=match["division"].upper(),
        suffix=(match["suffix"] or "").upper(),
    )


def find_all(text: str) -> list[CaseNumber]:
    """Every case number in `text`, in reading order, each case once (first spelling kept)."""
    found: list[tuple[int, int, CaseNumber]] = []
    for match in LABELLED_FEDERAL.finditer(text):
        found.append((match.start("num"), match.end("num"), _labelled_federal(match)))
    for pattern, build in ((FEDERAL, _federal), (STATE, _state), (BANKRUPTCY, _bankruptcy)):
        for match in pattern.finditer(text):
            if not _overlaps(match.span(), found):  # else already read as another kind of number
                found.append((*match.span(), build(match)))
    for match in INDEX.finditer(text):
        number = CaseNumber(match.group(0), "state", match["year"], int(match["number"]), "IDX")
        found.append((match.start(), match.end(), number))
    for match in MDL.finditer(text):
        found.append((match.start(), match.end(), CaseNumber(match.group(0), "md", "", int(match["number"]))))
    for match in LABELLED.finditer(text):
        span = match.span("number")
        if not _overlaps(span, found):
            raw = match["number"].upper()
            digits = re.findall(r"\d+", raw)
            found.append((*span, CaseNumber(match["number"], "state", "", int(digits[-1]), raw=raw)))
    return _each_once(number for _, _, number in sorted(found, key=lambda item: item[0]))


def _overlaps(span: tuple[int, int], found: list[tuple[int, int, CaseNumber]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end, _ in found)


def _each_once(numbers: Iterable[CaseNumber]) -> list[CaseNumber]:
    seen: set[str] = set()
    kept = []
    for number in numbers:
        if number.key not in seen:
            seen.add(number.key)
            kept.append(number)
    return kept


# The last resort, for a 'Re:' line with no number of a known form: whatever follows 'No.' ('No. 99-1234C').
AFTER_NO = re.compile(
    r"(?<!ECF\s)(?<!Dkt\.\s)(?<!Doc\.\s)(?<!Dkt\s)\b(?:No|Nos|Number)\.?\s*:?\s*"
    r"(?P<number>(?=[\w.:/-]*\d)[A-Z0-9][\w.:/-]{2,30}[A-Za-z0-9])"
)


def find_after_no(text: str) -> list[CaseNumber]:
    """Numbers after 'No.' in a form none of the patterns knows: kept as written, kind 'other'."""
    found = []
    for match in AFTER_NO.finditer(text):
        raw = match["number"].upper()
        found.append(CaseNumber(match["number"], "other", "", int(re.findall(r"\d+", raw)[-1]), raw=raw))
    return found[:1]


def parse(text: str) -> CaseNumber | None:
    """The case number `text` is (a number alone, or with 'Case No.' / 'Docket #' around it)."""
    numbers = find_all(text)
    return numbers[0] if numbers else None


def same_case(a: str, b: str) -> bool:
    """True when two spellings name one case: same_case('20 Cr. 330 (AJN)', '1:20-cr-00330-AJN')."""
    first, second = parse(a), parse(b)
    return first is not None and second is not None and first.key == second.key
