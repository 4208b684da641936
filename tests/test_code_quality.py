"""The code stays honest: ruff (lint and format) and mypy, as configured in pyproject.toml.

Run by the README's test command, so CI and every contributor run them too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def tool(name: str) -> str:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing() -> None:
    result = run(tool("ruff"), "check", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted() -> None:
    result = run(tool("ruff"), "format", "--check", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = run(tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr
