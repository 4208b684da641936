"""Synthetic archives for tests and benchmarks: fictional cases, people and letters.

Nothing here is about a real case. Every generated letter says it is synthetic,
every case caption carries "(Synthetic)", and these archives are only ever
written to temporary folders, never to the repository's letters/.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from docket_archive.formats.safeyaml import dump

MARK = "SYNTHETIC TEST LETTER, not a real court filing."

_FIRMS = ["Example & Partners LLP", "Placeholder Law Group", "Sample, Test & Co."]
_FIRST = ["Alex", "Blair", "Casey", "Devon", "Emery", "Finley", "Gray", "Harper", "Indy", "Jordan"]
_LAST = ["Testwood", "Samplesby", "Fixture", "Mockridge", "Stubbs", "Dummett", "Fakenham", "Proxley"]
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_TOPICS = ["mediation", "financing", "plan", "settlement", "discovery", "sale"]
# The text of synthetic letters: like real ones, most words are common legal
# prose, some belong to the letter's topic, and some are names particular to a
# case. A word such as "mediation" is then in a fraction of the letters, as in a
# real archive; the judge's name, in every salutation, stays as the worst case.
_GENERAL = [
    "the",
    "parties",
    "court",
    "debtors",
    "committee",
    "letter",
    "report",
    "status",
    "order",
    "hearing",
    "counsel",
    "motion",
    "schedule",
    "further",
    "discussions",
    "continue",
    "remain",
    "propose",
    "respond",
    "review",
    "agreement",
    "terms",
    "understand",
    "prior",
    "latest",
    "filed",
    "regarding",
    "pursuant",
    "consider",
    "position",
    "matter",
    "issues",
    "week",
    "information",
    "progress",
    "update",
    "process",
    "request",
    "counsel",
    "represent",
    "conference",
    "adjourned",
    "date",
    "time",
    "draft",
    "circulate",
    "comments",
    "provide",
    "respectfully",
    "submitted",
    "district",
    "bankruptcy",
]
_TOPIC_WORDS = {
    "mediation": "mediation mediator session counter-proposal caucus confidential impasse proposal",
    "financing": "financing lender facility commitment debtor-in-possession budget covenant refinancing",
    "plan": "plan reorganization disclosure confirmation classes ballots exclusivity creditors",
    "settlement": "settlement counter-proposal release stipulation compromise claims allowance",
    "discovery": "discovery deposition documents production subpoena privilege interrogatories",
    "sale": "sale auction bidder stalking-horse assets purchaser diligence procedures",
}
_SYLLABLES = [
    "ar",
    "bel",
    "cor",
    "dan",
    "el",
    "fen",
    "gar",
    "hol",
    "in",
    "jor",
    "kel",
    "lan",
    "mor",
    "nev",
    "or",
    "pel",
    "quin",
    "ros",
    "sal",
    "tor",
    "ul",
    "ven",
    "wes",
    "yor",
    "zan",
]


def _case_names(rng: random.Random, count: int = 3000) -> list[str]:
    """Made-up proper names (parties, places): each rare across the archive."""
    return sorted({"".join(rng.sample(_SYLLABLES, 3)).capitalize() for _ in range(count)})


def _text(rng: random.Random, topic: str, names: list[str], words: int = 120) -> str:
    """Sentences of 6 to 18 words in paragraphs of 1 to 4 sentences, as letters are written;
    now and then a citation with an abbreviation ("Dkt. No. 42") inside a sentence."""
    topical = _TOPIC_WORDS[topic].split()
    out = []
    for _ in range(words):
        roll = rng.random()
        if roll < 0.6:
            # Zipf-like: the first common words are used far more than the last.
            out.append(_GENERAL[min(int(rng.paretovariate(1.2)) - 1, len(_GENERAL) - 1)])
        elif roll < 0.85:
            out.append(rng.choice(topical))
        else:
            out.append(rng.choice(names))
    paragraphs, sentences, at = [], [], 0
    while at < len(out):
        length = rng.randint(6, 18)
        sentence = out[at : at + length]
        at += length
        if rng.random() < 0.1:
            sentence.insert(rng.randrange(1, len(sentence) + 1), f"(Dkt. No. {rng.randint(1, 400)})")
        sentences.append(" ".join(sentence)[:1].upper() + " ".join(sentence)[1:] + ".")
        if len(sentences) >= rng.randint(1, 4) or at >= len(out):
            paragraphs.append(" ".join(sentences))
            sentences = []
    return "\n\n".join(paragraphs)


@dataclass
class SyntheticPerson:
    key: str
    name: str
    role: str = "attorney"
    firm: str = ""
    aliases: list[str] = field(default_factory=list)


def people(count: int = 12) -> list[SyntheticPerson]:
    result = [
        SyntheticPerson("judge-testwood", "Pat Testwood", "United States Bankruptcy Judge", aliases=["Judge Testwood"])
    ]
    for i in range(count - 1):
        first, last = _FIRST[i % len(_FIRST)], _LAST[(i // len(_FIRST) + i) % len(_LAST)]
        name = f"{first} {last}" if i < len(_FIRST) * len(_LAST) else f"{first} {last} {i}"
        result.append(SyntheticPerson(f"{first}-{last}-{i}".lower(), name, firm=_FIRMS[i % len(_FIRMS)]))
    return result


def write_registries(root: Path, case_keys: list[str], persons: list[SyntheticPerson]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    registry = {}
    for person in persons:
        entry: dict = {"name": person.name, "role": person.role}
        if person.firm:
            entry["firm"] = person.firm
        if person.aliases:
            entry["aliases"] = person.aliases
        registry[person.key] = entry
    (root / "people.yml").write_text(f"# {MARK}\n" + dump(dict(sorted(registry.items()))), "utf-8")
    for number, key in enumerate(case_keys, start=1):
        (root / key).mkdir(exist_ok=True)
        case = {
            "number": f"99-{10000 + number} (PT)",
            "caption": f"In re {key.replace('-', ' ').title()} (Synthetic)",
            "court": "nysb",
            "judge": "judge-testwood",
            "chapter": 11,
            "summary": MARK,
            "docket_entries": [{"date": "2020-01-15", "title": "Order regarding mediation"}],
        }
        (root / key / "case.yml").write_text(f"# {MARK}\n" + dump(case), "utf-8")


def long_body(size: int, seed: int = 1, judge: str = "Testwood", signer: str = "Casey Fixture") -> str:
    """A letter's text of about `size` characters, in paragraphs, as a long filed letter runs
    (salutation, numbered points with quotes and section signs, signature). Fictional throughout."""
    rng = random.Random(seed)
    names = _case_names(rng, 200)
    parts = [f"Dear Judge {judge}:", MARK]
    point = 0
    while sum(len(part) + 2 for part in parts) < size - 200:
        point += 1
        topic = rng.choice(_TOPICS)
        parts.append(
            f"{point}. As to \u201c{topic}\u201d under \u00a7 {rng.randint(100, 1500)}: "
            + _text(rng, topic, names, words=rng.randint(60, 140)).capitalize()
            + "."
        )
    parts += ["Respectfully submitted,", signer]
    return "\n\n".join(parts) + "\n"


def letter_text(front: dict, body: str) -> str:
    return "---\n" + dump(front) + "---\n\n" + body.rstrip() + "\n"


_LAST_DAY = date(2189, 12, 31)  # well inside the years check accepts (to 2199), next report included


def generate(root: Path, letters: int, cases: int = 10, seed: int = 1) -> Path:
    """Write an archive of `letters` synthetic letters spread over `cases` cases."""
    rng = random.Random(seed)
    persons = people()
    case_keys = [f"synthetic-case-{i:03d}" for i in range(1, cases + 1)]
    write_registries(root, case_keys, persons)
    per_case = [letters // cases + (1 if i < letters % cases else 0) for i in range(cases)]
    start = date(2015, 1, 5)
    names = _case_names(rng)
    for case_key, count in zip(case_keys, per_case, strict=False):
        first = start + timedelta(days=rng.randrange(0, 30))
        # A case of thousands of letters at two-weekly intervals would run past
        # the years the archive publishes (check refuses them), so a long case's
        # gaps are shrunk to fit, several letters a day if need be.
        scale = min(1.0, (_LAST_DAY - first).days / (count * 21)) if count else 1.0
        offset = 0.0
        day = first
        previous: date | None = None
        for sequence in range(1, count + 1):
            author = persons[1 + rng.randrange(len(persons) - 1)]
            cc = rng.sample(persons[1:], 2)
            topic = rng.choice(_TOPICS)
            ordinal = _ORDINALS[(sequence - 1) % len(_ORDINALS)]
            words = _text(rng, topic, names)
            mention = (
                f" since the status letter dated {previous.strftime('%B')} {previous.day}, {previous.year}"
                if previous
                else ""
            )
            front = {
                "title": f"Status letter no. {sequence} on {topic}",
                "date": day.isoformat(),
                "case": case_key,
                "type": "joint status letter",
                "sequence": sequence,
                "authors": [{"person": author.key, "on_behalf_of": ["the parties"]}],
                "addressee": "judge-testwood",
                "cc": [{"person": p.key, "via": "e-mail"} for p in cc],
                "delivery": rng.choice(["ECF", "FedEx", "hand"]),
                "summary": f"{MARK} Reports on {topic} ({ordinal} report).",
                "tags": [topic],
            }
            if previous:
                front["references"] = {
                    "letters": [
                        {"text": f"the status letter dated {previous.isoformat()}", "date": previous.isoformat()}
                    ]
                }
            front["next_report_due"] = (day + timedelta(days=14)).isoformat()
            body = (
                f"Dear Judge Testwood:\n\n{MARK}\n\n"
                f"This is the {ordinal} joint status report on {topic}{mention}.\n\n{words}\n\n"
                f"Respectfully submitted,\n\n{author.name}\n"
            )
            (root / case_key / f"{day.isoformat()}-status-letter-{sequence}.md").write_text(
                letter_text(front, body), "utf-8"
            )
            previous = day
            offset += rng.choice([7, 14, 14, 21]) * scale
            day = first + timedelta(days=int(offset))
    return root
