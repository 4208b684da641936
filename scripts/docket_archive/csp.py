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
from html.parser import HTMLParser
from pathlib import Path

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


class _InlineScripts(HTMLParser):
    """Collects the text of each executable inline <script> (those without src)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = dict(attrs)
        executable = (values.get("type") or "").strip().lower() in _SCRIPT_TYPES
        self._open = [] if executable and "src" not in values else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


def policy(html: str) -> str:
    parser = _InlineScripts()
    parser.feed(html)
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
            for s in parser.scripts
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
            page.write_text(updated, "utf-8")
            changed += 1
    return changed
