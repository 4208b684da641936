"""What changed in the generated site since the last build, for `mkdocs serve --dirty`.

A dirty build leaves the site folder as the last build wrote it, so a rebuild
need only hand MkDocs the pages and files that changed: MkDocs' own work per
page (a page object, its URL, its place in the nav) then no longer grows with
the archive. The pages kept by `pages.memo` are the very same objects when
unchanged, so comparing this build's with the last one's is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .pages import GeneratedSite


@dataclass
class Changes:
    pages: set[str] = field(default_factory=set)  # new or changed since the last build
    assets: set[str] = field(default_factory=set)
    removed_pages: list[str] = field(default_factory=list)  # gone since: their output must be deleted
    removed_assets: list[str] = field(default_factory=list)


class SiteChanges:
    def __init__(self) -> None:
        self._last: GeneratedSite | None = None

    def update(self, site: GeneratedSite) -> Changes | None:
        """What changed since the last update; None the first time (everything is new)."""
        last, self._last = self._last, site
        if last is None:
            return None
        return Changes(
            pages={path for path, page in site.pages.items() if last.pages.get(path) != page},
            assets={path for path, data in site.assets.items() if last.assets.get(path) != data},
            removed_pages=sorted(set(last.pages) - set(site.pages)),
            removed_assets=sorted(set(last.assets) - set(site.assets)),
        )

    def forget(self) -> None:
        """Count everything as new on the next update (after the site's HTML was thrown away)."""
        self._last = None
