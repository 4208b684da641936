"""`docket check`: the whole archive, or only the letter files given, with every problem found.

Given letter files (as the pre-commit hook passes the changed ones), only
those are validated, against the registries and an index of the other
letters (`givenfiles`); a folder or a registry checks the whole archive,
since any letter may depend on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docket_archive.domain.model import Archive
from docket_archive.domain.problems import Problems
from docket_archive.runtime.terminal import Refusal

from .archive import load_archive
from .givenfiles import check_files, letters_root, needs_full_check


@dataclass(frozen=True)
class CheckResult:
    """One letters/ folder checked: every problem, and a line that counts what was checked."""

    problems: Problems
    summary: str


def check(paths: Sequence[Path], default_root: Path) -> list[CheckResult]:
    """Check the archives the paths belong to (the default one when none is given)."""
    by_root: dict[Path, list[Path]] = {}
    for path in paths or (default_root,):
        root = path if path.is_dir() else letters_root(path)
        by_root.setdefault(root, []).append(path)
    results = []
    for root, given in by_root.items():
        if any(needs_full_check(path) for path in given):
            archive, problems = load_archive(root)
            counted = f"{len(archive.letters)} letter(s)"
        else:
            found = check_files(root, given)
            archive, problems = found.archive, found.problems
            counted = f"{found.checked} of {found.total} letter(s) checked"
        summary = (
            f"{counted}, {len(archive.cases)} case(s), {len(archive.people)} people: "
            f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s)"
        )
        results.append(CheckResult(problems, summary))
    return results


def load_valid(letters: Path, say: Callable[[str], None], warnings: bool = True) -> Archive:
    """The validated archive; or every problem said and a Refusal, when it has errors."""
    archive, problems = load_archive(letters)
    for problem in problems.items if warnings else problems.errors:
        say(str(problem))
    if problems.errors:
        raise Refusal(
            f"{len(problems.errors)} error(s): nothing was built. Fix them and run again (`docket check` lists them)."
        )
    return archive
