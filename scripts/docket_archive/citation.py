"""A short citation of a letter, in the form lawyers write one.

"Letter from Adam P. Strochak, Weil, Gotshal & Manges LLP, to Hon. Martin
Glenn, In re Lexington Precision Corp., No. 08-11153 (MG) (Bankr. S.D.N.Y.
June 22, 2009)": author and firm, addressee, case name without "et al." (as
the Bluebook drops it), number, and the court's citation with the date, months
abbreviated as the Bluebook does (T12).

Also the letter's schema.org JSON-LD, the metadata search engines and
reference managers read (there is no schema.org type for a court letter:
DigitalDocument and Message together say what it is).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .model import Archive, Author, Letter

_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def citation(letter: Letter, archive: Archive) -> str:
    case = archive.cases[letter.case]
    caption = re.sub(r",?\s+et al\.?$", "", case.caption.strip())
    day = f"{_MONTHS[letter.date.month - 1]} {letter.date.day}, {letter.date.year}"
    court = f"{case.court.citation} {day}" if case.court.citation else day
    to = _and([_addressee(archive, key) for key in letter.addressees])
    recipient = f" to {to}," if to else ""
    return f"Letter from {_authors(archive, letter.authors)},{recipient} {caption}, No. {case.number} ({court})"


def _addressee(archive: Archive, key: str) -> str:
    person = archive.people[key]
    return f"Hon. {person.name}" if person.is_judge else person.name


def _authors(archive: Archive, authors: tuple[Author, ...]) -> str:
    """ "A, Firm" / "A and B, Firm" / "A, Firm, and B, Other" / "A, Firm, et al." beyond two."""
    names = [archive.people[a.person].name for a in authors]
    firms = [a.firm or archive.people[a.person].firm for a in authors]
    if len(authors) > 2:
        return f"{names[0]}, {firms[0]}, et al." if firms[0] else f"{names[0]} et al."
    if len(set(firms)) == 1:
        return _and(names) + (f", {firms[0]}" if firms[0] else "")
    return ", and ".join(f"{name}, {firm}" if firm else name for name, firm in zip(names, firms, strict=True))


def _and(items: list[str]) -> str:
    return " and ".join(items) if len(items) <= 2 else ", ".join(items[:-1]) + ", and " + items[-1]


def json_ld(letter: Letter, archive: Archive, url: str = "") -> dict[str, Any]:
    """schema.org metadata of a letter page."""

    def person(key: str, firm: str = "") -> dict[str, Any]:
        entry: dict[str, Any] = {"@type": "Person", "name": archive.people[key].name}
        if firm:
            entry["affiliation"] = {"@type": "Organization", "name": firm}
        return entry

    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ["DigitalDocument", "Message"],
        "name": letter.title,
        "description": letter.summary,
        "dateSent": letter.date.isoformat(),
        "dateCreated": letter.date.isoformat(),
        "sender": [person(a.person, a.firm or archive.people[a.person].firm) for a in letter.authors],
        "recipient": [person(key) for key in letter.addressees],
        "ccRecipient": [person(c.person) for c in letter.cc if c.person],
        "isPartOf": [_case(archive, key) for key in letter.cases],  # a letter filed in several cases is in each
        "identifier": letter.id,
        "citation": citation(letter, archive),
        "inLanguage": "en",
    }
    if url:
        data["url"] = url
    return data


def _case(archive: Archive, key: str) -> dict[str, Any]:
    case = archive.cases[key]
    return {
        "@type": "CreativeWorkSeries",
        "name": case.caption,
        "identifier": case.number,
        "publisher": {"@type": "GovernmentOrganization", "name": case.court.name},
    }


def json_ld_script(data: dict[str, Any]) -> str:
    """JSON inside <script type="application/ld+json">: no "<" may end the script or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # \u003c is "<" to a JSON parser and nothing to the HTML parser; > and & likewise for good measure.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
