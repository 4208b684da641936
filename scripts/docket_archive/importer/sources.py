"""Reading the file to import: plain text, a PDF's text layer, or OCR of a scanned PDF.

PDFs are read with pdfplumber, which gives each line's position: a wider gap
between lines starts a new paragraph, and an indented line keeps its indent, so
the salutation, paragraphs and signature block stay apart. A PDF with no text
layer (a scan) is run through OCRmyPDF (Tesseract), from Debian's `ocrmypdf`
and `tesseract-ocr` packages, and its new text layer read the same way. So is a
PDF whose pages carry only a little text, such as a scan stamped with the
court's electronic filing header: each page keeps whichever reading has more
text, and the pages read by OCR are named for review.
"""

from __future__ import annotations

import itertools
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docket_archive.runtime import sandbox

from . import untrusted
from .extract import ExtractionError

OCR_TIMEOUT = 600  # seconds; a few pages take well under a minute
# The caps on what is read (importer/untrusted.py, the one place of the importer's limits).
MAX_TEXT_BYTES, MAX_PDF_BYTES, MAX_PDF_PAGES = (
    untrusted.MAX_TEXT_BYTES,
    untrusted.MAX_PDF_BYTES,
    untrusted.MAX_PDF_PAGES,
)
THIN_PAGE = 200  # characters: less than this on a page of a letter means most of it is an image


@dataclass
class Source:
    text: str
    notes: list[str] = field(default_factory=list)  # what a person should know about how it was read
    active: list[str] = field(default_factory=list)  # a PDF's active content, named (none of it is run or kept)


def read_letter(path: Path) -> Source:
    """The letter's text and notes on how it was read; raises ExtractionError with a message for the user.

    The file is untrusted (importer/untrusted.py): its size is capped before it
    is read, a PDF is read only in a child process with a budget of memory
    and time, and the text comes back as `docket check` accepts it."""
    data = untrusted.read_capped(path)
    if not data.strip():
        raise ExtractionError(f"{path}: the file is empty")
    if data.startswith(b"%PDF"):
        source = _read_pdf_in_sandbox(path)
    else:
        source = Source(_decode(path, data))
    untrusted.check_text_size(path, source.text)
    source.text, changed = untrusted.plain_text(source.text)
    source.notes += changed
    return source


def read_pdf_in_child(path: str) -> dict[str, Any]:
    """What the sandbox's child process runs: the pages counted and the active content named, then `read_pdf`."""
    contents = untrusted.inspect_pdf(Path(path))
    source = read_pdf(Path(path))
    return {"text": source.text, "notes": source.notes, "active": contents.active}


def _read_pdf_in_sandbox(path: Path) -> Source:
    try:
        read = sandbox.call(read_pdf_in_child, str(path), budget=untrusted.PDF_BUDGET, what=str(path))
    except sandbox.OverBudget as error:
        raise ExtractionError(
            f"{error}: the PDF is damaged or built to exhaust its reader. Copy the letter's text to a .txt file and import that"
        ) from error
    except sandbox.ChildFailed as error:
        raise ExtractionError(str(error)) from error
    return Source(read["text"], read["notes"], read["active"])


def read_pdf(path: Path) -> Source:
    """A PDF's text layer, with OCR for the pages that have little or none."""
    pages = pdf_pages(path)
    thin = [i for i, page in enumerate(pages) if len(page.strip()) < THIN_PAGE]
    if not thin:
        return Source("\n".join(pages))
    if not any(page.strip() for page in pages):
        return Source(ocr_text(path), [f"read by OCR (the PDF has no text layer): check the text against {path.name}"])
    if shutil.which("ocrmypdf") is None:
        shown = ", ".join(str(i + 1) for i in thin)
        return Source(
            "\n".join(pages),
            [f"page(s) {shown} of the PDF carry little text and OCRmyPDF is not installed: check nothing is missing"],
        )
    scanned = ocr_pages(path)
    chosen = [
        # OCR only where it finds much more than the text layer: a short last page is not a scan
        scanned[i] if i < len(scanned) and len(scanned[i].strip()) > 2 * len(page.strip()) + 40 else page
        for i, page in enumerate(pages)
    ]
    used = [str(i + 1) for i, page in enumerate(chosen) if page is not pages[i]]
    notes = [f"page(s) {', '.join(used)} of the PDF read by OCR: check their text against {path.name}"] if used else []
    return Source("\n".join(chosen), notes)


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ExtractionError(f"{path}: this is a binary file, not text or PDF; export the letter as text or PDF first")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # OCR tools on Windows often write cp1252; every byte string decodes in it.
        return data.decode("cp1252", errors="replace")


def pdf_pages(path: Path) -> list[str]:
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise ExtractionError(f"{path}: {len(pdf.pages)} pages is more than a letter ({MAX_PDF_PAGES} at most)")
            return [_page_text(page) for page in pdf.pages]
    except ExtractionError:
        raise
    except Exception as error:  # pdfminer raises many types for a broken file; all mean "cannot read"
        raise ExtractionError(f"{path}: the PDF cannot be read ({type(error).__name__}: {error})") from error


def _page_text(page) -> str:
    """A page's text rebuilt from its characters' positions (pdfplumber), line by line.

    A wider gap between lines starts a paragraph and an indented line keeps an indent. Within a line, words are
    told apart by the gaps between characters measured against the line's own spacing, so a letterhead set with
    wide letter-spacing ('J o s e p h  A.  B o n d y') reads 'Joseph A. Bondy', not 'JosephA.Bondy'; a gap of
    several characters' width (two signature blocks side by side) is kept as a run of spaces, so the blocks stay
    apart."""
    lines = _char_lines([c for c in page.chars if c.get("text")])
    if not lines:
        return ""
    height = statistics.median(line[0]["size"] for line in lines)
    left = min(_first(line)["x0"] for line in lines)
    out: list[str] = []
    previous_bottom = None
    for chars in lines:
        top = min(c["top"] for c in chars)
        if previous_bottom is not None and top - previous_bottom > 0.8 * height:
            out.append("")  # more than a line's spacing: a new paragraph
        indent = " " if _first(chars)["x0"] - left > 4 else ""
        out.append(indent + _line_text(chars))
        previous_bottom = max(c["bottom"] for c in chars)
    return "\n".join(out)


def _first(chars: list[dict]) -> dict:
    return next((c for c in chars if c["text"].strip()), chars[0])


def _char_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines by their vertical position, each line left to right."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) <= 0.4 * max(char["size"], 1):
            lines[-1].append(char)
        else:
            lines.append([char])
    lines = [sorted(line, key=lambda c: c["x0"]) for line in lines]
    return [line for line in lines if "".join(c["text"] for c in line).strip()]


def _line_text(chars: list[dict]) -> str:
    visible = [c for c in chars if c["text"].strip()]
    size = statistics.median(c["size"] for c in visible) if visible else 10
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(visible)]
    tight = [g for g in gaps if g < 0.6 * size]
    spacing = statistics.median(tight) if tight else 0.0
    # a word break is a gap well beyond the line's own letter-spacing
    word_gap = max(0.22 * size, 1.6 * spacing) if spacing > 0.12 * size else 0.22 * size
    text = ""
    previous = None
    for char in visible:
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            if gap > 4 * size:
                text += "     "  # a column apart: side-by-side signature blocks, a letterhead's two sides
            elif gap > word_gap:
                text += " "
        text += char["text"]
        previous = char
    return text


def ocr_text(path: Path) -> str:
    """OCR a scanned PDF with OCRmyPDF and read the text layer it adds."""
    text = "\n".join(ocr_pages(path))
    if not text.strip():
        raise ExtractionError(f"{path}: the PDF has no text layer and OCR found no text in it")
    return text


def ocr_pages(path: Path) -> list[str]:
    """Each page's text as OCRmyPDF (Tesseract) reads the page's image."""
    if shutil.which("ocrmypdf") is None:
        raise ExtractionError(
            f"{path}: the PDF has no text layer (it is a scan) and OCRmyPDF is not installed; "
            "install it (apt-get install ocrmypdf tesseract-ocr) or run OCR yourself and import the result"
        )
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "ocr.pdf"
        try:
            done = subprocess.run(
                ["ocrmypdf", "--quiet", "--force-ocr", "-l", "eng", str(path), str(out)],
                capture_output=True,
                text=True,
                timeout=OCR_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise ExtractionError(f"{path}: OCR took longer than {OCR_TIMEOUT} s and was stopped") from error
        if done.returncode != 0 or not out.is_file():
            reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no reason given"]
            raise ExtractionError(f"{path}: the PDF has no usable text layer and OCR failed ({reason[0]})")
        return pdf_pages(out)
