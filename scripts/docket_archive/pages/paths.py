"""Where each generated page lives, and relative links between pages.

Links are written as relative paths to .md files, the portable form that
MkDocs (and Zensical) resolve and check, so the site works from any folder.
"""

from __future__ import annotations

import posixpath

from ..model import Case, Letter, Person

HOME = "index.md"
ARCHIVE = "archive/index.md"
CASES = "cases/index.md"
PEOPLE = "people/index.md"
FIRMS = "people/firms.md"
TAGS = "tags/index.md"
FIELDS = "reference/fields.md"


def letter(item: Letter | str) -> str:
    letter_id = item if isinstance(item, str) else item.id
    return f"letters/{letter_id}.md"


def case(item: Case | str) -> str:
    return f"cases/{item if isinstance(item, str) else item.key}.md"


def person(item: Person | str) -> str:
    return f"people/{item if isinstance(item, str) else item.key}.md"


def person_year(item: Person | str, number: int) -> str:
    return f"people/{item if isinstance(item, str) else item.key}/{number}.md"


def tag_year(name: str, number: int) -> str:
    return f"tags/{name}/{number}.md"


def year(number: int) -> str:
    return f"archive/{number}.md"


def tag(name: str) -> str:
    return f"tags/{name}.md"


def original(relative: str) -> str:
    """Original files are published beside the pages, under originals/<case>/<file>."""
    return f"originals/{relative.replace('/originals/', '/')}"


def docket_anchor(day) -> str:
    return f"docket-{day.isoformat()}"


def month_anchor(day) -> str:
    return f"{day.year}-{day.month:02d}"


def relative(from_page: str, to_path: str) -> str:
    """The link from one generated page to another path, relative to the page's folder."""
    target, _, fragment = to_path.partition("#")
    link = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"{link}#{fragment}" if fragment else link
