"""Reading a status letter's plain text (OCR output or a PDF's text layer).

`extract` finds the parts of a law-firm letter to a judge: letterhead, date,
delivery line, addressee block, "Re:" line, salutation, body, signature block
and cc list. It returns what it found as text, plus notes on what it was unsure
of. Matching names and numbers to the registries is the resolver's job.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_TEXT = rf"(?:{MONTHS})\s+\d{{1,2}},\s+\d{{4}}"
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}
NUMBER_WORDS.update({"fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90})
DELIVERY = {
    "FEDEX": "FedEx",
    "FEDERAL EXPRESS": "FedEx",
    "HAND": "hand",
    "HAND DELIVERY": "hand",
    "ECF": "ECF",
    "E-MAIL": "e-mail",
    "EMAIL": "e-mail",
    "FACSIMILE": "fax",
    "FAX": "fax",
    "OVERNIGHT MAIL": "overnight mail",
    "FIRST CLASS MAIL": "mail",
    "MAIL": "mail",
    "UPS": "UPS",
}
CLOSINGS = ("respectfully submitted", "respectfully yours", "sincerely", "very truly yours", "yours truly")
SIGNATURE_IMAGE = re.compile(r"^(?:a\s+)?(?:handwritten\s+)?signature\b|^\[signature|^\(signature|^/s/\s*$", re.I)


class ExtractionError(ValueError):
    """The text is not a letter we can import (no date, no case number...)."""


@dataclass
class LetterRef:
    text: str
    date: date
    type: str = ""
    sequence: int | None = None


@dataclass
class DocketRef:
    text: str
    date: date
    title: str


@dataclass
class Extraction:
    date: date
    case_number: str
    caption: str
    court_text: str
    addressee: str  # "Martin Glenn"
    firm: str  # as in the letterhead
    signer: str  # typed name under the signature
    other_spellings: list[str]  # the writer's name as given elsewhere (letterhead)
    delivery: str
    cc: list[tuple[str, str]]  # (name, via)
    body: str
    type: str
    sequence: int | None
    on_behalf_of: list[str]
    letter_refs: list[LetterRef]
    docket_refs: list[DocketRef]
    next_report_due: date | None
    unsure: dict[str, str] = field(default_factory=dict)  # field -> why


def parse_date(text: str) -> date:
    month, day, year = re.match(rf"({MONTHS})\s+(\d{{1,2}}),\s+(\d{{4}})", text).groups()
    return date(int(year), list(calendar.month_name).index(month), int(day))


def extract(text: str) -> Extraction:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\f", "\n").split("\n")]
    unsure: dict[str, str] = {}

    salutation = _first(lines, lambda text: re.match(r"^\s*Dear\s+.+[:,]\s*$", text))
    head = lines[: salutation if salutation is not None else len(lines)]
    date_line = _first(head, lambda text: re.fullmatch(rf"\s*{DATE_TEXT}\s*", text))
    if date_line is None:
        raise ExtractionError("no date found: expected a line such as 'June 22, 2009' above the salutation")
    letter_date = parse_date(head[date_line].strip())

    re_text = _re_line(head)
    number = re.search(r"Case\s+No\.?\s*(\d{2}-\d{3,6}(?:\s*\([A-Z]{1,4}\))?)", re_text or "", re.I) or re.search(
        r"Case\s+No\.?\s*(\d{2}-\d{3,6}(?:\s*\([A-Z]{1,4}\))?)", text, re.I
    )
    if number is None:
        raise ExtractionError("no case number found: expected 'Case No. 08-11153 (MG)' in the 'Re:' line")
    case_number = re.sub(r"\s+", " ", number.group(1)).strip()
    caption = re.sub(r",?\s*Case\s+No\..*$", "", re_text or "", flags=re.I).strip().rstrip(",")

    if salutation is None:
        raise ExtractionError(
            "no salutation found: expected a line such as 'Dear Judge Glenn:' before the letter's text"
        )

    firm = next((text_line.strip() for text_line in lines if text_line.strip()), "")
    delivery_line = _first(head[date_line:], lambda text: re.match(r"^\s*(?:BY|VIA)\s+\S", text, re.I))
    delivery = ""
    if delivery_line is not None:
        raw = re.sub(r"^\s*(?:BY|VIA)\s+", "", head[date_line + delivery_line], flags=re.I).strip().upper()
        delivery = DELIVERY.get(raw, raw.lower())
    else:
        unsure["delivery"] = "no 'BY ...' line found above the addressee"

    block_start = date_line + (delivery_line + 1 if delivery_line is not None else 1)
    block = [
        text_line.strip()
        for text_line in head[block_start:]
        if text_line.strip() and not text_line.strip().lower().startswith("re:")
    ]
    addressee = re.sub(r"^(?:The\s+)?(?:Honorable|Hon\.)\s+", "", block[0]) if block else ""
    court_text = " ".join(
        text_line
        for text_line in block[1:]
        if "court" in text_line.lower()
        or text_line.lower().startswith(("for the", "southern", "eastern", "northern", "western", "district"))
    )
    writer = _writer_name(head)

    body_lines, signer, tail = _body(lines, salutation, firm)
    body = _paragraphs(body_lines)
    flat = " ".join(body.split())

    cc = _cc(tail)
    letter_refs = [
        LetterRef(m.group(0), parse_date(m["date"]), _series(m["type"]), ORDINALS.index(m["ordinal"].lower()) + 1)
        for m in re.finditer(
            rf"the\s+(?P<ordinal>{'|'.join(ORDINALS)})\s+(?P<type>(?:joint\s+)?status\s+(?:letter|report))\s+(?:dated|of)\s+(?P<date>{DATE_TEXT})",
            flat,
            re.I,
        )
    ]
    docket_refs = [
        DocketRef(m.group(0), parse_date(m["date"]), m["what"][0].upper() + m["what"][1:])
        for m in re.finditer(
            rf"the\s+Court's\s+(?P<date>{DATE_TEXT})\s+(?P<what>order(?:\s+(?:regarding|on|approving|authorizing|granting|denying|concerning)\s+[a-z][a-z\s-]*?)?)(?=\s+and\b|\s+which\b|[.,;:])",
            flat,
        )
    ]

    stated = re.search(
        rf"\bthis\s+is\s+the\s+(?P<ordinal>{'|'.join(ORDINALS)})\s+(?P<type>(?:joint\s+)?status\s+(?:letter|report))",
        flat,
        re.I,
    )
    this_type = re.search(
        r"\bthis\s+is\s+the\s+(?:(?!joint\b)\w+\s+)?(?P<type>(?:joint\s+)?status\s+(?:letter|report))", flat, re.I
    )
    if stated:
        sequence: int | None = ORDINALS.index(stated["ordinal"].lower()) + 1
    elif letter_refs and re.search(r"\bsince\s+the\s+(?:" + "|".join(ORDINALS) + r")\b", flat, re.I):
        previous = max(letter_refs, key=lambda ref: ref.date)
        sequence = previous.sequence + 1 if previous.sequence else None
        unsure["sequence"] = f"inferred: the letter reports on events since {previous.text}"
    else:
        sequence = None
    if this_type:
        kind = _series(this_type["type"])
        # A series is named one way in the archive: follow the letters it cites.
        kind = next((ref.type for ref in letter_refs if ref.type.split()[:-1] == kind.split()[:-1]), kind)
    else:
        kind = "letter"
        unsure["type"] = "the letter does not say what it is; 'letter' assumed"

    behalf = re.search(
        r"\bstatus\s+(?:report|letter)\s+of\s+(the\s+[a-z][a-z\s]*?)\s+(?:required|pursuant|filed|submitted|in\b)",
        flat,
        re.I,
    ) or re.search(r"\bon\s+behalf\s+of\s+(the\s+[A-Za-z][\w\s]*?)(?=[.,;]|\s+in\b)", flat)
    on_behalf_of = [behalf.group(1)] if behalf else []
    if not behalf:
        unsure["authors"] = "for whom the letter is written was not found"

    next_due = _next_due(flat, letter_date)
    return Extraction(
        date=letter_date,
        case_number=case_number,
        caption=caption,
        court_text=court_text,
        addressee=addressee,
        firm=firm,
        signer=signer,
        other_spellings=[writer] if writer and writer != signer else [],
        delivery=delivery,
        cc=cc,
        body=body,
        type=kind,
        sequence=sequence,
        on_behalf_of=on_behalf_of,
        letter_refs=letter_refs,
        docket_refs=docket_refs,
        next_report_due=next_due,
        unsure=unsure,
    )


def _first(lines: list[str], test) -> int | None:
    return next((i for i, line in enumerate(lines) if test(line)), None)


def _re_line(head: list[str]) -> str | None:
    start = _first(head, lambda text: text.strip().lower().startswith("re:"))
    if start is None:
        return None
    parts = [head[start].strip()[3:].strip()]
    for line in head[start + 1 :]:  # a wrapped "Re:" line continues until a blank line
        if not line.strip():
            break
        parts.append(line.strip())
    return " ".join(parts)


def _writer_name(head: list[str]) -> str:
    index = _first(head, lambda text: "direct line" in text.lower() or "direct dial" in text.lower())
    if index is not None and index + 1 < len(head):
        return head[index + 1].strip()
    return ""


def _body(lines: list[str], salutation: int, firm: str) -> tuple[list[str], str, list[str]]:
    """Lines from the salutation to the typed name under the signature; the signer; what follows."""
    closing = _first(lines[salutation:], lambda text: text.strip().lower().rstrip(",") in CLOSINGS)
    if closing is None:
        raise ExtractionError("no closing found: expected 'Respectfully submitted,' (or similar) before the signature")
    closing += salutation
    signer_index = None
    for index in range(closing + 1, len(lines)):
        line = lines[index].strip()
        if not line or SIGNATURE_IMAGE.search(line):
            continue
        signer_index = index
        break
    if signer_index is None:
        raise ExtractionError("no name found under the closing: expected the signer's typed name")
    keep = []
    for index in range(salutation, signer_index + 1):
        line = lines[index]
        if SIGNATURE_IMAGE.search(line.strip()):
            continue  # a description of the signature image, not the letter's text
        keep.append(line)
    return (
        _without_page_headers(keep, firm),
        re.sub(r"^/s/\s*", "", lines[signer_index].strip()),
        lines[signer_index + 1 :],
    )


def _without_page_headers(lines: list[str], firm: str) -> list[str]:
    """Drop running headers such as 'WEIL, GOTSHAL & MANGES LLP / Hon. Martin Glenn / June 22, 2009 / Page 2'."""
    drop: set[int] = set()
    for index, line in enumerate(lines):
        if not re.fullmatch(r"\s*Page\s+\d+\s*(?:of\s+\d+)?\s*", line, re.I):
            continue
        drop.add(index)
        back = index - 1
        while back >= 0 and lines[back].strip() and index - back <= 3:  # the addressee and date lines above it
            drop.add(back)
            back -= 1
        while back >= 0 and not lines[back].strip():
            back -= 1
        if back >= 0 and firm and lines[back].strip().lower() == firm.lower():
            drop.add(back)  # the firm's name at the top of the continuation page
    return [line for index, line in enumerate(lines) if index not in drop]


def _paragraphs(lines: list[str]) -> str:
    text = "\n".join(line if line.strip() else "" for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _cc(tail: list[str]) -> list[tuple[str, str]]:
    start = _first(tail, lambda text: re.match(r"^\s*cc\s*:", text, re.I))
    if start is None:
        return []
    recipients = []
    for index in range(start, len(tail)):
        line = re.sub(r"^\s*cc\s*:\s*", "", tail[index], flags=re.I).strip()
        if not line:
            if recipients:
                break
            continue
        via = re.search(r"\((?:via|by)\s+([^)]+)\)", line, re.I)
        name = re.sub(r"\((?:via|by)\s+[^)]+\)", "", line, flags=re.I)
        name = re.sub(r",?\s*Esq\.?\s*$", "", name.strip()).strip().rstrip(",")
        recipients.append((name, via.group(1).strip().lower() if via else ""))
    return recipients


def _series(kind: str) -> str:
    """'joint status report' and 'joint status letter' name one series; we say 'letter'."""
    return re.sub(r"\s+", " ", re.sub(r"report$", "letter", kind.strip().lower(), flags=re.I))


def _next_due(flat: str, letter_date: date) -> date | None:
    sentence = next(
        (
            s
            for s in re.split(r"(?<=[.;])\s+", flat)
            if re.search(r"\b(?:status\s+)?(?:report|letter|update)\b", s, re.I)
            and re.search(r"\b(?:further|next)\b", s, re.I)
        ),
        "",
    )
    if not sentence:
        return None
    on = re.search(rf"(?:on\s+or\s+before|by|on)\s+({DATE_TEXT})", sentence)
    if on:
        return parse_date(on.group(1))
    within = re.search(r"\b(?:in|within)\s+(\w+)\s+(day|week|month)s?\b", sentence, re.I)
    if within:
        count = NUMBER_WORDS.get(within.group(1).lower()) or (
            int(within.group(1)) if within.group(1).isdigit() else None
        )
        if count is None:
            return None
        unit = within.group(2).lower()
        if unit == "month":
            month = letter_date.month - 1 + count
            year, month = letter_date.year + month // 12, month % 12 + 1
            return date(year, month, min(letter_date.day, calendar.monthrange(year, month)[1]))
        return letter_date + timedelta(days=count * (7 if unit == "week" else 1))
    return None
