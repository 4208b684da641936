"""Comparing an import with a ground-truth file: which fields are right, flagged for review, or wrong.

A field is *right* when the imported value equals the truth (compared as
tests/import_truth/README.md says), *flagged* when it is not right but the
importer put it under `review:` (a person will look), and *wrong* otherwise:
silently wrong, which is what the importer must avoid.
"""

from __future__ import annotations

import re
from typing import Any

from docket_archive.law.casenumbers import parse

from .plan import ImportPlan

FIELDS = (
    "date",
    "cases",
    "court",
    "addressee",
    "authors",
    "firm",
    "signed_for",
    "delivery",
    "cc",
    "type",
    "relief_requested",
    "enclosures",
    "letter_references",
    "docket_references",
    "hearings",
    "deadlines",
    "next_report_due",
    "on_behalf_of",
    "docket_entry",
    "endorsement",
)
# Scored only where the truth file has them (the synthetic letters' truth predates them).
OPTIONAL = {"on_behalf_of", "docket_entry", "endorsement"}
# Which `review:` entry covers each scored field.
REVIEW_KEYS = {
    "date": ("date",),
    "cases": ("case",),
    "court": ("court",),
    "addressee": ("addressee",),
    "authors": ("authors",),
    "firm": ("authors",),
    "signed_for": ("signed_for",),
    "delivery": ("delivery",),
    "cc": ("cc",),
    "type": ("type",),
    "relief_requested": ("relief_requested",),
    "enclosures": ("enclosures",),
    "letter_references": ("references",),
    "docket_references": ("references",),
    "hearings": ("hearings",),
    "deadlines": ("deadlines",),
    "next_report_due": ("next_report_due",),
    "on_behalf_of": ("on_behalf_of",),
    "docket_entry": ("docket_entry",),
    "endorsement": ("endorsement",),
}
STOP = {"the", "a", "an", "of", "to", "and", "for", "in", "on", "llp", "llc", "pa", "pc", "pllc", "esq", "jr", "sr"}


def _norm(text: Any) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).split()
    return " ".join(w for w in words if w not in STOP)


def _surname(name: str) -> str:
    words = _norm(name).split()
    return words[-1] if words else ""


def _iso(value: Any) -> str:
    return str(value) if value else ""


def observed(plan: ImportPlan) -> dict[str, Any]:
    """The imported letter's values, in the form the truth is compared in."""
    found = plan.extraction
    case_keys = [n.key for n in found.cases]
    first = case_keys[0] if case_keys else ""

    def docket_case(label: str) -> str:
        for index, caption in enumerate(found.captions):
            if label and label.lower() in caption.lower() and index < len(case_keys):
                return case_keys[index]
        return first

    return {
        "date": found.date.isoformat(),
        "cases": set(case_keys),
        "court": plan.court if plan.court != "unknown" else "",
        "addressee": {_surname(a.name) for a in found.addressees},
        "authors": {_norm(a.name) for a in found.authors},
        "firm": _norm(found.firm) if found.authors else "",
        "signed_for": _norm(found.signed_for.name) if found.signed_for else "",
        "delivery": found.delivery.lower(),
        "cc": {f"{_norm(c.name)}|{c.via.lower()}" for c in found.cc},
        "type": found.type,
        "relief_requested": set(found.relief_requested),
        "enclosures": list(found.enclosures),
        "letter_references": {r.date.isoformat() for r in found.letter_refs},
        "docket_references": {
            f"{docket_case(r.label)}#{r.number}" if r.number else f"{first}@{_iso(r.date)}" for r in found.docket_refs
        },
        "hearings": {h.date.isoformat() for h in found.hearings},
        "deadlines": {d.date.isoformat() for d in found.deadlines},
        "next_report_due": _iso(found.next_report_due),
        "on_behalf_of": list(found.on_behalf_of),
        "docket_entry": _entry(found.docket_entry),
        "endorsement": (found.endorsement.get("date") or "yes") if found.endorsement else "",
    }


def _entry(entry: Any) -> str:
    if not entry:
        return ""
    get = entry.get if isinstance(entry, dict) else lambda key: getattr(entry, key, "")
    return f"{get('number')}@{_iso(get('filed'))}"


def expected(truth: dict[str, Any]) -> dict[str, Any]:
    """The ground truth in the same form."""

    def keys(values: Any) -> set[str]:
        parsed = [(parse(str(v)), str(v)) for v in values or []]
        return {number.key if number else text for number, text in parsed}

    return {
        "date": _iso(truth.get("date")),
        "cases": keys(truth.get("cases")),
        "court": truth.get("court") or "",
        "addressee": {_surname(a) for a in truth.get("addressee") or []},
        "authors": {_norm(a) for a in truth.get("authors") or []},
        "firm": _norm(truth.get("firm")),
        "signed_for": _norm(truth.get("signed_for")),
        "delivery": str(truth.get("delivery") or "").lower(),
        "cc": {
            f"{_norm(c.split('|')[0])}|{c.split('|', 1)[1].lower() if '|' in c else ''}" for c in truth.get("cc") or []
        },
        "type": truth.get("type") or "",
        "relief_requested": set(truth.get("relief_requested") or []),
        "enclosures": list(truth.get("enclosures") or []),
        "letter_references": {_iso(d) for d in truth.get("letter_references") or []},
        "docket_references": {str(d) for d in truth.get("docket_references") or []},
        "hearings": {_iso(d) for d in truth.get("hearings") or []},
        "deadlines": {_iso(d) for d in truth.get("deadlines") or []},
        "next_report_due": _iso(truth.get("next_report_due")),
        "on_behalf_of": [str(p) for p in truth.get("on_behalf_of") or []],
        "docket_entry": _entry(truth.get("docket_entry")),
        "endorsement": _iso(truth.get("endorsement")),
    }


def _shares_half(a: str, b: str) -> bool:
    left, right = set(_norm(a).split()), set(_norm(b).split())
    return bool(left and right) and len(left & right) * 2 >= min(len(left), len(right))


def _same_parties(found: list[str], truth: list[str]) -> bool:
    """Each party in the truth shares half its words with one found, and each found with one in the truth."""
    return all(any(_shares_half(t, f) for f in found) for t in truth) and all(
        any(_shares_half(f, t) for t in truth) for f in found
    )


def _same_enclosures(found: list[str], truth: list[str]) -> bool:
    """As many enclosures, each sharing at least half its words with one in the truth."""
    if len(found) != len(truth):
        return False
    left = [set(_norm(t).split()) for t in truth]
    for item in found:
        words = set(_norm(item).split())
        match = next((i for i, t in enumerate(left) if words and len(words & t) * 2 >= max(len(words), len(t))), None)
        if match is None:
            return False
        left.pop(match)
    return True


def scored(truth: dict[str, Any]) -> tuple[str, ...]:
    """The fields a truth file is scored on: every field, and the optional ones it has."""
    return tuple(name for name in FIELDS if name not in OPTIONAL or name in truth)


def _same(name: str, got: Any, want: Any) -> bool:
    if name == "enclosures":
        return _same_enclosures(got, want)
    if name == "on_behalf_of":
        return _same_parties(got, want)
    return bool(got == want)


def score(plan: ImportPlan, truth: dict[str, Any]) -> dict[str, str]:
    """Each scored field's outcome: 'right', 'flagged' or 'wrong'."""
    got, want = observed(plan), expected(truth)
    outcome = {}
    for name in scored(truth):
        same = _same(name, got[name], want[name])
        if same:
            outcome[name] = "right"
        elif any(key in plan.review for key in REVIEW_KEYS[name]):
            outcome[name] = "flagged"
        else:
            outcome[name] = "wrong"
    return outcome


def flagged(plan: ImportPlan) -> set[str]:
    """The scored fields the import put under review (right or not)."""
    return {name for name in FIELDS if any(key in plan.review for key in REVIEW_KEYS[name])}


def differences(plan: ImportPlan, truth: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Fields not right: (imported, truth), for reports and test messages."""
    got, want = observed(plan), expected(truth)
    return {name: (got[name], want[name]) for name, result in score(plan, truth).items() if result != "right"}
