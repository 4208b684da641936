"""A Content-Security-Policy for every page of the built site.

The letter text is already sanitized; the policy is the second wall, should
anything get through: scripts, styles, fonts and images only from the site
itself (and the theme's own inline scripts, allowed by their sha256 hashes,
never by 'unsafe-inline'), no plugins, no <base> changes, no forms sent off
the site, no frames. A static site cannot send HTTP headers of its own, so the
policy is a <meta> tag placed first in <head>, before any script.

Which inline scripts are ours is known before any page is written: the
`<script>` elements of the theme's templates and the project's overrides
(`trusted_hashes`), each rendered for every place a page can be (a template
script that names `base_url` differs by the page's depth). A page's policy
lists the hashes of its inline scripts that are among those, and no other: a
script that reached a page any other way (an escaping bug, an injected
element) has no hash in the policy, and the browser refuses to run it.

Works on finished HTML, so it serves any engine: the MkDocs plugin applies it
to each page as it is written; `docket search-index` applies it to a site
built by another engine.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import jinja2

from docket_archive.runtime.safewrite import replace_text

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


# A site's pages hold the same few script tags (the theme's, at each depth), and
# reading one's attributes with html.parser was a tenth of a letter page's theme.
@functools.lru_cache(maxsize=1024)
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


@functools.lru_cache(maxsize=1024)  # the theme's inline scripts, the same on every page at a depth
def script_hash(script: str) -> str:
    """A script's source in a policy: 'sha256-<base64>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


MAX_DEPTH = 12  # folders below the site's root a page can be (a letter's page is three down)


def trusted_hashes(template_dirs: Iterable[Path], scope: str = "", roots: Iterable[str] = ()) -> frozenset[str]:
    """The hash of every inline script the templates in `template_dirs` can write.

    A script without template code is hashed as written. One with template
    code (Material's `__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",
    location)`) is rendered for every `base_url` a page can have: ".", "..",
    "../.." and so on, and the `roots` (the 404 page's "/", or the site's path);
    one whose values are not known here (a redirect's target) is not trusted."""
    bases = [".", *("/".join([".."] * depth) for depth in range(1, MAX_DEPTH + 1)), "/", *roots]
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # noqa: S701 - JavaScript, as the theme writes it
    extra = {"scope": scope} if scope else {}
    hashes: set[str] = set()
    for script in template_scripts(template_dirs):
        if "{{" not in script and "{%" not in script:
            hashes.add(script_hash(script))
            continue
        try:
            template = environment.from_string(script)
            hashes.update(script_hash(template.render(base_url=base, config={"extra": extra})) for base in bases)
        except jinja2.TemplateError:
            continue
    return frozenset(hashes)


def template_scripts(template_dirs: Iterable[Path]) -> set[str]:
    """The text of every executable inline script in the templates (template code left in)."""
    found: set[str] = set()
    for folder in template_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            found.update(inline_scripts(template.read_text("utf-8")))
    return found


def policy(html: str, trusted: frozenset[str]) -> str:
    """The page's policy: its inline scripts that are among the `trusted` ones, by hash; no other."""
    hashes = sorted({script_hash(s) for s in inline_scripts(html)} & trusted)
    directives = {"script-src": " ".join(["'self'", *hashes]), **_FIXED}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_policy(html: str, trusted: frozenset[str]) -> str:
    """The page with its policy as the first element of <head> (unchanged if it has one)."""
    head = html.find("<head>")
    if head == -1 or MARKER in html[: head + 2000]:
        return html
    at = head + len("<head>")
    tag = f'<meta {MARKER} content="{policy(html, trusted)}">'
    return html[:at] + tag + html[at:]


def apply_to_site(site_dir: Path, trusted: frozenset[str]) -> int:
    """Add the policy to every HTML page of a built site; returns how many pages changed."""
    changed = 0
    for page in sorted(Path(site_dir).rglob("*.html")):
        text = page.read_text("utf-8")
        updated = with_policy(text, trusted)
        if updated != text:
            replace_text(page, updated, within=site_dir)  # never through a link
            changed += 1
    return changed
