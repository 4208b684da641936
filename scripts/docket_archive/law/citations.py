"""A citation of a letter, in the form lawyers write one for a document filed on a docket.

"Letter from Adam P. Strochak, Weil, Gotshal & Manges LLP, to Hon. Martin
Glenn, *In re Lexington Precision Corp.*, No. 08-11153 (MG) (Bankr. S.D.N.Y.
June 22, 2009), ECF No. 45": author and firm, addressee, the case name (in
italics where the text can carry it), the number, the court's Bluebook
abbreviation with the date (months abbreviated as in the Bluebook's T12), and
the letter's own docket number when it is known (Bluebook B17.1.4, R10.8.3).

The case name is the caption as citations spell it (R10.2): "et al." and a
leading "The" dropped, "US" or "United States of America" as "United States",
a person by surname ("US v. Tova Noel" is "United States v. Noel"), "State
of New York" as "New York", and the words of T6 abbreviated ("Corporation"
is "Corp."). A caption's trailing parenthesis ("(Synthetic)") is kept. These
are rules of thumb, not a Bluebook engine: the caption in case.yml stays as
the court writes it, and only the citation is normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nameparser import HumanName

from docket_archive.domain.model import Archive, Author, Court, Letter

_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

# Bluebook T6: words abbreviated in case names (whole words, any case of the first letter).
_T6 = {
    "Association": "Ass'n",
    "Brothers": "Bros.",
    "Company": "Co.",
    "Corporation": "Corp.",
    "Department": "Dep't",
    "Incorporated": "Inc.",
    "Insurance": "Ins.",
    "International": "Int'l",
    "Limited": "Ltd.",
    "Manufacturing": "Mfg.",
    "National": "Nat'l",
    "Services": "Servs.",
    "Systems": "Sys.",
    "Technology": "Tech.",
    "University": "Univ.",
}
_T6_WORDS = re.compile(r"\b(" + "|".join(_T6) + r")\b")
_UNITED_STATES = re.compile(
    r"^(?:the\s+)?(?:U\.?\s?S\.?(?:\s?A\.?)?|United\s+States(?:\s+of\s+America)?)$", re.IGNORECASE
)
_STATE_OF = re.compile(r"^(?:the\s+)?(?:State|Commonwealth)\s+of\s+(?P<name>.+)$", re.IGNORECASE)
_PEOPLE = re.compile(r"^(?:the\s+)?People\s+of\s+the\s+State\s+of\s+.+$", re.IGNORECASE)
_ET_AL = re.compile(r",?\s+et\s+al\.?", re.IGNORECASE)
_VERSUS = re.compile(r"\s+(?:v\.?|vs\.?)\s+", re.IGNORECASE)
_TRAILING_NOTE = re.compile(r"\s*(\([^()]*\))\s*$")
# Words that make a party an organisation, not a person.
_ORGANISATION = re.compile(
    r"\b(?:Co|Corp|Inc|LLC|L\.L\.C|LLP|L\.P|LP|Ltd|PLC|N\.A|Bank|Trust|Company|Corporation|Association|Ass'n|"
    r"Committee|Board|City|County|State|Department|Dep't|Commission|University|Univ|Fund|Partners|Group|"
    r"Holdings|Capital|Insurance|Ins|Services|Servs|Systems|Authority|Agency|Estate|Union|Church|School|"
    r"District|Hospital|Foundation|Society|Council|Industries|Enterprises|Mills|Trustee|Creditors|Debtors|"
    r"Securities|Exchange|Republic|Government|Office|Administration|Bureau|Commonwealth|People|Town|Village)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Citation:
    """A citation in three parts: the case name between is italic in rich text."""

    before: str  # "Letter from A, Firm, to Hon. J, "
    case_name: str  # "United States v. Noel"
    after: str  # ", No. 19-cr-830 (S.D.N.Y. Jan. 27, 2020), ECF No. 20"

    @property
    def text(self) -> str:
        return f"{self.before}{self.case_name}{self.after}"


def citation(letter: Letter, archive: Archive) -> str:
    """The citation as plain text."""
    return cite(letter, archive).text


def cite(letter: Letter, archive: Archive) -> Citation:
    own = letter.docket_entry
    case = archive.cases[own.case if own is not None and own.case in archive.cases else letter.case]
    day = f"{_MONTHS[letter.date.month - 1]} {letter.date.day}, {letter.date.year}"
    court = bluebook_court(case.court)
    where = f"{court} {day}" if court else day
    to = _and([_addressee(archive, key) for key in letter.addressees])
    recipient = f" to {to}," if to else ""
    ecf = f", ECF No. {own.number}" if own is not None else ""
    return Citation(
        before=f"Letter from {_authors(archive, letter.authors)},{recipient} ",
        case_name=case_name(case.caption),
        after=f", No. {case.number} ({where}){ecf}",
    )


# courts-db's citation strings, where they differ from the Bluebook's (T1).
_COURT_FIXES = {"nyed": "E.D.N.Y.", "nyeb": "Bankr. E.D.N.Y."}


def bluebook_court(court: Court) -> str:
    """The court as the Bluebook abbreviates it ("Bankr. S.D.N.Y.", "N.D. Ill."), never the display name."""
    if court.id in _COURT_FIXES:
        return _COURT_FIXES[court.id]
    text = court.citation.strip()
    if text == court.name:  # courts-db has no citation form: the name is no abbreviation
        return ""
    if re.search(r"(?:^|[\s.])[A-Z]$", text):  # "E.D.N.Y" lacks its last period
        text += "."
    return text


def case_name(caption: str) -> str:
    """The caption as a citation spells it: "US v. Tova Noel" -> "United States v. Noel"."""
    text = " ".join(caption.split())
    note = ""
    found = _TRAILING_NOTE.search(text)
    if found and not re.search(r"\bv\.?\s*$", text[: found.start()]):
        note, text = " " + found.group(1), text[: found.start()]
    text = _ET_AL.sub("", text).strip().rstrip(",")
    if text.lower().startswith("in re "):
        return f"In re {_organisation(text[6:].strip())}{note}"
    parties = _VERSUS.split(text, maxsplit=1)
    return " v. ".join(_party(party) for party in parties) + note


def _party(text: str) -> str:
    text = text.strip().rstrip(",")
    if _UNITED_STATES.match(text):
        return "United States"
    if _PEOPLE.match(text):
        return "People"
    state = _STATE_OF.match(text)
    if state:
        return state["name"]
    if _is_person(text):
        return HumanName(text).last or text
    several = re.split(r",\s*(?:and\s+)?|\s+and\s+", text)
    if len(several) > 1 and all(_is_person(one) for one in several):  # the first party only (R10.2.1(a))
        return HumanName(several[0]).last or several[0]
    return _organisation(text)


def _is_person(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 4
        and not _ORGANISATION.search(text)
        and not re.search(r"[0-9&/]", text)
        and all(word[:1].isupper() for word in words)
    )


def _organisation(text: str) -> str:
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return _T6_WORDS.sub(lambda m: _T6[m.group(1)], text)


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
