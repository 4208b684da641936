"""A person's letters split by year (site/groupings.py) by bisection, checked against the plain split
letter by letter, on a synthetic archive whose people write, receive and are copied across years."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from docket_archive import synthetic
from docket_archive.load.archive import load_archive
from docket_archive.site.groupings import Roles, Site


def split_one_by_one(role: Roles) -> dict[int, Roles]:
    years: dict[int, Roles] = defaultdict(Roles)
    for name in ("wrote", "received", "copied"):
        for letter in getattr(role, name):
            getattr(years[letter.date.year], name).append(letter)
    return dict(sorted(years.items(), reverse=True))


def test_by_year_is_the_plain_split(tmp_path: Path) -> None:
    archive, problems = load_archive(synthetic.generate(tmp_path / "letters", 600, cases=3))
    assert not problems.errors
    roles = Site(archive, date(2030, 1, 1)).roles
    split = {key: role.by_year() for key, role in roles.items()}
    assert sum(len(years) for years in split.values()) > 20  # many people over many years
    for key, role in roles.items():
        expected = split_one_by_one(role)
        assert split[key] == expected and list(split[key]) == list(expected), key
    assert Roles().by_year() == {}
