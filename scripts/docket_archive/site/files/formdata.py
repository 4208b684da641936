"""The data the "Add a letter" page needs, published with the site as JSON.

The form on docs/add-letter.md validates as the person types, in the browser,
against the same JSON Schema that `docket check` uses and against the
registries (cases, people). Both come from here: a pure function of the
Archive, so `mkdocs build` and `docket build` publish the same bytes.

What the form needs to answer as the command line does is published with the
registry rather than guessed in the browser: every case number's `key` (the
same for every spelling, `law.casenumbers`), the types of letter the schema
suggests and the archive uses, the description of each person or case known
only from a letter (`new_people`, `new_case`: the form writes it again into a
new letter that names them, so that letter passes on its own), and the courts
of courts-db for a new case (a file of its own, fetched only then).

Every value here comes from the registries and is untrusted: the page's script
writes it with textContent only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from docket_archive.domain.model import Archive, Case, Letter, Person
from docket_archive.formats.schemas import bundled, schema
from docket_archive.law import casenumbers, courts
from docket_archive.load.registries import case_entry, person_entry

from .. import paths
from ..memo import Tallier, count_all

if TYPE_CHECKING:
    from ..groupings import Site

# How people write where a repository is: "owner/name", its web address, or its clone address.
_REPOSITORY = re.compile(
    r"^(?:(?:https?://)?(?:www\.)?github\.com/|git@github\.com:)?"
    r"(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?P<name>[A-Za-z0-9_.-]{1,100}?)(?:\.git)?/?$"
)


class RepositoryError(ValueError):
    """The `repository:` setting names no GitHub repository; the message says how to write it."""


def github_repository(setting: str) -> str:
    """'owner/name' from the forms people write it in: owner/name, https://github.com/owner/name(.git), git@github.com:owner/name.git.

    Empty stays empty (the form then offers the file to download). Raises RepositoryError otherwise."""
    text = setting.strip()
    if not text:
        return ""
    match = _REPOSITORY.match(text)
    if match is None or match["name"] in (".", ".."):
        raise RepositoryError(
            f"repository: '{setting}' is not a GitHub repository; write it as owner/name"
            " (e.g. example-org/docket-archive) or as its address, https://github.com/example-org/docket-archive"
        )
    return f"{match['owner']}/{match['name']}"


def form_data(
    archive: Archive,
    repository: str = "",
    branch: str = "main",
    letters: str = "letters",
    tally: Tallier | None = None,
) -> dict[str, bytes]:
    """{site path: bytes} of the registry, the letter schema and the courts, for the form.

    `repository` (on GitHub, in any form `github_repository` reads) and `branch`
    say where the form's "open a pull request" link goes; empty leaves the link
    out. `letters` is the letters folder's path inside that repository. `tally`
    counts values over the letters (`Site.tally`, kept between the rebuilds of
    `mkdocs serve`); by default every letter is counted.
    """
    tally = tally or partial(count_all, archive.letters)
    name = github_repository(repository)
    registry = {
        "repository": {"name": name, "branch": branch, "letters": letters.strip("/")} if name else None,
        "cases": [_case(case) for case in sorted(archive.cases.values(), key=lambda case: case.key)],
        "people": [_person(person) for person in sorted(archive.people.values(), key=lambda person: person.key)],
        # Topics, how copies were sent and types of letter so far: suggestions, not a closed list.
        "tags": sorted(tally("form-tags", _tags)),
        "via": sorted(tally("form-via", _via)),
        "types": _types(tally("form-types", _type)),
    }
    return {
        paths.FORM_REGISTRY: _json(registry),
        paths.FORM_LETTER_SCHEMA: _json(bundled("letter")),
        paths.FORM_COURTS: _json({"courts": _courts()}, indent=None),
    }


def _courts() -> list[list[str]]:
    """[id, name] of every court, each name once: a name two courts share (a county's court
    in two states) is given with its id, so that choosing a name chooses one court."""
    every = courts.every_court()
    shared = Counter(court.name.lower() for court in every)
    return [
        [court.id, court.name if shared[court.name.lower()] == 1 else f"{court.name} ({court.id})"] for court in every
    ]


def _case(case: Case) -> dict[str, Any]:
    numbers = [parsed.key for text in (case.number, *case.other_numbers) if (parsed := casenumbers.parse(text))]
    entry: dict[str, Any] = {
        "key": case.key,
        "caption": case.caption,
        "number": case.number,
        "judge": case.judge,
        "numbers": list(dict.fromkeys(numbers)),
    }
    if case.described_in:
        entry["new"] = case_entry(case)
    return entry


def _person(person: Person) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "key": person.key,
        "name": person.name,
        "aliases": list(person.aliases),
        "firm": person.firm,
    }
    if person.described_in:
        entry["new"] = person_entry(person)
    return entry


def _types(used: Counter[str]) -> list[str]:
    """The schema's examples, then the types the archive's letters use, most used first (then A to Z)."""
    by_use = sorted(used.items(), key=lambda item: (-item[1], str(item[0])))
    suggested = [*schema("letter")["properties"]["type"].get("examples", []), *(str(kind) for kind, _ in by_use)]
    return list(dict.fromkeys(suggested))


# What the form suggests: a letter's values of each (counted over the letters by a Tallier).


def _tags(letter: Letter) -> Iterable[str]:
    return set(letter.tags)


def _via(letter: Letter) -> Iterable[str]:
    return {copy.via for copy in letter.cc if copy.via}


def _type(letter: Letter) -> Iterable[str]:
    return (letter.type,) if letter.type else ()


def _json(data: Mapping[str, Any], indent: int | None = 1) -> bytes:
    # Stable bytes: the same archive gives the same site (a test builds twice).
    return json.dumps(data, ensure_ascii=False, sort_keys=False, indent=indent).encode("utf-8")


def build(site: Site) -> dict[str, bytes]:
    """The form's data files, as a builder of the site's non-page files."""
    options = site.options
    return form_data(site.archive, options.repository, options.branch, options.letters_folder, site.tally)
