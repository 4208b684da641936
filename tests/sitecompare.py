"""Two built sites compared file by file, byte for byte (the search index included)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def files_of(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


def differences(one: Path, other: Path, same: Callable[[bytes], bytes] = lambda data: data) -> list[str]:
    """What differs between two built sites (empty: the same site), each file passed through `same` first."""
    mine, theirs = files_of(one), files_of(other)
    found = [f"only in {one.name}: {name}" for name in sorted(set(mine) - set(theirs))]
    found += [f"only in {other.name}: {name}" for name in sorted(set(theirs) - set(mine))]
    found += [
        f"differs: {name}"
        for name in sorted(set(mine) & set(theirs))
        if same(mine[name].read_bytes()) != same(theirs[name].read_bytes())
    ]
    return found
