"""Golden files: every page build_pages makes of the chain archive, byte for byte.

A change to a template or builder shows here as a diff of the generated pages,
to be read in review. After an intended change, regenerate with

    .venv/bin/pytest tests/test_golden.py --update-golden

and commit tests/golden/ with the change.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from chain_archive import write_chain_archive
from docket_archive.load.archive import load_archive
from docket_archive.site.build import build_pages

GOLDEN = Path(__file__).with_name("golden") / "chain"


def generated(tmp_path: Path) -> dict[str, bytes]:
    archive, problems = load_archive(write_chain_archive(tmp_path / "letters"))
    assert not problems.errors
    site = build_pages(archive, date(2021, 3, 10))
    out = {path: page.markdown.encode("utf-8") for path, page in site.pages.items()}
    out.update(site.assets)
    # The courts for a new case are courts-db's, as installed: tests/test_add_letter_form.py reads them.
    del out["data/courts.json"]
    return out


def test_build_pages_matches_the_golden_files(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    pages = generated(tmp_path)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, content in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(content)
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(golden), "pages added or removed: run with --update-golden and review"
    changed = [path for path in pages if pages[path] != golden[path]]
    assert changed == [], f"pages differ from tests/golden/chain: {changed} (run with --update-golden and review)"
