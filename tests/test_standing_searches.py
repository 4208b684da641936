"""Standing searches (letters/searches/<key>.yml): checked by `docket check` with plain
messages, each an Atom feed of the letters that match, newest first, which lists a newly
added letter after the next build."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest

from chain_archive import FINANCING, SECOND, _letter, write_chain_archive
from conftest import copy_repo_site, mkdocs_build
from docket_archive.load.archive import load_archive
from docket_archive.search.documents import document_of
from docket_archive.search.query import parse
from docket_archive.search.reference import read, search
from test_check import assert_reported, run_check, write

COUNTER = "name: Counter-proposals and financing\nquery: 'counter-proposal OR financing'\n"


def test_a_good_standing_search_passes(letters_dir: Path) -> None:
    write(letters_dir, "searches/counter.yml", COUNTER)
    code, output = run_check(letters_dir)
    assert code == 0, output


@pytest.mark.parametrize(
    ("query", "words"),
    [
        (
            "'\"plan of'",
            'character 1 of the query: this quotation mark is never closed: add " at the end of the phrase',
        ),
        ("'mediation AND'", "character 11 of the query: AND needs a word after it"),
        ("'adjourn /5 trial'", "character 9 of the query: write a distance as w/5 (within 5 words)"),
        ("'lawyer:smith'", "character 1 of the query: lawyer: is not a field"),
    ],
)
def test_a_query_that_cannot_be_read_is_reported_where_it_is(letters_dir: Path, query: str, words: str) -> None:
    assert_reported(letters_dir, "searches/broken.yml", f"name: Broken\nquery: {query}\n", 2, "query", words)


def test_a_standing_search_file_must_follow_its_schema_and_name(letters_dir: Path) -> None:
    assert_reported(letters_dir, "searches/no-query.yml", "name: No query\n", 1, "query", "")
    assert_reported(letters_dir, "searches/extra.yml", COUNTER + "feed: yes\n", 3, "feed", "unknown field")
    assert_reported(letters_dir, "searches/Bad Name.yml", COUNTER, 1, "file", "holds only standing searches")


def feed_of(site: Path, key: str):
    feed = feedparser.parse((site / "feeds" / "searches" / f"{key}.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def letter_ids(feed) -> list[str]:
    return [entry.id.rsplit(":", 1)[1] for entry in feed.entries]


def test_a_standing_search_is_a_feed_that_lists_a_new_letter_after_the_next_build(tmp_path: Path) -> None:
    letters = write_chain_archive(tmp_path / "letters-src")
    write(letters, "searches/counter.yml", COUNTER)
    project = copy_repo_site(tmp_path, letters)
    feed = feed_of(mkdocs_build(project), "counter")
    assert feed.feed.title == "Docket Archive: Counter-proposals and financing"
    assert feed.feed.link.endswith("search/?q=counter-proposal%20OR%20financing")
    archive, _ = load_archive(letters)
    expected = search(parse("counter-proposal OR financing"), [read(document_of(x, archive)) for x in archive.letters])
    assert letter_ids(feed) == expected == [f"alpha/{FINANCING}", f"alpha/{SECOND}"]
    # A new letter that matches: after the next build, the feed lists it first.
    shutil.rmtree(project / "site")
    _letter(
        project / "letters",
        "beta",
        "2021-04-01-status-letter",
        {
            "title": "Beta counter-proposal",
            "type": "status letter",
            "authors": [{"person": "emery-stubbs-4"}],
            "addressee": "judge-testwood",
            "summary": "SYNTHETIC.",
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. The buyer made a counter-proposal.\n\nEmery Stubbs\n",
    )
    feed = feed_of(mkdocs_build(project), "counter")
    assert letter_ids(feed) == ["beta/2021-04-01-status-letter", *expected]
    assert feed.entries[0].title == "Beta counter-proposal"


def test_a_build_stops_on_a_query_it_cannot_read(tmp_path: Path) -> None:
    import subprocess
    import sys

    letters = write_chain_archive(tmp_path / "letters-src")
    write(letters, "searches/broken.yml", "name: Broken\nquery: '(mediation'\n")
    project = copy_repo_site(tmp_path, letters)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "letters/searches/broken.yml:2: query: character 1 of the query: this ( is never closed" in result.stderr


def test_checking_the_changed_standing_search_alone_checks_its_query(letters_dir: Path) -> None:
    from click.testing import CliRunner

    from docket_archive.cli import main

    path = write(letters_dir, "searches/broken.yml", "name: Broken\nquery: 'mediation AND'\n")
    result = CliRunner().invoke(main, ["check", str(path)])  # as the pre-commit hook passes changed files
    assert result.exit_code == 1
    assert "letters/searches/broken.yml:2: query: character 11 of the query: AND needs a word after it" in result.output
