"""Rendering Markdown pages from the Jinja2 templates in templates/."""

from __future__ import annotations

import re
from datetime import date
from functools import partial

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import escape

from ..model import Archive
from . import paths

# Characters that would change the meaning of interpolated text in Markdown.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: object) -> str:
    """Text shown literally in Markdown (names, titles, summaries), on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def yaml_text(text: object) -> str:
    """Text safe inside a double-quoted YAML string in a page's front matter."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"')


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def truncate_words(text: str, count: int) -> str:
    words = text.split()
    return text if len(words) <= count else " ".join(words[:count]) + " …"


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class Renderer:
    def __init__(self, archive: Archive) -> None:
        self.env = Environment(
            loader=PackageLoader("docket_archive", "templates"),
            autoescape=False,  # the output is Markdown; values are escaped with |md
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            html=lambda text: str(escape(text)),
            md=md,
            yaml_text=yaml_text,
            long=long_date,
            iso=date.isoformat,
            slug=slug,
            truncate_words=truncate_words,
            capitalize_first=capitalize_first,
        )
        self.env.globals.update(paths=paths, people=archive.people, case_by_key=archive.cases)

    def page(self, template: str, here: str, **context: object) -> str:
        text = self.env.get_template(template).render(rel=partial(paths.relative, here), **context)
        # Collapse runs of blank lines left by template logic; Markdown ignores them anyway.
        return re.sub(r"\n{3,}", "\n\n", text).lstrip("\n")
