"""Accuracy of `docket import` on real letters, against ground truth written by reading them.

Imports each letter of the given folders (nothing is written: the import is
planned against an empty archive in a temporary folder), compares every field
with tests/import_truth/<letter's file stem>.yml, and prints Markdown tables:
per field and per letter, right / flagged for review / wrong, and how many of
the right ones were flagged all the same (inferred from wording: a person
confirms them). Letters without a truth file are skipped with a note.

    .venv/bin/python scripts/benchmarks/import_accuracy.py ../shared/real-letters ../shared/seed
    .venv/bin/python scripts/benchmarks/import_accuracy.py --details ../shared/real-letters
    .venv/bin/python scripts/benchmarks/import_accuracy.py tests/import_synthetic --truth tests/import_synthetic

(the last: fictional letters with their truth beside them, in-sample for the importer's fixes).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from docket_archive.importer import ExtractionError, plan_import
from docket_archive.importer.accuracy import FIELDS, differences, flagged, score

TRUTH = Path(__file__).resolve().parents[2] / "tests" / "import_truth"
OUTCOMES = ("right", "flagged", "wrong")
CHECKED = "right, flagged"  # right, and under review all the same


def letters_in(folders: list[Path]) -> list[Path]:
    return sorted(p for folder in folders for p in folder.iterdir() if p.is_file() and p.suffix in {".txt", ".pdf"})


def score_letter(letter: Path, truth: dict, root: Path, details: bool) -> Counter:
    """One letter's outcome per field, and how many right fields were flagged all the same."""
    try:
        plan = plan_import(letter, root)
    except ExtractionError as error:
        print(f"<!-- {letter.name}: import refused: {error} -->", file=sys.stderr)
        return Counter({f"{name}:wrong": 1 for name in FIELDS})
    outcome = score(plan, truth)
    if details:
        for name, (got, want) in differences(plan, truth).items():
            print(f"<!-- {letter.name} {name} ({outcome[name]}): got {got!r}, truth {want!r} -->")
    counts = Counter(f"{name}:{result}" for name, result in outcome.items())
    counts.update(f"{name}:{CHECKED}" for name in flagged(plan) if outcome[name] == "right")
    return counts


def run(folders: list[Path], truth_dir: Path, details: bool) -> Counter:
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
            counts = score_letter(letter, yaml.safe_load(truth_file.read_text("utf-8")), root, details)
            row: Counter = Counter()
            for key, number in counts.items():
                name, result = key.split(":", 1)
                per_field[name][result] += number
                row[result] += number
            rows.append((letter.name, row))
    total = sum(per_field.values(), Counter())
    print_tables(per_field, rows, total)
    return total


def _cells(counts: Counter) -> str:
    n = sum(counts[o] for o in OUTCOMES) or 1
    return " | ".join(f"{counts[o]}" for o in OUTCOMES) + f" | {100 * counts['right'] / n:.0f}% | {counts[CHECKED]}"


HEADER = "| {} | right | flagged for review | wrong | accuracy | of the right, flagged all the same |\n|---|---:|---:|---:|---:|---:|"


def print_tables(per_field: dict[str, Counter], rows: list, total: Counter) -> None:
    print(HEADER.format("field"))
    for name, counts in per_field.items():
        print(f"| {name} | {_cells(counts)} |")
    print(f"| **all fields** | {_cells(total)} |\n")
    print(HEADER.format("letter"))
    for name, counts in rows:
        print(f"| {name} | {_cells(counts)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of letters (.txt, .pdf)")
    parser.add_argument("--truth", type=Path, default=TRUTH, help="folder of ground-truth files")
    parser.add_argument("--details", action="store_true", help="print each field that is not right")
    args = parser.parse_args()
    missing = [str(f) for f in args.folders if not f.is_dir()]
    if missing:
        parser.error(f"no such folder: {', '.join(missing)}")
    run(args.folders, args.truth, args.details)


if __name__ == "__main__":
    main()
