"""Letters of any court: one letter in two cases, signers with roles and the office
they sign for, groups in cc, relief, enclosures, endorsement, hearings, deadlines
and docket numbers, on real MkDocs pages. Every letter here is synthetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_repo_site, mkdocs_build
from docket_archive import synthetic
from docket_archive.load.archive import load_archive
from htmltools import element, links, page, resolve, section, text

TWO_CASES = "alpha/2020-05-04-joint-letter"


def write_archive(root: Path) -> Path:
    synthetic.write_registries(root, ["alpha", "beta"], synthetic.people())
    front = {
        "title": "Joint letter in both cases",
        "date": "2020-05-04",
        "case": ["alpha", "beta"],
        "type": "joint letter",
        "authors": [
            {"person": "casey-fixture-2", "role": "Assistant United States Attorney"},
            {"person": "emery-stubbs-4", "role": "Assistant United States Attorney"},
        ],
        "signed_for": {"person": "devon-mockridge-3", "role": "United States Attorney"},
        "addressee": ["judge-testwood", "alex-testwood-0"],
        "cc": [
            {"name": "All Counsel of Record", "via": "ECF"},
            {"person": "finley-dummett-5", "role": "ASA", "enclosure": True},
        ],
        "delivery": "ECF",
        "summary": "SYNTHETIC. Asks for a conference in both cases.",
        "relief_requested": ["status conference"],
        "enclosures": ["Proposed order"],
        "endorsement": {"text": "SO ORDERED", "kind": "so ordered", "date": "2020-05-06", "by": "judge-testwood"},
        "hearings": [{"date": "2020-06-01", "time": "11:00", "what": "status conference"}],
        "deadlines": [{"date": "2020-05-15", "what": "responses to the motion"}],
        "references": {
            "docket": [
                {"text": "Dkt. No. 76", "number": "76"},
                {"text": "Beta Dkt. 12", "number": "12", "case": "beta"},
            ]
        },
    }
    body = (
        "Dear Judges Testwood:\n\nSYNTHETIC TEST LETTER. See Dkt. No. 76.\n\nRespectfully submitted,\n\nCasey Fixture\n"
    )
    (root / "alpha" / "2020-05-04-joint-letter.md").write_text(synthetic.letter_text(front, body), "utf-8")
    return root


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("shapes")
    return mkdocs_build(copy_repo_site(tmp, write_archive(tmp / "letters-src")))


def test_the_model_holds_every_shape(tmp_path: Path) -> None:
    archive, problems = load_archive(write_archive(tmp_path / "letters"))
    assert not problems.errors, [str(p) for p in problems.errors]
    [letter] = archive.letters
    assert letter.cases == ("alpha", "beta") and letter.case == "alpha"
    assert [a.role for a in letter.authors] == ["Assistant United States Attorney"] * 2
    assert letter.signed_for and letter.signed_for.person == "devon-mockridge-3"
    assert letter.addressees == ("judge-testwood", "alex-testwood-0")
    assert [(c.person, c.name, c.enclosure) for c in letter.cc] == [
        ("", "All Counsel of Record", False),
        ("finley-dummett-5", "", True),
    ]
    assert letter.endorsement and letter.endorsement.date and letter.endorsement.date.isoformat() == "2020-05-06"
    assert [(h.date.isoformat(), h.time) for h in letter.hearings] == [("2020-06-01", "11:00")]
    assert [(r.number, r.case, r.date) for r in letter.docket_references] == [
        ("76", "alpha", None),
        ("12", "beta", None),
    ]
    assert archive.letters_of_case("beta") == (letter,)


def test_a_letter_in_two_cases_is_on_both_timelines(shapes_site: Path) -> None:
    for case in ("alpha", "beta"):
        timeline = section(page(shapes_site, f"cases/{case}"), "timeline")
        assert f"letters/{TWO_CASES}" in [resolve(f"cases/{case}/", href) for href, _ in links(timeline)]


def test_the_card_shows_every_shape(shapes_site: Path) -> None:
    card = text(element(page(shapes_site, f"letters/{TWO_CASES}"), "docket-card")).replace(" ,", ",").replace(" :", ":")
    for words in (
        "Casey Fixture, Assistant United States Attorney",
        "Signed for Devon Mockridge, United States Attorney",
        "All Counsel of Record (via ECF)",
        "Finley Dummett, ASA, with enclosure",
        "Asks for status conference",
        "Enclosures Proposed order",
        "Endorsed “SO ORDERED” (so ordered), Pat Testwood, May 6, 2020",
        "Hearing June 1, 2020 at 11:00: status conference",
        "Deadline May 15, 2020: responses to the motion",
    ):
        assert words in card, words
    assert card.count("Case In re") == 2


def test_docket_numbers_are_listed_with_their_case(shapes_site: Path) -> None:
    references = text(section(page(shapes_site, f"letters/{TWO_CASES}"), "references"))
    # An entry case.yml does not list is still an entry of its case's docket: linked there, by number.
    assert "Dkt. No. 76 : ECF No. 76" in references
    assert "Beta Dkt. 12 : ECF No. 12" in references
    html = page(shapes_site, f"letters/{TWO_CASES}")
    assert 'href="../../../cases/alpha/#docket-76"' in html and 'href="../../../cases/beta/#docket-12"' in html
