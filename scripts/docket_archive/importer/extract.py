"""From a letter's text to what it says: `extract(text) -> Extraction`.

The work is split by stage: furniture.py (filing headers, stamps, endorsements),
layout.py (which lines are the letter), heading.py (date, delivery, addressees,
the 'Re:' block), signature.py (signers, firm, cc), parties.py (for whom, and
who wrote a letter that has no signature block), content.py (kind, requests,
enclosures, references, dates). Matching names and numbers to the registries
is plan.py's job.

A letter is never refused for what it lacks: a field the importer cannot find
is left empty and put under `Extraction.review` (field -> what it looked for).
Only text with no letter in it at all raises ExtractionError.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from docket_archive.domain.problems import Problem
from docket_archive.law import casenumbers
from docket_archive.law.casenumbers import CaseNumber

from . import citations, content, dates, heading, parties, signature
from .content import Dated, DocketRef, LetterRef
from .court import choose_court
from .furniture import ENDORSED, FILING, STAMP, DocketEntry
from .heading import Addressee
from .layout import CC, CLOSING, FULL_DATE, NOTED, SALUTATION, Layout, Removed, split_layout
from .signature import Copy, Signer


class ExtractionError(ValueError):
    """The input is not a letter at all (empty, binary, not text), or a file the importer cannot read."""

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
    docket_entry: DocketEntry | None = None  # the letter's own entry on the docket
    review: dict[str, str] = field(default_factory=dict)  # field -> why


def add_review(review: dict[str, str], name: str, why: str) -> None:
    """Note why `name` needs a look, after any reason already noted."""
    review[name] = f"{review[name]}; {why}" if review.get(name) else why


def extract(text: str) -> Extraction:
    layout = split_layout(text)
    if not any(line.strip() for line in layout.body + layout.heading + layout.letterhead):
        raise ExtractionError("no text of a letter in it: every line is page furniture or blank")
    review: dict[str, str] = {}
    when = _date(layout, review)
    salutation = layout.body[0] if layout.body else ""
    head, notes = heading.read_heading(layout.heading, salutation)
    review.update(notes)
    framing = parties.framing(layout.heading + layout.letterhead)
    addressees = _addressees(head, framing, review)
    cases, captions = _cases(head, layout, review)
    court, _candidates, why = choose_court(
        [a.court_text for a in addressees] or [" ".join(layout.letterhead)],
        cases[0] if cases and cases[0].kind != "other" else None,
    )
    if why:
        add_review(review, "court", why)
    signed = _signature(layout, framing, review)
    # a word broken at a line's end ('co-' / 'counsel') is one word again
    flat = " ".join(re.sub(r"(?<=[a-z])-\n\s*(?=[a-z])", "-", "\n".join(layout.body)).split())
    if "salutation" in layout.missing:
        add_review(review, "body", "no salutation ('Dear Judge ...:'): the text was taken to start after the heading")
    endorsed = endorsement(layout, when)
    lacking = [part for part in ("date", "by") if endorsed and part not in endorsed]
    if lacking:
        add_review(
            review,
            "endorsement",
            f"the judge's endorsement on the filed copy gives no {' or '.join('judge' if p == 'by' else p for p in lacking)}"
            " the importer could read: check its text, date and judge",
        )
    return Extraction(
        date=when,
        cases=cases,
        captions=captions,
        subject=head.subject,
        addressees=addressees,
        court=court,
        delivery=_delivery(head, layout, framing, review),
        authors=signed.authors,
        signed_for=signed.signed_for,
        firm=_firm(layout, signed, review),
        other_spellings=_other_spellings(layout, signed.authors),
        cc=_copies(layout, review),
        body=paragraphs(layout.body),
        removed=layout.removed,
        endorsement=endorsed,
        docket_entry=layout.docket_entry,
        review=review,
        **_content(flat, when, signed, layout, review),
    )


# --- who it is to, and how it was sent -------------------------------------------------


def _addressees(head: heading.Heading, framing: parties.Framing, review: dict[str, str]) -> list[Addressee]:
    if head.addressees:
        return head.addressees
    if framing.addressee:
        review["addressee"] = f"no addressee block; '{framing.addressee}' taken from '{framing.text}': check it"
        return [Addressee(name=framing.addressee)]
    add_review(
        review, "addressee", "no addressee block ('The Honorable ...') or salutation naming the judge: name the judge"
    )
    return []


def _delivery(head: heading.Heading, layout: Layout, framing: parties.Framing, review: dict[str, str]) -> str:
    how = head.delivery or heading.delivery(layout.letterhead)
    if how or not framing.delivery:
        return how
    review["delivery"] = f"no delivery line; '{framing.delivery}' read from '{framing.text}': check it"
    return framing.delivery


def _copies(layout: Layout, review: dict[str, str]) -> list[Copy]:
    copies = signature.read_cc([r.text for r in layout.removed if r.kind == CC])
    plain = {c.name: re.sub(r",\s*(?=(?:Jr|Sr)\.?$|I{2,3}$|IV$)", " ", c.name) for c in copies}  # 'X, Jr.'
    odd = [c.name for c in copies if not c.group and not signature.is_name(plain[c.name])]
    if odd:  # not a group and not read as a person's name: a title, a firm, or an address line
        add_review(review, "cc", f"cc recipients not read as a person or a group: {'; '.join(odd)}")
    known = {v.lower() for v in heading.DELIVERY.values()}
    ways = {part for c in copies for part in c.via.lower().split(" and ") if part and part not in known}
    if ways:
        add_review(review, "cc", f"cc sent by {', '.join(sorted(ways))}, not a way the importer knows: check it")
    return copies


# --- which case ------------------------------------------------------------------------


def _cases(head: heading.Heading, layout: Layout, review: dict[str, str]) -> tuple[list[CaseNumber], list[str]]:
    """The 'Re:' block's cases, else the filing header's or stamp's, else the first number in the letter's text."""
    cases, captions = head.cases, head.captions
    if not cases:
        cases, captions = _cases_from_furniture(layout, review)
    if not cases:
        cases = casenumbers.find_all(citations.mask(" ".join(layout.body[:12])))[:1]
        captions = [""] * len(cases)
        if cases:
            add_review(
                review, "case", f"no case number in the 'Re:' line; '{cases[0].text}' taken from the letter's text"
            )
    if not cases:
        add_review(
            review,
            "case",
            "no case number found in the 'Re:' line, the filing header, the stamps or the first lines of the text: "
            "give the case (or import with --case KEY)",
        )
    unknown = [c.text for c in cases if c.raw]
    if unknown:
        add_review(review, "case", f"'{unknown[0]}' is in a form the importer cannot read into parts: check the number")
    return cases, captions


def _cases_from_furniture(layout: Layout, review: dict[str, str]) -> tuple[list[CaseNumber], list[str]]:
    for removed in layout.removed:
        if removed.kind in (FILING, STAMP):
            numbers = casenumbers.find_all(removed.text)
            if numbers:
                review["case"] = (
                    f"no case number in the 'Re:' line; taken from the court's {removed.kind} '{removed.text.strip()}'"
                )
                return numbers[:1], [""]
    return [], []


# --- when ------------------------------------------------------------------------------


def _date(layout: Layout, review: dict[str, str]) -> datetime.date:
    """The letter's date; where it is not plainly stated, the best reading with why under review."""
    when, _text = dates.letter_date(layout.heading or layout.letterhead)
    if when is not None:
        return when
    for index, line in enumerate(layout.body):  # dated at the end: 'Dated: New York, New York / May 5, 2021'
        if re.match(r"\s*Dated\b", line):
            when, _text = dates.letter_date(layout.body[index : index + 3])
            if when is not None:
                return when
    for reading in (_ocr_date, _stamped_date, _any_date):
        found = reading(layout)
        if found is not None:
            review["date"] = found[1]
            return found[0]
    bad = dates.impossible_date(layout.heading + layout.letterhead)
    why = f"the letter's date '{bad}' is not a date" if bad else "no date found anywhere in the letter"
    review["date"] = f"{why}: today's date was written in its place; give the letter's date"
    return datetime.date.today()


def _ocr_date(layout: Layout) -> tuple[datetime.date, str] | None:
    when, text = dates.ocr_date(layout.letterhead + layout.heading)
    if when is None:
        return None
    return when, f"read from '{text.strip()}', which OCR misspelt: check the date"


def _stamped_date(layout: Layout) -> tuple[datetime.date, str] | None:
    entry = layout.docket_entry
    if entry and entry.filed:
        return entry.filed, f"no date in the letter; the filing date of '{entry.source}' taken: give the letter's date"
    return None


def _any_date(layout: Layout) -> tuple[datetime.date, str] | None:
    bad = dates.impossible_date(layout.heading + layout.letterhead)
    why = f"the letter's date '{bad}' is not a date" if bad else "no date line"
    for line in layout.heading + layout.letterhead + layout.body:
        when, text = dates.letter_date([line])
        if when is not None:
            return when, f"{why}; the first date in the text, '{text}', taken: give the letter's date"
    return None


# --- who wrote it ----------------------------------------------------------------------


def _signature(layout: Layout, framing: parties.Framing, review: dict[str, str]) -> signature.Signature:
    signed = signature.read_signature(layout.body)
    if signed.authors:
        review.update(signed.review)
        return signed
    for name, where in (
        (signature.letterhead_writer(layout.letterhead), "the letterhead"),
        (layout.filer.name if layout.filer else "", "the docket entry above the letter"),
        (framing.author, f"'{framing.text}'"),
    ):
        if name:
            signed.authors = [Signer(signature.proper_name(name))]
            review["authors"] = f"no signature block; '{name}' taken from {where}: check who signed"
            return signed
    review.update(signed.review)
    add_review(
        review, "authors", "no signer found under a closing, in the letterhead or above the letter: name the signers"
    )
    return signed


def _firm(layout: Layout, signed: signature.Signature, review: dict[str, str]) -> str:
    firm = signed.firm or signature.letterhead_firm(layout.letterhead or _top(layout.heading))
    if firm:
        return firm
    office = parties.office_in_text(" ".join(layout.body[:8]))
    if office:
        return office
    footer = signature.letterhead_firm([r.text for r in layout.removed if r.kind == "footer"])
    if footer:
        return footer
    if signed.authors and any(line.strip() for line in layout.letterhead):  # a letterhead it could not read
        add_review(review, "authors", "no firm found in the letterhead or the signature block: give the signers' firm")
    return ""


def _top(lines: list[str]) -> list[str]:
    """Without a date above it, the letterhead is the heading's lines above the delivery line or addressee."""

    def stop(line: str) -> bool:
        text = line.strip()
        return bool(
            heading.DELIVERY_LINE.match(text) or heading.HONORABLE.match(text) or re.match(r"(?:Re|RE)\s*:", text)
        )

    end = next((i for i, line in enumerate(lines) if stop(line)), len(lines))
    return lines[:end]


def _other_spellings(layout: Layout, authors: list[Signer]) -> list[str]:
    writer = signature.writer_spelling(layout.letterhead)
    if writer and authors and writer != authors[0].name and signature.is_name(writer):
        return [writer]
    return []


# --- the judge's endorsement -------------------------------------------------------------


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
    for line in dated:
        dated_at = re.search(r"\bDated\s*:?\s*", line, re.I)
        line = line[dated_at.end() :] if dated_at else line
        later = [d for _, _, d in dates.dates_in(line, when) if d >= when]
        if later:
            found["date"] = later[0].isoformat()
            break
    judge = _endorsing_judge(lines)
    if judge:
        found["by"] = judge
    return found


def _endorsing_judge(lines: list[str]) -> str:
    for line in lines:
        judge = re.search(
            r"(?:^|\s)(?:Hon\.\s+|HON\.\s+)?(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}),?\s+(?:U\.S\.[DMB]\.J\.|United\s+States\s+(?:District|Magistrate|Bankruptcy)\s+Judge)",
            line,
            re.I,
        )
        if judge:
            name = re.sub(r"^(?:HON\.|Hon\.)\s+", "", judge["name"])
            return signature.proper_name(name)
    signed = next(
        (m for line in lines if (m := re.fullmatch(r"/s/\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})", line))),
        None,
    )
    return signature.proper_name(signed["name"]) if signed else ""


# --- what it says ---------------------------------------------------------------------------


def _content(
    flat: str, when: datetime.date, signed: signature.Signature, layout: Layout, review: dict[str, str]
) -> dict:
    kind, why = content.letter_type(flat, len(signed.authors))
    if why:
        review["type"] = why
    relief, why = content.relief_requested(flat, kind)
    if why:
        review["relief_requested"] = why
    notation = any(re.match(r"\s*(?:encl?s?\.?|enclosures?)\s*$", line, re.I) for line in layout.body) or any(
        r.kind == NOTED for r in layout.removed
    )
    enclosed, why = content.enclosures(flat, notation)
    if why:
        review["enclosures"] = why
    letter_refs = content.letter_references(flat, when)
    sequence, why = content.sequence(flat, letter_refs)
    if why:
        review["sequence"] = why
    hearings, deadlines, notes = content.hearings_and_deadlines(flat, when)
    for name, note in notes.items():
        add_review(review, name, note)
    due, why = content.next_report_due(flat, when)
    if why:
        review["next_report_due"] = why
    _unread_dates(flat, when, {d.date for d in hearings + deadlines} | {due}, review)
    docket_refs = content.docket_references(flat, when)
    _unread_references(flat, when, letter_refs, docket_refs, review)
    behalf = parties.on_behalf_of(flat) or _signers_behalf(signed) or ([layout.filer.party] if layout.filer else [])
    return {
        "type": kind,
        "sequence": sequence,
        "on_behalf_of": behalf,
        "relief_requested": relief,
        "enclosures": enclosed,
        "letter_refs": letter_refs,
        "docket_refs": docket_refs,
        "hearings": hearings,
        "deadlines": [d for d in deadlines if d.date != due],
        "next_report_due": due,
    }


def _signers_behalf(signed: signature.Signature) -> list[str]:
    return list(dict.fromkeys(party for author in signed.authors for party in author.on_behalf_of))


def _unread_dates(flat: str, when: datetime.date, read: set, review: dict[str, str]) -> None:
    """Dates after the letter's own that were read as no hearing, deadline or report: a person says what they are."""
    later = [(start, end, day) for start, end, day in dates.dates_in(flat, when) if day > when and day not in read]
    if later:
        quoted = "; ".join(f"'{flat[max(0, start - 40) : end].strip()}'" for start, end, _ in later[:4])
        for name in ("hearings", "deadlines"):
            add_review(review, name, f"later dates not read as a hearing or deadline, check each: {quoted}")


CITED = re.compile(r"\b(?:[Ll]etters?|[Oo]rders?|ECF|Dkt|Docket|[Ff]iled|[Mm]otions?|[Dd]enied|[Gg]ranted)\b")
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
            if (
                _starts_paragraph(line, previous, one_per_line=bool(one_per_line), indented=indented)
                and out
                and out[-1]
            ):
                out.append("")
            out.append(text)
        previous = line
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def _starts_paragraph(line: str, previous: str, *, one_per_line: bool, indented: bool) -> bool:
    return bool(
        one_per_line
        or (indented and line[:1].isspace() and previous.strip() and not CLOSING.match(line))
        or (not indented and len(previous) > 100 and previous.rstrip()[-1:] in ".:;)")
        or SALUTATION.match(previous)
        or CLOSING.match(line)
    )
