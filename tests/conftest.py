"""Shared fixtures: small fictional archives written to temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docket_archive import synthetic

REPO = Path(__file__).resolve().parent.parent
SHARED_SEED = REPO.parent / "shared" / "seed" / "000_e5f5560aff12ff19.txt"
ARCHIVED_ORIGINAL = REPO / "letters" / "lexington-precision" / "originals" / "2009-06-22-joint-status-letter.txt"
# The seed as handed to us, or (where ../shared is absent, as on GitHub) the
# archived original: the same bytes, which test_seed_letter pins by sha256.
SEED = SHARED_SEED if SHARED_SEED.is_file() else ARCHIVED_ORIGINAL

# A valid letter of the synthetic case "alpha"; tests break one thing at a time.
GOOD_LETTER = """\
---
title: First status letter
date: 2020-02-03
case: alpha
type: joint status letter
sequence: 1
authors:
  - person: casey-fixture-2
    on_behalf_of: [the parties]
addressee: judge-testwood
cc:
  - person: Devon Mockridge
    via: e-mail
delivery: ECF
summary: SYNTHETIC TEST LETTER.
tags: [mediation]
next_report_due: 2020-02-17
---

Dear Judge Testwood:

SYNTHETIC TEST LETTER, not a real court filing. The parties report on mediation.

Respectfully submitted,

Casey Fixture
"""


def make_registries(root: Path, cases: tuple[str, ...] = ("alpha", "beta")) -> Path:
    persons = synthetic.people()
    synthetic.write_registries(root, list(cases), persons)
    return root


@pytest.fixture
def letters_dir(tmp_path: Path) -> Path:
    """An archive with registries for cases alpha and beta and no letters."""
    return make_registries(tmp_path / "letters")


@pytest.fixture(scope="session")
def repo_letters() -> Path:
    return REPO / "letters"


def copy_repo_site(tmp_path: Path, letters: Path | None = None) -> Path:
    """A copy of the repository's site sources (mkdocs.yml, docs/, overrides/) around `letters`."""
    site = tmp_path / "project"
    site.mkdir()
    shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(REPO / "docs", site / "docs")
    shutil.copytree(REPO / "overrides", site / "overrides")
    # symlinks=True: a link in the archive stays a link, as a git checkout keeps it.
    shutil.copytree(letters or REPO / "letters", site / "letters", symlinks=True)
    return site


BUILD_DATE = "2021-03-10"


def mkdocs_build(project: Path, site: Path | None = None) -> Path:
    """Build a project with the real MkDocs command line, as a user would."""
    import os
    import subprocess
    import sys

    site = site or project / "site"
    env = {**os.environ, "DOCKET_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def chain_site(tmp_path_factory) -> Path:
    """The chain archive built into a real site once per test session."""
    from chain_archive import write_chain_archive

    tmp = tmp_path_factory.mktemp("chain")
    letters = write_chain_archive(tmp / "letters-src")
    project = copy_repo_site(tmp, letters)
    return mkdocs_build(project)


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The repository's own archive, built once per test session."""
    tmp = tmp_path_factory.mktemp("repo")
    return mkdocs_build(copy_repo_site(tmp))


def serve(site: Path):
    """Serve a built site on a free loopback port; returns (base_url, stop)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def end_headers(self) -> None:
            # linkchecker only exceeds 10 requests/s to servers that send this header
            # (see tests/linkcheckerrc); without it the suite waits on politeness delays.
            self.send_header("LinkChecker", "allowed")
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}", server.shutdown


@pytest.fixture(scope="session")
def chain_url(chain_site: Path):
    base, stop = serve(chain_site)
    yield base
    stop()


CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


def require(thing: Path, how: str) -> None:
    """Skip locally when a system tool is missing; in CI, a missing tool is a failure."""
    import os

    if thing.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{thing} is missing in CI: {how}")
    pytest.skip(f"{thing} is missing: {how}")


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "apt-get install chromium chromium-driver (bash .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Flags as for any headless Chromium here: no background calls to Google's services.
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every request it makes."""
    context = browser.new_context()
    context.set_default_timeout(5000)  # fail fast: every page is local
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


def inject_axe(page) -> None:
    """Load axe-core into the open page. The site's Content-Security-Policy forbids
    inline scripts, so it is evaluated through the DevTools protocol, as an
    extension would, rather than added as a <script>."""
    require(AXE, "npm install --prefix .cache/npm axe-core@4 (the README's test command does)")
    page.evaluate(AXE.read_text("utf-8"))


def serious_accessibility_violations(page, context: str = "document") -> list[str]:
    """Run axe-core (already loaded in the page) and list its serious and critical violations."""
    result = page.evaluate(f"async () => await axe.run({context}, {{resultTypes: ['violations']}})")
    assert result["testEngine"]["name"] == "axe-core"  # axe really ran
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output (then review the diff before committing)",
    )


@pytest.fixture(scope="session")
def follow_letters(tmp_path_factory) -> Path:
    """The chain archive grown for following cases (tests/follow_archive.py)."""
    from follow_archive import write_follow_archive

    return write_follow_archive(tmp_path_factory.mktemp("follow") / "letters")


@pytest.fixture(scope="session")
def follow_site(tmp_path_factory, follow_letters: Path) -> Path:
    """That archive built into a real site once per test session."""
    return mkdocs_build(copy_repo_site(tmp_path_factory.mktemp("follow-site"), follow_letters))


@pytest.fixture(scope="session")
def follow_url(follow_site: Path):
    base, stop = serve(follow_site)
    yield base
    stop()


@pytest.fixture
def clipboard_page(browser):
    """A page allowed to write and read the clipboard, recording every request."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.set_default_timeout(5000)
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def case_file_letters(tmp_path_factory) -> Path:
    """Three cases in New York, Chicago and Los Angeles (tests/case_file_archive.py)."""
    from case_file_archive import write_case_file_archive

    return write_case_file_archive(tmp_path_factory.mktemp("case-file") / "letters")


@pytest.fixture(scope="session")
def case_file_site(tmp_path_factory, case_file_letters: Path) -> Path:
    """That archive built into a real site once per test session."""
    return mkdocs_build(copy_repo_site(tmp_path_factory.mktemp("case-file-site"), case_file_letters))


@pytest.fixture(scope="session")
def case_file_url(case_file_site: Path):
    base, stop = serve(case_file_site)
    yield base
    stop()
