"""Following the contributor guide: add a letter with `docket new`, see it on the site.

Uses the real commands in a copy of the repository, as a contributor would.
The added letter is synthetic and lives only in the temporary copy.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import REPO, copy_repo_site, mkdocs_build, serve
from htmltools import links, page, resolve, section

pytestmark = pytest.mark.browser


def docket(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("docket", path=str(Path(sys.executable).parent)) or "docket"
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL)


def guide_command() -> list[str]:
    """The `docket new --case ...` example of docs/contributing.md, as written there."""
    text = (REPO / "docs" / "contributing.md").read_text()
    block = re.search(r"```sh\n(docket new --case .*?)```", text, re.S).group(1)
    import shlex

    return shlex.split(block.replace("\\\n", " "))[2:]  # drop "docket new"


def test_a_new_user_adds_a_letter_and_finds_it(tmp_path: Path, browser) -> None:
    project = copy_repo_site(tmp_path)
    created = docket("new", *guide_command(), cwd=project)
    assert created.returncode == 0, created.stderr
    path = project / created.stdout.strip()
    assert path == project / "letters/lexington-precision/2009-07-06-joint-status-letter.md"

    # "paste the letter's text below the second --- in place of the comment"
    text = path.read_text()
    pasted = "SYNTHETIC TEST LETTER written by the test suite. The parties discussed a zeppelin-shaped settlement."
    path.write_text(re.sub(r"<!-- Paste.*?-->", pasted, text))
    checked = docket("check", cwd=project)
    assert checked.returncode == 0, checked.stderr

    site = mkdocs_build(project)
    letter_path = "letters/lexington-precision/2009-07-06-joint-status-letter"
    assert "zeppelin-shaped" in page(site, letter_path)
    timeline = section(page(site, "cases/lexington-precision"), "timeline")
    assert letter_path in [resolve("cases/lexington-precision/", href) for href, _ in links(timeline)]
    # The new letter follows the June 22 one in the case.
    previous = section(page(site, letter_path), "in-this-case")
    assert "letters/lexington-precision/2009-06-22-joint-status-letter" in [
        resolve(letter_path + "/", h) for h, _ in links(previous)
    ]

    base, stop = serve(site)
    try:
        context = browser.new_context()
        context.set_default_timeout(5000)
        tab = context.new_page()
        tab.goto(base + "/search/?q=zeppelin")
        expect(tab.locator("#docket-status")).to_contain_text("1 letter matches")
        assert tab.locator(".docket-result__title").first.get_attribute("href").startswith("/" + letter_path + "/")
        context.close()
    finally:
        stop()
