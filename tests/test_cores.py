"""Work spread over the cores (`cores.spread`): the same answers as one process, whatever happens to a child.

`spread` forks only where no other thread runs, and a test session may have
some (the test servers, the browser's), so each check that needs it runs in a
new Python process of its own. The archive's own use (reading letters,
rendering letter pages) spreads from a thousand letters; the checks lower
that bound so a small fictional archive is spread too, and compare with the
same work done in one process."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from docket_archive import synthetic
from docket_archive.load import checkcache
from docket_archive.load.archive import load_archive
from docket_archive.runtime import parallel as cores
from docket_archive.site.build import build_pages
from test_check_index import age

TESTS = Path(__file__).resolve().parent
needs_fork = pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2, reason="spreads only on Linux with two cores or more"
)


def run_alone(check: str, *args: str) -> None:
    """Runs the function `check` of this module in a new Python process, where no other thread runs."""
    code = f"import sys, test_cores; test_cores.{check}(*sys.argv[1:])"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    env.pop(cores.ENVIRONMENT, None)
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=TESTS)
    assert result.returncode == 0, result.stdout + result.stderr


def pids(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in items]


def check_slices_run_in_other_processes_in_order() -> None:
    results = cores.spread(pids, list(range(40)), minimum=1)
    assert [item for item, _ in results] == list(range(40))
    assert len({pid for _, pid in results}) == cores.processes() > 1, results
    assert results[0][1] == os.getpid()  # the parent does the first slice


@needs_fork
def test_slices_run_in_other_processes_and_come_back_in_order() -> None:
    run_alone("check_slices_run_in_other_processes_in_order")


def test_short_lists_stay_in_this_process() -> None:
    results = cores.spread(pids, list(range(40)), minimum=41)
    assert {pid for _, pid in results} == {os.getpid()}


def test_no_spreading_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert cores.processes() == 1
        assert {pid for _, pid in cores.spread(pids, list(range(40)), minimum=1)} == {os.getpid()}
    finally:
        stop.set()
        other.join()


def test_the_environment_can_turn_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cores.ENVIRONMENT, "1")
    assert cores.processes() == 1


PARENT = os.getpid()


def doubled_but_a_child_dies(items: Sequence[int]) -> list[int]:
    if os.getpid() != PARENT:
        os._exit(3)  # a child dies without a word
    return [item * 2 for item in items]


def raises_past_ten(items: Sequence[int]) -> list[int]:
    if any(item > 10 for item in items):
        raise ValueError("a bug in the work")
    return list(items)


def check_failures_are_the_parents_to_report() -> None:
    assert cores.processes() > 1
    assert cores.spread(doubled_but_a_child_dies, list(range(30)), minimum=1) == [item * 2 for item in range(30)]
    try:
        cores.spread(raises_past_ten, list(range(30)), minimum=1)
    except ValueError as error:
        assert str(error) == "a bug in the work"
    else:
        raise AssertionError("the bug went unreported")


@needs_fork
def test_a_child_that_dies_or_fails_has_its_slice_done_by_the_parent() -> None:
    run_alone("check_failures_are_the_parents_to_report")


def check_no_fork_to_be_had_means_the_parent_does_it_all() -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # as under a process limit

    os.fork = refuse
    assert cores.spread(pids, list(range(40)), minimum=1) == [(item, os.getpid()) for item in range(40)]


@needs_fork
def test_when_no_child_can_be_forked_the_parent_does_every_slice() -> None:
    run_alone("check_no_fork_to_be_had_means_the_parent_does_it_all")


def check_the_archive_and_its_pages_are_the_same_spread(letters: str) -> None:
    assert cores.processes() > 1
    root = Path(letters)
    os.environ[cores.ENVIRONMENT] = "1"
    alone, alone_problems = load_archive(root)
    del os.environ[cores.ENVIRONMENT]
    cores.MINIMUM = 1
    spread, spread_problems = load_archive(root)
    assert spread == alone and len(spread.letters) == 38
    assert spread_problems.items == alone_problems.items
    assert len({problem.path for problem in spread_problems.errors}) == 2  # one in each slice, both reported
    os.environ[cores.ENVIRONMENT] = "1"
    alone_pages = build_pages(alone, date(2030, 1, 1))
    del os.environ[cores.ENVIRONMENT]
    spread_pages = build_pages(alone, date(2030, 1, 1))
    assert list(spread_pages.pages) == list(alone_pages.pages)  # letters in date order: the order pages are written
    assert spread_pages.pages == alone_pages.pages


@needs_fork
def test_a_spread_archive_and_its_pages_are_those_made_in_one_process(tmp_path: Path) -> None:
    # Forty fictional letters, broken ones at both ends of the list: in the parent's slice and a child's.
    root = synthetic.generate(tmp_path / "letters", 40, cases=2)
    first = sorted(root.glob("synthetic-case-001/*.md"))[0]
    last = sorted(root.glob("synthetic-case-002/*.md"))[-1]
    first.write_text(first.read_text().replace("title:", "title: [unclosed", 1))
    last.write_text(last.read_text().replace("type:", "type: 12\ntype:", 1))  # a repeated field
    run_alone("check_the_archive_and_its_pages_are_the_same_spread", str(root))


def check_in_turns_does_every_chunk_once_and_says_so(folder: str, fail_in_child: str = "") -> None:
    """Each chunk writes a file named after it holding the pid that wrote it; chunk
    `fail_in_child` raises in a child (the parent must then do it itself). The parent does
    the first chunk, then children take runs of two chunks (six items) and exit: a new
    process for every run."""
    parent = os.getpid()
    chunks = [list(range(start, start + 3)) for start in range(0, 30, 3)]

    def work(chunk: Sequence[int]) -> None:
        index = chunk[0] // 3
        if str(index) == fail_in_child and os.getpid() != parent:
            raise RuntimeError("a child's failure")
        (Path(folder) / f"chunk-{index}").write_text(str(os.getpid()))

    finished: list[int] = []
    prepared: list[list[int]] = []  # what was finished when the hook ran, in which process
    cores.in_turns(
        work, chunks, finished.append, minimum=1, per_child=6, before_forking=lambda: prepared.append([*finished])
    )
    assert prepared == [[0]]  # once, here, after the first chunk and before any child (it would have forked)
    assert sorted(finished) == list(range(10)), finished
    writers = [int((Path(folder) / f"chunk-{index}").read_text()) for index in range(10)]
    assert writers[0] == parent and finished[0] == 0  # before any child: they inherit what it made
    runs = [writers[start : start + 2] for start in range(1, 10, 2)]
    failed = (
        {int(fail_in_child), int(fail_in_child) + 1} if fail_in_child else set()
    )  # the chunk and the rest of its run
    if failed:
        assert {writers[index] for index in failed} == {parent}  # done again here, after the others
        assert set(finished[-2:]) == failed
    children = [writer for index, writer in enumerate(writers) if index and index not in failed]
    assert parent not in children  # then this process only deals, where nothing fails
    assert len(set(children)) == 5 - bool(failed), runs  # a process for each run, which it does alone
    assert all(len(set(run) - {parent}) <= 1 for run in runs), runs


@needs_fork
def test_in_turns_does_every_chunk_once_on_several_processes(tmp_path: Path) -> None:
    run_alone("check_in_turns_does_every_chunk_once_and_says_so", str(tmp_path))


@needs_fork
def test_in_turns_does_a_chunk_again_where_a_child_failed(tmp_path: Path) -> None:
    run_alone("check_in_turns_does_every_chunk_once_and_says_so", str(tmp_path), "3")


def check_a_child_sends_what_pack_makes_and_the_parent_unpacks_it() -> None:
    def pack(results: list[tuple[int, int]]) -> list[str]:
        assert os.getpid() != PARENT  # only a child packs
        return [f"{item}:{pid}" for item, pid in results]

    def unpack(sent: list[str]) -> list[tuple[int, int]]:
        assert not gc.isenabled()  # unpickled and unpacked with the cycle collector paused
        return [(int(item), int(pid)) for item, pid in (text.split(":") for text in sent)]

    results = cores.spread(pids, list(range(40)), minimum=1, pack=pack, unpack=unpack)
    assert [item for item, _ in results] == list(range(40))
    assert len({pid for _, pid in results}) == cores.processes() > 1
    assert gc.isenabled()


@needs_fork
def test_a_child_sends_what_pack_makes() -> None:
    run_alone("check_a_child_sends_what_pack_makes_and_the_parent_unpacks_it")


def check_a_whole_check_spread_finds_and_keeps_what_one_process_does(letters: str, alone_cache: str) -> None:
    """A whole check's children send only what is kept of each letter (`checkcache._packed`):
    the same problems, the same letters for the checks across letters, the same cache file."""
    root = Path(letters)
    os.environ[cores.ENVIRONMENT] = "1"
    alone, alone_problems = load_archive(root, load_all=checkcache.CheckCache(root).load_all)
    del os.environ[cores.ENVIRONMENT]
    kept = checkcache.cache_path(root)
    kept.rename(alone_cache)
    cores.MINIMUM = 1
    spread, spread_problems = load_archive(root, load_all=checkcache.CheckCache(root).load_all)
    assert [str(problem) for problem in spread_problems.items] == [str(problem) for problem in alone_problems.items]
    assert spread_problems.items == alone_problems.items
    fields = ("id", "source", "date", "cases", "type", "sequence", "tags", "letter_references", "new_people")
    assert [[getattr(one, name) for name in fields] for one in spread.letters] == [
        [getattr(one, name) for name in fields] for one in alone.letters
    ]
    assert any(not one.title for one in spread.letters)  # a child's letters: what is kept of them
    assert spread.letters[-1].new_people and spread.letters[-1].title  # a description is sent whole
    assert (spread.people, spread.cases) == (alone.people, alone.cases)
    assert kept.read_text() == Path(alone_cache).read_text()
    assert gc.isenabled()  # paused while letters were read, and on again


@needs_fork
def test_a_whole_check_spread_finds_and_keeps_what_one_process_does(tmp_path: Path) -> None:
    root = synthetic.generate(tmp_path / "letters", 40, cases=2)
    letters = sorted(root.glob("*/*.md"))
    letters[0].write_text(letters[0].read_text().replace("title:", "title: [unclosed", 1))
    letters[-1].write_text(
        letters[-1].read_text().replace("---\n", "---\nnew_people:\n  robin-newcomb:\n    name: Robin Newcomb\n", 1)
    )
    letters[-2].write_text(letters[-2].read_text().replace("sequence:", "review:\n  title: unsure\nsequence:", 1))
    for path in root.rglob("*"):
        age(path)  # saved a minute ago: each letter's answer is kept
    run_alone(
        "check_a_whole_check_spread_finds_and_keeps_what_one_process_does", str(root), str(tmp_path / "alone.json")
    )
