"""Problems found in the archive, as values.

Every check appends `Problem`s instead of raising, so that one run of
`docket check` (or one build) reports everything that is wrong at once.
A traceback is reserved for bugs in this package, never for a user's input.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where, which field, what, and how to fix it."""

    path: str  # as shown to the user, relative to the folder being checked
    line: int  # 1-based; 1 when the problem concerns the whole file
    field: str  # dotted path into the front matter ("authors.0.person"), or a pseudo-field such as "file"
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        label = "" if self.severity is Severity.ERROR else "warning: "
        hint = f" — {self.hint}" if self.hint else ""
        return f"{self.path}:{self.line}: {label}{self.field}: {self.message}{hint}"


class Problems:
    """Collects problems for one run; checks receive it and append to it."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def error(self, path: str | Path, line: int, field: str, message: str, hint: str = "") -> None:
        self._items.append(Problem(str(path), max(line, 1), field, message, hint, Severity.ERROR))

    def warning(self, path: str | Path, line: int, field: str, message: str, hint: str = "") -> None:
        self._items.append(Problem(str(path), max(line, 1), field, message, hint, Severity.WARNING))

    def extend(self, other: Problems) -> None:
        self._items.extend(other._items)

    @property
    def items(self) -> list[Problem]:
        # Sorted by file and line so the report reads like a compiler's.
        return sorted(set(self._items))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)


class ArchiveError(Exception):
    """Raised by the build when the archive has errors; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"the letters archive has {len(problems)} error(s):\n{lines}")
