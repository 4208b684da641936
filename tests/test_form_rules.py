"""The Add a letter form answers as the command line does: its rules are ports
of the Python ones (add-letter-lib.js), and these tests hold each port to the
Python's answers in real Chromium: close names (`Archive.close_people`), case
numbers in every spelling (`law.casenumbers`), dates counted from the letter's
("in two weeks", `law.dates`), and page furniture (`importer.furniture.line_kind`).
Then the form itself, on the chain archive's site, which names no repository.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from docket_archive.domain.model import Archive, Person
from docket_archive.importer import layout
from docket_archive.importer.furniture import line_kind
from docket_archive.law import casenumbers
from docket_archive.law.dates import relative

pytestmark = pytest.mark.browser


@pytest.fixture
def run(page, chain_url: str):
    """run(js, arg): `js` is `(lib, arg) => ...`, called in the form's page with add-letter-lib.js."""
    page.goto(chain_url + "/add-letter/")
    page.wait_for_selector('form[data-ready="true"]', state="attached")

    def call(js: str, arg):
        return page.evaluate(
            f"async (arg) => {{ const lib = await import('/javascripts/add-letter-lib.js'); return ({js})(lib, arg); }}",
            arg,
        )

    return call


PEOPLE = [
    Person("adam-strochak", "Adam P. Strochak", aliases=("Adam P. Storchak",)),
    Person("martin-glenn", "Martin Glenn", aliases=("Judge Glenn",)),
    Person("seymour-preston", "Seymour Preston, Jr."),
    Person("paul-silverstein", "Paul Silverstein"),
    Person("casey-fixture-2", "Casey Fixture"),
    Person("casey-fixture-3", "Casey Fixtures"),
    Person("jose-nunez", "José Núñez"),
]
TYPOS = ["Strochek", "Strochak", "Adam Strochak", "storchak", "Glen", "Judge Glen", "Seymour Preston Jr",
         "Silverstien", "Paul Silverstien", "Casey Fixtur", "casey", "Jose Nunez", "José Nuñez", "nobody at all",
         "x", "", "  Martin   Glen  ", "Strochek " * 30]  # fmt: skip


def test_close_names_are_the_command_lines(run) -> None:
    """The issue's typo, 'Strochek', leads to adam-strochak on both sides."""
    archive = Archive(people={person.key: person for person in PEOPLE})
    registry = [{"key": p.key, "name": p.name, "aliases": list(p.aliases)} for p in PEOPLE]
    js = run(
        "(lib, [people, typos]) => typos.map((t) => lib.closePeople(t, lib.peopleByName(people)))", [registry, TYPOS]
    )
    python = [archive.close_people(typo) for typo in TYPOS]
    assert js == python
    assert python[0] == ["adam-strochak"] and [] in python  # some suggestions, and a typo with none


SPELLINGS = ["08-11153", "08-11153 (MG)", "1:08-bk-11153", "19-cr-725 (JPO)", "1:19-cr-00725-JPO", "19 Cr. 725",
             "Case No. 19-CR-725", "20 Cr. 330 (AJN)", "4:19-cv-06669-JST-DMR", "99 C 1234", "2006CF009454A",
             "2006 CF 009454 A", "2019-CA-001234", "Index No. 654321/2020", "Ind. No. 1234-2019", "MDL No. 2804",
             "Case No. 99STCV01234", "Cause No. D-1-GN-99-001234", "Civil Action No. 99-4567 (ORP)",
             "Criminal No. 99-321", "Adv. Pro. No. 09-01234 (MG)", "99-31234-sgj11", "no number here", "In re X"]  # fmt: skip


def test_case_numbers_in_every_spelling_have_the_command_lines_key(run) -> None:
    js = run("(lib, spellings) => spellings.map((s) => lib.caseNumberKey(s))", SPELLINGS)
    python = [(parsed.key if (parsed := casenumbers.parse(spelling)) else None) for spelling in SPELLINGS]
    assert js == python
    assert js[0] == js[1] == js[2] == "08-bk-11153" and js[-1] is None


PHRASES = ["in two weeks", "within 30 days", "within thirty (30) days", "within thirty (60) days", "in a week",
           "in one month", "in 3 months", "in the next 14 days", "within twenty-one days", "within twenty one days",
           "in 1 year", "in two weeks' time", "Within Sixty Days.", "in 10 business days", "tomorrow", "next week",
           "in 0 days", "2020-03-16", "within approximately 60 days", "in about two weeks"]  # fmt: skip
BASES = [date(2020, 1, 31), date(2020, 2, 29), date(2009, 6, 22), date(2021, 12, 31)]


def test_dates_counted_from_the_letters_are_the_command_lines(run) -> None:
    cases = [[phrase, base.isoformat()] for phrase in PHRASES for base in BASES]
    js = run("(lib, cases) => cases.map(([phrase, base]) => lib.relativeDate(phrase, base))", cases)
    python = [
        (found.isoformat() if (found := relative(phrase, date.fromisoformat(base))) else None) for phrase, base in cases
    ]
    assert js == python
    assert relative("in two weeks", date(2009, 6, 22)) == date(2009, 6, 22) + timedelta(weeks=2)


LINES = [
    "Case 1:19-cr-00830-AT Document 20 Filed 01/27/20 Page 1 of 3",
    "  Case 1:20-cv-01234-JPO-SN   Document 76-2   Filed 3/4/2020   Page 12 of 40   PageID #: 1234",
    "09-50026-reg Doc 13365 Filed 08/11/15 Entered 08/11/15 10:33:12 Main Document Pg 1 of 2",
    "Kee CM Document.96 ..Filed.03/27/20 Page 2 of 4",
    "USDC SDNY",
    "DOCUMENT ELECTRONICALLY FILED",
    "DOC #: _____",
    "NYSCEF DOC. NO. 45    RECEIVED NYSCEF: 05/06/2022",
    "FILED: NEW YORK COUNTY CLERK 05/06/2022 10:15 AM",
    "Jun-05-03 03:14pm From-CURTIS MALLET T-123 P.002/003 F-456",
    "DOJ-OGR-00012345",
    "SDNY_GM_00012345",
    "26260351v1",
    "NYDOCS01/1234567.2",
    "[handwritten signature]",
    "Page 2 of 5",
    "PAGE 3",
    "- 2 -",
    "12",
    "Index No. 654321/2020",
    "Dear Judge Testwood:",
    "The parties met on Case 1 of the plan.",
    "1. The debtors filed the motion.",
    "The Debtors filed Document 20 on 01/27/20 as the Court directed.",
    "ABC-123",
    "2009",
]


def python_kind(line: str) -> str | None:
    """What `docket import` takes a whole line for: its furniture, or a page's number."""
    kind = line_kind(line)
    if kind is None and (layout.PAGE_LINE.fullmatch(line) or layout.PAGE_NUMBER.fullmatch(line)):
        kind = "page number"
    return kind


def test_page_furniture_is_what_docket_import_leaves_out(run) -> None:
    js = run("(lib, lines) => lines.map((line) => lib.furnitureKind(line))", LINES)
    python = [python_kind(line) for line in LINES]
    assert js == python
    assert python[:20] == [
        *["court filing header"] * 4, *["court stamp"] * 5, "fax header", "Bates number", "Bates number",
        "document number", "document number", "signature image", *["page number"] * 4, None,
    ]  # fmt: skip
    assert python[20:] == [None] * 6  # the letter's own words are left alone


def test_the_form_finds_a_case_by_any_spelling_of_its_number(page, chain_url: str) -> None:
    page.goto(chain_url + "/add-letter/")
    page.wait_for_selector('form[data-ready="true"]', state="attached")
    for spelling in ("99-10001", "99-10001 (PT)", "1:99-bk-10001", "alpha"):
        page.fill("#f-case", spelling)
        assert page.inner_text("#f-case-msg") == "✓ In re Alpha (Synthetic), No. 99-10001 (PT)", spelling
    page.fill("#f-case", "99-10009")
    assert "unknown case '99-10009'" in page.inner_text("#f-case-msg")


def test_pasted_page_furniture_is_pointed_out_and_removed_on_request(page, chain_url: str) -> None:
    page.goto(chain_url + "/add-letter/")
    page.wait_for_selector('form[data-ready="true"]', state="attached")
    page.fill(
        "#f-body",
        "Case 1:19-cr-00830-AT Document 20 Filed 01/27/20 Page 1 of 3\nDear Judge Testwood:\n\n"
        "SYNTHETIC TEST LETTER, not a real court filing.\nDOJ-OGR-00012345\n2\n\nCasey Fixture\n",
    )
    message = page.locator("#f-body-msg")
    text = message.inner_text()
    assert "Looks like page furniture" in text
    assert "“Case 1:19-cr-00830-AT Document 20 Filed 01/27/20 Page 1 of 3” (a court filing header)" in text
    assert "“DOJ-OGR-00012345” (a Bates number)" in text and "“2” (a page number)" in text
    message.get_by_role("button", name="Remove these 3 lines").click()
    assert page.input_value("#f-body") == (
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER, not a real court filing.\n\nCasey Fixture"
    )
    assert message.inner_text() == ""


def test_types_are_suggested_not_assumed(page, chain_url: str, chain_site: Path) -> None:
    page.goto(chain_url + "/add-letter/")
    page.wait_for_selector('form[data-ready="true"]', state="attached")
    assert page.input_value("#f-type") == ""
    offered = page.eval_on_selector_all("#type-list option", "options => options.map((o) => o.value)")
    registry = json.loads((chain_site / "data/registry.json").read_text("utf-8"))
    assert offered == registry["types"]
    assert offered[:3] == ["joint status letter", "status letter", "letter"]  # the schema's, then the archive's
    assert 'type: ""' in page.inner_text("#result-file")  # nothing assumed: the person chooses
    page.fill("#f-type", "letter motion")
    page.fill("#f-type", "")
    assert "type: required" in page.inner_text("#f-type-msg")


def test_without_a_repository_the_form_says_so_plainly(page, chain_url: str) -> None:
    page.goto(chain_url + "/add-letter/")
    page.wait_for_selector('form[data-ready="true"]', state="attached")
    assert page.is_hidden("#how-repository") and page.is_hidden("#open-pr")
    said = page.inner_text("#how-no-repository")
    assert "not connected to a GitHub repository" in said and "one click" not in page.inner_text("article")
    assert "download the file" in page.inner_text("#no-repository")
    assert page.inner_text("#form-status") == "2 cases and 12 people in the archive."


def test_a_relative_next_report_date_is_counted_from_the_letters_date(page, chain_url: str) -> None:
    page.goto(chain_url + "/add-letter/")
    page.wait_for_selector('form[data-ready="true"]', state="attached")
    page.fill("#f-next", "within 30 days")
    assert "'within 30 days' is not a date" in page.inner_text(
        "#f-next-msg"
    )  # no letter date yet: nothing to count from
    page.fill("#f-date", "June 22, 2009")
    page.get_by_role("button", name="Use 2009-06-22").click()
    page.fill("#f-next", "within 30 days")
    page.get_by_role("button", name="Use 2009-07-22 (within 30 days from the letter's date)").click()
    assert page.input_value("#f-next") == "2009-07-22"
