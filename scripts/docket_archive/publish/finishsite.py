"""`docket search-index SITE`: a site another engine built (Zensical), finished as `mkdocs build` finishes ours.

The MkDocs plugin does all of this during the build; a site built by another
engine from `docket build`'s pages gets it here: the Content-Security-Policy
on every page, and the search index.
"""

from __future__ import annotations

from pathlib import Path

from docket_archive.runtime.safewrite import UnsafeWrite, links_under
from docket_archive.runtime.terminal import Refusal

from . import csp
from .searchindex import PART_LETTERS, SearchIndexError, index_site
from .zensical import trusted_scripts


def finish_site(site_dir: Path, part_letters: int = PART_LETTERS, mkdocs_yml: Path = Path("mkdocs.yml")) -> str:
    """Finish the site in place; refused, with nothing changed, if it holds a symbolic link.

    A site an engine just built has none; one that does could steer a rewrite
    of a page, or the removal of an old search part, to files outside it."""
    if not site_dir.is_dir() or site_dir.is_symlink():
        raise Refusal(f"{site_dir} is not a folder of a built site (a link is not followed). Nothing was changed.")
    links = links_under(site_dir)
    if links:
        shown = ", ".join(str(link) for link in links[:3]) + (f" and {len(links) - 3} more" if len(links) > 3 else "")
        raise Refusal(
            f"{site_dir} holds symbolic links ({shown}); a built site has none, and pages are never rewritten "
            "through one. Build the site again into a new folder. Nothing was changed."
        )
    try:
        pages = csp.apply_to_site(site_dir, trusted_scripts(mkdocs_yml))
        summary = index_site(site_dir, part_letters=part_letters)
    except (SearchIndexError, UnsafeWrite) as error:
        raise Refusal(str(error)) from error
    return f"content security policy added to {pages} page(s); search index: {summary}"
