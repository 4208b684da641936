"""Writing and deleting files: the one helper every command goes through.

A letter, a registry or a folder may come from the other side of a case, so a
write must never be steered elsewhere by what is already on disk:

- no symbolic link is followed: not the file itself (a dangling link is not
  "no file"), not a folder between `within` and the file, and not `within`;
- nothing is written or deleted outside the folder `within` that the command
  was given (by default the file's own folder);
- `create_*` never replaces anything (what a person wrote stays theirs);
  `replace_*` replaces only a regular file, for commands that exist to edit one;
- the text goes to a temporary file beside the target, then takes its place
  in one step, so a failure never leaves half a file;
- a delete removes only a regular file (`remove_file`) or a folder the command
  made, known by the marker file it leaves in it (`remove_tree`); a link is
  refused, never followed and never removed.

The folders on the way are opened one by one, each relative to the last and
with O_NOFOLLOW, so a folder swapped for a link between a check and the write
is refused too (there is no moment between checking and using a path).
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


class UnsafeWrite(OSError):
    """A write or delete refused; the message says why in a person's words. Nothing was changed."""


_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _route(path: Path, within: Path | None) -> tuple[Path, tuple[str, ...]]:
    """`within` (absolute) and the names from it to `path`; refused if `path` is outside it."""
    within = Path(os.path.abspath(path.parent if within is None else within))
    target = Path(os.path.abspath(path))
    if target != within and within not in target.parents:
        raise UnsafeWrite(f"{path} is outside {within}: nothing was written or deleted there")
    return within, target.relative_to(within).parts


def _open_within(within: Path) -> int:
    try:
        return os.open(within, _FOLDER)
    except OSError as error:
        raise _refusal(within, error) from error


def _refusal(where: Path, error: OSError) -> UnsafeWrite:
    if error.errno in (errno.ELOOP, errno.ENOTDIR) and os.path.islink(where):
        return UnsafeWrite(f"{where} is a symbolic link: nothing is written or deleted through links")
    if error.errno == errno.ENOTDIR:
        return UnsafeWrite(f"{where} is not a folder: nothing was written or deleted there")
    if error.errno == errno.ELOOP:
        return UnsafeWrite(f"{where} is a symbolic link: nothing is written or deleted through links")
    return UnsafeWrite(f"{where}: {error.strerror or error}")


@contextmanager
def _folder(within: Path, parts: tuple[str, ...], make: bool = False) -> Iterator[int]:
    """A descriptor of the folder `within`/`parts`, each step opened without following a link."""
    fd = _open_within(within)
    where = within
    try:
        for part in parts:
            where = where / part
            try:
                inner = _open_folder(part, fd, make)
            except OSError as error:
                raise _refusal(where, error) from error
            os.close(fd)
            fd = inner
        yield fd
    finally:
        os.close(fd)


def _open_folder(name: str, parent: int, make: bool) -> int:
    """The folder `name` in `parent`, opened without following a link; made first if `make` and absent.

    Opened before any attempt to make it: a build writes each letter page into its own new
    folder inside folders that exist (its case's, letters/, the site), and a mkdir of an
    existing folder locks the folder it is in to fail there; an open does not lock it."""
    try:
        return os.open(name, _FOLDER, dir_fd=parent)
    except FileNotFoundError:
        if not make:
            raise
    with suppress(FileExistsError):  # made meanwhile by another process: opened all the same
        os.mkdir(name, dir_fd=parent)
    return os.open(name, _FOLDER, dir_fd=parent)


def _kind(name: str, folder: int) -> int | None:
    """The file type of `name` in `folder` (a link is a link), or None when nothing is there."""
    try:
        return stat.S_IFMT(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    except FileNotFoundError:
        return None


def make_given_folder(folder: Path) -> None:
    """The folder a person named on the command line (`--out build/docs`), made as `mkdir -p` makes it.

    The path is theirs to choose, links and all; what a command then writes
    in it goes through the functions below with `within` set to it."""
    Path(folder).mkdir(parents=True, exist_ok=True)


def make_folders(folder: Path, within: Path) -> None:
    """`folder` and the folders above it up to `within`, none of them a link."""
    within, parts = _route(folder, within)
    with _folder(within, parts, make=True):
        pass


def _write(path: Path, data: bytes, within: Path | None, replace: bool) -> None:
    within, parts = _route(path, within)
    if not parts:
        raise UnsafeWrite(f"{path} is a folder: nothing was written")
    *folders, name = parts
    with _folder(within, tuple(folders), make=True) as folder:
        kind = _kind(name, folder)
        if kind == stat.S_IFLNK:
            raise UnsafeWrite(f"{path} is a symbolic link: nothing is written through links")
        if kind is not None and not replace:
            raise UnsafeWrite(f"{path} already exists: nothing was overwritten")
        if kind is not None and kind != stat.S_IFREG:
            raise UnsafeWrite(f"{path} is not a regular file: nothing was written")
        temporary = f".{name[:200]}.{secrets.token_hex(6)}.tmp"
        handle = os.open(temporary, _NEW_FILE, 0o666, dir_fd=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            if replace:
                # rename() replaces a link itself, never what it points to; one that appeared meanwhile is gone, not followed.
                os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
            else:
                # link() fails if anything at all (a file, a link) has appeared at `path` meanwhile.
                os.link(temporary, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
                os.unlink(temporary, dir_fd=folder)
        except FileExistsError as error:
            os.unlink(temporary, dir_fd=folder)
            raise UnsafeWrite(f"{path} already exists: nothing was overwritten") from error
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(temporary, dir_fd=folder)
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


def copy_file(source: Path, target: Path, within: Path, replace: bool = False) -> None:
    """`source`'s bytes as a new file `target` (or replacing a regular file there, with `replace`).

    The source must be a regular file, not a link: a copy never publishes what a link points to."""
    try:
        handle = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _refusal(source, error) from error
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise UnsafeWrite(f"{source} is not a regular file: it was not copied")
        data = file.read()
    _write(target, data, within, replace=replace)


def copy_tree(source: Path, target: Path, within: Path) -> None:
    """Every file of the folder `source` copied into the new folder `target` (which must not exist).

    A link anywhere in `source` is refused, not copied or followed: what is copied is only what
    the command itself wrote there."""
    found = links_under(source)
    if found:
        raise UnsafeWrite(f"{found[0]} is a symbolic link: nothing is copied through links")
    if lexists(target):
        raise UnsafeWrite(f"{target} already exists: nothing was overwritten")
    make_folders(target, within)
    for parent, folders, files in os.walk(source):
        here = Path(parent)
        there = target / here.relative_to(source)
        for name in folders:
            make_folders(there / name, within)
        for name in files:
            copy_file(here / name, there / name, within)


def lexists(path: Path) -> bool:
    """Whether anything is at `path`: a file, a folder, or a link (a dangling one too)."""
    return os.path.lexists(path)


def _to_delete(path: Path, name: str, folder: int, wanted: int, what: str, missing_ok: bool) -> bool:
    """Whether `name` in `folder` is there to delete, as the kind `wanted`; a link or another kind is refused."""
    kind = _kind(name, folder)
    if kind is None:
        if missing_ok:
            return False
        raise UnsafeWrite(f"{path} does not exist")
    if kind == stat.S_IFLNK:
        raise UnsafeWrite(f"{path} is a symbolic link: links are not deleted or followed")
    if kind != wanted:
        raise UnsafeWrite(f"{path} is not {what}: it was not deleted")
    return True


def remove_file(path: Path, within: Path, missing_ok: bool = True) -> bool:
    """Delete the regular file `path`; a link (or anything else) is refused. Returns whether one was deleted."""
    within, parts = _route(path, within)
    if not parts:
        raise UnsafeWrite(f"{path} is a folder: it was not deleted")
    *folders, name = parts
    try:
        with _folder(within, tuple(folders)) as folder:
            if not _to_delete(path, name, folder, stat.S_IFREG, "a regular file", missing_ok):
                return False
            os.unlink(name, dir_fd=folder)
            return True
    except UnsafeWrite:
        raise
    except FileNotFoundError:  # a folder on the way is missing: so is the file
        if missing_ok:
            return False
        raise


def remove_tree(path: Path, within: Path, marker: str | None = None, missing_ok: bool = True) -> bool:
    """Delete the folder `path` and everything in it, if the command made it.

    Refused for a link, for anything but a folder, and (with `marker`) for a
    folder that does not hold that marker file, which the command leaves in
    every folder it makes. Links inside are deleted as links, never followed.
    Returns whether a folder was deleted."""
    within, parts = _route(path, within)
    if not parts:
        raise UnsafeWrite(f"{path} is the folder the command works in: it is never deleted")
    *folders, name = parts
    try:
        with _folder(within, tuple(folders)) as folder:
            if not _to_delete(path, name, folder, stat.S_IFDIR, "a folder", missing_ok):
                return False
            if marker is not None:
                inner = os.open(name, _FOLDER, dir_fd=folder)
                try:
                    marked = _kind(marker, inner) == stat.S_IFREG
                finally:
                    os.close(inner)
                if not marked:
                    raise UnsafeWrite(f"{path} was not made by this command (it has no {marker}): it was not deleted")
            shutil.rmtree(name, dir_fd=folder)
            return True
    except FileNotFoundError:
        if missing_ok:
            return False
        raise


def rename(source: Path, target: Path, within: Path) -> None:
    """Move `source` to `target` in one step (replacing a file, or an empty folder, there); no link followed."""
    within, source_parts = _route(source, within)
    _, target_parts = _route(target, within)
    if not source_parts or not target_parts:
        raise UnsafeWrite(f"{within} itself is never moved")
    with _folder(within, source_parts[:-1]) as here, _folder(within, target_parts[:-1]) as there:
        if _kind(source_parts[-1], here) == stat.S_IFLNK or _kind(target_parts[-1], there) == stat.S_IFLNK:
            raise UnsafeWrite(f"{source} or {target} is a symbolic link: links are not moved or replaced")
        os.replace(source_parts[-1], target_parts[-1], src_dir_fd=here, dst_dir_fd=there)


def links_under(folder: Path) -> list[Path]:
    """Every symbolic link in `folder` and below (not followed), and `folder` itself if it is one."""
    if os.path.islink(folder):
        return [folder]
    found = []
    for parent, folders, files in os.walk(folder):  # os.walk does not follow links to folders
        for name in [*folders, *files]:
            if os.path.islink(os.path.join(parent, name)):
                found.append(Path(parent, name))
    return sorted(found)
