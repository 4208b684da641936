"""Pages: the validated Archive in, the site's pages out.

Pure functions with no MkDocs import. Each page kind has its builder, a
function `(Site, Renderer) -> {path: page text}`, registered in BUILDERS:
adding a page kind, a feed or an export is adding one entry there.
`build_pages` returns every generated page, the files to publish as they are
(the original letters) and which few pages the nav lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docket_archive.domain.model import Archive, Letter

from . import paths
from .files import following as follow
from .files import formdata, searchdata, searchfeeds
from .groupings import LONG_LIST, Site, SiteOptions
from .memo import PageMemo, fresh, fresh_groups, fresh_in_order, fresh_tally
from .page import Page
from .pages import cases, chronology, fieldref, home, letters, people, topics
from .render import Renderer, templates_stamp

__all__ = [
    "ASSET_BUILDERS",
    "BUILDERS",
    "LONG_LIST",
    "GeneratedSite",
    "LetterPages",
    "Page",
    "PageMemo",
    "SiteOptions",
    "build_pages",
]

Builder = Callable[[Site, Renderer], dict[str, Page]]
AssetBuilder = Callable[[Site], dict[str, bytes]]  # files that are not pages: data, feeds, exports

BUILDERS: tuple[Builder, ...] = (
    letters.build,
    home.build,
    chronology.build,
    cases.build,
    people.build,
    topics.build,
    fieldref.build,
)

ASSET_BUILDERS: tuple[AssetBuilder, ...] = (
    formdata.build,
    searchdata.build,
    follow.build_feeds,
    searchfeeds.build,
    follow.build_calendars,
    follow.build_exports,
)

# The few pages the nav lists; letters, people and years never are (every page
# renders the whole nav, so listing them would make the build quadratic).
IN_NAV = frozenset({paths.HOME, paths.ARCHIVE, paths.CASES, paths.PEOPLE, paths.FIRMS, paths.TAGS, paths.FIELDS})


@dataclass(frozen=True)
class LetterPages:
    """The letter pages, to be made one at a time where they are written.

    Letter pages are nine in ten of the site's pages and each is made alone,
    so an engine may make them in other processes and write each at once,
    instead of holding them all (`build_pages(letter_pages=False)`). Made
    here, each is the page `build_pages` would have returned."""

    site: Site
    render: Renderer

    @property
    def letters(self) -> tuple[Letter, ...]:
        return self.site.archive.letters  # oldest first, the order search parts fill in

    def prepare(self) -> None:
        """What every letter page reads, made once here (before forking: children inherit it)."""
        _ = self.site.links

    def make(self, letter: Letter) -> Page:
        return letters.letter_page(self.site, self.render, letter)


@dataclass(frozen=True)
class GeneratedSite:
    pages: dict[str, Page]  # site path -> page (front matter, then HTML)
    files: dict[str, Path] = field(default_factory=dict)  # site path -> file to copy (originals)
    assets: dict[str, bytes] = field(default_factory=dict)  # site path -> generated content (data, feeds)
    in_nav: frozenset[str] = IN_NAV
    letters: LetterPages | None = None  # the letter pages, when left out of `pages` to be made as written
    handed_over: tuple[str, ...] = ()  # site paths of the assets given to `build_pages`' `hand_over`, in order


def build_pages(
    archive: Archive,
    build_date: date,
    letters_root: Path | None = None,
    options: SiteOptions | None = None,
    memo: PageMemo | None = None,
    letter_pages: bool = True,
    pack: bool = False,
    hand_over: Callable[[str, bytes], None] | None = None,
) -> GeneratedSite:
    """Every generated page of the site. Same archive and build date, same pages.

    With a `memo` kept between builds (`mkdocs serve`), only the pages whose
    inputs changed are rendered again; the result is the same. Without
    `letter_pages`, the letter pages are left out of `pages` and the site's
    `letters` makes each on demand. With `pack`, the pages other than letters'
    come packed (`Page.packed`): an engine that holds them all until it writes
    them holds a tenth as much. With `hand_over`, each asset (data, feeds,
    calendars, exports) is given to it as soon as its builder has made it, and
    not kept: the site's `handed_over` lists them instead of `assets` (the
    exports alone are over 100 MB at 100,000 letters, and were all held until
    the last was made)."""
    site = Site(
        archive,
        build_date,
        options or SiteOptions(),
        memo.part if memo is not None else fresh,
        memo.links if memo is not None else None,
        memo.in_order if memo is not None else fresh_in_order,
        memo.tally if memo is not None else fresh_tally,
        memo.groups if memo is not None else fresh_groups,
    )
    if memo is not None:
        memo.begin((archive.people, archive.cases, site.options, build_date, templates_stamp()))
    globals_ = {"people": archive.people, "cases_by_key": archive.cases, "archive": archive}
    render = Renderer(memo, pack=pack, follow=follow.Follow(site), **globals_)
    pages: dict[str, Page] = {}
    for builder in BUILDERS:
        if letter_pages or builder is not letters.build:
            pages.update(builder(site, render))
    files = {}
    if letters_root is not None:
        for letter in archive.letters:
            if letter.original and letter.original.published:
                files[paths.original(letter.original.path)] = Path(letters_root) / letter.original.path
    assets: dict[str, bytes] = {}
    handed_over: dict[str, None] = {}  # (in order, each once, as `assets` would hold them)
    for asset_builder in ASSET_BUILDERS:
        if hand_over is None:
            assets.update(asset_builder(site))
        else:
            handed_over.update(_hand_over(asset_builder(site), hand_over))
    if memo is not None:
        memo.end()
    later = None if letter_pages else LetterPages(site, render)
    return GeneratedSite(pages=pages, files=files, assets=assets, letters=later, handed_over=tuple(handed_over))


def _hand_over(made: dict[str, bytes], hand_over: Callable[[str, bytes], None]) -> dict[str, None]:
    """Hands each asset over; returns their paths. (A function, so nothing holds them after.)"""
    for path, data in made.items():
        hand_over(path, data)
    return dict.fromkeys(made)
