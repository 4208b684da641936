"""Standing searches: letters/searches/<key>.yml, each a name and a query.

Read through the protected YAML reader and checked against
schema/search.schema.json here; whether the query itself can be read is the
search stage's to say (`search.standing.check`), which `docket check` and the
build run after loading.
"""

from __future__ import annotations

from docket_archive.domain.model import StandingSearch
from docket_archive.domain.problems import Problems

from .archivefiles import ArchiveFiles, read_text
from .registries import read_yaml
from .typedvalues import as_str


def load_searches(files: ArchiveFiles, problems: Problems) -> tuple[StandingSearch, ...]:
    found = []
    for path in sorted(files.searches):
        shown = files.shown(path)
        text = read_text(shown, path, problems)
        mine = Problems()
        located = read_yaml(files, path, text, 1, "search", mine) if text is not None else None
        problems.extend(mine)
        if located is None or mine.error_count():
            continue
        data = located.data
        found.append(
            StandingSearch(
                key=path.name[: -len(".yml")],
                name=as_str(data["name"]),
                query=as_str(data["query"]),
                source=shown,
                query_line=located.line_of(("query",)),
            )
        )
    return tuple(found)
