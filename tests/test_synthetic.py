"""The synthetic archives the tests and benchmarks generate (docket_archive/synthetic.py): fictional,
and always within what `docket check` accepts, whatever their size and shape."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docket_archive import synthetic


def test_fewer_letters_than_cases_leaves_the_other_cases_empty(tmp_path: Path) -> None:
    root = synthetic.generate(tmp_path / "letters", 3, cases=10)
    assert len(list(root.glob("synthetic-case-*/*.md"))) == 3


def test_a_case_too_long_for_two_weekly_letters_is_squeezed_into_the_years_check_accepts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real limit (2189) needs 100,000 letters to reach; a near one shows the same squeeze.
    monkeypatch.setattr(synthetic, "_LAST_DAY", date(2016, 1, 1))
    root = synthetic.generate(tmp_path / "letters", 300, cases=1)
    days = sorted(date.fromisoformat(path.name[:10]) for path in root.glob("synthetic-case-001/*.md"))
    assert len(days) == 300
    assert days[-1] <= date(2016, 1, 1)
    assert len(set(days)) < len(days)  # several letters a day where need be
