"""The letter's heading: date, delivery, addressees, the court they sit in, and the 'Re:' block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docket_archive.law import casenumbers
from docket_archive.law.casenumbers import CaseNumber

DELIVERY = {
    "FEDEX": "FedEx",
    "FEDERAL EXPRESS": "FedEx",
    "HAND": "hand",
    "HAND DELIVERY": "hand",
    "ECF": "ECF",
    "E-MAIL": "e-mail",
    "EMAIL": "e-mail",
    "ELECTRONIC MAIL": "e-mail",
    "FACSIMILE": "fax",
    "FAX": "fax",
    "OVERNIGHT MAIL": "overnight mail",
    "OVERNIGHT": "overnight mail",
    "FIRST CLASS MAIL": "mail",
    "FIRST-CLASS MAIL": "mail",
    "U.S. MAIL": "mail",
    "MAIL": "mail",
    "CERTIFIED MAIL": "certified mail",
    "UPS": "UPS",
    "ELECTRONIC FILING": "ECF",
    "REGULAR MAIL": "mail",
    "PRIORITY MAIL": "mail",
    "EXPRESS MAIL": "overnight mail",
    "OVERNIGHT COURIER": "overnight mail",
    "HAND DELIVERED": "hand",
    "MESSENGER": "hand",
    "COURIER": "hand",
    "ELECTRONIC CASE FILING": "ECF",
    "CM/ECF": "ECF",
    "NYSCEF": "NYSCEF",  # the states' e-filing systems
    "ECOURTS": "eCourts",
    "FILE & SERVEXPRESS": "File & ServeXpress",
    "FILE AND SERVEXPRESS": "File & ServeXpress",
}
# E-filing systems whose names have '&' or '/' in them: not two ways of sending.
WHOLE = re.compile(r"FILE\s*(?:&|AND)\s*SERVEXPRESS", re.I)
DELIVERY_LINE = re.compile(r"^\s*\(?\s*(?:FILED\s+)?(?:BY|VIA)\s+(?P<how>[A-Za-z][A-Za-z .&/-]{1,40}?)\s*\)?\s*$", re.I)
# Words that end a judge's name in an addressee block ('Sandra K. McSorley Circuit Criminal, ...').
NAME_STOP = {
    "united", "states", "u.s.", "district", "circuit", "court", "judge", "magistrate", "bankruptcy", "chief",
    "senior", "southern", "northern", "eastern", "western", "middle", "central", "county", "courthouse", "justice",
    "supreme", "superior", "state", "division", "room", "chambers", "daniel", "thurgood",
}  # fmt: skip
HONORABLE = re.compile(
    r"(?:Chambers\s+of\s+)?(?:(?i:The)\s+)?(?:(?i:Hon(?:orable|\.))|(?:Chief\s+|Magistrate\s+|District\s+|Bankruptcy\s+)?Judge)\s+(?P<rest>[A-Z].+)"
)
PARTICLES = {"de", "del", "della", "di", "da", "du", "van", "von", "der", "den", "la", "le", "ter", "ten"}
NAME_TOKEN = re.compile(r"(?:[A-Z]\.|[A-Z][A-Za-z'’-]+\.?|(?:Jr|Sr)\.?|II|III|IV)$")


@dataclass
class Addressee:
    name: str  # 'Martin Glenn'
    role: str = ""  # 'United States Bankruptcy Judge', as the block says
    court_text: str = ""  # the block's lines that name a court


@dataclass
class Heading:
    delivery: str = ""
    addressees: list[Addressee] = field(default_factory=list)
    cases: list[CaseNumber] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)  # one per case
    subject: str = ""  # 'Request to Adjourn Trial Date'


def delivery(lines: list[str]) -> str:
    """'BY FEDEX' -> 'FedEx'; 'Via ECF and Email' -> 'ECF and e-mail'."""
    # 'BY ECF            September 2, 2025': a delivery line may share its line with the date
    pieces = [piece for line in lines for piece in re.split(r"(?<=\S)\s{3,}(?=\S)", line.strip())]
    for line in pieces:
        match = DELIVERY_LINE.match(line)
        if match:
            how = WHOLE.sub("FILE+SERVEXPRESS", match["how"].upper().strip(" .-"))
            parts = [p.replace("+", " & ") for p in re.split(r"\s+(?:AND|&)\s+|\s*/\s*(?!ECF)", how)]
            names = [_way(p) for p in parts]
            if len(names) == 1 and names[0] not in DELIVERY.values():
                names = [_known_start(match["how"]) or names[0]]
            return " and ".join(n for n in names if n)
    return ""


def _way(part: str) -> str:
    """'E-MAIL TRANSMISSION' -> 'e-mail', 'ECF FILING' -> 'ECF'; a way not known is kept as written."""
    text = re.sub(r"\s+", " ", part.replace("CM/", "")).strip()
    if text in DELIVERY:
        return DELIVERY[text]
    bare = re.sub(r"\s+(?:TRANSMISSION|FILING|SYSTEM|SERVICE)$", "", text)
    return DELIVERY.get(bare, part.strip().lower())


def _known_start(how: str) -> str:
    """'ECF ed os a' (OCR noise after the way): the way its first word names, where that is one the importer knows."""
    first = how.split()[0].upper().strip(".,")
    return DELIVERY.get(first, "")


def judge_name(text: str) -> tuple[str, str]:
    """'Sandra K. McSorley Circuit Criminal, Division W ...' -> ('Sandra K. McSorley', 'Circuit Criminal, Division W ...')."""
    tokens = text.replace(",", " , ").split()
    name: list[str] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if name and token in PARTICLES and (following in PARTICLES or NAME_TOKEN.match(following)):
            name.append(token)  # 'Rosamund de la Testwood'
            continue
        if token.lower().strip(",") in NAME_STOP or not token.strip(",") or not NAME_TOKEN.match(token):
            rest = " ".join(tokens[index:]).replace(" , ", ", ")
            return " ".join(name), rest
        name.append(token)
    return " ".join(name), ""


def addressees(lines: list[str]) -> list[Addressee]:
    """Each 'The Honorable ...' block: the judge's name, role and court lines."""
    found: list[Addressee] = []
    current: Addressee | None = None
    for line in lines:
        text = line.strip()
        match = HONORABLE.match(text)
        if match:
            name, rest = judge_name(match["rest"])
            if name.isupper():  # 'THE HONORABLE LAVINIA P. THORNCROFT'
                from .signature import proper_name

                name = proper_name(name)
            current = Addressee(name=name, role=_role(rest), court_text=rest)
            found.append(current)
        elif current is not None and text and not re.match(r"(?:Re|RE)\s*:", text):
            current.court_text += " " + text
            current.role = current.role or _role(text)
        elif re.match(r"(?:Re|RE)\s*:", text):
            current = None
    return [a for a in found if a.name]


ROLE_ABBREVIATIONS = {
    "U.S.D.J.": "United States District Judge",
    "U.S.M.J.": "United States Magistrate Judge",
    "U.S.B.J.": "United States Bankruptcy Judge",
}


def _role(text: str) -> str:
    abbreviation = re.match(r"\W*(U\.S\.[DMB]\.J\.)", text.strip())
    if abbreviation:
        return ROLE_ABBREVIATIONS[abbreviation.group(1)]
    match = re.match(
        r"((?:United\s+States\s+|U\.S\.\s+)?(?:Chief\s+|Senior\s+)?(?:District\s+Court\s+|Bankruptcy\s+|District\s+|Magistrate\s+|Circuit\s+Court\s+|Circuit\s+)?Judge)\b",
        text.strip(),
    )
    return re.sub(r"\s+", " ", match.group(1)) if match else ""


def salutation_names(salutation: str) -> list[str]:
    """'Dear Judges Berman and Engelmayer:' -> ['Judge Berman', 'Judge Engelmayer']."""
    match = re.match(
        r"\s*Dear\s+(?P<title>(?:Chief\s+|Magistrate\s+|District\s+|Bankruptcy\s+)?(?:Judge|Justice)s?)\s+(?P<names>[^:;,]+)",
        salutation,
    )
    if not match:
        return []
    title = match["title"].rstrip("s") if match["title"].endswith("s") else match["title"]
    return [f"{title} {name.strip()}" for name in re.split(r"\s+and\s+|\s*&\s*", match["names"]) if name.strip()]


def re_block(lines: list[str]) -> list[str]:
    """The lines from 'Re:' to the end of the heading (without 'Re:')."""
    start = next((i for i, line in enumerate(lines) if re.match(r"\s*(?:Re|RE)\s*:", line)), None)
    if start is None:  # no 'Re:': the lines that carry a case number
        return [line.strip() for line in lines if casenumbers.find_all(line)]
    block = [re.sub(r"^\s*(?:Re|RE)\s*:\s*", "", lines[start])]
    block += [line.strip() for line in lines[start + 1 :] if line.strip()]
    return [line for line in block if line]


def cases_and_captions(block: list[str]) -> tuple[list[CaseNumber], list[str], str]:
    """Case numbers of the 'Re:' block, the caption of each, and a subject line if any."""
    text = " ".join(block)
    numbers = casenumbers.find_all(text) or casenumbers.find_after_no(text)
    captions: list[str] = []
    last = 0
    for number in numbers:
        at = text.find(number.text, last)
        before, after = text[last:at], text[at + len(number.text) :]
        caption = _caption(before) or _caption(
            re.split(r"\s{2,}|(?=\b(?:United States|State of|People|In re)\b)", after)[0]
        )
        between = re.sub(
            r"\b(?:Case|Civil|Action|No|Nos|MDL|Bankr|Bankruptcy|Adv|Pro|Proc|BAP|Appeal|Civ|Crim)\b|[\W\d_]",
            "",
            before,
        )
        if not caption and captions and captions[-1] and not between:
            caption = captions[-1]  # 'In re X, MDL No. 9876, Case No. 1:99-cv-05555': one caption for both
        captions.append(caption)
        last = at + len(number.text)
    subject = ""
    for line in block:
        if not casenumbers.find_all(line) and not re.search(r"\bv\.|\bvs\.|\bIn re\b", line, re.I):
            subject = line.strip()
    return numbers, captions, subject


def _caption(text: str) -> str:
    text = re.sub(
        r"(?:\b(?:Case|Docket|Civil\s+Action|Criminal\s+Action|Civil|Criminal|Civ|Crim|Cause|Adv\.\s*Pro|Index|S\d{1,2})\b\.?\s*)?"
        r"(?:\bNos?\.?|\bNumber|#)?\s*:?\s*$",
        "",
        text.strip(),
        flags=re.I,
    )
    text = text.strip(" ;,:")
    return text if re.search(r"\bv\.|\bvs\.|\bIn re\b|\bMatter of\b", text, re.I) else ""


def read_heading(heading: list[str], salutation: str) -> tuple[Heading, dict[str, str]]:
    """Everything the heading says, and what needs a person's look."""
    review: dict[str, str] = {}
    block = re_block(heading)
    numbers, captions, subject = cases_and_captions(block)
    found = addressees(heading)
    if not found:
        found = [Addressee(name=name) for name in salutation_names(salutation)]
        if found:
            review["addressee"] = (
                f"no addressee block; taken from the salutation '{salutation.strip()}': give the judge's full name"
            )
    how = delivery(heading)
    unknown = [part for part in how.split(" and ") if part and part not in DELIVERY.values()]
    if unknown:  # kept as written: a person says whether 'e-file' is ECF or the state's own system
        review["delivery"] = f"delivery {', '.join(repr(u) for u in unknown)} is not one the importer knows: check it"
    if len(found) > 1 and numbers and len(found) != len(numbers):
        review["addressee"] = f"{len(found)} addressees for {len(numbers)} case(s): check who is the judge of each case"
    return (
        Heading(
            delivery=how,
            addressees=found,
            cases=numbers,
            captions=captions,
            subject=subject,
        ),
        review,
    )
