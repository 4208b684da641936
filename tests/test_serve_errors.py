"""`mkdocs serve` with a broken letter: the browser lists every problem, escaped, and comes back once it is fixed."""

from __future__ import annotations

import html
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from chain_archive import FIRST, SECOND, write_chain_archive
from conftest import copy_repo_site
from docket_archive.cli import main
from test_serve import free_port, start_docket_serve

HOSTILE = "<script>alert(1)</script>"


def fetch(url: str) -> str:
    """The page's text, also for an error status (the problems page answers every URL)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def wait_for(url: str, text: str, also: Callable[[str], bool] = lambda body: True, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            body = fetch(url)
            if text in body and also(body):
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # the server is starting or rebuilding
        time.sleep(0.2)  # polling interval of a condition wait, not a fixed delay
    raise AssertionError(f"{url} never contained {text!r}")


@pytest.mark.parametrize("options", [[], ["--dirty", "--no-strict"]], ids=["serve", "serve-dirty"])
def test_a_broken_letter_shows_its_problems_in_the_browser_until_it_is_fixed(
    tmp_path: Path, options: list[str]
) -> None:
    project = copy_repo_site(tmp_path, write_chain_archive(tmp_path / "letters-src"))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            *options,
            "-f",
            str(project / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        first = f"http://127.0.0.1:{port}/letters/alpha/{FIRST}/"
        second = f"http://127.0.0.1:{port}/letters/alpha/{SECOND}/"
        wait_for(first, "First status letter")
        letter = project / "letters" / "alpha" / f"{SECOND}.md"
        good = letter.read_text()
        letter.write_text(
            good.replace("addressee: Judge Testwood", f"addressee: '{HOSTILE}'").replace("sequence: 2", "sequence: two")
        )
        expected = CliRunner().invoke(main, ["check", str(project / "letters")]).output.splitlines()[:-1]
        assert len(expected) >= 2 and any(HOSTILE in line for line in expected)
        for url in (first, second, f"http://127.0.0.1:{port}/"):  # every page, the broken letter's too
            page = wait_for(url, "The letters archive has")
            for line in expected:
                assert html.escape(line, quote=False) in page.replace("&#34;", '"').replace("&#39;", "'"), line
            assert HOSTILE not in page and "<script>alert" not in page
        letter.write_text(good)
        assert "Second status letter" in wait_for(second, "Second status letter")
        for url in (first, f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/contributing/"):
            # The rebuild writes page after page: each comes back once it is written.
            wait_for(url, "</html>", lambda body: "The letters archive has" not in body)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.browser
def test_a_letters_tab_comes_back_by_itself_once_the_letter_is_fixed(tmp_path: Path, page) -> None:
    """While the archive is broken a letter's URL answers 404 with the problems page, which MkDocs'
    live reload does not reach: the page's own script must bring the letter back after the fix."""
    from playwright.sync_api import expect

    project, port, server = start_docket_serve(tmp_path)
    try:
        url = f"http://127.0.0.1:{port}/letters/alpha/{FIRST}/"
        wait_for(url, "First status letter")
        letter = project / "letters" / "alpha" / f"{SECOND}.md"
        good = letter.read_text()
        letter.write_text(good.replace("sequence: 2", "sequence: [2"))
        wait_for(url, "The letters archive has")
        page.goto(url)  # the tab a contributor left open, now on the problems page
        expect(page.locator("h1")).to_contain_text("The letters archive has 1 error:")
        letter.write_text(good)
        expect(page.locator("h1")).to_contain_text("First status letter", timeout=60_000)
    finally:
        server.terminate()
        server.wait(timeout=30)
