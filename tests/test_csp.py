"""The Content-Security-Policy's script hashes: the fast scan finds exactly the
inline scripts a full HTML parser finds, on every page of a built site."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

from docket_archive.publish import csp


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
    assert run_hash not in csp.policy(page)


def test_letters_whose_lower_case_is_longer_do_not_shift_the_scan() -> None:
    # "İ".lower() is two characters: positions found in a lowered copy drift.
    page = "<title>İİİ letter</title><script>var a=1</script><SCRIPT>b()</SCRIPT>"
    assert csp.inline_scripts(page) == ["var a=1", "b()"]
