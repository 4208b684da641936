"""Writing files: the one helper every command creates or replaces a file through.

A letter, a registry or a folder may come from the other side of a case, so a
write must never be steered elsewhere by what is already on disk:

- no symbolic link is followed: not the file itself (a dangling link is not
  "no file"), and not a folder between `within` and the file;
- nothing is written outside the folder `within` that the command was given;
- `create_*` never replaces anything (what a person wrote stays theirs);
  `replace_*` replaces only a regular file, for commands that exist to edit one;
- the text goes to a temporary file beside the target, then takes its place
  in one step, so a failure never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class UnsafeWrite(OSError):
    """A write refused; the message says why in a person's words. Nothing was written."""


def _check_route(path: Path, within: Path | None) -> None:
    """Refuse a path outside `within`, or one that passes through a link on the way."""
    if within is None:
        within = path.parent
    within = Path(os.path.abspath(within))
    target = Path(os.path.abspath(path))
    if target != within and within not in target.parents:
        raise UnsafeWrite(f"{path} is outside {within}: nothing was written there")
    folder = target.parent
    steps = []
    while folder != within and within in folder.parents:
        steps.append(folder)
        folder = folder.parent
    for step in [within, *reversed(steps)]:
        if step.is_symlink():
            raise UnsafeWrite(f"{step} is a symbolic link: nothing is written through links")
    if target.is_symlink():
        raise UnsafeWrite(f"{path} is a symbolic link: nothing is written through links")


def make_folders(folder: Path, within: Path) -> None:
    """`folder` and the folders above it up to `within`, none of them a link."""
    _check_route(folder / ".", within)
    folder.mkdir(parents=True, exist_ok=True)
    _check_route(folder / ".", within)  # made meanwhile by someone else as a link?


def _write(path: Path, data: bytes, within: Path | None, replace: bool) -> None:
    _check_route(path, within)
    if path.exists() or path.is_symlink():
        if not replace:
            raise UnsafeWrite(f"{path} already exists: nothing was overwritten")
        if not path.is_file():
            raise UnsafeWrite(f"{path} is not a regular file: nothing was written")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if replace:
            os.replace(temporary, path)
        else:
            # link() fails if anything at all (a file, a link) has appeared at `path` meanwhile.
            os.link(temporary, path, follow_symlinks=False)
            os.unlink(temporary)
    except FileExistsError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UnsafeWrite(f"{path} already exists: nothing was overwritten") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def create_text(path: Path, text: str, within: Path | None = None) -> None:
    """A new file; refused if anything (a file, a link, even a dangling one) is there."""
    _write(path, text.encode("utf-8"), within, replace=False)


def create_bytes(path: Path, data: bytes, within: Path | None = None) -> None:
    _write(path, data, within, replace=False)


def replace_text(path: Path, text: str, within: Path | None = None) -> None:
    """A regular file's new content, or a new file; never through a link."""
    _write(path, text.encode("utf-8"), within, replace=True)


def replace_bytes(path: Path, data: bytes, within: Path | None = None) -> None:
    _write(path, data, within, replace=True)
