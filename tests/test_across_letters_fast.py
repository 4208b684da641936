"""The checks across letters take shortcuts for the usual archive (no id twice, no number twice
in a series, every reference found): each shortcut gives what the long way gives."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

from docket_archive import synthetic
from docket_archive.domain.model import LetterReference
from docket_archive.load.acrossletters import _names_no_letter, check_across
from docket_archive.load.archive import load_archive


def test_a_reference_names_no_letter_exactly_when_find_letter_finds_none(tmp_path: Path) -> None:
    archive, _ = load_archive(synthetic.generate(tmp_path / "letters", 80, cases=2))
    letter = archive.letters[10]
    refs = [ref for one in archive.letters for ref in one.letter_references]
    refs += [
        LetterReference("by id", letter.case, id=letter.id),
        LetterReference("a missing id", letter.case, id=letter.id + "-gone"),
        LetterReference("its day", letter.case, letter.date),
        LetterReference("its day, another type", letter.case, letter.date, type="order", sequence=999),
        LetterReference("a day without letters", letter.case, letter.date + timedelta(days=1)),
        LetterReference("another case's day", "synthetic-case-002", date(1999, 1, 1)),
        LetterReference("no date, no id", letter.case),
    ]
    answers = [_names_no_letter(archive, ref) for ref in refs]
    assert answers == [archive.find_letter(ref) is None for ref in refs]
    assert True in answers and False in answers


def test_the_shortcuts_still_report_ids_and_numbers_given_twice(tmp_path: Path) -> None:
    archive, problems = load_archive(synthetic.generate(tmp_path / "letters", 40, cases=1))
    assert not problems.errors
    assert not [p for p in check_across(archive) if p.field in ("id", "sequence")]
    first, second = archive.letters[3], archive.letters[4]
    twice = dataclasses.replace(
        archive,
        letters=(
            *archive.letters,
            dataclasses.replace(first, source="letters/copy.md"),
            dataclasses.replace(second, id="another-id", source="letters/again.md"),
        ),
    )
    fields = sorted(p.field for p in check_across(twice) if p.path in ("letters/copy.md", "letters/again.md"))
    assert fields == ["id", "sequence", "sequence"]
