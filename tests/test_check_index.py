"""The index of the other letters that `docket check FILE` keeps between runs (load/checkindex.py):
only what changed is read again, and a stale, corrupt or foreign index never changes a check's answer."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from chain_archive import BETA, FIRST, SECOND, THIRD, write_chain_archive
from docket_archive.domain.model import Letter
from docket_archive.domain.problems import Problems
from docket_archive.load import checkindex
from docket_archive.load.givenfiles import _indexed, _registry_files
from test_check_files import assert_same_as_full_check


def age(path: Path, seconds: int = 60) -> None:
    stamp = path.stat().st_mtime_ns - seconds * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    root = write_chain_archive(tmp_path / "letters")
    for path in root.rglob("*.md"):
        age(path)  # saved a minute ago, not "just now" (which is read again every time)
    return root


def others(root: Path) -> list[str]:
    return sorted(str(path) for path in root.glob("*/*.md"))


def indexed(root: Path, run: checkindex.IndexRun) -> list[Letter]:
    """The index's letters for every letter of the archive, counting what was read."""
    files = _registry_files(root, Problems())

    def read(paths: Sequence[str]) -> list[Letter | None]:
        return [_indexed(files, Path(path)) for path in paths]

    return checkindex.letters(root, others(root), read, run).letters()


def test_only_letters_changed_since_the_last_run_are_read(chain: Path) -> None:
    first = checkindex.IndexRun()
    letters = indexed(chain, first)
    assert (first.read, first.kept, first.rebuilt, first.saved) == (5, 0, "no index yet", True)
    assert checkindex.index_path(chain) == chain.parent / ".cache" / "docket" / "letters-index.json"
    again = checkindex.IndexRun()
    assert indexed(chain, again) == letters
    assert (again.read, again.kept, again.saved) == (0, 5, False)  # nothing read, nothing written

    second = chain / "alpha" / f"{SECOND}.md"
    second.write_text(second.read_text().replace("sequence: 2", "sequence: 7"))
    age(second)
    changed = checkindex.IndexRun()
    assert [letter.sequence for letter in indexed(chain, changed) if letter.id.endswith(SECOND)] == [7]
    assert (changed.read, changed.kept) == (1, 4)


def test_a_letter_saved_just_now_is_read_again_until_it_is_older(chain: Path) -> None:
    """A second save within one time stamp, of the same size, would look unchanged: a letter
    saved just before a run is not kept in the index (git's "racy" entries)."""
    indexed(chain, checkindex.IndexRun())
    second = chain / "alpha" / f"{SECOND}.md"
    second.write_text(second.read_text().replace("sequence: 2", "sequence: 8"))
    indexed(chain, checkindex.IndexRun())
    stamp = second.stat().st_mtime_ns
    second.write_text(second.read_text().replace("sequence: 8", "sequence: 9"))  # same size
    os.utime(second, ns=(stamp, stamp))  # and the same time stamp
    run = checkindex.IndexRun()
    assert [letter.sequence for letter in indexed(chain, run) if letter.id.endswith(SECOND)] == [9]
    assert run.read == 1


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda path: path.write_text("{not json"), "could not be read"),
        (lambda path: path.write_bytes(b"\xff\xfe\x00garbage"), "could not be read"),
        (
            lambda path: path.write_text(path.read_text().replace(f'"version":{checkindex.VERSION}', '"version":99')),
            "another version",
        ),
        (lambda path: path.write_text(path.read_text().replace('"root":"', '"root":"/elsewhere')), "another letters"),
        (
            lambda path: path.write_text(re.sub(r'"date":\["[^"]*"', '"date":["soon"', path.read_text(), count=1)),
            "not one",
        ),
        (lambda path: path.write_text(path.read_text().replace('"cases":[["alpha"]', '"cases":[[]', 1)), "not one"),
        (lambda path: path.write_text(re.sub(r'"size":\[\d+,', '"size":[', path.read_text(), count=1)), "not one"),
        (
            lambda path: path.write_text(
                re.sub(r'"sequence":\[(null|\d+)', '"sequence":["1"', path.read_text(), count=1)
            ),
            "not one",
        ),
        (
            lambda path: path.write_text(f'{{"version":{checkindex.VERSION},"root":"x","letters":[]}}'),
            "another letters",
        ),
        (lambda path: path.write_text("[" * 100_000 + "]" * 100_000), "could not be read"),
        (
            lambda path: path.write_text(
                re.sub(r'"date":\["([^"]*)"', r'"date":["\1\\n\1"', path.read_text(), count=1)
            ),
            "not one",
        ),
        (
            lambda path: path.write_text(
                re.sub(r'"date":\["[^"]*"', '"date":["2020-13-45"', path.read_text(), count=1)
            ),
            "not one",
        ),
        (
            lambda path: path.write_text(
                path.read_text().replace('"cases":[["alpha"]', '"cases":[' + "[" * 3000 + '"alpha"' + "]" * 3000, 1)
            ),
            "could not be read",  # valid JSON, nested past what the parser recurses into
        ),
        (lambda path: path.write_text("[]"), "another version"),
    ],
)
def test_a_corrupt_or_foreign_index_is_rebuilt_from_the_letters(chain: Path, damage, why: str) -> None:
    fresh = indexed(chain, checkindex.IndexRun())
    damage(checkindex.index_path(chain))
    run = checkindex.IndexRun()
    assert indexed(chain, run) == fresh
    assert why in run.rebuilt and run.read == 5 and run.saved
    assert indexed(chain, checkindex.IndexRun()) == fresh  # and it is sound again


def test_an_entry_that_lies_about_an_unchanged_file_is_not_believed_once_the_file_changes(chain: Path) -> None:
    """The stamp is what makes an entry current: a doctored entry with another stamp is read again."""
    indexed(chain, checkindex.IndexRun())
    path = checkindex.index_path(chain)
    data = json.loads(path.read_text())
    row = data["keys"].index(f"alpha/{FIRST}.md")
    data["letters"]["id"][row], data["mtime_ns"][row] = "alpha/forged", data["mtime_ns"][row] + 1
    path.write_text(json.dumps(data))
    run = checkindex.IndexRun()
    assert "alpha/forged" not in {letter.id for letter in indexed(chain, run)}
    assert run.read == 1


def test_a_link_at_the_index_is_never_followed(chain: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text("precious")
    folder = chain.parent / ".cache" / "docket"
    folder.mkdir(parents=True)
    (folder / "letters-index.json").symlink_to(outside)
    run = checkindex.IndexRun()
    assert len(indexed(chain, run)) == 5 and not run.saved
    assert outside.read_text() == "precious"


def test_docket_check_of_a_file_sees_what_changed_in_the_others(chain: Path) -> None:
    """End to end: the hook's check against a kept index gives the full check's messages
    after other letters change, appear and disappear."""
    third = chain / "alpha" / f"{THIRD}.md"
    assert_same_as_full_check(chain, third)
    assert checkindex.index_path(chain).is_file()
    # Another letter takes the third's sequence number: a problem across letters.
    first = chain / "alpha" / f"{FIRST}.md"
    first.write_text(first.read_text().replace("sequence: 1", "sequence: 3"))
    lines = assert_same_as_full_check(chain, third)
    assert any("sequence" in line for line in lines), lines
    # The letter the third refers to goes away; one with the same id appears in another case.
    second = chain / "alpha" / f"{SECOND}.md"
    second.unlink()
    assert_same_as_full_check(chain, third)
    (chain / "beta" / f"{BETA[0]}.md").write_text(
        (chain / "beta" / f"{BETA[0]}.md").read_text().replace("title:", f"id: alpha/{THIRD}\ntitle:", 1)
    )
    lines = assert_same_as_full_check(chain, third)
    assert any("id" in line for line in lines), lines


@pytest.mark.parametrize("where", ["above", "inside"])
def test_a_kept_letter_names_its_file_as_a_letter_read_does(chain: Path, where: str, monkeypatch) -> None:
    """The index keeps no `source`: it is made from the key, as `ArchiveFiles.shown` makes it,
    whether the letters folder is named (letters/alpha/...) or is where the command runs (alpha/...)."""
    monkeypatch.chdir(chain.parent if where == "above" else chain)
    root = Path("letters") if where == "above" else Path(".")
    files = _registry_files(root, Problems())
    paths = sorted(os.path.join(root, key) for key in ("alpha/" + f"{FIRST}.md", "alpha/" + f"{SECOND}.md"))
    read = [_indexed(files, Path(path)) for path in paths]
    for run in (checkindex.IndexRun(), checkindex.IndexRun()):  # read, then kept
        kept = checkindex.letters(root, paths, lambda some: [_indexed(files, Path(p)) for p in some], run).letters()
        assert [letter.source for letter in kept] == [letter.source for letter in read if letter]
        assert kept == read
    assert (
        run.kept == 2
        and read[0] is not None
        and read[0].source.startswith("letters/" if where == "above" else "alpha/")
    )
