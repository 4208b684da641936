"""Every URL of the site: where each page and file lives, and the links between them.

A page's *path* is its source file in the docs tree (`letters/alpha/x.md`);
its *URL* is the folder the site engine publishes it as (`letters/alpha/x/`,
MkDocs' and Zensical's default "directory URLs"). Generated pages are HTML,
which the engines do not rewrite, so links are written as relative URLs here,
and the site works from any host or folder.

Files read away from the site (feeds, calendars, exports) need absolute URLs
or root-relative ones: `SiteUrls` makes them. An absolute URL needs a base,
MkDocs' `site_url`; the archive's own mkdocs.yml sets none, on purpose (the
site must work from any host or folder), so without it every such URL is
relative to the site's root and each file says how to resolve it (xml:base in
feeds, a path in calendars).
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from docket_archive.domain.model import Case, Letter, Person

HOME = "index.md"
ARCHIVE = "archive/index.md"
CASES = "cases/index.md"
PEOPLE = "people/index.md"
FIRMS = "people/firms.md"
TAGS = "tags/index.md"
FIELDS = "reference/fields.md"
CONTRIBUTING = "contributing.md"
SEARCH = "search.md"


LETTERS = "letters"  # letter pages: letters/<case>/<YYYY-MM-DD-slug>.md, published as letters/<case>/<...>/


def letter(item: Letter | str) -> str:
    return f"{LETTERS}/{item if isinstance(item, str) else item.id}.md"


def is_letter(path: str) -> bool:
    """A letter's page (and not an index page), by its path."""
    return path.startswith(LETTERS + "/")


def case(item: Case | str) -> str:
    return f"cases/{item if isinstance(item, str) else item.key}.md"


def case_year(item: Case | str, number: int) -> str:
    """A long case's letters of one year (its page then lists the latest and links to each year)."""
    return f"cases/{item if isinstance(item, str) else item.key}/{number}.md"


def person(item: Person | str) -> str:
    return f"people/{item if isinstance(item, str) else item.key}.md"


def person_year(item: Person | str, number: int) -> str:
    return f"people/{item if isinstance(item, str) else item.key}/{number}.md"


def year(number: int) -> str:
    return f"archive/{number}.md"


def tag(name: str) -> str:
    return f"tags/{name}.md"


def tag_year(name: str, number: int) -> str:
    return f"tags/{name}/{number}.md"


def original(relative: str) -> str:
    """Original files are published beside the pages, under originals/<case>/<file>."""
    return f"originals/{relative.replace('/originals/', '/')}"


def original_kind(relative: str) -> str:
    """How a letter page shows an original: "pdf" (drawn by PDF.js), "text", "image", or "" (a link only)."""
    suffix = relative.rsplit(".", 1)[-1].lower() if "." in relative else ""
    if suffix == "pdf":
        return "pdf"
    if suffix == "txt":
        return "text"
    return "image" if suffix in ("png", "jpg", "jpeg", "gif", "webp") else ""


# Files that follow a case: feeds, calendars, exports, and the data of the Add a letter form.
FEED_ARCHIVE = "feeds/archive.xml"
CALENDAR_ARCHIVE = "calendars/archive.ics"
EXPORT_ARCHIVE = "exports/archive.json"
EXPORT_SCHEMA = "exports/export.schema.json"
FORM_REGISTRY = "data/registry.json"
FORM_LETTER_SCHEMA = "data/letter.schema.json"
FORM_COURTS = "data/courts.json"
SEARCH_FIELDS = "data/search.json"  # the search page's lists of cases, authors, firms... and the repository
SEARCH_INDEX = "search-index/"  # the search index, written after the pages (publish/searchindex.py)


def case_feed(key: str) -> str:
    return f"feeds/cases/{key}.xml"


def person_feed(key: str) -> str:
    return f"feeds/people/{key}.xml"


def search_feed(key: str) -> str:
    """The Atom feed of a standing search (letters/searches/<key>.yml)."""
    return f"feeds/searches/{key}.xml"


def case_calendar(key: str) -> str:
    return f"calendars/cases/{key}.ics"


def case_csv(key: str) -> str:
    return f"exports/cases/{key}.csv"


class _Numbered(Protocol):
    @property
    def number(self) -> str: ...
    @property
    def date(self) -> date | None: ...


def docket_anchor(entry: _Numbered) -> str:
    """A docket entry's anchor on its case's page: by its number ("docket-191"), which a lawyer
    cites and which never changes; by its date for an entry whose number is not known."""
    if entry.number or entry.date is None:
        return number_anchor(entry.number)
    return f"docket-{entry.date.isoformat()}"


def number_anchor(number: str) -> str:
    return f"docket-{number}"


def docket_page(case_key: str, name: str) -> str:
    """The page of a docket entry cited by many letters (`cases/<case>/docket/<name>/`): `name` is
    its anchor without "docket-" ("191", "2009-06-22"; see `site/pages/cases.entry_page_names`)."""
    return f"{case(case_key)[: -len('.md')]}/docket/{name}.md"


def docket_number(case_key: str, number: str) -> str:
    """The path of the docket entry with this number on a case's page ("ECF No. 20")."""
    return f"{case(case_key)}#{number_anchor(number)}"


def docket_entry(case_key: str, entry: _Numbered) -> str:
    """The path of a docket entry: its case's page, at the entry's anchor."""
    return f"{case(case_key)}#{docket_anchor(entry)}"


def webcal(absolute_url: str) -> str:
    """The subscribe link of a calendar's absolute URL: webcal:// opens the reader's calendar app,
    which then fetches the same address over http(s) and keeps it up to date ("" stays "")."""
    scheme, sep, rest = absolute_url.partition("://")
    return f"webcal://{rest}" if sep and scheme in ("http", "https") else ""


def month_anchor(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def year_anchor(number: int) -> str:
    return f"year-{number}"


def page_url(path: str) -> str:
    """The URL (relative to the site root) a page or file is published at."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def relative_url(from_page: str, to_path: str) -> str:
    """The relative link from one page to another page (or file), #fragment kept."""
    target, _, fragment = to_path.partition("#")
    here = page_url(from_page)
    there = page_url(target)
    link = _relative(there.rstrip("/"), here.rstrip("/"))
    if there.endswith("/") or not there:
        link = link.rstrip("/") + "/"
    return f"{link}#{fragment}" if fragment else link


# The index pages link to the same letters from many pages, and a rebuild asks the same again.
# A letter's page is made once, and no other page links from there: letter pages call
# `relative_url`, which keeps nothing (the cache churned through its entries in every process
# writing letter pages, each entry a copy of a page of memory shared with the build's).
url = functools.lru_cache(maxsize=1 << 17)(relative_url)


def _relative(there: str, here: str) -> str:
    """`posixpath.relpath(there or ".", here or ".")` for the site's own paths (folders joined by
    "/", no "." or ".." in them), by splitting strings: relpath makes both absolute against the
    working folder first, and was a tenth of a save's rendering (tests/test_paths.py keeps them equal)."""
    to, at = there.split("/") if there else [], here.split("/") if here else []
    if _ODD_PARTS.intersection(to) or _ODD_PARTS.intersection(at):
        return posixpath.relpath(there or ".", here or ".")
    common = 0
    for mine, theirs in zip(to, at, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


_ODD_PARTS = frozenset(("", ".", ".."))  # parts relpath would normalize


# -- letter pages in a built site, which the search index reads -----------------

# A built letter page: letters/<case>/<YYYY-MM-DD-slug>/index.html (the loader
# holds every letter's file name to its date).
_BUILT_LETTER_FOLDER = re.compile(r"(?P<month>\d{4}-\d{2})-\d{2}-")


def built_letter_pages(site_dir: Path) -> dict[str, list[str]]:
    """The letter pages of a built site by month ("YYYY-MM"), each a path relative to the site."""
    by_month: dict[str, list[str]] = {}
    letters = site_dir / LETTERS
    if not letters.is_dir():
        return by_month
    with os.scandir(letters) as cases:
        for case_ in cases:
            if not case_.is_dir(follow_symlinks=False):
                continue
            with os.scandir(case_.path) as folders:
                for folder in folders:
                    match = _BUILT_LETTER_FOLDER.match(folder.name)
                    if (
                        match
                        and folder.is_dir(follow_symlinks=False)
                        and os.path.isfile(os.path.join(folder.path, "index.html"))
                    ):
                        page = f"{LETTERS}/{case_.name}/{folder.name}/index.html"
                        by_month.setdefault(match["month"], []).append(page)
    return by_month


def built_letter_month(page: str) -> str | None:
    """The month a built letter page (letters/<case>/<folder>/index.html) is filed under, or None for another page."""
    parts = page.split("/")
    if len(parts) != 4 or parts[0] != LETTERS or parts[3] != "index.html":
        return None
    match = _BUILT_LETTER_FOLDER.match(parts[2])
    return match["month"] if match else None


@dataclass(frozen=True)
class SiteUrls:
    site_url: str = ""  # MkDocs' site_url, e.g. "https://docket.example/archive/"; "" when not configured

    def path(self, target: str) -> str:
        """The URL of a page (.md) or file, relative to the site's root."""
        return page_url(target)

    def absolute(self, target: str) -> str:
        """The full URL of a page or file; "" when the site has no site_url."""
        if not self.site_url:
            return ""
        return self.site_url.rstrip("/") + "/" + self.path(target)

    def href(self, target: str) -> str:
        """The absolute URL when there is one, else the URL relative to the site's root."""
        return self.absolute(target) or self.path(target)

    def base_for(self, published: str) -> str:
        """What relative URLs in a published file start from: site_url, or the root seen from the file."""
        if self.site_url:
            return self.site_url.rstrip("/") + "/"
        depth = posixpath.dirname(published).count("/") + 1 if "/" in published else 0
        return "../" * depth or "./"
