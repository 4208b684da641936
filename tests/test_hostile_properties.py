"""Issue 9, properties: generated hostile input, never a crash, a hang or markup.

hypothesis writes letters whose values, text and raw front matter are built
from the pieces attacks and careless edits are made of (markup, schemes,
entities, attr_list braces, YAML anchors and tags, invisible characters...)
and runs them through the loader (`docket check`'s work) and the page
renderer, with each page turned into HTML by Python-Markdown configured as
mkdocs.yml configures it. Properties:

- loading never raises, and every problem points at a line of the file;
- a generated value never puts on a page an element or attribute that the
  same page does not have with plain values, never an event handler, never a
  dangerous URL, never an id the site's own scripts read, never a key in a
  page's front matter;
- generated letter text stays within the letter allowlist.

Example counts are bounded so the suite stays fast; the deadline catches hangs.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import REPO
from docket_archive import synthetic
from docket_archive.load.archive import load_archive
from docket_archive.site.build import Page, build_pages
from hostile import (
    SAFE_SCHEMES,
    HostileLetter,
    body_violations,
    controls,
    front,
    run_docket,
    scheme,
    walk,
    write_letter,
)

BUILD_DATE = date(2021, 3, 10)
EXAMPLES = settings(
    max_examples=20,
    # No shrinking: it can take minutes on a failure, and the unshrunk example
    # (printed) is enough to see which value does it.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=timedelta(seconds=30),  # a hang, not a slow machine (an example takes well under a second)
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples in CI as here: a failure can be reproduced
)
# ids the site's own scripts look up (Material's config, the search page and box)
SCRIPT_IDS = {"__config", "__palette", "docket-search", "docket-q", "docket-status", "docket-results", "docket-more"}

PIECES = [
    "<", ">", "</", "/>", "script", "img", "svg", "iframe", "a", " src=x", " href=", " onerror=", " onclick=",
    "alert(1)", "javascript:", "java&#x09;script:", "JaVaScRiPt&colon;", "data:text/html,", "vbscript:", "&#", "&lt;",
    "&amp;", "&nbsp;", '"', "'", "`", "```", "{:", "}", " .md-header", " #__config", "#__config", "__config", "[", "]",
    "(", ")", "](", "![", "!", "*", "**", "_", "#", "# ", "|", "\n", "\n\n", "---", "<!--", "-->", 'markdown="1"',
    "<div", "</div>", "<a href=", "style=", "id=", "{{", "}}", "{%", "%}", "\\", ":", " ", "\t", "\u00a0", "\u200b",
    "\u202e", "\x1b[2J", "http://evil.example/", "//evil.example/x.png", "<base href=", "<meta http-equiv=refresh ",
    "<form action=", "<object data=", "<math>", "<style>", "@import", "url(", "autofocus", " onfocus=", "tabindex=1",
    "<p", "<h1>", "</title>", "<textarea>", "<noscript>", "[x]: ", "> ", "- ", "1. ", "    ", "<Redacted>", "AT&T",
]  # fmt: skip
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=24).map("".join)


@cache
def mkdocs_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions mkdocs.yml gives MkDocs."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name: tags and the like
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=Loader)  # noqa: S506 - SafeLoader subclass
    names, options = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            [(name, settings_)] = item.items()
            names.append(name)
            options[name] = settings_ or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=options)


def as_html(page: Page) -> tuple[dict, str]:
    """A generated page's front matter and its HTML, as MkDocs makes them: the
    finished HTML as it is, a Markdown page (the field reference) converted,
    and the front matter as the engines read it back from the page's file."""
    if not page.is_markdown:
        head, _, _ = page.markdown[4:].partition("\n---\n")
        return yaml.safe_load(head) or {}, page.body
    return file_as_html(page.markdown)


def file_as_html(text: str) -> tuple[dict, str]:
    """A page file's front matter and its HTML, as an engine reading the file makes them (`docket build --out`)."""
    head, _, body = text[4:].partition("\n---\n")
    converter = mkdocs_markdown()
    converter.reset()
    return yaml.safe_load(head) or {}, converter.convert(body)


def shape(html: str) -> tuple[set[tuple[str, str]], list[str]]:
    """The (element, attribute) pairs of a page, and what is dangerous in it whatever the baseline."""
    pairs: set[tuple[str, str]] = set()
    danger = []
    for element in walk(html).elements:
        pairs.add((element.tag, ""))
        for name, value in element.attrs:
            pairs.add((element.tag, name))
            if name.startswith("on") or name in ("autofocus", "srcdoc", "formaction", "style"):
                danger.append(f"<{element.tag} {name}={value!r}>")
            if (
                name in ("href", "src", "action", "data", "xlink:href")
                and value
                and scheme(value) not in SAFE_SCHEMES | {""}
            ):
                danger.append(f"<{element.tag} {name}={value!r}>")
            if name == "id" and value in SCRIPT_IDS:
                danger.append(f"<{element.tag} id={value!r}> (the site's scripts read it)")
    return pairs, danger


def write_archive(root: Path, values: dict[str, str], body: str) -> HostileLetter:
    """Registries with one person and one case made of `values`, and a letter by that person."""
    persons = synthetic.people()
    persons.append(
        synthetic.SyntheticPerson(
            "mallory-test", f"M {values['name']}", firm=f"F {values['firm']}", aliases=[f"A {values['alias']}"]
        )
    )
    synthetic.write_registries(root, ["alpha"], persons)
    case = yaml.safe_load((root / "alpha" / "case.yml").read_text("utf-8"))
    case.update(caption=f"In re {values['caption']}", number=f"99-1 {values['number']}")
    case["docket_entries"][0]["title"] = f"Order {values['entry']}"
    (root / "alpha" / "case.yml").write_text(yaml.safe_dump(case, allow_unicode=True), "utf-8")
    fields = front(
        f"T {values['title']}",
        "alpha",
        "2020-03-02",
        type=f"status letter {values['type']}",
        authors=[{"person": "mallory-test", "on_behalf_of": [f"P {values['party']}"]}],
        cc=[{"person": "devon-mockridge-3", "via": f"V {values['via']}"}],
        delivery=f"D {values['delivery']}",
        summary=f"S {values['summary']}",
        references={"docket": [{"text": f"R {values['reference']}", "date": "2020-01-15"}]},
    )
    letter = HostileLetter("generated", "alpha", "2020-03-02", fields, f"Dear Judge Testwood:\n\n{body}\n")
    write_letter(root, letter)
    return letter


FIELDS = (
    "name",
    "firm",
    "alias",
    "caption",
    "number",
    "entry",
    "title",
    "type",
    "party",
    "via",
    "delivery",
    "summary",
    "reference",
)


def load_and_render(values: dict[str, str], body: str) -> tuple[dict[str, tuple[dict, str]] | None, list[str]]:
    """The site's pages as (front matter, HTML), or None if the letter is refused; and what is wrong."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "letters"
        write_archive(root, values, body)
        archive, problems = load_archive(root)  # must not raise

        def lines_of(shown: str) -> int:
            path = root.parent / shown
            return len(path.read_text("utf-8", errors="replace").split("\n")) if path.is_file() else 1

        wrong = [str(p) for p in problems.items if not 1 <= p.line <= max(lines_of(p.path), 1)]
        if problems.errors:
            return None, wrong
        site = build_pages(archive, BUILD_DATE, letters_root=root)
        return {path: as_html(text) for path, text in site.pages.items()}, wrong


PLAIN = dict.fromkeys(FIELDS, "plain words")


@cache
def baseline() -> dict[str, tuple[dict, str]]:
    pages, wrong = load_and_render(PLAIN, "Plain text of a letter.")
    assert pages is not None and not wrong
    return pages


def compare(pages: dict[str, tuple[dict, str]]) -> dict[str, list[str]]:
    """Per page: what the generated values added to what plain values give."""
    found: dict[str, list[str]] = {}
    for path, (meta, html) in pages.items():
        plain_meta, plain_html = baseline().get(path, ({}, ""))
        plain_pairs, _ = shape(plain_html)
        pairs, danger = shape(html)
        extra = sorted(f"<{tag} {name}>".replace(" >", ">") for tag, name in pairs - plain_pairs)
        keys = sorted(set(meta) - set(plain_meta))
        problems = danger + [f"element or attribute not on the plain page: {e}" for e in extra]
        problems += [f"front matter key {k!r} added" for k in keys]
        problems += [
            f"front matter {k} is not text"
            for k, v in meta.items()
            if k in ("title", "description") and not isinstance(v, str)
        ]
        if problems:
            found[path] = problems
    return found


@EXAMPLES
@given(st.fixed_dictionaries(dict.fromkeys(FIELDS, hostile_text)))
# found by the generator; kept as explicit examples so they are tried first, every run
@example({**PLAIN, "title": "\x1b"})  # a control character: feedgen refused it and the build crashed
@example({**PLAIN, "caption": "line\nbreak"})  # a line break: iCalendar refused it and the build crashed
def test_generated_values_never_crash_and_never_become_markup(values: dict[str, str]) -> None:
    pages, wrong = load_and_render(values, "Plain text of a letter.")
    assert wrong == [], "problems pointing outside the file"
    if pages is not None:
        assert compare(pages) == {}


@EXAMPLES
@given(hostile_text)
def test_generated_letter_text_stays_within_the_allowlist(body: str) -> None:
    pages, wrong = load_and_render(PLAIN, body)
    assert wrong == [], "problems pointing outside the file"
    if pages is None:
        return  # refused: never published
    letter_page = next(
        html for path, (_, html) in pages.items() if path.startswith("letters/alpha/2020-03-02-generated")
    )
    assert body_violations(letter_page) == []
    assert compare(pages) == {}


YAML_PIECES = [
    "title: ", "date: ", "2020-03-02", "case: ", "alpha", "type: ", "summary: ", "authors:", "\n", "  - person: ",
    "casey-fixture-2", "addressee: ", "judge-testwood", "&a ", "*a", "<<: ", "!!python/object/apply:os.system ",
    "!!binary ", "!!str ", "!custom ", "[", "]", "{", "}", ", ", ": ", ":", '"', "'", "#", "- ", "  ", "\t", "\u00a0",
    "“", "”", "|", ">", "? ", "%YAML 1.1\n", "---", "...", "\\", "\x1b[2J", "\ufeff", "null", "~", "0x1F", "1e9999",
    ".inf", "2020-02-30", "Date: ", "\r", "\u2028", "\x85", "@", "`", "%",
]  # fmt: skip
hostile_yaml = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=3)), max_size=40).map("".join)


@EXAMPLES
@given(hostile_yaml)
def test_generated_front_matter_is_reported_in_the_file_in_plain_characters(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "letters"
        synthetic.write_registries(root, ["alpha"], synthetic.people())
        path = root / "alpha" / "2020-03-02-generated.md"
        path.write_text(f"---\n{text}\n---\n\nDear Judge Testwood:\n", "utf-8")
        lines = path.read_bytes().count(b"\n") + 1
        _, problems = load_archive(root)  # must not raise
        outside = [str(p) for p in problems.items if not 1 <= p.line <= lines]
        assert outside == []
        _, output = run_docket("check", str(root))  # must not crash
        assert controls(output) == []
