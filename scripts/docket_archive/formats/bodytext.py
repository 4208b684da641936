"""A letter's text, Markdown in, safe HTML out.

Letters are untrusted input: a received letter may have been written by the
other side of the case. So the core renders the text itself, rather than
leaving it to the site engine's Markdown (where attr_list, md_in_html and raw
HTML would let a letter add scripts, styles, ids and off-site requests):

1. CommonMark (markdown-it-py) where markup in a letter (`<Redacted>`,
   `<script>`) is shown as the text it is, never lost and never run; only bare
   inline tags that mean what they say (`<b>`, `<br>`, `<sup>`) are kept, and
   HTML comments are notes that are not shown;
2. nh3 (the Ammonia sanitizer) cleans the result against an allowlist: only the
   tags a letter needs, only http(s), mailto and relative links, no id, class,
   style or event attributes, nothing that makes a request by itself.

The same HTML serves every engine (MkDocs today, Zensical later).
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

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


# Inline tags a pasted letter may carry that mean what they say. Written
# bare (no attributes) they are kept; any other markup is shown as the text it
# is, so `<Redacted>` stays visible and `<script>` is only words.
_PLAIN_TAGS = re.compile(r"</?(?:b|i|u|s|em|strong|sup|sub|small)>|<br\s*/?>", re.IGNORECASE)


_COMMENTS = re.compile(r"(?:\s*<!--.*?-->)+\s*", re.DOTALL)
_PLAIN_BLOCK = re.compile(rf"(?:\s*(?:{_PLAIN_TAGS.pattern}))+\s*", re.IGNORECASE)


def _is_comment(markup: str) -> bool:
    return bool(_COMMENTS.fullmatch(markup))


def _inline_markup(renderer: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
    markup = tokens[index].content
    if _is_comment(markup):
        return ""  # a note to the archive's editors, as in any Markdown
    return markup if _PLAIN_TAGS.fullmatch(markup) else escapeHtml(markup)


def _block_markup(renderer: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
    markup = tokens[index].content
    if _is_comment(markup):
        return ""
    return markup if _PLAIN_BLOCK.fullmatch(markup) else f"<p>{escapeHtml(markup.strip())}</p>\n"


# How deep blocks may nest (each level of a list takes two: the list and its
# item; a quotation one). Past it markdown-it stops reading and drops the rest
# of the text without a word, so `nesting_too_deep` lets `docket check` refuse
# such a text instead; 40 renders a list nested 19 deep, and keeps the parser's
# recursion far from Python's limit.
MAX_NESTING = 40


def _converter() -> MarkdownIt:
    # CommonMark (markdown-it-py): built to stay linear on hostile input, where
    # Python-Markdown took minutes on a 100 KB line of nested brackets. Images
    # are off: `![text](url)` stays a link, so no reader's browser fetches from
    # wherever a letter says.
    converter = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table").disable("image")
    converter.add_render_rule("html_inline", _inline_markup)
    converter.add_render_rule("html_block", _block_markup)
    return converter


_CONVERTER = _converter()


def render_body(text: str) -> str:
    """The letter's Markdown as sanitized HTML."""
    try:
        rendered = _CONVERTER.render(text)
    except RecursionError:  # pragma: no cover - maxNesting keeps the parser shallow
        rendered = "<pre>" + nh3.clean_text(text) + "</pre>"
    return sanitize(rendered)


# Nesting takes a prefix on the line (indentation, '>', list markers): a text
# without a long one cannot reach MAX_NESTING, and need not be parsed to know.
_MAYBE_DEEP = re.compile(r"^[ \t>*+\-0-9.)]{10,}", re.MULTILINE)


def nesting_too_deep(text: str) -> int | None:
    """The line (from 0) where the text nests deeper than MAX_NESTING, so that
    rendering would lose it and everything after it; None when it renders whole."""
    if not _MAYBE_DEEP.search(text):
        return None
    try:
        tokens = _CONVERTER.parse(text)
    except RecursionError:  # pragma: no cover - maxNesting keeps the parser shallow
        return 0
    for token in tokens:
        if token.level >= MAX_NESTING - 1:
            return token.map[0] if token.map else 0
    return None


def sanitize(html: str) -> str:
    """HTML cleaned against the letter allowlist (also applied to anything else a letter supplies)."""
    return str(_CLEANER.clean(html))


# Without "<" (markup, comments), "[" (link definitions, which show nothing),
# "&" (character references) or a code fence (whose info string is not
# shown), every letter of a Markdown text is shown (digits are not: "1." alone
# is an empty list item): a text with one has visible words, known without
# rendering it.
_SURELY_SHOWN = re.compile(r"[^\W\d_]")
_HIDING = ("<", "[", "&", "```", "~~~")


def has_visible_text(text: str) -> bool:
    """Whether a reader would see any word of the letter's text (`visible_text`, fast for plain text)."""
    if not any(mark in text for mark in _HIDING) and _SURELY_SHOWN.search(text):
        return True
    return bool(visible_text(text))


def visible_text(text: str) -> str:
    """The words a reader would see of the letter's text (empty for comments, markup or invisible characters)."""
    words = html.unescape(nh3.clean(render_body(text), tags=set()))
    return " ".join(words.replace("\u200b", "").replace("\u2060", "").replace("\ufeff", "").split())
