"""`mkdocs serve --dirty`: after edits, an added and a removed letter, the served site is a clean build's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
from pathlib import Path

from chain_archive import FINANCING, FIRST, SECOND, write_chain_archive
from conftest import BUILD_DATE, GOOD_LETTER, copy_repo_site
from docket_archive import synthetic
from docket_archive.site.pages.cases import DOCKET_INLINE
from test_serve import free_port
from test_serve_errors import fetch, wait_for

_RELOAD_SCRIPT = re.compile(r"<script>\s*var livereload = .*?</script>", re.DOTALL)
# The preview goes without the Content-Security-Policy (it would block the reload script).
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def served(base: str, relative: str) -> str:
    """A page as the development server sends it, less the reload script it adds."""
    return _RELOAD_SCRIPT.sub("", fetch(f"{base}/{relative}"))


def clean_build(project: Path, site_url: str, site: Path) -> Path:
    """A fresh `mkdocs build` with the site_url that `mkdocs serve` gives its pages (canonical links, permalinks)."""
    config = project / "mkdocs-clean.yml"
    config.write_text((project / "mkdocs.yml").read_text() + f"\nsite_url: {site_url}\n")
    env = {**os.environ, "DOCKET_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def start_serve(project: Path, port: int) -> subprocess.Popen:
    """`docket serve`: mkdocs serve --dirty --no-strict, which re-renders only what changed."""
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("docket")),
            "serve",
            "-f",
            str(project / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOCKET_BUILD_DATE": BUILD_DATE},
    )


def assert_served_as_built(base: str, project: Path, clean: Path) -> int:
    """Every page of a clean build, as the server sends it; returns how many were compared."""
    clean_build(project, f"{base}/", clean)
    compared = 0
    for page in sorted(clean.rglob("*.html")):
        relative = page.relative_to(clean).as_posix()
        assert served(base, relative) == _POLICY.sub("", page.read_text()), relative
        compared += 1
    return compared


def test_the_served_site_equals_a_clean_build_as_a_docket_entry_gets_and_loses_its_page(tmp_path: Path) -> None:
    """Saves that take a docket entry past DOCKET_INLINE citing letters (its page appears), add a
    citation to it and take one away (its page and the case page's row change), and take it back
    under (its page goes, the row lists the letters again): the served site is a clean build's."""
    project = copy_repo_site(tmp_path, synthetic.generate(tmp_path / "letters-src", 40, cases=1))
    case = "synthetic-case-001"
    letters = sorted((project / "letters" / case).glob("2*.md"))
    plain, citing = "Respectfully submitted", "As ECF No. 9001 says. Respectfully submitted"

    def save(letter: Path, old: str, new: str) -> None:
        text = letter.read_text()
        assert old in text, letter
        letter.write_text(text.replace(old, new))

    for letter in letters[0 : 2 * DOCKET_INLINE : 2]:  # cited by DOCKET_INLINE letters: no page yet
        save(letter, plain, citing)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    entry_url, case_url = f"{base}/cases/{case}/docket/9001/", f"{base}/cases/{case}/"
    server = start_serve(project, port)
    try:
        wait_for(case_url, 'id="docket-9001"', lambda body: "docket/9001/" not in body)
        save(letters[11], plain, citing)  # one more: the entry gets its page
        wait_for(entry_url, "ECF No. 9001</h1>", lambda body: f"{letters[11].stem}/" in body)
        save(letters[13], plain, citing)  # a citation added to it
        wait_for(entry_url, f"{letters[13].stem}/")
        save(letters[0], citing, plain)  # and one taken away
        wait_for(entry_url, "</html>", lambda body: f"{letters[0].stem}/" not in body)
        assert assert_served_as_built(base, project, tmp_path / "clean-with-page") >= 30
        save(letters[2], citing, plain)  # DOCKET_INLINE again: the page goes, the row lists them
        wait_for(case_url, 'id="docket-9001"', lambda body: "docket/9001/" not in body)
        assert "ECF No. 9001</h1>" not in fetch(entry_url)
        assert assert_served_as_built(base, project, tmp_path / "clean-without-page") >= 30
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_served_site_equals_a_clean_build_after_edits_adds_and_removes(tmp_path: Path) -> None:
    project = copy_repo_site(tmp_path, write_chain_archive(tmp_path / "letters-src"))
    letters = project / "letters" / "alpha"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_serve(project, port)
    try:
        wait_for(f"{base}/letters/alpha/{FIRST}/", "First status letter")
        second = letters / f"{SECOND}.md"
        second.write_text(second.read_text().replace("title: Second status letter", "title: Second, renamed"))
        wait_for(f"{base}/letters/alpha/{SECOND}/", "Second, renamed")
        (letters / "2020-03-02-status-letter.md").write_text(
            GOOD_LETTER.replace("2020-02-03", "2020-03-02").replace("sequence: 1", "sequence: 4")
        )
        wait_for(f"{base}/letters/alpha/2020-03-02-status-letter/", "First status letter")
        (letters / f"{FINANCING}.md").unlink()
        wait_for(f"{base}/archive/2020/", f'{SECOND}/"', seconds=60)
        wait_for(f"{base}/archive/2020/", "</html>", lambda body: FINANCING not in body)
        first = letters / f"{FIRST}.md"
        first.write_text(first.read_text().replace("mediation begins.", "mediation begins in earnest."))
        wait_for(f"{base}/letters/alpha/{FIRST}/", "in earnest")
        try:
            removed = fetch(f"{base}/letters/alpha/{FINANCING}/")
        except urllib.error.URLError:
            removed = ""
        assert "Letter on financing" not in removed
        # A hand-written page saved with an old time stamp (copied with `cp -p`, unpacked): it
        # is not newer than its page, but it changed, and the preview shows it.
        guide = project / "docs" / "contributing.md"
        stamp = guide.stat().st_mtime_ns - 3_600_000_000_000
        guide.write_text(guide.read_text().replace("Every letter is one file", "Every letter, old stamp, is one file"))
        os.utime(guide, ns=(stamp, stamp))
        wait_for(f"{base}/contributing/", "Every letter, old stamp, is one file")

        assert assert_served_as_built(base, project, tmp_path / "clean") >= 30
    finally:
        server.terminate()
        server.wait(timeout=30)
