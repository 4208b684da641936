"""A generated page: its front matter, its finished HTML and its section headings.

A page is what every builder makes and every engine receives: the MkDocs plugin
hands the HTML to the theme as it is, and `docket build --out` writes
`Page.markdown`, the same page as a Markdown file, for engines that read files.
Title and description are HTML-escaped in the front matter, because Material
prints them into <title>, the header and <meta> without escaping.
"""

from __future__ import annotations

import html
import json
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace


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
    `is_markdown`, as Markdown for the engine to render).

    The body is held as given (`content` a str) or packed (`content` the body's
    UTF-8, compressed: `packed()`); `body` gives it as text either way. A
    build packs its index pages, which it holds all at once until the engine
    writes them: whole lists of letters, a tenth of their size compressed
    (nine tenths of the build's largest process held them at 100,000 letters)."""

    meta: Mapping[str, object]
    content: str | bytes  # the body, or (packed) its UTF-8 compressed by zlib
    headings: tuple[Heading, ...] = field(default=())
    is_markdown: bool = False

    @property
    def body(self) -> str:
        content = self.content
        return content if isinstance(content, str) else zlib.decompress(content).decode("utf-8")

    def packed(self) -> Page:
        """The same page, its body held compressed until asked for."""
        if not isinstance(self.content, str):
            return self
        # Level 1: the pages are lists of the same rows, compressed tenfold even so, at a fraction of the time.
        return replace(self, content=zlib.compress(self.content.encode("utf-8"), 1))

    @property
    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then the body with its
        section headings written in Markdown. Letter text cannot hold such a
        heading: the sanitizer removes every id attribute."""
        body = self.body
        for heading in self.headings:
            body = body.replace(heading.html, heading.markdown)
        return front_matter(self.meta) + body
