"""`docket serve` keeps the archive's lookups and the checks across letters between rebuilds
(serve/keptarchive.py): after every kind of save, what it assembles is what a fresh load gives,
the same lookups and the same problems in the same order, and it touched only what changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docket_archive import synthetic
from docket_archive.domain.model import Archive
from docket_archive.load.archive import load_archive
from docket_archive.serve.keptarchive import KeptArchive
from docket_archive.serve.lettercache import LetterCache


class Preview:
    """The letters and the archive kept as `docket serve` keeps them, over one folder."""

    def __init__(self, root: Path) -> None:
        self.root, self.cache, self.kept = root, LetterCache(), KeptArchive()

    def load(self) -> Archive:
        cache = self.cache
        kept, kept_problems = load_archive(
            self.root, load=cache, find=cache.find_files, load_all=cache.load_all, assemble=self.kept.assemble
        )
        fresh, fresh_problems = load_archive(self.root)
        assert kept == fresh
        assert kept.letter_by_id == fresh.letter_by_id
        assert list(kept.letter_by_id) == list(fresh.letter_by_id)  # in the letters' order, as the links ask
        assert kept._by_case == fresh._by_case
        assert kept._by_case_date == fresh._by_case_date
        assert [letter.id for letter in kept.letters] == [letter.id for letter in fresh.letters]
        assert kept_problems.items == fresh_problems.items
        return kept


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count))


def warnings_about(archive_root: Path, field: str, saying: str = "") -> list[str]:
    return [str(p) for p in load_archive(archive_root)[1].items if p.field == field and saying in p.message]


@pytest.fixture
def preview(tmp_path: Path) -> Preview:
    # SYNTHETIC letters, generated for the test: two cases, each letter citing the one before.
    root = synthetic.generate(tmp_path / "letters", 60, cases=2)
    shown = Preview(root)
    shown.load()
    assert shown.kept.afresh == 1
    return shown


def letters_of(root: Path, case: str = "synthetic-case-001") -> list[Path]:
    return sorted((root / case).glob("2*.md"))


def test_an_edited_text_changes_one_letter_and_nothing_else(preview: Preview) -> None:
    letter = letters_of(preview.root)[7]
    edit(letter, "Respectfully submitted", "Edited. Respectfully submitted")
    archive = preview.load()
    assert preview.kept.afresh == 1 and preview.kept.changed == 2  # the old letter out, the new one in
    assert "Edited." in archive.letter_by_id[f"synthetic-case-001/{letter.stem}"].body


def test_a_letter_moved_to_another_day_loses_and_regains_the_letters_citing_it(preview: Preview) -> None:
    letters = letters_of(preview.root)
    cited = letters[10]
    day = re.search(r"^date: (\S+)$", cited.read_text(), re.M)
    assert day is not None
    before = warnings_about(preview.root, "references, letters")
    edit(cited, f"date: {day[1]}", "date: 2014-01-01")
    preview.load()
    assert len(warnings_about(preview.root, "references, letters")) > len(before)  # its citer now warns
    edit(cited, "date: 2014-01-01", f"date: {day[1]}")
    preview.load()
    assert warnings_about(preview.root, "references, letters") == before
    assert preview.kept.afresh == 1


def test_letters_added_removed_and_renamed(preview: Preview) -> None:
    letters = letters_of(preview.root)
    letters[3].unlink()  # cited by the letter after it: a warning appears
    preview.load()
    letters[20].rename(letters[20].with_name("2099-01-01-renamed.md"))  # its id changes, its day too
    preview.load()
    source = letters[25].read_text()
    added = letters[25].with_name("2016-06-06-added.md")
    added.write_text(re.sub(r"^date: .*$", "date: 2016-06-06", source, count=1, flags=re.M))
    preview.load()
    other = letters_of(preview.root, "synthetic-case-002")[5]
    edit(other, "case: synthetic-case-002", "case: synthetic-case-002\ncases: [synthetic-case-002, synthetic-case-001]")
    preview.load()
    assert preview.kept.afresh == 1


def test_a_number_twice_a_reserved_topic_and_described_people(preview: Preview) -> None:
    letters = letters_of(preview.root)
    number = re.search(r"^sequence: (\d+)$", letters[5].read_text(), re.M)
    assert number is not None
    edit(letters[9], re.search(r"^sequence: \d+$", letters[9].read_text(), re.M)[0], f"sequence: {number[1]}")  # type: ignore[index]
    preview.load()
    assert warnings_about(preview.root, "sequence")
    edit(letters[12], "tags:\n", "tags:\n- index\n")
    preview.load()
    described = "new_people:\n  quinn-described: {name: Quinn Described, firm: %s}\n---\n"
    edit(letters[14], "\n---\n", "\n" + described % "Described Synthetic LLP", 1)
    edit(letters[16], "\n---\n", "\n" + described % "Another Synthetic LLP", 1)
    preview.load()
    assert warnings_about(preview.root, "new_people, quinn-described", "described otherwise")
    edit(letters[16], "Another Synthetic LLP", "Described Synthetic LLP")
    edit(letters[9], f"sequence: {number[1]}", "sequence: 9000")
    preview.load()
    assert not warnings_about(preview.root, "new_people, quinn-described", "described otherwise")
    assert not warnings_about(preview.root, "sequence")
    assert preview.kept.afresh == 1


def test_an_id_given_twice_is_assembled_the_long_way_until_it_is_fixed(preview: Preview) -> None:
    letters = letters_of(preview.root)
    day = re.search(r"^date: (\S+)$", letters[8].read_text(), re.M)
    assert day is not None
    twin = letters[8].with_name(f"{day[1]}-twin.md")
    twin.write_text(letters[8].read_text().replace("title:", f"id: synthetic-case-001/{letters[8].stem}\ntitle:", 1))
    preview.load()
    assert preview.kept.afresh == 2
    preview.load()
    assert preview.kept.afresh == 3  # still twice: nothing kept by id
    twin.unlink()
    preview.load()
    assert preview.kept.afresh == 4
    edit(letters[2], "Respectfully submitted", "Edited. Respectfully submitted")
    preview.load()
    assert preview.kept.afresh == 4 and preview.kept.changed == 2  # kept again


def test_a_changed_registry_assembles_everything_again(preview: Preview) -> None:
    people = preview.root / "people.yml"
    edit(people, "name:", "name: ", 1)  # the same person, written differently: the same registry
    preview.load()
    assert preview.kept.afresh == 1
    edit(people, "firm:", "firm: Renamed Synthetic LLP #", 1)
    preview.load()
    assert preview.kept.afresh == 2
