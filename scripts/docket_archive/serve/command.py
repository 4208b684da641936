"""`docket serve`: the preview, as `mkdocs serve` set up for large archives."""

from __future__ import annotations

import os
import sys


def exec_preview(dev_addr: str, config_file: str) -> None:
    """Become `mkdocs serve --dirty --no-strict` (no shell, a fixed command): Ctrl+C and signals reach it directly.

    --dirty: re-render only the pages a save changes; --no-strict: MkDocs warns about every dirty build."""
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", dev_addr, "-f", config_file]
    sys.stdout.flush()
    os.execv(sys.executable, command)  # noqa: S606
