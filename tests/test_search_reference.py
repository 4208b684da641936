"""What a query means, on letters written for the purpose: the reference implementation
(search/reference.py) and the reading of text it rests on (search/words.py)."""

from __future__ import annotations

from datetime import date

import pytest

from docket_archive.search.documents import FIELDS, SearchDocument, paragraphs_of_html
from docket_archive.search.query import parse
from docket_archive.search.reference import matches, read
from docket_archive.search.words import text_occurrences


def letter(*paragraphs: str, on: str = "2020-01-06", **fields: tuple[str, ...]) -> SearchDocument:
    return SearchDocument(
        id=f"alpha/{on}-letter",
        date=date.fromisoformat(on),
        title="A letter",
        paragraphs=("A letter", *paragraphs),
        fields=tuple((name, fields.get(name, ())) for name in FIELDS),
    )


def finds(query: str, document: SearchDocument) -> bool:
    tree = parse(query)
    assert tree is not None
    return matches(tree, read(document))


def sentences(text: str) -> list[list[str]]:
    found: dict[int, list[str]] = {}
    for word, _, sentence, _ in text_occurrences([text]):
        found.setdefault(sentence, []).append(word)
    return list(found.values())


def test_sentences_end_at_a_stop_but_not_after_an_initial_or_an_abbreviation() -> None:
    text = "The Court (Dkt. No. 42) ruled. Mr. J. Smith of U.S. Bank agreed! Did he? Yes, on 1.5 days."
    assert sentences(text) == [
        ["the", "court", "dkt", "no", "42", "ruled"],
        ["mr", "j", "smith", "of", "u", "s", "bank", "agreed"],
        ["did", "he"],
        ["yes", "on", "1", "5", "days"],
    ]


def test_a_word_finds_its_forms_and_no_other_word() -> None:
    text = letter("The hearing was adjourned; an adjournment followed.")
    assert finds("adjourn", text) and finds("Adjournment", text) and finds("ADJOURNING", text)
    assert not finds("adj", text)  # no prefix fallback
    assert not finds("journ", text)
    assert finds("adj!", text) and finds("adjournm!", text)
    assert not finds("adjournmentx", text)


def test_accents_case_and_apostrophes_are_folded() -> None:
    text = letter("The Debtors\u2019 r\u00e9sum\u00e9 and the Court\u2019s order.")
    assert finds("resume", text) and finds("court's", text) and finds("debtors", text)
    assert finds('"court\u2019s order"', text)


def test_phrases_are_consecutive_and_hyphens_make_phrases() -> None:
    text = letter("The counter-proposal of the Committee.", "Plan of reorganization.")
    assert finds("counter-proposal", text) and finds('"counter proposal"', text)
    assert not finds('"proposal counter"', text)
    assert finds('"plan of reorganization"', text)
    assert finds('"committee plan"', text)  # positions run on across paragraphs


def test_within_counts_the_words_between_and_needs_two_places() -> None:
    text = letter("alpha one two three beta. gamma gamma.")
    assert finds("alpha w/4 beta", text) and finds("beta w/4 alpha", text)
    assert not finds("alpha w/3 beta", text)
    assert finds("gamma w/1 gamma", text)  # two different places
    assert not finds("beta w/5 beta", text)  # one place is not two
    assert finds('"one two" w/1 three', text) and not finds('"one two" w/1 beta', text)
    assert finds("(delta OR three) w/3 alpha", text) and not finds("(delta OR beta) w/3 alpha", text)


def test_sentence_and_paragraph_mean_one_and_the_same() -> None:
    text = letter("The trial was adjourned. The parties agree.", "A new trial date.")
    assert finds("adjourn! /s trial", text) and finds("parties /p trial", text)
    assert not finds("parties /s trial", text)
    assert not finds("agree /p new", text)
    assert finds("new /s date", text)


def test_boolean_operators_and_precedence() -> None:
    text = letter("Committee report on the Lenders.")
    assert finds("committee lenders", text) and finds("committee AND lenders", text)
    assert not finds("committee NOT lenders", text) and not finds("committee -lenders", text)
    assert finds("banks OR committee", text)
    assert finds("banks OR committee report", text)  # banks OR (committee AND report)
    assert not finds("(banks OR committee) debtors", text)
    assert finds("NOT debtors", text)


def test_fields_search_their_own_values() -> None:
    text = letter(
        "Dear Judge:",
        author=("Adam P. Strochak", "Storchak", "adam-strochak"),
        case=("lexington-precision", "In re Lexington Precision Corp.", "08-11153 (MG)"),
        firm=("Weil, Gotshal & Manges LLP",),
        type=("joint status letter",),
    )
    assert finds("author:strochak", text) and finds("author:Storchak", text)
    assert finds('author:"adam p strochak"', text) and not finds('author:"strochak storchak"', text)
    assert finds("case:lexington-precision", text) and finds('case:"08-11153"', text)
    assert finds("firm:weil", text) and finds("type:joint", text)
    assert not finds("strochak", text)  # the text has no such word
    assert not finds("judge:glenn", text)


def test_dates_exclude_the_day_itself() -> None:
    text = letter("Words.", on="2009-06-22")
    assert finds("after:2009-06-21", text) and not finds("after:2009-06-22", text)
    assert finds("before:2009-06-23", text) and not finds("before:2009-06-22", text)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>One <em>two</em></p><p>three</p>", ["One two", "three"]),
        ("<ul><li>a</li><li>b <b>c</b></li></ul>", ["a", "b c"]),
        ("<p>line<br>break &amp; more</p>", ["line break & more"]),
        ("<table><tr><td>x</td><td>y</td></tr></table>", ["x", "y"]),
    ],
)
def test_paragraphs_of_a_letters_html(html: str, expected: list[str]) -> None:
    assert paragraphs_of_html(html) == expected
