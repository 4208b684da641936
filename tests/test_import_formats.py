"""The same letter as text, as a PDF and as a scanned PDF gives the same fields.

The PDFs are made here, in temporary folders, from the shared real letters (typed by reportlab) and
scanned (page images only, read back by OCRmyPDF); the letters themselves are never copied into the
repository. Fictional letters show what a layout-aware reading keeps: a letterhead set in wide
letter-spacing, two signature blocks side by side, and a sentence that runs across a page break.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docket_archive.importer import plan_import
from docket_archive.importer.accuracy import observed, score
from docket_archive.importer.extract import extract
from docket_archive.importer.sources import read_letter
from importtools import REAL_LETTERS, letter_pdf, real_letters, scanned_pdf, synthetic_letter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # dateparser's own, not ours
# Scans are slow to read (OCR): a multi-page letter with filing headers, and a page OCR ran onto one line.
SCANNED = ("06-sdny-noel-foy-adjournment", "15-nysb-gerber-king-spalding-gm-update")


@pytest.fixture
def empty_root(tmp_path: Path) -> Path:
    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n")
    return root


def _letters() -> list:
    found = real_letters()
    if not found:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{REAL_LETTERS} is absent"))]
    return [pytest.param(p, id=p.stem) for p in found]


@pytest.mark.parametrize("source", _letters())
def test_a_pdf_typed_from_a_letter_gives_the_same_fields_as_its_text(
    source: Path, tmp_path: Path, empty_root: Path
) -> None:
    pdf = letter_pdf(source.read_text("utf-8"), tmp_path / f"{source.stem}.pdf")
    from_text, from_pdf = observed(plan_import(source, empty_root)), observed(plan_import(pdf, empty_root))
    differ = {name: (from_text[name], from_pdf[name]) for name in from_text if from_text[name] != from_pdf[name]}
    assert not differ, f"{source.name}: text and PDF differ (text, PDF): {differ}"


@pytest.mark.skipif(shutil.which("ocrmypdf") is None, reason="OCRmyPDF is not installed")
@pytest.mark.parametrize("stem", SCANNED)
def test_a_scan_of_a_letter_scores_as_its_text(stem: str, tmp_path: Path, empty_root: Path) -> None:
    source = REAL_LETTERS / f"{stem}.txt"
    if not source.is_file():
        pytest.skip(f"{source} is absent")
    import yaml

    from importtools import truth_file

    truth = yaml.safe_load(truth_file(source).read_text("utf-8"))
    scan = scanned_pdf(letter_pdf(source.read_text("utf-8"), tmp_path / "typed.pdf"), tmp_path / "scan.pdf")
    plan = plan_import(scan, empty_root)
    assert "read by OCR" in plan.review["body"]
    assert score(plan, truth) == score(plan_import(source, empty_root), truth)


def test_a_letterhead_in_wide_letter_spacing_reads_as_words(tmp_path: Path) -> None:
    letter = synthetic_letter(head="The Law Office of Quentin R. Fictionary\n100 Example Street\nNew York, NY 10001")
    pdf = letter_pdf(letter, tmp_path / "spaced.pdf", letterhead_spacing=3.0)
    first = read_letter(pdf).text.splitlines()[0]
    assert first == "The Law Office of Quentin R. Fictionary"


def test_signature_blocks_side_by_side_stay_apart(tmp_path: Path) -> None:
    letter = synthetic_letter(
        closing="Respectfully submitted,",
        signature=(
            "/s/ Pat Example                                   /s/ Quinn Sample\n"
            "Pat Example                                       Quinn Sample\n"
            "EXAMPLE & PARTNERS LLP                            SAMPLE LAW GROUP LLP"
        ),
    )
    found = extract(read_letter(letter_pdf(letter, tmp_path / "two.pdf")).text)
    assert [a.name for a in found.authors] == ["Pat Example", "Quinn Sample"]


def test_a_sentence_across_a_page_break_stays_one_paragraph(tmp_path: Path) -> None:
    body = (
        "SYNTHETIC TEST LETTER. The parties have conferred about the schedule and agree that the remaining\n"
        "\f"
        "depositions can be completed within thirty days of the Court's ruling."
    )
    letter = synthetic_letter(body=body).replace(
        "\f", "\fCase 1:21-cr-00123-AQF Document 7 Filed 03/02/21 Page 2 of 2\n\n"
    )
    for text in (letter, read_letter(letter_pdf(letter, tmp_path / "break.pdf")).text):
        found = extract(text)
        between = found.body[found.body.index("remaining") : found.body.index("depositions")]
        assert "\n\n" not in between and "Document 7" not in found.body, found.body  # one paragraph, no header
        assert found.docket_entry is not None and found.docket_entry.number == "7"
