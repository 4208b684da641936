"""`docket check`: the whole archive, or only the letter files given, with every problem found.

Given letter files (as the pre-commit hook passes the changed ones), only
those are validated, against the registries and an index of the other
letters (`givenfiles`); a folder or a registry checks the whole archive,
since any letter may depend on it, reading again only the letters that
changed since the last whole check (`checkcache`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docket_archive.domain.model import Archive
from docket_archive.domain.problems import Problem, Problems
from docket_archive.runtime.parallel import collector_paused
from docket_archive.runtime.terminal import Refusal, count

from .archive import load_archive
from .archivefiles import LETTER_NAME
from .checkcache import CheckCache
from .givenfiles import check_files, letters_root, needs_full_check

# Checks of a loaded archive that later stages own (search: the standing searches'
# queries), handed in by the command so that this stage imports none of them.
ArchiveCheck = Callable[[Archive], list[Problem]]


def _nothing(archive: Archive) -> list[Problem]:
    return []


@dataclass(frozen=True)
class CheckResult:
    """One letters/ folder checked: every problem, and a line that counts what was checked."""

    problems: Problems
    summary: str


def check(paths: Sequence[Path], default_root: Path, also: ArchiveCheck = _nothing) -> list[CheckResult]:
    """Check the archives the paths belong to (the default one when none is given); `also`
    checks a whole archive further."""
    by_root: dict[Path, list[Path]] = {}
    for path in paths or (default_root,):
        root = path if path.is_dir() else letters_root(path)
        if root.is_absolute() and not path.is_absolute():  # found from inside the archive
            path = Path(os.path.abspath(path))
        by_root.setdefault(root, []).append(path)
    results = []
    for root, given in by_root.items():
        if any(needs_full_check(path) for path in given):
            # With the cycle collector paused: reading leaves almost no cycles (1,890 objects from
            # 10,000 letters, 450 of them with errors), but the objects it keeps set off full
            # collections, each going through every letter read so far (forked children inherit
            # the pause). It ends once the archive is let go: the collection that would then
            # start at once has only what is left to go through (a second at 100,000 letters).
            with collector_paused():
                results.append(_whole(root, also))
        else:
            found = check_files(root, given)
            counted = f"{found.checked} of {count(found.total, 'letter')} checked"
            results.append(_result(counted, found.archive, found.problems))
    return results


def _whole(root: Path, also: ArchiveCheck) -> CheckResult:
    """The whole archive checked, each letter's answer kept between runs by its file
    (`checkcache`): the same answer, sooner."""
    archive, problems = load_archive(root, load_all=CheckCache(root).load_all)
    problems.extend(also(archive))
    counted = _letters(len(archive.letters), problems, {letter.source for letter in archive.letters})
    return _result(counted, archive, problems)


def _result(counted: str, archive: Archive, problems: Problems) -> CheckResult:
    summary = (
        f"{counted}, {count(len(archive.cases), 'case')}, {count(len(archive.people), 'person', 'people')}: "
        f"{count(len(problems.errors), 'error')}, {count(len(problems.warnings), 'warning')}"
    )
    return CheckResult(problems, summary)


def _letters(published: int, problems: Problems, kept: set[str]) -> str:
    """The letters, in words: those that will be published, and those held back (waiting for
    `docket review`, or with errors): 'no letters yet (1 waits for review)'."""
    only_review: dict[str, bool] = {}
    for problem in problems.errors:
        if problem.path not in kept and LETTER_NAME.match(problem.path.rsplit("/", 1)[-1]):
            only_review[problem.path] = only_review.get(problem.path, True) and problem.field.startswith("review")
    waiting = sum(only_review.values())
    broken = len(only_review) - waiting
    more = " more" if published else ""
    held = [
        f"{waiting}{more} {'waits' if waiting == 1 else 'wait'} for review" if waiting else "",
        f"{broken}{more} {'has' if broken == 1 else 'have'} errors" if broken else "",
    ]
    held_back = ", ".join(part for part in held if part)
    if not published:
        return f"no letters yet ({held_back})" if held_back else "no letters yet"
    return f"{count(published, 'letter')} ({held_back})" if held_back else count(published, "letter")


def load_valid(
    letters: Path, say: Callable[[str], None], warnings: bool = True, also: ArchiveCheck = _nothing
) -> Archive:
    """The validated archive; or every problem said and a Refusal, when it has errors."""
    archive, problems = load_archive(letters)
    problems.extend(also(archive))
    for problem in problems.items if warnings else problems.errors:
        say(str(problem))
    if problems.errors:
        raise Refusal(
            f"{count(len(problems.errors), 'error')}: nothing was built. Fix them and run again (`docket check` lists them)."
        )
    return archive
