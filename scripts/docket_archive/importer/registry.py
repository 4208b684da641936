"""The registries as the importer needs them: people by any spelling, cases by any spelling of their number.

Read straight from letters/people.yml and letters/<case>/case.yml through the
protected YAML reader (no aliases, tags or oversized files), without the
schema, so that importing does not depend on the whole archive being valid
(that is `docket check`'s business) and a new letter can start an empty archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docket_archive.formats.safeyaml import MAX_BYTES, load_located
from docket_archive.law import casenumbers
from docket_archive.load.archivefiles import CASE_FILE, PEOPLE_FILE

__all__ = ["CASE_FILE", "PEOPLE_FILE", "Registry", "RegistryError", "short", "spelling"]
TITLES = re.compile(r"\b(?:the|hon|honorable|judge|judges|magistrate|chief|justice|esq|mr|ms|mrs|dr)\b\.?", re.I)


class RegistryError(ValueError):
    """A registry file cannot be read at all."""


def spelling(name: str) -> str:
    """The form names are compared in: no titles, punctuation or case ('Hon. Martin Glenn' -> 'martin glenn')."""
    text = TITLES.sub(" ", name.lower())
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def short(name: str) -> str:
    """The name without middle initials: 'Sandra K. McSorley' and 'Sandra McSorley' are one spelling."""
    return " ".join(word for word in spelling(name).split() if len(word) > 1)


def _load(path: Path) -> dict:
    if path.is_symlink():
        raise RegistryError(f"{path} is a symbolic link, which is not followed; run `docket check` and fix it first")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RegistryError(f"{path} is larger than {MAX_BYTES // 1024} KB; run `docket check` and fix it first")
        located = load_located(path.read_text("utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as error:
        raise RegistryError(f"{path} cannot be read ({error}); run `docket check` and fix it first") from error
    errors = [problem for problem in located.problems if problem.is_error]
    if errors:
        raise RegistryError(f"{errors[0]}; run `docket check` and fix it first")
    data = located.data or {}
    if not isinstance(data, dict):
        raise RegistryError(f"{path} is not a mapping; run `docket check` and fix it first")
    return data


@dataclass
class Registry:
    root: Path
    people: dict[str, dict] = field(default_factory=dict)
    cases: dict[str, dict] = field(default_factory=dict)
    _by_spelling: dict[str, str] = field(default_factory=dict)
    _by_short: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> Registry:
        registry = cls(root)
        people_file = root / PEOPLE_FILE
        if people_file.is_file():
            registry.people = {str(k): v for k, v in _load(people_file).items() if isinstance(v, dict)}
        for case_file in sorted(root.glob(f"*/{CASE_FILE}")):
            registry.cases[case_file.parent.name] = _load(case_file)
        for key, person in registry.people.items():
            for name in [key.replace("-", " "), str(person.get("name", "")), *map(str, person.get("aliases") or [])]:
                if spelling(name):
                    registry._by_spelling.setdefault(spelling(name), key)
                    registry._by_short.setdefault(short(name), set()).add(key)
        return registry

    def person(self, name: str) -> str | None:
        """The key of the person `name` spells, if the registry knows them (middle initials may differ)."""
        exact = self._by_spelling.get(spelling(name))
        if exact:
            return exact
        keys = self._by_short.get(short(name), set())
        return next(iter(keys)) if len(keys) == 1 and len(short(name).split()) > 1 else None

    def case_for(self, number: casenumbers.CaseNumber) -> str | None:
        """The key of the registered case with this number, however either is written."""
        for key, case in sorted(self.cases.items()):
            written = [str(case.get("number", "")), *map(str, case.get("other_numbers") or [])]
            if any((parsed := casenumbers.parse(text)) is not None and parsed.key == number.key for text in written):
                return key
        return None
