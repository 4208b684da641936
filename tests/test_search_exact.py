"""Search is exact: over a synthetic archive of 2,000 letters in several parts, the browser's
answer to each of 124 generated queries of every operator is compared, letter by letter and
in order (newest first), with the reference implementation's (search/reference.py).

The site is built once for the module with the real `mkdocs build`; the queries run in real
Chromium, on the real search page under its Content-Security-Policy, through the page's own
modules (query.js parses, engine.js answers from the index)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import copy_repo_site, mkdocs_build, serve
from docket_archive import synthetic
from docket_archive.load.archive import load_archive
from docket_archive.search.documents import document_of
from docket_archive.search.query import parse
from docket_archive.search.reference import read, search
from search_queries import OPERATORS, Generator

pytestmark = pytest.mark.browser
LETTERS = 2000
PART_LETTERS = 300  # several parts: answers are merged across them

# Runs inside the search page: the page's own modules answer every query, all parts read.
RUN_QUERIES = """
async (queries) => {
  const root = new URL("../", window.location.href);
  const { parse } = await import(new URL("javascripts/search/query.js", root));
  const { openIndex } = await import(new URL("javascripts/search/engine.js", root));
  const index = await openIndex(new URL("search-index/", root));
  const answers = {};
  for (const query of queries) {
    const tree = await index.resolve(parse(query));
    const ids = [];
    for await (const batch of index.search(tree, "newest")) ids.push(...batch.ids);
    answers[query] = ids;
  }
  return answers;
}
"""


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory) -> Path:
    return synthetic.generate(tmp_path_factory.mktemp("exact") / "letters", LETTERS, cases=8)


@pytest.fixture(scope="module")
def exact_url(tmp_path_factory, archive_dir: Path):
    project = copy_repo_site(tmp_path_factory.mktemp("exact-site"), archive_dir)
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text("utf-8"))
    next(p for p in settings["plugins"] if isinstance(p, dict) and "docket" in p)["docket"]["search_part_letters"] = (
        PART_LETTERS
    )
    config.write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    base, stop = serve(mkdocs_build(project))
    yield base
    stop()


@pytest.fixture(scope="module")
def reference_letters(archive_dir: Path):
    archive, problems = load_archive(archive_dir)
    assert not problems.errors
    return [read(document_of(letter, archive)) for letter in archive.letters]


@pytest.fixture(scope="module")
def queries(reference_letters) -> list[tuple[str, tuple[str, ...]]]:
    return Generator(reference_letters).queries()


def test_the_generated_queries_cover_every_operator(queries, reference_letters) -> None:
    assert len(queries) >= 100
    assert {operator for _, operators in queries for operator in operators} == set(OPERATORS)
    assert len(reference_letters) >= 2000
    # Neither all empty nor all everything: the comparison has something to compare.
    sizes = [len(search(parse(query), reference_letters)) for query, _ in queries]
    assert sum(1 for size in sizes if size) >= len(queries) // 2
    assert sum(1 for size in sizes if 0 < size < len(reference_letters)) >= len(queries) // 3


def test_the_browser_finds_exactly_what_the_reference_finds(page, exact_url, queries, reference_letters) -> None:
    page.set_default_timeout(120_000)
    page.goto(exact_url + "/search/")
    expect(page.locator("#docket-search")).to_have_attribute("data-ready", "true", timeout=60_000)
    texts = [query for query, _ in queries]
    answers = page.evaluate(RUN_QUERIES, texts)
    differences = []
    for query in texts:
        expected = search(parse(query), reference_letters)
        got = answers[query]
        if got != expected:
            missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
            differences.append(
                f"{query!r}: {len(got)} found, {len(expected)} expected; missing {missing[:3]}, extra {extra[:3]}"
            )
    assert differences == [], f"{len(differences)} of {len(texts)} queries differ:\n" + "\n".join(differences)


def test_the_page_counts_what_the_reference_counts(page, exact_url, reference_letters) -> None:
    query = "counter w/3 proposal NOT settlement"
    expected = search(parse(query), reference_letters)
    page.set_default_timeout(60_000)
    page.goto(exact_url + "/search/?q=" + query.replace(" ", "+"))
    expect(page.locator("#docket-status")).to_contain_text(re.compile(rf"^{len(expected)} letters match \u201c"))
    shown = page.locator(".docket-result").evaluate_all("items => items.map(i => i.dataset.letter)")
    assert shown == expected[:20]
