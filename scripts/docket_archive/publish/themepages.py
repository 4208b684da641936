"""Letter pages through the engine's theme, written outside its page loop.

MkDocs reads every page of the site, holds them all, and only then renders
each through the theme and writes it: at 100,000 letters it held 2.9 GB,
nine tenths of it letter pages, and rendered them on one core. A letter page
needs nothing MkDocs gathers from the other pages: its HTML is finished
(`site.pages.letters`), it is not in the nav, and the nav is the same for
every page. So the plugin hands MkDocs only the few hundred index and
hand-written pages, and the letter pages are rendered here, once MkDocs has
its nav and theme (its `env` event): each made, passed through the theme's
compiled template with the context MkDocs gives a page, through the page
events that act on a rendered page (`page_context`, `post_page`), and written
to disk at once, in forked processes on every core (`runtime.parallel.in_turns`).
The bytes are those MkDocs would have written: a test builds a site both ways
and compares every file.

What MkDocs does for a page before that (reading its Markdown, rendering it,
the events on Markdown and content) is skipped: a letter page has no
Markdown; its front matter, HTML and table of contents are set directly, as
the plugin's own `page_markdown` and `page_content` events set them.

The sitemap lists every page; MkDocs writes it from the pages it knows, so
the letter pages' entries are added to it (`with_letters_in_sitemap`), where
MkDocs would have listed them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from docket_archive.domain.model import Letter
from docket_archive.formats.bodytext import load_parser
from docket_archive.runtime import safewrite
from docket_archive.runtime.parallel import in_turns
from docket_archive.site.build import LetterPages
from docket_archive.site.page import Page as GeneratedPage
from docket_archive.site.paths import letter as letter_path
from docket_archive.site.paths import page_url

from .pageskeleton import PageSkeletons
from .sharedpartials import SharedPartials

CHUNK = 200  # letters per turn: small enough that search hears of a part soon after its last page
# Letters a folder needs for its page skeleton to be learnt before forking (`write_letter_pages`):
# learning costs about four pages' rendering and saves most of the theme's work on each page after.
LEARN_FROM = 8


class ThemedPages:
    """Renders generated pages as MkDocs would, with the theme's template, outside MkDocs' page loop."""

    def __init__(self, config: MkDocsConfig, nav: Navigation, env: Any, doc_files: Sequence[File]) -> None:
        self.config = config
        self.nav = nav
        self.env = env
        self.doc_files = doc_files
        # The theme with the nav, tabs and table of contents rendered once and reused
        # (every page passed here is kept out of the nav).
        self.shared = SharedPartials(env, nav, config)
        self.page_env = self.shared.env
        # The whole page kept with holes for the page's own values (pageskeleton).
        self.skeletons = PageSkeletons(self.shared)

    def html(self, path: str, made: GeneratedPage) -> str:
        """The page's finished HTML, as MkDocs would write it for a generated page `path`."""
        config = self.config
        file = File.generated(config, path, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        page = Page(None, file, config)
        page.markdown = ""
        page.meta = dict(made.meta)
        page.content = made.body
        page.toc = get_toc([{"level": h.level, "id": h.id, "name": h.text, "children": []} for h in made.headings])
        config._current_page = page
        try:
            page.active = True
            context = get_context(self.nav, self.doc_files, config, page)
            name = page.meta.get("template", "main.html")
            template = self.page_env.get_template(name)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = self.skeletons.render(name, context, page)
            if output is None:
                output = template.render(context)
            return config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None

    def write(self, path: str, made: GeneratedPage) -> str:
        """Renders the page and writes it into the site; returns where, relative to the site."""
        written = page_url(path) + "index.html"
        output = self.html(path, made)
        if output.strip():  # as MkDocs: an empty page is not written
            site_dir = Path(self.config.site_dir)
            # never through a link planted in the output, which would send the page elsewhere
            safewrite.replace_bytes(site_dir / written, output.encode("utf-8", errors="xmlcharrefreplace"), site_dir)
        return written


def write_letter_pages(
    themed: ThemedPages, letters: LetterPages, written: Callable[[str], None], only: Sequence[Letter] | None = None
) -> int:
    """Every letter page (or those of `only`) rendered and written, on every core; `written(page)`
    is told of each page (relative to the site) once it is on disk, oldest letters first.
    Returns how many."""
    letters.prepare()
    themed.page_env.get_template("main.html")  # compiled once, before forking: children inherit it
    safewrite.make_given_folder(Path(themed.config.site_dir))  # the site folder the configuration names
    chosen = letters.letters if only is None else only
    chunks = [chosen[start : start + CHUNK] for start in range(0, len(chosen), CHUNK)]

    def work(chunk: Sequence[Any]) -> None:
        for letter in chunk:
            themed.write(letter_path(letter), letters.make(letter))

    def finished(index: int) -> None:
        for letter in chunks[index]:
            written(page_url(letter_path(letter)) + "index.html")

    def learn() -> None:
        # Before the children are forked: the theme's page learnt for the first letter of each
        # folder (a case's letters share one skeleton), so that every child inherits them
        # (children make none: pageskeleton). The pages are made and thrown away; each is
        # written in its turn. Only folders of LEARN_FROM letters or more: learning one costs
        # about four pages' rendering, here, before any child starts.
        load_parser()  # the Markdown parser too, which children would each import anew
        first_of_folder: dict[str, Letter] = {}
        count: Counter[str] = Counter()
        for letter in chosen:
            folder = letter_path(letter).rpartition("/")[0]
            first_of_folder.setdefault(folder, letter)
            count[folder] += 1
        for folder, letter in first_of_folder.items():
            if count[folder] >= LEARN_FROM:
                themed.html(letter_path(letter), letters.make(letter))

    in_turns(work, chunks, finished, before_forking=learn)
    return len(chosen)


def with_letters_in_sitemap(sitemap: str, themed: ThemedPages, paths: Iterable[str], before: str) -> str:
    """MkDocs' sitemap with the entries of the letter pages `paths`, placed where MkDocs lists them:
    before the entry of the generated page `before` (the first page added after the letters)."""
    template = themed.env.get_template("sitemap.xml")

    def entries(pages: list[str]) -> str:
        files = []
        for path in pages:
            file = File.generated(themed.config, path, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            Page(None, file, themed.config)
            files.append(file)
        context = get_context(themed.nav, files, themed.config, base_url=".")
        return template.render(context)

    empty = entries([])
    anchor = _between(entries([before]), empty)
    if not anchor or anchor not in sitemap:
        return sitemap  # no site_url: MkDocs lists no page at all
    found = list(paths)
    listed = "".join(_between(entries(found[start : start + 1000]), empty) for start in range(0, len(found), 1000))
    return sitemap.replace(anchor, listed + anchor, 1)


def _between(full: str, empty: str) -> str:
    """What a template's loop added to its output: `full` less the text the loop sits between."""
    start = 0
    while start < len(empty) and start < len(full) and full[start] == empty[start]:
        start += 1
    tail = len(empty) - start
    return full[start : len(full) - tail]
