"""Accuracy of `docket import` on real letters, against ground truth written by reading them.

Imports each letter of the given folders (nothing is written: the import is
planned against an empty archive in a temporary folder), compares every field
with tests/import_truth/<letter's file stem>.yml, and prints Markdown tables:
per field and per letter, right / flagged for review / silently wrong / refused,
and how many of the right ones were flagged all the same. Letters without a
truth file are skipped with a note.

Each letter is scored as it is (text), and, with --formats, as a PDF typed from
it (a text layer laid out by reportlab) and as a scan of that PDF (page images
only, read back by OCRmyPDF), all made in a temporary folder:

    .venv/bin/python scripts/benchmarks/import_accuracy.py ../shared/real-letters ../shared/seed
    .venv/bin/python scripts/benchmarks/import_accuracy.py --formats text,pdf,scan ../shared/real-letters ../shared/seed
    .venv/bin/python scripts/benchmarks/import_accuracy.py --details ../shared/real-letters
    .venv/bin/python scripts/benchmarks/import_accuracy.py tests/import_synthetic --truth tests/import_synthetic

(the last: fictional letters with their truth beside them, in-sample for the importer's fixes).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from collections import Counter
from pathlib import Path

import yaml

from docket_archive.importer import ExtractionError, plan_import
from docket_archive.importer.accuracy import FIELDS, differences, flagged, score

REPO = Path(__file__).resolve().parents[2]
TRUTH = REPO / "tests" / "import_truth"
OUTCOMES = ("right", "flagged", "wrong", "refused")
CHECKED = "right, flagged"  # right, and under review all the same
FORMATS = ("text", "pdf", "scan")


def letters_in(folders: list[Path]) -> list[Path]:
    return sorted(p for folder in folders for p in folder.iterdir() if p.is_file() and p.suffix in {".txt", ".pdf"})


def as_format(letter: Path, form: str, folder: Path) -> Path:
    """The letter as given (text), as a PDF typed from it, or as a scan of that PDF."""
    if form == "text" or letter.suffix == ".pdf":
        return letter
    sys.path.insert(0, str(REPO / "tests"))
    from importtools import letter_pdf, scanned_pdf

    pdf = letter_pdf(letter.read_text("utf-8"), folder / f"{letter.stem}.pdf")
    return pdf if form == "pdf" else scanned_pdf(pdf, folder / f"{letter.stem}-scan.pdf")


def score_letter(letter: Path, source: Path, truth: dict, root: Path, details: bool) -> Counter:
    """One letter's outcome per field, and how many right fields were flagged all the same."""
    try:
        plan = plan_import(source, root)
    except ExtractionError as error:
        print(f"<!-- {letter.name}: import refused: {error} -->", file=sys.stderr)
        return Counter({f"{name}:refused": 1 for name in FIELDS if name in truth or name in FIELDS[:17]})
    outcome = score(plan, truth)
    if details:
        for name, (got, want) in differences(plan, truth).items():
            print(f"<!-- {source.name} {name} ({outcome[name]}): got {got!r}, truth {want!r} -->")
    counts = Counter(f"{name}:{result}" for name, result in outcome.items())
    counts.update(f"{name}:{CHECKED}" for name in flagged(plan) if outcome.get(name) == "right")
    return counts


def run(folders: list[Path], truth_dir: Path, details: bool, form: str) -> Counter:
    per_field: dict[str, Counter] = {name: Counter() for name in FIELDS}
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "letters"
        root.mkdir()
        (root / "people.yml").write_text("{}\n")
        for letter in letters_in(folders):
            truth_file = truth_dir / f"{letter.stem}.yml"
            if not truth_file.is_file():
                print(f"<!-- skipped {letter.name}: no {truth_file.name} -->", file=sys.stderr)
                continue
            source = as_format(letter, form, Path(folder))
            counts = score_letter(letter, source, yaml.safe_load(truth_file.read_text("utf-8")), root, details)
            row: Counter = Counter()
            for key, number in counts.items():
                name, result = key.split(":", 1)
                per_field[name][result] += number
                row[result] += number
            rows.append((letter.name, row))
    total = sum(per_field.values(), Counter())
    print(f"### As {form}\n")
    print_tables(per_field, rows, total)
    return total


def _cells(counts: Counter) -> str:
    n = sum(counts[o] for o in OUTCOMES) or 1
    right = counts["right"] or 1
    return (
        " | ".join(f"{counts[o]}" for o in OUTCOMES)
        + f" | {100 * counts['right'] / n:.0f}% | {100 * counts['wrong'] / n:.1f}% | {counts[CHECKED]} ({100 * counts[CHECKED] / right:.0f}%)"
    )


HEADER = (
    "| {} | right | flagged for review | silently wrong | refused | right % | silently wrong % | of the right, flagged all the same |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|"
)


def print_tables(per_field: dict[str, Counter], rows: list, total: Counter) -> None:
    print(HEADER.format("field"))
    for name, counts in per_field.items():
        if sum(counts.values()):
            print(f"| {name} | {_cells(counts)} |")
    print(f"| **all fields** | {_cells(total)} |\n")
    print(HEADER.format("letter"))
    for name, counts in rows:
        print(f"| {name} | {_cells(counts)} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of letters (.txt, .pdf)")
    parser.add_argument("--truth", type=Path, default=TRUTH, help="folder of ground-truth files")
    parser.add_argument("--details", action="store_true", help="print each field that is not right")
    parser.add_argument("--formats", default="text", help="comma-separated: text, pdf (typed from the text), scan")
    args = parser.parse_args()
    missing = [str(f) for f in args.folders if not f.is_dir()]
    if missing:
        parser.error(f"no such folder: {', '.join(missing)}")
    forms = [f.strip() for f in args.formats.split(",") if f.strip()]
    if any(f not in FORMATS for f in forms):
        parser.error(f"--formats takes {', '.join(FORMATS)}")
    warnings.filterwarnings("ignore", category=DeprecationWarning)  # dateparser's own
    for form in forms:
        run(args.folders, args.truth, args.details, form)


if __name__ == "__main__":
    main()
