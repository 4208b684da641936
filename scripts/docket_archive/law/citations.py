"""A short citation of a letter, in the form lawyers write one.

"Letter from Adam P. Strochak, Weil, Gotshal & Manges LLP, to Hon. Martin
Glenn, In re Lexington Precision Corp., No. 08-11153 (MG) (Bankr. S.D.N.Y.
June 22, 2009)": author and firm, addressee, case name without "et al." (as
the Bluebook drops it), number, and the court's citation with the date, months
abbreviated as the Bluebook does (T12).
"""

from __future__ import annotations

import re

from docket_archive.domain.model import Archive, Author, Letter

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
