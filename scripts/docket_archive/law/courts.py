"""Court names from courts-db, the Free Law Project's database of courts.

A case names its court by courts-db id ("nysb"); we take the court's name and
citation form ("Bankr. S.D.N.Y.") from there instead of retyping them per case.
"""

from __future__ import annotations

from functools import cache

from docket_archive.domain.model import Court


@cache
def _courts_by_id() -> dict[str, dict]:
    # courts_db loads its JSON on import; import lazily so `docket --help` stays fast.
    from courts_db import courts

    return {court["id"]: court for court in courts}


def court(court_id: str) -> Court | None:
    found = _courts_by_id().get(court_id)
    if found is None:
        return None
    return Court(id=court_id, name=found["name"], citation=found.get("citation_string") or found["name"])


def location(court_id: str) -> str:
    """Where the court sits, as courts-db gives it: the state or territory ("New York"), or ""."""
    found = _courts_by_id().get(court_id)
    return str(found.get("location") or "") if found else ""


def similar_ids(court_id: str, limit: int = 5) -> list[str]:
    import difflib

    return difflib.get_close_matches(court_id, list(_courts_by_id()), n=limit)


def every_court() -> list[Court]:
    """Every court courts-db knows, by name: the site's form offers them for a new case."""
    return sorted(
        (found for court_id in _courts_by_id() if (found := court(court_id)) is not None),
        key=lambda c: (c.name.lower(), c.id),
    )
