"""The search index in parts (bounded Pagefind memory): the plan, the indexer and the browser's merge.

The browser tests build the chain archive with `search_part_letters: 2`, so
its five letters fall into three parts (2020-01, 2020-02, 2021-03), and check
that search answers exactly as one index would."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import expect

from chain_archive import BETA, FIRST, write_chain_archive
from conftest import copy_repo_site, mkdocs_build, serve
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
from test_search import search

BETA_FOLDER = BETA[0]


def months(counts: dict[str, int]) -> dict[str, list[str]]:
    return {month: [f"letters/c/{month}-01-{i}/index.html" for i in range(n)] for month, n in counts.items()}


def test_a_small_archive_is_one_part() -> None:
    parts = plan_parts(months({"2020-01": 3, "2020-02": 4}), part_letters=3000)
    assert [part.months for part in parts] == [("2020-01", "2020-02")]
    assert parts[0].glob == "letters/*/{2020-01,2020-02}-*/index.html"


def test_parts_are_even_and_within_the_cap() -> None:
    parts = plan_parts(months({f"2020-{m:02}": 100 for m in range(1, 13)}), part_letters=500)
    assert [len(part.pages) for part in parts] == [400, 400, 400]
    assert parts[1].name == "2020-05" and parts[1].glob.startswith("letters/*/{2020-05,")


def test_a_month_larger_than_the_cap_is_a_part_of_its_own() -> None:
    parts = plan_parts(months({"2020-01": 1, "2020-02": 9, "2020-03": 1}), part_letters=4)
    assert [part.months for part in parts] == [("2020-01",), ("2020-02",), ("2020-03",)]
    assert parts[0].glob == "letters/*/2020-01-*/index.html"


def test_no_letters_no_parts() -> None:
    assert plan_parts({}, part_letters=10) == []
    with pytest.raises(ValueError):
        plan_parts(months({"2020-01": 1}), part_letters=0)


@given(st.dictionaries(st.integers(0, 400), st.integers(1, 30), max_size=60), st.integers(1, 60))
def test_every_letter_is_in_exactly_one_part_in_time_order(counts: dict[int, int], cap: int) -> None:
    by_month = months({f"{2000 + k // 12}-{k % 12 + 1:02}": n for k, n in counts.items()})
    parts = plan_parts(by_month, part_letters=cap)
    pages = [page for part in parts for page in part.pages]
    assert sorted(pages) == sorted(page for month in by_month.values() for page in month)
    flat = [month for part in parts for month in part.months]
    assert flat == sorted(by_month)  # consecutive months, oldest first
    assert all(len(part.pages) <= cap or len(part.months) == 1 for part in parts)
    # Not many more parts than the fewest possible: the browser searches each one.
    if all(count <= cap for count in counts.values()):
        assert len(parts) <= 2 * -(-sum(counts.values()) // cap)


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("parts")
    project = copy_repo_site(tmp, write_chain_archive(tmp / "letters-src"))
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text("utf-8"))
    next(p for p in settings["plugins"] if isinstance(p, dict) and "docket" in p)["docket"]["search_part_letters"] = 2
    config.write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    return mkdocs_build(project)


def test_the_manifest_lists_the_parts_oldest_first(parted_site: Path) -> None:
    manifest = json.loads((parted_site / BUNDLE / MANIFEST).read_text("utf-8"))
    assert [(p["path"], p["letters"]) for p in manifest["parts"]] == [("2020-01/", 2), ("2020-02/", 2), ("2021-03/", 1)]
    assert [p["months"] for p in manifest["parts"]] == [["2020-01"], ["2020-02"], ["2021-03"]]
    for part in manifest["parts"]:
        assert (parted_site / BUNDLE / part["path"] / "pagefind-entry.json").is_file()
    assert (parted_site / BUNDLE / "pagefind.js").is_file()  # one address for the module


def test_reindexing_keeps_unchanged_parts_and_removes_stale_ones(tmp_path: Path, parted_site: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(parted_site, site)
    entry = site / BUNDLE / "2021-03" / "pagefind-entry.json"
    first_index = entry.stat().st_mtime_ns
    page = site / "letters" / "alpha" / FIRST / "index.html"
    os.utime(page)  # the page is newer than its part's index
    summary = index_site(site, part_letters=2, keep_unchanged=True)
    assert "in 1 part(s)" in summary and "2 part(s) unchanged" in summary
    assert entry.stat().st_mtime_ns == first_index
    # A new plan: one part for everything; the three old parts go, nothing else does.
    (site / BUNDLE / "notes").mkdir()
    index_site(site, part_letters=100)
    assert sorted(p.name for p in (site / BUNDLE).iterdir() if p.is_dir()) == ["2020-01", "notes"]
    assert sorted(letter_pages(site)) == ["2020-01", "2020-02", "2021-03"]


def test_a_pagefind_failure_names_the_part_and_keeps_the_old_index(tmp_path: Path, parted_site: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(parted_site, site)
    before = (site / BUNDLE / MANIFEST).read_text("utf-8")
    (site / BUNDLE / "2020-01.new").write_text("a file where Pagefind must write its folder")
    with pytest.raises(SearchIndexError, match=re.escape("letters/*/2020-01-*/index.html")):
        index_site(site, part_letters=2)
    assert (site / BUNDLE / MANIFEST).read_text("utf-8") == before
    assert (site / BUNDLE / "2020-01" / "pagefind-entry.json").is_file()


def test_parts_are_balanced_rather_than_leave_a_small_last_one() -> None:
    # A thousand letters cannot be cut into two parts of at most 500 at a month's end:
    # three even parts, not 490 + 490 + 20.
    counts = {f"{2000 + k // 12}-{k % 12 + 1:02}": 49 for k in range(20)} | {"2001-09": 20}
    parts = plan_parts(months(counts), part_letters=500)
    assert [len(part.pages) for part in parts] == [343, 343, 314]


def written_in_date_order(site: Path) -> list[str]:
    """The site's letter pages in the order a build writes them (by date, then id)."""
    return sorted((page for pages in letter_pages(site).values() for page in pages), key=lambda p: (p.split("/")[2], p))


def manifest_without_digests(site: Path) -> list[dict]:
    return [{**part, "digest": None} for part in json.loads((site / BUNDLE / MANIFEST).read_text("utf-8"))["parts"]]


@pytest.fixture
def unindexed_site(tmp_path: Path, parted_site: Path) -> Path:
    import shutil

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
    # Part 2020-01 starts when the first page after it is handed over (by then on disk), and so on;
    # the last part is left to finish().
    assert started == [0, 0, 1, 1, 2]
    summary = indexer.finish()
    assert "in 3 part(s)" in summary and "2 of them while the pages were being written" in summary
    assert manifest_without_digests(unindexed_site) == manifest_without_digests(parted_site)
    assert json.loads((unindexed_site / BUNDLE / MANIFEST).read_text("utf-8")) == json.loads(
        (parted_site / BUNDLE / MANIFEST).read_text("utf-8")
    )
    for part in ("2020-01", "2020-02", "2021-03"):
        assert (unindexed_site / BUNDLE / part / "pagefind-entry.json").is_file()


def test_a_site_unlike_the_plan_is_indexed_as_it_is(unindexed_site: Path, parted_site: Path) -> None:
    pages = written_in_date_order(unindexed_site)
    # One page never handed over (say, a dirty build kept it): the whole site is indexed after the build.
    indexer = IndexAsWritten(unindexed_site, pages, part_letters=2)
    for page in pages[1:]:
        indexer.written(page)
    assert "while the pages were being written" not in indexer.finish()
    assert manifest_without_digests(unindexed_site) == manifest_without_digests(parted_site)
    # A letter page the build did not write (stale in the site folder) is indexed as well.
    stale = unindexed_site / "letters" / "alpha" / "2020-03-02-stale" / "index.html"
    stale.parent.mkdir()
    stale.write_text((unindexed_site / pages[0]).read_text("utf-8"), "utf-8")
    indexer = IndexAsWritten(unindexed_site, pages, part_letters=2)
    for page in pages:
        indexer.written(page)
    summary = indexer.finish()
    assert "Indexed 6 pages" in summary
    assert sum(part["letters"] for part in manifest_without_digests(unindexed_site)) == 6


def test_a_failed_build_runs_no_more_parts(unindexed_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from docket_archive.publish import searchindex as search_module

    running, release, indexed = threading.Event(), threading.Event(), []

    def slow_index(site: Path, part, background: bool) -> int:
        indexed.append(part.name)
        running.set()
        release.wait(timeout=30)
        return len(part.pages)

    monkeypatch.setattr(search_module, "_index_part", slow_index)
    pages = written_in_date_order(unindexed_site)
    indexer = IndexAsWritten(unindexed_site, pages, part_letters=2)
    for page in pages:
        indexer.written(page)
    # The first part is being indexed, the second queued behind it (the third waits for its page to be written).
    assert running.wait(timeout=30) and indexer.started == 2
    cancelling = threading.Thread(target=indexer.cancel)
    cancelling.start()  # waits for the part being indexed...
    release.set()
    cancelling.join(timeout=30)
    assert not cancelling.is_alive()
    assert indexed == ["2020-01"]  # ...and the one queued behind it never runs


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


@pytest.fixture(scope="module")
def moved_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("moved")
    project = copy_repo_site(tmp, with_a_moved_letter(write_chain_archive(tmp / "letters-src")))
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text("utf-8"))
    next(p for p in settings["plugins"] if isinstance(p, dict) and "docket" in p)["docket"]["search_part_letters"] = 2
    config.write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    base, stop = serve(mkdocs_build(project))
    yield base
    stop()


@pytest.mark.browser
def test_a_letter_filed_under_another_month_is_listed_once_in_date_order(page, moved_url: str) -> None:
    listing = search(page, moved_url, "", case="In re Beta (Synthetic)")
    # Newest first is by date within each part of the index, part after part: the moved letter (dated
    # 2021-03-05) is listed once, with its part (February 2020), rather than lost or listed twice.
    assert [href.split("/")[3] for href in listing] == [BETA_FOLDER, "2020-02-10-moved-status-letter"]
    page.goto(f"{moved_url}/")  # a new visit: no filter chosen
    assert len(search(page, moved_url, "synthetic", sort="newest")) == 6


@pytest.fixture(scope="module")
def parted_url(parted_site: Path):
    base, stop = serve(parted_site)
    yield base
    stop()


@pytest.mark.browser
def test_a_query_finds_each_letter_once_across_parts(page, parted_url: str) -> None:
    results = search(page, parted_url, "synthetic")
    assert len(results) == 5 and len(set(results)) == 5
    assert hosts(page.requests) == {urlsplit(parted_url).netloc}
    # Every part was asked: each one's index was fetched.
    fetched = [urlsplit(request).path for request in page.requests]
    assert {f"/pagefind/{part}/pagefind-entry.json" for part in ("2020-01", "2020-02", "2021-03")} <= set(fetched)
    # ...by one copy of Pagefind: its module and WebAssembly are fetched once, not once a part.
    assert [path for path in fetched if path.endswith("pagefind.js")] == ["/pagefind/pagefind.js"]
    assert [path for path in fetched if "wasm." in path] == ["/pagefind/2020-01/wasm.en.pagefind"]


@pytest.mark.browser
def test_date_order_runs_across_parts(page, parted_url: str) -> None:
    page.goto(f"{parted_url}/")
    listing = search(page, parted_url, "", case="In re Alpha (Synthetic)")
    assert [href.split("/")[3][:10] for href in listing] == ["2020-02-03", "2020-02-03", "2020-01-20", "2020-01-06"]
    page.select_option("select[name=sort]", "oldest")
    titles = page.locator(".docket-result__title")
    # The list is refilled one result at a time: wait for the last one of the new order.
    expect(titles.nth(0)).to_have_attribute("href", re.compile("/2020-01-06-"))
    expect(titles.nth(3)).to_have_attribute("href", re.compile("/2020-02-03-"))
    oldest = [a.get_attribute("href").split("/")[3][:10] for a in titles.all()]
    assert oldest == ["2020-01-06", "2020-01-20", "2020-02-03", "2020-02-03"]


@pytest.mark.browser
def test_filter_counts_add_up_across_parts(page, parted_url: str) -> None:
    page.goto(f"{parted_url}/")  # a new visit: no filter chosen
    search(page, parted_url, "synthetic")
    expect(page.locator("select[name=year] option[value='2020']")).to_have_text("2020 (4)")
    expect(page.locator("select[name=year] option[value='2021']")).to_have_text("2021 (1)")


@pytest.mark.browser
def test_a_result_opens_highlighted_by_the_shared_module(page, parted_url: str) -> None:
    search(page, parted_url, "mediation")
    page.locator(".docket-result__title", has_text="First status letter").click()
    page.wait_for_url(f"{parted_url}/letters/alpha/{FIRST}/?highlight=mediation")
    page.wait_for_selector("mark.pagefind-highlight")
    assert hosts(page.requests) == {urlsplit(parted_url).netloc}


@pytest.mark.browser
def test_an_archive_without_letters_finds_nothing_without_an_error(page, tmp_path: Path) -> None:
    from conftest import make_registries

    project = copy_repo_site(tmp_path, make_registries(tmp_path / "letters-src"))
    site = mkdocs_build(project)
    assert json.loads((site / BUNDLE / MANIFEST).read_text("utf-8")) == {"parts": []}
    base, stop = serve(site)
    try:
        assert search(page, base, "mediation") == []
        expect(page.locator("#docket-status")).to_contain_text("No letter matches")
    finally:
        stop()
