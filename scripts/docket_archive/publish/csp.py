"""A Content-Security-Policy for every page of the built site.

The letter text is already sanitized; the policy is the second wall, should
anything get through: scripts, styles, fonts and images only from the site
itself (and the theme's own inline scripts, allowed by their sha256 hashes,
never by 'unsafe-inline'), no plugins, no <base> changes, no forms sent off
the site, no frames. A static site cannot send HTTP headers of its own, so the
policy is a <meta> tag placed first in <head>, before any script.

Works on finished HTML, so it serves any engine: the MkDocs plugin applies it
to each page as it is written; `docket search-index` applies it to a site
built by another engine.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from docket_archive.runtime.safewrite import replace_text

# Pagefind's search runs WebAssembly; 'wasm-unsafe-eval' allows compiling it,
# nothing else (no eval of strings).
_FIXED = {
    "default-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",  # the theme sets style attributes; CSS cannot fetch off-site (img-src, font-src)
    "img-src": "'self' data:",  # the theme's icons are data: SVGs in its CSS
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-src": "'none'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
}
MARKER = 'http-equiv="Content-Security-Policy"'
_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


_SCRIPT_START = re.compile(r"<script(?=[\s/>])", re.IGNORECASE | re.ASCII)  # ASCII: "<ſcript" is no tag
_SCRIPT_END = re.compile(r"</script", re.IGNORECASE | re.ASCII)


def inline_scripts(page: str) -> list[str]:
    """The text of each executable inline <script> (one without src) of a finished page.

    A scan for `<script`, not a full HTML parse: parsing every page with
    html.parser took a quarter of the build. The scan is exact for the pages
    it is given, where every `<` of text and attribute values is escaped
    (autoescaped templates, sanitized letter text), so `<script` only ever
    starts a tag; a script's text runs to the first `</script`, as the HTML
    standard says. A misreading could only leave a script without its hash,
    which the browser then blocks: it never allows anything the page lacks.
    """
    scripts: list[str] = []
    # Found in the page itself, case-insensitively: positions in page.lower()
    # would drift after any character whose lower case is longer ("İ").
    start = _SCRIPT_START.search(page)
    while start is not None:
        tag_end = page.find(">", start.end())
        if tag_end == -1:
            break
        end = _SCRIPT_END.search(page, tag_end)
        text_end = end.start() if end else len(page)
        if _executable(page[start.start() : tag_end + 1]):
            scripts.append(page[tag_end + 1 : text_end])
        start = _SCRIPT_START.search(page, text_end)
    return scripts


def _executable(start_tag: str) -> bool:
    reader = _StartTag()
    reader.feed(start_tag)
    reader.close()
    values = reader.attributes
    return "src" not in values and (values.get("type") or "").strip().lower() in _SCRIPT_TYPES


class _StartTag(HTMLParser):
    """The attributes of the one start tag it is fed (html.parser reads quoting and entities)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = dict(attrs)


def policy(html: str) -> str:
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
            for s in inline_scripts(html)
        }
    )
    directives = {"script-src": " ".join(["'self'", "'wasm-unsafe-eval'", *hashes]), **_FIXED}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_policy(html: str) -> str:
    """The page with its policy as the first element of <head> (unchanged if it has one)."""
    head = html.find("<head>")
    if head == -1 or MARKER in html[: head + 2000]:
        return html
    at = head + len("<head>")
    tag = f'<meta {MARKER} content="{policy(html)}">'
    return html[:at] + tag + html[at:]


def apply_to_site(site_dir: Path) -> int:
    """Add the policy to every HTML page of a built site; returns how many pages changed."""
    changed = 0
    for page in sorted(Path(site_dir).rglob("*.html")):
        text = page.read_text("utf-8")
        updated = with_policy(text)
        if updated != text:
            replace_text(page, updated, within=site_dir)  # never through a link
            changed += 1
    return changed
