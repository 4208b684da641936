"""Following the archive: the asset builders of feeds, calendars and exports,
and what page templates ask of them (links, a letter's citation, JSON-LD).

The work is in feeds.py, calendars.py, exports.py, jsonld.py and law/citations.py (plain
functions of the Archive); this module only adapts them to the page builders.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from docket_archive.domain.model import Letter
from docket_archive.law import citations

from .. import paths
from ..groupings import Site
from ..paths import SiteUrls
from . import calendars, exports, feeds, jsonld


def build_feeds(site: Site) -> dict[str, bytes]:
    return feeds.build_feeds(site.archive, SiteUrls(site.options.site_url), site.parts, site.involved)


def build_calendars(site: Site) -> dict[str, bytes]:
    return calendars.build_calendars(site.archive, SiteUrls(site.options.site_url), site.events, site.parts)


def build_exports(site: Site) -> dict[str, bytes]:
    urls = SiteUrls(site.options.site_url)
    return exports.build_exports(site.archive, urls, site.links, site.in_order, site.changed, site.parts)


@dataclass(frozen=True)
class Alternate:
    """A feed a page announces in its <head> (<link rel="alternate">), for feed readers."""

    href: str  # site path of the feed
    title: str


class Follow:
    """For the templates: where the feeds, calendars and exports are (site paths, for url()),
    a letter's citation, permanent link and JSON-LD."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.archive = site.archive
        self.urls = SiteUrls(site.options.site_url)
        # Set here, not on the class: feeds and the rest import pages.paths, so they may
        # still be loading when this module is.
        self.archive_feed = paths.FEED_ARCHIVE
        self.archive_calendar = paths.CALENDAR_ARCHIVE
        self.archive_json = paths.EXPORT_ARCHIVE
        self.export_schema = paths.EXPORT_SCHEMA

    def case_feed(self, key: str) -> str:
        return paths.case_feed(key)

    def case_calendar(self, key: str) -> str:
        return paths.case_calendar(key)

    def case_csv(self, key: str) -> str:
        return paths.case_csv(key)

    def person_feed(self, key: str) -> str:
        return person_feed(self.site, key)

    def citation(self, letter: Letter) -> citations.Citation:
        """The letter's citation in parts: the template sets the case name in italics."""
        return citations.cite(letter, self.archive)

    def permalink(self, letter: Letter) -> str:
        """The letter's absolute URL when the site has a site_url; else "" (citation.js fills it in)."""
        return self.urls.absolute(paths.letter(letter))

    def json_ld(self, letter: Letter) -> Markup:
        """The letter's JSON-LD for a <script type="application/ld+json">. Marked safe because it is
        escaped for that context instead: no <, > or & is left in it, so nothing can end the script."""
        text = jsonld.json_ld_script(jsonld.json_ld(letter, self.archive, self.permalink(letter)))
        return Markup(text)  # noqa: S704 - escaped for a script element by json_ld_script


def person_feed(site: Site, key: str) -> str:
    """The person's feed; "" for someone no letter names (no feed is published)."""
    role = site.roles[key]
    return paths.person_feed(key) if role.wrote or role.received or role.copied else ""


def alternates(site: Site, case_key: str = "", person_key: str = "") -> dict[str, object]:
    """Front matter announcing a page's feeds in its <head> (<link rel="alternate">, overrides/main.html):
    its case's or person's feed first, then the archive's."""
    found = [Alternate(paths.FEED_ARCHIVE, "Docket Archive: all letters")]
    if case_key:
        found.insert(0, Alternate(paths.case_feed(case_key), f"Letters of {site.archive.cases[case_key].caption}"))
    if person_key and person_feed(site, person_key):
        found.insert(0, Alternate(paths.person_feed(person_key), f"Letters of {site.archive.people[person_key].name}"))
    return {"feeds": [{"href": item.href, "title": item.title} for item in found]}
