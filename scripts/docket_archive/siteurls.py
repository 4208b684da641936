"""Absolute or root-relative URLs, for files read away from the site.

Feeds, calendars and exports leave the site: a feed reader or a calendar app
fetches them and follows their links from elsewhere, so the relative links
pages use (pages/paths.py) would resolve against the wrong place.

An absolute URL needs a base. MkDocs' `site_url` gives one when it is set; the
archive's own mkdocs.yml sets none, on purpose (the site must work from any
host or folder), so without it every URL here is relative to the site's root
and each output says how to resolve it (xml:base in feeds, a path in
calendars).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .pages import paths


@dataclass(frozen=True)
class SiteUrls:
    site_url: str = ""  # MkDocs' site_url, e.g. "https://docket.example/archive/"; "" when not configured

    def path(self, target: str) -> str:
        """The URL of a page (.md) or file, relative to the site's root."""
        return paths.page_url(target)

    def absolute(self, target: str) -> str:
        """The full URL of a page or file; "" when the site has no site_url."""
        if not self.site_url:
            return ""
        return self.site_url.rstrip("/") + "/" + self.path(target)

    def href(self, target: str) -> str:
        """The absolute URL when there is one, else the URL relative to the site's root."""
        return self.absolute(target) or self.path(target)

    def base_for(self, published: str) -> str:
        """What relative URLs in a published file start from: site_url, or the root seen from the file."""
        if self.site_url:
            return self.site_url.rstrip("/") + "/"
        depth = posixpath.dirname(published).count("/") + 1 if "/" in published else 0
        return "../" * depth or "./"
