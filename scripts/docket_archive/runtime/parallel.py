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
disk) rather than its results: the list is cut into chunks dealt to the
processes in turns, so they advance through it together, and the parent
hears of each chunk as it is finished (the search index starts on the
oldest letters while the newest are still being written).

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


def in_turns(
    work: Callable[[Sequence[Item]], None],
    chunks: Sequence[Sequence[Item]],
    finished: Callable[[int], None],
    minimum: int | None = None,
) -> None:
    """`work(chunk)` for every chunk, for its effects, on several cores where that pays.

    Chunk i goes to process i % n (the parent is process 0), so the processes
    move through the list together; `finished(i)` is called in this process
    as each chunk is done, soonest first. A chunk a child did not report done
    (it failed or died) is done again here. Spread only from `minimum` items
    in all (default `MINIMUM`)."""
    items = sum(len(chunk) for chunk in chunks)
    count = min(processes(), len(chunks)) if items >= (MINIMUM if minimum is None else minimum) else 1
    children: list[tuple[multiprocessing.process.BaseProcess, Connection, list[int]]] = []
    # The cycle collector, running in a child, would write to every object the parent
    # holds and so copy its memory page by page: what exists now is frozen out of its
    # sight until the children are done (unless someone froze it already).
    freezing = count > 1 and gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    try:
        mine = _deal(work, chunks, count, children)
        for index in mine:
            work(chunks[index])
            finished(index)
            _hear(children, finished, timeout=0)
        while any(not pipe.closed for _, pipe, _ in children):
            _hear(children, finished, timeout=None)
        for process, _, left in children:
            process.join()
            for index in left:  # not reported done: the child failed or died
                work(chunks[index])
                finished(index)
    finally:
        for process, pipe, _ in children:
            if not pipe.closed:
                pipe.close()
            if process.is_alive():  # only when the parent's own work failed
                process.kill()
                process.join()
        if freezing:
            gc.unfreeze()


def _deal(
    work: Callable[[Sequence[Item]], None],
    chunks: Sequence[Sequence[Item]],
    count: int,
    children: list[tuple[multiprocessing.process.BaseProcess, Connection, list[int]]],
) -> list[int]:
    """Forks a child for each turn but the first, which is this process's; returns the chunks
    this process does (its own turn, and those of any child that could not be forked)."""
    context = multiprocessing.get_context("fork")
    mine = list(range(0, len(chunks), count))
    for turn in range(1, count):
        dealt = list(range(turn, len(chunks), count))
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_run_turns, args=(work, chunks, dealt, sender), daemon=True)
        try:
            child.start()
        except OSError:  # no fork to be had: this process does those chunks
            receiver.close()
            sender.close()
            mine += dealt
            continue
        sender.close()
        children.append((child, receiver, dealt))
    return sorted(mine)


def _run_turns(
    work: Callable[[Sequence[Item]], None], chunks: Sequence[Sequence[Item]], dealt: list[int], sender: Connection
) -> None:
    # Any failure at all ends the turns: the parent does the chunks not reported, and raises
    # there with the failure's own traceback if it fails again.
    with contextlib.suppress(BaseException):
        for index in dealt:
            work(chunks[index])
            sender.send(index)
    sender.close()


def _hear(
    children: list[tuple[multiprocessing.process.BaseProcess, Connection, list[int]]],
    finished: Callable[[int], None],
    timeout: float | None,
) -> None:
    """Passes on the chunks children report done; a child's pipe is closed once it has said all."""
    open_pipes = [pipe for _, pipe, _ in children if not pipe.closed]
    if not open_pipes:
        return
    ready = multiprocessing.connection.wait(open_pipes, timeout=timeout)
    for pipe, left in [(pipe, dealt) for _, pipe, dealt in children if pipe in ready]:
        try:
            index = pipe.recv()
        except (EOFError, OSError):  # all said, or the child died: what is left is done by the parent
            pipe.close()
            continue
        if isinstance(index, int) and index in left:
            left.remove(index)
            finished(index)
