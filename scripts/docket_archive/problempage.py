"""The page `mkdocs serve` shows while the archive has errors.

Without it a broken letter stops the rebuild, the browser waits on a site that
never comes, and only the terminal says why. With it every URL of the site
answers with this page: every problem as `docket check` prints it, escaped
(a problem quotes the letter, and a letter may hold anything), and no script
of its own. The development server adds its reload script, so the site comes
back by itself once the file is fixed. It is never part of a built site.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader

from .problems import Problem

_env = Environment(loader=PackageLoader("docket_archive", "templates"), autoescape=True, keep_trailing_newline=True)


def render(problems: list[Problem]) -> str:
    """A complete HTML page listing `problems` (errors first, then warnings)."""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    return _env.get_template("problems.html.j2").render(errors=errors, warnings=warnings)
