"""The MkDocs plugin: thin glue between MkDocs' events and the plain-Python core.

All the work is done by loader/links/pages/search, which know nothing of
MkDocs; this file only hands their output to MkDocs at the right moments.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from .loader import load_archive
from .model import Archive

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class DocketConfig(Config):
    letters = c.Type(str, default="letters")  # relative to mkdocs.yml


class DocketPlugin(BasePlugin[DocketConfig]):
    archive: Archive | None = None

    def _letters_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.letters

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The archive is read here, before the nav is built, so that a broken
        # letter stops the build with every problem listed instead of a site
        # that silently lacks a page.
        archive, problems = load_archive(self._letters_dir(config))
        for warning in problems.warnings:
            log.info(str(warning))
        if problems.errors:
            raise PluginError("the letters archive has errors:\n" + "\n".join(map(str, problems.errors)))
        self.archive = archive
        return files

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        # letters/ is outside docs_dir, so MkDocs would not notice edits to it.
        server.watch(str(self._letters_dir(config)))
        return server
