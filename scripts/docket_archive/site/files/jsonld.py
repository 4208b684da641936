"""A letter's schema.org JSON-LD: the metadata search engines and reference managers read.

There is no schema.org type for a court letter: DigitalDocument and Message
together say what it is.
"""

from __future__ import annotations

import json
from typing import Any

from docket_archive.domain.model import Archive, Letter
from docket_archive.law.citations import citation


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
