"""Helpers for the import tests: where the real letters are, and synthetic letters of each shape.

The real letters are public court records kept in ../shared/real-letters (or
where DOCKET_REAL_LETTERS points); they are read from there, never copied into
the repository, and the tests that need them are skipped where they are absent.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, SEED

REAL_LETTERS = Path(os.environ.get("DOCKET_REAL_LETTERS") or REPO.parent / "shared" / "real-letters")
TRUTH = REPO / "tests" / "import_truth"


def real_letters() -> list[Path]:
    if not REAL_LETTERS.is_dir():
        return []
    return sorted(p for p in REAL_LETTERS.iterdir() if p.suffix == ".txt")


def sources() -> list:
    """The seed and every real letter, as pytest params (one param skipped with the reason if none)."""
    params = [pytest.param(SEED, id="seed")]
    found = real_letters()
    params += [pytest.param(p, id=p.stem) for p in found]
    if not found:
        params.append(pytest.param(None, id="real-letters", marks=pytest.mark.skip(reason=f"{REAL_LETTERS} is absent")))
    return params


def words(text: str) -> Counter:
    """Words as whitespace-separated tokens: what must survive an import."""
    return Counter(re.sub(r"\s+", " ", text).split())


def synthetic_letter(
    *,
    head: str = "SYNTHETIC LAW LLP\n100 Example Street\nNew York, NY 10001",
    date: str = "March 2, 2021",
    delivery: str = "BY ECF",
    addressee: str = "The Honorable Ada Q. Fictional\nUnited States District Judge\nSouthern District of New York\n500 Pearl Street\nNew York, NY 10007",
    re_line: str = "Re: United States v. Synthetic Defendant, 21 Cr. 123 (AQF)",
    salutation: str = "Dear Judge Fictional:",
    body: str = "SYNTHETIC TEST LETTER. I write to respectfully request that the Court adjourn the status conference.",
    closing: str = "Respectfully submitted,",
    signature: str = "/s/ Pat Example\nPat Example",
    cc: str = "cc: All Counsel of Record (by ECF)",
) -> str:
    """A fictional letter (every name invented) with the parts a test varies."""
    parts = [head, date, delivery, addressee, re_line, salutation, body, closing, signature, cc]
    return "\n\n".join(part for part in parts if part) + "\n"


def truth_file(source: Path) -> Path:
    """The ground truth of a letter; the seed has one name whichever copy of it is read."""
    return TRUTH / ("000_e5f5560aff12ff19.yml" if source == SEED else f"{source.stem}.yml")


# --- the same letter as a PDF and as a scanned PDF ---------------------------------------------

PAGE_LINES = 66  # lines of 8 pt Courier (10 pt apart) on a US Letter page with 0.75 in margins
LINE_CHARS = 104


def _page_lines(text: str) -> list[list[str]]:
    """The text's lines wrapped as a typewriter page would hold them, in pages; a form feed starts a page."""
    import textwrap

    pages: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").split("\n"):
        if "\f" in raw:
            pages.append([])
            raw = raw.replace("\f", "")
        indent = raw[: len(raw) - len(raw.lstrip())][:8]
        wrapped = textwrap.wrap(raw.strip(), LINE_CHARS - len(indent)) or [""]
        for line in wrapped:
            if len(pages[-1]) >= PAGE_LINES:
                pages.append([])
            pages[-1].append(indent + line)
    return [page for page in pages if any(line.strip() for line in page)]


def letter_pdf(text: str, path: Path, *, letterhead_spacing: float = 0.0) -> Path:
    """A PDF with a text layer, typed from `text` (reportlab); `letterhead_spacing` sets the first line in wide
    letter-spacing, as designed letterheads are, so a reader that goes by character gaps is put to the test."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=letter)
    for number, lines in enumerate(_page_lines(text)):
        y = 792 - 54
        for index, line in enumerate(lines):
            typed = pdf.beginText(54, y)
            typed.setFont("Courier", 8)
            if letterhead_spacing and number == 0 and index == 0:
                typed.setCharSpace(letterhead_spacing)
                line = line.replace("  ", " ")
            typed.textOut(line)
            pdf.drawText(typed)
            y -= 10
        pdf.showPage()
    pdf.save()
    return path


def scanned_pdf(pdf: Path, path: Path, *, dpi: int = 200) -> Path:
    """`pdf` printed and scanned: each page an image only, no text layer (pypdfium2 renders, Pillow writes)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    images = [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=float(dpi))
    return path
