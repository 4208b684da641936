"""The data the "Add a letter" page needs, published with the site as JSON.

The form on docs/add-letter.md validates as the person types, in the browser,
against the same JSON Schema that `docket check` uses and against the
registries (cases, people). Both come from here: a pure function of the
Archive, so `mkdocs build` and `docket build` publish the same bytes.

Every value here comes from the registries and is untrusted: the page's script
writes it with textContent only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from docket_archive.domain.model import Archive
from docket_archive.formats.schemas import bundled

from .. import paths

if TYPE_CHECKING:
    from ..groupings import Site


def form_data(
    archive: Archive, repository: str = "", branch: str = "main", letters: str = "letters"
) -> dict[str, bytes]:
    """{site path: bytes} of the registry and the letter schema, for the form.

    `repository` ("owner/name" on GitHub) and `branch` say where the form's
    "open a pull request" link goes; empty leaves the link out. `letters` is
    the letters folder's path inside that repository.
    """
    registry = {
        "repository": {"name": repository, "branch": branch, "letters": letters.strip("/")} if repository else None,
        "cases": [
            {"key": case.key, "caption": case.caption, "number": case.number, "judge": case.judge}
            for case in sorted(archive.cases.values(), key=lambda case: case.key)
        ],
        "people": [
            {"key": person.key, "name": person.name, "aliases": list(person.aliases), "firm": person.firm}
            for person in sorted(archive.people.values(), key=lambda person: person.key)
        ],
        # Topics and how copies were sent so far: suggestions, not a closed list.
        "tags": sorted({tag for letter in archive.letters for tag in letter.tags}),
        "via": sorted({copy.via for letter in archive.letters for copy in letter.cc if copy.via}),
    }
    return {paths.FORM_REGISTRY: _json(registry), paths.FORM_LETTER_SCHEMA: _json(bundled("letter"))}


def _json(data: Mapping[str, Any]) -> bytes:
    # Stable bytes: the same archive gives the same site (a test builds twice).
    return json.dumps(data, ensure_ascii=False, sort_keys=False, indent=1).encode("utf-8")


def build(site: Site) -> dict[str, bytes]:
    """The form's data files, as a builder of the site's non-page files."""
    options = site.options
    return form_data(site.archive, options.repository, options.branch, options.letters_folder)
