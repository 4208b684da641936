"""A third-party link checker finds no broken internal link in the built site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import serve


def linkchecker(url: str) -> subprocess.CompletedProcess:
    exe = shutil.which("linkchecker", path=str(Path(sys.executable).parent)) or "linkchecker"
    # Internal links only (the default): the site must not depend on other hosts anyway.
    config = Path(__file__).with_name("linkcheckerrc")
    return subprocess.run(
        [exe, "-f", str(config), "--no-status", "--no-warnings", url], capture_output=True, text=True, timeout=300
    )


def test_no_broken_internal_links_in_the_chain_site(chain_url: str) -> None:
    result = linkchecker(chain_url + "/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors found" in result.stdout


def test_no_broken_internal_links_in_the_repository_site(repo_site: Path) -> None:
    base, stop = serve(repo_site)
    try:
        result = linkchecker(base + "/")
    finally:
        stop()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_link_checker_does_see_a_broken_link(tmp_path: Path, chain_site: Path) -> None:
    # Proves the check above can fail: break one page and expect an error.
    broken = tmp_path / "site"
    shutil.copytree(chain_site, broken)
    home = broken / "index.html"
    home.write_text(home.read_text().replace("</article>", '<a href="letters/nowhere/">x</a></article>', 1))
    base, stop = serve(broken)
    try:
        result = linkchecker(base + "/")
    finally:
        stop()
    assert result.returncode == 1 and "letters/nowhere" in result.stdout
