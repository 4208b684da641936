"""The first real letter: its body is the seed's text, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ARCHIVED_ORIGINAL, SEED, SHARED_SEED
from docket_archive.load.archive import load_archive

LETTER_ID = "lexington-precision/2009-06-22-joint-status-letter"

# What the transcription leaves out of the body, on purpose: the firm name
# repeated at the top of page 2, the running header of page 2, and the
# scanner's description of the handwritten signature.
NOT_BODY = {
    "WEIL, GOTSHAL & MANGES LLP",
    "Hon. Martin Glenn",
    "June 22, 2009",
    "Page 2",
    "A handwritten signature in black ink, appearing to read 'Adam P. Strochak', written over the typed name below.",
}


def seed_body_words() -> list[str]:
    text = SEED.read_text("utf-8")
    start = text.index("Dear Judge Glenn:")
    end = text.index("cc: Seymour Preston")  # the signature block ends where the cc list starts
    lines = [line for line in text[start:end].splitlines() if line.strip() not in NOT_BODY]
    return " ".join(lines).split()


@pytest.fixture(scope="module")
def letter(repo_letters: Path):
    archive, problems = load_archive(repo_letters)
    assert not problems.errors
    return next(letter for letter in archive.letters if letter.id == LETTER_ID)


def test_the_archived_original_is_the_seed(letter) -> None:
    import hashlib

    if SHARED_SEED.is_file():
        assert ARCHIVED_ORIGINAL.read_bytes() == SHARED_SEED.read_bytes()
    assert (
        hashlib.sha256(ARCHIVED_ORIGINAL.read_bytes()).hexdigest()
        == letter.original.sha256
        == ("f089099bc345965cd93f6673302f6a3711b52406479df53834991f6c0f354677")
    )


def test_body_is_the_seed_text_word_for_word(letter) -> None:
    assert letter.body.split() == seed_body_words()


def test_body_has_no_letterhead_header_or_signature_description(letter) -> None:
    assert "FAX" not in letter.body and "Page 2" not in letter.body and "handwritten" not in letter.body


def test_metadata_carries_what_the_body_does_not(letter) -> None:
    assert letter.date.isoformat() == "2009-06-22"
    assert letter.delivery == "FedEx"
    assert [a.person for a in letter.authors] == ["adam-strochak"]
    assert letter.authors[0].firm == "Weil, Gotshal & Manges LLP"
    assert letter.addressees == ("martin-glenn",)
    assert [(c.person, c.via) for c in letter.cc][:2] == [("seymour-preston", "e-mail"), ("paul-silverstein", "e-mail")]
    assert len(letter.cc) == 7
    assert letter.sequence == 6
    assert [(r.date.isoformat(), r.sequence) for r in letter.letter_references] == [("2009-06-05", 5)]
    assert [r.date.isoformat() for r in letter.docket_references] == ["2009-03-17"]
    assert letter.next_report_due.isoformat() == "2009-07-06"
    assert letter.original.path.endswith("originals/2009-06-22-joint-status-letter.txt")
