"""Letter pages rendered outside MkDocs' page loop (publish/themepages.py) are the very
pages MkDocs writes: a site built both ways, and with the letters spread over
forked processes, is the same site, file by file (the sitemap too). And the
second runner: ProperDocs, the maintained fork of MkDocs 1.x, builds the same
site with the same plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_DATE, copy_repo_site
from docket_archive import synthetic
from sitecompare import differences

ENV = {**os.environ, "DOCKET_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}

# `mkdocs build` in a process of its own, with the letter pages spread over
# forked processes from the first letter, seven letters a turn (a small
# archive is otherwise written by one process).
SPREAD_BUILD = """
import sys
from mkdocs.__main__ import cli
from docket_archive.publish import themepages
from docket_archive.runtime import parallel
parallel.MINIMUM, themepages.CHUNK = 1, 7
assert parallel.processes() > 1, "no second core to fork to"
cli(sys.argv[1:])
"""


def build(project: Path, config: str, site: Path, *python: str) -> Path:
    command = [*(python or (sys.executable, "-m", "mkdocs")), "build", "--strict", "-q", "-f", config, "-d", str(site)]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("letterpages")
    project = copy_repo_site(tmp, synthetic.generate(tmp / "letters-src", 45, cases=4))
    # Titles that markup, quotes or template code would spoil, in the part of the nav that
    # is each page's own (its trail) while the rest of the nav is rendered once and reused.
    hostile = "Reply & \"motion\" <b>to</b> 'strike' </nav> {{ page }} {% raw %} &amp;"
    case = project / "letters" / "synthetic-case-001"
    quoted = "'" + hostile.replace("'", "''") + "' #"  # in YAML, the rest of the line a comment
    (case / "case.yml").write_text((case / "case.yml").read_text().replace("caption: ", "caption: " + quoted, 1))
    for letter in sorted(case.glob("*.md"))[:2]:
        letter.write_text(letter.read_text().replace("title: ", "title: " + quoted, 1))
    # Titles and descriptions that markup, quotes, template code, case, length or emptiness would
    # spoil, where the whole theme page is kept once and each page's own values put in it
    # (publish/pageskeleton.py): the site must be the same as the one MkDocs' own loop writes.
    odd = [
        ("Joint <i>letter</i> & \"quotes\" 'too'", "A &amp; B <b>bold</b> {{ page.title }} {% if x %}"),
        ("Ünïcödé — letter ✓ 書簡", "Résumé: señor’s “curly” quotes — ✓ 書簡 &nbsp;entity"),
        ("  spaced   title  ", "Plain."),
        ("UPPER lower Title", "long " * 380 + "<end>"),
        ("{{ config }} {% raw %}", "   "),  # an empty description
    ]
    for letter, (title, summary) in zip(sorted(case.glob("*.md"))[2:], odd, strict=False):
        text = letter.read_text()
        for field, value in (("title", title), ("summary", summary)):
            text = re.sub(
                f"^{field}: .*$", f"{field}: " + _quoted(value).replace("\\", "\\\\"), text, count=1, flags=re.M
            )
        letter.write_text(text)
    settings = (project / "mkdocs.yml").read_text()
    # A site_url puts every page in the sitemap and a canonical link in each page.
    settings += "\nsite_url: https://archive.example/docket/\n"
    (project / "mkdocs.yml").write_text(settings)
    (project / "engine.yml").write_text(settings.replace("branch: main", "branch: main\n      letter_pages: engine"))
    return project


def _quoted(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def by_engine(project: Path) -> Path:
    return build(project, "engine.yml", project.parent / "by-engine")


def test_letter_pages_written_directly_are_the_pages_mkdocs_writes(project: Path, by_engine: Path) -> None:
    direct = build(project, "mkdocs.yml", project.parent / "direct")
    assert differences(direct, by_engine) == []
    sitemap = (direct / "sitemap.xml").read_text()
    assert sitemap.count("<loc>https://archive.example/docket/letters/") == 45  # listed, as MkDocs lists them
    first = min((direct / "letters" / "synthetic-case-001").glob("*/index.html"))
    assert (
        'docket-trail__link--current" aria-current="page">Reply &amp; &#34;motion&#34; &lt;b&gt;' in first.read_text()
    )


@pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2, reason="forks only on Linux")
def test_letter_pages_written_by_forked_processes_are_the_same(project: Path, by_engine: Path) -> None:
    spread = build(project, "mkdocs.yml", project.parent / "spread", sys.executable, "-c", SPREAD_BUILD)
    assert differences(spread, by_engine) == []


def test_properdocs_builds_the_same_site(project: Path, by_engine: Path) -> None:
    """ProperDocs (installed beside MkDocs, a package of its own) runs the docket plugin
    and Material as MkDocs does: the same site but for the generator it names in <head>."""
    site = build(project, "mkdocs.yml", project.parent / "properdocs", sys.executable, "-m", "properdocs")
    page = (site / "letters" / "synthetic-case-001").glob("*/index.html")
    assert 'content="mkdocs-ProperDocs' in next(page).read_text()  # built by ProperDocs indeed
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    assert differences(site, by_engine, same=lambda data: generator.sub(b"", data)) == []
