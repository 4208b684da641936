"""Rendering pages from the Jinja2 templates in templates/.

Templates write HTML with autoescape on: every value from a letter or a
registry is escaped for the HTML text or attribute it lands in, by
construction rather than by remembering a filter. The only unescaped HTML is
the letter's text, which bodytext.render_body has sanitized (and marked safe).

A page is its front matter (title and description HTML-escaped, because
Material prints them into <title>, the header and <meta> without escaping)
and its finished HTML, with the list of its section headings for the table of
contents. The MkDocs plugin hands the HTML to the theme as it is: running it
through Python-Markdown again only to pass it through took half of the build.
`Page.markdown` is the same page as a Markdown file, for engines that read
files (`docket build --out`): front matter, the HTML, and the section
headings as Markdown headings so that they reach that engine's table of
contents too.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import names
from ..model import Letter
from . import paths
from .memo import PageMemo, comparable


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


def page_meta(title: str, description: str = "", **extra: object) -> dict[str, object]:
    """The page's front matter. Title and description are HTML-escaped: the
    theme prints them raw into <title>, the header and a <meta> attribute."""
    fields: dict[str, object] = {"title": html.escape(" ".join(title.split()), quote=True)}
    if description:
        fields["description"] = html.escape(" ".join(description.split()), quote=True)
    fields.update(extra)
    return fields


def front_matter(meta: Mapping[str, object]) -> str:
    """YAML front matter, each value written as JSON (a subset of YAML that
    PyYAML reads back exactly): the json module writes it in a fraction of
    PyYAML's time, and no value can break out of its quotes."""
    lines = [f"{_key(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _key(name: str) -> str:
    if not _FIELD_NAME.fullmatch(name):  # the code's own names, never a letter's
        raise ValueError(f"not a front matter field name: {name!r}")
    return name


_FIELD_NAME = re.compile(r"[a-z][a-z_]*")
# Headings are the templates' own words, never a letter's: kept to plain words
# so the Markdown form of a heading cannot carry markup.
_PLAIN_HEADING = re.compile(r"[A-Za-z0-9 ,'-]+")


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str
    classes: tuple[str, ...] = ()

    @property
    def html(self) -> str:
        classes = f' class="{" ".join(self.classes)}"' if self.classes else ""
        return f'<h{self.level} id="{self.id}"{classes}>{self.text}</h{self.level}>'

    @property
    def markdown(self) -> str:
        attributes = " ".join([f"#{self.id}", *(f".{name}" for name in self.classes)])
        return f"{'#' * self.level} {self.text} {{ {attributes} }}"


@dataclass(frozen=True)
class Page:
    """A generated page: front matter, and the body as finished HTML (or, for
    `is_markdown`, as Markdown for the engine to render)."""

    meta: Mapping[str, object]
    body: str
    headings: tuple[Heading, ...] = field(default=())
    is_markdown: bool = False

    @property
    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then the body with its
        section headings written in Markdown. Letter text cannot hold such a
        heading: the sanitizer removes every id attribute."""
        body = self.body
        for heading in self.headings:
            body = body.replace(heading.html, heading.markdown)
        return front_matter(self.meta) + body


def _heading_maker(collected: list[Heading]) -> Any:
    def heading(level: int, text: str, id: str = "", classes: str = "") -> Markup:
        if not _PLAIN_HEADING.fullmatch(text):
            raise ValueError(f"a section heading must be plain words: {text!r}")
        made = Heading(level, id or slug(text), text, tuple(classes.split()))
        collected.append(made)
        return Markup(made.html)  # noqa: S704 - plain words and a slug, checked above

    return heading


def templates_stamp() -> tuple[tuple[str, int], ...]:
    """When each template was last saved: a page kept between rebuilds was
    rendered by the templates of its time (they are edited while serving, too)."""
    folder = Path(__file__).resolve().parent.parent / "templates"
    return tuple(sorted((path.name, path.stat().st_mtime_ns) for path in folder.glob("*.j2")))


@functools.cache
def _environment() -> Environment:
    # One for the process: compiling the templates again for each rebuild of
    # `mkdocs serve` took longer than rendering the pages an edit changes.
    env = Environment(
        loader=PackageLoader("docket_archive", "templates"),
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        long=long_date,
        iso=date.isoformat,
        slug=slug,
        truncate_words=truncate_words,
        capitalize_first=capitalize_first,
        dated_title=dated_title,
        sort_name=lambda person: ", ".join(part for part in names.sort_key(person) if part),
    )
    env.globals.update(paths=paths)
    return env


class Renderer:
    def __init__(self, memo: PageMemo | None = None, **globals_: object) -> None:
        self.memo = memo
        self.env = _environment()
        self.globals = globals_  # this build's: registries, the archive, the follow links

    def page(
        self,
        template: str,
        here: str,
        title: str,
        description: str = "",
        meta: dict[str, object] | None = None,  # more front matter, e.g. the feeds a page announces
        keep: bool = True,  # False for a page whose template reads the archive beyond its context
        **context: Any,
    ) -> Page:
        def make() -> Page:
            return self.render(template, here, title, description, meta, **context)

        if not keep:
            return make()
        inputs = (template, title, description, meta, {name: comparable(value) for name, value in context.items()})
        return self.kept(here, inputs, make)

    def kept(self, here: str, inputs: object, make: Callable[[], Page]) -> Page:
        """The page made by `make`, or the same page kept from the last build if `inputs` are equal."""
        return make() if self.memo is None else self.memo.page(here, inputs, make)

    def render(
        self,
        template: str,
        here: str,
        title: str,
        description: str = "",
        meta: dict[str, object] | None = None,
        **context: Any,
    ) -> Page:
        headings: list[Heading] = []
        body = self.env.get_template(template).render(
            **self.globals,
            url=functools.partial(paths.url, here),
            here=here,
            heading=_heading_maker(headings),
            **context,
        )
        return Page(page_meta(title, description, **(meta or {})), _tidy(body), tuple(headings))


def _tidy(text: str) -> str:
    # Markdown ends a raw HTML block at a blank line in some engines: keep blank
    # lines only where the template separates blocks (marked by two or more).
    text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
    return text.strip("\n") + "\n"
