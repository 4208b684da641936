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
- **The theme's templates compiled once.** Each rebuild reads mkdocs.yml
  again and with it makes a new template environment, which compiled
  Material's templates anew every time. Their compiled code is kept between
  rebuilds (Jinja's own bytecode cache, checked against each template's
  source, so an edited template is compiled again).
"""

from __future__ import annotations

import logging
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


def watch_natively(server: Any, path: str) -> Any | None:
    """Has MkDocs' live-reload `server` rebuild on changes under `path`, noticed natively.

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
