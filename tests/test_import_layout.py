"""Nothing silently dropped: every word of a source is in the letter's text or in the list of what was removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket_archive.importer import extract
from docket_archive.importer.layout import HEADING, normalise, split_layout
from importtools import sources, synthetic_letter, words

FURNITURE = {"court filing header", "page header", "page number", "Bates number"}


@pytest.mark.parametrize("source", sources())
def test_every_word_is_in_the_body_or_the_removed_list(source: Path) -> None:
    text = source.read_text("utf-8")
    found = extract(text)
    kept = words(found.body) + words(" ".join(item.text for item in found.removed))
    missing = words(text) - kept
    assert not missing, f"words lost from {source.name}: {sorted(missing)[:20]}"


@pytest.mark.parametrize("source", sources())
def test_page_furniture_removed_is_never_a_sentence(source: Path) -> None:
    found = extract(source.read_text("utf-8"))
    for item in found.removed:
        if (
            item.kind in FURNITURE
        ):  # a bankruptcy court's header runs to 17 words: 'Doc 1 Filed ... Entered ... Pg 1 of 2'
            assert len(item.text.split()) <= 18 and not item.text.rstrip().endswith(("?", "!")), item


def test_a_sentence_just_above_a_page_header_stays_in_the_text() -> None:
    letter = synthetic_letter(
        body=(
            "SYNTHETIC TEST LETTER. The first paragraph ends here.\n"
            "The last line of page one is a real sentence.\n"
            "Hon. Ada Q. Fictional\nMarch 2, 2021\nPage 2\n\n"
            "The letter goes on on page two."
        )
    )
    found = extract(letter)
    assert "The last line of page one is a real sentence." in found.body
    assert [item.text for item in found.removed if item.kind == "page header"] == [
        "Hon. Ada Q. Fictional",
        "March 2, 2021",
        "Page 2",
    ]


def test_filing_headers_bates_numbers_and_bare_page_numbers_are_listed() -> None:
    letter = synthetic_letter(
        body=(
            "Case 1:21-cr-00123-AQF Document 12 Filed 03/02/21 Page 1 of 2\n"
            "SYNTHETIC TEST LETTER. A paragraph on page one.\n1\n"
            "SYN-TEST-0001234\n"
            "Case 1:21-cr-00123-AQF Document 12 Filed 03/02/21 Page 2 of 2\n"
            "A paragraph on page two."
        )
    )
    found = extract(letter)
    kinds = {item.kind for item in found.removed}
    assert {"court filing header", "page number", "Bates number"} <= kinds
    assert "Document 12" not in found.body and "SYN-TEST-0001234" not in found.body
    assert "A paragraph on page two." in found.body


def test_a_page_run_together_on_one_line_is_cut_at_its_landmarks() -> None:
    one_line = " ".join(
        synthetic_letter(
            head="Case 1:21-cr-00123-AQF Document 12 Filed 03/02/21 Page 1 of 1 SYNTHETIC OFFICE Example Building",
            signature="SYNTHETIC HEAD United States Attorney By: /s/ Pat Example Robin Sample Assistant United States Attorneys",
            cc="Cc: Defense Counsel SYN-OGR-00001234",
        ).split()
    )
    lines = normalise(one_line)
    assert "March 2, 2021" in lines and "BY ECF" in lines and "Dear Judge Fictional:" in lines
    assert "Respectfully submitted," in lines and "Cc: Defense Counsel" in lines and "SYN-OGR-00001234" in lines
    found = extract(one_line)
    assert found.date.isoformat() == "2021-03-02" and [c.key for c in found.cases] == ["21-cr-00123"]
    assert found.signed_for is not None and found.signed_for.name == "Synthetic Head"
    assert [a.name for a in found.authors] == ["Pat Example", "Robin Sample"]
    assert "authors" in found.review  # four words read as two names: said, for a person to check


def test_the_heading_is_front_matter_and_listed() -> None:
    layout = split_layout(synthetic_letter())
    assert next(item.text for item in layout.removed if item.kind == HEADING) == "March 2, 2021"
    assert layout.body[0] == "Dear Judge Fictional:"


@pytest.mark.parametrize("source", sources())
def test_every_line_is_in_the_text_or_listed_under_review_body(source: Path, tmp_path: Path) -> None:
    """Every line of the source (cut at its landmarks where OCR ran a page together) is in the letter's text or
    quoted in the `review: body` entry, whatever it was classed as: heading, cc, letterhead, furniture."""
    from docket_archive.importer import plan_import

    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n")
    text = source.read_text("utf-8")
    pieces = normalise(text)
    assert "".join("".join(p.split()) for p in pieces) == "".join(text.split())  # the pieces are the whole source
    plan = plan_import(source, root)
    body = " ".join(plan.extraction.body.split())
    listed = " ".join(plan.fields["review"]["body"].split())
    for piece in pieces:
        line = " ".join(piece.split())
        assert not line or line in body or f"'{line}'" in listed, f"{source.name}: not shown anywhere: {line!r}"
