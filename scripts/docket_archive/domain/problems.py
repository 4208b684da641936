"""Problems found in the archive, as values.

Every check (YAML reading, schema, text safety, the registries, `docket new`,
`docket import`) returns `Problem`s instead of raising, so that one run of
`docket check` (or one build) reports everything that is wrong at once. A
traceback is reserved for bugs in this package, never for a user's input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# C0 and C1 control characters except tab and newline: printed raw, an escape
# sequence inside a letter could clear the terminal or fake `docket check`'s output.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters shown as \\xNN."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where, which field, what, and how to fix it."""

    path: str  # as shown to the user, relative to the folder above letters/
    line: int  # 1-based; 1 when the problem concerns the whole file
    field: str  # the field in people's words ("the first author's person"), or "file", "body"...
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        label = "" if self.severity is Severity.ERROR else "warning: "
        hint = f" — {self.hint}" if self.hint else ""
        return printable(f"{self.path}:{self.line}: {label}{self.field}: {self.message}{hint}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class Problems:
    """Collects problems for one run; checks receive it and append to it."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def error(self, path: str | Path, line: int, field: str, message: str, hint: str = "") -> None:
        self.add(Problem(str(path), max(line, 1), field, message, hint, Severity.ERROR))

    def warning(self, path: str | Path, line: int, field: str, message: str, hint: str = "") -> None:
        self.add(Problem(str(path), max(line, 1), field, message, hint, Severity.WARNING))

    def add(self, problem: Problem) -> None:
        self._items.append(problem)

    def extend(self, other: Problems | list[Problem]) -> None:
        self._items.extend(other._items if isinstance(other, Problems) else other)

    @property
    def items(self) -> list[Problem]:
        # Sorted by file and line so the report reads like a compiler's.
        return sorted(set(self._items))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def error_count(self) -> int:
        return sum(1 for p in self._items if p.is_error)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)
