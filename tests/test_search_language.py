"""One language, two readers: the browser's parser (query.js), folding and stemmer (words.js,
Snowball's JavaScript) against Python's (search/query.py, search/words.py), in real Chromium.

The same trees for the same queries, the same messages at the same places for the queries
neither can read, and the same stem for every word of the archives the tests build."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import expect

from chain_archive import write_chain_archive
from conftest import REPO
from docket_archive.load.archive import load_archive
from docket_archive.search.documents import document_of
from docket_archive.search.query import QueryError, parse, to_json
from docket_archive.search.reference import read
from docket_archive.search.words import fold, stem, words_of
from search_queries import Generator

pytestmark = pytest.mark.browser

# Queries the parser must refuse, one per message, and some it must read.
UNREADABLE = [
    '"plan of',
    '""',
    "(mediation",
    "mediation)",
    "()",
    "AND mediation",
    "mediation AND",
    "mediation OR",
    "NOT",
    "- mediation",
    "mediation w/5",
    "w/5 mediation",
    "a w/5 b w/3 c",
    "author:x w/5 y",
    "(a AND b) w/5 c",
    "w/0 a",
    "a w/101 b",
    "a /5 b",
    "foo:bar",
    "case:",
    "case:(alpha OR beta)",
    "after:2009-6-1",
    "after:2009-02-30",
    "a!",
    "ad!journ",
    "counter-prop!",
    "medi*",
    "wh?",
    "a & b",
    "a % b",
    "a | b",
    "\u00a7",
]
READABLE = [
    "mediation proposal",
    "Committee NOT Lenders",
    "-Lenders court",
    "a OR b c",
    "(adjourn! OR continu!) w/5 trial",
    '"plan of reorganization"',
    "counter-proposal",
    "adjourn! /s trial",
    "adjourn! W/P trial",
    "x w/s y",
    'author:"Adam P. Strochak"',
    "judge:Glenn! type:joint",
    "court:nysb after:2009-06-01 before:2009-07-01",
    "Café RÉSUMÉ court\u2019s o'neil",
    "\u201cplan of reorganization\u201d",
    "NOT NOT mediation",
    '-(a OR b) -"c d"',
    "mediation\u00a0proposal",
]

PARSE_ALL = """
async (queries) => {
  const { parse, toJson, QueryError } = await import(new URL("../javascripts/search/query.js", window.location.href));
  return queries.map((query) => {
    try {
      const tree = parse(query);
      return tree ? toJson(tree) : null;
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      return { error: error.message, start: error.start, end: error.end };
    }
  });
}
"""

WORDS = """
async (texts) => {
  const words = await import(new URL("../javascripts/search/words.js", window.location.href));
  return texts.map((text) => words.wordsOf(text).map((word) => [word, words.stem(word)]));
}
"""


def python_reading(query: str):
    try:
        tree = parse(query)
        return to_json(tree) if tree else None
    except QueryError as error:
        return {"error": error.message, "start": error.start, "end": error.end}


@pytest.fixture(scope="module")
def search_page(browser, chain_url: str):
    context = browser.new_context()
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(chain_url + "/search/")
    expect(tab.locator("#docket-search")).to_have_attribute("data-ready", "true")
    yield tab
    context.close()


def test_every_unreadable_query_is_refused_with_a_plain_message_saying_where() -> None:
    for query in UNREADABLE:
        with pytest.raises(QueryError) as raised:
            parse(query)
        error = raised.value
        assert 0 <= error.start < error.end <= len(query) + 1, query
        assert str(error).startswith(f"at character {error.start + 1}: "), query
    messages = {python_reading(query)["error"] for query in UNREADABLE}
    assert len(messages) >= 25  # each mistake has its own words


def test_both_parsers_read_every_query_alike(search_page, tmp_path) -> None:
    letters = [
        read(document_of(letter, archive))
        for archive in [load_archive(write_chain_archive(tmp_path / "l"))[0]]
        for letter in archive.letters
    ]
    generated = [query for query, _ in Generator(letters, seed=7).queries()]
    queries = UNREADABLE + READABLE + generated
    assert search_page.evaluate(PARSE_ALL, queries) == [python_reading(query) for query in queries]


def test_both_fold_and_stem_every_word_alike(search_page) -> None:
    archive, _ = load_archive(REPO / "letters")
    texts = [letter.body for letter in archive.letters] + [letter.title for letter in archive.letters]
    texts += [
        "Adjourned adjournment ADJOURNING adjourns; agreements, agreement's, Debtors' debtor's",
        "Café résumé naïve Ærø Straße İstanbul \u2018quoted\u2019 court\u2019s o\u02bcneil",
        "generally generalities organization organizing university universal news dying lying",
        "11153 08-11153 \u00bd \uff21\uff22\uff23 \u0661\u0662 kg\u00b2",
    ]
    rng = random.Random(3)
    syllables = ["ing", "ed", "ness", "ful", "ly", "tion", "al", "ize", "ise", "ment", "ous", "ive", "er", "est", "s"]
    texts.append(
        " ".join(
            "".join(
                rng.choice(["pro", "con", "adjourn", "ag", "re", "med"]) + rng.choice(syllables) + rng.choice(syllables)
            )
            for _ in range(400)
        )
    )
    browser = search_page.evaluate(WORDS, texts)
    python = [[[word, stem(word)] for word in words_of(text)] for text in texts]
    assert browser == python
    assert sum(len(words) for words in python) > 500  # the archive's own letters, word by word, and the made-up words
    assert fold("Café RÉSUMÉ") == "cafe resume"
