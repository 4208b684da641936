"""The budget of what `docket import` reads: sizes, pages, memory, time, and a PDF's active content.

The file to import may come from the other side of the case. Before any of
it is parsed:

- its size is capped (`MAX_PDF_BYTES` for a PDF, `MAX_TEXT_BYTES` for text), read without loading more;
- a text is capped (`MAX_TEXT_CHARACTERS`): a letter is tens of KB, and the
  dates in it each go through dateparser;
- a PDF is read only in a child process (`runtime.sandbox`) with
  `PDF_BUDGET` of memory and time, its pages counted first (`MAX_PDF_PAGES`),
  and its active content named (`active_content`): JavaScript, launch and
  other actions, attached files, XFA forms, embedded media. None of it is
  run or kept in the text; what was there is said in the review notes, and
  the original file is then kept unpublished (`unpublished/`, never copied to
  the site) rather than in originals/.

`inspect_pdf` runs in the child; everything else here runs in the command.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docket_archive.formats.characters import NONCHARACTERS
from docket_archive.load.archivefiles import MAX_FILE_BYTES
from docket_archive.runtime.sandbox import Budget

from .extract import ExtractionError

MAX_TEXT_BYTES = MAX_FILE_BYTES  # a letter's text is tens of KB: the archive's own cap on a file
MAX_PDF_BYTES = 50 * 2**20  # a scanned letter with exhibits is a few MB
MAX_TEXT_CHARACTERS = (
    200_000  # about 50 pages of text (real letters: 1 to 21 KB); the letter file must stay under check's 2 MB
)
MAX_PDF_PAGES = 100  # a status letter runs a few pages; exhibits are filed, not imported
# 1 GB of address space: reading a PDF and OCR of a page need under 400 MB here.
# Computing time is the reader's own (pdfplumber, pypdf): about a second a page;
# OCR runs in its own processes, each with the same limits, within the wall time.
PDF_BUDGET = Budget(memory=2**30, cpu_seconds=120, wall_seconds=660)

_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "an action that launches a program",
    "/SubmitForm": "an action that sends a form off the document",
    "/ImportData": "an action that imports data",
    "/GoToR": "an action that opens another file",
    "/GoToE": "an action that opens an attached file",
    "/URI": "an action that opens a web address",
    "/Rendition": "an action that plays media",
    "/RichMediaExecute": "an action that runs embedded media",
}


def read_capped(path: Path) -> bytes:
    """The file's bytes, refused past MAX_PDF_BYTES for a PDF and MAX_TEXT_BYTES for anything else
    (known by its content, not its name), never reading more than that."""
    if not path.is_file():
        raise ExtractionError(f"{path}: no such file")
    with path.open("rb") as source:
        data = source.read(MAX_PDF_BYTES + 1)
    limit = MAX_PDF_BYTES if data.startswith(b"%PDF") else MAX_TEXT_BYTES
    if len(data) > limit:
        size = path.stat().st_size
        raise ExtractionError(
            f"{path}: {size // 1024:,} KB is more than a letter ({limit // 2**20} MB at most). "
            "Import the letter itself (its pages, as text or PDF), not the whole filing"
        )
    return data


def check_text_size(path: Path, text: str) -> None:
    if len(text) > MAX_TEXT_CHARACTERS:
        raise ExtractionError(
            f"{path}: the text has {len(text):,} characters, more than the {MAX_TEXT_CHARACTERS:,} a letter can have "
            "(about 50 pages). Import the letter itself, without the exhibits or the rest of the filing"
        )


@dataclass
class PdfContents:
    pages: int
    active: list[str] = field(default_factory=list)  # what the PDF carries besides text and pictures, for a person


def inspect_pdf(path: Path) -> PdfContents:
    """Count the pages and name the active content; raises ExtractionError past MAX_PDF_PAGES.

    Runs in the sandbox's child: pypdf reads the structure only (no content
    stream is laid out). A structure pypdf cannot walk is reported as such,
    and the original is then treated as unsafe."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path, strict=False)
        pages = len(reader.pages)
    except Exception as error:  # pypdf raises many types for a broken file: pdfplumber says why it cannot be read
        return PdfContents(0, [f"a structure that cannot be inspected ({type(error).__name__})"])
    if pages > MAX_PDF_PAGES:
        raise ExtractionError(
            f"{path}: the PDF has {pages:,} pages, more than the {MAX_PDF_PAGES} a letter can have; "
            "import the letter's own pages (split them off with any PDF tool)"
        )
    try:
        return PdfContents(pages, active_content(reader))
    except Exception as error:
        return PdfContents(pages, [f"a structure that cannot be inspected ({type(error).__name__})"])


def active_content(reader: Any) -> list[str]:
    """What the PDF would do or carry besides showing its pages, in a person's words (none: [])."""
    found: list[str] = []
    root = reader.trailer["/Root"]
    _actions(root.get("/OpenAction"), "when opened", found)
    _additional(root.get("/AA"), "on document events", found)
    names = root.get("/Names")
    if names is not None:
        names = names.get_object()
        if "/JavaScript" in names:
            found.append("JavaScript (document scripts)")
        if "/EmbeddedFiles" in names:
            found += [f"an attached file '{name}'" for name in _attached(names["/EmbeddedFiles"])] or ["attached files"]
    form = root.get("/AcroForm")
    if form is not None and "/XFA" in form.get_object():
        found.append("an XFA form (which can run scripts)")
    for number, page in enumerate(reader.pages, start=1):
        _additional(page.get("/AA"), f"on page {number}", found)
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            kind = annotation.get("/Subtype")
            if kind == "/FileAttachment":
                spec = annotation.get("/FS")
                name = _file_name(spec.get_object()) if spec is not None else ""
                found.append(
                    f"an attached file '{name}' (page {number})" if name else f"an attached file (page {number})"
                )
            elif kind in ("/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"):
                found.append(f"embedded media ({str(kind).lstrip('/')}, page {number})")
            _actions(annotation.get("/A"), f"in a link or field on page {number}", found, harmless={"/URI"})
            _additional(annotation.get("/AA"), f"in a field on page {number}", found)
    return list(dict.fromkeys(found))


def _actions(action: Any, where: str, found: list[str], harmless: frozenset[str] | set[str] = frozenset()) -> None:
    seen = 0
    while action is not None and seen < 20:  # an action may name a next one (/Next): follow a few, never a loop
        seen += 1
        action = action.get_object()
        if not hasattr(action, "get"):
            return  # an explicit destination (a page to show): harmless
        kind = action.get("/S")
        if kind in _ACTIONS and kind not in harmless:
            found.append(f"{_ACTIONS[kind]} run {where}")
        following = action.get("/Next")
        action = following[0] if isinstance(following, list) and following else following


def _additional(actions: Any, where: str, found: list[str]) -> None:
    if actions is None:
        return
    for trigger in actions.get_object().values():
        _actions(trigger, where, found)


def _attached(tree: Any, depth: int = 0) -> list[str]:
    """The file names of a name tree of attached files."""
    if depth > 10:
        return []
    tree = tree.get_object()
    names: list[str] = []
    listed = tree.get("/Names") or []
    for index in range(0, len(listed) - 1, 2):
        names.append(_file_name(listed[index + 1].get_object()) or str(listed[index]))
    for kid in tree.get("/Kids") or []:
        names += _attached(kid, depth + 1)
    return names


def _file_name(spec: Any) -> str:
    if not hasattr(spec, "get"):
        return str(spec)
    return str(spec.get("/UF") or spec.get("/F") or "")


# Terminal escape sequences (CSI, OSC and the two-character ones), whole: "\x1b[2J" leaves no "[2J" behind.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # Word's vertical tab, form feeds, separators
_INVISIBLE = re.compile(f"[\x00-\x08\x0e-\x1b\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{NONCHARACTERS}]")


def plain_text(text: str) -> tuple[str, list[str]]:
    """The text as `docket check` accepts it, and what was changed, for the review notes.

    Word writes a line break inside a paragraph as a vertical tab, and a page
    break as a form feed: those become line breaks. Terminal escape sequences,
    other control characters, bidirectional overrides and Unicode noncharacters
    are never part of a letter: they are removed, and the notes say how many."""
    notes = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, escapes = _ESCAPES.subn("", text)
    text, breaks = _BREAKS.subn("\n", text)
    text, removed = _INVISIBLE.subn("", text)
    if escapes:
        notes.append(f"{escapes} terminal escape sequence(s) removed from the text (they are commands, not words)")
    if removed:
        notes.append(f"{removed} invisible control or override character(s) removed from the text")
    if breaks:
        notes.append(f"{breaks} vertical tab(s) or page break(s) made line breaks")
    return text, notes


def printable(text: str) -> str:
    """`text` on one line with nothing invisible (a file's name may hold a line break or an escape):
    for a YAML comment, a review note or a message."""
    return "".join(c if c.isprintable() else "?" for c in text)


def safe_original_name(path: Path) -> str:
    """`path`'s name for messages and comments: one line, no control characters."""
    return printable(os.path.basename(path))
