"""Issue 20, classes 2, 5 and 6: what `docket import` reads is untrusted.

Tiny PDFs built to exhaust memory or time (form objects drawing each other,
a stream that inflates to gigabytes, thousands of pages), a 50 MB text, and
a text of thousands of odd dates end in a plain message, never a hang or
the parent's death: the PDFs are read in a child process with a budget. A
PDF with JavaScript, an attached web page and a launch action is imported as
text, with a warning naming each, and its original is kept unpublished.
What the importer writes passes `docket check` (once a person has reviewed
it): escape sequences and Word's vertical tabs, a web page as the source, a
line break in the source file's name.

The PDFs are generated here with pikepdf; every letter is synthetic.
"""

from __future__ import annotations

import random
import resource
import shutil
import zlib
from pathlib import Path

import pikepdf
import pytest
import yaml

from conftest import REPO, SEED
from docket_archive.importer import untrusted
from docket_archive.load.archive import load_archive
from docket_archive.runtime.sandbox import Budget
from docket_archive.site.build import build_pages
from test_import import files, letter, minimal_pdf, run

SYNTHETIC = "SYNTHETIC TEST LETTER, not a real court filing."
LETTER_LINES = [
    "SYNTHETIC LAW LLP",
    "",
    "July 6, 2009",
    "",
    "BY ECF",
    "",
    "Honorable Martin Glenn",
    "United States Bankruptcy Court",
    "",
    "Re: In re Lexington Precision Corp., et al., Case No. 08-11153 (MG)",
    "",
    "Dear Judge Glenn:",
    "",
    f"{SYNTHETIC} This is the seventh joint status letter.",
    "",
    "Respectfully submitted,",
    "",
    "Adam P. Strochak",
]
IMPORTED = "lexington-precision/2009-07-06-joint-status-letter"


@pytest.fixture
def empty_archive(tmp_path: Path) -> Path:
    """The repository's registries (people, the case) and no letters."""
    root = tmp_path / "letters"
    (root / "lexington-precision").mkdir(parents=True)
    shutil.copy(REPO / "letters" / "people.yml", root / "people.yml")
    shutil.copy(REPO / "letters" / "lexington-precision" / "case.yml", root / "lexington-precision" / "case.yml")
    return root


def refused(root: Path, source: Path, *words: str) -> str:
    before = files(root)
    result = run("import", str(source), "--letters", str(root))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # a message, never a traceback
    assert "Nothing was written" in result.output, result.output
    for word in words:
        assert word in result.output, result.output
    assert files(root) == before
    return result.output


# -- PDFs built to exhaust the reader ------------------------------------------------------------


def nested_forms(path: Path, depth: int = 12, fan: int = 8) -> None:
    """A page drawing a form that draws the next form `fan` times, `depth` deep: 8^12 drawings in 3 KB."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    inner = pikepdf.Stream(pdf, b"0 0 1 1 re f")
    inner.Type, inner.Subtype, inner.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 10, 10]
    for _ in range(depth):
        outer = pikepdf.Stream(pdf, b" ".join([b"/F Do"] * fan))
        outer.Type, outer.Subtype, outer.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 10, 10]
        outer.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=inner))
        inner = outer
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=inner))
    page.Contents = pdf.make_stream(b"/F Do")
    pdf.save(path)


def inflating_stream(path: Path, megabytes: int = 1280) -> None:
    """A page whose content stream, deflated twice, is a few KB and inflates to `megabytes` of zeros."""
    squeeze = zlib.compressobj(9)
    chunk = b"\0" * 2**26
    once = b"".join([squeeze.compress(chunk) for _ in range(megabytes // 64)] + [squeeze.flush()])
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    stream = pikepdf.Stream(pdf, zlib.compress(once, 9))
    stream.Filter = pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.FlateDecode])
    pdf.pages[0].Contents = stream
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)


def thin_pages(path: Path, pages: int = 3000) -> None:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(612, 792))
    pdf.save(path)


def test_a_pdf_of_nested_forms_is_stopped_by_its_budget(
    empty_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real budget is 120 s of computing; a smaller one shows the same stop sooner.
    monkeypatch.setattr(untrusted, "PDF_BUDGET", Budget(memory=2**30, cpu_seconds=8, wall_seconds=60))
    source = tmp_path / "nested.pdf"
    nested_forms(source)
    assert source.stat().st_size < 4096
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    output = refused(empty_archive, source, "nested.pdf", "was stopped")
    assert "of computing" in output or "of memory" in output, output
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown < 200 * 1024, f"the command's own process grew by {grown} KB: the PDF was read in it"


def test_a_pdf_whose_stream_inflates_to_gigabytes_is_a_message(empty_archive: Path, tmp_path: Path) -> None:
    source = tmp_path / "inflating.pdf"
    inflating_stream(source)
    assert source.stat().st_size < 40 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    refused(empty_archive, source, "inflating.pdf")
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown < 200 * 1024, f"the command's own process grew by {grown} KB: the PDF was read in it"


def test_three_thousand_thin_pages_are_refused_before_any_is_read(empty_archive: Path, tmp_path: Path) -> None:
    source = tmp_path / "thin.pdf"
    thin_pages(source)
    refused(empty_archive, source, "3,000 pages", f"more than the {untrusted.MAX_PDF_PAGES}")


# -- texts too large, and texts made to be slow -------------------------------------------------------


def test_a_50_mb_text_is_refused_at_once(empty_archive: Path, tmp_path: Path) -> None:
    source = tmp_path / "huge.txt"
    seed = SEED.read_text("utf-8")
    with source.open("w", encoding="utf-8") as out:
        out.write(seed)
        for _ in range(50 * 2**20 // len(seed) + 1):
            out.write(seed)
    refused(empty_archive, source, "huge.txt", "MB")


def test_a_text_past_the_letter_cap_is_refused(empty_archive: Path, tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    seed = SEED.read_text("utf-8")
    source.write_text(seed.replace("Dear Judge", "Words. " * (untrusted.MAX_TEXT_CHARACTERS // 7) + "\n\nDear Judge"))
    refused(empty_archive, source, "long.txt", f"{untrusted.MAX_TEXT_CHARACTERS:,}")


def test_thousands_of_odd_dates_are_read_within_the_budget(empty_archive: Path, tmp_path: Path) -> None:
    # Each odd date ('Dec 45', '3/4/05') takes dateparser 10-20 ms: 10,000 would take minutes.
    random.seed(20)
    odd = " ".join(
        f"The report of {random.randint(1, 12)}/{random.randint(1, 28)}/{random.randint(0, 99):02d} was filed {n} times."
        for n in range(2500)
    )
    source = tmp_path / "dates.txt"
    source.write_text(SEED.read_text("utf-8").replace("The parties", f"{odd}\n\nThe parties", 1))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result = run("import", str(source), "--letters", str(empty_archive), "--dry-run")
    spent = resource.getrusage(resource.RUSAGE_SELF)
    seconds = spent.ru_utime - usage.ru_utime
    assert seconds < 40, f"{seconds:.0f} s of computing"
    assert result.exit_code == 0 or "was stopped" in result.output, result.output
    if result.exit_code == 0:
        assert "were not read as dates" in result.output, result.output


# -- active content --------------------------------------------------------------------------------


def active_pdf(path: Path) -> None:
    """A letter with a text layer, JavaScript run on opening, an attached web page and a launch action."""
    plain = path.with_name("plain.pdf")
    plain.write_bytes(minimal_pdf(LETTER_LINES))
    with pikepdf.open(plain) as pdf:
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('pwned')"))
        attached = pikepdf.AttachedFileSpec(pdf, b"<script>alert(1)</script>", mime_type="text/html")
        pdf.attachments["invoice.html"] = attached
        launch = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 100, 100],
            A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")),
        )
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(launch)]))
        pdf.save(path)


def test_a_pdf_with_active_content_is_imported_as_text_and_its_original_kept_unpublished(
    empty_archive: Path, tmp_path: Path
) -> None:
    source = tmp_path / "active.pdf"
    active_pdf(source)
    result = run("import", str(source), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "the PDF carries" in line)
    for dropped in ("JavaScript", "'invoice.html'", "launches a program"):
        assert dropped in warning, warning
    assert not (empty_archive / "lexington-precision" / "originals").exists(), "kept where the site publishes it"
    [kept] = (empty_archive / "lexington-precision" / "unpublished").iterdir()
    assert kept.read_bytes() == source.read_bytes()
    archive, imported = letter(empty_archive, IMPORTED)
    assert SYNTHETIC in imported.body and "app.alert" not in imported.body
    assert imported.original is not None and not imported.original.published
    site = build_pages(archive, imported.date, letters_root=empty_archive)
    assert site.files == {}, "an unpublished original was published"
    page = next(page for path, page in site.pages.items() if path.startswith(f"letters/{IMPORTED}"))
    assert "kept in the archive but not published" in page.body


def test_a_plain_pdf_keeps_its_original_published(empty_archive: Path, tmp_path: Path) -> None:
    source = tmp_path / "plain.pdf"
    source.write_bytes(minimal_pdf(LETTER_LINES))
    result = run("import", str(source), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    assert "the PDF carries" not in result.output
    _, imported = letter(empty_archive, IMPORTED)
    assert imported.original is not None and imported.original.published


# -- what the importer writes, check accepts ----------------------------------------------------------


def test_escape_sequences_and_vertical_tabs_never_reach_the_letter(empty_archive: Path, tmp_path: Path) -> None:
    seed = SEED.read_text("utf-8")
    assert "WEIL, GOTSHAL & MANGES LLP" in seed and "The parties" in seed
    hostile = seed.replace("WEIL, GOTSHAL", "WEIL,\x1b[31m GOTSHAL\x1b]0;PWNED\x07", 1).replace(
        "The parties", "The\vparties\x1b[2J", 1
    )
    source = tmp_path / "word.txt"
    source.write_text(hostile, "utf-8")
    result = run("import", str(source), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    written = (empty_archive / "lexington-precision" / "2009-06-22-joint-status-letter.md").read_text("utf-8")
    assert "\x1b" not in written and "\v" not in written and "[2J" not in written and "PWNED" not in written
    letter(empty_archive, "lexington-precision/2009-06-22-joint-status-letter")  # check passes once reviewed


def test_a_web_page_as_source_is_kept_unpublished_and_passes_check(empty_archive: Path, tmp_path: Path) -> None:
    source = tmp_path / "letter.htm"
    source.write_text(SEED.read_text("utf-8"), "utf-8")
    result = run("import", str(source), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    assert (empty_archive / "lexington-precision" / "unpublished" / "2009-06-22-joint-status-letter.htm").is_file()
    archive, imported = letter(empty_archive, "lexington-precision/2009-06-22-joint-status-letter")
    assert imported.original is not None and not imported.original.published
    assert build_pages(archive, imported.date, letters_root=empty_archive).files == {}


def test_a_line_break_in_the_file_name_adds_no_field_to_the_proposed_case(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n", "utf-8")
    source = tmp_path / "received\nstatus: closed\nchapter: 7\n.txt"
    source.write_text(SEED.read_text("utf-8"), "utf-8")
    result = run("import", str(source), "--letters", str(root))
    assert result.exit_code == 0, result.output
    [case_file] = root.glob("*/case.yml")
    case = yaml.safe_load(case_file.read_text("utf-8"))
    assert "status" not in case and "chapter" not in case, case
    people = (root / "people.yml").read_text("utf-8")
    assert "\nstatus: closed" not in people
    [written] = root.glob("*/2009-06-22-*.md")
    # a person confirms what the importer was unsure of (the review: block); then check accepts the letter
    kept: list[str] = []
    skipping = False
    for line in written.read_text("utf-8").split("\n"):
        skipping = line.startswith("review:") or (skipping and line.startswith(" "))
        if not skipping:
            kept.append(line)
    written.write_text("\n".join(kept), "utf-8")
    _, problems = load_archive(root)
    assert not problems.errors, [str(p) for p in problems.errors]
