"""The same work for every letter, spread over the machine's cores.

Reading 10,000 letters, or rendering their pages, is one independent piece of
work per letter, and one Python process uses one core. `spread` runs slices
of the list in forked child processes, which inherit everything the parent
has loaded (nothing is sent to them), and send back only their results. The
parent works on the first slice meanwhile, so the results come back in order.

Forking is used only where it is safe and pays:

- on Linux (macOS forks badly under its system frameworks; elsewhere there is
  no fork), with more than one core available to this process;
- with no other thread running: a child would inherit any lock another thread
  held at the fork, and could wait on it forever (`mkdocs serve` has threads,
  and keeps its letters between rebuilds anyway);
- for lists long enough that the work outweighs sending the results back;
- on as many cores as this process may use (its CPU affinity and a
  container's CPU limit).

`in_turns` is the same for work done for its effects (pages written to
disk) rather than its results: the list is cut into chunks, children take
runs of them in order and exit after each run (the memory a child copies
from the parent is freed then), and the parent hears of each chunk as it is
finished (the search index starts on the oldest letters while the newest are
still being written).

A child that fails for any reason, or cannot be forked, is not trusted to
explain why: the parent does that slice itself, so a bug shows as the usual traceback, and a result
never depends on whether the work was spread. `DOCKET_PROCESSES=1` turns
spreading off (for profiling, or a machine shared with other work).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import math
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, forking and sending results back costs more than it
# saves (measured: 10,000 letters read in 2.4 s instead of 3.9 s on two cores).
MINIMUM = 1000
MAX_PROCESSES = 4  # the parent unpickles every child's results alone: more children gain little
ENVIRONMENT = "DOCKET_PROCESSES"
# Items a child of `in_turns` does before it exits and a new one is forked: the memory it
# copies from the parent is held until then (about 6 KiB a letter page), and a fork costs
# milliseconds against the seconds of work in a run.
PER_CHILD = 1000


def processes() -> int:
    """How many processes `spread` may use here (1: no spreading)."""
    if sys.platform != "linux" or threading.active_count() > 1 or multiprocessing.current_process().daemon:
        return 1  # (a daemonic process may not have children)
    wanted = os.environ.get(ENVIRONMENT, "").strip()
    limit = int(wanted) if wanted.isdigit() and int(wanted) > 0 else MAX_PROCESSES
    return max(1, min(len(os.sched_getaffinity(0)), _cpu_quota(), limit))


def _cpu_quota() -> int:
    """The CPUs a container's limit allows (cgroup v2 `cpu.max`), or a large number if none is set."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        return max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):  # no cgroup v2, or "max": no limit
        return MAX_PROCESSES


def spread(
    work: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    minimum: int | None = None,
    *,
    pack: Callable[[list[Result]], Any] | None = None,
    unpack: Callable[[Any], list[Result]] | None = None,
) -> list[Result]:
    """`work(items)`, computed in slices on several cores where that pays.

    `work` maps a slice of `items` to one result per item, in order, and must
    not depend on what other slices do (each runs in its own process).
    Spread only from `minimum` items (default `MINIMUM`).

    A child sends `pack(results)` where `pack` is given, and the parent takes
    `unpack` of what it receives (the parent's own slice is neither): the
    parent unpickles every child's results alone, and plain tuples and strings
    unpickle several times faster than dataclasses, so a caller that needs
    less of each result than `work` makes sends only that."""
    count = processes() if len(items) >= (MINIMUM if minimum is None else minimum) else 1
    if count == 1:
        return work(items)
    bounds = [len(items) * index // count for index in range(count + 1)]
    slices = [items[start:stop] for start, stop in itertools.pairwise(bounds)]
    context = multiprocessing.get_context("fork")
    children: list[tuple[multiprocessing.process.BaseProcess | None, Connection | None, Sequence[Item]]] = []
    try:
        for part in slices[1:]:
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_run, args=(work, part, sender, pack), daemon=True)
            try:
                child.start()
            except OSError:  # no fork to be had (a process or memory limit): this process does the slice
                receiver.close()
                sender.close()
                children.append((None, None, part))
                continue
            sender.close()  # the child's end: the parent then sees EOF if the child dies
            children.append((child, receiver, part))
        results = work(slices[0])
        for process, pipe, part in children:
            results.extend(
                work(part) if process is None or pipe is None else _collect(process, pipe, work, part, unpack)
            )
    finally:
        for process, _, _ in children:  # only still running if the parent's own slice failed
            if process is not None and process.is_alive():
                process.kill()
                process.join()
    return results


def _run(
    work: Callable[[Sequence[Item]], list[Result]],
    part: Sequence[Item],
    sender: Connection,
    pack: Callable[[list[Result]], Any] | None,
) -> None:
    try:
        results = work(part)
        sender.send(results if pack is None else pack(results))
    except BaseException:  # any failure at all: the parent does this slice itself
        sender.send(None)
    finally:
        sender.close()


def _collect(
    child: multiprocessing.process.BaseProcess,
    receiver: Connection,
    work: Callable[[Sequence[Item]], list[Result]],
    part: Sequence[Item],
    unpack: Callable[[Any], list[Result]] | None,
) -> list[Result]:
    try:
        with collector_paused():
            results = receiver.recv()
            if results is not None and unpack is not None:
                results = unpack(results)
    except (EOFError, OSError):  # the child died before it could answer
        results = None
    finally:
        receiver.close()
        child.join()
    if not isinstance(results, list) or len(results) != len(part):
        return work(part)  # the same slice, here: a failure raises with its own traceback
    return results


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for work that makes many objects and (almost) no cycles: each
    collection their numbers set off goes through every object the process holds. Unpickling a
    child's results (two thirds of unpickling 5,000 letters went to it), a whole `docket check`.
    Paused already (by a caller), it stays paused."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# A child of `in_turns` by the pipe it speaks on: the process, and the chunks of its run not yet reported done.
Running = dict[Connection, tuple[multiprocessing.process.BaseProcess, list[int]]]


def in_turns(
    work: Callable[[Sequence[Item]], None],
    chunks: Sequence[Sequence[Item]],
    finished: Callable[[int], None],
    minimum: int | None = None,
    per_child: int = PER_CHILD,
    before_forking: Callable[[], None] | None = None,
) -> None:
    """`work(chunk)` for every chunk, for its effects, on several cores where that pays.

    Where it pays, this process does the first chunk, then only deals: as many children as
    there are cores each take
    the next run of chunks in order (about `per_child` items), do them and exit, and a new
    child is forked for the next run; `finished(i)` is called here as each chunk is done,
    soonest first. A child touching the objects it inherited copies the memory pages they
    sit on (their reference counts change), and keeps the copies until it exits: one child
    for the whole list ended holding a second copy of every letter (a third of the build's
    peak memory at 100,000 letters), a child for a run of them holds the copies of that run
    only. Forking a process of a gigabyte takes milliseconds; a run is seconds of work.

    The indexer's thread may be running when a later child is forked: a child inherits
    only the thread that forks, and the locks the others held. It takes none of them (it
    does its chunks and writes to its own pipe), so none can stop it.

    A chunk a child did not report done (it failed or died) is done again here, after the
    others. Spread only from `minimum` items in all (default `MINIMUM`); `before_forking`
    is called here once the first chunk is done, before the first child is forked (for
    what every child should inherit rather than make for itself)."""
    items = sum(len(chunk) for chunk in chunks)
    count = min(processes(), len(chunks)) if items >= (MINIMUM if minimum is None else minimum) else 1
    if count == 1:
        for index, chunk in enumerate(chunks):
            work(chunk)
            finished(index)
        return
    # The first chunk is done here, before any child is forked: what the work makes once
    # and keeps (templates loaded and compiled, partials learnt) is then inherited by every
    # child, not made again by each (a third of a second a child for letter pages).
    work(chunks[0])
    finished(0)
    if before_forking is not None:
        before_forking()
    _deal(work, chunks, finished, count, per_child)


def _deal(
    work: Callable[[Sequence[Item]], None],
    chunks: Sequence[Sequence[Item]],
    finished: Callable[[int], None],
    count: int,
    per_child: int,
) -> None:
    """The chunks after the first, in runs to `count` children at a time (`in_turns`)."""
    waiting = deque(_runs(chunks[1:], per_child, first=1))
    running: Running = {}
    mine: list[int] = []  # chunks this process does: those of a child that failed or could not be forked
    # The cycle collector, running in a child, would write to every object the parent
    # holds and so copy its memory page by page: what exists now is frozen out of its
    # sight until the children are done (unless someone froze it already).
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    try:
        while waiting or running:
            _start_runs(work, chunks, waiting, running, count, mine)
            if running:
                _hear(running, finished, mine)
        for index in sorted(mine):
            work(chunks[index])
            finished(index)
    finally:
        for pipe, (process, _) in running.items():  # only while this process's own work fails
            pipe.close()
            if process.is_alive():
                process.kill()
            process.join()
        if freezing:
            gc.unfreeze()


def _start_runs(
    work: Callable[[Sequence[Item]], None],
    chunks: Sequence[Sequence[Item]],
    waiting: deque[list[int]],
    running: Running,
    count: int,
    mine: list[int],
) -> None:
    """Children forked for the next runs until `count` are running; a run no child could be
    forked for (a process or memory limit) is left to this process."""
    while waiting and len(running) < count:
        run = waiting.popleft()
        started = _fork_run(work, chunks, run)
        if started is None:
            mine += run
        else:
            running[started[0]] = (started[1], run)


def _runs(chunks: Sequence[Sequence[Item]], per_child: int, first: int = 0) -> Iterator[list[int]]:
    """The chunks' indices (counted from `first`) in order, cut into runs of about `per_child`
    items (one chunk at least)."""
    run: list[int] = []
    size = 0
    for index, chunk in enumerate(chunks, start=first):
        run.append(index)
        size += len(chunk)
        if size >= per_child:
            yield run
            run, size = [], 0
    if run:
        yield run


def _fork_run(
    work: Callable[[Sequence[Item]], None], chunks: Sequence[Sequence[Item]], run: list[int]
) -> tuple[Connection, multiprocessing.process.BaseProcess] | None:
    """A child doing the chunks `run` and saying which it finished; None if none could be forked."""
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_run_turns, args=(work, chunks, run, sender), daemon=True
    )
    try:
        child.start()
    # OSError: no fork to be had. DeprecationWarning: Python 3.12 and later warn of a fork
    # while another thread runs (the indexer's), an error where warnings are made errors.
    except (OSError, DeprecationWarning):
        receiver.close()
        sender.close()
        return None
    sender.close()  # the child's end: this process then sees EOF when the child is gone
    return receiver, child


def _run_turns(
    work: Callable[[Sequence[Item]], None], chunks: Sequence[Sequence[Item]], run: list[int], sender: Connection
) -> None:
    # Any failure at all ends the run: the parent does the chunks not reported, and raises
    # there with the failure's own traceback if it fails again.
    with contextlib.suppress(BaseException):
        for index in run:
            work(chunks[index])
            sender.send(index)
    sender.close()


def _hear(
    running: Running,
    finished: Callable[[int], None],
    mine: list[int],
) -> None:
    """Waits for a child to say something: a chunk done is passed on; a child that is gone is
    joined, and the chunks it did not report done are left to this process (`mine`)."""
    for pipe in multiprocessing.connection.wait(list(running)):
        assert isinstance(pipe, Connection)  # noqa: S101 - only Connections are waited on
        process, left = running[pipe]
        try:
            index = pipe.recv()
        except (EOFError, OSError):  # all said, or the child died
            pipe.close()
            process.join()
            mine += left
            del running[pipe]
            continue
        if isinstance(index, int) and index in left:
            left.remove(index)
            finished(index)
