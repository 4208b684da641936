"""The chain archive (tests/chain_archive.py), grown for following cases: a
fourth letter that sets a report, a hearing with a time and a deadline, a
letter from "the other side" whose values try formula and script injection,
and case beta closed. Fictional: every letter says it is synthetic."""

from __future__ import annotations

from pathlib import Path

from chain_archive import FINANCING, FIRST, SECOND, THIRD, _letter, write_chain_archive

HOSTILE = "2020-02-10-letter-from-objector"
FOURTH = "2020-02-17-status-letter"
ALPHA = [FIRST, SECOND, FINANCING, THIRD, HOSTILE, FOURTH]  # oldest first
HOSTILE_TITLE = '=HYPERLINK("http://attacker.invalid","Objection")'
HOSTILE_SUMMARY = "+SUM(A1) SYNTHETIC. </script><!-- not a comment -->"
CLOSED_ON = "2021-03-20"


def write_follow_archive(root: Path) -> Path:
    write_chain_archive(root)
    with (root / "beta" / "case.yml").open("a", encoding="utf-8") as case:
        case.write(f"status: closed\nstatus_date: {CLOSED_ON}\n")
    _letter(
        root,
        "alpha",
        HOSTILE,
        {
            "title": HOSTILE_TITLE,
            "type": "letter",
            "authors": [{"person": "emery-stubbs-4", "firm": "-Objectors LLP"}],
            "addressee": "judge-testwood",
            "summary": HOSTILE_SUMMARY,
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. We object.\n\nEmery Stubbs\n",
    )
    _letter(
        root,
        "alpha",
        FOURTH,
        {
            "title": "Fourth status letter",
            "type": "joint status letter",
            "sequence": 4,
            "authors": [{"person": "casey-fixture-2", "on_behalf_of": ["the parties"]}],
            "addressee": "judge-testwood",
            "summary": "SYNTHETIC. A conference is set and a response is due.",
            "hearings": [{"date": "2020-02-25", "time": "11:00", "what": "status conference"}],
            "deadlines": [{"date": "2020-02-28", "what": "Committee's response to the proposal"}],
            "next_report_due": "2020-03-02",
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. The Court has scheduled a status conference for"
        " February 25, 2020 at 11:00 a.m. The Committee will respond to the proposal by February 28, 2020."
        "\n\nThe parties will submit a further status report in two weeks.\n\nRespectfully submitted,"
        "\n\nCasey Fixture\n",
    )
    return root
