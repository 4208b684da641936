"""Rendering pages from the Jinja2 templates in templates/.

Templates write HTML with autoescape on: every value from a letter or a
registry is escaped for the HTML text or attribute it lands in, by
construction rather than by remembering a filter. The only unescaped HTML is
the letter's text, which bodytext.render_body has sanitized (and marked safe).

A page is a Markdown file for the site engine: YAML front matter (title and
description, written by a YAML library, and HTML-escaped because Material
prints them into <title>, the header and <meta> without escaping), then HTML
blocks, with the few static section headings in Markdown so that they reach
the table of contents.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import partial
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .. import names
from ..model import Letter
from . import paths


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def truncate_words(text: str, count: int) -> str:
    words = text.split()
    return text if len(words) <= count else " ".join(words[:count]) + " …"


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def dated_title(letter: Letter) -> str:
    """ "Title, June 22, 2009", but never the date twice: a title such as "Joint
    status letter of July 20, 2009" already says it."""
    day = long_date(letter.date)
    if day in letter.title or letter.date.isoformat() in letter.title:
        return letter.title
    return f"{letter.title}, {day}"


def front_matter(title: str, description: str = "", **extra: object) -> str:
    """The page's YAML front matter. Title and description are HTML-escaped:
    the theme prints them raw into <title>, the header and a <meta> attribute."""
    fields: dict[str, object] = {"title": html.escape(" ".join(title.split()), quote=True)}
    if description:
        fields["description"] = html.escape(" ".join(description.split()), quote=True)
    fields.update(extra)
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


class Renderer:
    def __init__(self, **globals_: object) -> None:
        self.env = Environment(
            loader=PackageLoader("docket_archive", "templates"),
            autoescape=select_autoescape(["html", "html.j2"], default_for_string=True, default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            long=long_date,
            iso=date.isoformat,
            slug=slug,
            truncate_words=truncate_words,
            capitalize_first=capitalize_first,
            dated_title=dated_title,
            sort_name=lambda person: ", ".join(part for part in names.sort_key(person) if part),
        )
        self.env.globals.update(paths=paths, **globals_)

    def page(
        self,
        template: str,
        here: str,
        title: str,
        description: str = "",
        meta: dict[str, object] | None = None,  # more front matter, e.g. the feeds a page announces
        **context: Any,
    ) -> str:
        body = self.env.get_template(template).render(url=partial(paths.url, here), here=here, **context)
        return front_matter(title, description, **(meta or {})) + _tidy(body)


def _tidy(text: str) -> str:
    # Markdown ends a raw HTML block at a blank line in some engines: keep blank
    # lines only where the template separates blocks (marked by two or more).
    text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
    return text.strip("\n") + "\n"
