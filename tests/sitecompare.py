"""Two built sites compared file by file.

Pagefind writes its filter files and page metadata differently from one run
to the next over the very same pages (two builds of one site differ there),
so those are compared by number, and everything else byte for byte,
including the search's word index and every page's fragment.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

# Files Pagefind names by a hash of contents it orders differently on each run.
_UNSTABLE = re.compile(r"pagefind/[^/]+/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$")


def files_of(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


def differences(one: Path, other: Path, same: Callable[[bytes], bytes] = lambda data: data) -> list[str]:
    """What differs between two built sites (empty: the same site), each file passed through `same` first."""
    mine, theirs = files_of(one), files_of(other)
    found = [f"only in {one.name}: {name}" for name in sorted(set(mine) - set(theirs)) if not _UNSTABLE.search(name)]
    found += [f"only in {other.name}: {name}" for name in sorted(set(theirs) - set(mine)) if not _UNSTABLE.search(name)]
    for name in sorted(set(mine) & set(theirs)):
        if not _UNSTABLE.search(name) and same(mine[name].read_bytes()) != same(theirs[name].read_bytes()):
            found.append(f"differs: {name}")
    unstable_mine = sorted(_kind(name) for name in mine if _UNSTABLE.search(name))
    unstable_theirs = sorted(_kind(name) for name in theirs if _UNSTABLE.search(name))
    if unstable_mine != unstable_theirs:
        found.append(f"Pagefind's filter and metadata files differ in number: {unstable_mine} / {unstable_theirs}")
    return found


def _kind(name: str) -> str:
    return re.sub(r"en_[0-9a-f]+", "en_*", name)
