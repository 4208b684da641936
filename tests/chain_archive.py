"""A small fictional archive for site tests: two cases, a chain of letters that
cite each other, a reference to a letter that is not archived, a person named by
an alias, and an original file. Every letter says it is synthetic."""

from __future__ import annotations

import hashlib
from pathlib import Path

from docket_archive import synthetic

FIRST, SECOND, THIRD = "2020-01-06-status-letter", "2020-01-20-status-letter", "2020-02-03-status-letter"
FINANCING = "2020-02-03-letter-on-financing"  # same day as THIRD; letters of one day sort by id
ALPHA = [FIRST, SECOND, FINANCING, THIRD]  # the case's order
BETA = ["2021-03-01-status-letter"]


def _letter(root: Path, case: str, stem: str, front: dict, body: str) -> None:
    front = {"title": front.pop("title"), "date": stem[:10], "case": case, **front}
    (root / case / f"{stem}.md").write_text(synthetic.letter_text(front, body), "utf-8")


def write_chain_archive(root: Path) -> Path:
    synthetic.write_registries(root, ["alpha", "beta"], synthetic.people())
    author = {"person": "casey-fixture-2", "on_behalf_of": ["the parties"]}
    original = b"SYNTHETIC TEST LETTER original text\n"
    (root / "alpha" / "originals").mkdir()
    (root / "alpha" / "originals" / "2020-01-06-status-letter.txt").write_bytes(original)
    _letter(
        root,
        "alpha",
        FIRST,
        {
            "title": "First status letter",
            "type": "joint status letter",
            "sequence": 1,
            "authors": [author],
            "addressee": "judge-testwood",
            "cc": [{"person": "devon-mockridge-3", "via": "e-mail"}],
            "delivery": "ECF",
            "summary": "SYNTHETIC. Mediation begins.",
            "tags": ["mediation"],
            "references": {
                "docket": [{"text": "the Court's January 15, 2020 order regarding mediation", "date": "2020-01-15"}]
            },
            "next_report_due": "2020-01-20",
            "original": {
                "path": "originals/2020-01-06-status-letter.txt",
                "sha256": hashlib.sha256(original).hexdigest(),
            },
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. As the Court's January 15, 2020 order regarding mediation requires, the parties report that mediation begins.\n\nRespectfully submitted,\n\nCasey Fixture\n",
    )
    _letter(
        root,
        "alpha",
        SECOND,
        {
            "title": "Second status letter",
            "type": "joint status letter",
            "sequence": 2,
            "authors": [author],
            "addressee": "Judge Testwood",
            "summary": "SYNTHETIC. No change.",
            "tags": ["mediation", "financing"],
            "references": {
                "letters": [{"text": "the first joint status letter dated January 6, 2020", "date": "2020-01-06"}]
            },
            "next_report_due": "2020-02-03",
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. There has been no change since the first joint status letter dated January 6, 2020. Our counter-proposal stands.\n\nRespectfully submitted,\n\nCasey Fixture\n",
    )
    _letter(
        root,
        "alpha",
        THIRD,
        {
            "title": "Third status letter",
            "type": "joint status letter",
            "sequence": 3,
            "authors": [author],
            "addressee": "judge-testwood",
            "summary": "SYNTHETIC. Still no change.",
            "references": {
                "letters": [
                    {"text": "the second status letter", "date": "2020-01-20"},
                    {"text": "the committee's letter of December 2, 2019", "date": "2019-12-02"},
                ]
            },
            "next_report_due": "2020-02-17",
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. As reported in our status letter dated January 20, 2020, and in the committee's letter of December 2, 2019, nothing has changed.\n\nRespectfully submitted,\n\nCasey Fixture\n",
    )
    _letter(
        root,
        "alpha",
        FINANCING,
        {
            "title": "Letter on financing",
            "type": "letter",
            "authors": [{"person": "emery-stubbs-4"}],
            "addressee": "judge-testwood",
            "summary": "SYNTHETIC. Financing terms.",
            "tags": ["financing"],
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER about financing.\n\nEmery Stubbs\n",
    )
    _letter(
        root,
        "beta",
        BETA[0],
        {
            "title": "Beta status letter",
            "type": "status letter",
            "sequence": 1,
            "authors": [{"person": "emery-stubbs-4"}],
            "addressee": "judge-testwood",
            "summary": "SYNTHETIC. A sale is planned.",
            "tags": ["sale"],
            "next_report_due": "2021-03-15",
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. The sale process starts.\n\nEmery Stubbs\n",
    )
    return root
