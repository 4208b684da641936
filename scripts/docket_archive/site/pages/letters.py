"""Letter pages: the header card, the letter's text (sanitized HTML), and its links."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from docket_archive.domain.model import DocketReference, Letter
from docket_archive.formats.bodytext import render_body, render_plain_with_links
from docket_archive.links import mentions
from docket_archive.links.docket import DocketItem
from docket_archive.runtime.parallel import spread
from docket_archive.search.documents import page_json

from .. import paths
from ..files import following as follow
from ..groupings import Site, case_split
from ..page import Page
from ..render import Renderer
from ..trail import letter_trail


def build(site: Site, render: Renderer) -> dict[str, Page]:
    letters = site.archive.letters
    memo = render.memo
    if memo is not None:
        # Pages kept between rebuilds live in this process: a child's would be lost.
        # Only the letters whose page may show something new are looked at; the
        # others' pages are kept as they are (links.keptlinks says which).
        touched = site.touched_letters
        ids = memo.ids_of(letters)
        # A letter's trail leads to its year on its case's page, or to the year's own page once the
        # case is long: a case that became long or short since touches every letter filed in it.
        split = frozenset(key for key in site.archive.cases if case_split(site.archive, key))
        if touched is not None and memo.split_cases is not None and split != memo.split_cases:
            touched = touched | {
                letter.id
                for key in split ^ memo.split_cases
                for letter in site.archive.letters_of_case(key)
                if letter.case == key
            }
        memo.split_cases = split
        # `touched` is since the last update of the links: the kept pages must be of that build (a
        # build that failed after the update would otherwise leave its letters' pages behind).
        generation = memo.links.updates
        held = memo.letter_pages
        last = held[1:] if held is not None and held[0] == generation - 1 else None
        memo.letter_pages = None  # until this build's are all made
        made: dict[str, Page]
        if touched is not None and last is not None and last[0] == ids:
            # The same letters in the same order (an edit that moves none): the last build's
            # pages, and the touched letters' made again; no other letter is looked at.
            made = dict(last[1])
            memo.keep_all(made.keys() - {paths.letter(letter_id) for letter_id in touched})
            by_id = site.archive.letter_by_id
            for letter_id in touched:
                made[paths.letter(letter_id)] = letter_page(site, render, by_id[letter_id])
        elif touched is not None and last is not None:
            # Letters came, went or moved: the others' pages taken by path, in the new order.
            made, before = {}, last[1]
            for letter_id, letter in zip(ids, letters, strict=True):
                path = paths.letter(letter_id)
                page = before.get(path) if letter_id not in touched else None
                made[path] = page if page is not None else letter_page(site, render, letter)
            memo.keep_all([path for path in made if path in before and made[path] is before[path]])
        else:
            made = {paths.letter(letter): letter_page(site, render, letter) for letter in letters}
        memo.letter_pages = (generation, ids, made)
        return made
    # A page per letter, the same work each: spread over the cores. The
    # cross-links and dockets are computed first, once, for every process to inherit.
    _ = site.links, site.numbered_entries

    def pages(some: Sequence[Letter]) -> list[Page]:
        return [letter_page(site, render, letter) for letter in some]

    return dict(zip(map(paths.letter, letters), spread(pages, letters), strict=True))


def letter_page(site: Site, render: Renderer, letter: Letter) -> Page:
    here = paths.letter(letter)
    archive = site.archive
    links = site.links[letter.id]

    numbered = site.numbered_entries.get(letter.case, {})
    # What the page shows of other letters: its links, and the letters and
    # docket entries its text mentions. With the letter, they are all the page
    # depends on (besides the registries, options and build date, which every page reads).
    # The scan of its own text is kept with the letter between rebuilds (an
    # LRU sized below the archive, walked in the same order each time, never hit).
    found = mentions.find_mentions(
        letter, links, archive, paths.letter, paths.docket_entry, numbered=numbered, scanned=site.scan(letter)
    )
    # Docket references the case.yml does not list are entries of the case's docket all the same.
    docket_refs = tuple((ref, entry or _derived(site, ref)) for ref, entry in links.docket)

    where = letter_trail(letter, archive.cases[letter.case], case_split(archive, letter.case))

    def make() -> Page:
        def href(target: str) -> str:
            return paths.relative_url(here, target)

        body = render_plain_with_links(letter.body, [(m.start, m.end, href(m.target), m.title) for m in found])
        if body is None:  # not plain text: the links written into its Markdown
            body = render_body(mentions.link_mentions(letter.body, found, href))
        return render.page(
            "letter.html.j2",
            here,
            title=letter.title,
            description=letter.summary,
            meta={
                **follow.alternates(site, case_key=letter.case),
                **where,
                # The original beside the text needs the width of the table of contents.
                **({"hide": ["toc"]} if letter.original else {}),
            },
            keep=False,  # kept below, by its inputs, before its text is rendered
            held=False,
            letter=letter,
            cases=[archive.cases[key] for key in letter.cases],
            links=links,
            docket_refs=docket_refs,
            body=Markup(body),  # noqa: S704 - sanitized by nh3 in bodytext
            search_data=Markup(page_json(letter, archive)),  # noqa: S704 - escaped for a script element by page_json
        )

    return render.kept(here, (letter, links, tuple(found), docket_refs, where), make)


def _derived(site: Site, ref: DocketReference) -> DocketItem | None:
    for item in site.dockets.get(ref.case, ()):
        if (ref.number and item.number == ref.number) or (not ref.number and ref.date and item.date == ref.date):
            return item
    return None
