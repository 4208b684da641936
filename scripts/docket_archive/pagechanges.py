"""Which generated pages changed since the last build, for `mkdocs serve --dirty`.

MkDocs' dirty build re-renders a page only when it says it was modified; a
page generated in memory counts as always modified, so every rebuild rendered
the whole archive again. The pages kept by `pages.memo` are the very same
objects when unchanged, so comparing this build's pages with the last one's
is cheap, and only the changed ones are rendered again.
"""

from __future__ import annotations

from .pages import Page


class PageChanges:
    def __init__(self) -> None:
        self._last: dict[str, Page] = {}

    def update(self, pages: dict[str, Page]) -> tuple[set[str], list[str]]:
        """(paths of pages new or changed since the last update, paths of pages gone since)."""
        changed = {path for path, page in pages.items() if self._last.get(path) != page}
        removed = sorted(set(self._last) - set(pages))
        self._last = dict(pages)
        return changed, removed

    def forget(self) -> None:
        """Count every page as changed on the next update (after the site's HTML was thrown away)."""
        self._last.clear()
