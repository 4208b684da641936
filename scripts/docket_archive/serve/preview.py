"""What keeps `mkdocs serve` quick on a large archive, besides rebuilding only what changed.

- **Saves noticed at once.** MkDocs watches files by polling: every half
  second it lists and stats every file of each watched folder. For letters/
  at 10,000 letters that is 0.14 s of Python each time, holding the
  interpreter's lock against the rebuild, and a save waited up to half a
  second plus that before a rebuild began. letters/ is watched instead
  through the system's own notifications (inotify on Linux, FSEvents on
  macOS, ReadDirectoryChangesW on Windows, through watchdog, which MkDocs
  itself uses), which report a save within milliseconds and cost nothing in
  between. Where they cannot be had (too many watches, some network drives),
  MkDocs' polling stays.
- **What changed, from the notifications.** The same notifications are
  kept in a `ChangeLog`: the paths saved since the last rebuild, and
  whether any file or folder came, went or moved. The letters kept between
  rebuilds are then taken as they are unless named there (no time stamp
  read, no content hashed, for the other 99,999), and the list of files is
  kept unless something came or went. Once the watch runs, after the first
  build, every kept letter is checked once against its file (a save during
  the first build was not seen) and letters/ is listed again (a file may
  have come), while nobody waits yet: the first rebuild then trusts the
  watch as every later one does.
- **The theme's templates compiled once.** Each rebuild reads mkdocs.yml
  again and with it makes a new template environment, which compiled
  Material's templates anew every time. Their compiled code is kept between
  rebuilds (Jinja's own bytecode cache, checked against each template's
  source, so an edited template is compiled again).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from dataclasses import dataclass
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# What changes a file. Opening and reading one is reported as well (inotify's
# IN_OPEN), and a rebuild reads the letter it was started for: MkDocs, which
# rebuilds on any event, would then rebuild a second time.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


class _ChangesObserver(Observer):  # type: ignore[misc,valid-type]  # Observer is the platform's class
    """The platform's native observer, passing on only events that change a file."""

    def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False, **options: Any) -> Any:
        options.setdefault("event_filter", CHANGES)
        return super().schedule(event_handler, path, recursive=recursive, **options)


@dataclass(frozen=True)
class Changed:
    """What the native watch saw change since the last rebuild."""

    paths: frozenset[str]  # every path named by an event (absolute)
    structure: bool  # a file or folder came, went or moved: the list of files must be read again


class ChangeLog(FileSystemEventHandler):
    """The changes the native watch reports, kept until the next rebuild takes them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._structure = False  # files came, went or moved since the last rebuild
        # Files may have come or gone before the watch began, until a listing made since says
        # what is there (`caught_up`: the letter cache lists letters/ as the watch starts).
        self._unseen = True
        self._watching = False  # set once the watch runs: before, saves went unseen

    def started(self) -> None:
        with self._lock:
            self._watching = True

    def caught_up(self) -> None:
        """Everything under the watched folder was listed after the watch began: what came or
        went before it is known, and only the changes seen since count."""
        with self._lock:
            self._unseen = False

    def on_any_event(self, event: FileSystemEvent) -> None:
        with self._lock:
            self._paths.add(str(event.src_path))
            if getattr(event, "dest_path", ""):
                self._paths.add(str(event.dest_path))
            if event.is_directory or event.event_type in ("created", "deleted", "moved"):
                self._structure = True

    def take(self) -> Changed | None:
        """What changed since the last call; None when that is not known (no native watch):
        everything must be checked."""
        with self._lock:
            if not self._watching:
                return None
            changed = Changed(frozenset(self._paths), self._structure or self._unseen)
            self._paths, self._structure, self._unseen = set(), False, False
        return changed


def watch_natively(server: Any, path: str, changes: ChangeLog | None = None) -> Any | None:
    """Has MkDocs' live-reload `server` rebuild on changes under `path`, noticed natively,
    and `changes` record them.

    Returns the observer to stop when the server shuts down, or None where
    native notifications cannot be had (the server then polls `path`)."""
    observer = _ChangesObserver()
    try:
        observer.start()
        # A trial watch: once the observer runs, scheduling starts watching at
        # once, so a refusal (such as inotify's limit) shows here.
        observer.unschedule(observer.schedule(FileSystemEventHandler(), path, recursive=True))
    except OSError as error:
        _stop(observer)
        log.info(f"watching {path} by polling (native file notifications failed: {error})")
        server.watch(path)
        return None
    # The server's watch() schedules its rebuild handler on its `observer`:
    # lend it this one for the call, so the handler is MkDocs' own.
    polling, server.observer = server.observer, observer
    try:
        if changes is not None:  # before the server's own handler: a rebuild finds the change logged
            observer.schedule(changes, path, recursive=True)
            changes.started()
        server.watch(path)
    except BaseException:
        _stop(observer)
        raise
    finally:
        server.observer = polling
    return observer


def stop_watching(observer: Any | None) -> None:
    if observer is not None:
        _stop(observer)


def _stop(observer: Any) -> None:
    observer.stop()
    if observer.is_alive():
        observer.join(timeout=5)


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for the life of the `mkdocs serve` process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the template's source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def end_as_ctrl_c_does() -> None:
    """SIGTERM and SIGHUP (a closed terminal, a process manager, a script's `terminate()`) end
    the preview as Ctrl+C does, so MkDocs removes its temporary site folder: killed by the
    default action it left it in the system's temporary folder, 3.8 GB at 100,000 letters
    each time. Only in the main thread (signals are handled there), and only where nothing
    else handles them. A process forked from this one (a page writer) ends as it would have."""
    if threading.current_thread() is not threading.main_thread():
        return
    serving = os.getpid()

    def interrupt(signum: int, frame: Any) -> None:
        if os.getpid() != serving:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, interrupt)
