"""The MkDocs plugin: thin glue between MkDocs' events and the plain-Python core.

All the work is done by loader, pages, csp and search, which know nothing of
MkDocs; this file only hands their output to MkDocs at the right moments.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import csp
from .builddate import build_date
from .loader import load_archive
from .pages import SiteOptions, build_pages
from .search import SearchIndexError, index_site

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class DocketConfig(Config):
    letters = c.Type(str, default="letters")  # relative to mkdocs.yml
    search = c.Type(bool, default=True)  # build the Pagefind index after the site
    repository = c.Type(str, default="")  # "owner/name" on GitHub: where the Add a letter form proposes files
    branch = c.Type(str, default="main")


class DocketPlugin(BasePlugin[DocketConfig]):
    def _letters_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.letters

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Generated pages link to each other by folder URLs (letters/x/y/), the
        # default of MkDocs and Zensical alike.
        if not config.use_directory_urls:
            raise PluginError("the docket plugin needs use_directory_urls: true (the default) in mkdocs.yml")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Pages are generated here, before the nav is built, so the nav can
        # list the index pages; a broken letter stops the build with every
        # problem listed instead of a site that silently lacks a page.
        letters_dir = self._letters_dir(config)
        archive, problems = load_archive(letters_dir)
        for warning in problems.warnings:
            log.info(str(warning))
        if problems.errors:
            raise PluginError("the letters archive has errors:\n" + "\n".join(map(str, problems.errors)))
        options = SiteOptions(self.config.repository, self.config.branch, self.config.letters, config.site_url or "")
        site = build_pages(archive, build_date(), letters_root=letters_dir, options=options)
        for path, text in site.pages.items():
            # Letters, years, people...: reachable from the index pages but
            # never in the nav, which every page renders (quadratic otherwise).
            inclusion = InclusionLevel.UNDEFINED if path in site.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=text, inclusion=inclusion))
        for path, source in site.files.items():
            files.append(File.generated(config, path, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV))
        for path, data in site.assets.items():
            files.append(File.generated(config, path, content=data, inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # The finished HTML is the first moment the theme's inline scripts are
        # known, and the policy must list their hashes.
        return csp.with_policy(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is rendered from a template, not a page: it needs its policy too.
        return csp.with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Pagefind reads the finished HTML, so it can only run once MkDocs has
        # written every page.
        if not self.config.search:
            return
        try:
            log.info("search index: " + index_site(Path(config.site_dir)))
        except SearchIndexError as error:
            raise PluginError(str(error)) from error

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # letters/ is outside docs_dir, so MkDocs would not notice edits to it.
        server.watch(str(self._letters_dir(config)))
        return server
