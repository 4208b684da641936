"""Work spread over the cores in chunks, the results streamed back (`runtime/streamed.py`): the same
answers as one process, in order, whatever happens to a child.

As in test_cores.py, each check that forks runs in a new Python process of its own (a test
session may have threads, and then nothing is spread)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from docket_archive.runtime import parallel
from docket_archive.runtime.streamed import spread_streamed

TESTS = Path(__file__).resolve().parent
needs_fork = pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2, reason="spreads only on Linux with two cores or more"
)


def run_alone(check: str) -> None:
    """Runs the function `check` of this module in a new Python process, where no other thread runs."""
    code = f"import test_streamed; test_streamed.{check}()"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    env.pop(parallel.ENVIRONMENT, None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=TESTS)
    assert result.returncode == 0, result.stdout + result.stderr


PARENT = os.getpid()


def pids(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in items]


ANSWERED: Any = None  # set by a child as it starts its second chunk: its first answer is then in the pipe
_chunks_begun = 0  # by this process (a child forks with the parent's 0: the parent works only after forking)


def paced_pids(items: Sequence[int]) -> list[tuple[int, int]]:
    """`pids`, paced so that the test is of the dealing and not of the scheduler.

    The parent's first chunk waits until a child has sent its first answer. The
    parent takes that answer in after its chunk and deals the child another, so
    a child answers more than the chunks it was dealt when forked, however late
    the machine lets it start."""
    global _chunks_begun
    _chunks_begun += 1
    if os.getpid() == PARENT:
        if _chunks_begun == 1:
            assert ANSWERED.wait(timeout=60), "no child began its second chunk in a minute"
    elif _chunks_begun == 2:
        ANSWERED.set()
    return pids(items)


def check_chunks_are_shared_and_come_back_in_order() -> None:
    global ANSWERED
    assert parallel.processes() > 1
    ANSWERED = multiprocessing.get_context("fork").Event()
    sent: list[int] = []

    def pack(results: list[tuple[int, int]]) -> list[list[int]]:
        return [list(result) for result in results]

    def unpack(packed: list[list[int]]) -> list[tuple[int, int]]:
        sent.append(len(packed))
        return [(item, pid) for item, pid in packed]

    results = spread_streamed(paced_pids, list(range(200)), pack=pack, unpack=unpack, minimum=1, chunk=7)
    assert [item for item, _ in results] == list(range(200))
    assert len({pid for _, pid in results}) == parallel.processes()
    assert os.getpid() in {pid for _, pid in results}  # this process takes chunks too
    assert len(sent) > 2 and sum(sent) == sum(1 for _, pid in results if pid != os.getpid())  # chunk by chunk


@needs_fork
def test_chunks_are_shared_and_come_back_in_order() -> None:
    run_alone("check_chunks_are_shared_and_come_back_in_order")


def test_short_lists_stay_in_this_process() -> None:
    assert {pid for _, pid in spread_streamed(pids, list(range(40)), minimum=41)} == {os.getpid()}


def doubled_but_a_child_dies(items: Sequence[int]) -> list[int]:
    if os.getpid() != PARENT and 20 in items:
        os._exit(3)  # a child dies without a word, having answered some chunks perhaps
    time.sleep(0.002)
    return [item * 2 for item in items]


def raises_past_ten(items: Sequence[int]) -> list[int]:
    if any(item > 10 for item in items):
        raise ValueError("a bug in the work")
    return list(items)


def short_answers(items: Sequence[int]) -> list[int]:
    return list(items) if os.getpid() == PARENT else list(items)[1:]


def check_failures_are_the_parents_to_report() -> None:
    global PARENT  # this process, where the check runs, is the parent
    PARENT = os.getpid()
    assert parallel.processes() > 1
    assert spread_streamed(doubled_but_a_child_dies, list(range(60)), minimum=1, chunk=4) == [
        item * 2 for item in range(60)
    ]
    assert spread_streamed(short_answers, list(range(60)), minimum=1, chunk=4) == list(range(60))
    try:
        spread_streamed(raises_past_ten, list(range(30)), minimum=1, chunk=4)
    except ValueError as error:
        assert str(error) == "a bug in the work"
    else:
        raise AssertionError("the bug went unreported")


@needs_fork
def test_a_child_that_dies_or_fails_has_its_chunks_done_by_the_parent() -> None:
    run_alone("check_failures_are_the_parents_to_report")


def check_no_fork_to_be_had_means_the_parent_does_it_all() -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # as under a process limit

    os.fork = refuse
    assert spread_streamed(pids, list(range(40)), minimum=1, chunk=3) == [(item, os.getpid()) for item in range(40)]


@needs_fork
def test_when_no_child_can_be_forked_the_parent_does_every_chunk() -> None:
    run_alone("check_no_fork_to_be_had_means_the_parent_does_it_all")
