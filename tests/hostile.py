"""Shared tools of the hostile-input suite (issue 9): hostile archives, HTML
allowlists and a browser visit that records what a page managed to do.

The suite tests outcomes, not the defences' code: a built page either shows a
hostile value as text and runs nothing, or `docket check` refuses the letter
with a message naming the file. Every archive here is fictional and says so.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Error as PlaywrightError

from docket_archive import synthetic
from docket_archive.load.archive import load_archive

# What a payload's script does when it runs: a dialog, a global, a page title.
# The browser visit below watches all three.
JS = "window.__pwned=1;document.title='PWNED';alert(1)"
EVIL = "evil.example"  # a reserved name: never a real host

# -- the letter-body allowlist -------------------------------------------------

# Elements a letter's text may become (the issue's list); span/div only bare.
BODY_TAGS = frozenset(
    [
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "hr",
        "sup",
        "sub",
        "span",
        "div",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "colgroup",
        "col",
    ]
)
# Attributes that carry no script, no URL and no layout; `rel` is what a
# sanitizer adds to links (noopener noreferrer).
HARMLESS_ATTRS = frozenset({"title", "lang"})
BODY_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"colspan", "rowspan", "align"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Elements that run, load, submit or restyle; none may come from a letter or a value.
ACTIVE_TAGS = frozenset(
    [
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "style",
        "link",
        "meta",
        "svg",
        "math",
        "img",
        "image",
        "video",
        "audio",
        "source",
        "track",
        "picture",
        "portal",
        "template",
        "noscript",
        "xmp",
        "plaintext",
    ]
)
URL_ATTRS = frozenset(
    {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "ping", "srcset", "cite"}
)


def browser_url(value: str) -> str:
    """A URL as the browser reads it: entities are already decoded by the parser;
    tabs and newlines vanish anywhere, controls and spaces at the ends."""
    return re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f \x1f")


def scheme(url: str) -> str:
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", browser_url(url))
    return match.group(1).lower() if match else ""


def offsite(url: str) -> bool:
    """True for a URL that leaves the site: another host, or a scheme a link must not have."""
    clean = browser_url(url)
    return bool(scheme(clean)) or clean.startswith(("//", "\\\\", "/\\", "\\/"))


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    in_body: bool  # inside the letter's text (the element with class docket-letter)
    line: int


class _Walker(HTMLParser):
    """Every element of a page, marked when it is inside the letter's text."""

    VOID = frozenset(
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text_in_body: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, opens the letter body)

    @property
    def _in_body(self) -> bool:
        return any(opens for _, opens in self._stack)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        self.elements.append(Element(tag, attrs, self._in_body, self.getpos()[0]))
        if tag not in self.VOID:
            self._stack.append((tag, "docket-letter" in classes))

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, attrs, self._in_body, self.getpos()[0]))

    def handle_endtag(self, tag):
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                return

    def handle_data(self, data):
        if self._in_body:
            self.text_in_body.append(data)


def walk(html: str) -> _Walker:
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker


def body_violations(html: str) -> list[str]:
    """Every element or attribute in the letter's text outside the allowlist."""
    found = []
    for element in walk(html).elements:
        if not element.in_body:
            continue
        if element.tag not in BODY_TAGS:
            found.append(f"<{element.tag}> (line {element.line})")
            continue
        allowed = BODY_ATTRS.get(element.tag, frozenset()) | HARMLESS_ATTRS
        for name, value in element.attrs:
            if name not in allowed:
                found.append(f"<{element.tag} {name}={value!r}> (line {element.line})")
            elif name == "href" and value is not None and scheme(value) not in SAFE_SCHEMES | {""}:
                found.append(f"<a href={value!r}>: scheme {scheme(value)!r} (line {element.line})")
    return found


def letter_body_present(html: str) -> bool:
    return any(
        e.tag == "div" and "docket-letter" in (dict(e.attrs).get("class") or "").split() for e in walk(html).elements
    )


def page_violations(html: str, own_inline_scripts: set[str]) -> list[str]:
    """Active content anywhere on a page that the site itself did not put there.

    `own_inline_scripts` are the theme's inline scripts (from a benign page),
    normalized by `_script_key`; any other inline script, any event handler,
    autofocus, dangerous URL or off-site resource is a finding.
    """
    found = []
    configs = 0
    for element in walk(html).elements:
        attrs = dict(element.attrs)
        where = f"<{element.tag}> line {element.line}"
        for name, value in element.attrs:
            if name.startswith("on") or name in ("autofocus", "srcdoc", "formaction"):
                found.append(f"{where}: attribute {name}={value!r}")
            if name in URL_ATTRS and value is not None and scheme(value) not in SAFE_SCHEMES | {""}:
                found.append(f"{where}: {name}={value!r}")
            if name in ("src", "data", "srcset", "action", "poster", "background") and value and offsite(value):
                found.append(f"{where}: loads or submits off-site: {name}={value!r}")
        if attrs.get("id") == "__config":
            configs += 1
        if element.tag == "meta" and "http-equiv" in attrs and (attrs["http-equiv"] or "").lower() == "refresh":
            found.append(f"{where}: meta refresh")
        if element.tag == "link" and offsite(attrs.get("href") or ""):
            found.append(f"{where}: off-site link {attrs.get('href')!r}")
        if element.tag in ("base", "iframe", "frame", "object", "embed", "applet", "portal"):
            found.append(f"{where}: {element.tag}")
    for text in _inline_scripts(html):
        if _script_key(text) not in own_inline_scripts:
            found.append(f"inline script not the theme's: {text[:80]!r}")
    for text in _data_scripts(html):
        try:
            json.loads(text)
        except ValueError:
            found.append(f"structured data that no longer parses (a value ended it early?): {text[-80:]!r}")
    if configs != 1:
        found.append(f"{configs} elements with id __config (the site's scripts read the first)")
    return found


# Script elements the browser does not run: structured data (JSON-LD) and the
# letter's fields that search reads (application/json, search/documents.py). Their
# risk is a value that ends the element early ("</script>") and starts markup
# of its own, which the other checks see; the data must still parse.
DATA_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json"})


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []  # inline scripts the browser runs (or the theme's JSON config)
        self.data: list[str] = []  # inline structured data
        self._open: list[str] | None = None
        self._is_data = False

    def handle_starttag(self, tag, attrs):
        if tag == "script" and not dict(attrs).get("src"):
            self._open = []
            self._is_data = (dict(attrs).get("type") or "").strip().lower() in DATA_SCRIPT_TYPES

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            (self.data if self._is_data else self.texts).append("".join(self._open))
            self._open = None


def _inline_scripts(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(html)
    return parser.texts


def _data_scripts(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(html)
    return parser.data


def _script_key(text: str) -> str:
    # The theme's scripts differ between pages only by the relative path to the root.
    text = re.sub(r'"(?:\.\.?/)*\.\.?"', '"ROOT"', " ".join(text.split()))  # "..", "../..", "."
    return re.sub(r'"(?:\.\./)+', '"', text)  # "../../assets/..." as on the home page, "assets/..."


def own_inline_scripts(html: str) -> set[str]:
    return {_script_key(text) for text in _inline_scripts(html)}


def controls(text: str) -> list[str]:
    """Control characters other than newline and tab: what a terminal would obey."""
    return [repr(c) for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"]


def assert_none(found: dict[str, list[str]], what: str) -> None:
    """Fail listing every finding, page by page (a plain list: pytest's diff of
    large dicts is slow and hard to read)."""
    import pytest

    bad = {where: items for where, items in found.items() if items}
    if bad:
        lines = [f"  {where}: {item}" for where, items in bad.items() for item in items]
        pytest.fail(f"{what}:\n" + "\n".join(lines), pytrace=False)


# -- hostile archives ----------------------------------------------------------


@dataclass
class HostileLetter:
    """One letter of a hostile archive and where its payload is."""

    name: str  # test id and file slug
    case: str
    date: str
    front: dict
    body: str
    payload_line: int = 0  # file line of the payload in the body (0: in the front matter)

    @property
    def stem(self) -> str:
        return f"{self.date}-{self.name}"

    @property
    def filename(self) -> str:
        return f"{self.stem}.md"

    @property
    def key(self) -> str:
        return f"{self.case}/{self.filename}"

    @property
    def url_path(self) -> str:
        return f"letters/{self.case}/{self.stem}/"


def front(title: str, case: str, day: str, **fields) -> dict:
    base = {
        "title": title,
        "date": day,
        "case": case,
        "type": "joint status letter",
        "authors": [{"person": "casey-fixture-2", "on_behalf_of": ["the parties"]}],
        "addressee": "judge-testwood",
        "cc": [{"person": "devon-mockridge-3", "via": "e-mail"}],
        "delivery": "ECF",
        "summary": f"{synthetic.MARK} A hostile-input test letter.",
        "tags": ["mediation"],
    }
    base.update(fields)
    return base


MARK_START = "SYNTHETIC TEST LETTER, not a real court filing. Beginning of the hostile text."
MARK_END = "End of the hostile text. Respectfully submitted, Casey Fixture."


def write_letter(root: Path, letter: HostileLetter) -> Path:
    path = root / letter.case / letter.filename
    text = synthetic.letter_text(letter.front, letter.body)
    path.write_text(text, "utf-8")
    if letter.payload_line == 0 and letter.body.startswith(MARK_START):
        # the payload follows the first paragraph of the body
        lines = text.split("\n")
        letter.payload_line = lines.index(MARK_START) + 3
    return path


@dataclass
class Refusals:
    """What `docket check` refused when the hostile archive was loaded."""

    by_file: dict[str, list[str]] = field(default_factory=dict)  # "case/file name" -> messages

    def of(self, letter: HostileLetter) -> list[str]:
        return self.by_file.get(letter.key, [])


def drop_refused(root: Path, letters: Iterable[HostileLetter]) -> Refusals:
    """Load the archive; take out each letter `docket check` refuses, remembering why.

    Refusal is a defence too: a refused letter is never published. What is
    left must build, so the site tests see every letter the defences let through.
    """
    refusals = Refusals()
    by_key = {letter.key: letter for letter in letters}

    def key(problem) -> str:
        return "/".join(Path(problem.path).parts[-2:])

    for _ in range(3):  # a refusal can reveal another one (a letter referring to it)
        _, problems = load_archive(root)
        refused = {key(p) for p in problems.errors if key(p) in by_key}
        others = [str(p) for p in problems.errors if key(p) not in by_key]
        assert not others, "the hostile archive's registries were refused:\n" + "\n".join(others)
        if not refused:
            return refusals
        for problem in problems.errors:
            if key(problem) in refused:
                refusals.by_file.setdefault(key(problem), []).append(str(problem))
        for name in refused:
            (root / name).unlink()
    return refusals


def write_yaml(path: Path, data: object) -> None:
    path.write_text(f"# {synthetic.MARK}\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def html_files(site: Path, under: str = "") -> Iterator[Path]:
    yield from sorted((site / under).rglob("*.html"))


# -- the browser visit ---------------------------------------------------------

# Installed before any script of the page: reports a payload that sets the
# global or the title even when no dialog opens (a dialog can be suppressed).
_WATCH = """
(() => {
  Object.defineProperty(window, '__pwned', {set(v) { window.__hostile_report('window.__pwned set'); }, get() { return undefined; }});
  const title = Object.getOwnPropertyDescriptor(Document.prototype, 'title');
  Object.defineProperty(document, 'title', {
    get() { return title.get.call(this); },
    set(v) { if (String(v).includes('PWNED')) window.__hostile_report('document.title set to ' + v); title.set.call(this, v); },
  });
})();
"""


@dataclass
class Watch:
    """Everything hostile a browser context saw: dialogs, script effects, off-site requests."""

    host: str
    dialogs: list[str] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    clicked_to: list[str] = field(default_factory=list)
    clicking: bool = False

    def clear(self) -> None:
        self.dialogs.clear()
        self.effects.clear()
        self.offsite.clear()
        self.clicked_to.clear()

    def findings(self) -> list[str]:
        return (
            [f"dialog: {d}" for d in self.dialogs]
            + [f"script ran: {e}" for e in self.effects]
            + [f"off-site request: {u}" for u in self.offsite]
        )


def watched_context(browser, base_url: str):
    """A browser context that records dialogs, payload effects and off-site requests.

    Off-site requests are recorded and aborted (so nothing waits on a DNS
    failure). While `watch.clicking` is set, a click's navigation to a page of
    the site is answered 204, which keeps the hostile page open: every link can
    be clicked without reloading, and the pages linked to are visited on their own.
    """
    context = browser.new_context()
    context.set_default_timeout(5000)
    watch = Watch(urlsplit(base_url).netloc)
    context.expose_binding("__hostile_report", lambda source, what: watch.effects.append(what))
    context.add_init_script(_WATCH)

    def route(route, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != watch.host:
            watch.offsite.append(request.url)
            route.abort()
        elif watch.clicking and request.is_navigation_request() and request.frame.parent_frame is None:
            watch.clicked_to.append(request.url)
            route.fulfill(status=204, body="")
        else:
            route.continue_()

    context.route("**/*", route)

    def on_dialog(dialog) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.on("page", lambda page: page.on("dialog", on_dialog))
    return context, watch


# Links that are not plain navigations to a page of the site: another scheme,
# or a handler on the link or around it. A plain link to a page of the site
# cannot run anything in this page, and that page is visited on its own.
_TO_CLICK = """
(els, host) => els.map((a, index) => {
  const plain = /^https?:$/.test(a.protocol);
  let handled = false;
  for (let e = a; e; e = e.parentElement) handled ||= e.getAttributeNames().some(n => n.startsWith('on'));
  return plain && !handled ? -1 : index;
}).filter(index => index >= 0)
"""


# An SVG or MathML link has no click(): a click event activates it the same way.
_ACTIVATE = "a => a.click ? a.click() : a.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window}))"


def visit(
    page, watch: Watch, url: str, links: str = ".docket-letter a, .docket-card a", settle: bool = True
) -> list[str]:
    """Open a page with no click, then click its links in `links`; what went wrong.

    `settle` waits for the network to be idle (a meta refresh, a lazy load or a
    dynamic import happen after the load event). Links to another host are not
    clicked: following one is the reader's choice and the letter's right (the
    allowlist lets http(s) links through); plain links to the site's own pages
    lead to pages the tests visit themselves.
    """
    watch.clear()
    page.goto(url, wait_until="networkidle" if settle else "load")
    found = list(watch.findings())
    if page.evaluate("document.title") == "PWNED":
        found.append("document.title is PWNED")
    # The site's own header search must still submit to the site (a clobbered
    # __config would point it elsewhere).
    actions = page.locator("form").evaluate_all("forms => forms.map(f => f.action)")
    found += [f"a form submits to {action}" for action in actions if urlsplit(action).netloc != watch.host]
    anchors = page.locator(links)
    to_click = anchors.evaluate_all(_TO_CLICK, watch.host)
    watch.clear()
    watch.clicking = True
    try:
        # element.click() is a click's activation without the pointer's
        # actionability waits, and it reaches links a payload made invisible.
        # A navigation to the site is answered 204 and leaves the page as it
        # is; a javascript: URL runs in it.
        for index in to_click:
            anchors.nth(index).evaluate(_ACTIVATE)
            # javascript: URLs run in a task queued by the click; a task
            # queued after it runs after it.
            page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")
        page.wait_for_load_state("load")
    except PlaywrightError as error:  # the page navigated away under the click
        found.append(f"clicking the links destroyed the page: {error.message.splitlines()[0]}")
    finally:
        watch.clicking = False
    if page.url.split("#")[0] != url.split("#")[0]:
        found.append(f"after clicking {len(to_click)} link(s), the page's address is {page.url}")
    found += [f"after clicking {len(to_click)} link(s): {f}" for f in watch.findings()]
    # Nothing of this page (nor a window it opened) may reach the next visit's record.
    for other in page.context.pages:
        if other is not page:
            found.append(f"a window was opened: {other.url}")
            other.close()
    page.goto("about:blank")
    return found


# -- the command line -----------------------------------------------------------


def run_docket(*args: str) -> tuple[int, str]:
    """`docket ARGS` in-process; a traceback (our bug, never the user's) fails the test."""
    from click.testing import CliRunner

    from docket_archive.cli import main

    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"docket {' '.join(args)} crashed:\n{trace}")
    return result.exit_code, result.output


def archive_with_a_letter(root: Path, **fields) -> Path:
    """letters/ with the synthetic registries (cases alpha, beta) and one good letter of alpha."""
    synthetic.write_registries(root, ["alpha", "beta"], synthetic.people())
    letter = HostileLetter(
        "first-status-letter",
        "alpha",
        "2020-02-03",
        front("First status letter", "alpha", "2020-02-03", **fields),
        f"Dear Judge Testwood:\n\n{synthetic.MARK}\n\nRespectfully submitted,\n\nCasey Fixture\n",
    )
    write_letter(root, letter)
    return root / "alpha" / letter.filename


def search_results(page, watch: Watch, base_url: str, query: str) -> tuple[int, list[str]]:
    """Search the site's search page for `query`; (number of results, what went wrong).

    Result titles, metadata and excerpts come from letters: they must stay text
    (an excerpt may only add <mark> around the words found)."""
    from urllib.parse import quote

    watch.clear()
    page.goto(f"{base_url}/search/?q={quote(query)}", wait_until="networkidle")
    results = page.locator("#docket-results li")
    count = results.count()
    found = list(watch.findings())
    if page.evaluate("document.title") == "PWNED":
        found.append("document.title is PWNED")
    tags = set(
        page.locator("#docket-results").evaluate("r => [...r.querySelectorAll('*')].map(e => e.tagName.toLowerCase())")
    )
    found += [f"<{tag}> in the results" for tag in sorted(tags - {"li", "a", "div", "p", "mark"})]
    page.goto("about:blank")
    return count, found
