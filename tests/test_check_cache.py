"""`docket check` of a whole archive keeps each letter's answer between runs (load/checkcache.py):
only what changed is read again, and a stale, corrupt or foreign cache never changes the answer."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from chain_archive import FIRST, SECOND, write_chain_archive
from docket_archive.domain.model import Archive
from docket_archive.domain.problems import Problem, Problems
from docket_archive.load import checkcache
from docket_archive.load.archive import load_archive
from docket_archive.load.check import check
from test_check_index import age


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    root = write_chain_archive(tmp_path / "letters")
    broken = root / "beta" / "2021-04-01-status-letter.md"
    broken.write_text((root / "alpha" / f"{SECOND}.md").read_text().replace("title:", "title: [unclosed", 1))
    for path in root.rglob("*"):
        age(path)  # saved a minute ago, not "just now" (which is read again every time), originals too
    return root


def cached(root: Path) -> tuple[Archive, Problems, checkcache.CacheRun]:
    cache = checkcache.CheckCache(root)
    archive, problems = load_archive(root, load_all=cache.load_all)
    return archive, problems, cache.run


def assert_as_fresh(root: Path) -> checkcache.CacheRun:
    """The cached whole check finds what a check reading every letter finds."""
    archive, problems, run = cached(root)
    fresh, fresh_problems = load_archive(root)
    assert [str(p) for p in problems.items] == [str(p) for p in fresh_problems.items]
    assert [(one.id, one.source, one.date, one.cases) for one in archive.letters] == [
        (one.id, one.source, one.date, one.cases) for one in fresh.letters
    ]
    assert (archive.people, archive.cases) == (fresh.people, fresh.cases)
    return run


def test_a_second_whole_check_reads_only_what_changed(chain: Path) -> None:
    first = assert_as_fresh(chain)
    assert (first.read, first.kept, first.set_aside, first.saved) == (6, 0, "no cache yet", True)
    assert checkcache.cache_path(chain) == chain.parent / ".cache" / "docket" / "check-cache.json"
    again = assert_as_fresh(chain)
    assert (again.read, again.kept, again.saved) == (0, 6, False)  # the broken letter's errors kept too
    second = chain / "alpha" / f"{SECOND}.md"
    second.write_text(second.read_text().replace("sequence: 2", "sequence: 1"))  # a number twice: across letters
    age(second)
    changed = assert_as_fresh(chain)
    assert (changed.read, changed.kept) == (1, 5)
    (chain / "alpha" / f"{FIRST}.md").unlink()  # the letters that refer to it now warn
    assert assert_as_fresh(chain).read == 0


def test_a_changed_registry_or_original_reads_every_letter(chain: Path) -> None:
    assert_as_fresh(chain)
    people = chain / "people.yml"
    people.write_text(people.read_text().replace("casey-fixture-2:", "casey-fixture-9:"))
    assert assert_as_fresh(chain).read == 6  # letters by casey-fixture-2 now fail
    assert assert_as_fresh(chain).read == 0
    original = next((chain / "alpha" / "originals").iterdir())
    original.write_bytes(b"changed\n")
    assert assert_as_fresh(chain).read == 6  # the first letter's sha256 no longer matches


def test_a_letter_saved_just_now_is_read_again_until_its_stamp_can_be_trusted(chain: Path) -> None:
    assert_as_fresh(chain)
    second = chain / "alpha" / f"{SECOND}.md"
    second.write_text(second.read_text().replace("No change.", "No chang!."))
    assert assert_as_fresh(chain).read == 1
    assert assert_as_fresh(chain).read == 1  # still racy: read again
    age(second)
    assert assert_as_fresh(chain).read == 1 and assert_as_fresh(chain).read == 0


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda path: path.write_text("{not json"), "could not be read"),
        (lambda path: path.write_text("[" * 100_000 + "]" * 100_000), "could not be read"),
        (lambda path: path.write_text(path.read_text().replace('"version":1', '"version":7')), "another version"),
        (lambda path: path.write_text(path.read_text().replace('"mtime_ns":[', '"mtime_ns":["1",', 1)), "not one"),
        (
            lambda path: path.write_text(
                json.dumps(_with(json.loads(path.read_text()), "date", "2020-13-45"), separators=(",", ":"))
            ),
            "not one",
        ),
        (
            lambda path: path.write_text(
                json.dumps(_with(json.loads(path.read_text()), "problems", [[1, "x"]]), separators=(",", ":"))
            ),
            "not one",
        ),
    ],
)
def test_a_corrupt_or_foreign_cache_is_set_aside(chain: Path, damage, why: str) -> None:
    assert_as_fresh(chain)
    damage(checkcache.cache_path(chain))
    run = assert_as_fresh(chain)
    assert why in run.set_aside and run.read == 6 and run.saved
    assert assert_as_fresh(chain).read == 0  # and it is sound again


def _with(data: dict, column: str, value: object) -> dict:
    data["letters"][column][0] = value
    return data


def test_a_link_at_the_cache_is_never_followed(chain: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text("precious")
    folder = chain.parent / ".cache" / "docket"
    folder.mkdir(parents=True)
    (folder / "check-cache.json").symlink_to(outside)
    run = assert_as_fresh(chain)
    assert run.read == 6 and not run.saved
    assert outside.read_text() == "precious"


def test_docket_check_uses_it_and_says_the_same(chain: Path) -> None:
    first = [str(p) for result in check([chain], chain) for p in result.problems.items]
    assert checkcache.cache_path(chain).is_file()
    second = check([chain], chain)
    assert [str(p) for result in second for p in result.problems.items] == first
    assert any("2021-04-01-status-letter.md:2: front matter" in line for line in first)  # errors kept too


def test_a_whole_check_runs_without_the_cycle_collector_and_leaves_it_as_it_was(chain: Path) -> None:
    enabled: list[bool] = []

    def also(archive: Archive) -> list[Problem]:
        enabled.append(gc.isenabled())
        return []

    first = [str(p) for result in check([chain], chain, also=also) for p in result.problems.items]
    assert enabled == [False] and gc.isenabled()
    gc.disable()
    try:
        assert [str(p) for result in check([chain], chain) for p in result.problems.items] == first
        assert not gc.isenabled()  # paused by someone else: left paused
    finally:
        gc.enable()


def test_an_original_saved_just_now_keeps_nothing_until_its_stamp_can_be_trusted(chain: Path) -> None:
    """An original rewritten within one tick of the clock, at the same size, keeps its stamp: answers
    read while an original is that new are not kept (found by a review)."""
    original = next((chain / "alpha" / "originals").iterdir())
    original.write_bytes(original.read_bytes())  # saved just now
    assert not assert_as_fresh(chain).saved
    age(original)
    assert assert_as_fresh(chain).saved and assert_as_fresh(chain).read == 0


def test_a_file_name_that_is_not_utf8_is_checked_and_kept(chain: Path) -> None:
    """A folder named in another encoding (a surrogate in Python's name for it) is reported as a
    problem, and the cache is written all the same (it stopped `docket check` with a traceback)."""
    folder = os.path.join(os.fsencode(chain), b"caf\xe9")
    os.mkdir(folder)
    source = chain / "alpha" / f"{SECOND}.md"
    with open(os.path.join(folder, os.fsencode(source.name)), "wb") as copy:
        copy.write(source.read_bytes())
    for path in chain.rglob("*"):
        age(path)
    assert assert_as_fresh(chain).saved
    assert assert_as_fresh(chain).read == 0


def test_a_week_date_in_the_cache_is_not_a_day(chain: Path) -> None:
    assert_as_fresh(chain)
    path = checkcache.cache_path(chain)
    path.write_text(json.dumps(_with(json.loads(path.read_text()), "date", "2020-W01-1"), separators=(",", ":")))
    run = assert_as_fresh(chain)
    assert "not one" in run.set_aside and run.read == 6
