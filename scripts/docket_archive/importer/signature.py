"""Who wrote the letter, for whom, from which firm, and who was copied.

The signature block is read line by line: names (checked and capitalised with
nameparser), their roles ('Assistant United States Attorneys'), the firm, and
the marks that say who signed ('/s/', 'By:'). In a U.S. Attorney's letter the
office head stands above 'By:' and the assistants who sign below it: the head is
`signed_for`, the assistants are the authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .patterns import CLOSING, FULL_DATE, TYPIST

ROLE = re.compile(
    r"(?:(?:Acting|Deputy|Assistant|Special|First|Chief|Interim)\s+)*United\s+States\s+Attorneys?(?:\s+General)?"
    r"(?:\s+for\s+the\s+(?:(?:Southern|Northern|Eastern|Western|Middle|Central)\s+)?District\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"|(?:Assistant\s+)?(?:State|District|County)\s+Attorneys?"
    r"|Co-?counsel\s+(?:to|for)\s+[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3}"
    r"|(?:Counsel|Attorneys?)\s+for\s+(?:the\s+)?[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,4}"
    r"(?:,?\s+(?:Inc\.?|LLC|L\.L\.C\.|LLP|L\.P\.|Corp\.?|Co\.|Ltd\.?|N\.A\.)(?!\w))?"
    r"|(?:(?:Deputy|Assistant|Chief)\s+)?Attorney\s+General|(?:Assistant\s+|Supervising\s+)?Federal\s+(?:Public\s+)?Defenders?"
    r"|Attorney-in-Charge|Trial\s+Attorneys?|Special\s+Assistant|Law\s+Clerk|Paralegal"
    r"|\b(?:Partner|Associate|Of\s+Counsel|Special\s+Counsel|General\s+Counsel|Senior\s+Counsel)\b"
)
ORGANISATION = re.compile(r"\b(?:Department\s+of\s+Justice|Office\s+of|Attorney'?s?\s+Office)\b", re.I)
FIRM = re.compile(
    r"\b(?:LLP|L\.L\.P\.|LLC|L\.L\.C\.|P\.A\.|P\.C\.|PLLC|Chartered|Inc\.|Law\s+(?:Offices?|Firm|Group)|Federal\s+Defenders\s+of)(?!\w)|&",
    re.I,
)
FIRM_END = re.compile(r"\b(?:LLP|L\.L\.P\.|LLC|L\.L\.C\.|P\.A\.|P\.C\.|PLLC|Chartered)(?!\w)")
CONTACT = re.compile(
    r"@|\d{3}|\b(?:Tel|Fax|Phone|Floor|Plaza|Street|Avenue|Suite|Road|Boulevard|Building|Tower|Center|Centre|Square|Broadway"
    r"|Drive|Lane|Courthouse|Box)\b|www\.|https?:",
    re.I,
)
NOTATION = re.compile(r"^\s*(?:encl?s?\.?|enclosures?|attachments?)\s*$", re.I)
NAME_STOP = {
    "united", "states", "attorney", "attorneys", "general", "district", "court", "counsel", "department", "justice",
    "office", "york", "southern", "northern", "eastern", "western", "submitted", "respectfully", "sincerely", "esq",
    "esq.", "law", "offices", "llp", "llc", "enclosure", "re", "dear", "page", "thank", "you", "the", "assistant",
    "federal", "defender", "defenders", "public", "trial", "senior", "associate", "partner", "chief", "deputy",
    "special", "division", "section", "unit", "bureau", "inc", "inc.", "plaintiff", "plaintiffs", "defendant",
    "defendants", "government", "state", "county", "city", "building", "of", "co", "co.", "corp", "corp.", "ltd",
    "ltd.", "company", "corporation", "l.l.c.", "pllc", "p.c.",
}  # fmt: skip
NAME = re.compile(
    r"^(?:[A-Z]\.|[A-Z][A-Za-z'’-]+\.?)(?:\s+(?:[A-Z]\.|[A-Z][A-Za-z'’-]+\.?|(?:de|del|della|di|da|van|von|der|den|la|le)(?=\s+\S)"
    r"|(?:Jr|Sr)\.?|II|III|IV)){1,5}$"
)


@dataclass
class Signer:
    name: str
    role: str = ""
    on_behalf_of: list[str] = field(default_factory=list)


@dataclass
class Signature:
    authors: list[Signer] = field(default_factory=list)
    signed_for: Signer | None = None
    firm: str = ""  # a firm line in the signature block
    review: dict[str, str] = field(default_factory=dict)


def proper_name(name: str) -> str:
    """'JASON E. FOY' -> 'Jason E. Foy' (nameparser knows Mc, Mac, O' and suffixes)."""
    from nameparser import HumanName

    human = HumanName(name)
    if name.isupper():
        human.capitalize(force=True)
    return str(human).strip()


def is_name(text: str) -> bool:
    words = text.split()
    return bool(NAME.match(text)) and not any(w.lower().strip(",.") in NAME_STOP for w in words)


def _names(text: str, review: dict[str, str]) -> list[str]:
    """The names in a piece of a signature block: 'Maurene Comey / Alison Moe', 'Jessica Lonergan Nicolas Roos'."""
    names = []
    text = re.sub(r"\s*\((?:[A-Z]{2,3}[-\s]?\d{3,7}|Bar\s+No\.?[^)]*)\)", "", text)  # bar numbers: '(JD1234)'
    text = re.sub(r",\s*(?=(?:Jr|Sr)\.?\b|II\b|III\b)", " ", text)  # 'John Doe, Jr.' is one name
    text = re.sub(r",?\s*Esq\.?", "", text)
    for part in re.split(r"\s*/\s*|\s+and\s+|\s*;\s*|\s*,\s+", text):
        part = _once(part.strip(" ,"))
        if not is_name(part):
            continue
        words = part.split()
        if len(words) >= 4 and len(words) % 2 == 0 and all(w[0].isupper() and not w.endswith(".") for w in words):
            pairs = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
            review["authors"] = f"'{part}' was read as {len(pairs)} people: {', '.join(pairs)}"
            names += pairs
        else:
            names.append(part)
    return names


def _once(text: str) -> str:
    """'Kevin J. Biron Kevin J. Biron' (the '/s/' name and the typed one, run together by OCR) -> one name."""
    words = text.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half >= 2 and [w.lower() for w in words[:half]] == [w.lower() for w in words[half:]]:
        return " ".join(words[:half])
    return text


def _pieces(line: str) -> list[tuple[str, str]]:
    """A signature line cut into ('mark'|'by'|'role'|'firm'|'contact'|'text', text) pieces."""
    out: list[tuple[str, str]] = []
    line = re.sub(r"_{2,}", " ", line)
    if re.match(r"\s*By\s*:", line):
        out.append(("by", "By:"))
        line = re.sub(r"^\s*By\s*:\s*", "", line)
    # '/s/', 's/', and OCR's 'Is/' or 'ls/' for '/s/'
    if re.search(SIGNED_MARK, line, re.I):
        out.append(("mark", "/s/"))
        line = re.sub(SIGNED_MARK, " ", line, flags=re.I)
    last = 0
    for match in ROLE.finditer(line):
        out += _plain(line[last : match.start()])
        out.append(("role", match.group(0)))
        last = match.end()
    return out + _plain(line[last:])


def _plain(text: str) -> list[tuple[str, str]]:
    text = text.strip(" ,")
    if not text:
        return []
    if TYPIST.fullmatch(text) or NOTATION.match(text):
        return [("contact", text)]
    if FIRM.search(text) and not CONTACT.search(text):
        # OCR that ran the block together: 'WHITLOCK & DUNSTABLE, P.A. Evangelina R. Whitlock'
        suffix = FIRM_END.search(text)
        if suffix and text[suffix.end() :].strip(" ,"):
            return [("firm", text[: suffix.end()]), *_plain(text[suffix.end() :])]
        return [("firm", text)]
    if ORGANISATION.search(text):
        return [("contact", text)]
    contact = CONTACT.search(text)
    if contact and contact.group(0)[:1].isalpha() and contact.group(0).lower() not in {"tel", "fax", "phone", "www."}:
        return [("contact", text)]  # an address line: 'One Sample Square', 'The Example Building'
    if contact:  # 'Pat Example Tel: (212) ...': the name, then how to reach them
        before = text[: contact.start()].strip(" ,(")
        return ([("text", before)] if before else []) + [("contact", text[contact.start() :])]
    return [("text", text)]


SIGNED_MARK = r"(?<![\w/])[Il]s/(?=\s|$)|(?<![\w/])s/|/s/?"


@dataclass
class _Seen:
    name: str
    after_by: bool
    after_mark: bool
    role: str = ""


def read_signature(body: list[str]) -> Signature:
    """The signature block: from the first closing ('Respectfully submitted,') to the end of the body."""
    start = next((i for i, line in enumerate(body) if CLOSING.match(line)), None)
    signature = Signature()
    if start is None:
        signature.review["authors"] = "no closing ('Respectfully submitted,') found: who signed was not read"
        return signature
    block = _SignatureBlock(signature)
    for line in _columns(body[start + 1 :]):
        if not (CLOSING.match(line) or DATED.match(line) or re.fullmatch(rf"\s*{FULL_DATE}\s*", line)):
            for kind, text in _pieces(line):
                block.take(kind, text)
    seen = block.seen
    _assign(signature, seen, any(s.after_by for s in seen), any(s.after_mark for s in seen))
    return signature


@dataclass
class _SignatureBlock:
    """The signature block read piece by piece: names, the roles that follow them, 'By:' and '/s/' marks, the firm."""

    signature: Signature
    seen: list[_Seen] = field(default_factory=list)
    group: list[_Seen] = field(default_factory=list)  # the names a role that follows applies to
    after_by: bool = False
    after_mark: bool = False

    def take(self, kind: str, text: str) -> None:
        if kind == "by":
            self.after_by, self.group = True, []
        elif kind == "mark":
            self.after_mark, self.group = True, []
        elif kind == "role":
            for item in self.group:
                item.role = item.role or _singular(text)
            self.group = []
        elif kind == "firm":
            self.signature.firm = self.signature.firm or firm_name(text)
        elif kind == "text":
            new = [_Seen(proper_name(n), self.after_by, self.after_mark) for n in _names(text, self.signature.review)]
            self.seen += new
            self.group = self.group + new if self.group and not self.group[-1].role else new


# 'Dated: Newark, New Jersey' below the signature is the letter's date and place, not a signer.
DATED = re.compile(r"\s*Dated\s*:", re.I)
COLUMN_GAP = re.compile(r"(?<=\S)\s{3,}(?=\S)")


def _columns(lines: list[str]) -> list[str]:
    """Signature blocks side by side ('/s/ A      /s/ B'): the left column's lines, then the right's."""
    pieces = [COLUMN_GAP.split(line.strip()) for line in lines]
    two = [p for p in pieces if len(p) == 2 and not re.fullmatch(r"By\s*:", p[0])]
    if len(two) < 2 or any(len(p) > 2 for p in pieces):
        return lines
    left = [p[0] for p in pieces]
    right = [p[1] for p in pieces if len(p) == 2]
    return left + right


def _assign(signature: Signature, seen: list[_Seen], by: bool, mark: bool) -> None:
    """Names below 'By:' (or from the first '/s/' on) signed; names above them are the office they sign for."""
    if by:
        heads, signers = [s for s in seen if not s.after_by], [s for s in seen if s.after_by]
    elif mark:
        heads, signers = [s for s in seen if not s.after_mark], [s for s in seen if s.after_mark]
    else:
        heads, signers = [], seen
    if not signers:
        heads, signers = [], seen
    unique: dict[str, _Seen] = {}
    for item in signers:
        unique.setdefault(item.name.lower(), item)
    for item in unique.values():
        behalf = re.match(r"Co-?counsel\s+(?:to|for)\s+(.+)|(?:Counsel|Attorneys?)\s+for\s+(.+)", item.role, re.I)
        signature.authors.append(
            Signer(item.name, item.role, [next(g for g in behalf.groups() if g)] if behalf else [])
        )
    if heads:
        signature.signed_for = Signer(heads[0].name, heads[0].role)
        if len(heads) > 1:
            others = ", ".join(h.name for h in heads[1:])
            signature.review["signed_for"] = (
                f"several people named above the signature ({heads[0].name}, {others}): check"
            )
    if not signature.authors:
        signature.review["authors"] = "no signer's name found under the closing"


def _singular(role: str) -> str:
    role = re.sub(r"\s+", " ", role.strip())
    return re.sub(r"\bAttorneys\b", "Attorney", role)


KEEP_CAPS = {"LLP", "LLC", "PLLC", "P.A.", "P.C.", "L.L.P.", "L.L.C.", "PA", "PC", "U.S.", "USA"}


def firm_name(text: str) -> str:
    """'WEIL, GOTSHAL & MANGES LLP' -> 'Weil, Gotshal & Manges LLP'; 'J o s e p h' -> 'Joseph'."""
    text = re.sub(r"\b(?:\w ){2,}\w\b", lambda m: m.group(0).replace(" ", ""), text)
    text = re.sub(r"\s+", " ", text).strip(" ,")
    text = re.sub(r"\bOf\b", "of", text) if text != text.upper() else text
    if text != text.upper():
        return text
    words = []
    for word in text.split():
        bare = word.strip(",")
        words.append(word if bare in KEEP_CAPS or bare == "&" else word.capitalize())
    return " ".join(words)


def letterhead_firm(letterhead: list[str]) -> str:
    """The firm or office the letterhead names, or ''."""
    lines = [re.sub(r"\s{3,}.*$", "", line.strip()) for line in letterhead if line.strip()]
    joined = " ".join(lines)
    if re.search(r"United\s+States\s+Attorney\b", joined) and re.search(r"Department\s+of\s+Justice", joined):
        from .court import DISTRICT

        district = DISTRICT.search(joined)
        return "United States Attorney's Office" + (f" for the {district['district']}" if district else "")
    for index, line in enumerate(lines):
        if PUBLIC_OFFICE.fullmatch(line):  # 'OFFICE OF THE STATE ATTORNEY' / 'FIFTEENTH JUDICIAL CIRCUIT OF FLORIDA'
            where = lines[index + 1] if index + 1 < len(lines) else ""
            where = where if re.search(r"\b(?:Circuit|District|County|Parish|State\s+of)\b", where, re.I) else ""
            return firm_name(f"{line}, {where}" if where else line)
        if re.search(r"Law\s+Offices?\s+of\s*$", line, re.I) and index + 1 < len(lines):
            return firm_name(f"{line} {lines[index + 1]}")
        suffix = re.search(
            r"\b(?:LLP|L\.L\.P\.|LLC|P\.A\.|P\.C\.|PLLC|Chartered)(?!\w)|Law\s+Offices?\s+of|Federal\s+Defenders\s+of",
            line,
            re.I,
        )
        if suffix:  # a run-together letterhead goes on with the address: the firm ends at 'LLP'
            end = (
                suffix.end()
                if re.match(r"[LPC]", suffix.group(0), re.I) and CONTACT.search(line[suffix.end() :])
                else len(line)
            )
            from .parties import before_address

            return firm_name(before_address(line[:end]))  # 'Morgan, Lewis & Bockius 101 Park Avenue ... LLP'
    return _organisation_before_address(lines)


def _organisation_before_address(lines: list[str]) -> str:
    """'Morgan, Lewis & Bockius 101 Park Avenue ...': a name probablepeople reads as an organisation, before an address."""
    from .parties import before_address, is_organisation

    for line in lines:
        name = before_address(line)
        if name != line and "&" in name and len(name.split()) <= 6 and is_organisation(name):
            return firm_name(name)
    return ""


# A public office's letterhead: a state attorney, district attorney, public defender, attorney general.
PUBLIC_OFFICE = re.compile(
    r"(?:Office\s+of\s+(?:the\s+)?)?(?:State|District|County|City|Commonwealth['’]?s?)\s+Attorney(?:['’]s\s+Office)?"
    r"|(?:Office\s+of\s+(?:the\s+)?)?(?:Federal\s+)?Public\s+Defender(?:['’]s\s+Office)?"
    r"|(?:Office\s+of\s+(?:the\s+)?)?Attorney\s+General(?:\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"|(?:Office\s+of\s+(?:the\s+)?)?(?:Chapter\s+\d+\s+|United\s+States\s+|Standing\s+)Trustee",
    re.I,
)


# What follows the writer's name in a letterhead: 'Arthur Steinberg Direct Dial: ...', 'Kevin J. Biron Partner +1.212...'.
WRITER_CUE = re.compile(
    r"\s+(?:Direct\s+(?:Dial|Line|Tel\w*)|Partner|Associate|Of\s+Counsel|Senior\s+Counsel|Counsel|Tel\.?|T:|D:|Phone|\+?\(?\d{3})"
)
WRITER_NAME = re.compile(r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2})$")


def letterhead_writer(letterhead: list[str]) -> str:
    """The writer a letterhead names ('Arthur Steinberg Direct Dial: 212-...'), for a letter with no signature block."""
    from .parties import is_person

    spelled = writer_spelling(letterhead)
    if spelled and is_name(spelled):
        return spelled
    for line in letterhead:
        for cue in WRITER_CUE.finditer(line):
            name = WRITER_NAME.search(line[: cue.start()].strip())
            if name and is_name(name["name"]) and is_person(name["name"]):
                return name["name"]
    return ""


def writer_spelling(letterhead: list[str]) -> str:
    """The writer's name as a 'WRITER'S DIRECT LINE' block gives it."""
    for index, line in enumerate(letterhead):
        if re.search(r"direct\s+(?:line|dial)", line, re.I) and index + 1 < len(letterhead):
            return letterhead[index + 1].strip()
    return ""


CC_ROLES = {
    "ADA": "Assistant District Attorney",
    "ASA": "Assistant State Attorney",
    "AUSA": "Assistant United States Attorney",
    "SAUSA": "Special Assistant United States Attorney",
    "AAG": "Assistant Attorney General",
}
# A title written before a cc recipient's name: 'Pretrial Services Officer Gideon Pell'.
CC_TITLE = re.compile(
    r"(?:(?:U\.S\.|United\s+States|Senior|Supervisory)\s+)?(?:Pretrial\s+Services|Probation)\s+Officer\s+(?=[A-Z])"
    r"|(?:Assistant\s+|Deputy\s+|Special\s+Assistant\s+)?(?:United\s+States|U\.S\.|State|District|County)\s+Attorney\s+(?=[A-Z])"
    r"|(?:Assistant\s+|Deputy\s+)?Attorney\s+General\s+(?=[A-Z])|(?:Assistant\s+)?(?:Federal\s+)?Public\s+Defender\s+(?=[A-Z])"
)
GROUP = re.compile(r"\b(?:All|Counsel|Record|Parties|Chambers|Clerk|Defense|Government|Office|Committee)\b", re.I)


@dataclass
class Copy:
    """One cc recipient: a person's name, or a group's (`group` true)."""

    name: str
    group: bool = False
    role: str = ""
    via: str = ""
    enclosure: bool = False


def _via(text: str) -> str:
    text = re.sub(r"[\s,]*-?\s*w/o?\s*(?:encl\w*|attach\w*)\.?", "", text, flags=re.I).strip(" -,")
    text = re.sub(r"\bfacsimile\b", "fax", text, flags=re.I)
    text = re.sub(r"\bU\.S\.\s+Mail\b|\bfirst[- ]class\s+mail\b", "mail", text, flags=re.I)
    text = re.sub(r"\s*&\s*(?!\s*ServeXpress)", " and ", text, flags=re.I)  # 'File & ServeXpress' is one system
    text = re.sub(r"\bE-?mail\b", "e-mail", text, flags=re.I)
    text = re.sub(r"\bCM\s*/\s*ECF\b", "ECF", text, flags=re.I)
    if text.upper() in {"ECF", "UPS", "NYSCEF"}:
        return text.upper()
    return text.lower().replace("nyscef", "NYSCEF").replace("ecf", "ECF")


def _affiliation(line: str, copies: list[Copy]) -> bool:
    """A line under named recipients that says where they work or whom they act for, not another recipient."""
    from .parties import is_organisation

    text = line.strip(" ~-–")
    if re.match(r"(?:co-?)?(?:attorneys?|counsel)\s+(?:for|to)\b", text, re.I):
        copies[-1].role = copies[-1].role or text
        return True
    people_above = all(not c.group for c in copies)
    return people_above and bool(re.match(r"(?:the\s+)?Office\s+of\b", text, re.I)) and is_organisation(text)


def read_cc(lines: list[str]) -> list[Copy]:
    """'cc: Lanna Belohlavek, Esq. (via Facsimile & U.S. Mail - w/ enclosure)' -> Copy(...)."""
    copies: list[Copy] = []
    common = ""  # 'cc (via ECF): ...' says how every recipient was sent a copy
    for raw in lines:
        head = re.match(
            r"^\s*(?:cc|c|ce|cec|copy|copies)\s*(?:to)?\s*(?:\((?:via|by)\s+(?P<via>[^)]+)\))?\s*:\s*", raw, re.I
        )
        if head and head["via"]:
            common = _via(head["via"])
        line = raw[head.end() :].strip() if head else raw.strip()
        if line and not _belongs_above(line, copies):
            copy = _copy(line, common)
            if copy is not None:
                copies.append(copy)
    return copies


def _belongs_above(line: str, copies: list[Copy]) -> bool:
    """A line that says more of the recipient above (how it was sent, their firm or office): folded into it."""
    if not copies:
        return False
    if re.fullmatch(r"\((?:via|by)\s+[^)]+\)", line, re.I):  # how the recipient above was sent it
        copies[-1].via = _via(line.strip("()")[4:] if line[1:4].lower() == "via" else line.strip("()")[3:])
        copies[-1].enclosure = bool(re.search(r"w/\s*encl|with\s+enclosure", line, re.I))
        return True
    bare = re.sub(r"\([^)]*\)", "", line).strip(" ,")  # '&' in '(via Facsimile & U.S. Mail)' is no firm's
    if FIRM.search(bare) and not is_name(bare) and not GROUP.search(bare):
        return True  # the firm of the recipient above: 'Kittredge Blaine LLP'
    return _affiliation(
        bare, copies
    )  # the office or role of the recipients above: 'Office of the United States Attorney'


def _copy(line: str, common: str) -> Copy | None:
    """One recipient: name, role, how the copy was sent (else as the cc line says for all), with the enclosures or not."""
    how = re.search(r"\((?:via|by)\s+([^)]+)\)|\b(?:via|by)\s+([A-Za-z][\w .&-]+)$", line, re.I)
    enclosure = bool(re.search(r"w/\s*encl|with\s+enclosure", line, re.I))  # not 'w/o enclosure'
    name = line[: how.start()] if how else line
    name = re.sub(r"\(?\s*w/\s*encl\w*\.?\s*\)?", "", name, flags=re.I).strip(" ,")
    role, name = _cc_role(name)
    if not name:
        return None
    via = _via(next(g for g in how.groups() if g)) if how else common
    return Copy(name=name, group=bool(GROUP.search(name)), role=role, via=via, enclosure=enclosure)


def _cc_role(name: str) -> tuple[str, str]:
    """'AUSA Jane Roe' / 'Jane Roe, AUSA' / 'Hon. Jane Roe' / 'Jane Roe, counsel for plaintiff' -> (role, name)."""
    role = ""
    suffix = re.search(r",\s*([A-Z]{2,5})\.?$", name)
    prefix = re.match(r"([A-Z]{2,5})\s+(?=[A-Z][a-z])", name)
    if suffix and suffix.group(1) in CC_ROLES:
        role, name = CC_ROLES[suffix.group(1)], name[: suffix.start()]
    elif prefix and prefix.group(1) in CC_ROLES:
        role, name = CC_ROLES[prefix.group(1)], name[prefix.end() :]
    elif titled := CC_TITLE.match(name):
        role, name = titled.group(0).strip(), name[titled.end() :]
    name = re.sub(r",?\s*Esq\.?$", "", name.strip()).strip(" ,")
    counsel = re.search(r",\s*((?:co-?)?(?:counsel|attorneys?)\s+(?:for|to)\s+.+)$", name, re.I)
    if counsel and not role:  # 'Ambrose Kilbride, counsel for plaintiff'
        role, name = counsel.group(1), name[: counsel.start()].strip(" ,")
    return role, name
