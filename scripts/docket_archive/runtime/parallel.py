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

A child that fails for any reason, or cannot be forked, is not trusted to
explain why: the parent does that slice itself, so a bug shows as the usual traceback, and a result
never depends on whether the work was spread. `DOCKET_PROCESSES=1` turns
spreading off (for profiling, or a machine shared with other work).
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

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
    work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], minimum: int | None = None
) -> list[Result]:
    """`work(items)`, computed in slices on several cores where that pays.

    `work` maps a slice of `items` to one result per item, in order, and must
    not depend on what other slices do (each runs in its own process).
    Spread only from `minimum` items (default `MINIMUM`)."""
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
            child = context.Process(target=_run, args=(work, part, sender), daemon=True)
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
            results.extend(work(part) if process is None or pipe is None else _collect(process, pipe, work, part))
    finally:
        for process, _, _ in children:  # only still running if the parent's own slice failed
            if process is not None and process.is_alive():
                process.kill()
                process.join()
    return results


def _run(work: Callable[[Sequence[Item]], list[Result]], part: Sequence[Item], sender: Connection) -> None:
    try:
        sender.send(work(part))
    except BaseException:  # any failure at all: the parent does this slice itself
        sender.send(None)
    finally:
        sender.close()


def _collect(
    child: multiprocessing.process.BaseProcess,
    receiver: Connection,
    work: Callable[[Sequence[Item]], list[Result]],
    part: Sequence[Item],
) -> list[Result]:
    try:
        results = receiver.recv()
    except (EOFError, OSError):  # the child died before it could answer
        results = None
    finally:
        receiver.close()
        child.join()
    if not isinstance(results, list) or len(results) != len(part):
        return work(part)  # the same slice, here: a failure raises with its own traceback
    return results
