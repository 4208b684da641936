"""What changed in the generated site since the last build, for `mkdocs serve --dirty`.

A dirty build leaves the site folder as the last build wrote it, so a rebuild
need only hand MkDocs the pages and files that changed: MkDocs' own work per
page (a page object, its URL, its place in the nav) then no longer grows with
the archive. The pages kept by `pages.memo` are the very same objects when
unchanged, so comparing this build's with the last one's is cheap.

Changes are counted from the last build that finished: a build that failed
half-way may have written some pages and not others, so its pages count as
changed until one succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docket_archive.site.build import GeneratedSite


@dataclass
class Changes:
    pages: set[str] = field(default_factory=set)  # new or changed since the last finished build
    assets: set[str] = field(default_factory=set)
    removed_pages: list[str] = field(default_factory=list)  # gone since: their output must be deleted
    removed_files: list[str] = field(default_factory=list)  # assets and originals gone since


class SiteChanges:
    def __init__(self) -> None:
        self._finished: GeneratedSite | None = None  # what the last finished build wrote
        self._building: GeneratedSite | None = None
        self._everything = True  # the next build must write every page (first build, or after the problems page)

    @property
    def everything(self) -> bool:
        """Whether the next build writes every page (the first, or after the problems page)."""
        return self._everything or self._finished is None

    def update(self, site: GeneratedSite) -> Changes | None:
        """What changed since the last finished build; None when every page must be written."""
        self._building = site
        last = self._finished
        if last is None:
            return None
        removed_pages = sorted(set(last.pages) - set(site.pages))
        removed_files = sorted((set(last.assets) | set(last.files)) - (set(site.assets) | set(site.files)))
        if self._everything:
            return Changes(set(site.pages), set(site.assets), removed_pages, removed_files)
        return Changes(
            pages={
                path for path, page in site.pages.items() if (held := last.pages.get(path)) is not page and held != page
            },
            assets={path for path, data in site.assets.items() if last.assets.get(path) != data},
            removed_pages=removed_pages,
            removed_files=removed_files,
        )

    def finished(self) -> None:
        """The build that called `update` last wrote everything it was given."""
        if self._building is not None:
            self._finished, self._building, self._everything = self._building, None, False

    def forget(self) -> None:
        """Every page counts as changed until a build finishes (after the site's HTML was thrown
        away, or after a build failed); what is known of the last site still says what to delete."""
        self._everything = True
        self._building = None
