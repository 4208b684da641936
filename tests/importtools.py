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
