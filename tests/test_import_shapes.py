"""Each shape that made unseen letters fail (issue 21), on a fictional letter of that shape.

Every letter here is invented (the parties, people, firms and numbers: years 99, 555-01xx phones) and
says "SYNTHETIC TEST LETTER"; none is a copy of a real letter. A shape is tested on what the importer
must do with it: read the field, or leave it under `review:` saying why, and never refuse the letter.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from docket_archive.importer import plan_import
from docket_archive.importer.extract import extract
from docket_archive.importer.plan import removed_summary
from importtools import synthetic_letter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # dateparser's own, not ours

RUN_ON = (
    "SYNTHETIC TEST LETTER Quillon & Ferris LLP 12 Example Plaza New York, NY 10999 June 3, 2099 VIA ECF "
    "The Honorable Odette P. Marchbank United States District Judge Southern District of New York 500 Example "
    "Street New York, NY 10999 Re: Testwood Holdings v. Samplesby Corp., 99-cv-04321 (OPM) Dear Judge Marchbank, "
    "We write on behalf of all parties to ask that the conference set for June 20, 2099 be adjourned to a date "
    "convenient for the Court. Respectfully submitted, /s/ Imogen Quillon Imogen Quillon cc: All counsel (via ECF)"
)


def test_a_salutation_ending_in_a_comma_inside_a_run_on_page() -> None:
    found = extract(RUN_ON)
    assert found.date == datetime.date(2099, 6, 3)
    assert [c.key for c in found.cases] == ["99-cv-04321"]
    assert [a.name for a in found.authors] == ["Imogen Quillon"]
    assert found.on_behalf_of == ["all parties"] and found.relief_requested == ["adjournment"]
    assert found.body.startswith("Dear Judge Marchbank,")


def test_a_date_whose_digits_ocr_split() -> None:
    found = extract(synthetic_letter(date="05/31 /2099"))
    assert found.date == datetime.date(2099, 5, 31) and "date" not in found.review


def test_no_re_line_takes_the_number_from_the_text_and_says_so() -> None:
    letter = synthetic_letter(
        re_line="", body="SYNTHETIC TEST LETTER. In Testwood v. Samplesby, 99-cv-00777, we write."
    )
    found = extract(letter)
    assert [c.key for c in found.cases] == ["99-cv-00777"] and "taken from the letter's text" in found.review["case"]


def test_two_numbers_in_one_label() -> None:
    found = extract(synthetic_letter(re_line="Re: Testwood v. Samplesby, Nos. 99-cv-1 and 99-cv-2 (AQF)"))
    assert [c.key for c in found.cases] == ["99-cv-00001", "99-cv-00002"]


@pytest.mark.parametrize("label", ["Index No. 654321/2099", "Ind. No. 4321/2099"])
def test_a_state_index_number_and_a_new_york_supreme_court_addressee(label: str) -> None:
    found = extract(
        synthetic_letter(
            delivery="VIA NYSCEF",
            addressee=(
                "Hon. Rosalind T. Ambervale\nJustice, Supreme Court of the State of New York\nNew York County, Part 99\n"
                "60 Example Square\nNew York, New York 10999"
            ),
            re_line=f"Re: Testwood Realty LLC v. Samplesby Corp., {label}",
            salutation="Dear Justice Ambervale:",
        )
    )
    assert found.cases[0].kind == "state" and found.captions == ["Testwood Realty LLC v. Samplesby Corp."]
    assert found.court == "nysupctnewyork" and "court" not in found.review
    assert found.delivery == "NYSCEF"


def test_a_letter_whose_only_date_is_its_filing_stamp_is_written_with_that_date_flagged(tmp_path: Path) -> None:
    letter = "Case 1:21-cv-04321-OPM Document 31 Filed 06/04/21 Page 1 of 1\n" + synthetic_letter(date="")
    source = tmp_path / "undated.txt"
    source.write_text(letter)
    root = tmp_path / "letters"
    root.mkdir()
    plan = plan_import(source, root)
    assert plan.extraction.date == datetime.date(2021, 6, 4)
    assert "filing date" in plan.review["date"]
    assert plan.fields["docket_entry"] == {"number": "31", "filed": plan.extraction.date.isoformat()}


def test_an_endorsement_interleaved_with_the_heading_keeps_its_own_date() -> None:
    letter = synthetic_letter(
        date="March 2, 2021\n\nMEMO ENDORSED\nApplication GRANTED. SO ORDERED 03/09/2021\nAda Q. Fictional, U.S.D.J.",
    )
    found = extract(letter)
    assert found.date == datetime.date(2021, 3, 2)
    assert found.endorsement is not None and found.endorsement["date"] == "2021-03-09"
    assert found.endorsement["by"] == "Ada Q. Fictional"
    assert [a.name for a in found.addressees] == ["Ada Q. Fictional"]
    assert "SO ORDERED" not in found.body


@pytest.mark.parametrize(
    "stamp",
    [
        "USDC SDNY\nDOCUMENT\nELECTRONICALLY FILED\nDOC #: ____\nDATE FILED: 3/9/2021",
        "FILED: NEW YORK COUNTY CLERK 03/02/2021 10:15 AM INDEX NO. 654321/2099\nNYSCEF DOC. NO. 41\n"
        "RECEIVED NYSCEF: 03/02/2021",
        "03/02/2021 15:41 FAX 555 0142 SYNTHETIC LAW LLP @002/004",
        "Mar-02-21 03:41pm From-SYNTHETIC LAW LLP +5550142 T-512 P.002/004 F-301",
    ],
)
def test_clerks_e_filing_stamps_and_fax_headers_are_furniture_wherever_they_sit(stamp: str) -> None:
    found = extract(synthetic_letter(head=stamp + "\n\nSYNTHETIC LAW LLP\n100 Example Street\nNew York, NY 10001"))
    assert found.date == datetime.date(2021, 3, 2) and found.firm == "Synthetic Law LLP"
    assert [a.name for a in found.addressees] == ["Ada Q. Fictional"]
    shown = removed_summary(found.removed)
    assert all(f"'{line.strip()}'" in shown for line in stamp.splitlines())


def test_an_e_filing_stamp_gives_the_letters_docket_entry() -> None:
    found = extract(synthetic_letter(head="NYSCEF DOC. NO. 41\nRECEIVED NYSCEF: 03/02/2021\n\nSYNTHETIC LAW LLP"))
    assert found.docket_entry is not None and (found.docket_entry.number, str(found.docket_entry.filed)) == (
        "41",
        "2021-03-02",
    )


def test_a_letter_with_no_closing_names_the_writer_its_letterhead_names() -> None:
    found = extract(
        synthetic_letter(
            head="SYNTHETIC LAW LLP\n100 Example Street\nNew York, NY 10001\nPatricia Q. Example Direct Dial: 555-0142",
            closing="",
            signature="",
            cc="",
        )
    )
    assert [a.name for a in found.authors] == ["Patricia Q. Example"] and "letterhead" in found.review["authors"]
    assert found.firm == "Synthetic Law LLP"


def test_the_firm_is_never_guessed_from_the_signers_surname() -> None:
    found = extract(
        synthetic_letter(head="EXAMPLEBURG TRIAL ATTORNEYS\n100 Example Street", signature="Pat Exampleburg")
    )
    assert found.firm == "" and "no firm found" in found.review["authors"]


@pytest.mark.parametrize(
    "sentence, party",
    [
        (
            "We represent defendants Testwood Inc. and Samplesby LLC in this action.",
            "defendants Testwood Inc. and Samplesby LLC",
        ),
        ("We are counsel for the City Defendants in the above-referenced matter.", "the City Defendants"),
        (
            "I am an Assistant Corporation Counsel, attorney for Plaintiff Testwood. I write briefly.",
            "Plaintiff Testwood",
        ),
        ("I write on behalf of all parties to report on discovery.", "all parties"),
    ],
)
def test_on_whose_behalf(sentence: str, party: str) -> None:
    found = extract(synthetic_letter(body=f"SYNTHETIC TEST LETTER. {sentence} The parties conferred."))
    assert found.on_behalf_of == [party]


@pytest.mark.parametrize(
    "line, way",
    [("VIA NYSCEF", "NYSCEF"), ("By Facsimile", "fax"), ("VIA ECF/EMAIL", "ECF and e-mail"), ("BY HAND", "hand")],
)
def test_delivery_lines(line: str, way: str) -> None:
    assert extract(synthetic_letter(delivery=line)).delivery == way


def test_relative_dates_count_from_the_letters_date() -> None:
    found = extract(
        synthetic_letter(
            date="March 10, 2021",
            body="SYNTHETIC TEST LETTER. Yesterday, the Court ordered the parties to confer. We will submit a further "
            "status report within 14 days.",
        )
    )
    assert [r.date for r in found.docket_refs] == [datetime.date(2021, 3, 9)]
    assert found.next_report_due == datetime.date(2021, 3, 24)


def test_a_filing_header_gives_the_letters_own_docket_entry_and_bates_numbers_are_furniture() -> None:
    letter = synthetic_letter().replace(
        "Dear Judge Fictional:",
        "Dear Judge Fictional:\n\nCase 1:21-cr-00123-AQF Document 20 Filed 03/03/21 Page 1 of 2",
    )
    found = extract(letter + "\nSYNTH-0000123\n")
    assert found.docket_entry is not None
    assert (found.docket_entry.number, found.docket_entry.filed) == ("20", datetime.date(2021, 3, 3))
    assert found.docket_entry.case_text == "Case 1:21-cr-00123-AQF"
    assert "Document 20" not in found.body and "SYNTH-0000123" not in found.body


def test_a_cited_case_is_never_the_letters_case(tmp_path: Path) -> None:
    letter = synthetic_letter(
        re_line="",
        body="SYNTHETIC TEST LETTER. As Testwood v. Samplesby, 999 F.3d 123, 125 (2d Cir. 2099) holds, the motion fails.",
    )
    found = extract(letter)
    assert found.cases == [] and "no case number found" in found.review["case"]


def test_a_letter_with_no_case_number_is_written_under_a_proposed_case(tmp_path: Path) -> None:
    source = tmp_path / "unnumbered.txt"
    source.write_text(synthetic_letter(re_line="Re: Status of settlement discussions"))
    root = tmp_path / "letters"
    root.mkdir()
    plan = plan_import(source, root)
    assert plan.letter_path.parent.name == "case-without-a-number"
    assert "--case KEY" in plan.review["case"] and "new case" in plan.review


def test_an_endorsement_in_a_column_beside_the_heading() -> None:
    """OCR of a page endorsed in its margin: the endorsement's words sit to the right of the date and addressee."""
    heading = (
        "May 5, 2099                                        MEMO ENDORSED\n\nVIA ECF\n"
        "Hon. Jonas G. Kestrel                              The conference is adjourned to\n"
        "United States District Judge                       June 10, 2099 at 4:30 p.m.\n"
        "Southern District of New York                      SO ORDERED.\n"
        "500 Example Street                                 /s/ Jonas G. Kestrel\n"
        "New York, NY 10999                                 May 6, 2099"
    )
    found = extract(
        synthetic_letter(
            date=heading, delivery="", addressee="", re_line="Re: Testwood v. Samplesby, 99 Civ. 5555 (JGK)"
        )
    )
    assert found.date == datetime.date(2099, 5, 5) and found.court == "nysd"
    assert [a.name for a in found.addressees] == ["Jonas G. Kestrel"]
    assert found.endorsement is not None
    assert (found.endorsement["date"], found.endorsement["by"]) == ("2099-05-06", "Jonas G. Kestrel")
    assert "adjourned to" not in found.body and "endorsement" not in found.review
