"""From a letter's text to what it says: `extract(text) -> Extraction`.

The work is split by part of the letter: layout.py (which lines are the letter),
heading.py (date, delivery, addressees, the 'Re:' block), signature.py (signers,
firm, cc), content.py (kind, requests, enclosures, references, dates). Matching
names and numbers to the registries is plan.py's job. Whatever a reader is
unsure of lands in `Extraction.review` (field -> why), never silently wrong.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from docket_archive.domain.problems import Problem
from docket_archive.law import casenumbers
from docket_archive.law.casenumbers import CaseNumber

from . import content, dates, heading, signature
from .content import Dated, DocketRef, LetterRef
from .court import choose_court
from .heading import Addressee
from .layout import CC, CLOSING, ENDORSED, FULL_DATE, SALUTATION, Layout, LayoutError, Removed, split_layout
from .signature import Copy, Signer


class ExtractionError(ValueError):
    """The text is not a letter we can import (no date, no salutation, not text at all...)."""

    def problem(self, source: str) -> Problem:
        """The failure as the one shape every check reports in."""
        return Problem(source, 1, "file", str(self), "Nothing was written. `docket new` makes the letter file by hand")


@dataclass
class Extraction:
    date: datetime.date
    cases: list[CaseNumber]
    captions: list[str]
    subject: str
    addressees: list[Addressee]
    court: str
    delivery: str
    authors: list[Signer]
    signed_for: Signer | None
    firm: str
    other_spellings: list[str]
    cc: list[Copy]
    type: str
    sequence: int | None
    on_behalf_of: list[str]
    relief_requested: list[str]
    enclosures: list[str]
    letter_refs: list[LetterRef]
    docket_refs: list[DocketRef]
    hearings: list[Dated]
    deadlines: list[Dated]
    next_report_due: datetime.date | None
    body: str
    removed: list[Removed]
    endorsement: dict[str, str] | None = None  # text, kind, date, by (the judge's name as written)
    review: dict[str, str] = field(default_factory=dict)  # field -> why


def extract(text: str) -> Extraction:
    try:
        layout = split_layout(text)
    except LayoutError as error:
        raise ExtractionError(str(error)) from error
    review: dict[str, str] = {}
    when, why = _date(layout)
    if why:
        add_review(review, "date", why)
    head, notes = heading.read_heading(layout.heading, layout.body[0])
    review.update(notes)
    if not head.addressees:
        add_review(review, "addressee", "no addressee found in the heading or the salutation: name the judge")
    cases, captions = _cases(head, layout, review)
    court, _candidates, why = choose_court(
        [a.court_text for a in head.addressees] or [" ".join(layout.letterhead)],
        cases[0] if cases and cases[0].kind != "other" else None,
    )
    if why:
        add_review(review, "court", why)
    copies = _copies(layout, review)
    signed = signature.read_signature(layout.body)
    review.update(signed.review)
    firm = _firm(layout, signed, review)
    flat = " ".join(" ".join(layout.body).split())
    if not SALUTATION.match(layout.body[0]):
        add_review(
            review, "body", "no salutation ('Dear Judge ...:'): the text was taken to start after the 'Re:' lines"
        )
    endorsed = endorsement(layout, when)
    if endorsed:
        add_review(
            review, "endorsement", "read from the judge's endorsement on the filed copy: check its text, date and judge"
        )
    return Extraction(
        date=when,
        cases=cases,
        captions=captions,
        subject=head.subject,
        addressees=head.addressees,
        court=court,
        delivery=head.delivery or heading.delivery(layout.letterhead),
        authors=signed.authors,
        signed_for=signed.signed_for,
        firm=firm,
        other_spellings=_other_spellings(layout, signed.authors),
        cc=copies,
        body=paragraphs(layout.body),
        removed=layout.removed,
        endorsement=endorsed,
        review=review,
        **_content(flat, when, len(signed.authors), layout, review),
    )


def _copies(layout: Layout, review: dict[str, str]) -> list[Copy]:
    copies = signature.read_cc([r.text for r in layout.removed if r.kind == CC])
    plain = {c.name: re.sub(r",\s*(?=(?:Jr|Sr)\.?$|I{2,3}$|IV$)", " ", c.name) for c in copies}  # 'X, Jr.'
    odd = [c.name for c in copies if not c.group and not signature._is_name(plain[c.name])]
    if odd:  # not a group and not read as a person's name: a title, a firm, or an address line
        add_review(review, "cc", f"cc recipients not read as a person or a group: {'; '.join(odd)}")
    known = {v.lower() for v in heading.DELIVERY.values()}
    ways = {part for c in copies for part in c.via.lower().split(" and ") if part and part not in known}
    if ways:
        add_review(review, "cc", f"cc sent by {', '.join(sorted(ways))}, not a way the importer knows: check it")
    return copies


def _cases(head: heading.Heading, layout: Layout, review: dict[str, str]) -> tuple[list[CaseNumber], list[str]]:
    """The 'Re:' block's cases, else the filing header's, else the first number in the letter's text."""
    cases, captions = head.cases, head.captions
    if not cases:
        cases, captions = _cases_from_filing_header(layout, review)
    if not cases:
        cases = casenumbers.find_all(" ".join(layout.body[:12]))[:1]
        captions = [""] * len(cases)
        if cases:
            add_review(
                review, "case", f"no case number in the 'Re:' line; '{cases[0].text}' taken from the letter's text"
            )
    _unknown_forms(cases, review)
    return cases, captions


def _unknown_forms(cases: list[CaseNumber], review: dict[str, str]) -> None:
    unknown = [c.text for c in cases if c.raw]
    if unknown:
        add_review(review, "case", f"'{unknown[0]}' is in a form the importer cannot read into parts: check the number")


def add_review(review: dict[str, str], name: str, why: str) -> None:
    """Note why `name` needs a look, after any reason already noted."""
    review[name] = f"{review[name]}; {why}" if review.get(name) else why


def endorsement(layout: Layout, when: datetime.date) -> dict[str, str] | None:
    """The judge's endorsement: its text, kind ('so ordered', 'memo endorsement'), date and judge."""
    lines = [item.text.strip() for item in layout.removed if item.kind == ENDORSED]
    if not lines:
        return None
    text = " ".join(" ".join(lines).split())
    kind = (
        "memo endorsement"
        if re.search(r"MEMO(?:RANDUM)?\s+ENDORSE|Application|Clerk\s+of", text, re.I)
        else "so ordered"
    )
    found: dict[str, str] = {"text": text, "kind": kind}
    # The endorsement's own date is on a 'Dated:' line or a line of its own, not in its text.
    dated = [line for line in lines if re.match(r"(?:Dated|Date|So\s+ordered)\b", line, re.I)]
    dated += [line for line in lines if re.fullmatch(rf"[\W\d/]*{FULL_DATE}[\W]*|[\d/\s]+", line)] + lines
    later = [d for line in dated for _, _, d in dates.dates_in(line, when) if d >= when]
    if later:
        found["date"] = later[0].isoformat()
    for line in lines:
        judge = re.search(
            r"^(?:Hon\.\s+)?(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}),?\s+(?:U\.S\.[DMB]\.J\.|United\s+States\s+(?:District|Magistrate|Bankruptcy)\s+Judge)",
            line,
        )
        if judge:
            found["by"] = judge["name"]
    return found


def _date(layout: Layout) -> tuple[datetime.date, str]:
    """The letter's date, and why it needs a look ('' when the letter states it plainly)."""
    when, _text = dates.letter_date(layout.heading or layout.letterhead)
    if when is not None:
        return when, ""
    for index, line in enumerate(
        layout.body
    ):  # some letters are dated at the end: 'Dated: New York, New York / May 5, 2021'
        if re.match(r"\s*Dated\b", line):
            when, _text = dates.letter_date(layout.body[index : index + 3])
            if when is not None:
                return when, ""
    top = layout.letterhead + layout.heading
    when, text = dates.ocr_date(top)
    if when is not None:
        return when, f"read from '{text.strip()}', which OCR misspelt: check the date"
    for item in layout.removed:  # the court's filing header: 'Filed 10/14/25'
        filed = (
            re.search(r"\bFiled\s+(\d{1,2}/\d{1,2}/\d{2,4})", item.text) if item.kind == "court filing header" else None
        )
        if filed and (when := dates.parse(filed.group(1))) is not None:
            return when, f"no date in the letter; the filing date {filed.group(1)} taken: give the letter's date"
    bad = dates.impossible_date(layout.heading + layout.letterhead)
    if bad:
        raise ExtractionError(f"the letter's date '{bad}' is not a date: correct it in the source and import again")
    raise ExtractionError("no date found: expected a date such as 'June 22, 2009' above the salutation")


def _cases_from_filing_header(layout: Layout, review: dict[str, str]) -> tuple[list[CaseNumber], list[str]]:
    for removed in layout.removed:
        if removed.kind == "court filing header":
            numbers = casenumbers.find_all(removed.text)
            if numbers:
                review["case"] = (
                    f"no case number in the 'Re:' line; taken from the court's filing header '{removed.text.strip()}'"
                )
                return numbers[:1], [""]
    return [], []


def _firm(layout: Layout, signed: signature.Signature, review: dict[str, str]) -> str:
    firm = signed.firm or signature.letterhead_firm(layout.letterhead or _top(layout.heading))
    if firm:
        return firm
    surnames = {a.name.split()[-1].upper() for a in signed.authors if a.name}
    for line in layout.letterhead:
        for token in line.split():
            if any(s in token.upper() and len(s) > 2 for s in surnames):
                guess = signature.firm_name(re.sub(r"[~_|]", " ", token))
                add_review(
                    review,
                    "authors",
                    f"no firm name in the letterhead; '{guess}' guessed from '{token}': check the firm",
                )
                return guess
    add_review(review, "authors", "no firm found in the letterhead or the signature block: give the signers' firm")
    return ""


def _top(lines: list[str]) -> list[str]:
    """Without a date above it, the letterhead is the heading's lines above the delivery line or addressee."""

    def stop(line: str) -> bool:
        text = line.strip()
        return bool(heading.DELIVERY_LINE.match(text) or heading.HONORABLE.match(text) or RE_LINE.match(text))

    end = next((i for i, line in enumerate(lines) if stop(line)), len(lines))
    return lines[:end]


RE_LINE = re.compile(r"(?:Re|RE)\s*:")


def _other_spellings(layout: Layout, authors: list[Signer]) -> list[str]:
    writer = signature.writer_spelling(layout.letterhead)
    if writer and authors and writer != authors[0].name and signature._is_name(writer):
        return [writer]
    return []


def _content(flat: str, when: datetime.date, signers: int, layout: Layout, review: dict[str, str]) -> dict:
    kind, why = content.letter_type(flat, signers)
    if why:
        review["type"] = why
    relief, why = content.relief_requested(flat, kind)
    if why:
        review["relief_requested"] = why
    notation = any(re.match(r"\s*(?:encl?s?\.?|enclosures?)\s*$", line, re.I) for line in layout.body)
    enclosed, why = content.enclosures(flat, notation)
    if why:
        review["enclosures"] = why
    letter_refs = content.letter_references(flat, when)
    sequence, why = content.sequence(flat, letter_refs)
    if why:
        review["sequence"] = why
    hearings, deadlines = content.hearings_and_deadlines(flat, when)
    for name, dated in (("hearings", hearings), ("deadlines", deadlines)):
        if dated:
            listed = "; ".join(f"{d.date.isoformat()} {d.what}" for d in dated)
            add_review(review, name, f"dates read from the text, check each: {listed}")
    due, why = content.next_report_due(flat, when)
    if why:
        review["next_report_due"] = why
    _unread_dates(flat, when, {d.date for d in hearings + deadlines} | {due}, review)
    docket_refs = content.docket_references(flat, when)
    _unread_references(flat, when, letter_refs, docket_refs, review)
    return {
        "type": kind,
        "sequence": sequence,
        "on_behalf_of": content.on_behalf_of(flat),
        "relief_requested": relief,
        "enclosures": enclosed,
        "letter_refs": letter_refs,
        "docket_refs": docket_refs,
        "hearings": hearings,
        "deadlines": [d for d in deadlines if d.date != due],
        "next_report_due": due,
    }


def _unread_dates(flat: str, when: datetime.date, read: set, review: dict[str, str]) -> None:
    """Dates after the letter's own that were read as no hearing, deadline or report: a person says what they are."""
    later = [(start, end, day) for start, end, day in dates.dates_in(flat, when) if day > when and day not in read]
    if later:
        quoted = "; ".join(f"'{flat[max(0, start - 40) : end].strip()}'" for start, end, _ in later[:4])
        for name in ("hearings", "deadlines"):
            add_review(review, name, f"later dates not read as a hearing or deadline, check each: {quoted}")


CITED = re.compile(r"\b(?:[Ll]etters?|[Oo]rders?|ECF|Dkt|Docket|[Ff]iled|[Mm]otion)\b")
ENTRY = re.compile(r"\b(?:ECF|Dkt\.?|D\.E\.|D\.I\.|Doc\.|Docket)\s*(?:Nos?\.?|#)?\s*\d")


def _unread_references(
    flat: str, when: datetime.date, letters: list[LetterRef], entries: list[DocketRef], review: dict[str, str]
) -> None:
    """Earlier dates next to 'letter', 'order', 'ECF'..., and docket entries, that no reference was read from."""
    known = {r.date for r in letters} | {r.date for r in entries if r.date}
    missed = [
        flat[max(0, start - 40) : end + 20].strip()
        for start, end, day in dates.dates_in(flat, when)
        if day < when and day not in known and CITED.search(flat[max(0, start - 60) : end + 30])
    ]
    if len(ENTRY.findall(flat)) > len([r for r in entries if r.number]):
        missed.append("an entry cited by number ('ECF No. ...') that was not read")
    if missed:
        listed = "; ".join(f"'{m}'" for m in missed[:4])
        add_review(review, "references", f"dates or entries that may cite a letter or order, not read as one: {listed}")


def paragraphs(lines: list[str]) -> str:
    """The body as Markdown paragraphs: a blank line where a paragraph starts (indent, or one line each)."""
    filled = [line for line in lines if line.strip()]
    one_per_line = filled and sum(len(line) > 150 for line in filled) * 2 > len(filled)
    # Wrapped text marks a paragraph by its indent; text with a line per paragraph ends each with a full stop.
    indented = sum(bool(line[:1].isspace()) for line in filled) >= 3
    out: list[str] = []
    previous = ""
    for line in lines:
        text = line.strip()
        if not text:
            out.append("")
        else:
            starts = (
                one_per_line
                or (indented and line[:1].isspace() and previous.strip() and not CLOSING.match(line))
                or (not indented and len(previous) > 100 and previous.rstrip()[-1:] in ".:;)")
                or SALUTATION.match(previous)
                or CLOSING.match(line)
            )
            if starts and out and out[-1] != "":
                out.append("")
            out.append(text)
        previous = line
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"
