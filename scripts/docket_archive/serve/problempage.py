"""The page `mkdocs serve` shows while the archive has errors.

Without it a broken letter stops the rebuild, the browser waits on a site that
never comes, and only the terminal says why. With it every URL of the site
answers with this page: every problem as `docket check` prints it, escaped
(a problem quotes the letter, and a letter may hold anything). A small fixed
script of its own asks for the page's URL again each second and reloads once
the answer is the site again: the development server's reload script reaches
only the pages that exist while the archive is broken, not a letter's URL,
which answers 404 until the site is rebuilt. It is never part of a built site.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader

from docket_archive.domain.problems import Problem

_env = Environment(
    loader=PackageLoader("docket_archive.site", "templates"), autoescape=True, keep_trailing_newline=True
)


def render(problems: list[Problem]) -> str:
    """A complete HTML page listing `problems` (errors first, then warnings)."""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    return _env.get_template("problems.html.j2").render(errors=errors, warnings=warnings)
