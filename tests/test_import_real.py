"""Real letters against the ground truth written by reading them: right, or flagged for review, never silently wrong."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import SEED
from docket_archive.importer import plan_import
from docket_archive.importer.accuracy import FIELDS, differences, score
from importtools import REAL_LETTERS, real_letters, sources, truth_file

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # dateparser's own, not ours


def _truth(source: Path) -> dict:
    return yaml.safe_load(truth_file(source).read_text("utf-8"))


@pytest.fixture
def empty_root(tmp_path: Path) -> Path:
    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n")
    return root


def test_every_real_letter_has_ground_truth() -> None:
    if not real_letters():
        pytest.skip(f"{REAL_LETTERS} is absent")
    assert all(truth_file(p).is_file() for p in [SEED, *real_letters()])


@pytest.mark.parametrize("source", sources())
def test_no_field_is_silently_wrong(source: Path, empty_root: Path) -> None:
    plan = plan_import(source, empty_root)
    outcome = score(plan, _truth(source))
    wrong = {name: got_want for name, got_want in differences(plan, _truth(source)).items() if outcome[name] == "wrong"}
    assert not wrong, f"{source.name}: wrong and not flagged for review: {wrong}"


def test_at_least_nine_fields_in_ten_are_right(empty_root: Path) -> None:
    letters = real_letters()
    if not letters:
        pytest.skip(f"{REAL_LETTERS} is absent")
    total: Counter = Counter()
    for source in [SEED, *letters]:
        total.update(score(plan_import(source, empty_root), _truth(source)).values())
    assert sum(total.values()) == len(FIELDS) * (len(letters) + 1)
    assert total["right"] / sum(total.values()) >= 0.9, total
