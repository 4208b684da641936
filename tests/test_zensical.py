"""The second engine: `docket build`, `docket zensical-config`, `zensical build`, `docket search-index`.

Material for MkDocs reaches end of life on May 5, 2027; this is the tested way
to build the same archive with its successor, Zensical, which runs no MkDocs
plugins: the same pages, no broken link, the archive's own search (the same
answers as under MkDocs) and no whole-corpus search index.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from chain_archive import FIRST, write_chain_archive
from conftest import BUILD_DATE, copy_repo_site, serve
from docket_archive.cli import main
from docket_archive.publish.zensical import links_from_source
from test_links import linkchecker

ZENSICAL = Path(sys.executable).with_name("zensical")


def docket(project: Path, *args: str) -> str:
    os.chdir(project)  # the commands take paths relative to the project, as a user types them
    result = CliRunner(env={"DOCKET_BUILD_DATE": BUILD_DATE}).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ZENSICAL.exists():
        pytest.fail("zensical is not installed: pip install -e '.[test]'")
    tmp = tmp_path_factory.mktemp("zensical")
    project = copy_repo_site(tmp, write_chain_archive(tmp / "letters-src"))
    here = Path.cwd()
    try:
        docket(project, "build", "--for", "zensical", "--out", "build/docs")
        docket(project, "zensical-config", "--docs", "build/docs", "--site", "build/site", "--out", "build/mkdocs.yml")
        built = subprocess.run(
            [str(ZENSICAL), "build", "-f", "build/mkdocs.yml"], cwd=project, capture_output=True, text=True, timeout=120
        )
        assert built.returncode == 0, built.stdout + built.stderr
        assert "Indexed 5 pages" in docket(project, "search-index", "build/site")
    finally:
        os.chdir(here)
    return project / "build" / "site"


def pages(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "search-index"
    }


def test_zensical_builds_the_same_pages_as_mkdocs(zensical_site: Path, chain_site: Path) -> None:
    assert pages(zensical_site) == pages(chain_site)
    letter = (zensical_site / "letters" / "alpha" / FIRST / "index.html").read_text()
    assert "First status letter" in letter and 'http-equiv="Content-Security-Policy"' in letter


def test_no_whole_corpus_search_index_and_ours_is_there(zensical_site: Path, chain_site: Path) -> None:
    stub = zensical_site / "search.json"  # Zensical writes an empty one when its search is off
    assert not stub.exists() or json.loads(stub.read_text())["items"] == []
    ours = json.loads((zensical_site / "search-index" / "manifest.json").read_text())
    assert ours == json.loads((chain_site / "search-index" / "manifest.json").read_text())  # the same letters read


def test_the_search_pages_script_points_into_the_site(zensical_site: Path) -> None:
    search = (zensical_site / "search" / "index.html").read_text()
    assert '<script type="module" src="../javascripts/search/page.js"></script>' in search


def test_no_broken_internal_links_in_the_zensical_site(zensical_site: Path) -> None:
    base, stop = serve(zensical_site)
    try:
        result = linkchecker(base + "/")
    finally:
        stop()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_search_works_on_the_zensical_site(page, zensical_site: Path) -> None:
    from test_search import search, stems

    base, stop = serve(zensical_site)
    try:
        assert stems(search(page, base, "financing w/4 synthetic")) == ["2020-02-03-letter-on-financing"]
    finally:
        stop()


def article_links(site: Path, relative: str) -> list[str]:
    """Where each link of the page's article leads, as a path from the site's root (".././" is "../")."""
    text = (site / relative).read_text()
    start = text.find("<article")
    here = "/" + posixpath.dirname(relative) + "/"
    return [
        link
        if link.startswith(("#", "http"))
        else posixpath.normpath(posixpath.join(here, link)) + ("/" if link.endswith("/") else "")
        for link in re.findall(r'href="([^"]*)"', text[start : text.find("</article>", start)])
    ]


def test_every_page_links_where_the_mkdocs_page_links(zensical_site: Path, chain_site: Path) -> None:
    compared = 0
    for relative in sorted(pages(chain_site) - {"404.html"}):
        mkdocs_links = article_links(chain_site, relative)
        assert article_links(zensical_site, relative) == mkdocs_links, relative
        compared += bool(mkdocs_links)
    assert compared >= 20


def test_links_are_rebased_to_the_file_only_where_file_and_url_differ() -> None:
    text = '<a href="../b/">b</a> <a href="2020/#x">y</a> <a href="#top">t</a> <a href="https://e.org/">e</a>'
    assert links_from_source("people/a.md", text) == (
        '<a href="b/">b</a> <a href="a/2020/#x">y</a> <a href="#top">t</a> <a href="https://e.org/">e</a>'
    )
    assert links_from_source("people/index.md", text) == text
    kept = '<noscript><a href="../b/">b</a></noscript>'  # Zensical does not rewrite inside noscript
    assert links_from_source("people/a.md", kept) == kept


def test_every_inline_script_of_the_zensical_site_is_trusted(zensical_site: Path) -> None:
    # `docket search-index` lists only the templates' scripts: Zensical's own must all be among them.
    from docket_archive.publish import csp
    from test_csp import policy_hashes

    for page in sorted(zensical_site.rglob("*.html")):
        text = page.read_text("utf-8")
        scripts = {csp.script_hash(script) for script in csp.inline_scripts(text)}
        assert scripts <= policy_hashes(text), page
