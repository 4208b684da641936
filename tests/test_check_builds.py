"""Issue 20, classes 3 and 4: what `docket check` accepts, the build builds, losing nothing.

One invariant, tried by hypothesis over generated archives: if `docket
check` (the loader) finds no error, then every page and every asset writer
(feeds, calendars, exports, form data) succeeds; each letter file is exactly
one page; the page shows every word the letter's text shows (words in, words
out) and none it hides; feeds are well-formed XML, calendars parse, and the
JSON export is valid against its own schema. A handful of archives is also
built by `mkdocs build --strict`, with the search index.

Generated first: dates of every year (9999-12-31 crashed the calendar
writer), XML-forbidden code points and noncharacters (U+FFFE killed the feed
writer), YAML keys of every type in people.yml (`null:`, `yes:`, `1.5:`),
lists nested 0 to 25 deep, every Markdown construct, and a title ending in a
backslash or holding `-->` that another letter's text mentions (inside and
outside an editorial comment).

Every letter here is synthetic and says so.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import REPO, copy_repo_site, mkdocs_build
from docket_archive import synthetic
from docket_archive.formats.bodytext import visible_text
from docket_archive.load.archive import load_archive
from docket_archive.site import paths
from docket_archive.site.build import build_pages

BUILD_DATE = date(2021, 3, 10)
SETTINGS = settings(
    max_examples=40,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: the example is printed as it is
    deadline=timedelta(seconds=60),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)

# -- values ---------------------------------------------------------------------------------

HOSTILE_CHARACTERS = [
    "\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\ud800", "\x1b", "\x0b", "\x7f", "\x85", "\u2028", "\u202e",
    "\u200b", "\u00a0", "\\", "-->", "<!--", '"', "'", "]", "[", "`", "*", "_", "<", ">", "&", "#", ":", "{", "}",
]  # fmt: skip
plain_text = st.text(alphabet="abcdefghij KLMNOP.,;-", min_size=1, max_size=12).filter(str.strip)
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_CHARACTERS), st.text(alphabet="xyz ", max_size=3)), min_size=1, max_size=6
).map(lambda parts: "T " + "".join(parts))
# Mostly values check accepts, so that the build is tried often; the hostile ones one time in four.
text = st.one_of(plain_text, plain_text, plain_text, hostile_text)
EDGE_DAYS = ["9999-12-31", "0001-01-01", "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01", "2009-02-29"]
usual_day = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)
any_day = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat), st.sampled_from(EDGE_DAYS)
)
day = st.one_of(usual_day, usual_day, usual_day, usual_day, usual_day, any_day)
YAML_KEYS = [
    "null",
    "~",
    "yes",
    "no",
    "on",
    "True",
    "1.5",
    "0x1F",
    "1e3",
    ".inf",
    "2009-06-22",
    "12",
    "'yes'",
    '"null"',
]
plain_key = st.from_regex(r"[a-z]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
person_key = st.one_of(plain_key, plain_key, plain_key, st.sampled_from(YAML_KEYS))


# -- letter text, built from parts whose visible words are known ----------------------------


@dataclass
class Body:
    markdown: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)  # words a reader must see
    hidden: list[str] = field(default_factory=list)  # words a reader must not see (editorial comments)


_counter = iter(range(10**9))


def word() -> str:
    return f"w{next(_counter):05d}"


def nested_list(depth: int, ordered: bool) -> tuple[str, list[str]]:
    lines, words = [], []
    indent = ""
    for _ in range(depth):
        item = word()
        marker = "1. " if ordered else "- "
        lines.append(f"{indent}{marker}{item}")
        words.append(item)
        indent += " " * len(marker)
    return "\n".join(lines), words


@st.composite
def bodies(draw, hostile: str | None = None) -> Body:
    body = Body()
    first = word()
    body.markdown.append(f"Dear Judge Testwood:\n\n{synthetic.MARK} {first}")
    body.shown.append(first)
    blocks = BLOCKS + ([_hostile] if hostile == "text" else [])
    for kind in draw(st.lists(st.sampled_from(blocks), min_size=1, max_size=6)):
        markdown, shown, hidden = kind(draw, hostile)
        body.markdown.append(markdown)
        body.shown += shown
        body.hidden += hidden
    last = word()
    body.markdown.append(f"After everything, {last}.")
    body.shown.append(last)
    return body


def _list(draw, hostile: str | None = None) -> tuple[str, list[str], list[str]]:
    markdown, words = nested_list(draw(st.integers(0, 25 if hostile == "depth" else 12)), draw(st.booleans()))
    return markdown or "Plain.", words, []


def _quote(draw, hostile: str | None = None) -> tuple[str, list[str], list[str]]:
    item = word()
    return "> " * draw(st.integers(1, 30)) + item, [item], []


def _inline(draw, hostile: str | None = None) -> tuple[str, list[str], list[str]]:
    a, b, c, d, e = (word() for _ in range(5))
    return f"*{a}* and **{b}**, `{c}`, [{d}](https://example.invalid/x) and \\*{e}\\*", [a, b, c, d, e], []


def _heading(draw, hostile: str | None = None) -> tuple[str, list[str], list[str]]:
    item = word()
    return f"{'#' * draw(st.integers(1, 6))} {item}", [item], []


def _table(draw, hostile: str | None = None) -> tuple[str, list[str], list[str]]:
    a, b, c, d = (word() for _ in range(4))
    return f"| {a} | {b} |\n|---|---|\n| {c} | {d} |", [a, b, c, d], []


def _code(draw, hostile: str | None = None) -> tuple[str, list[str], list[str]]:
    item = word()
    return f"```\n{item}\n```", [item], []


def _comment(draw, hostile: str | None = None) -> tuple[str, list[str], list[str]]:
    secret, after = word(), word()
    # The other letter is mentioned inside the note: its title must not end the note.
    return (
        f"<!-- a note for editors: see the status letter dated February 3, 2020 {secret} -->\n\n{after}",
        [after],
        [secret],
    )


def _mention(draw, hostile: str | None = None) -> tuple[str, list[str], list[str]]:
    before, after = word(), word()
    return f"{before} as the status letter dated February 3, 2020 says, {after}", [before, after], []


def _hostile(draw, hostile: str | None = None) -> tuple[str, list[str], list[str]]:
    return draw(hostile_text).replace("T ", "Text ", 1), [], []


BLOCKS = [_list, _quote, _inline, _heading, _table, _code, _comment, _mention]


# -- the archive ---------------------------------------------------------------------------


@dataclass
class Generated:
    key: str
    name: str
    caption: str
    title: str
    other_title: str
    day: str
    due: str | None
    hearing: str
    body: Body


@st.composite
def archives(draw) -> Generated:
    """An archive where at most one kind of value is hostile (so that most examples pass check, and build)."""
    kinds = [
        None,
        None,
        None,
        None,
        "day",
        "due",
        "hearing",
        "title",
        "other",
        "name",
        "caption",
        "key",
        "text",
        "depth",
    ]
    hostile = draw(st.sampled_from(kinds))

    def value(kind: str, usual: st.SearchStrategy[str], odd: st.SearchStrategy[str]) -> str:
        return draw(odd if hostile == kind else usual)

    return Generated(
        key=value("key", plain_key, st.sampled_from(YAML_KEYS)),
        name=value("name", plain_text, hostile_text),
        caption=value("caption", plain_text, hostile_text),
        title=value("title", plain_text, hostile_text),
        other_title=value("other", st.one_of(plain_text, st.sampled_from(TRICKY_TITLES)), hostile_text),
        day=value("day", st.just("2020-03-02"), any_day),
        due=draw(st.one_of(st.none(), any_day)) if hostile == "due" else draw(st.one_of(st.none(), usual_day)),
        hearing=value("hearing", usual_day, any_day),
        body=draw(bodies(hostile)),
    )


TRICKY_TITLES = ["Ends in a backslash \\", "Holds --> an end", 'Quotes " and \\"', "[brackets]( and *stars*"]


def yaml_text(value: str) -> str:
    """A value as an attacker writes it: a JSON string, which YAML reads with its escapes (\\ufffe...)."""
    return json.dumps(value)


def write(root: Path, item: Generated) -> None:
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    with (root / "people.yml").open("a", encoding="utf-8") as people:
        people.write(f"{item.key}:\n  name: {yaml_text('M ' + item.name)}\n  role: attorney\n")
    case = (root / "alpha" / "case.yml").read_text("utf-8")
    (root / "alpha" / "case.yml").write_text(
        re.sub(r"(?m)^caption: .*$", lambda _: f"caption: {yaml_text('In re ' + item.caption)}", case), "utf-8"
    )
    author = item.key.strip("'\"")
    other = [
        "---",
        f"title: {yaml_text(item.other_title)}",
        "date: 2020-02-03",
        "case: alpha",
        "type: status letter",
        "authors:\n  - person: casey-fixture-2",
        "addressee: judge-testwood",
        f"summary: {yaml_text(synthetic.MARK)}",
        "---",
        "",
        f"Dear Judge Testwood:\n\n{synthetic.MARK} The other letter.",
    ]
    (root / "alpha" / "2020-02-03-status-letter.md").write_text("\n".join(other) + "\n", "utf-8")
    front = [
        "---",
        f"title: {yaml_text(item.title)}",
        f"date: {item.day}",
        "case: alpha",
        "type: status letter",
        f"authors:\n  - person: {author}",
        "addressee: judge-testwood",
        f"summary: {yaml_text(synthetic.MARK + ' ' + item.title)}",
        f"hearings:\n  - date: {item.hearing}\n    what: {yaml_text('hearing ' + item.name)}",
        "references:\n  letters:\n    - text: status letter dated February 3, 2020\n      date: 2020-02-03",
    ]
    if item.due:
        front.append(f"next_report_due: {item.due}")
    name = f"{item.day}-generated.md" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", item.day) else "2020-03-02-generated.md"
    text = "\n".join([*front, "---", "", "\n\n".join(item.body.markdown)]) + "\n"
    (root / "alpha" / name).write_bytes(text.encode("utf-8", "surrogatepass"))  # a lone surrogate: bytes no UTF-8 has


WORD = re.compile(r"w\d{5}")


def words_of(html_body: str) -> list[str]:
    import html as html_module

    import nh3

    from docket_archive.formats.bodytext import sanitize

    return WORD.findall(html_module.unescape(nh3.clean(sanitize(html_body), tags=set())))


def assert_builds(root: Path, item: Generated) -> dict | None:
    """The invariant; returns the generated site when check passed (None when it refused)."""
    archive, problems = load_archive(root)
    if problems.errors:
        return None
    site = build_pages(archive, BUILD_DATE, letters_root=root)  # every page and asset writer: must not raise
    for letter in archive.letters:
        pages = [path for path in site.pages if path == paths.letter(letter)]
        assert len(pages) == 1, f"{letter.id}: {len(pages)} pages"
    generated = next(letter for letter in archive.letters if letter.id.endswith("-generated"))
    page = site.pages[paths.letter(generated)]
    shown = words_of(page.body)
    missing = [w for w in item.body.shown if w not in shown]
    assert missing == [], f"words of the text not on the page: {missing}"
    leaked = [w for w in item.body.hidden if w in shown]
    assert leaked == [], f"words of an editorial comment on the page: {leaked}"
    assert visible_text(generated.body)  # the quick answer agrees: the page has words
    for path, data in site.assets.items():
        if path.endswith(".xml"):
            feed = feedparser.parse(data)
            assert not feed.bozo, f"{path}: {feed.bozo_exception}"
        elif path.endswith(".ics"):
            icalendar.Calendar.from_ical(data)
    schema = json.loads((REPO / "scripts/docket_archive/schema/export.schema.json").read_text("utf-8"))
    export = json.loads(site.assets[paths.EXPORT_ARCHIVE])
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(export)
    return {"archive": archive, "site": site}


@SETTINGS
@given(archives())
# found by the red team: each crashed a writer or lost text while check passed
@example(Generated("alex", "x", "c", "T", "other", "2020-03-02", "9999-12-31", "2020-04-01", Body(["Dear Judge:"])))
@example(Generated("alex", "x", "c", "T \ufffe", "other", "2020-03-02", None, "2020-04-01", Body(["Dear Judge:"])))
@example(Generated("alex", "Zed \uffff", "c", "T", "other", "2020-03-02", None, "2020-04-01", Body(["Dear Judge:"])))
@example(Generated("null", "x", "c", "T", "other", "2020-03-02", None, "2020-04-01", Body(["Dear Judge:"])))
@example(Generated("yes", "x", "c", "T", "other", "2020-03-02", None, "2020-04-01", Body(["Dear Judge:"])))
@example(Generated("1.5", "x", "c", "T", "other", "2020-03-02", None, "2020-04-01", Body(["Dear Judge:"])))
def test_what_check_accepts_builds_whole(item: Generated) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "letters"
        write(root, item)
        assert_builds(root, item)


def deep_list(depth: int) -> Body:
    markdown, words = nested_list(depth, ordered=True)
    after = word()
    return Body([f"Dear Judge Testwood:\n\n{synthetic.MARK}", markdown, after], [*words, after])


def test_a_list_ten_deep_renders_whole_and_twenty_deep_is_refused(tmp_path: Path) -> None:
    for depth, accepted in ((10, True), (25, False)):
        root = tmp_path / str(depth) / "letters"
        item = Generated("alex", "x", "c", "Deep", "other", "2020-03-02", None, "2020-04-01", deep_list(depth))
        write(root, item)
        built = assert_builds(root, item)
        assert (built is not None) == accepted, depth
        if not accepted:
            _, problems = load_archive(root)
            assert any("nested too deeply" in p.message and p.line > 1 for p in problems.errors)


def test_titles_that_end_in_a_backslash_or_hold_a_comment_end_break_nothing(tmp_path: Path) -> None:
    body = Body(["Dear Judge Testwood:", synthetic.MARK])
    for make in (_comment, _mention):
        markdown, shown, hidden = make(None)
        body.markdown.append(markdown)
        body.shown += shown
        body.hidden += hidden
    for number, title in enumerate(["Ends in a backslash \\", "Holds --> the end of a note", 'A "quoted" \\" title']):
        root = tmp_path / str(number) / "letters"
        item = Generated("alex", "x", "c", "T", title, "2020-03-02", None, "2020-04-01", body)
        write(root, item)
        built = assert_builds(root, item)
        assert built is not None
        generated = next(letter for letter in built["archive"].letters if letter.id.endswith("-generated"))
        page = built["site"].pages[paths.letter(generated)]
        assert re.search(r'<a href="[^"]*2020-02-03-status-letter/"', page.body), "the mention is not a link"
        assert "](" not in page.body, "raw Markdown of a link is on the page"


# -- a handful through MkDocs --------------------------------------------------------------------


def accepted(item: Generated) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp) / "letters", item)
        return not load_archive(Path(tmp) / "letters")[1].errors


@settings(
    max_examples=3,
    phases=[Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    derandomize=True,
)
@given(archives().filter(accepted))  # only archives check accepts: each is built, and must build
def test_what_check_accepts_mkdocs_builds_strictly(item: Generated) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        letters = Path(tmp) / "letters-src"
        write(letters, item)
        project = copy_repo_site(Path(tmp), letters)
        site = mkdocs_build(project)  # --strict, with the search index: fails on any warning or error
        assert (site / "search-index" / "manifest.json").is_file()
        page = next((site / "letters" / "alpha").glob("*-generated/index.html")).read_text("utf-8")
        shown = words_of(page[page.index('class="docket-letter"') :])
        assert [w for w in item.body.shown if w not in shown] == []
        assert [w for w in item.body.hidden if w in shown] == []


# -- words in, words out: real letters ------------------------------------------------------------

REAL_LETTERS = REPO.parent / "shared" / "real-letters"
TOKEN = re.compile(r"[A-Za-z0-9]+")


def tokens(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(text))


class _Shown(HTMLParser):
    """The text a browser shows of an HTML fragment: its text, and the numbers of ordered lists' items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.numbers: list[int] = []  # the next number of each open list (-1: not numbered)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ol":
            self.numbers.append(int(dict(attrs).get("start") or 1))
        elif tag == "ul":
            self.numbers.append(-1)
        elif tag == "li" and self.numbers and self.numbers[-1] >= 0:
            self.parts.append(f" {self.numbers[-1]} ")
            self.numbers[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self.numbers:
            self.numbers.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_tokens(page_body: str) -> Counter[str]:
    shown = _Shown()
    shown.feed(page_body)
    shown.close()
    return tokens(" ".join(shown.parts))


def test_every_word_of_the_archived_letters_is_on_their_pages() -> None:
    archive, problems = load_archive(REPO / "letters")
    assert not problems.errors
    site = build_pages(archive, BUILD_DATE, letters_root=REPO / "letters")
    for letter in archive.letters:
        shown = page_tokens(site.pages[paths.letter(letter)].body)
        assert tokens(letter.body) - shown == Counter(), f"{letter.id}: words of the text not on its page"


def test_every_word_of_the_real_letters_is_on_their_pages(tmp_path: Path) -> None:
    sources = sorted(REAL_LETTERS.glob("*.txt")) if REAL_LETTERS.is_dir() else []
    if not sources:
        pytest.skip(f"{REAL_LETTERS} is absent")
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    for number, source in enumerate(sources, start=1):
        text = source.read_text("utf-8")  # read in place: never copied into the repository
        front = [
            "---",
            f"title: {json.dumps(source.stem)}",
            f"date: 2020-01-{number:02d}",
            "case: alpha",
            "type: status letter",
            "authors:\n  - person: casey-fixture-2",
            "addressee: judge-testwood",
            f"summary: {json.dumps(synthetic.MARK + ' Its text is a real letter, read in place for this test.')}",
            "---",
            "",
        ]
        (root / "alpha" / f"2020-01-{number:02d}-real-{number}.md").write_text("\n".join(front) + text, "utf-8")
    archive, problems = load_archive(root)
    refused = {p.path for p in problems.errors}
    site = build_pages(archive, BUILD_DATE, letters_root=root)
    for letter in archive.letters:
        shown = page_tokens(site.pages[paths.letter(letter)].body)
        assert tokens(letter.body) - shown == Counter(), f"{letter.id}: words of the text not on its page"
    assert len(archive.letters) + len(refused) == len(sources), "a letter neither published nor refused"
