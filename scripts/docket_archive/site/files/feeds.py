"""Atom feeds (RFC 4287): the whole archive, each case and each person (and each standing search: searchfeeds.py).

Built with feedgen, so the XML is well-formed and the required elements are
there; a test parses every feed with feedparser. What makes them good feeds:

- Ids never change: each entry's is a tag: URI (RFC 4151) made from the
  letter's permanent id, which survives a renamed file; nothing comes from the
  build date or the host.
- Dates come from the letters: an entry's `updated` and `published` are its
  letter's date, a feed's `updated` its newest letter's (the same archive
  always gives the same bytes).
- Links work wherever the feed is fetched from: with MkDocs' site_url they are
  absolute; without it (the archive's default) they are relative to the site's
  root and the feed's xml:base says where that root is, relative to the feed,
  which readers resolve against the feed's own URL (RFC 4287 section 4.2.7 and
  XML Base).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from urllib.parse import quote

from feedgen.feed import FeedGenerator
from lxml import etree

from docket_archive.domain.model import Archive, Letter

from .. import paths
from ..memo import Parts, fresh
from ..paths import SiteUrls

# A feed is polled again and again: the newest letters are what a reader needs,
# and a feed of a whole archive (ten thousand letters) would weigh megabytes.
LIMIT = 50
# The tagging authority of every id: fixed forever, whatever host serves the site.
TAG = "tag:docket-archive.invalid,2026:"
EPOCH = date(1970, 1, 1)  # the `updated` of a feed with no letter yet (Atom requires one)


def people_of(letter: Letter) -> list[str]:
    """Everyone a letter involves, each once: authors, addressees, copy recipients."""
    keys = [a.person for a in letter.authors] + list(letter.addressees)
    keys += [c.person for c in letter.cc if c.person]  # a group in cc has no person
    return list(dict.fromkeys(keys))


def entry_id(letter: Letter) -> str:
    return TAG + "letter:" + quote(letter.id, safe="/")


def build_feeds(
    archive: Archive,
    urls: SiteUrls,
    parts: Parts = fresh,
    by_person: Mapping[str, Sequence[Letter]] | None = None,
) -> dict[str, bytes]:
    """Every feed of the site: {published path: Atom XML}. A feed is a part
    (see pages.memo): written again only when its newest letters change.
    `by_person`: each person's letters, oldest first (`Site.involved`, kept between
    rebuilds), if known."""
    if by_person is None:
        found: dict[str, list[Letter]] = {}
        for letter in archive.letters:
            for key in people_of(letter):
                found.setdefault(key, []).append(letter)
        by_person = found

    def feed(here: str, title: str, page: str, letters: Sequence[Letter]) -> bytes:
        # Every list here is oldest first, in the archive's order (sort keys are unique): the
        # newest are its last, with no sort of the whole (100,000 letters for the archive's feed).
        newest = tuple(reversed(letters[-LIMIT:]))
        return parts(("feed", here), (title, newest), lambda: _feed(archive, urls, here, title, page, newest))

    feeds = {paths.FEED_ARCHIVE: feed(paths.FEED_ARCHIVE, "Docket Archive: all letters", paths.HOME, archive.letters)}
    for key, item in archive.cases.items():
        title = f"Docket Archive: {item.caption}, No. {item.number}"
        feeds[paths.case_feed(key)] = feed(paths.case_feed(key), title, paths.case(key), archive.letters_of_case(key))
    for key in archive.people:  # (in the registry's order: the same files in any order)
        letters = by_person.get(key)
        if not letters:
            continue
        title = f"Docket Archive: letters of {archive.people[key].name}"
        feeds[paths.person_feed(key)] = feed(paths.person_feed(key), title, paths.person(key), letters)
    return feeds


def _feed(
    archive: Archive, urls: SiteUrls, here: str, title: str, page: str, newest: tuple[Letter, ...], query: str = ""
) -> bytes:
    feed = FeedGenerator()
    feed.id(TAG + "feed:" + quote(here, safe="/"))
    feed.title(title)
    feed.updated(_midnight(newest[0].date if newest else EPOCH))
    feed.link(
        href=urls.href(page) + (f"?q={quote(query, safe='')}" if query else ""), rel="alternate", type="text/html"
    )
    feed.link(href=urls.href(here), rel="self", type="application/atom+xml")
    feed.generator("Docket Archive")
    feed.language("en")
    for letter in newest:
        _entry(feed, archive, urls, letter)
    root = etree.fromstring(feed.atom_str(pretty=True))
    # Where relative links start from: the site's root, seen from this feed.
    root.set("{http://www.w3.org/XML/1998/namespace}base", urls.base_for(here))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(feed: FeedGenerator, archive: Archive, urls: SiteUrls, letter: Letter) -> None:
    entry = feed.add_entry(order="append")  # newest first, as sorted
    entry.id(entry_id(letter))
    entry.title(letter.title)
    entry.updated(_midnight(letter.date))
    entry.published(_midnight(letter.date))
    entry.link(href=urls.href(paths.letter(letter)), rel="alternate", type="text/html")
    for author in letter.authors:
        entry.author(name=archive.people[author.person].name, uri=urls.href(paths.person(author.person)))
    cases = [archive.cases[key] for key in letter.cases]
    for item in cases:
        entry.category(term=item.key, label=item.caption)
    where = "; ".join(f"{item.caption}, No. {item.number}" for item in cases)
    entry.summary(f"{letter.date:%B} {letter.date.day}, {letter.date.year}. {where}. {letter.summary}")


def search_feed(
    archive: Archive, urls: SiteUrls, here: str, title: str, query: str, newest: tuple[Letter, ...]
) -> bytes:
    """A standing search's feed: its letters (newest first, at most LIMIT), linking to the search page."""
    return _feed(archive, urls, here, title, paths.SEARCH, newest[:LIMIT], query)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
