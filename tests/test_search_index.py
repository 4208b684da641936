"""The search index in parts: the plan, the indexer that works while the build writes pages,
what a part and the dictionaries hold, and what the browser reads of them.

The chain archive is built with `search_part_letters: 2`, so its five letters fall into
three parts (2020-01, 2020-02, 2021-03)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from chain_archive import BETA, FIRST, write_chain_archive
from conftest import copy_repo_site, make_registries, mkdocs_build, serve
from docket_archive.publish.searchindex import (
    BUNDLE,
    MANIFEST,
    IndexAsWritten,
    SearchIndexError,
    index_site,
    plan_parts,
)
from docket_archive.site.paths import built_letter_pages as letter_pages
from htmltools import hosts
from test_search import search, stems


def months(counts: dict[str, int]) -> dict[str, list[str]]:
    return {month: [f"letters/c/{month}-01-{i}/index.html" for i in range(n)] for month, n in counts.items()}


def test_a_small_archive_is_one_part() -> None:
    parts = plan_parts(months({"2020-01": 3, "2020-02": 4}), part_letters=3000)
    assert [part.months for part in parts] == [("2020-01", "2020-02")]


def test_parts_are_even_and_within_the_cap() -> None:
    parts = plan_parts(months({f"2020-{m:02}": 100 for m in range(1, 13)}), part_letters=500)
    assert [len(part.pages) for part in parts] == [400, 400, 400]
    assert parts[1].name == "2020-05"


def test_a_month_larger_than_the_cap_is_a_part_of_its_own() -> None:
    parts = plan_parts(months({"2020-01": 1, "2020-02": 9, "2020-03": 1}), part_letters=4)
    assert [part.months for part in parts] == [("2020-01",), ("2020-02",), ("2020-03",)]


def test_no_letters_no_parts() -> None:
    assert plan_parts({}, part_letters=10) == []
    with pytest.raises(ValueError):
        plan_parts(months({"2020-01": 1}), part_letters=0)


def test_parts_are_balanced_rather_than_leave_a_small_last_one() -> None:
    counts = {f"{2000 + k // 12}-{k % 12 + 1:02}": 49 for k in range(20)} | {"2001-09": 20}
    parts = plan_parts(months(counts), part_letters=500)
    assert [len(part.pages) for part in parts] == [343, 343, 314]


@given(st.dictionaries(st.integers(0, 400), st.integers(1, 30), max_size=60), st.integers(1, 60))
def test_every_letter_is_in_exactly_one_part_in_time_order(counts: dict[int, int], cap: int) -> None:
    by_month = months({f"{2000 + k // 12}-{k % 12 + 1:02}": n for k, n in counts.items()})
    parts = plan_parts(by_month, part_letters=cap)
    pages = [page for part in parts for page in part.pages]
    assert sorted(pages) == sorted(page for month in by_month.values() for page in month)
    assert [month for part in parts for month in part.months] == sorted(by_month)
    assert all(len(part.pages) <= cap or len(part.months) == 1 for part in parts)
    if all(count <= cap for count in counts.values()):
        assert len(parts) <= 2 * -(-sum(counts.values()) // cap)


def parted_project(tmp: Path, letters: Path) -> Path:
    project = copy_repo_site(tmp, letters)
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text("utf-8"))
    next(p for p in settings["plugins"] if isinstance(p, dict) and "docket" in p)["docket"]["search_part_letters"] = 2
    config.write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    return project


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("parts")
    return mkdocs_build(parted_project(tmp, write_chain_archive(tmp / "letters-src")))


def manifest(site: Path) -> dict:
    return json.loads((site / BUNDLE / MANIFEST).read_text("utf-8"))


def test_the_manifest_lists_the_parts_oldest_first(parted_site: Path) -> None:
    found = manifest(parted_site)
    assert [(p["path"], p["letters"]) for p in found["parts"]] == [("2020-01/", 2), ("2020-02/", 2), ("2021-03/", 1)]
    assert found["letters"] == 5 and re.fullmatch(r"[0-9a-f]{16}", found["version"])
    for part in found["parts"]:
        docs = json.loads((parted_site / BUNDLE / part["path"] / "docs.json").read_text("utf-8"))
        assert len(docs["ids"]) == part["letters"] and docs["ids"] == sorted(docs["ids"])


def test_the_dictionary_says_where_each_word_and_field_word_is(parted_site: Path) -> None:
    shards = manifest(parted_site)["stemShards"]
    entries = [
        e for i in range(len(shards)) for e in json.loads((parted_site / BUNDLE / f"dict/s{i}.json").read_text())
    ]
    by_stem = dict(entries)
    # "mediation" only in the first letter (January 2020): one part, one letter, two places.
    ((word, refs),) = by_stem["mediat"]
    assert word == "mediation" and refs[:2] == [0, 1]
    assert [key for key, _ in by_stem["author:stubb"]] == ["author:stubbs"]
    assert [refs[0::8] for _, refs in by_stem["author:stubb"]] == [[1, 2]]  # the financing and beta letters


def written_in_date_order(site: Path) -> list[str]:
    return sorted((page for pages in letter_pages(site).values() for page in pages), key=lambda p: (p.split("/")[2], p))


@pytest.fixture
def unindexed_site(tmp_path: Path, parted_site: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(parted_site, site)
    shutil.rmtree(site / BUNDLE)
    return site


def test_parts_are_indexed_as_soon_as_their_pages_are_written(unindexed_site: Path, parted_site: Path) -> None:
    pages = written_in_date_order(unindexed_site)
    indexer = IndexAsWritten(unindexed_site, pages, part_letters=2)
    started = []
    for page in pages:
        indexer.written(page)
        started.append(indexer.started)
    assert started == [0, 0, 1, 1, 2]  # a part starts once the page after its last is handed over
    summary = indexer.finish()
    assert "in 3 part(s)" in summary and "2 of them while the pages were being written" in summary
    assert manifest(unindexed_site) == manifest(parted_site)
    for name in ("2020-01", "2020-02", "2021-03"):
        for file in (parted_site / BUNDLE / name).iterdir():
            assert (unindexed_site / BUNDLE / name / file.name).read_bytes() == file.read_bytes()


def test_a_site_unlike_the_plan_is_indexed_as_it_is(unindexed_site: Path) -> None:
    pages = written_in_date_order(unindexed_site)
    indexer = IndexAsWritten(unindexed_site, pages, part_letters=2)
    for page in pages[1:]:
        indexer.written(page)
    assert "while the pages were being written" not in indexer.finish()
    assert manifest(unindexed_site)["letters"] == 5
    stale = unindexed_site / "letters" / "alpha" / "2020-03-02-stale" / "index.html"
    stale.parent.mkdir()
    stale.write_text((unindexed_site / pages[0]).read_text("utf-8"), "utf-8")
    indexer = IndexAsWritten(unindexed_site, pages, part_letters=2)
    for page in pages:
        indexer.written(page)
    assert "Indexed 6 pages" in indexer.finish()


def test_reindexing_keeps_unchanged_parts_and_removes_stale_ones(tmp_path: Path, parted_site: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(parted_site, site)
    docs = site / BUNDLE / "2021-03" / "docs.json"
    first_index = docs.stat().st_mtime_ns
    os.utime(site / "letters" / "alpha" / FIRST / "index.html")  # newer than its part's index
    summary = index_site(site, part_letters=2, keep_unchanged=True)
    assert "in 1 part(s)" in summary and "2 part(s) unchanged" in summary
    assert docs.stat().st_mtime_ns == first_index
    (site / BUNDLE / "notes").mkdir()
    index_site(site, part_letters=100)  # one part for everything: the others go, nothing else does
    assert sorted(p.name for p in (site / BUNDLE).iterdir() if p.is_dir()) == ["2020-01", "dict", "notes"]


def test_a_failure_names_the_months_and_keeps_the_old_index(tmp_path: Path, parted_site: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(parted_site, site)
    before = (site / BUNDLE / MANIFEST).read_text("utf-8")
    (site / BUNDLE / "2020-01.new").write_text("a file where the part's new folder must go")
    with pytest.raises(SearchIndexError, match="2020-01"):
        index_site(site, part_letters=2)
    assert (site / BUNDLE / MANIFEST).read_text("utf-8") == before
    assert (site / BUNDLE / "2020-01" / "docs.json").is_file()


def test_the_index_is_never_written_through_a_link(tmp_path: Path, parted_site: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(parted_site, site)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(site / BUNDLE)
    (site / BUNDLE).symlink_to(outside)
    with pytest.raises(SearchIndexError, match="symbolic link"):
        index_site(site, part_letters=2)
    assert list(outside.iterdir()) == []


def test_a_failed_build_indexes_no_more_parts(unindexed_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from docket_archive.publish import searchindex

    running, release, indexed = threading.Event(), threading.Event(), []

    class SlowWorker:
        def __init__(self, site_dir: Path, background: bool = False) -> None:
            pass

        def index(self, part) -> int:
            indexed.append(part.name)
            running.set()
            release.wait(timeout=30)
            return len(part.pages)

        def close(self) -> None:
            pass

    monkeypatch.setattr(searchindex, "_Worker", SlowWorker)
    pages = written_in_date_order(unindexed_site)
    indexer = IndexAsWritten(unindexed_site, pages, part_letters=2)
    for page in pages:
        indexer.written(page)
    assert running.wait(timeout=30) and indexer.started == 2
    cancelling = threading.Thread(target=indexer.cancel)
    cancelling.start()
    release.set()
    cancelling.join(timeout=30)
    assert not cancelling.is_alive()
    assert indexed == ["2020-01"]  # the part queued behind it never ran


@pytest.fixture(scope="module")
def parted_url(parted_site: Path):
    base, stop = serve(parted_site)
    yield base
    stop()


@pytest.mark.browser
def test_a_search_reads_only_the_parts_its_words_are_in(page, parted_url: str) -> None:
    assert stems(search(page, parted_url, "sale")) == [BETA[0]]
    fetched = {urlsplit(url).path for url in page.requests}
    assert "/search-index/2021-03/docs.json" in fetched
    assert not {"/search-index/2020-01/docs.json", "/search-index/2020-02/docs.json"} & fetched
    assert hosts(page.requests) == {urlsplit(parted_url).netloc}


@pytest.mark.browser
def test_newest_first_runs_across_parts(page, parted_url: str) -> None:
    listing = stems(search(page, parted_url, "case:alpha"))
    assert [stem[:10] for stem in listing] == ["2020-02-03", "2020-02-03", "2020-01-20", "2020-01-06"]
    oldest = stems(search(page, parted_url, "case:alpha", order="oldest"))
    assert oldest == listing[::-1]


def with_a_moved_letter(root: Path) -> Path:
    """The chain archive and a letter whose date was corrected from 2020-02-10 to 2021-03-05 after it got its
    id: its page stays in a February 2020 folder (and so in that part of the index), its date is March 2021."""
    from chain_archive import _letter

    _letter(
        root,
        "beta",
        "2021-03-05-moved-status-letter",
        {
            "title": "Moved status letter",
            "type": "letter",
            "id": "beta/2020-02-10-moved-status-letter",
            "authors": [{"person": "emery-stubbs-4"}],
            "addressee": "judge-testwood",
            "summary": "SYNTHETIC.",
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER, moved.\n\nEmery Stubbs\n",
    )
    return root


@pytest.mark.browser
def test_a_letter_filed_under_another_month_is_listed_once_where_it_is_filed(page, tmp_path: Path) -> None:
    from docket_archive.load.archive import load_archive
    from docket_archive.search.documents import document_of
    from docket_archive.search.query import parse
    from docket_archive.search.reference import read
    from docket_archive.search.reference import search as reference

    letters = with_a_moved_letter(write_chain_archive(tmp_path / "letters-src"))
    base, stop = serve(mkdocs_build(parted_project(tmp_path, letters)))
    try:
        listing = stems(search(page, base, "case:beta"))
        assert listing == [BETA[0], "2020-02-10-moved-status-letter"]  # by the month it is filed under
        archive, _ = load_archive(letters)
        expected = reference(parse("case:beta"), [read(document_of(letter, archive)) for letter in archive.letters])
        assert [i.split("/")[1] for i in expected] == listing
    finally:
        stop()


@pytest.mark.browser
def test_an_archive_without_letters_finds_nothing_without_an_error(page, tmp_path: Path) -> None:
    site = mkdocs_build(copy_repo_site(tmp_path, make_registries(tmp_path / "letters-src")))
    assert manifest(site)["parts"] == [] and manifest(site)["letters"] == 0
    base, stop = serve(site)
    try:
        assert search(page, base, "mediation") == []
        assert page.inner_text("#docket-status") == "No letter matches \u201cmediation\u201d."
    finally:
        stop()


@pytest.mark.browser
def test_best_match_does_not_depend_on_how_the_index_is_cut(page, parted_url: str, chain_url: str) -> None:
    # Three parts or one: each word weighs by how rare it is in the whole archive, not in its part.
    query = "synthetic OR mediation OR financing OR sale OR counter-proposal"
    in_parts = stems(search(page, parted_url, query, order="relevance"))
    whole = stems(search(page, chain_url, query, order="relevance"))
    assert len(whole) == 5 and in_parts == whole
