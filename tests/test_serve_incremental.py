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


def test_the_served_site_equals_a_clean_build_after_edits_adds_and_removes(tmp_path: Path) -> None:
    project = copy_repo_site(tmp_path, write_chain_archive(tmp_path / "letters-src"))
    letters = project / "letters" / "alpha"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        # `docket serve`: mkdocs serve --dirty --no-strict, which re-renders only what changed.
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

        clean = clean_build(project, f"{base}/", tmp_path / "clean")
        compared = 0
        for page in sorted(clean.rglob("*.html")):
            relative = page.relative_to(clean).as_posix()
            assert served(base, relative) == _POLICY.sub("", page.read_text()), relative
            compared += 1
        assert compared >= 30
    finally:
        server.terminate()
        server.wait(timeout=30)
