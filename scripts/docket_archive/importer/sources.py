"""Reading the file to import: plain text, or a PDF's text layer."""

from __future__ import annotations

from pathlib import Path

from .extract import ExtractionError


def read_letter_text(path: Path) -> str:
    """The letter's text; raises ExtractionError with a message for the user."""
    if not path.is_file():
        raise ExtractionError(f"{path}: no such file")
    data = path.read_bytes()
    if not data.strip():
        raise ExtractionError(f"{path}: the file is empty")
    if data.startswith(b"%PDF"):
        return _pdf_text(path)
    if b"\x00" in data[:4096]:
        raise ExtractionError(f"{path}: this is a binary file, not text or PDF; export the letter as text or PDF first")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # OCR tools on Windows often write cp1252; every byte string decodes in it.
        return data.decode("cp1252", errors="replace")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise ExtractionError(f"{path}: the PDF cannot be read ({error})") from error
    text = "\n".join(pages)
    if not text.strip():
        raise ExtractionError(
            f"{path}: the PDF has no text layer (it is a scan); run OCR first, e.g. `ocrmypdf {path.name} ocr.pdf`, and import the result"
        )
    return text
