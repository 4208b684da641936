"""Rendering pages from the Jinja2 templates in templates/.

Templates write HTML with autoescape on: every value from a letter or a
registry is escaped for the HTML text or attribute it lands in, by
construction rather than by remembering a filter. The only unescaped HTML is
the letter's text, which bodytext.render_body has sanitized (and marked safe).

A page is its front matter (title and description HTML-escaped, because
Material prints them into <title>, the header and <meta> without escaping)
and its finished HTML, with the list of its section headings for the table of
contents. The MkDocs plugin hands the HTML to the theme as it is: running it
through Python-Markdown again only to pass it through took half of the build.
`Page.markdown` is the same page as a Markdown file, for engines that read
files (`docket build --out`): front matter, the HTML, and the section
headings as Markdown headings so that they reach that engine's table of
contents too.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.filters import do_join
from jinja2.runtime import Context
from markupsafe import Markup, escape

from docket_archive.domain.model import Letter
from docket_archive.law import personnames as names
from docket_archive.links.docket import DocketItem

from . import paths
from .memo import PageMemo, comparable
from .page import Heading, Page, page_meta
from .topics import topic_name


# Every page writes dates by the dozen, and an archive's letters share their days (the
# pages are made in date order): a day is written out once while it is in use. Bounded:
# a hostile archive could name millions of days.
@functools.lru_cache(maxsize=1 << 16)
def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def truncate_words(text: str, count: int) -> str:
    words = text.split()
    return text if len(words) <= count else " ".join(words[:count]) + " …"


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def dated_title(letter: Letter) -> str:
    """ "Title, June 22, 2009", but never the date twice: a title such as "Joint
    status letter of July 20, 2009" already says it."""
    day = long_date(letter.date)
    if day in letter.title or letter.date.isoformat() in letter.title:
        return letter.title
    return f"{letter.title}, {day}"


def years_counted(letters: Sequence[Letter]) -> list[tuple[int, int]]:
    """(year, how many letters), newest year first: what `groupby("date.year")|reverse` gave."""
    return sorted(Counter(letter.date.year for letter in letters).items(), reverse=True)


# Headings are the templates' own words, never a letter's: kept to plain words
# so the Markdown form of a heading cannot carry markup.
_PLAIN_HEADING = re.compile(r"[A-Za-z0-9 ,'-]+")


def _heading_maker(collected: list[Heading]) -> Any:
    def heading(level: int, text: str, id: str = "", classes: str = "") -> Markup:
        if not _PLAIN_HEADING.fullmatch(text):
            raise ValueError(f"a section heading must be plain words: {text!r}")
        made = Heading(level, id or slug(text), text, tuple(classes.split()))
        collected.append(made)
        return Markup(made.html)  # noqa: S704 - plain words and a slug, checked above

    return heading


# The links every page writes many of (a letter page a dozen), as the macros of
# _macros.html.j2 wrote them (which now call these): a macro call through Jinja
# cost several times the few strings put together here. Each value is escaped
# as the template's autoescape escapes it.
@pass_context
def person_link(context: Context, key: str) -> Markup:
    person = context["people"][key]
    href = escape(context["url"](paths.person(key)))
    # Jinja's join, as `person.aliases|join('; ')` in the template
    title = (
        f' title="Also written: {escape(do_join(context.eval_ctx, person.aliases, "; "))}"' if person.aliases else ""
    )
    return Markup(f'<a href="{href}"{title}>{escape(person.name)}</a>')  # noqa: S704 - every value escaped


@pass_context
def people_links(context: Context, keys: Sequence[str]) -> Markup:
    return Markup(", ".join([person_link(context, key) for key in keys]))  # noqa: S704 - links, escaped


def letter_kind(letter: Letter) -> Markup:
    kind = escape(capitalize_first(letter.type))
    return Markup(f"{kind} no. {escape(letter.sequence)}") if letter.sequence else kind  # noqa: S704 - escaped


@pass_context
def case_link(context: Context, key: str) -> Markup:
    href = escape(context["url"](paths.case(key)))
    return Markup(f'<a href="{href}">{escape(context["cases_by_key"][key].caption)}</a>')  # noqa: S704 - escaped


@pass_context
def topic_link(context: Context, tag: str) -> Markup:
    href = escape(context["url"](paths.tag(tag)))
    return Markup(f'<a href="{href}">{escape(topic_name(tag))}</a>')  # noqa: S704 - escaped


@pass_context
def letter_row(context: Context, letter: Letter, show_case: bool, new_year: bool, prefix: str) -> str:
    """One row of a table of letters (_macros.html.j2's `letter_table`); `new_year` puts the
    year's anchor on it. A letter is a row of ten tables or so (its case, year, people, topics)."""
    anchor = f' id="{escape(prefix)}{escape(paths.year_anchor(letter.date.year))}"' if new_year else ""
    day = escape(letter.date.isoformat())
    cases = (
        f'<td data-label="Case">{"; ".join([case_link(context, key) for key in letter.cases])}</td>'
        if show_case
        else ""
    )
    people = context["people"]
    authors = "; ".join([escape(people[author.person].name) for author in letter.authors])
    return (
        f'<tr{anchor}><td data-label="Date" data-sort="{day}" class="docket-nowrap">{day}</td>{cases}'
        f'<td data-label="Letter"><a href="{escape(context["url"](paths.letter(letter)))}">{escape(letter.title)}</a></td>'
        f'<td data-label="Type">{escape(capitalize_first(letter.type))}</td>'
        f'<td data-label="No." class="docket-nowrap">{escape(letter.sequence or "")}</td>'
        f'<td data-label="Authors">{authors}</td>'
        f'<td data-label="Summary" class="docket-summary">{summary_cell(letter.summary)}</td></tr>\n'
    )


def summary_cell(text: str, words: int = 30) -> str:
    """A summary short enough for a table cell, the rest one click away."""
    every = text.split()
    if len(every) <= words + 8:
        return escape(text)
    return (
        f'{escape(" ".join(every[:words]))}<details class="docket-more"><summary>…<span class="docket-more__label">'
        f'more</span></summary><span class="docket-more__rest"> {escape(" ".join(every[words:]))}</span></details>'
    )


def templates_stamp() -> tuple[tuple[str, int], ...]:
    """When each template was last saved: a page kept between rebuilds was
    rendered by the templates of its time (they are edited while serving, too)."""
    folder = Path(__file__).resolve().parent / "templates"
    return tuple(sorted((path.name, path.stat().st_mtime_ns) for path in folder.glob("*.j2")))


@functools.cache
def _environment() -> Environment:
    # One for the process: compiling the templates again for each rebuild of
    # `mkdocs serve` took longer than rendering the pages an edit changes.
    env = Environment(
        loader=PackageLoader("docket_archive.site", "templates"),
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        long=long_date,
        iso=date.isoformat,
        slug=slug,
        truncate_words=truncate_words,
        capitalize_first=capitalize_first,
        dated_title=dated_title,
        years_counted=years_counted,
        topic_name=topic_name,
        sort_name=lambda person: ", ".join(part for part in names.sort_key(person) if part),
    )
    env.globals.update(
        paths=paths,
        # named apart from the macros that call them
        html_person_link=person_link,
        html_people_links=people_links,
        html_letter_kind=letter_kind,
        html_case_link=case_link,
        html_topic_link=topic_link,
    )
    return env


class Renderer:
    def __init__(self, memo: PageMemo | None = None, pack: bool = False, **globals_: object) -> None:
        self.memo = memo
        self.pack = pack  # pages held until the engine writes them come packed (`Page.packed`)
        self.env = _environment()
        self.globals = globals_  # this build's: registries, the archive, the follow links

    def page(
        self,
        template: str,
        here: str,
        title: str,
        description: str = "",
        meta: dict[str, object] | None = None,  # more front matter, e.g. the feeds a page announces
        keep: bool = True,  # False for a page whose template reads the archive beyond its context
        held: bool = True,  # False for a page written as soon as it is made (a letter's): never packed
        **context: Any,
    ) -> Page:
        def make() -> Page:
            page = self.render(template, here, title, description, meta, cached_links=held, **context)
            return page.packed() if self.pack and held else page

        if not keep:
            return make()
        inputs = (template, title, description, meta, {name: comparable(value) for name, value in context.items()})
        return self.kept(here, inputs, make)

    def kept(self, here: str, inputs: object, make: Callable[[], Page]) -> Page:
        """The page made by `make`, or the same page kept from the last build if `inputs` are equal."""
        return make() if self.memo is None else self.memo.page(here, inputs, make)

    def render(
        self,
        template: str,
        here: str,
        title: str,
        description: str = "",
        meta: dict[str, object] | None = None,
        cached_links: bool = True,  # False: links worked out afresh (`paths.url` uncached)
        **context: Any,
    ) -> Page:
        headings: list[Heading] = []
        rows = _RowKeeper(self.memo.rows.get(here, {}) if self.memo is not None else None)
        body = self.env.get_template(template).render(
            **self.globals,
            url=functools.partial(paths.url if cached_links else paths.relative_url, here),
            here=here,
            heading=_heading_maker(headings),
            letter_rows=rows.table,
            docket_rows=rows.docket,
            **context,
        )
        if self.memo is not None:
            self.memo.rows[here] = rows.made
        return Page(page_meta(title, description, **(meta or {})), _tidy(body), tuple(headings))


class _RowKeeper:
    """The rows of a table of letters, each kept with its letter from the page's last rendering
    (`mkdocs serve`): the same letter object, in the same place, is the same row. The page
    itself is rendered again only when its inputs change (memo), and then only the rows of
    the letters that changed are written again; the others are looked up, in Python, not
    walked in the template (a case of 10,000 letters was 60,000 template calls a save).
    The rows of a docket's table are kept alike, each with an entry equal to its own."""

    def __init__(self, last: dict[Hashable, tuple[object, str]] | None) -> None:
        self.last = last
        self.made: dict[Hashable, tuple[object, str]] = {}

    @pass_context
    def table(
        self, context: Context, letters: Sequence[Letter], show_case: bool, year_anchors: bool, prefix: str
    ) -> Markup:
        """The table's rows (`letter_row`), a year's anchor on the first of each year."""
        last, made, out = self.last, self.made, []
        row = functools.partial(letter_row, context)
        year = None
        for letter in letters:
            new_year = year_anchors and letter.date.year != year
            year = letter.date.year
            if last is None:
                out.append(row(letter, show_case, new_year, prefix))
                continue
            key = (letter.id, show_case, new_year, prefix)
            held = last.get(key)
            text = held[1] if held is not None and held[0] is letter else row(letter, show_case, new_year, prefix)
            made[key] = (letter, text)
            out.append(text)
        return Markup("".join(out))  # noqa: S704 - each row escaped by letter_row

    def docket(self, entries: Sequence[DocketItem], row: Callable[[DocketItem], str]) -> Markup:
        """The rows of a docket's table: an entry equal to the last rendering's (the same letters
        citing it, compared by identity first) is the same row."""
        last, made, out = self.last, self.made, []
        for entry in entries:
            if last is None:
                out.append(str(row(entry)))
                continue
            key = ("docket", entry.number, entry.date)
            held = last.get(key)
            text = held[1] if held is not None and held[0] == entry else str(row(entry))
            made[key] = (entry, text)
            out.append(text)
        return Markup("".join(out))  # noqa: S704 - each row is the macro's output, escaped by the template


def _tidy(text: str) -> str:
    # Markdown ends a raw HTML block at a blank line in some engines: keep blank
    # lines only where the template separates blocks (marked by two or more).
    text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
    return text.strip("\n") + "\n"
