"""What the letter says: its kind, what it asks for, what it encloses and cites, and the dates it sets.

Each reader takes the letter's text run together on one line (`flat`) and the
letter's date, and returns plain values plus review notes where it is unsure.
Dates go through dateparser (see dates.py); the patterns here only find where
in a sentence a date is a deadline, a hearing, an order or a letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import dates
from .patterns import FULL_DATE, MONTHS

ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
]  # fmt: skip
_ORDINAL = "|".join(ORDINALS)
ANY_DATE = rf"(?:{FULL_DATE}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:{MONTHS})\.?\s+\d{{1,2}}\b|{dates.RELATIVE_DAY})"


# Abbreviations that end in a full stop without ending the sentence ('Mr. Testwood', 'ECF No. 45').
ABBREVIATIONS = (
    r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bNo\.)(?<!\bNos\.)(?<!\bMrs\.)(?<!\bHon\.)(?<!\bv\.)(?<!\bvs\.)"
    r"(?<!\b[A-Z]\.)(?<!\bDkt\.)(?<!\bInc\.)(?<!\bCorp\.)(?<!\bCiv\.)(?<!\bCrim\.)(?<!\bFed\.)(?<!\bJr\.)(?<!\bSr\.)"
)


def sentences(flat: str) -> list[str]:
    # a footnote's number may follow the stop: '(the “Objection”).1 The Plan Administrator ...'
    return [
        s
        for s in re.split(rf"(?<=[.;:!?]){ABBREVIATIONS}(?:\d{{1,2}}(?=\s+[A-Z]))?\s+(?=[A-Z(“\"0-9])", flat)
        if s.strip()
    ]


# --- what kind of letter ---------------------------------------------------

REQUEST = re.compile(
    r"\b(?:respectfully\s+(?:request|requests|ask|asks|move|moves|seek|seeks)|(?:I|we)\s+(?:am|are)\s+requesting|"
    r"(?:I|we|undersigned)\s+(?:would\s+)?(?:request|ask|move|seek)|request\s+(?:that\s+)?the\s+Court|please\s+sign|"
    r"writes?\s+(?:\w+\s+){0,3}to\s+(?:respectfully\s+)?(?:request|ask|seek|move)|"
    r"(?:requests?|asks?|moves?|seeks?)\s+(?:that\s+the\s+Court|the\s+Court|leave|an?\s+(?:adjournment|extension|conference|\d+-day))|"
    r"(?:consent|joint)\s+(?:request|application|motion)\s+(?:to|for)|(?:request|requests|requesting|ask|asks)\s+that|"
    r"\bto\s+(?:respectfully\s+)?request\s+(?:a|an|the|leave|permission))\b",
    re.I,
)
RESPONSE = re.compile(
    r"\b(?:pursuant\s+to|in\s+response\s+to|to\s+respond\s+to|responds?\s+to|as\s+directed\s+(?:by|in))\s+the\s+Court['’]s\s+(?:\w+\s+){0,6}?orders?\b"
    r"|\bin\s+(?:opposition|response)\s+to\s+(?:the\s+)?(?:\w+['’]s?\s+){0,2}(?:letter|motion|request|application)"
    # 'write regarding Suburban's September 21, 2022 letter', 'write in reply to plaintiff's objection'
    r"|\bwrites?\s+(?:regarding|concerning|in\s+reply\s+to|to\s+respond\s+to)\s+(?:[\w.,'’“”()-]+\s+){0,8}?(?:letter|motion|objections?|request|application)\b",
    re.I,
)
JOINT = re.compile(
    r"\bjointly\s+submit|\b(?:this|our|the\s+instant|the\s+following)\s+joint\s+(?:letter|submission)|[“\"]joint[”\"]\s+letter"
    r"|\bparties\s+jointly\b|^\s*joint\s+letter\b",
    re.I,
)


def _quoted(match: re.Match[str] | None) -> str:
    return f"'{match.group(0).strip()}'" if match else ""


def letter_type(flat: str, authors: int) -> tuple[str, str]:
    """(type, why it needs review): a type the letter states, or its statement of purpose gives, is sure; one read
    from wording elsewhere in the letter is flagged where the wording points more than one way."""
    stated = re.search(
        r"\b(?:this\s+is\s+the\s+(?:(?!joint\b)\w+\s+)?|(?P<jointly>jointly\s+)?(?:submits?|files?)\s+this\s+)"
        r"(?P<type>(?:joint\s+)?status\s+(?:letter|report))",
        flat,
        re.I,
    )
    if stated:
        together = "joint " if stated["jointly"] and not stated["type"].lower().startswith("joint") else ""
        return series(together + stated["type"]), ""
    first = sentences(flat.split(":", 1)[-1])[:1]
    cover = re.match(r"\s*(?:Enclosed|Please\s+find\s+enclosed|I\s+enclose|Attached)", first[0]) if first else None
    if cover and len(flat) < 2500:
        return "cover letter", ""  # its first words say what it is
    joint = JOINT.search(flat)
    signals = {
        "letter response": RESPONSE.search(flat),
        "letter motion": REQUEST.search(flat),
        "status letter": re.search(r"\bstatus\s+(?:report|letter|update)\b", flat, re.I),
    }
    purpose = _purpose(flat)
    if purpose and not joint:
        return purpose[0], ""  # 'We write to request ...': the letter says why it is written
    if joint:
        kind = "joint status letter" if signals["status letter"] else "joint letter"
        return kind, ""
    found = [(kind, match) for kind, match in signals.items() if match]
    if found:
        kind, match = found[0]
        if len(found) == 1:
            return kind, ""
        others = ", ".join(f"{other} ({_quoted(m)})" for other, m in found[1:])
        return kind, f"read from {_quoted(match)}, though the letter also reads as {others}: check it"
    if authors > 1 and re.search(r"\bposition\b", flat, re.I):
        return "joint letter", "several signers stating positions: read as a joint letter"
    return "letter", "the letter does not say what it is; 'letter' assumed"


STATUS = re.compile(
    r"\bstatus\s+(?:report|letter|update)\b|\bto\s+(?:report\s+on|update\s+the\s+Court\s+on)\s+the\s+status\b"
    r"|\bwrites?\s+to\s+(?:advise|inform|update|notify)\s+the\s+Court\b"
    r"|\bwith\s+an\s+update\b|\bto\s+provide\s+(?:the\s+Court\s+with\s+)?an?\s+(?:status\s+)?update\b",
    re.I,
)


# The writer's own statement of purpose: 'We write to ...', 'The Government submits this letter ...' (not
# 'the parties were directed to submit').
PURPOSE = re.compile(
    r"(?:^|[,;]\s*|\b(?:I|We|we|[Tt]he\s+[A-Z]?\w+|[A-Z]\w+)\s+(?:(?:respectfully|jointly|hereby|also)\s+)*)"
    r"(?<!to\s)(?:write|writes|submit|submits)\b"
)


def _purpose(flat: str) -> tuple[str, str] | None:
    """The kind the letter's statement of purpose gives ('We write to request ...', 'submits this letter to report ...');
    None where it says none, or reads as more than one kind."""
    stated = next((s for s in sentences(flat)[:6] if PURPOSE.search(s)), "")
    kinds = [(kind, match) for kind, pattern in (("letter motion", REQUEST), ("letter response", RESPONSE), ("status letter", STATUS))
             if (match := pattern.search(stated))]  # fmt: skip
    if len(kinds) == 1:
        return kinds[0][0], _quoted(kinds[0][1])
    return None


def series(kind: str) -> str:
    """'joint status report' and 'joint status letter' name one series; we say 'letter'."""
    return re.sub(r"\s+", " ", re.sub(r"report$", "letter", kind.strip().lower()))


# --- what it asks for ----------------------------------------------------------

RELIEF = (
    (
        "conference",
        r"\bschedul\w*\s+(?:a\s+)?(?:status\s+|pre-?motion\s+)?conference|\b(?:a|an)\s+(?:status\s+|pre-?motion\s+)?conference\b",
    ),
    (
        "adjournment",
        r"\badjourn|\bpostpone|\b(?:reset|reschedul\w*)\b|\bcontinu(?:e|ance)\s+(?:of\s+)?the\s+(?:trial|hearing|conference)",
    ),
    (
        "extension of time",
        r"\bextension\b|\bextend\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:time|deadline|date|period)\b|\b(?:deadline|date|time)\b.{0,120}\bbe\s+extended\b",
    ),
    ("exclusion of time under the Speedy Trial Act", r"Speedy\s+Trial\s+Act"),
    (
        "leave to file",  # leave to file under seal is asking for sealing
        r"\bleave\s+(?:of\s+the\s+Court\s+)?to\s+(?:file(?!\s+(?:\S+\s+){0,6}?under\s+seal)|supplement|advise|submit|respond|reply)",
    ),
    (
        "production of discovery",
        r"\b(?:order|compel)\w*\s+(?:the\s+)?production|(?-i:\bcompel\b)|\border\s+(?:\w+\s+){1,3}to\s+produce\b",
    ),
    ("hearing", r"\bset\s+(?:a\s+)?hearing\b|\b(?:request|requests|schedule)\s+a\s+hearing\b"),
    ("deposition", r"\bdepose\b|\bdeposition\s+of\b|\bfor\s+(?:a|his|her|its|their)\s+deposition\b"),
    ("hearing time", r"\bminutes\s+of\s+the\s+Court['’]s\s+time|\btime\s+to\s+(?:present|be\s+heard)"),
    (
        "signature on the proposed order",
        r"\bplease\s+sign\b|\bsign\s+the\s+(?:enclosed|proposed)\s+order|\benter\s+the\s+(?:enclosed|attached|proposed)\s+(?:[\w-]+\s+){0,3}order",
    ),
    ("sealing", r"\bfile\s+(?:\w+\s+){0,3}under\s+seal\b|\bto\s+seal\b"),
    ("protective order", r"\bprotective\s+order\b"),
    (
        "modification of release conditions",
        r"\bmodif\w*\s+(?:\w+\s+){0,4}(?:bail|release|bond)\b|\bconditions\s+of\s+(?:pretrial\s+)?release",
    ),
    ("permission to travel", r"\bpermi\w+\s+(?:\w+\s+){0,4}to\s+travel\b"),
    (
        "unsealing",
        r"\b(?:request|requests|move|moves|ask|asks)\w*\s+(?:\w+\s+){0,6}to\s+unseal|\bthat\s+the\s+Court\s+unseal\b",
    ),
    ("stay", r"\bstay\s+(?:of\s+)?(?:the\s+|all\s+)?(?:proceedings|case|action|discovery)"),
    ("withdrawal as counsel", r"\bwithdraw\s+as\s+(?:counsel|attorney)"),
    ("clarification", r"\bclarif(?:y|ication)\b"),
    (
        "rulings on pending motions",
        r"\b(?:the\s+Court['’]s\s+)?rulings?\b(?!\s+(?:of|by)\b)|\bdecide\s+the\s+(?:pending\s+)?motions?\b",
    ),
    ("dismissal", r"(?<!to\s)\bdismiss\s+(?:the|this|its|their)\b"),
    ("oral argument", r"\boral\s+argument"),
    ("early termination of supervised release", r"\bearly\s+termination"),
)


def relief_requested(flat: str, kind: str) -> tuple[list[str], str]:
    """What the letter asks for, from the sentences that ask; flagged where the reading is not plain: two kinds
    of relief read from one sentence, or relief named in sentences that ask for nothing (proposed, not asked)."""
    found: dict[str, str] = {}  # relief -> the sentence it was read from
    mentioned: dict[str, str] = {}
    for sentence in sentences(flat):
        asks = bool(REQUEST.search(sentence))
        for name, pattern in RELIEF:
            if re.search(pattern, sentence, re.I):
                target = found if asks else mentioned
                target.setdefault(name, sentence)
    if found:
        doubts = [f"{name} and {other} both read from '{_clip(text)}'" for name, text in found.items()
                  for other, same in found.items() if other > name and same == text]  # fmt: skip
        doubts += [f"{name} named in '{_clip(text)}', which asks for nothing" for name, text in mentioned.items()
                   if name not in found]  # fmt: skip
        return list(found), ("check what the letter asks for: " + "; ".join(doubts)) if doubts else ""
    if kind in {"letter motion", "joint letter", "letter"} and re.search(
        r"\b(?:request|position|should\s+be\s+directed|ask)\w*\b", flat, re.I
    ):
        return [], "the letter states requests or positions the importer could not name: say what it asks for"
    return [], ""


def _clip(text: str, length: int = 90) -> str:
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


# --- enclosures ----------------------------------------------------------------


ENCLOSED = re.compile(
    r"\b(?:Enclosed\s+(?:you\s+will\s+find|please\s+find|herewith\s+(?:is|are)|is|are)|Please\s+find\s+enclosed|I\s+enclose)\s+(?P<what>[^.]+)",
    re.I,
)
# '... (Exhibit A)', 'A copy of the Response is attached hereto as Exhibit A', 'the enclosed transcripts (Exhibit 2)'
EXHIBITS = (
    re.compile(r"(?:See\s+)?(?P<what>[A-Z0-9][^.;()]{3,80}?)\s*\((?P<exhibit>Exhibits?\s+[A-Z0-9]+)\)"),
    re.compile(
        r"\bA\s+copy\s+of\s+(?:the\s+)?(?P<what>[A-Z][^.;]{1,80}?)\s+(?:is|are)\s+(?:attached|enclosed)\s+(?:hereto\s+|herewith\s+)?as\s+"
        r"(?P<exhibit>Exhibits?\s+[A-Z0-9]+)"
    ),
)
# 'A proposed form of order is enclosed.'
IS_ENCLOSED = re.compile(
    r"(?:^|[.;]\s+)(?:An?|The)\s+(?P<what>[^.;]{2,80}?)\s+(?:is|are)\s+(?:enclosed|attached)(?:\s+hereto)?\s*(?=[.;])"
)
ATTACHED_EXHIBIT = re.compile(
    r"\bthe\s+(?:enclosed|attached)\s+(?P<what>[a-z][\w\s-]{2,60}?)\s*\((?P<exhibit>Exhibits?\s+[A-Z0-9]+)\)"
)
SUBMITS_ENCLOSED = re.compile(
    r"\b(?:submit|submits|provide|provides)\s+(?:herewith\s+)?the\s+(?:enclosed|attached)\s+"
    r"(?P<what>[a-z][\w\s'’-]{2,60}?)(?=\s+(?:for|to|which|that)\b|[.;,])"
)


def enclosures(flat: str, notation: bool) -> tuple[list[str], str]:
    """What the letter encloses; `notation` is true when it carries an 'Enclosure' / 'encl.' line."""
    found = _enclosed(flat)
    for pattern in EXHIBITS:
        found += [
            item for m in pattern.finditer(flat) if (item := f"{m['what'].strip()} ({m['exhibit']})") not in found
        ]
    for match in IS_ENCLOSED.finditer(flat):
        if not any(match["what"].strip() in f for f in found):
            found.append(match["what"].strip())
    for match in ATTACHED_EXHIBIT.finditer(flat):
        if not any(match["what"].strip() in f for f in found):
            found.append(f"{match['what'].strip()} ({match['exhibit']})")
    for match in SUBMITS_ENCLOSED.finditer(flat):
        if not any(match["what"].strip() in f for f in found):
            found.append(match["what"].strip())
    weak = re.search(r"\b(?:the\s+enclosed|submits?\s+(?:\w+\s+){0,6}under\s+seal)\b", flat, re.I)
    if weak and not found:
        return [], "the letter speaks of enclosed or sealed material it does not list: name each enclosure"
    if notation and not found:
        return [], "the letter is marked 'Enclosure' but does not say what was enclosed: name it"
    return found, ""


def _enclosed(flat: str) -> list[str]:
    """'Enclosed you will find an Agreed Motion ... and a proposed Agreed Order ...' -> each thing enclosed."""
    found: list[str] = []
    for match in ENCLOSED.finditer(flat):
        what = re.sub(r"^(?:a\s+copy\s+of\s+|copies\s+of\s+)", "", match["what"].strip(), flags=re.I)
        # what it is, not what is said of it or when: '..., which both parties signed', '... for the period of ...'
        what = re.split(r",\s+(?:which|that|as|signed|executed)\b|\s+(?:for\s+the\s+period|dated|filed\s+on)\b", what)[
            0
        ]
        for item in re.split(r",?\s+and\s+(?=(?:an?|the)\s)", what):
            item = re.sub(r"^(?:an?|the)\s+", "", item.strip(), flags=re.I)
            if item and item not in found:
                found.append(item)
    return found


# --- references ----------------------------------------------------------------


@dataclass
class LetterRef:
    text: str
    date: date
    type: str = ""
    sequence: int | None = None


@dataclass
class DocketRef:
    text: str
    date: date | None = None
    number: str = ""
    title: str = ""
    label: str = ""  # 'Epstein' in 'Epstein Dkt. 67': which of the letter's cases


LETTER_REF = re.compile(
    rf"(?:(?:the\s+)?(?P<ordinal>{_ORDINAL})\s+(?P<type>(?:joint\s+)?status\s+(?:letter|report))\s+(?:dated|of)\s+(?P<d1>{ANY_DATE}))"
    rf"|(?:(?:the\s+|its\s+|his\s+|her\s+|their\s+|our\s+|by\s+)?(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?['’]s\s+)?letter\s+(?:dated|of)\s+(?P<d2>{ANY_DATE}))"
    rf"|(?:(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?['’]s\s+)?(?P<d3>{ANY_DATE})\s+(?:[A-Z]\w+\s+)?[Ll]etter\b)"
    # 'the first was submitted on December 1, 2025', 'our letter filed on ...'
    rf"|(?:(?:\b[Ll]etter\s+|\bthe\s+(?:first|previous|prior|last|initial)\s+(?:one\s+|report\s+|letter\s+)?)"
    rf"(?:was\s+)?(?:submitted|filed|sent)\s+(?:on\s+)?(?P<d4>{ANY_DATE}))"
)


def letter_references(flat: str, base: date) -> list[LetterRef]:
    refs: list[LetterRef] = []
    for match in LETTER_REF.finditer(flat):
        when = dates.parse(match["d1"] or match["d2"] or match["d3"] or match["d4"], base)
        if when is None or when >= base or any(r.date == when for r in refs):
            continue
        text = match.group(0).strip()
        if match["ordinal"]:
            refs.append(LetterRef(text, when, series(match["type"]), ORDINALS.index(match["ordinal"].lower()) + 1))
        else:
            refs.append(LetterRef(re.sub(r"^by\s+", "", text), when))
    return refs


DOCKET_NUMBER = re.compile(
    r"(?:\[?(?P<label>[A-Z][a-z]+)\]?\s+)?(?:Dkt\.?|ECF|D\.E\.|D\.I\.|Doc\.|Docket(?:\s+Entry)?)\s*(?:Nos?\.?|#)?\s*(?P<number>\d{1,5}(?:-\d{1,3}(?![\d/-]))?)(?![\d/-]|\s*(?:cr|cv|civ|mj|mag|md|mc|bk)\b)"
)
ORDER = re.compile(
    rf"(?:the\s+Court['’]s\s+(?P<d1>{ANY_DATE})\s+(?P<what>(?:Memorandum\s+|Endorsed\s+|Opinion\s+and\s+)?(?:[Oo]rder|Opinion(?:\s+and\s+(?:Order|Judgment))?)(?:\s+(?:regarding|on|approving|authorizing|granting|denying|concerning)\s+[a-z][a-z\s-]*?)?)(?=\s+and\b|\s+which\b|\s+directing\b|\s+[A-Z]|[.,;:(]))"
    rf"|(?:(?:the\s+Court|Your\s+Honor)['’]s\s+(?:[A-Z][a-z]+\s+){{0,2}}[Oo]rders?(?:,?\s+dated|\s+of|\s+(?:entered|issued)(?:\s+on)?)\s+(?P<d2>{ANY_DATE}))"
    rf"|(?:[Oo]rder\s+of\s+this\s+Court\s+(?:on|dated)\s+(?P<d3>{ANY_DATE}))"
    rf"|(?:(?:[Oo]n\s+)?(?P<d4>{ANY_DATE}),?\s+(?:however,\s+|when\s+)?(?:the\s+Court|[Yy]our\s+Honor)\s+"
    r"(?:extended|ordered|directed|granted|denied|entered|dismissed|issued|endorsed|so-ordered))"
    rf"|(?:\bthe\s+(?P<d5>{ANY_DATE})\s+(?:Memorandum\s+)?(?:Opinion\s+and\s+Order|Order|Memorandum\s+Opinion|Opinion)\b)"
)
# 'The motions were filed on August 16, 2001 and October 5, 2001': entries cited by their filing dates.
FILED_ON = re.compile(
    rf"\b(?:motions?|petitions?|applications?|complaint|objections?|briefs?)\s+(?:was|were)\s+filed\s+on\s+(?P<d1>{ANY_DATE})"
    rf"(?:,?\s+and\s+(?:on\s+)?(?P<d2>{ANY_DATE}))?"
)


def docket_references(flat: str, base: date) -> list[DocketRef]:
    """Orders by date ('the Court's March 17, 2009 order ...') and entries by number ('Dkt. No. 76', 'Maxwell Dkt. 797')."""
    orders = _orders_by_date(flat, base)
    refs, numbered = _numbered_entries(flat, orders)
    orders += _filed_on(flat, base)
    dated = {r.date for r in refs if r.date}
    for index, (_, order_ref) in enumerate(orders):
        if index not in numbered and order_ref.date and order_ref.date not in dated:
            refs.append(order_ref)
            dated.add(order_ref.date)
    return refs


def _orders_by_date(flat: str, base: date) -> list[tuple[int, DocketRef]]:
    """'the Court's March 17, 2009 order ...': each with where it ends, so a number just after can be its number."""
    orders: list[tuple[int, DocketRef]] = []
    for match in ORDER.finditer(flat):
        when = dates.parse(
            next(g for g in (match["d1"], match["d2"], match["d3"], match["d4"], match["d5"]) if g), base
        )
        if when is None or when > base:
            continue
        title = match["what"][0].upper() + match["what"][1:] if match["what"] else ""
        orders.append((match.end(), DocketRef(match.group(0).strip(), when, title=title.strip())))
    return orders


def _numbered_entries(flat: str, orders: list[tuple[int, DocketRef]]) -> tuple[list[DocketRef], set[int]]:
    """Entries by number, each once; an order named just before its number lends it its date and title.
    Returns them and which orders lent theirs."""
    refs: list[DocketRef] = []
    numbered: set[int] = set()
    for match in DOCKET_NUMBER.finditer(flat):
        label = match["label"] if match["label"] and match["label"] not in {"See", "The", "In", "And"} else ""
        ref = DocketRef(match.group(0).strip(), number=match["number"], label=label)
        order = next(
            (i for i, (end, _) in enumerate(orders) if 0 <= match.start() - end < 400 and i not in numbered), None
        )
        if order is not None:
            ref.date, ref.title = orders[order][1].date, orders[order][1].title
            numbered.add(order)
        for extra in [ref, *_listed_after(flat, match, label)]:
            if not any(r.number == extra.number and r.label == extra.label for r in refs):
                refs.append(extra)
    return refs, numbered


def _listed_after(flat: str, match: re.Match[str], label: str) -> list[DocketRef]:
    """The other numbers of 'Dkt. Nos. 12, 14 and 15'."""
    more = re.match(r"(?:\s*(?:,|and|&)\s*\d{1,5}(?:-\d{1,3})?(?![\d/-]))+", flat[match.end() :])
    others = re.findall(r"\d{1,5}(?:-\d{1,3})?", more.group(0)) if more and "Nos" in match.group(0) else []
    return [DocketRef(f"{label} No. {n}".strip(), number=n, label=label) for n in others]


def _filed_on(flat: str, base: date) -> list[tuple[int, DocketRef]]:
    found = []
    for match in FILED_ON.finditer(flat):
        for text in (match["d1"], match["d2"]):
            when = dates.parse(text, base) if text else None
            if when is not None and when <= base:
                found.append((match.end(), DocketRef(match.group(0).strip(), when)))
    return found


# --- hearings, deadlines, the next report ---------------------------------------

HEARING = re.compile(
    r"\b(?P<what>(?:(?:initial|final|further|next|upcoming|pretrial|pre-trial|status|pre-motion|settlement|case\s+management|"
    r"sentencing|plea|jury|bench|evidentiary|oral|omnibus|motion)\s+)*(?:conference|hearing|trial|argument|sentencing|"
    r"status\s+check|calendar\s+call|docket\s+call))\b",
    re.I,
)
SCHEDULED = re.compile(r"\b(?:set\s+for|scheduled\s+for|scheduled|to\s+commence|commencing|on|at|for)\b", re.I)
TIME = re.compile(r"^\s*,?\s*at\s+(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap])\.?m\.?", re.I)
DEADLINE = re.compile(
    r"\b(?:due(?:\s+(?:by|on))?|by|no\s+later\s+than|on\s+or\s+before|deadline(?:\s+(?:of|is))?|closes?\s+on|close\s+of\s+(?:\w+\s+){1,3}on|until)\s+"
    r"(?:this\s+\w+,?\s+|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?$",
    re.I,
)

# A sentence asking for more time: its dates are the deadline as it stands and as it would be extended.
EXTENSION = re.compile(
    r"\bextension\s+of\s+(?:time|(?:the|that|this)\s+deadline)|\bextend\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:time|deadline|date|period)\b"
    r"|\bdeadline\b.{0,120}\bbe\s+extended\b",
    re.I,
)


@dataclass
class Dated:
    date: date
    what: str
    time: str = ""


def _time(after: str) -> str:
    match = TIME.match(after)
    if not match:
        return ""
    hour = int(match["h"]) % 12 + (12 if match["ampm"].lower() == "p" else 0)
    return f"{hour:02d}:{int(match['m'] or 0):02d}"


def hearings_and_deadlines(flat: str, base: date) -> tuple[list[Dated], list[Dated], dict[str, str]]:
    """Hearings and deadlines after the letter's date: a date after 'set for', 'by', 'due', 'no later than'...

    A date read from those words is sure; one read only because its sentence asks for more time or names a
    deadline somewhere before it is a guess, and the third value says so (field -> why) for review."""
    hearings: list[Dated] = []
    deadlines: list[Dated] = []
    guesses: dict[str, list[str]] = {"hearings": [], "deadlines": []}
    for sentence in sentences(flat):
        previous = ""  # what the sentence's last date was: a range's end belongs to its start
        for start, end, when in dates.dates_in(sentence, base):
            if when <= base:
                continue
            before = sentence[max(0, start - 90) : start]
            if re.search(r"(?:[-–]|\bthrough|\bto)\s*$", before) and previous == "hearing":
                continue  # the end of a range ('2/28/2022 - 3/11/2022'): the hearing is already listed
            kind = _hearing(before)
            after = "" if kind else _hearing_after(sentence[end:])
            previous = "hearing" if kind or after else "other"
            if (kind or after) and not any(h.date == when for h in hearings):
                hearings.append(Dated(when, kind or after, _time(sentence[end:])))
                if after:
                    guesses["hearings"].append(f"{when.isoformat()} {after}")
                continue
            sure = DEADLINE.search(before[-40:])
            if (sure or re.search(r"\bdeadlines?\b", before[-90:], re.I) or EXTENSION.search(sentence)) and not any(
                d.date == when for d in deadlines
            ):
                deadlines.append(Dated(when, _deadline_what(sentence[:start])))
                if not sure:
                    guesses["deadlines"].append(f"{when.isoformat()} from '{_clip(sentence)}'")
    notes = {
        name: "dates read from the wording, check each: " + "; ".join(items) for name, items in guesses.items() if items
    }
    return hearings, deadlines, notes


def _hearing(before: str) -> str:
    """'... upcoming status conference on ' -> 'status conference'; '' when the date is no hearing's."""
    if re.search(r"\bavailab\w+|\bpostpon\w+|\badjourn\w+\s+to\b", before, re.I):
        return ""
    if re.search(r"\bmotion\b.{0,80}\breturnable\s+(?:on\s+)?$", before, re.I):  # New Jersey's motion day
        return "motion return date"
    found = list(HEARING.finditer(before))
    if not found:
        return ""
    last = found[-1]
    between = before[last.end() :]
    if len(between) > 60 or not SCHEDULED.search(between) or re.search(r"[.;]", between):
        return ""
    words = [w for w in last["what"].lower().split() if w not in {"upcoming", "next", "further"}]
    return " ".join(words)


def _hearing_after(after: str) -> str:
    """'... to the December 9, 2025 omnibus hearing': the hearing named after its date."""
    match = re.match(r"\s+(?:at\s+[\d:]+\s*[ap]\.?m\.?\s+)?" + HEARING.pattern, after, re.I)
    return " ".join(match["what"].lower().split()) if match else ""


def _deadline_what(before: str) -> str:
    clause = re.split(r"[.;:]|,\s+(?=[a-z])", before)[-1]
    clause = re.sub(
        r"\s*\b(?:due(?:\s+(?:by|on))?|by|no\s+later\s+than|on\s+or\s+before|closes?\s+on|until|from|to)(?:\s+this\s+\w+,?)?\s*$",
        "",
        clause.strip(),
        flags=re.I,
    )
    words = clause.split()[-10:]
    return " ".join(words).strip(" ,") or "deadline"


def next_report_due(flat: str, base: date) -> tuple[date | None, str]:
    """When the next report is due, where a sentence promises one; (None, why) when it cannot be read."""
    for sentence in sentences(flat):
        if not re.search(
            r"\b(?:further|next|another|additional|supplemental)\s+(?:\w+\s+)?(?:status\s+)?(?:report|letter|update)\b"
            r"|\b(?:update|supplement)\s+(?:this|our|the)\s+(?:status\s+)?(?:report|letter)\b|\breport\s+again\b",
            sentence,
            re.I,
        ):
            continue
        on = re.search(rf"(?:on\s+or\s+before|by|on)\s+({FULL_DATE})", sentence)
        if on:
            when = dates.parse(on.group(1), base)
            if when and when > base:
                return when, ""
            continue
        within = re.search(
            r"\b(?:in|within)\s+(?:the\s+next\s+|approximately\s+|about\s+|roughly\s+)?[\w,-]+\s+(?:days?|weeks?|months?)\b",
            sentence,
            re.I,
        )
        if within:
            event = re.match(
                r"\s+(?:of|after|following|from)\s+(?!(?:the\s+date\s+of\s+)?(?:this|today))", sentence[within.end() :]
            )
            if event:  # 'within fourteen days of any change': counted from an event, not from the letter
                return None, f"'{_clip(sentence)}' counts from an event, not a date: give the date if one is set"
            when = dates.relative(within.group(0), base)
            if when is None or when.year > base.year + 5:
                return (
                    None,
                    f"'{within.group(0)}' is not a date the importer can compute: give the date the next report is due",
                )
            return when, ""
    return None, ""


def on_behalf_of(flat: str) -> list[str]:
    behalf = re.search(
        r"\bstatus\s+(?:report|letter)\s+of\s+(the\s+[a-z][a-z\s]*?)\s+(?:required|pursuant|filed|submitted|in\b)",
        flat,
        re.I,
    ) or re.search(r"\bon\s+behalf\s+of\s+(the\s+[A-Za-z][\w\s]*?|all\s+[a-z][\w\s]*?)(?=[.,;]|\s+(?:in|to)\b)", flat)
    return [behalf.group(1)] if behalf else []


def sequence(flat: str, refs: list[LetterRef]) -> tuple[int | None, str]:
    stated = re.search(
        rf"\bthis\s+is\s+the\s+(?P<ordinal>{_ORDINAL})\s+(?:joint\s+)?status\s+(?:letter|report)", flat, re.I
    )
    if stated:
        return ORDINALS.index(stated["ordinal"].lower()) + 1, ""
    numbered = [r for r in refs if r.sequence]
    if numbered and re.search(rf"\bsince\s+the\s+(?:{_ORDINAL})\b", flat, re.I):
        previous = max(numbered, key=lambda ref: ref.date)
        return (previous.sequence or 0) + 1, f"inferred: the letter reports on events since {previous.text}"
    return None, ""
