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


class _Element(HTMLParser):
    """The inner HTML of the first element with a given class, nesting followed."""

    def __init__(self, class_name: str) -> None:
        super().__init__(convert_charrefs=False)
        self.class_name = class_name
        self.depth = 0
        self.start: int | None = None
        self.end: int | None = None
        self._offsets: list[int] = []

    def handle_starttag(self, tag, attrs):
        if self.end is not None:
            return
        if self.start is not None:
            self.depth += 1 if tag not in ("br", "hr", "img", "input", "meta", "link") else 0
        elif self.class_name in (dict(attrs).get("class") or "").split():
            self.start = self.getpos()
            self.depth = 1
            self.start_text = self.get_starttag_text()

    def handle_endtag(self, tag):
        if self.start is None or self.end is not None:
            return
        self.depth -= 1
        if self.depth == 0:
            self.end = self.getpos()


def element(html: str, class_name: str) -> str:
    """The inner HTML of the first element whose class includes `class_name`."""
    parser = _Element(class_name)
    parser.feed(html)
    assert parser.start is not None and parser.end is not None, f"no element of class {class_name}"
    lines = html.split("\n")

    def offset(position: tuple[int, int]) -> int:
        line, column = position
        return sum(len(text) + 1 for text in lines[: line - 1]) + column

    begin = offset(parser.start) + len(parser.start_text)
    return html[begin : offset(parser.end)]


def hosts(requests: list[str]) -> set[str]:
    """The hosts a page's requests went to (web requests only)."""
    from urllib.parse import urlsplit

    return {urlsplit(url).netloc for url in requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
