"""The MkDocs plugin: thin glue between MkDocs' events and the plain-Python core.

All the work is done by loader, pages, csp and search, which know nothing of
MkDocs; this file only hands their output to MkDocs at the right moments.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from docket_archive.domain.model import Archive
from docket_archive.domain.problems import Problems
from docket_archive.load.archive import load_archive
from docket_archive.publish import csp, shards, themepages
from docket_archive.publish.searchindex import PART_LETTERS, BackgroundIndex, IndexAsWritten, SearchIndexError
from docket_archive.runtime import safewrite
from docket_archive.runtime.builddate import build_date
from docket_archive.runtime.terminal import count
from docket_archive.search import standing
from docket_archive.serve import preview, problempage
from docket_archive.serve.frozenheap import FrozenHeap
from docket_archive.serve.keptarchive import KeptArchive
from docket_archive.serve.lettercache import LetterCache
from docket_archive.serve.pagechanges import Changes, SiteChanges
from docket_archive.site import paths
from docket_archive.site.build import IN_NAV, GeneratedSite, LetterPages, PageMemo, SiteOptions, build_pages
from docket_archive.site.build import Page as GeneratedPage
from docket_archive.site.files.formdata import RepositoryError, github_repository
from docket_archive.site.paths import page_url

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class DocketConfig(Config):
    letters = c.Type(str, default="letters")  # relative to mkdocs.yml
    search = c.Type(bool, default=True)  # build the search index after the site
    search_part_letters = c.Type(int, default=PART_LETTERS)  # letters per part of the search index
    # "direct": letter pages rendered by the plugin through the theme, outside MkDocs'
    # page loop, on every core, each written at once (publish/themepages.py);
    # "engine": handed to MkDocs' page loop like every other page (what the
    # preview does, and the byte-for-byte reference a test compares against).
    letter_pages = c.Choice(("direct", "engine"), default="direct")
    repository = c.Type(
        str, default=""
    )  # on GitHub: owner/name or its address; where the Add a letter form proposes files
    branch = c.Type(str, default="main")


class DocketPlugin(BasePlugin[DocketConfig]):
    serving = False  # under `mkdocs serve`: errors become a page instead of a stopped build
    letters_cache: LetterCache | None = None
    kept_archive: KeptArchive | None = None
    page_memo: PageMemo | None = None
    heap: FrozenHeap | None = None
    settings = b""  # mkdocs.yml as the last build read it (under `serve --dirty`)
    site_changes: SiteChanges | None = None
    background_index: BackgroundIndex | None = None
    index_as_written: IndexAsWritten | None = None  # `mkdocs build`: search indexed while pages are written
    compiled_templates: preview.CompiledTemplates | None = None  # the theme's templates, compiled once a serve
    letters_watch: Any = None  # the native watch of letters/ under `mkdocs serve`
    change_log: preview.ChangeLog  # what it saw change since the last rebuild
    nav_titles: dict[str, str]  # under `serve --dirty`: the title of each page in the nav, as last rendered
    docs_stamps: dict[str, tuple[int, int] | None]  # and each hand-written page's file, as last rendered
    problems_page: str | None = None  # while the archive has errors, every page is this one
    trusted_scripts: frozenset[str] = frozenset()  # hashes of the inline scripts the templates write
    letters_later: LetterPages | None = None
    themed: themepages.ThemedPages | None = None  # `mkdocs build`: letter pages written outside MkDocs' page loop
    letters_written: list[str] | None = None  # their paths, once written (for the sitemap)
    nav: Navigation | None = None
    # `docket shard build` / `docket shard merge` set this before the build (publish/shards.py):
    # which letter pages and search parts this build writes, or copies in.
    sharding: shards.ShardBuild | shards.ShardMerge | None = None
    # Generated pages whose HTML is finished: MkDocs gets an empty Markdown
    # source for each, and the HTML and front matter go straight to the theme.
    finished: dict[str, GeneratedPage]

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Also keeps this plugin instance across the rebuilds of `mkdocs serve`,
        # and with it the letters read by the previous rebuild.
        self.serving = command == "serve"
        if self.serving:
            preview.end_as_ctrl_c_does()  # MkDocs then removes its temporary site folder
        self.finished = {}
        self.nav_titles = {}
        self.docs_stamps = {}
        self.letters_cache = LetterCache() if self.serving else None
        self.kept_archive = KeptArchive() if self.serving else None
        self.change_log = preview.ChangeLog()
        self.page_memo = PageMemo() if self.serving else None
        self.heap = FrozenHeap() if self.serving else None
        self.compiled_templates = preview.CompiledTemplates() if self.serving else None
        # `mkdocs serve --dirty`: MkDocs gets only the generated pages and files that changed.
        self.site_changes = SiteChanges() if self.serving and dirty else None

    def _letters_dir(self, config: MkDocsConfig) -> Path:
        # Absolute: `mkdocs serve -f mkdocs.yml` gives the first build a relative
        # config path and every rebuild an absolute one, and the letters kept
        # between rebuilds are keyed by their paths.
        return Path(os.path.abspath(Path(config.config_file_path).parent / self.config.letters))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Generated pages link to each other by folder URLs (letters/x/y/), the
        # default of MkDocs and Zensical alike.
        if not config.use_directory_urls:
            raise PluginError("the docket plugin needs use_directory_urls: true (the default) in mkdocs.yml")
        if self.config.search_part_letters < 1:
            raise PluginError(
                f"search_part_letters is {self.config.search_part_letters} in mkdocs.yml; "
                f"set it to a whole number of letters, at least 1 (the default is {PART_LETTERS})"
            )
        # The inline scripts a page may run are the templates' (the theme's and
        # the overrides'), known now, before any page exists: a script that
        # reaches a page any other way gets no hash and is blocked.
        root = urlsplit(config.site_url or "").path or "/"
        self.trusted_scripts = csp.trusted_hashes(
            [Path(folder) for folder in config.theme.dirs], scope=str(config.extra.get("scope") or ""), roots=[root]
        )
        try:
            github_repository(self.config.repository)
        except RepositoryError as error:
            raise PluginError(f"docket plugin: {error}") from error
        if self.serving:
            # The sitemap lists every page and is rendered on every rebuild; a
            # local preview has no use for it (`mkdocs build` still writes it).
            config.theme.static_templates.discard("sitemap.xml")
        if self.site_changes is not None:
            # Every page renders the nav and the theme's settings: after an
            # edit to mkdocs.yml, every page is written again.
            settings = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
            if settings != self.settings:
                self.settings = settings
                self.site_changes.forget()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Pages are generated here, before the nav is built, so the nav can
        # list the index pages; a broken letter stops the build with every
        # problem listed instead of a site that silently lacks a page.
        letters_dir = self._letters_dir(config)
        self.index_as_written = None
        archive, problems = self._load(letters_dir)
        problems.extend(standing.check(archive))
        for warning in problems.warnings:
            log.info(str(warning))
        self.problems_page = None
        if problems.errors and self.serving:
            return self._show_problems(files, problems, config)
        if problems.errors:
            raise PluginError("the letters archive has errors:\n" + "\n".join(map(str, problems.errors)))
        options = SiteOptions(self.config.repository, self.config.branch, self.config.letters, config.site_url or "")
        # `mkdocs build` writes the letter pages itself, in on_env (publish/themepages.py).
        direct = (not self.serving and self.config.letter_pages == "direct") or self.sharding is not None
        site = build_pages(
            archive,
            build_date(),
            letters_root=letters_dir,
            options=options,
            memo=self.page_memo,
            letter_pages=not direct,
            pack=not self.serving,  # held until MkDocs writes them (serve keeps its pages as made)
            # A build writes each export, feed and calendar into the site as it is made (a
            # shard's build writes none; serve compares them with the last build's).
            hand_over=_writer(Path(config.site_dir)) if not self.serving and self.sharding is None else None,
        )
        if self.sharding is not None:
            site = self.sharding.engine_site(site)
        self.letters_later, self.letters_written = site.letters, None
        self.finished = {path: page for path, page in site.pages.items() if not page.is_markdown}
        if self.site_changes is not None:
            # Every page written again (the first build, or after the problems page took every
            # URL): the hand-written ones too, though their files did not change. A later
            # rebuild renders again only those whose file changed, by its size and time stamp
            # as last seen, not MkDocs' "newer than its page" (a file copied with its old time
            # is changed too); the others' titles in the nav are kept (`on_nav`).
            everything = self.site_changes.everything
            for file in files.documentation_pages():
                stamp = _stamp(file.abs_src_path)
                if everything or stamp is None or self.docs_stamps.get(file.src_uri) != stamp:
                    file.content_string = file.content_string
                    self.docs_stamps[file.src_uri] = stamp
        changes = self.site_changes.update(site) if self.site_changes is not None else None
        if changes is not None:
            _remove_output(Path(config.site_dir), changes.removed_pages, changes.removed_files)
        _add_generated(files, site, changes, config, written=not self.serving)
        if self.config.search and self.site_changes is None and self.sharding is None:
            self.index_as_written = self._indexer(site, config)
        return files

    def _load(self, letters_dir: Path) -> tuple[Archive, Problems]:
        """The archive, read again where it changed under `mkdocs serve`."""
        cache = self.letters_cache
        if cache is None:
            return load_archive(letters_dir)
        reads, stats = cache.reads, cache.stats
        # What the native watch saw change since the last rebuild (None: not known, check all).
        changed = self.change_log.take()
        cache.expect(changed.paths if changed else None, changed.structure if changed else True)
        kept = self.kept_archive.assemble if self.kept_archive is not None else None
        archive, problems = load_archive(
            letters_dir, load=cache, find=cache.find_files, load_all=cache.load_all, assemble=kept
        )
        # What the preview read again: one letter per save, unless a registry changed.
        log.info(
            f"letters read: {cache.reads - reads} of {len(archive.letters)} ({cache.stats - stats} time stamps checked)"
        )
        return archive, problems

    def _indexer(self, site: GeneratedSite, config: MkDocsConfig) -> IndexAsWritten:
        # The letter pages are written oldest first (by MkDocs in the order
        # they are added, or by themepages), so the search index's parts
        # (spans of months) are complete one after another and the indexer
        # starts on each at once.
        if site.letters is not None:
            pages = [page_url(paths.letter(letter)) + "index.html" for letter in site.letters.letters]
        else:
            pages = [page_url(path) + "index.html" for path in site.pages if paths.is_letter(path)]
        try:
            return IndexAsWritten(Path(config.site_dir), pages, self.config.search_part_letters)
        except SearchIndexError as error:
            raise PluginError(str(error)) from error

    def _show_problems(self, files: Files, problems: Problems, config: MkDocsConfig) -> Files:
        # Serving a broken archive: the hand-written pages and the nav's pages
        # (placeholders, so the nav and links resolve without warnings, which
        # strict mode would turn into a stopped build) all become the list of
        # problems, and so does every other URL, through 404.html.
        # Logged as info: strict mode counts warnings and errors and would stop
        # the build, and the server would then hang every request again.
        log.info(f"the letters archive has {count(len(problems.errors), 'error')}, listed in the browser:")
        for problem in problems.errors:
            log.info(str(problem))
        self.problems_page = problempage.render(problems.items)
        if self.site_changes is not None:
            # A dirty build would leave the unchanged pages as they were: throw
            # the HTML away, so every URL shows the problems, and the site is
            # rendered whole again once they are fixed.
            _remove_output(Path(config.site_dir), None, [])
            self.site_changes.forget()
        for path in sorted(IN_NAV):
            files.append(File.generated(config, path, content="# The letters archive has errors\n"))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        finished = self.finished.get(page.file.src_uri)
        if finished is None:
            return markdown
        # The theme reads the title, description, feeds and trail from here.
        page.meta = dict(finished.meta)
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        finished = self.finished.get(page.file.src_uri)
        if finished is None:
            return html
        page.toc = get_toc([{"level": h.level, "id": h.id, "name": h.text, "children": []} for h in finished.headings])
        # MkDocs holds every page's content from here until the build ends: the
        # HTML is handed over only while the page is rendered (page_context to
        # post_page), so each page's is unpacked for its own moment, and the
        # build holds the index pages packed, a tenth of their size.
        return ""

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        finished = self.finished.get(page.file.src_uri)
        if finished is not None:
            page.content = finished.body
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # The finished HTML is where the policy goes, first in <head>; it lists
        # the hashes of the page's inline scripts that the templates write.
        if page.file.src_uri in self.finished:
            page.content = ""  # rendered: its HTML is not held any longer (on_page_content)
        if self.site_changes is not None and not page.file.inclusion.is_not_in_nav() and page.title:
            self.nav_titles[page.file.src_uri] = page.title
        if self.problems_page is not None:
            return self.problems_page
        if self.index_as_written is not None:
            self.index_as_written.written(page.file.dest_uri)
        # `mkdocs serve` adds an inline reload script to every page, different
        # each time: a policy would block it and the preview would never
        # reload. The local preview goes without; every built site has it.
        return output if self.serving else csp.with_policy(output, self.trusted_scripts)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is rendered from a template, not a page: it needs its policy too.
        if self.problems_page is not None and template_name == "404.html":
            return self.problems_page
        if template_name == "sitemap.xml" and self.letters_written and self.themed is not None:
            # MkDocs lists the pages it knows; the letter pages go where it would have listed them.
            return themepages.with_letters_in_sitemap(output_content, self.themed, self.letters_written, paths.HOME)
        if self.serving or not template_name.endswith(".html"):
            return output_content
        return csp.with_policy(output_content, self.trusted_scripts)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.heap is not None:
            self.heap.before_build()

    def on_build_error(self, *, error: Exception) -> None:
        # Some pages may have been written and others not: count them all as
        # changed until a build finishes.
        if self.site_changes is not None:
            self.site_changes.forget()
        if self.index_as_written is not None:
            self.index_as_written.cancel()
            self.index_as_written = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site_changes is not None:
            self.site_changes.finished()
        if self.sharding is not None:
            try:
                self.sharding.finish(Path(config.site_dir), self.config.search)
            except (shards.ShardError, SearchIndexError) as error:
                raise PluginError(str(error)) from error
            return
        # The indexer reads the finished HTML: the parts whose pages were all
        # written are being indexed already; this waits for them and the last.
        if not self.config.search or self.problems_page is not None:
            return
        if self.site_changes is not None:
            # Under `serve --dirty` the preview does not wait for search.
            self.background_index = self.background_index or BackgroundIndex(log.info, self.config.search_part_letters)
            self.background_index.request(Path(config.site_dir))
            return
        indexer, self.index_as_written = self.index_as_written, None
        if indexer is None:  # pragma: no cover - made by on_files whenever search is on outside serve
            raise PluginError("the search index was not started: on_files did not run")
        try:
            log.info("search index: " + indexer.finish())
        except SearchIndexError as error:
            raise PluginError(str(error)) from error

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav  # every letter page renders it (on_env)
        if self.site_changes is not None:
            # Every page renders the nav, whose titles MkDocs reads from the pages as it
            # renders them; under `serve --dirty` a hand-written page that did not change is
            # not read again (its Markdown made into HTML was a tenth of a save), so the nav
            # takes its title from the last build that rendered it.
            for page in nav.pages:
                title = self.nav_titles.get(page.file.src_uri)
                if title is not None and not page.file.is_modified():
                    page.title = title
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Each rebuild of `mkdocs serve` makes a new template environment:
        # the compiled templates of the last one are handed to it here, before
        # the first page is rendered.
        if self.compiled_templates is not None:
            env.bytecode_cache = self.compiled_templates
        # The first moment the theme and the nav are both known, and before
        # MkDocs writes its own pages: the letter pages are rendered and
        # written now, on every core, and search starts on each part as soon
        # as its pages are on disk.
        later, self.letters_later = self.letters_later, None
        if later is not None and self.nav is not None:
            self.themed = themepages.ThemedPages(config, self.nav, env, files.documentation_pages())
            if self.sharding is not None:
                try:
                    self.letters_written = self.sharding.write_letters(
                        self.themed, later, self.config.search_part_letters
                    )
                except shards.ShardError as error:
                    raise PluginError(str(error)) from error
                return env
            indexer, self.index_as_written = self.index_as_written, None  # children must not index
            try:
                count = themepages.write_letter_pages(self.themed, later, indexer.written if indexer else _ignore)
            finally:
                self.index_as_written = indexer
            self.letters_written = [paths.letter(letter) for letter in later.letters]
            log.info(f"letter pages: {count} written outside MkDocs' page loop")
        return env

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # letters/ is outside docs_dir, so MkDocs would not notice edits to it;
        # it is watched by the system's notifications rather than MkDocs' polling
        # (preview.py: 10,000 files polled twice a second slowed every rebuild).
        self.letters_watch = preview.watch_natively(server, str(self._letters_dir(config)), self.change_log)
        if self.letters_watch is not None and self.letters_cache is not None:
            # From now on the watch says what changed; what changed before it began is found here,
            # letters/ listed again included, while nobody waits (the first rebuild did it: a
            # second of the first edit at 100,000 letters).
            self.letters_cache.recheck()
            if self.letters_cache.listed_again:
                self.change_log.caught_up()
        if self.heap is not None:
            self.heap.settle()  # the first build is done and nobody waits yet
        return server

    def on_shutdown(self) -> None:
        preview.stop_watching(self.letters_watch)
        self.letters_watch = None


def _remove_output(site_dir: Path, pages: list[str] | None, other_files: list[str]) -> None:
    """The HTML of the given generated pages (or of every page, for None), and the given
    files, left by an earlier dirty build."""
    targets = site_dir.rglob("*.html") if pages is None else (site_dir / page_url(p) / "index.html" for p in pages)
    try:
        for target in [*targets, *(site_dir / path for path in other_files)]:
            safewrite.remove_file(target, within=site_dir)  # a regular file only, never through a link
    except safewrite.UnsafeWrite as error:
        raise PluginError(f"{error}; the site folder should hold only what MkDocs wrote") from error


def _ignore(page: str) -> None:
    """Search is off: nobody waits for the letter pages."""


def _stamp(path: str | None) -> tuple[int, int] | None:
    """A file's (modification time in ns, size), or None if it has none (or cannot be read)."""
    try:
        status = os.stat(path) if path else None
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size) if status is not None else None


def _add_generated(
    files: Files, site: GeneratedSite, changes: Changes | None, config: MkDocsConfig, written: bool = False
) -> None:
    """The generated pages, originals and files, as MkDocs files (under a dirty serve, only those that changed).

    `written`: the generated files are written into the site now, and MkDocs
    is given them as files already in place (which it leaves as they are),
    rather than holding their bytes until it copies files, after the letter
    pages: the exports and feeds grow with the archive (a tenth of the build's
    largest process at 10,000 letters)."""
    for path, page in site.pages.items():
        if changes is not None and path not in changes.pages and path not in site.in_nav:
            continue  # a dirty rebuild: its HTML from an earlier build is still in the site folder
        # Letters, years, people...: reachable from the index pages but
        # never in the nav, which every page renders (quadratic otherwise).
        inclusion = InclusionLevel.UNDEFINED if path in site.in_nav else InclusionLevel.NOT_IN_NAV
        content = page.markdown if page.is_markdown else ""
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    for path, source in site.files.items():  # originals: MkDocs copies those newer than their copy
        files.append(File.generated(config, path, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV))
    site_dir = Path(config.site_dir)
    for path in site.handed_over:  # written already, as they were made (`_writer`)
        files.append(
            File.generated(config, path, abs_src_path=str(site_dir / path), inclusion=InclusionLevel.NOT_IN_NAV)
        )
    if written:
        safewrite.make_given_folder(site_dir)  # the site folder the configuration names
    for path, data in site.assets.items():
        if written:
            target = site_dir / path
            _write_asset(site_dir, path, data)
            files.append(File.generated(config, path, abs_src_path=str(target), inclusion=InclusionLevel.NOT_IN_NAV))
        elif changes is None or path in changes.assets:
            files.append(File.generated(config, path, content=data, inclusion=InclusionLevel.NOT_IN_NAV))


def _write_asset(site_dir: Path, path: str, data: bytes) -> None:
    try:
        safewrite.replace_bytes(site_dir / path, data, within=site_dir)  # never through a link
    except safewrite.UnsafeWrite as error:
        raise PluginError(f"{error}; the site folder should hold only what MkDocs wrote") from error


def _writer(site_dir: Path) -> Callable[[str, bytes], None]:
    """Writes a generated file into the site folder the configuration names, as it is made."""
    safewrite.make_given_folder(site_dir)
    return partial(_write_asset, site_dir)
