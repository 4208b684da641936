"""The Content-Security-Policy's script hashes.

They come from the templates (the theme's and the overrides'), never from
the finished page: every inline script a built site's pages carry is among
them (MkDocs and Zensical), and a script that reached a page any other way
(an escaping bug, simulated by injecting one before the policy is made) gets
no hash, and Chromium does not run it while the theme's own scripts do. The
fast scan finds exactly the inline scripts a full HTML parser finds."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, serve
from docket_archive.publish import csp
from docket_archive.publish.zensical import trusted_scripts


class _ReferenceScripts(HTMLParser):
    """Executable inline scripts, found by html.parser reading the whole page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            values = dict(attrs)
            kind = (values.get("type") or "").strip().lower()
            self._open = [] if "src" not in values and kind in {"", "text/javascript", "module"} else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


def reference(page: str) -> list[str]:
    parser = _ReferenceScripts()
    parser.feed(page)
    return parser.scripts


def test_the_scan_finds_what_a_parser_finds_on_every_page(chain_site: Path) -> None:
    pages = sorted(chain_site.rglob("*.html"))
    assert len(pages) > 20
    with_scripts = 0
    for page in pages:
        text = page.read_text("utf-8")
        assert csp.inline_scripts(text) == reference(text), page
        with_scripts += bool(reference(text))
    assert with_scripts == len(pages)  # the theme's own inline scripts are on every page


def test_data_blocks_and_external_scripts_get_no_hash() -> None:
    page = (
        '<head><script src="a.js"></script><script type="application/json">{"a": 1}</script>'
        '<script type="application/ld+json">{"@type": "Thing"}</script>'
        "<SCRIPT>run()</SCRIPT><script type='module'>go()</script><scripted>no</scripted></head>"
    )
    assert csp.inline_scripts(page) == ["run()", "go()"]


def test_a_start_tag_it_cannot_read_leaves_the_script_blocked_not_allowed() -> None:
    # A ">" inside a quoted value ends the scan's tag early: the text it hashes
    # is not the script's, so the browser blocks that script; nothing else is allowed.
    page = '<script data-x="a>b">run()</script>'
    run_hash = base64.b64encode(hashlib.sha256(b"run()").digest()).decode()
    assert run_hash not in csp.policy(page, frozenset({csp.script_hash("run()")}))


def test_letters_whose_lower_case_is_longer_do_not_shift_the_scan() -> None:
    # "İ".lower() is two characters: positions found in a lowered copy drift.
    page = "<title>İİİ letter</title><script>var a=1</script><SCRIPT>b()</SCRIPT>"
    assert csp.inline_scripts(page) == ["var a=1", "b()"]


def policy_hashes(page: str) -> set[str]:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert found, "the page has no policy"
    return set(re.findall(r"'sha256-[^']+'", found.group(1)))


def test_every_inline_script_the_site_carries_is_trusted(chain_site: Path) -> None:
    # Nothing the theme writes is blocked: the templates name every inline script of every page.
    for page in sorted(chain_site.rglob("*.html")):
        text = page.read_text("utf-8")
        scripts = {csp.script_hash(script) for script in csp.inline_scripts(text)}
        assert scripts and scripts <= policy_hashes(text), page


def test_the_trusted_scripts_come_from_the_templates_not_the_page() -> None:
    trusted = trusted_scripts(REPO / "mkdocs.yml")
    injected = "window.__pwned=1"
    page = f"<html><head></head><body><script>{injected}</script></body></html>"
    assert csp.script_hash(injected) not in trusted
    assert "sha256" not in csp.policy(page, trusted)
    # Material's scope script, at a letter's depth, is trusted before any page exists
    scope = (
        '__md_scope=new URL("../../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    )
    assert csp.script_hash(scope) in trusted


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked_while_the_themes_run(chain_site: Path, tmp_path: Path, page) -> None:
    """An escaping bug lets a `<script>` into a page before the policy is made
    (as the plugin's on_post_page makes it): the policy, made from the
    templates, has no hash for it, and Chromium refuses to run it."""
    site = tmp_path / "site"
    shutil.copytree(chain_site, site)
    target = next((site / "letters").rglob("index.html"))
    built = target.read_text("utf-8")
    unfinished = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", built, count=1)
    marker = '<div class="docket-letter">'
    assert marker in unfinished
    injected = unfinished.replace(marker, marker + "<script>window.__pwned=1;document.title='PWNED'</script>", 1)
    trusted = trusted_scripts(REPO / "mkdocs.yml")
    target.write_text(csp.with_policy(injected, trusted), "utf-8")
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    base, stop = serve(site)
    try:
        page.goto(f"{base}/{target.parent.relative_to(site).as_posix()}/", wait_until="load")
        assert page.evaluate("() => window.__pwned") is None, "the injected script ran"
        assert page.title() != "PWNED"
        # the theme's own inline script ran: it defines __md_scope (Material's palette and tabs read it)
        assert page.evaluate("() => typeof __md_scope") == "object"
    finally:
        stop()
    assert any("script" in v for v in violations), f"Chromium reported no blocked script: {violations}"
