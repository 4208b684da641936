"""A letter as search sees it: its text in paragraphs, and its fields.

The words of a query are looked for in the letter's **title and text** (the
excerpts come from the text); the letter's header is reached through
**fields**, each the words of some values:

    case:    the case's key, caption, number and other numbers
    author:  each author's name, other spellings (aliases) and key
    firm:    each author's firm
    judge:   the judge of each of the letter's cases, and any judge it is addressed to
    type:    the letter's type ("joint status letter")
    court:   each case's court: its id (nysb), name and citation (Bankr. S.D.N.Y.)

A letter page carries its fields as JSON (`page_json`) and its text between
two markers; the indexer reads both back from the built page
(`document_from_page`), so the index holds exactly what the reference
(`document_of`, from the Archive) holds: the tests compare the two letter by letter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from html.parser import HTMLParser
from typing import Any

from docket_archive.domain.model import Archive, Letter
from docket_archive.formats.bodytext import render_body

FIELDS = ("case", "author", "firm", "judge", "type", "court")
TEXT_START = "<!--docket-search-text-->"  # around the letter's text on its page
TEXT_END = "<!--/docket-search-text-->"
JSON_ID = "docket-search-letter"  # the <script type="application/json"> with the fields
Day = date  # for annotations inside SearchDocument, which has a field named `date`
_JSON = re.compile(r'<script type="application/json" id="' + JSON_ID + r'">(.*?)</script>', re.DOTALL)


@dataclass(frozen=True)
class SearchDocument:
    id: str  # the letter's id: its page is letters/<id>/
    date: date
    title: str
    paragraphs: tuple[str, ...]  # the title, then each paragraph of the letter's text
    fields: tuple[tuple[str, tuple[str, ...]], ...]  # (field, its values), in FIELDS order
    caption: str = ""  # the cases' captions, as results show them

    @property
    def filed_month(self) -> str:
        """The month of the letter's page folder (its id's date; its date's month unless the id was
        kept when the date was corrected): "newest first" orders by it first (`order_key`)."""
        return self.id.rsplit("/", 1)[-1][:7]

    @property
    def order_key(self) -> tuple[str, Day, str]:
        """Listing order, oldest first: the month the letter is filed under, its date, its id.
        For every letter whose id carries its own date this is simply date order."""
        return (self.filed_month, self.date, self.id)

    def values(self, field: str) -> tuple[str, ...]:
        return dict(self.fields).get(field, ())


def document_of(letter: Letter, archive: Archive) -> SearchDocument:
    """The letter as its page presents it to search."""
    data = page_data(letter, archive)
    return _document(data, paragraphs_of_html(render_body(letter.body)))


def page_data(letter: Letter, archive: Archive) -> dict[str, Any]:
    """What a letter page tells the indexer besides its text."""
    cases = [archive.cases[key] for key in letter.cases if key in archive.cases]
    people = archive.people

    def person(key: str) -> list[str]:
        found = people.get(key)
        return [found.name, *found.aliases, key] if found else [key]

    judges = list(
        dict.fromkeys([case.judge for case in cases] + [k for k in letter.addressees if _is_judge(archive, k)])
    )
    fields = {
        "case": [v for case in cases for v in (case.key, case.caption, case.number, *case.other_numbers)],
        "author": [v for author in letter.authors for v in person(author.person)],
        "firm": [
            firm
            for author in letter.authors
            if (firm := author.firm or (people[author.person].firm if author.person in people else ""))
        ],
        "judge": [v for key in judges for v in person(key)],
        "type": [letter.type] if letter.type else [],
        "court": [v for case in cases for v in (case.court.id, case.court.name, case.court.citation)],
    }
    return {
        "id": letter.id,
        "date": letter.date.isoformat(),
        "title": letter.title,
        "caption": "; ".join(case.caption for case in cases),
        "fields": fields,
    }


def _is_judge(archive: Archive, key: str) -> bool:
    person = archive.people.get(key)
    return person is not None and person.is_judge


def page_json(letter: Letter, archive: Archive) -> str:
    """`page_data` as JSON for a <script type="application/json">: no "<", ">" or "&" is left
    in it, so nothing in a letter can end the script or open a comment."""
    text = json.dumps(page_data(letter, archive), ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def document_from_page(html: str) -> SearchDocument | None:
    """The letter a built letter page holds, or None for a page that is not a letter's."""
    found = _JSON.search(html)
    start, end = html.find(TEXT_START), html.find(TEXT_END)
    if found is None or start < 0 or end < start:
        return None
    data = json.loads(found.group(1))
    return _document(data, paragraphs_of_html(html[start + len(TEXT_START) : end]))


def _document(data: dict[str, Any], paragraphs: list[str]) -> SearchDocument:
    fields = data.get("fields", {})
    return SearchDocument(
        id=str(data["id"]),
        date=date.fromisoformat(data["date"]),
        title=str(data.get("title", "")),
        paragraphs=(str(data.get("title", "")), *paragraphs),
        fields=tuple((name, tuple(str(v) for v in fields.get(name, ()))) for name in FIELDS),
        caption=str(data.get("caption", "")),
    )


_BLOCKS = frozenset(
    [
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "hr",
        "div",
        "dl",
        "dt",
        "dd",
    ]
)


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.done.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()
        elif tag == "br":
            self.current.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)


# The HTML of a letter of plain paragraphs, as formats.bodytext makes and sanitizes it:
# paragraphs with links in them and nothing else. Its paragraphs are read without the
# HTML parser (a sixth of the search index's work), to the same text: each run of text
# between two tags unescaped as the parser does, the links' tags left out.
_LINK_TAG = r'<a href="[^"<>]*"(?: title="[^"<>]*")? rel="noopener noreferrer">|</a>'
_PLAIN_HTML = re.compile(rf"\s*+(?:<p>(?:[^<]++|{_LINK_TAG})*+</p>\s*+)*+")  # possessive: never backtracks
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_LINK_TAGS = re.compile(_LINK_TAG)


def paragraphs_of_html(html: str) -> list[str]:
    """The paragraphs of a letter's sanitized HTML text, each as plain text with spaces made single."""
    if not _PLAIN_HTML.fullmatch(html):
        return parsed_paragraphs(html)
    found = []
    for inside in _PARAGRAPH.findall(html):
        text = " ".join("".join(map(unescape, _LINK_TAGS.split(inside))).split())
        if text:
            found.append(text)
    return found


def parsed_paragraphs(html: str) -> list[str]:
    """`paragraphs_of_html` by the HTML parser, for any HTML."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.done
