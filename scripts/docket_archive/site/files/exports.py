"""Exports: a case's timeline as CSV, the whole archive as JSON.

The CSV is for spreadsheets: UTF-8 with a byte-order mark (without it Excel
reads UTF-8 as the local code page and mangles "Gotshal & Manges" accents and
dashes), ISO dates (which Excel and LibreOffice recognise as dates), one row per
letter. A letter may be written by the other side, so no cell from a letter may
start a formula: a cell starting with = + - @ (or a tab or carriage return,
which Excel strips before reading one) gets a leading apostrophe, as OWASP
advises against CSV injection.

The JSON is the archive for programs: letters, cases, people and resolved
references, with a `version` that changes only when the format does, and the
JSON Schema that describes it published beside it (schema/export.schema.json
in the package, exports/export.schema.json on the site). Letters' text is left
out: it is on each letter's page, and the export stays a small index.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection
from functools import partial
from typing import Any

from docket_archive.domain.model import Archive, Case, Letter, Person
from docket_archive.formats.schemas import schema_file
from docket_archive.links.crosslinks import LetterLinks

from .. import paths
from ..memo import ANY_CHANGE, Changed, Parts, PartsInOrder, fresh, fresh_in_order
from ..paths import SiteUrls

VERSION = 1  # of the JSON format: raise it when a field changes meaning or goes away
CSV_COLUMNS = (
    "date",
    "case_number",
    "case",
    "type",
    "sequence",
    "title",
    "authors",
    "firms",
    "addressees",
    "summary",
    "next_report_due",
    "letter_id",
    "url",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def schema_text() -> bytes:
    return schema_file("export")


def build_exports(
    archive: Archive,
    urls: SiteUrls,
    links: dict[str, LetterLinks],
    in_order: PartsInOrder = fresh_in_order,
    changed: Changed = ANY_CHANGE,
    parts: Parts = fresh,
) -> dict[str, bytes]:
    """Every export of the site: {published path: bytes}. Each letter's row and
    JSON are parts (see pages.memo): a rebuild of `mkdocs serve` makes again
    only those of the letters that changed (`changed`) and looks at no other;
    a case's CSV file is put together again only when one of its rows changed."""
    out = {}
    for key in archive.cases:
        rows = timeline_rows(archive, key, urls, in_order, changed.letters)
        out[paths.case_csv(key)] = parts(("csv-file", key), rows, partial(_csv_file, rows))
    out[paths.EXPORT_ARCHIVE] = archive_json(archive, urls, links, in_order, changed)
    out[paths.EXPORT_SCHEMA] = schema_text()
    return out


def cell(value: object) -> str:
    """A spreadsheet cell that shows the value and never runs it as a formula."""
    text = " ".join(str(value).split()) if value is not None else ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def timeline_csv(archive: Archive, key: str, urls: SiteUrls) -> bytes:
    return _csv_file(timeline_rows(archive, key, urls))


def timeline_rows(
    archive: Archive,
    key: str,
    urls: SiteUrls,
    in_order: PartsInOrder = fresh_in_order,
    changed: Collection[str] | None = None,
) -> list[str]:
    """A case's CSV rows, a letter each, oldest first."""
    return in_order(
        ("csv", key), archive.letters_of_case(key), changed, partial(_timeline_row, archive, key, urls=urls)
    )


def _csv_file(rows: list[str]) -> bytes:
    return (_csv_row(CSV_COLUMNS) + "".join(rows)).encode("utf-8-sig")


def _csv_row(values: tuple[object, ...]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)  # RFC 4180 line ends, what Excel writes
    return out.getvalue()


def _timeline_row(archive: Archive, key: str, letter: Letter, *, urls: SiteUrls) -> str:
    item = archive.cases[key]
    row = (
        letter.date.isoformat(),
        item.number,
        item.caption,
        letter.type,
        letter.sequence if letter.sequence is not None else "",
        letter.title,
        "; ".join(archive.people[a.person].name for a in letter.authors),
        "; ".join(dict.fromkeys(a.firm for a in letter.authors if a.firm)),
        "; ".join(archive.people[k].name for k in letter.addressees),
        letter.summary,
        letter.next_report_due.isoformat() if letter.next_report_due else "",
        letter.id,
        urls.href(paths.letter(letter)),
    )
    return _csv_row(tuple(cell(value) for value in row))


def archive_json(
    archive: Archive,
    urls: SiteUrls,
    links: dict[str, LetterLinks],
    in_order: PartsInOrder = fresh_in_order,
    changed: Changed = ANY_CHANGE,
) -> bytes:
    """The whole archive as one JSON document, compact (the json module writes
    compact JSON in C, indented JSON in Python), put together from each
    letter's own JSON text exactly as `json.dumps` would write the whole."""
    letters = in_order("json", archive.letters, changed.letters, partial(_letter_json, archive, urls=urls))
    # A letter's references change with its links (`changed.links`), which follow the archive's order.
    references = in_order(
        "references", archive.letters, changed.links, lambda letter: _references_json(letter.id, links[letter.id])
    )
    members: list[tuple[str, list[bytes]]] = [
        ("version", [_json(VERSION).encode()]),
        ("site_url", [_json(urls.site_url).encode()]),
        ("letters", [b"[", *_between(letters, b","), b"]"]),
        ("cases", [_json([_case(archive, item, urls) for item in sorted(archive.cases.values(), key=_key)]).encode()]),
        ("people", [_json([_person(p, urls) for p in sorted(archive.people.values(), key=_key)]).encode()]),
        ("references", [b"[", *_between([text for text in references if text], b","), b"]"]),
    ]
    # Bytes from each part, put together by one join: the whole is 100 MB at 100,000 letters,
    # and every copy of it (joining text, then encoding it) cost a tenth of a second a save.
    pieces = [b"{"]
    for place, (name, parts) in enumerate(members):
        pieces += [b"," if place else b"", _json(name).encode(), b":", *parts]
    pieces.append(b"}\n")
    return b"".join(pieces)


def _key(item: Case | Person) -> str:
    return item.key


def _between(parts: list[bytes], separator: bytes) -> list[bytes]:
    """The parts with the separator between each two, as `separator.join` would put them."""
    spaced = [separator] * (2 * len(parts) - 1) if parts else []
    spaced[::2] = parts
    return spaced


def _letter_json(archive: Archive, letter: Letter, *, urls: SiteUrls) -> bytes:
    return _json(_letter(archive, letter, urls)).encode("utf-8")


def _references_json(letter_id: str, found: LetterLinks) -> bytes:
    """The letter's references, each a JSON object, joined by commas (b"" for none)."""
    return ",".join(_json(reference) for reference in _references({letter_id: found})).encode("utf-8")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _letter(archive: Archive, letter: Letter, urls: SiteUrls) -> dict[str, Any]:
    return {
        "id": letter.id,
        "title": letter.title,
        "date": letter.date.isoformat(),
        "cases": list(letter.cases),
        "type": letter.type,
        "sequence": letter.sequence,
        "authors": [
            {"person": a.person, "firm": a.firm, "on_behalf_of": list(a.on_behalf_of), "role": a.role}
            for a in letter.authors
        ],
        "addressees": list(letter.addressees),
        "cc": [
            {"person": c.person, "name": c.name, "role": c.role, "via": c.via, "enclosure": c.enclosure}
            for c in letter.cc
        ],
        "delivery": letter.delivery,
        "summary": letter.summary,
        "tags": list(letter.tags),
        "next_report_due": letter.next_report_due.isoformat() if letter.next_report_due else None,
        "hearings": [{"date": h.date.isoformat(), "time": h.time or None, "what": h.what} for h in letter.hearings],
        "deadlines": [{"date": d.date.isoformat(), "what": d.what} for d in letter.deadlines],
        "source": letter.source,
        "url": urls.href(paths.letter(letter)),
    }


def _case(archive: Archive, item: Case, urls: SiteUrls) -> dict[str, Any]:
    return {
        "key": item.key,
        "number": item.number,
        "caption": item.caption,
        "court": {"id": item.court.id, "name": item.court.name, "citation": item.court.citation},
        "judge": item.judge,
        "chapter": item.chapter,
        "summary": item.summary,
        "other_numbers": list(item.other_numbers),
        "status": item.status,
        "status_date": item.status_date.isoformat() if item.status_date else None,
        "docket_entries": [
            {"date": e.date.isoformat(), "title": e.title, "number": e.number, "note": e.note}
            for e in item.docket_entries
        ],
        "url": urls.href(paths.case(item)),
        "feed": urls.href(paths.case_feed(item.key)),
        "calendar": urls.href(paths.case_calendar(item.key)),
        "csv": urls.href(paths.case_csv(item.key)),
    }


def _person(person: Person, urls: SiteUrls) -> dict[str, Any]:
    return {
        "key": person.key,
        "name": person.name,
        "role": person.role,
        "firm": person.firm,
        "aliases": list(person.aliases),
        "url": urls.href(paths.person(person)),
    }


def _references(links: dict[str, LetterLinks]) -> list[dict[str, Any]]:
    """Every reference a letter makes, resolved: to a letter of the archive, or to a docket entry."""
    out: list[dict[str, Any]] = []
    for letter_id, found in links.items():
        for ref, target in found.references:
            out.append(
                {
                    "from": letter_id,
                    "kind": "letter",
                    "text": ref.text,
                    "case": ref.case,
                    "date": ref.date.isoformat() if ref.date else None,
                    "number": "",
                    "to": target.id if target else None,
                }
            )
        for dref, entry in found.docket:
            out.append(
                {
                    "from": letter_id,
                    "kind": "docket",
                    "text": dref.text,
                    "case": dref.case,
                    "date": dref.date.isoformat() if dref.date else None,
                    "number": dref.number,
                    "to": f"{dref.case}#{paths.docket_anchor(entry)}" if entry else None,
                }
            )
    return out
