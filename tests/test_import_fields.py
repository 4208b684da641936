"""The shapes real letters taught the importer, each on a fictional letter or a single line."""

from __future__ import annotations

import pytest

from docket_archive.importer import extract
from docket_archive.importer.court import choose_court
from docket_archive.importer.heading import delivery
from docket_archive.importer.signature import read_cc
from docket_archive.law import casenumbers
from importtools import synthetic_letter


@pytest.mark.parametrize(
    "one, other",
    [
        ("19-cr-725 (JPO)", "1:19-cr-00725-JPO"),
        ("20 Cr. 330 (AJN)", "1:20-cr-00330-AJN"),
        ("20 Cr. 330 (AJN)", "20 Cr. 330 (PAE)"),  # reassigned to another judge: the same case
        ("19 cr. 830 (AT)", "19-CR-830"),
        ("4:19-cv-06669-JST-DMR", "19 Civ. 6669"),
        ("Civil Action No. 17-cv-1998", "1:17-cv-01998"),
        ("2006CF009454A", "2006 CF 009454 A"),
        ("08-11153 (MG)", "Case No. 08-11153"),
        ("21 Mag. 4335", "1:21-mj-04335"),
        ("MDL No. 2804", "mdl 2804"),
    ],
)
def test_case_numbers_compare_equal_however_written(one: str, other: str) -> None:
    assert casenumbers.same_case(one, other)


@pytest.mark.parametrize(
    "one, other",
    [
        ("19-cr-725", "19-cv-725"),
        ("19-cr-725", "20-cr-725"),
        ("2006CF009454A", "2006CF009454B"),
        ("08-11153", "08-11154"),
    ],
)
def test_different_cases_differ(one: str, other: str) -> None:
    assert not casenumbers.same_case(one, other)


@pytest.mark.parametrize(
    "text", ["Tel: (212) 637-2324", "Filed 12/01/20", "561.684.6500", "No.: 17-295", "RFP Nos. 35-47"]
)
def test_phone_numbers_and_dates_are_no_case_numbers(text: str) -> None:
    assert casenumbers.find_all(text) == []


def test_kinds_and_judges_are_read() -> None:
    number = casenumbers.parse("4:19-cv-06669-JST-DMR")
    assert number is not None and (number.kind_name, number.judges, number.office) == ("civil", ("JST", "DMR"), "4")
    bankruptcy = casenumbers.parse("08-11153 (MG)")
    assert bankruptcy is not None and bankruptcy.is_bankruptcy


def test_court_choice_is_the_same_whatever_order_courts_db_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    import courts_db

    criminal, bankruptcy = casenumbers.parse("19-cr-725"), casenumbers.parse("08-11153")
    for order in (["nysd", "nysb"], ["nysb", "nysd"]):
        monkeypatch.setattr(courts_db, "find_court", lambda text, order=order: list(order))
        assert choose_court(["Southern District of New York"], criminal)[::2] == ("nysd", "")
        assert choose_court(["Southern District of New York"], bankruptcy)[::2] == ("nysb", "")
        court, candidates, why = choose_court(["Southern District of New York"], None)
        assert (court, candidates) == ("nysb", ["nysb", "nysd"]) and "nysb, nysd" in why  # ambiguous: flagged


def test_no_court_found_is_flagged() -> None:
    assert choose_court(["Palm Beach County Courthouse"], casenumbers.parse("2006CF009454A"))[0] == ""
    found = extract(
        synthetic_letter(addressee="The Honorable Ada Q. Fictional\nCircuit Court Judge\nSome County Courthouse")
    )
    assert found.court == "" and "court" in found.review


@pytest.mark.parametrize(
    "line, how",
    [
        ("BY FEDEX", "FedEx"),
        ("FILED VIA ECF", "ECF"),
        ("(By E-Mail)", "e-mail"),
        ("VIA HAND DELIVERY", "hand"),
        ("Via ECF and Email", "ECF and e-mail"),
    ],
)
def test_delivery_lines(line: str, how: str) -> None:
    assert delivery([line]) == how


def test_noisy_ocr_date_line() -> None:
    found = extract(synthetic_letter(date='LULL», "March 27, 2020 pe |'))
    assert found.date.isoformat() == "2020-03-27"


def test_office_head_above_by_and_the_assistants_who_sign() -> None:
    found = extract(
        synthetic_letter(
            signature="SYNTHETIC HEAD\nActing United States Attorney\n\nBy: s/\nPat Example / Robin Sample\nAssistant United States Attorneys\nTel: (212) 555-0100"
        )
    )
    assert found.signed_for is not None
    assert (found.signed_for.name, found.signed_for.role) == ("Synthetic Head", "Acting United States Attorney")
    assert [(a.name, a.role) for a in found.authors] == [
        ("Pat Example", "Assistant United States Attorney"),
        ("Robin Sample", "Assistant United States Attorney"),
    ]


@pytest.mark.parametrize(
    "signature, names",
    [
        ("_______/S/______\nPat Example\nCo-counsel to Sam Client", ["Pat Example"]),
        ("SYNTHETIC & SAMPLE LLC\nPat Q. Example\nPAT Q. EXAMPLE\npat@example.invalid", ["Pat Q. Example"]),
        (
            "/s/Pat Example\n\nPat Example\n\nVery truly yours,\n\n/s/Robin Sample\n\nRobin Sample",
            ["Pat Example", "Robin Sample"],
        ),
    ],
)
def test_signature_blocks(signature: str, names: list[str]) -> None:
    found = extract(synthetic_letter(signature=signature))
    assert [a.name for a in found.authors] == names


def test_a_signature_firm_line_is_the_firm_and_a_role_gives_whom_the_signer_acts_for() -> None:
    firm = extract(synthetic_letter(signature="SYNTHETIC & SAMPLE LLC\nPat Q. Example"))
    assert firm.firm == "Synthetic & Sample LLC"
    behalf = extract(synthetic_letter(signature="/s/\nPat Example\nCo-counsel to Sam Client"))
    assert behalf.authors[0].on_behalf_of == ["Sam Client"]


def test_cc_groups_roles_ways_and_enclosures() -> None:
    copies = read_cc(
        [
            "cc: All Counsel of Record (By ECF)",
            "Sam Prosecutor, ASA",
            "Robin Sample, Esq. (via Facsimile & U.S. Mail - w/ enclosure)",
        ]
    )
    assert [(c.name, c.group, c.role, c.via, c.enclosure) for c in copies] == [
        ("All Counsel of Record", True, "", "ECF", False),
        ("Sam Prosecutor", False, "Assistant State Attorney", "", False),
        ("Robin Sample", False, "", "fax and mail", True),
    ]


def test_a_letter_in_two_cases_to_two_judges() -> None:
    found = extract(
        synthetic_letter(
            addressee=(
                "The Honorable Ada Q. Fictional\nUnited States District Judge\nSouthern District of New York\n\n"
                "The Honorable Bo R. Imaginary\nUnited States District Judge\nSouthern District of New York"
            ),
            re_line="Re: United States v. Alpha Sample, 19 Cr. 1 (AQF)\nUnited States v. Beta Sample, 20 Cr. 2 (BRI)",
            salutation="Dear Judges Fictional and Imaginary:",
            body="SYNTHETIC TEST LETTER. As ordered (Alpha Dkt. 7; Beta Dkt. 70), the Government responds.",
        )
    )
    assert [c.key for c in found.cases] == ["19-cr-00001", "20-cr-00002"]
    assert [a.name for a in found.addressees] == ["Ada Q. Fictional", "Bo R. Imaginary"]
    assert [(r.label, r.number) for r in found.docket_refs] == [("Alpha", "7"), ("Beta", "70")]


def test_enclosures_named_or_flagged() -> None:
    named = extract(
        synthetic_letter(body="Enclosed please find a copy of the Synthetic Motion to Continue and a proposed Order.")
    )
    assert named.enclosures == ["Synthetic Motion to Continue", "proposed Order"] and named.type == "cover letter"
    unnamed = extract(synthetic_letter(signature="Pat Example\n\nencl."))
    assert unnamed.enclosures == [] and "enclosures" in unnamed.review


def test_requests_references_hearings_and_deadlines() -> None:
    found = extract(
        synthetic_letter(
            body=(
                "SYNTHETIC TEST LETTER. As noted in the Government's letter dated February 1, 2021, and pursuant to "
                "the Court's order dated February 10, 2021 (Dkt. No. 41), the parties were heard. "
                "I respectfully request that the trial be adjourned. "
                "We will be prepared to discuss this at the upcoming status conference on March 9, 2021 at 2:30 pm. "
                "Replies are due by April 1, 2021."
            )
        )
    )
    assert found.relief_requested == ["adjournment"]
    assert [r.date.isoformat() for r in found.letter_refs] == ["2021-02-01"]
    assert [(r.number, r.date and r.date.isoformat()) for r in found.docket_refs] == [("41", "2021-02-10")]
    assert [(h.date.isoformat(), h.time, h.what) for h in found.hearings] == [
        ("2021-03-09", "14:30", "status conference")
    ]
    assert [d.date.isoformat() for d in found.deadlines] == ["2021-04-01"]


def test_next_report_within_days_from_the_letter_date() -> None:
    found = extract(
        synthetic_letter(body="SYNTHETIC TEST LETTER. The parties will file a further status report within 30 days.")
    )
    assert found.next_report_due is not None and found.next_report_due.isoformat() == "2021-04-01"


def test_the_judges_endorsement_is_read_and_kept_out_of_the_text_and_cc() -> None:
    found = extract(
        synthetic_letter(
            cc=(
                "cc: All Counsel of Record (by ECF)\n\n"
                "Application GRANTED. The conference is adjourned to April 6, 2021.\nSO ORDERED.\n"
                "Dated: March 3, 2021\nNew York, New York\nAda Q. Fictional, U.S.D.J."
            )
        )
    )
    assert found.endorsement == {
        "text": "Application GRANTED. The conference is adjourned to April 6, 2021. SO ORDERED. Dated: March 3, 2021 New York, New York Ada Q. Fictional, U.S.D.J.",
        "kind": "memo endorsement",
        "date": "2021-03-03",
        "by": "Ada Q. Fictional",
    }
    assert [c.name for c in found.cc] == ["All Counsel of Record"] and "SO ORDERED" not in found.body
    assert "endorsement" not in found.review  # its text, date and judge were all read: nothing to doubt


def test_the_courts_filed_stamp_is_furniture() -> None:
    found = extract(
        synthetic_letter(
            head="SYNTHETIC LAW LLP\nUSDC SDNY\nDOCUMENT\nELECTRONICALLY FILED\nDOC #:\nDATE FILED: 3/3/21"
        )
    )
    assert {item.text for item in found.removed if item.kind == "court stamp"} == {
        "USDC SDNY",
        "DOCUMENT",
        "ELECTRONICALLY FILED",
        "DOC #:",
        "DATE FILED: 3/3/21",
    }


def test_a_letter_without_salutation_starts_after_the_re_lines() -> None:
    found = extract(synthetic_letter(salutation=""))
    assert found.body.startswith("SYNTHETIC TEST LETTER.") and "no salutation" in found.review["body"]


def test_an_addressee_named_judge_without_honorable() -> None:
    found = extract(
        synthetic_letter(
            addressee="Judge Ada Q. Fictional\nUnited States District Court\nSouthern District of New York"
        )
    )
    assert [a.name for a in found.addressees] == ["Ada Q. Fictional"] and found.court == "nysd"


@pytest.mark.parametrize(
    "text, key",
    [
        ("Index No. 654321/2020", "2020-IDX-654321"),
        ("Adv. Pro. No. 20-01234 (MG)", "20-ap-01234"),
        ("1:20-ap-01234", "20-ap-01234"),
    ],
)
def test_state_index_and_adversary_numbers(text: str, key: str) -> None:
    number = casenumbers.parse(text)
    assert number is not None and number.key == key


@pytest.mark.parametrize(
    "body, relief",
    [
        ("The Government writes to respectfully request a 30-day extension of the deadline.", ["extension of time"]),
        ("The defense requests leave to file a reply.", ["leave to file"]),
        ("This is a joint request to adjourn the conference.", ["adjournment"]),
    ],
)
def test_requests_written_in_other_ways(body: str, relief: list[str]) -> None:
    assert extract(synthetic_letter(body=f"SYNTHETIC TEST LETTER. {body}")).relief_requested == relief


def test_bar_numbers_esq_and_suffixes_in_a_signature() -> None:
    found = extract(
        synthetic_letter(
            signature="/s/ Pat de la Example (PE1234)\nPat de la Example, Esq.\nCounsel for Defendant Sam Client"
        )
    )
    assert [(a.name, a.on_behalf_of) for a in found.authors] == [("Pat de la Example", ["Defendant Sam Client"])]


CIVIL_LETTER = """SYNTHETIC & SAMPLE LLP
123 Example Street, New York, NY 10001 | (212) 555-0100

                                                                  April 3, 2022
VIA ECF

Hon. Ada Q. Fictional, U.S.D.J.
United States District Court
Eastern District of New York
225 Example Plaza
Brooklyn, New York 11201

        Re:     Sample v. Example Corp.,
                No. 1:21-cv-01234 (AQF) (BRI)

Dear Judge Fictional:

        SYNTHETIC TEST LETTER. We represent Plaintiff in the above-referenced action. We write, with
Defendant's consent, to respectfully request a thirty-day extension of the deadline to complete
fact discovery, from April 15, 2022 to May 16, 2022. The parties also request that the status
conference currently scheduled for April 20, 2022 at 10:00 a.m. be adjourned.

                                                  Respectfully submitted,

                                                  /s/ Pat Example
                                                  Pat Example
                                                  SYNTHETIC & SAMPLE LLP
                                                  Attorneys for Plaintiff

cc: All counsel of record (via ECF)
"""


def test_an_indented_civil_letter_of_another_district() -> None:
    found = extract(CIVIL_LETTER)
    assert (found.date.isoformat(), [c.key for c in found.cases], found.captions) == (
        "2022-04-03",
        ["21-cv-01234"],
        ["Sample v. Example Corp."],
    )
    assert (found.addressees[0].name, found.addressees[0].role, found.court) == (
        "Ada Q. Fictional",
        "United States District Judge",
        "nyed",
    )
    assert [(a.name, a.on_behalf_of) for a in found.authors] == [("Pat Example", ["Plaintiff"])]
    assert (found.firm, found.delivery, found.type) == ("Synthetic & Sample LLP", "ECF", "letter motion")
    assert set(found.relief_requested) == {"adjournment", "extension of time"}
    assert [(h.date.isoformat(), h.time) for h in found.hearings] == [("2022-04-20", "10:00")]
    assert [d.date.isoformat() for d in found.deadlines] == ["2022-04-15", "2022-05-16"]


def test_a_letter_dated_at_the_end() -> None:
    found = extract(synthetic_letter(date="", signature="Pat Example\n\nDated: New York, New York\nMarch 5, 2021"))
    assert found.date.isoformat() == "2021-03-05"


def test_a_case_number_only_in_the_text_is_taken_and_flagged() -> None:
    found = extract(
        synthetic_letter(
            re_line="", body="SYNTHETIC TEST LETTER. In United States v. Sample, 21 Cr. 123 (AQF), we write."
        )
    )
    assert [c.key for c in found.cases] == ["21-cr-00123"] and "taken from the letter's text" in found.review["case"]


@pytest.mark.parametrize(
    "signature, names, firm",
    [
        (
            "/s/ Pat Example\nPat Example\nAssistant Federal Defender",
            ["Pat Example"],
            "Federal Defenders of New York, Inc.",
        ),
        (
            "Pat Example\nThe Example Building\nOne Sample Square",
            ["Pat Example"],
            "Federal Defenders of New York, Inc.",
        ),
    ],
)
def test_roles_and_addresses_are_no_names(signature: str, names: list[str], firm: str) -> None:
    found = extract(
        synthetic_letter(head="Federal Defenders of New York, Inc.\n52 Example Street", signature=signature)
    )
    assert [a.name for a in found.authors] == names and found.firm == firm


def test_a_cc_role_before_the_name() -> None:
    assert [(c.name, c.role) for c in read_cc(["cc: AUSA Robin Sample (by email)"])] == [
        ("Robin Sample", "Assistant United States Attorney")
    ]


@pytest.mark.parametrize("written", ["Mar. 2, 2021", "Mar 2, 2021", "March 2 2021", "3/2/2021"])
def test_the_letter_date_written_other_ways(written: str) -> None:
    assert extract(synthetic_letter(date=written)).date.isoformat() == "2021-03-02"


def test_a_delivery_line_above_the_date() -> None:
    found = extract(synthetic_letter(date="", delivery="", head="SYNTHETIC LAW LLP\nVIA ECF\n\nMarch 2, 2021"))
    assert (found.date.isoformat(), found.delivery) == ("2021-03-02", "ECF")


@pytest.mark.parametrize(
    "block, court",
    [
        ("Circuit Court Judge\nPalm Beach County Courthouse\nWest Palm Beach, Florida 33401", "flacirct15"),
        ("Circuit Criminal, Division W\nBroward County Courthouse\nFort Lauderdale, FL 33301", "flacirct17"),
        ("Justice of the Supreme Court\nSupreme Court of the State of New York\nBronx County", "nysupctbrnx"),
    ],
)
def test_state_trial_courts_from_the_county(block: str, court: str) -> None:
    found = extract(
        synthetic_letter(
            addressee=f"The Honorable Ada Q. Fictional\n{block}", re_line="Re: State v. Sample, Case No. 2020CF001234A"
        )
    )
    assert (found.court, "court" in found.review) == (court, False)
