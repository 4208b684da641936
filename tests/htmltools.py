"""Just enough HTML reading for assertions: links, and the part of a page under a heading."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def links(html: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def content(html: str) -> str:
    """The article, without header, nav and footer."""
    start = html.index('<article class="md-content__inner')
    return html[start : html.index("</article>", start)]


def section(html: str, heading_id: str) -> str:
    """From the <h2 id=...> to the next <h2> (or the end of the article)."""
    body = content(html)
    start = body.index(f'id="{heading_id}"')
    end = body.find("<h2", start)
    return body[start : end if end != -1 else len(body)]


def text(html: str) -> str:
    """The visible words of an HTML fragment (tags dropped, entities decoded)."""
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def resolve(from_page: str, href: str) -> str:
    """The site path (folder) an href on `from_page` (a folder path) points to."""
    target = href.split("#")[0]
    return posixpath.normpath(posixpath.join(from_page, target)).rstrip("/")
