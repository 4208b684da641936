"""Which court a letter's case is in, from courts-db, chosen the same way every run.

courts-db's `find_court` returns its matches in no fixed order ('Southern
District of New York' gives nysd and nysb, either first), so the choice is made
here: the matches are sorted, and a bankruptcy case number picks a bankruptcy
court while any other number picks a court that is not one. Where that still
leaves more than one court, or none, the choice is flagged for review.
"""

from __future__ import annotations

import re
from functools import cache

from docket_archive.law.casenumbers import CaseNumber

# The states and territories with federal districts, so that 'Eastern District of Virginia Alexandria
# Division' ends at the state's name.
STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "Columbia", "Puerto Rico",
    "Guam", "the Virgin Islands", "the Northern Mariana Islands",
)  # fmt: skip
_STATE = "|".join(sorted((name.replace(" ", r"\s+") for name in STATES), key=len, reverse=True))
DISTRICT = re.compile(
    rf"\b(?P<district>(?:(?:Southern|Northern|Eastern|Western|Middle|Central)\s+)?District\s+of\s+(?:{_STATE}))\b"
)
# Bluebook abbreviations of districts ('S.D.N.Y.', 'D.N.J.', 'N.D. Cal.'), read as the names courts-db knows.
STATE_ABBREVIATIONS = {
    "Ala": "Alabama", "Alaska": "Alaska", "Ariz": "Arizona", "Ark": "Arkansas", "Cal": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia",
    "Haw": "Hawaii", "Idaho": "Idaho", "Ill": "Illinois", "Ind": "Indiana", "Iowa": "Iowa", "Kan": "Kansas",
    "Ky": "Kentucky", "La": "Louisiana", "Me": "Maine", "Md": "Maryland", "Mass": "Massachusetts",
    "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri", "Mont": "Montana",
    "Neb": "Nebraska", "Nev": "Nevada", "N.H": "New Hampshire", "N.J": "New Jersey", "N.M": "New Mexico",
    "N.Y": "New York", "N.C": "North Carolina", "N.D": "North Dakota", "Ohio": "Ohio", "Okla": "Oklahoma",
    "Or": "Oregon", "Pa": "Pennsylvania", "R.I": "Rhode Island", "S.C": "South Carolina", "S.D": "South Dakota",
    "Tenn": "Tennessee", "Tex": "Texas", "Utah": "Utah", "Vt": "Vermont", "Va": "Virginia", "Wash": "Washington",
    "W. Va": "West Virginia", "Wis": "Wisconsin", "Wyo": "Wyoming", "D.C": "Columbia", "P.R": "Puerto Rico",
}  # fmt: skip
_DIRECTIONS = {"S": "Southern", "N": "Northern", "E": "Eastern", "W": "Western", "M": "Middle", "C": "Central"}
_ABBREVIATED = re.compile(
    r"(?<![\w.])(?:(?P<dir>[SNEWMC])\.\s?)?D\.\s?(?P<state>"
    + "|".join(re.escape(a) for a in sorted(STATE_ABBREVIATIONS, key=len, reverse=True))
    + r")\.?(?![\w])"
)


def expand_districts(text: str) -> str:
    """'S.D.N.Y.' -> 'Southern District of New York' (and the text around it unchanged)."""

    def name(match: re.Match[str]) -> str:
        direction = _DIRECTIONS[match["dir"]] + " " if match["dir"] else ""
        return f"{direction}District of {STATE_ABBREVIATIONS[match['state']]}"

    return _ABBREVIATED.sub(name, text)


# Florida's circuit courts sit by judicial circuit, which courts-db names by number only
# ("Circuit Court of the 15th Judicial Circuit of Florida"); letters name the county.
# The counties of each circuit, as Fla. Stat. § 26.021 sets them.
FLORIDA_CIRCUITS = {
    1: "Escambia Okaloosa Santa-Rosa Walton",
    2: "Franklin Gadsden Jefferson Leon Liberty Wakulla",
    3: "Columbia Dixie Hamilton Lafayette Madison Suwannee Taylor",
    4: "Clay Duval Nassau",
    5: "Citrus Hernando Lake Marion Sumter",
    6: "Pasco Pinellas",
    7: "Flagler Putnam St.-Johns Volusia",
    8: "Alachua Baker Bradford Gilchrist Levy Union",
    9: "Orange Osceola",
    10: "Hardee Highlands Polk",
    11: "Miami-Dade Dade",
    12: "DeSoto Manatee Sarasota",
    13: "Hillsborough",
    14: "Bay Calhoun Gulf Holmes Jackson Washington",
    15: "Palm-Beach",
    16: "Monroe",
    17: "Broward",
    18: "Brevard Seminole",
    19: "Indian-River Martin Okeechobee St.-Lucie",
    20: "Charlotte Collier Glades Hendry Lee",
}
FLORIDA_COUNTY = {
    county.replace("-", " ").lower(): number
    for number, counties in FLORIDA_CIRCUITS.items()
    for county in counties.split()
}
COUNTY = re.compile(
    r"\b(?P<county>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+County\b|\bCounty\s+of\s+(?P<of>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
)


def state_court(text: str) -> str:
    """A state trial court from the county the addressee block names; '' when not sure."""
    flat = " ".join(text.split())
    county = COUNTY.search(flat)
    if county is None:
        return ""
    words = (county["county"] or county["of"]).split()
    names = [" ".join(words), words[-1]]  # 'Palm Beach County'; 'New York Bronx County' is Bronx
    if re.search(r"\bCircuit\b", flat) and re.search(r"\bFlorida\b|\bFL\s+\d{5}", flat):
        circuit = next((FLORIDA_COUNTY[n.lower()] for n in names if n.lower() in FLORIDA_COUNTY), None)
        return f"flacirct{circuit}" if circuit else ""
    kind = re.search(r"\b(Supreme|Superior|Circuit|District)\s+Court\b", flat)
    if not kind:
        return ""
    from courts_db import courts

    court = kind.group(1)
    state = [c for c in courts if c.get("system") == "state" and c.get("type") != "appellate" and court in c["name"]]
    # How courts-db names a county's court: 'Palm Beach County Court', 'New York Supreme Court Ulster',
    # California's 'Los Angeles Superior Court'; the forms are tried in turn, and only one match is taken.
    forms = (
        lambda n, name: f"{n} County" in name,
        lambda n, name: name.endswith((f"{court} Court {n}", f"{court} Court, {n}")),
        lambda n, name: name == f"{n} {court} Court",
    )
    for form in forms:
        for name in names:
            found = sorted(c["id"] for c in state if form(name, c["name"]))
            if len(found) == 1:
                return found[0]
    return ""


@cache
def _court_types() -> dict[str, str]:
    from courts_db import courts

    return {court["id"]: court.get("type", "") for court in courts}


@cache
def _court_systems() -> dict[str, str]:
    from courts_db import courts

    return {court["id"]: court.get("system", "") for court in courts}


def _find(text: str) -> set[str]:
    from courts_db import find_court

    try:
        return set(find_court(text))
    except Exception:  # courts-db's regexes are data; a bad match must not stop an import
        return set()


# A court's name inside an addressee block: 'Vice Chancellor Court of Chancery of the State of Delaware 500 ...'.
COURT_PHRASE = re.compile(
    r"(?:[A-Z][\w.'’]*\s+){0,4}Court\b(?:\s+(?:of|for|in\s+and\s+for)\s+(?:the\s+)?[A-Z][\w.'’]*"
    r"(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?[A-Z][\w.'’]*)*)?"
)


def _phrases(texts: list[str], number: CaseNumber | None) -> set[str]:
    """courts-db matches a court's whole name: try each phrase with 'Court' in it, without the words before it.
    Only courts of the number's system count ('District Court' alone names no state's court)."""
    system = "" if number is None else ("state" if number.kind == "state" else "federal")
    systems = _court_systems()
    for text in texts:
        for phrase in COURT_PHRASE.findall(" ".join(text.split())):
            words = phrase.split()
            for start in range(min(5, len(words))):
                found = {c for c in _find(" ".join(words[start:]).rstrip(",.")) if systems.get(c) == system}
                if found:
                    return found
    return set()


def choose_court(texts: list[str], number: CaseNumber | None) -> tuple[str, list[str], str]:
    """(court id or '', every candidate, why it needs review or '')."""
    ordered = sorted(_named_courts(texts) or _phrases(texts, number))
    systems = _court_systems()
    if (number is None or number.kind == "state") and all(systems.get(c) == "state" for c in ordered):
        # courts-db names the state's court ('New York Supreme Court'); the county the block names says which one
        county = next((court for text in texts if (court := state_court(text))), "")
        if county:
            return county, [county], ""
    if not ordered:
        return "", [], "courts-db found no court in the addressee block; give the court's courts-db id"
    return _pick(ordered, number)


def _named_courts(texts: list[str]) -> set[str]:
    """courts-db's matches for each addressee block, and for each federal district it names."""
    candidates: set[str] = set()
    for text in texts:
        flat = " ".join(text.split())
        if not flat:
            continue
        flat = expand_districts(flat)
        if flat.isupper():  # 'SOUTHERN DISTRICT OF NEW YORK': courts-db and DISTRICT read names as written
            flat = re.sub(r"\b(Of|For|The|And)\b", lambda m: m.group(1).lower(), flat.title())
        candidates |= _find(flat)
        for match in DISTRICT.finditer(flat):
            district = match["district"]
            for court in ("United States District Court for the", "United States Bankruptcy Court for the"):
                candidates |= _find(f"{court} {district}")
    return candidates


def _pick(ordered: list[str], number: CaseNumber | None) -> tuple[str, list[str], str]:
    """A bankruptcy number picks a bankruptcy court, any other federal number one that is not."""
    types = _court_types()
    if number is not None and number.kind != "state":
        wanted = [c for c in ordered if (types.get(c) == "bankruptcy") == number.is_bankruptcy]
        if len(wanted) == 1:
            return wanted[0], ordered, ""
        if wanted:
            ordered = wanted
    if len(ordered) == 1:
        return ordered[0], ordered, ""
    return (
        ordered[0],
        ordered,
        f"courts-db matched {', '.join(ordered)}; '{ordered[0]}' taken (first in order): check it",
    )
