"""Where each generated page lives, and the links between pages.

A page's *path* is its source file in the docs tree (`letters/alpha/x.md`);
its *URL* is the folder the site engine publishes it as (`letters/alpha/x/`,
MkDocs' and Zensical's default "directory URLs"). Generated pages are HTML,
which the engines do not rewrite, so links are written as relative URLs here,
and the site works from any host or folder.
"""

from __future__ import annotations

import functools
import posixpath
from datetime import date

from ..model import Case, DocketEntry, Letter, Person

HOME = "index.md"
ARCHIVE = "archive/index.md"
CASES = "cases/index.md"
PEOPLE = "people/index.md"
FIRMS = "people/firms.md"
TAGS = "tags/index.md"
FIELDS = "reference/fields.md"
CONTRIBUTING = "contributing.md"
SEARCH = "search.md"


def letter(item: Letter | str) -> str:
    return f"letters/{item if isinstance(item, str) else item.id}.md"


def indexed_month(item: Letter) -> str:
    """The month of the letter's page folder ("YYYY-MM"): the search index is cut into parts by it
    (search.py). Its date's month unless the letter kept an id from before its date was corrected."""
    return item.id.rsplit("/", 1)[-1][:7]


def case(item: Case | str) -> str:
    return f"cases/{item if isinstance(item, str) else item.key}.md"


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


def docket_anchor(entry: DocketEntry) -> str:
    return f"docket-{entry.number}" if entry.number else f"docket-{entry.date.isoformat()}"


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


@functools.lru_cache(maxsize=1 << 17)  # posixpath.relpath is slow, and a rebuild asks the same again
def url(from_page: str, to_path: str) -> str:
    """The relative link from one page to another page (or file), #fragment kept."""
    target, _, fragment = to_path.partition("#")
    here = page_url(from_page)
    there = page_url(target)
    link = posixpath.relpath(there or ".", here.rstrip("/") or ".")
    if there.endswith("/") or not there:
        link = link.rstrip("/") + "/"
    return f"{link}#{fragment}" if fragment else link
