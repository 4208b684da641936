"""A letter of plain paragraphs is rendered without the Markdown parser, to the same HTML.

`formats.bodytext` recognizes text that CommonMark makes nothing but
paragraphs of (most letters), with or without the links a page writes into it
for the letters and docket entries it mentions. Every test here compares that
HTML with markdown-it's, byte for byte: texts made of Markdown's own
punctuation, whitespace and line starts; links with hostile titles and odd
targets; the synthetic letters (generated into a temporary folder); and the
real letters of ../shared/real-letters as the importer makes them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket_archive import synthetic
from docket_archive.formats import bodytext
from docket_archive.formats.letterfile import split
from docket_archive.importer.extract import extract
from docket_archive.links.mentions import Mention, link_mentions
from docket_archive.search.documents import paragraphs_of_html, parsed_paragraphs
from importtools import REAL_LETTERS

# Pieces that make a text plain or not: words, each character that starts
# Markdown (block or inline), line starts that begin a block, whitespace that
# CommonMark treats apart (tabs, no-break and line-separator spaces, carriage
# returns), control and invisible characters.
PIECES = [
    *["word", "Court", "the", "2009", "No. 5", "A.", "a.b", "1.5", "é", "§", "—", "“", "’", "٣"],
    *['"', "'", "(", ")", ":", ",", ".", "!", "?", "%", "$", "@", "^", "{", "}", "/"],
    *["1.", "1)", "12.", "-", "+", "=", "#", ">", "---", "===", "##", "*", "_", "[", "]", "<", "&", "|", "~"],
    *["\\", "`", " ", "  ", "   ", "    ", "\n", "\n", "\n\n", "\n\n\n"],
    *["\t", "\r", "\u00a0", "\u2028", "\u200b", "\ufeff", "\x00", "\x0c", "\x85"],
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=40
).map("".join)
HREFS = [
    "../x/",
    "../../letters/a-b/2009-06-22-x/",
    "#ecf-12",
    "./",
    "//host/",
    "a b",
    "(x)",
    "javascript:x",
    "%41",
    "é/",
]
TITLES = [
    "Joint letter",
    'a "quoted" & <b>',
    "back\\slash",
    "x\x00y",
    "two\nlines",
    "  spaced  ",
    "",
    "-->",
    "t)",
    "\u00a0",
]


def markdown_it(text: str) -> str:
    return bodytext._converter().render(text)


@given(TEXT)
@settings(max_examples=1500, deadline=None)
def test_a_plain_text_is_rendered_as_markdown_it_renders_it(text: str) -> None:
    plain = bodytext._plain_paragraphs(text, ())
    if plain is not None:
        assert plain == markdown_it(text), repr(text)


@given(TEXT, st.data())
@settings(max_examples=1500, deadline=None)
def test_links_in_a_plain_text_are_the_links_markdown_it_makes(text: str, data: st.DataObject) -> None:
    words = [match.span() for match in re.finditer(r"\S+", text)]
    links, after = [], 0
    for start, _ in words:
        if start >= after and data.draw(st.booleans()):
            end = data.draw(st.sampled_from([end for begin, end in words if begin >= start][:4]))
            links.append((start, end, data.draw(st.sampled_from(HREFS)), data.draw(st.sampled_from(TITLES))))
            after = end
    fast = bodytext.render_plain_with_links(text, links)
    if fast is not None:
        written = link_mentions(text, [Mention(*link) for link in links], lambda target: target)
        assert fast == bodytext.render_body(written), repr((text, links))


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Dear Judge Glenn:\n\nThe parties write jointly.", True),
        ('the "Debtors"\n   continue', True),
        ("  Indented three spaces", True),
        ("    Indented four: code", False),
        ("Line ending in two spaces  \nnext", False),
        ("- a list", False),
        ("1. a list", False),
        ("2009) a list", False),
        ("A heading\n===", False),
        ("# A heading", False),
        ("> quoted", False),
        ("Smith & Jones", False),
        ("[Redacted]", False),
        ("a_b", False),
        ("tab\there", False),
        ("no-break\u00a0space", False),
        ("carriage\r\nreturn", False),
    ],
)
def test_what_counts_as_plain(text: str, plain: bool) -> None:
    fast = bodytext._plain_paragraphs(text, ())
    assert (fast is not None) == plain
    if plain:
        assert fast == markdown_it(text)


def test_every_odd_space_makes_a_text_not_plain() -> None:
    # The list of whitespace characters in bodytext is Python's, less the space and the line end.
    odd = [chr(code) for code in range(0x110000) if chr(code).isspace() and chr(code) not in " \n"]
    assert [space for space in odd if bodytext._plain_paragraphs(f"a{space}b", ()) is not None] == []


def test_a_link_across_a_blank_line_is_left_to_markdown_it() -> None:
    text = "the status\n\nletter dated June 5, 2009"
    assert bodytext.render_plain_with_links(text, [(0, len(text), "../x/", "Title")]) is None


def test_a_linked_title_is_escaped_for_its_attribute() -> None:
    html = bodytext.render_plain_with_links("see the letter", [(4, 14, "../x/", 'A "b" <c> & d')])
    assert html is not None
    assert 'title="A &quot;b&quot; &lt;c&gt; &amp; d"' in html
    assert ">the letter</a>" in html


def test_every_synthetic_letter_renders_the_same_either_way(tmp_path: Path) -> None:
    # Synthetic letters (fictional, generated here): most are plain, with the
    # mentions a page links ("the status letter dated May 4, 2020", "Dkt. No. 214").
    synthetic.generate(tmp_path / "letters", 300, cases=3)
    texts = [split(path.read_text(encoding="utf-8")).body for path in (tmp_path / "letters").rglob("*.md")]
    plain = 0
    for text in texts:
        links = [
            (m.start(), m.end(), "../x/", "A title") for m in re.finditer(r"status letter dated \w+ \d+, \d{4}", text)
        ]
        fast = bodytext.render_plain_with_links(text, links)
        if fast is not None:
            plain += 1
            written = link_mentions(text, [Mention(*link) for link in links], lambda target: target)
            assert fast == bodytext.render_body(written)
    assert plain > len(texts) * 0.9  # the shape of most letters: the fast path is taken


@pytest.mark.skipif(not REAL_LETTERS.is_dir(), reason=f"{REAL_LETTERS} is absent (CI has it)")
def test_real_letters_render_the_same_either_way() -> None:
    # The text as `docket import` writes it, and the letter as it was found.
    plain = 0
    for source in sorted(REAL_LETTERS.glob("*.txt")):
        found = source.read_text(encoding="utf-8", errors="replace")
        for text in (extract(found).body, found):
            fast = bodytext._plain_paragraphs(text, ())
            if fast is not None:
                plain += 1
                assert fast == markdown_it(text), source.name
    assert plain  # most imported letters are plain paragraphs


@given(st.lists(st.sampled_from([*PIECES, "1.", "    ", ">", "> > > > >", "- - - - -"]), max_size=40).map("".join))
@settings(max_examples=1000, deadline=None)
def test_the_quick_look_for_deep_nesting_sees_every_line_start(text: str) -> None:
    # The gate of nesting_too_deep searches "\n" + text: the same lines as ^ in MULTILINE mode.
    every_line_start = re.compile(r"^[ \t>*+\-0-9.)]{10,}", re.MULTILINE)
    assert bool(bodytext._MAYBE_DEEP.search(f"\n{text}")) == bool(every_line_start.search(text))


@given(TEXT, st.data())
@settings(max_examples=1500, deadline=None)
def test_search_reads_the_paragraphs_of_a_plain_letter_as_the_html_parser_does(text: str, data: st.DataObject) -> None:
    words = [match.span() for match in re.finditer(r"\S+", text)]
    links = [
        (start, end, "../x/", data.draw(st.sampled_from(TITLES))) for start, end in words[:3] if end < words[-1][1]
    ]
    links = [link for index, link in enumerate(links) if index % 2 == 0]  # apart from one another
    for html in (bodytext.render_plain_with_links(text, links), bodytext.render_body(text)):
        if html is not None:
            assert paragraphs_of_html(html) == parsed_paragraphs(html), repr(html)


@pytest.mark.parametrize(
    "html",
    [
        '<p>AT&amp<a href="../x/" rel="noopener noreferrer">;T</a> &quot;q&quot; &nbsp;</p>\n<p>\u00a0</p>',
        '<p>a</p><p title="x">b</p>',
        "<p>a<br>b</p>",
        '<p><a href="../x/" title="a &gt; b" rel="noopener noreferrer">link</a></p>',
    ],
)
def test_search_reads_odd_html_as_the_html_parser_does(html: str) -> None:
    assert paragraphs_of_html(html) == parsed_paragraphs(html)
