"""`docket search-index SITE`: a site another engine built (Zensical), finished as `mkdocs build` finishes ours.

The MkDocs plugin does all of this during the build; a site built by another
engine from `docket build`'s pages gets it here: the search page's preload
pointed at the site's bundle, the Content-Security-Policy on every page, and
the Pagefind index.
"""

from __future__ import annotations

from pathlib import Path

from docket_archive.runtime.terminal import Refusal

from . import csp
from .searchindex import PART_LETTERS, SearchIndexError, index_site
from .zensical import point_preloads_at_bundle


def finish_site(site_dir: Path, part_letters: int = PART_LETTERS) -> str:
    point_preloads_at_bundle(site_dir)
    pages = csp.apply_to_site(site_dir)
    try:
        summary = index_site(site_dir, part_letters=part_letters)
    except SearchIndexError as error:
        raise Refusal(str(error)) from error
    return f"content security policy added to {pages} page(s); search index: {summary}"
