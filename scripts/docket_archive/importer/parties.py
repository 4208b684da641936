"""For whom a letter is written, and what a page that reproduces a letter says about it.

'We represent defendants X and Y', 'counsel for the City Defendants', 'attorney
for plaintiff', 'I write on behalf of all parties', 'King & Spalding LLP is
co-counsel ... for General Motors LLC', 'The Government submits this letter':
each names the parties the writer speaks for. The patterns find where a
sentence says so; the party's words are kept as the letter writes them.

A letter reproduced on a web page or in a filing is introduced by a framing
sentence ('The following is the text of a letter sent by fax today to Judge
George B. Daniels by Michael Boni, attorney for the A-B plaintiffs'): who wrote
it, to whom and how are read from there when the letter itself does not say.
Names are checked with probablepeople, so an organisation is never taken for a
person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where the party's name ends: its defined term '("the Daily News Defendants")', 'in the above-captioned
# action', 'and write', 'pursuant to', a sentence's end.
_END = (
    r"(?=\s*\(|\s+in\s+(?:the|this)\b|\s+and\s+(?:write|writes|submit|submits|respectfully)\b|,?\s+pursuant\b"
    r"|,\s+(?:in|and|solely|who|which)\b|\s+to\s+(?:respectfully\s+)?[a-z]+\b"
    r"|\.(?:\s+[A-Z“\"(]|\s*$)|;|:)"
)
_PARTY = r"(?P<party>(?:the\s+|all\s+)?[A-Za-z][\w.,'’&-]*(?:\s+[\w.,'’&-]+){0,24}?)"
BEHALF = (
    re.compile(r"\bon\s+behalf\s+of\s+" + _PARTY + _END),
    re.compile(r"\b(?:We|I)\s+represent\s+" + _PARTY + _END),
    re.compile(r"\b(?:We|I)\s+are\s+(?:the\s+)?(?:co-?)?(?:counsel|attorneys?)\s+(?:to|for)\s+" + _PARTY + _END),
    re.compile(r"\b(?:am|is|are)\s+(?:the\s+)?co-?counsel\s+(?:with\s+[^.;]{2,80}?\s+)?(?:to|for)\s+" + _PARTY + _END),
    re.compile(r"\b[A-Z][\w.'’-]+,\s+(?:the\s+)?(?:attorneys?|counsel)\s+for\s+" + _PARTY + _END),
    re.compile(
        r"\bstatus\s+(?:report|letter)\s+of\s+(?P<party>the\s+[a-z][a-z\s]{1,40}?)\s+(?:required|pursuant|filed|submitted|in\b)"
    ),
)
# 'The Government submits this letter', 'The parties jointly submit', 'Plaintiffs write': the writer is the party.
SUBJECT = re.compile(
    r"^(?P<party>The\s+(?:parties|Government|Debtors?|Trustee|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}))\s+"
    r"(?:(?:jointly|respectfully|hereby)\s+)*(?:submits?|writes?)\b"
)


def on_behalf_of(flat: str) -> list[str]:
    """The parties the letter says it is written for, in its words; [] when it does not say."""
    from .content import sentences

    head = sentences(flat)[:8]
    for pattern in BEHALF:
        for sentence in head:
            match = pattern.search(sentence)
            if match:
                return [_clean(match["party"])]
    for sentence in head[:4]:
        match = SUBJECT.match(re.sub(r"^(?:Dear\s[^:,]{1,60}[:,]\s*)", "", sentence))
        if match:
            return [_clean(match["party"])]
    return []


def _clean(party: str) -> str:
    party = re.sub(r"\s+", " ", party).strip(" ,;")
    return party[:1].lower() + party[1:] if party.split()[0] in {"The", "All"} else party


# Public offices named in the text: 'I am a Senior Counsel in the New York City Law Department'.
OFFICE = re.compile(
    r"\b(?:in|of|with)\s+the\s+(?P<office>(?:[A-Z][\w.'’-]*\s+){1,5}(?:Law\s+Department|Attorney['’]s\s+Office"
    r"|Public\s+Defender['’]s\s+Office|Legal\s+Aid\s+Society|Corporation\s+Counsel))\b"
)


def office_in_text(text: str) -> str:
    """The office a writer says they work in, where the letterhead did not name it."""
    match = OFFICE.search(text)
    return re.sub(r"\s+", " ", match["office"]).strip() if match else ""


@dataclass(frozen=True)
class Framing:
    """What a framing sentence says of the letter it introduces."""

    text: str = ""
    author: str = ""
    addressee: str = ""
    delivery: str = ""


FRAMED = re.compile(
    r"\b(?:text|copy)\s+of\s+(?:a|the|this)\s+letter\b|\bletter\s+(?:sent|faxed|filed|e-?mailed|delivered)\b", re.I
)
FRAMED_BY = re.compile(r"\bby\s+(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2})\b")
FRAMED_TO = re.compile(
    r"\bto\s+(?:the\s+Honorable\s+|Hon\.\s+)?(?:Chief\s+|Magistrate\s+|District\s+)?(?:Judge|Justice)\s+"
    r"(?P<name>[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,3})"
)
FRAMED_HOW = re.compile(
    r"\b(?:by|via)\s+(?P<how>fax|facsimile|e-?mail|hand|ECF)\b|\b(?P<verb>faxed|e-?mailed|hand-delivered)\b", re.I
)
HOW = {"fax": "fax", "facsimile": "fax", "faxed": "fax", "email": "e-mail", "e-mail": "e-mail", "emailed": "e-mail",
       "e-mailed": "e-mail", "hand": "hand", "hand-delivered": "hand", "ecf": "ECF"}  # fmt: skip


def framing(lines: list[str]) -> Framing:
    """The sentence above a reproduced letter that introduces it, read for its writer, judge and delivery."""
    from .content import sentences

    for sentence in sentences(" ".join(" ".join(lines).split())):
        if len(sentence) > 400 or not FRAMED.search(sentence):
            continue
        by = next((m["name"] for m in FRAMED_BY.finditer(sentence) if is_person(m["name"])), "")
        to = FRAMED_TO.search(sentence)
        how = FRAMED_HOW.search(sentence)
        way = HOW.get((how["how"] or how["verb"]).lower(), "") if how else ""
        return Framing(sentence.strip(), by, to["name"].strip() if to else "", way)
    return Framing()


def is_person(text: str) -> bool:
    """probablepeople's reading: a person's name, not an organisation ('Counsel of Record', 'Office of ...')."""
    return _kind_of_name(text) == "Person"


def is_organisation(text: str) -> bool:
    return _kind_of_name(text) == "Corporation"


def _kind_of_name(text: str) -> str:
    """ "Person" or "Corporation" as probablepeople reads `text` ("" where it cannot tell)."""
    import probablepeople

    try:
        _parsed, kind = probablepeople.tag(text)
    except probablepeople.RepeatedLabelError:
        return ""
    return str(kind)


def before_address(text: str) -> str:
    """The words before a street address ('Morgan, Lewis & Bockius 101 Park Avenue ...' -> 'Morgan, Lewis & Bockius'),
    as usaddress tags them (the recipient, then the address number); the whole text where it finds no address."""
    import usaddress

    words: list[str] = []
    try:
        tagged = usaddress.parse(text[:400])
    except Exception:  # usaddress's tagger is data; an odd line must not stop an import
        return text
    for token, label in tagged:
        if label in ("AddressNumber", "USPSBoxType", "USPSBoxID") and words:
            return " ".join(words).strip(" ,")
        words.append(token)
    return text
