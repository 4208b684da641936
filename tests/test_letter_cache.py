"""Letters kept between rebuilds: an unchanged letter is not read again, and the result is always a fresh load's."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from watchdog.events import FileModifiedEvent

from chain_archive import ALPHA, BETA, FIRST, SECOND, write_chain_archive
from conftest import GOOD_LETTER
from docket_archive.domain.problems import Problems
from docket_archive.load.archive import load_archive
from docket_archive.load.archivefiles import Listing, find_files
from docket_archive.serve.lettercache import LetterCache
from docket_archive.serve.preview import ChangeLog


def assert_as_fresh(root: Path, cache: LetterCache) -> None:
    cached, cached_problems = load_archive(root, load=cache)
    fresh, fresh_problems = load_archive(root)
    assert cached == fresh
    assert cached_problems.items == fresh_problems.items


def age(path: Path) -> None:
    """As if the file had been saved a minute ago (not "just now", which is compared by content)."""
    stamp = path.stat().st_mtime_ns - 60_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_only_changed_letters_are_read_again(tmp_path: Path) -> None:
    root = write_chain_archive(tmp_path / "letters")
    for path in root.rglob("*.md"):
        age(path)
    cache = LetterCache()
    assert_as_fresh(root, cache)
    assert cache.reads == 5
    assert_as_fresh(root, cache)
    assert cache.reads == 5  # nothing changed: nothing read

    letter = root / "alpha" / f"{SECOND}.md"
    letter.write_text(letter.read_text().replace("title: Second status letter", "title: Renamed"))
    assert_as_fresh(root, cache)
    assert cache.reads == 6 and any(letter.title == "Renamed" for letter in load_archive(root, load=cache)[0].letters)

    (root / "alpha" / "2020-03-02-status-letter.md").write_text(GOOD_LETTER.replace("2020-02-03", "2020-03-02"))
    (root / "alpha" / f"{FIRST}.md").unlink()
    assert_as_fresh(root, cache)  # added, removed, and the reference to the removed one now warns


def test_a_same_size_edit_in_the_same_instant_is_still_seen(tmp_path: Path) -> None:
    root = write_chain_archive(tmp_path / "letters")
    letter = root / "alpha" / f"{ALPHA[1]}.md"
    cache = LetterCache()
    assert_as_fresh(root, cache)
    stamp = letter.stat().st_mtime_ns
    letter.write_text(letter.read_text().replace("No change.", "No chang!."))  # same size
    os.utime(letter, ns=(stamp, stamp))  # and the same time stamp
    assert_as_fresh(root, cache)


def test_a_changed_registry_or_original_reads_every_letter_again(tmp_path: Path) -> None:
    root = write_chain_archive(tmp_path / "letters")
    cache = LetterCache()
    assert_as_fresh(root, cache)
    people = root / "people.yml"
    people.write_text(people.read_text().replace("casey-fixture-2:", "casey-fixture-9:"))
    assert_as_fresh(root, cache)  # letters by casey-fixture-2 now fail
    original = next((root / "alpha" / "originals").iterdir())
    original.write_bytes(b"changed\n")
    assert_as_fresh(root, cache)  # the first letter's sha256 no longer matches


def test_a_letter_is_the_same_entry_by_a_relative_or_an_absolute_path(tmp_path: Path, monkeypatch) -> None:
    """`mkdocs serve -f mkdocs.yml` names letters/ relative on its first build and absolute on every rebuild."""
    root = write_chain_archive(tmp_path / "letters")
    for path in root.rglob("*.md"):
        age(path)
    monkeypatch.chdir(tmp_path)
    cache = LetterCache()
    load_archive(Path("letters"), load=cache)
    assert cache.reads == 5
    load_archive(root.resolve(), load=cache)
    assert cache.reads == 5  # the same letters, not read again


def test_told_what_changed_the_cache_reads_only_that_and_lists_files_only_when_some_came(tmp_path: Path) -> None:
    """Under `docket serve` the native watch names what changed; nothing else is looked at."""
    root = write_chain_archive(tmp_path / "letters")
    for path in root.rglob("*.md"):
        age(path)
    cache = LetterCache()
    assert_as_fresh(root, cache)
    second = root / "alpha" / f"{SECOND}.md"
    second.write_text(second.read_text().replace("title: Second status letter", "title: Renamed"))
    cache.expect(frozenset({str(second)}), structure=False)
    stats = cache.stats
    assert_as_fresh_with_listing(root, cache)
    assert cache.stats - stats == 1 and cache.reads == 6  # only the letter named was looked at
    # A letter added: the watch reports a new file, and the files are listed again.
    added = root / "alpha" / "2020-03-02-status-letter.md"
    added.write_text(GOOD_LETTER.replace("2020-02-03", "2020-03-02"))
    cache.expect(frozenset({str(added)}), structure=True)
    assert_as_fresh_with_listing(root, cache)


def assert_as_fresh_with_listing(root: Path, cache: LetterCache) -> None:
    cached, cached_problems = load_archive(root, load=cache, find=cache.find_files, load_all=cache.load_all)
    fresh, fresh_problems = load_archive(root)
    assert cached == fresh and cached_problems.items == fresh_problems.items


def test_once_the_watch_starts_a_save_it_did_not_see_is_found(tmp_path: Path) -> None:
    root = write_chain_archive(tmp_path / "letters")
    for path in root.rglob("*.md"):
        age(path)
    cache = LetterCache()
    assert_as_fresh(root, cache)
    second = root / "alpha" / f"{SECOND}.md"
    second.write_text(second.read_text().replace("title: Second status letter", "title: Renamed"))  # unseen
    assert cache.recheck() == 1  # as the watch starts
    cache.expect(frozenset(), structure=False)  # and then sees nothing
    assert_as_fresh_with_listing(root, cache)


def test_told_what_changed_the_kept_letters_are_taken_as_a_whole(tmp_path: Path) -> None:
    """`load_all` under the watch: the last answer is taken and only the letters named are asked
    for, whether they break, are mended or are saved again too soon to trust their time stamp."""
    root = write_chain_archive(tmp_path / "letters")
    for path in root.rglob("*.md"):
        age(path)
    cache = LetterCache()
    cache.expect(None)
    assert_as_fresh_with_listing(root, cache)
    second = root / "alpha" / f"{SECOND}.md"
    good = second.read_text()
    for text in (good.replace("title:", "title: [unclosed", 1), good.replace("Second status letter", "Mended")):
        second.write_text(text)
        future = time.time_ns() + 60_000_000_000  # racy (saved as if just now, or later): asked for again each time
        os.utime(second, ns=(future, future))
        cache.expect(frozenset({str(second)}), structure=False)
        stats = cache.stats
        assert_as_fresh_with_listing(root, cache)
        assert cache.stats - stats == 1 and cache.asked == 1  # that letter alone
    cache.expect(frozenset(), structure=False)
    stats = cache.stats
    assert_as_fresh_with_listing(root, cache)
    assert cache.stats - stats == 1 and cache.asked == 1  # the racy one, checked again by content; no other
    first = root / "alpha" / f"{FIRST}.md"
    first.write_text(first.read_text().replace("title:", "title: Also renamed", 1))
    age(first)
    cache.expect(frozenset({str(first)}), structure=False)
    assert_as_fresh_with_listing(root, cache)
    assert cache.asked == 2  # the first letter, and the racy second
    added = root / "alpha" / "2020-03-02-status-letter.md"
    added.write_text(GOOD_LETTER.replace("2020-02-03", "2020-03-02"))
    age(added)
    cache.expect(frozenset({str(added)}), structure=True)  # a file came: listed again
    assert_as_fresh_with_listing(root, cache)
    assert cache.asked == 2  # the new letter, and the racy second; the others taken by path
    added.unlink()
    cache.expect(frozenset({str(added)}), structure=True)
    assert_as_fresh_with_listing(root, cache)
    assert cache.asked == 1


def test_an_edited_unpublished_original_reads_its_letter_again(tmp_path: Path) -> None:
    """A letter's sha256 is checked against its original wherever it is kept, unpublished/ too."""
    root = write_chain_archive(tmp_path / "letters")
    letter = root / "alpha" / f"{SECOND}.md"
    (root / "alpha" / "unpublished").mkdir()
    original = root / "alpha" / "unpublished" / "scan.txt"
    original.write_bytes(b"SYNTHETIC version one\n")
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    letter.write_text(
        letter.read_text().replace("title:", f"original:\n  path: unpublished/scan.txt\n  sha256: {digest}\ntitle:", 1)
    )
    for path in root.rglob("*"):
        age(path)
    cache = LetterCache()
    cache.expect(None)
    assert_as_fresh_with_listing(root, cache)
    original.write_bytes(b"SYNTHETIC version 2wo\n")  # the same size
    cache.expect(frozenset({str(original)}), structure=False)
    assert_as_fresh_with_listing(root, cache)  # the letter's sha256 no longer matches


def test_a_listing_walks_again_only_the_entries_named_and_answers_as_from_scratch(tmp_path: Path) -> None:
    """`docket serve` lists again only the case folders the watch named (archivefiles.Listing)."""
    root = write_chain_archive(tmp_path / "letters")
    (root / "beta" / "notes.txt").write_text("not a letter")  # named as outside the convention
    listing = Listing(root)
    listing.files(Problems())
    before = dict(listing._parts)
    (root / "alpha" / "2020-03-02-status-letter.md").write_text(GOOD_LETTER.replace("2020-02-03", "2020-03-02"))
    (root / "alpha" / ".hidden.md").write_text("a letter no one would see")  # reported while walking
    (root / "alpha" / "Bad Name.md").write_text("x")  # reported while naming
    kept, fresh = Problems(), Problems()
    assert listing.files(kept, again={"alpha"}) == find_files(root, fresh)
    assert [str(p) for p in kept.items] == [str(p) for p in fresh.items] and len(fresh.items) == 3
    assert listing._parts["beta"] is before["beta"] and listing._parts["alpha"] is not before["alpha"]
    (root / "beta" / "notes.txt").unlink()
    stale, whole = Problems(), Problems()
    listing.files(stale, again={"alpha"})
    listing.files(whole, again=None)
    assert any("notes.txt" in p.path for p in stale.items)  # beta was not walked again: trusted to the watch
    assert not any("notes.txt" in p.path for p in whole.items)


def test_the_cache_lists_again_the_folder_of_an_added_letter(tmp_path: Path) -> None:
    root = write_chain_archive(tmp_path / "letters")
    cache = LetterCache()
    assert_as_fresh(root, cache)
    added = root / "beta" / "2021-04-01-status-letter.md"
    added.write_text(GOOD_LETTER.replace("2020-02-03", "2021-04-01").replace("case: alpha", "case: beta"))
    cache.expect(frozenset({str(added)}), structure=True)
    problems = Problems()
    files = cache.find_files(root, problems)
    assert added in files.letters and files == find_files(root, Problems())
    cache.expect(frozenset({str(tmp_path / "elsewhere.md")}), structure=True)  # outside letters/: list it all
    assert cache.find_files(root, Problems()) == files


def load_as_serve_does(root: Path, cache: LetterCache, log: ChangeLog) -> None:
    """A rebuild of `docket serve`: what the watch saw told to the cache, the archive loaded
    through it, and compared with a fresh load."""
    changed = log.take()
    cache.expect(changed.paths if changed else None, changed.structure if changed else True)
    cached, cached_problems = load_archive(root, load=cache, find=cache.find_files, load_all=cache.load_all)
    fresh, fresh_problems = load_archive(root)
    assert cached == fresh and cached_problems.items == fresh_problems.items


def test_a_letter_added_before_the_watch_began_is_listed_at_its_first_rebuild(tmp_path: Path) -> None:
    # The watch's first changes name only what came after it began: a letter added to a case's folder
    # during the first build must not be left out because that folder's listing was kept.
    root = write_chain_archive(tmp_path / "letters")
    cache, log = LetterCache(), ChangeLog()

    def load_as_serve() -> None:
        load_as_serve_does(root, cache, log)

    load_as_serve()  # the first build, before the watch
    added = root / "alpha" / "2021-04-01-status-letter.md"
    added.write_text(GOOD_LETTER.replace("2020-02-03", "2021-04-01"))  # unseen
    log.started()
    cache.recheck()  # as the watch starts
    other = root / "beta" / f"{BETA[0]}.md"
    other.write_text(other.read_text() + "\nEdited.\n")
    log.on_any_event(FileModifiedEvent(str(other)))  # the first change the watch sees is in another case
    load_as_serve()


def first_rebuild_listings(tmp_path: Path, monkeypatch, added_before_the_watch: bool) -> tuple[int, int]:
    """A serve session's first build, the watch starting (`recheck`, then `caught_up`), a save it
    sees, and the first rebuild, compared with a fresh load: (how many times the rebuild walked a
    listing, how many letters it asked for)."""
    root = write_chain_archive(tmp_path / "letters")
    for path in root.rglob("*.md"):
        age(path)
    cache, log = LetterCache(), ChangeLog()

    def load_as_serve() -> None:
        load_as_serve_does(root, cache, log)

    load_as_serve()  # the first build, before the watch
    if added_before_the_watch:  # while the first build ran: no event will name it
        (root / "alpha" / "2021-04-01-status-letter.md").write_text(GOOD_LETTER.replace("2020-02-03", "2021-04-01"))
    log.started()
    cache.recheck()  # as the watch starts
    assert cache.listed_again
    log.caught_up()
    walks = []
    listed = Listing.files
    monkeypatch.setattr(Listing, "files", lambda self, *args, **kw: walks.append(self) or listed(self, *args, **kw))
    second = root / "alpha" / f"{SECOND}.md"
    second.write_text(second.read_text().replace("title: Second status letter", "title: Renamed"))
    log.on_any_event(FileModifiedEvent(str(second)))
    load_as_serve()
    return len(walks) - 1, cache.asked  # (less the fresh load's own walk)


def test_the_first_rebuild_after_the_watch_starts_takes_the_listing_and_letters_as_they_are(
    tmp_path: Path, monkeypatch
) -> None:
    """letters/ is listed again as the watch starts, while nobody waits: the first rebuild lists
    nothing and asks only the letter the watch saw saved (it listed letters/ and keyed every
    letter again: a second of the first edit at 100,000 letters)."""
    assert first_rebuild_listings(tmp_path, monkeypatch, added_before_the_watch=False) == (0, 1)


def test_a_letter_added_before_the_watch_began_is_in_the_listing_made_as_it_starts(tmp_path: Path, monkeypatch) -> None:
    # the letter added, and the letter saved (the comparison with a fresh load finds the added one)
    assert first_rebuild_listings(tmp_path, monkeypatch, added_before_the_watch=True) == (0, 2)
