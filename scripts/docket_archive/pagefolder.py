"""Generated pages as files that keep their time stamp while unchanged, for `mkdocs serve --dirty`.

MkDocs' dirty build re-renders a page only when its source is newer than its
HTML; a page generated in memory counts as always new, so every rebuild
rendered the whole archive again. Written here, a page's file is rewritten
only when its text changed: an edit to one letter re-renders that letter and
the few index pages whose text it changed, and nothing else.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .pages import Page


class PageFolder:
    """A private folder holding the current text of each generated page."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="docket_pages_"))
        self._texts: dict[str, Page] = {}

    def update(self, pages: dict[str, Page]) -> tuple[list[str], list[str]]:
        """Write the pages that changed; returns (written, removed) page paths."""
        written = [path for path, page in pages.items() if self._texts.get(path) != page]
        for path in written:
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(pages[path].markdown, "utf-8")
        removed = sorted(set(self._texts) - set(pages))
        for path in removed:
            (self.root / path).unlink(missing_ok=True)
        self._texts = dict(pages)
        return written, removed

    def path(self, page: str) -> Path:
        return self.root / page

    def forget(self) -> None:
        """Rewrite every page on the next update (after the site's HTML was thrown away)."""
        self._texts.clear()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
