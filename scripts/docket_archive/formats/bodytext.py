"""A letter's text, Markdown in, safe HTML out.

Letters are untrusted input: a received letter may have been written by the
other side of the case. So the core renders the text itself, rather than
leaving it to the site engine's Markdown (where attr_list, md_in_html and raw
HTML would let a letter add scripts, styles, ids and off-site requests):

1. CommonMark (markdown-it-py) where markup in a letter (`<Redacted>`,
   `<script>`) is shown as the text it is, never lost and never run; only bare
   inline tags that mean what they say (`<b>`, `<br>`, `<sup>`) are kept, and
   HTML comments are notes that are not shown. A text of plain paragraphs (most
   letters) is made into the HTML markdown-it makes of it without being parsed
   (`_plain_paragraphs`; tests/test_plain_text.py holds the two to each other);
2. nh3 (the Ammonia sanitizer) cleans the result against an allowlist: only the
   tags a letter needs, only http(s), mailto and relative links, no id, class,
   style or event attributes, nothing that makes a request by itself.

The same HTML serves every engine (MkDocs today, Zensical later).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import nh3

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# markdown-it is imported where it is first used, not with this module: `docket check` of
# plain letters (the pre-commit hook's usual case) never parses one, and its import was a
# fiftieth of that command. Its own escaping is used (not html.escape, which also escapes
# '), so that text rendered without the parser is byte for byte what the parser writes.

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
    from markdown_it.common.utils import escapeHtml  # loaded with the parser that calls this

    return markup if _PLAIN_TAGS.fullmatch(markup) else escapeHtml(markup)


def _block_markup(renderer: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
    markup = tokens[index].content
    if _is_comment(markup):
        return ""
    from markdown_it.common.utils import escapeHtml  # loaded with the parser that calls this

    return markup if _PLAIN_BLOCK.fullmatch(markup) else f"<p>{escapeHtml(markup.strip())}</p>\n"


# How deep blocks may nest (each level of a list takes two: the list and its
# item; a quotation one). Past it markdown-it stops reading and drops the rest
# of the text without a word, so `nesting_too_deep` lets `docket check` refuse
# such a text instead; 40 renders a list nested 19 deep, and keeps the parser's
# recursion far from Python's limit.
MAX_NESTING = 40


def load_parser() -> None:
    """Makes the Markdown parser now. A process about to fork children that render letters
    calls this, so that they inherit it: each would otherwise import it anew (a build forks
    about a hundred at 100,000 letters)."""
    _converter()


@functools.cache
def _converter() -> MarkdownIt:
    """The one parser, made at its first use."""
    from markdown_it import MarkdownIt

    # CommonMark (markdown-it-py): built to stay linear on hostile input, where
    # Python-Markdown took minutes on a 100 KB line of nested brackets. Images
    # are off: `![text](url)` stays a link, so no reader's browser fetches from
    # wherever a letter says.
    converter = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table").disable("image")
    converter.add_render_rule("html_inline", _inline_markup)
    converter.add_render_rule("html_block", _block_markup)
    return converter


def render_body(text: str) -> str:
    """The letter's Markdown as sanitized HTML."""
    plain = _plain_paragraphs(text, ())
    if plain is not None:
        return sanitize(plain)
    try:
        rendered = _converter().render(text)
    except RecursionError:  # pragma: no cover - maxNesting keeps the parser shallow
        rendered = "<pre>" + nh3.clean_text(text) + "</pre>"
    return sanitize(rendered)


def render_plain_with_links(text: str, links: Sequence[tuple[int, int, str, str]]) -> str | None:
    """The text as sanitized HTML with `links` (start, end, href, title; in order, apart)
    made links, when the text is plain (below) and each link simple; else None, and the
    caller writes the links into the Markdown for `render_body`.

    The HTML is the one markdown-it makes of the text with each link written as
    `[words](href "title")` (titles escaped as `links.mentions.markdown_title` does),
    so the page is the same either way (tests/test_plain_text.py compares them)."""
    if not all(_simple_link(text, *link) for link in links):
        return None
    plain = _plain_paragraphs(text, links)
    return None if plain is None else sanitize(plain)


# Most letters are paragraphs of words and nothing else, and CommonMark makes
# of those nothing but <p> elements: parsing them was a tenth of a build, so
# they are recognized instead. Plain means none of the characters
# that start inline markup (\ ` * _ [ ] < > & | ~), no whitespace but spaces and
# line ends, no control character, no line ending in a space (two make a line
# break), no line indented four spaces (code), and no line that begins a
# block of its own (- + = # > or an ordered list's "1." or "1)"): anything
# else is markdown-it's to render. What is left of CommonMark for such a text:
# blank lines part paragraphs, a paragraph's lines are trimmed of their
# leading spaces, and `"` is escaped.
#
# Whitespace but the space and the line end: every other character str.isspace() knows
# beyond the control characters (tests/test_plain_text.py holds the list to Python's).
_ODD_SPACES = "\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_PLAIN_CHARACTER = re.compile(rf"[\\`*_\[\]<>&|~\x00-\x09\x0b-\x1f\x7f{_ODD_SPACES}]")
# A line that is code or begins a block, in "\n" + text + "\n" (each alternative starts
# with a line end, which the regex engine finds fast, where a MULTILINE ^ tries every position).
_BLOCK_LINE = re.compile(r"\n(?: {4}| {0,3}(?:[-+=#>]|\d{1,9}[.)][ \n]))")
_LINK_START, _LINK_END = "\x01", "\x02"  # control characters: never in a plain text
# A link target written as it is by markdown-it (no character it would percent-encode, no host).
_SIMPLE_HREF = re.compile(r"(?!//)[A-Za-z0-9._/#-]+")
_TITLE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _simple_link(text: str, start: int, end: int, href: str, title: str) -> bool:
    # A link's words across a blank line are two paragraphs to CommonMark, and no link.
    return bool(_SIMPLE_HREF.fullmatch(href)) and not _TITLE_CONTROL.search(title) and "\n\n" not in text[start:end]


def _plain_paragraphs(text: str, links: Sequence[tuple[int, int, str, str]]) -> str | None:
    """CommonMark's HTML of a plain text (above), with `links`; None if the text is not plain."""
    if _NOT_PLAIN_CHARACTER.search(text) or " \n" in text or text.endswith(" ") or _BLOCK_LINE.search(f"\n{text}\n"):
        return None
    if links:
        pieces, position = [], 0
        for start, end, _href, _title in links:
            pieces += [text[position:start], _LINK_START, text[start:end], _LINK_END]
            position = end
        pieces.append(text[position:])
        text = "".join(pieces)
    html = "".join(
        "<p>" + "\n".join(line.lstrip(" ") for line in block.split("\n")).replace('"', "&quot;") + "</p>\n"
        for block in re.split(r"\n{2,}", text.strip("\n"))
        if block
    )
    if links:
        tags = iter(links)
        html = re.sub(_LINK_START, lambda _: _anchor(*next(tags)), html).replace(_LINK_END, "</a>")
    return html


def _anchor(start: int, end: int, href: str, title: str) -> str:
    title = " ".join(title.split())  # as the Markdown link's title holds it
    if not title:
        return f'<a href="{href}">'
    from markdown_it.common.utils import escapeHtml  # the parser's escaping: its output, byte for byte

    return f'<a href="{href}" title="{escapeHtml(title)}">'


# Nesting takes a prefix on the line (indentation, '>', list markers): a text
# without a long one cannot reach MAX_NESTING, and need not be parsed to know.
# Searched in "\n" + text: a pattern that starts with a line end is found by the regex
# engine's fast scan for that character, where a MULTILINE ^ is tried at every position
# (six times slower, for every letter `docket check` reads).
_MAYBE_DEEP = re.compile(r"\n[ \t>*+\-0-9.)]{10,}")


def nesting_too_deep(text: str) -> int | None:
    """The line (from 0) where the text nests deeper than MAX_NESTING, so that
    rendering would lose it and everything after it; None when it renders whole."""
    if not _MAYBE_DEEP.search(f"\n{text}"):
        return None
    try:
        tokens = _converter().parse(text)
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


def has_visible_text(text: str) -> bool:
    """Whether a reader would see any word of the letter's text (`visible_text`, fast for plain text)."""
    # What may hide text from a reader (markup, a link's brackets, an entity, a fenced block),
    # tested one by one rather than in a generator: this runs for every letter read.
    if (
        "<" not in text
        and "[" not in text
        and "&" not in text
        and "```" not in text
        and "~~~" not in text
        and _SURELY_SHOWN.search(text)
    ):
        return True
    return bool(visible_text(text))


def visible_text(text: str) -> str:
    """The words a reader would see of the letter's text (empty for comments, markup or invisible characters)."""
    words = html.unescape(nh3.clean(render_body(text), tags=set()))
    return " ".join(words.replace("\u200b", "").replace("\u2060", "").replace("\ufeff", "").split())
