"""Adding to the registries' files: people at the end of people.yml, a new case.yml.

People are added below what is there, every byte of it kept (comments, order,
spelling), under a comment saying who added them; the result is read back
through the protected reader and must hold the old entries and the new ones,
or nothing is to be written. A case.yml is written whole, since it is new.
"""

from __future__ import annotations

from typing import Any

from .safeyaml import dump, load_located


class RegistryEditError(ValueError):
    """people.yml could not be added to safely; nothing is to be written."""


def with_people(existing: str, entries: dict[str, dict[str, Any]], note: str, shown: str = "people.yml") -> str:
    """people.yml's text `existing`, with `entries` ({key: fields}) added at its end under `# note`."""
    before = load_located(existing, shown)
    if any(problem.is_error for problem in before.problems) or not isinstance(before.data or {}, dict):
        raise RegistryEditError(f"{shown} cannot be read as it is: run `docket check` and fix it first")
    old = dict(before.data or {})
    clash = sorted(set(old) & set(entries))
    if clash:
        raise RegistryEditError(f"{shown} already has {', '.join(clash)}")
    kept = existing if old else ""  # an empty registry, '{}', starts afresh: a mapping cannot follow it
    added = f"# {note}\n" + dump(entries)
    text = kept.rstrip("\n") + ("\n\n" if kept.strip() else "") + added
    after = load_located(text, shown)
    if after.problems or after.data != {**old, **entries}:
        raise RegistryEditError(f"{shown} could not be added to safely; add the people by hand")
    return text


def new_case_file(entry: dict[str, Any], note: str) -> str:
    """A new case.yml: `# note`, then the case's fields."""
    return f"# {note}\n" + dump(entry)
