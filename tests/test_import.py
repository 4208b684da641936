"""`docket import`: the seed letter reproduces the archived one; bad input writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, SEED, require
from docket_archive.authoring.review import entries, resolve
from docket_archive.cli import main
from docket_archive.load.archive import load_archive

ARCHIVED = "lexington-precision/2009-06-22-joint-status-letter"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def empty_archive(tmp_path: Path) -> Path:
    """The repository's registries (people, the case) and no letters."""
    root = tmp_path / "letters"
    (root / "lexington-precision").mkdir(parents=True)
    shutil.copy(REPO / "letters" / "people.yml", root / "people.yml")
    shutil.copy(REPO / "letters" / "lexington-precision" / "case.yml", root / "lexington-precision" / "case.yml")
    return root


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def confirm_all(path: Path) -> None:
    """What a person does with `docket review`: confirm each field the importer was unsure of."""
    for entry in entries(path):
        resolve(path, entry.field)


def letter(root: Path, letter_id: str):
    """The imported letter as the archive loads it, once its review is done."""
    if entries(root / f"{letter_id}.md"):  # `docket check` fails until the review is done, and only for it
        _, problems = load_archive(root)
        assert {p.field.split(",")[0] for p in problems.errors} == {"review"}, [str(p) for p in problems.errors]
        confirm_all(root / f"{letter_id}.md")
    archive, problems = load_archive(root)
    assert not problems.errors, [str(p) for p in problems.errors]
    return archive, next(item for item in archive.letters if item.id == letter_id)


def test_importing_the_seed_reproduces_the_archived_letter(empty_archive: Path) -> None:
    result = run("import", str(SEED), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    # What the importer inferred is said, and recorded under review: in the front matter.
    assert "review sequence: inferred" in result.output
    front = yaml.safe_load((empty_archive / f"{ARCHIVED}.md").read_text().split("---")[1])
    assert front["review"]["sequence"].startswith("inferred")
    archive, imported = letter(empty_archive, ARCHIVED)
    _, archived = letter(REPO / "letters", ARCHIVED)
    assert imported.body.split() == archived.body.split()
    for name in (
        "date",
        "case",
        "type",
        "authors",
        "addressees",
        "cc",
        "delivery",
        "sequence",
        "letter_references",
        "docket_references",
        "next_report_due",
    ):
        assert getattr(imported, name) == getattr(archived, name), name
    case = archive.cases[imported.case]
    assert (case.court.citation, case.judge) == ("Bankr. S.D.N.Y.", "martin-glenn")
    assert imported.authors[0].firm == "Weil, Gotshal & Manges LLP"
    # The original is kept beside the letter, with its sha256.
    assert imported.original.sha256 == archived.original.sha256
    assert (empty_archive / imported.original.path).read_bytes() == SEED.read_bytes()
    # The running page header and the signature image description are listed as removed, not lost.
    assert "page header: Hon. Martin Glenn" in result.output and "signature image: A handwritten" in result.output


def test_dry_run_prints_and_writes_nothing(empty_archive: Path) -> None:
    before = files(empty_archive)
    result = run("import", str(SEED), "--letters", str(empty_archive), "--dry-run")
    assert result.exit_code == 0
    assert "date: 2009-06-22" in result.output and "would write" in result.output
    assert files(empty_archive) == before


def test_dry_run_shows_the_proposed_case_and_new_people(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n")
    result = run("import", str(SEED), "--letters", str(root), "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"would create {root / 'lexington-precision' / 'case.yml'}" in result.output
    assert "    number: 08-11153 (MG)" in result.output and "    court: nysb" in result.output
    assert f"would add to {root / 'people.yml'}" in result.output and "    adam-p-strochak:" in result.output
    assert files(root) == {"people.yml": b"{}\n"}


def test_a_second_letter_of_the_same_day_imports_under_another_name(empty_archive: Path) -> None:
    assert run("import", str(SEED), "--letters", str(empty_archive)).exit_code == 0
    again = run("import", str(SEED), "--letters", str(empty_archive), "--name", "second-copy")
    assert again.exit_code == 0, again.output
    assert (empty_archive / "lexington-precision" / "2009-06-22-second-copy.md").is_file()
    assert (empty_archive / "lexington-precision" / "originals" / "2009-06-22-second-copy.txt").is_file()
    bad = run("import", str(SEED), "--letters", str(empty_archive), "--name", "Not A Slug")
    assert bad.exit_code == 1 and "--name 'Not A Slug' must be lower-case" in bad.output


def test_case_chosen_with_the_case_option(empty_archive: Path, tmp_path: Path) -> None:
    source = tmp_path / "no-number.txt"
    source.write_bytes(SEED.read_bytes().replace(b"Case No. 08-11153 (MG)", b""))
    unfiled = run("import", str(source), "--letters", str(empty_archive), "--dry-run")
    assert unfiled.exit_code == 0, unfiled.output  # written under a proposed case, never refused
    assert "import with --case KEY" in unfiled.output and "case-without-a-number/case.yml" in unfiled.output
    unknown = run("import", str(source), "--letters", str(empty_archive), "--case", "no-such-case")
    assert unknown.exit_code == 1 and "--case no-such-case: no such case" in unknown.output
    chosen = run("import", str(source), "--letters", str(empty_archive), "--case", "lexington-precision")
    assert chosen.exit_code == 0, chosen.output
    assert (empty_archive / f"{ARCHIVED}.md").is_file()


def test_an_unknown_case_and_people_are_proposed(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n")
    result = run("import", str(SEED), "--letters", str(root))
    assert result.exit_code == 0, result.output
    case_file = root / "lexington-precision" / "case.yml"
    assert "number: 08-11153 (MG)" in case_file.read_text() and "court: nysb" in case_file.read_text()
    assert (
        "adam-p-strochak" in (root / "people.yml").read_text()
        and "Adam P. Storchak" in (root / "people.yml").read_text()
    )
    assert "review new case: new case" in result.output
    letter(root, ARCHIVED)  # valid once reviewed: the proposed case.yml and the new people too


def test_importing_twice_refuses_to_overwrite(empty_archive: Path) -> None:
    assert run("import", str(SEED), "--letters", str(empty_archive)).exit_code == 0
    before = files(empty_archive)
    for dry_run in ([], ["--dry-run"]):
        again = run("import", str(SEED), "--letters", str(empty_archive), *dry_run)
        assert again.exit_code == 1 and "already exists; nothing was written" in again.output
    assert files(empty_archive) == before


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica), written by hand."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    text = "BT /F1 10 Tf 12 TL 50 780 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_a_pdf_with_a_text_layer_imports(empty_archive: Path, tmp_path: Path) -> None:
    lines = [
        "WEIL, GOTSHAL & MANGES LLP",
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
        "SYNTHETIC TEST LETTER. This is the seventh joint status letter.",
        "",
        "The parties will provide a further status report in two weeks.",
        "",
        "Respectfully submitted,",
        "",
        "Adam P. Strochak",
    ]
    pdf = tmp_path / "synthetic.pdf"
    pdf.write_bytes(minimal_pdf(lines))
    result = run("import", str(pdf), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    _, imported = letter(empty_archive, "lexington-precision/2009-07-06-joint-status-letter")
    assert (imported.sequence, imported.delivery, imported.next_report_due.isoformat()) == (7, "ECF", "2009-07-20")
    assert imported.original.path.endswith(".pdf")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "the file is empty"),
        ("scan.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj <<< this is not a PDF", "the PDF cannot be read"),
        ("blank.txt", b"  \n\n\t\n", "the file is empty"),
    ],
)
def test_bad_input_says_why_and_writes_nothing(
    empty_archive: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    before = files(empty_archive)
    result = run("import", str(source), "--letters", str(empty_archive))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # a message, never a traceback
    assert message in result.output and "Nothing was written" in result.output
    assert files(empty_archive) == before


@pytest.mark.parametrize(
    "name, content, field, reason",
    [
        ("undated.txt", SEED.read_bytes().replace(b"June 22, 2009\n\nBY FEDEX", b"BY FEDEX"), "date", "no date line"),
        ("no-number.txt", SEED.read_bytes().replace(b"Case No. 08-11153 (MG)", b""), "case", "no case number found"),
        (
            "impossible.txt",
            SEED.read_bytes().replace(b"June 22, 2009\n\nBY", b"February 30, 2009\n\nBY"),
            "date",
            "'February 30, 2009' is not a date",
        ),
        ("no-letter.txt", b"Just a line of text, with no salutation and no date.\n", "body", "no salutation"),
    ],
)
def test_a_letter_lacking_a_landmark_is_written_with_what_was_looked_for(
    empty_archive: Path, tmp_path: Path, name: str, content: bytes, field: str, reason: str
) -> None:
    """Never refused for what it lacks: the field is left for review, saying what the importer looked for."""
    source = tmp_path / name
    source.write_bytes(content)
    result = run("import", str(source), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    written = Path(result.stdout.splitlines()[0])
    front = yaml.safe_load(written.read_text().split("---")[1])
    assert reason in front["review"][field]


def test_a_due_date_that_is_no_date_is_flagged_not_fatal(empty_archive: Path, tmp_path: Path) -> None:
    source = tmp_path / "far.txt"
    source.write_bytes(SEED.read_bytes().replace(b"in two weeks", b"in 99999999 weeks"))
    result = run("import", str(source), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    front = yaml.safe_load((empty_archive / f"{ARCHIVED}.md").read_text().split("---")[1])
    assert "next_report_due" not in front
    assert "'in 99999999 weeks' is not a date" in front["review"]["next_report_due"]


def test_a_pdf_without_text_layer_suggests_ocr(empty_archive: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)  # what a scan without OCR looks like to a text reader
    scan = tmp_path / "scan.pdf"
    with scan.open("wb") as handle:
        writer.write(handle)
    before = files(empty_archive)
    result = run("import", str(scan), "--letters", str(empty_archive))
    assert result.exit_code == 1
    assert "no text layer" in result.output and "OCR" in result.output
    assert files(empty_archive) == before


def scanned_pdf(path: Path, lines: list[str]) -> None:
    """A PDF that is only an image of a page, as a scanner makes it (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=36)
    page = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(page)
    for number, line in enumerate(lines):
        draw.text((150, 100 + 55 * number), line, fill=0, font=font)
    page.save(path, resolution=200)


def test_a_scanned_pdf_is_read_through_ocr(empty_archive: Path, tmp_path: Path) -> None:
    require(Path("/usr/bin/ocrmypdf"), "apt-get install ocrmypdf tesseract-ocr (bash .ci/run does)")
    scan = tmp_path / "scan.pdf"
    scanned_pdf(
        scan,
        [
            "SYNTHETIC LAW LLP",
            "",
            "July 6, 2009",
            "",
            "BY ECF",
            "",
            "Honorable Martin Glenn",
            "United States Bankruptcy Court",
            "",
            "Re: In re Lexington Precision Corp., Case No. 08-11153 (MG)",
            "",
            "Dear Judge Glenn:",
            "",
            "SYNTHETIC TEST LETTER. This is the seventh joint status letter.",
            "",
            "Respectfully submitted,",
            "",
            "Adam P. Strochak",
        ],
    )
    result = run("import", str(scan), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    _, imported = letter(empty_archive, "lexington-precision/2009-07-06-joint-status-letter")
    assert (imported.sequence, imported.delivery, imported.authors[0].person) == (7, "ECF", "adam-strochak")
    assert imported.body.split("\n\n")[:2] == [
        "Dear Judge Glenn:",
        "SYNTHETIC TEST LETTER. This is the seventh joint status letter.",
    ]


def test_an_unexpected_failure_is_a_message_not_a_traceback(
    empty_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docket_archive.importer.plan as plan

    def broken(text: str):
        raise KeyError("synthetic failure")

    monkeypatch.setattr(plan, "extract", broken)
    before = files(empty_archive)
    result = run("import", str(SEED), "--letters", str(empty_archive))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "could not read this letter (KeyError: 'synthetic failure'). Nothing was written." in result.output
    assert files(empty_archive) == before


def test_a_pdf_with_a_scanned_page_reads_that_page_by_ocr(empty_archive: Path, tmp_path: Path) -> None:
    require(Path("/usr/bin/ocrmypdf"), "apt-get install ocrmypdf tesseract-ocr (bash .ci/run does)")
    from pypdf import PdfReader, PdfWriter

    first = tmp_path / "first.pdf"
    first.write_bytes(
        minimal_pdf(
            [
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
                "SYNTHETIC TEST LETTER. This is the seventh joint status letter. Its first page has a text layer.",
            ]
        )
    )
    second = tmp_path / "second.pdf"
    scanned_pdf(
        second,
        [
            "The parties will provide a further status report in two weeks.",
            "",
            "Respectfully submitted,",
            "",
            "Adam P. Strochak",
        ],
    )
    writer = PdfWriter()
    for part in (first, second):
        for sheet in PdfReader(part).pages:
            writer.add_page(sheet)
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as handle:
        writer.write(handle)
    result = run("import", str(mixed), "--letters", str(empty_archive))
    assert result.exit_code == 0, result.output
    assert "page(s) 2 of the PDF read by OCR" in result.output
    _, imported = letter(empty_archive, "lexington-precision/2009-07-06-joint-status-letter")
    assert imported.next_report_due is not None and imported.next_report_due.isoformat() == "2009-07-20"
    assert "Its first page has a text layer." in imported.body and imported.authors[0].person == "adam-strochak"


def test_one_judge_with_and_without_a_middle_initial_is_one_person(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n")
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    seed = SEED.read_text()
    first.write_text(seed.replace("Honorable Martin Glenn", "Honorable Martin Q. Glenn"))
    second.write_text(seed.replace("June 22, 2009", "July 6, 2009"))
    assert run("import", str(first), "--letters", str(root)).exit_code == 0
    assert run("import", str(second), "--letters", str(root)).exit_code == 0
    people = yaml.safe_load((root / "people.yml").read_text())
    assert [key for key in people if "glenn" in key] == ["martin-q-glenn"]


def test_a_text_too_large_to_be_a_letter_is_refused(empty_archive: Path, tmp_path: Path) -> None:
    from docket_archive.importer.sources import MAX_TEXT_BYTES

    source = tmp_path / "huge.txt"
    source.write_bytes(SEED.read_bytes() + b"x" * MAX_TEXT_BYTES)
    before = files(empty_archive)
    result = run("import", str(source), "--letters", str(empty_archive))
    assert result.exit_code == 1 and "more than a letter" in result.output
    assert files(empty_archive) == before
