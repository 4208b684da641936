"""Where a page kept out of the nav sits: its tab and its trail.

Case, letter, person and topic pages are not in the nav (every page renders the
whole nav, so with them in it build time would grow with the square of the
archive). Their front matter names the tab to highlight (`docket_tab`, a nav
title in mkdocs.yml) and the trail shown in the sidebar (`docket_trail`: the
title and URL of each step, the page itself last), which the theme overrides in
overrides/partials/ read. Titles stay plain text: the partial escapes them.
"""

from __future__ import annotations

from docket_archive.domain.model import Case, Letter

from . import paths

CASES, PEOPLE, TOPICS = "Cases", "People", "Topics"  # the tabs' titles in mkdocs.yml's nav

Step = tuple[str, str]  # (title, page path, with an optional #fragment)


def trail(tab: str, *steps: Step) -> dict[str, object]:
    return {"docket_tab": tab, "docket_trail": [{"title": title, "url": _url(path)} for title, path in steps]}


def _url(path: str) -> str:
    target, _, fragment = path.partition("#")
    return paths.page_url(target) + (f"#{fragment}" if fragment else "")


def case_steps(case: Case) -> list[Step]:
    return [(CASES, paths.CASES), (case.caption, paths.case(case))]


def letter_trail(letter: Letter, case: Case, split: bool = False) -> dict[str, object]:
    """Cases -> the case -> the letter's year in its timeline -> the letter. The year is the
    case page's anchor, or the year's own page when the case's timeline is split by year (`split`)."""
    number = letter.date.year
    year = (str(number), paths.case_year(case, number) if split else f"{paths.case(case)}#{paths.year_anchor(number)}")
    return trail(CASES, *case_steps(case), year, (letter.title, paths.letter(letter)))
