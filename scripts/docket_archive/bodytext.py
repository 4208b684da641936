"""A letter's text, Markdown in, safe HTML out.

Letters are untrusted input: a received letter may have been written by the
other side of the case. So the core renders the text itself, rather than
leaving it to the site engine's Markdown (where attr_list, md_in_html and raw
HTML would let a letter add scripts, styles, ids and off-site requests):

1. CommonMark (markdown-it-py) with raw HTML switched off: markup in a letter
   (`<Redacted>`, `<script>`) is shown as the text it is, never lost and never run;
2. nh3 (the Ammonia sanitizer) cleans the result against an allowlist: only the
   tags a letter needs, only http(s), mailto and relative links, no id, class,
   style or event attributes, nothing that makes a request by itself.

The same HTML serves every engine (MkDocs today, Zensical later).
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

# What a letter's text can contain once rendered: paragraphs, emphasis, lists,
# quotations, headings, tables, code and links. No images (a request to any
# host), no forms, no media, no attributes that name or style an element.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "sup", "sub", "small",
        "a", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
        "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer",
    strip_comments=True,
    clean_content_tags={"script", "style"},
)


# CommonMark (markdown-it-py) with raw HTML off: markup in a letter (`<Redacted>`,
# `<script>`) is shown as the text it is, never lost and never run. markdown-it
# is built to stay linear on hostile input; Python-Markdown took minutes on a
# 100 KB line of nested brackets. Images are off: `![text](url)` stays a link,
# so no reader's browser fetches from wherever a letter says.
_CONVERTER = MarkdownIt("commonmark", {"html": False, "maxNesting": 20}).enable("table").disable("image")


def render_body(text: str) -> str:
    """The letter's Markdown as sanitized HTML."""
    try:
        html = _CONVERTER.render(text)
    except RecursionError:  # pragma: no cover - maxNesting keeps the parser shallow
        html = "<pre>" + nh3.clean_text(text) + "</pre>"
    return sanitize(html)


def sanitize(html: str) -> str:
    """HTML cleaned against the letter allowlist (also applied to anything else a letter supplies)."""
    return str(_CLEANER.clean(html))
