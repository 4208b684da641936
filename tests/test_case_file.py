"""The case file: docket entries, hearings and deadlines, calendars in the court's
time zone, reports that are not called overdue for ever, citations as lawyers
write them, topics by name. Built from tests/case_file_archive.py (New York,
Chicago and Los Angeles courts) as of conftest.BUILD_DATE, 2021-03-10."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import ics
import pytest

from case_file_archive import (
    BANKRUPTCY,
    CIVIL,
    CRIMINAL,
    HARBOR_LETTER,
    MILLS_LATER,
    MILLS_STATUS,
    PROXLEY_MOTION,
    PROXLEY_REPLY,
)
from docket_archive.domain.model import Archive
from docket_archive.law.citations import bluebook_court, case_name
from docket_archive.law.courts import court
from docket_archive.law.timezones import court_zone
from docket_archive.links.docket import ecf_mentions
from docket_archive.load.archive import load_archive
from docket_archive.site import paths
from docket_archive.site.files import calendars
from docket_archive.site.groupings import OVERDUE_HORIZON_DAYS, DueReport
from docket_archive.site.paths import SiteUrls
from docket_archive.site.topics import topic_name


@pytest.fixture(scope="module")
def archive(case_file_letters: Path) -> Archive:
    loaded, problems = load_archive(case_file_letters)
    assert not problems.errors, problems.errors
    return loaded


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def text_of(html: str) -> str:
    words = " ".join(re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").replace("&#39;", "'").split())
    return re.sub(r" ([;,.:)])", r"\1", words)


# -- calendars: the court's time zone, a duration, RFC 5545 --------------------------------

# (case, summary) -> (UTC instant, length): 10:00 in New York the day after the
# change to daylight time, 9:30 in Chicago, 9:00 in Los Angeles.
TIMED = {
    BANKRUPTCY: ("Status conference", datetime(2021, 3, 15, 14, 0, tzinfo=UTC), "America/New_York"),
    CIVIL: ("Motion hearing", datetime(2021, 3, 16, 14, 30, tzinfo=UTC), "America/Chicago"),
    CRIMINAL: ("Trial", datetime(2021, 4, 20, 16, 0, tzinfo=UTC), "America/Los_Angeles"),
}


@pytest.mark.parametrize("case", list(TIMED))
def test_hearings_import_into_icalendar_at_the_right_utc_instant_and_length(archive: Archive, case: str) -> None:
    summary, instant, zone = TIMED[case]
    data = calendars.build_calendars(archive, SiteUrls())[paths.case_calendar(case)]
    calendar = icalendar.Calendar.from_ical(data)
    [event] = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith(summary + ",")]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert event["DTSTART"].params["TZID"] == zone  # the court's zone, not floating time
    assert start.astimezone(UTC) == instant
    assert end - start == calendars.TIMED_LENGTH == timedelta(hours=1)
    # RFC 5545: every TZID used is defined by a VTIMEZONE in the same calendar; every event has its UID and stamp.
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {zone}
    for each in calendar.walk("VEVENT"):
        assert each.get("UID") and each.get("DTSTAMP") and each.get("DTSTART") and each.get("DTEND")
    assert "the court's local time (" + zone + ")" in str(event["DESCRIPTION"])


def test_a_second_parser_reads_the_same_instants_and_lengths(archive: Archive) -> None:
    # ics (ics-py) parses iCalendar independently of the icalendar library that wrote it.
    data = calendars.build_calendars(archive, SiteUrls())[paths.CALENDAR_ARCHIVE].decode("utf-8")
    parsed = {event.name.split(",")[0]: event for event in ics.Calendar(data).events}
    for summary, instant, _ in TIMED.values():
        event = parsed[summary]
        assert event.begin.datetime.astimezone(UTC) == instant, summary
        assert event.duration == timedelta(hours=1)
    deadline = parsed["Deadline: mediator's report"]
    assert deadline.all_day and deadline.begin.date() == date(2021, 3, 1) and deadline.duration == timedelta(days=1)


def test_deadlines_and_reports_due_are_all_day_and_free(archive: Archive) -> None:
    data = calendars.build_calendars(archive, SiteUrls())[paths.case_calendar(BANKRUPTCY)]
    found = {str(e["SUMMARY"]).split(",")[0]: e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    for summary, day in (("Deadline: mediator's report", date(2021, 3, 1)), ("Status report due", date(2021, 3, 8))):
        event = found[summary]
        assert event.decoded("DTSTART") == day and event.decoded("DTEND") == day + timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_a_request_to_adjourn_is_worded_as_a_request_not_as_the_event(archive: Archive) -> None:
    data = calendars.build_calendars(archive, SiteUrls())[paths.case_calendar(CRIMINAL)]
    [trial] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert (
        str(trial["SUMMARY"]) == "Trial, US v. Jordan Proxley (Synthetic)"
    )  # not "set by Letter motion to adjourn..."
    description = str(trial["DESCRIPTION"])
    assert "Named in Letter motion to adjourn the April 20, 2021 trial, January 27, 2021." in description
    assert "That letter asks to move it: the date stands until the Court moves it." in description
    assert "Letter on the requested adjournment, February 3, 2021 asks to move it" in description


def test_courts_keep_the_time_zone_of_their_seat() -> None:
    assert court_zone("nysd") == court_zone("nysb") == "America/New_York"
    assert court_zone("ilnd") == "America/Chicago"
    assert court_zone("cacd") == "America/Los_Angeles"
    assert court_zone("azd") == "America/Phoenix"  # no daylight saving time
    assert court_zone("tned") == "America/New_York"  # Knoxville, though Tennessee is mostly Central
    assert court_zone("no-such-court") is None


# -- docket entries -------------------------------------------------------------------------


def test_docket_mentions_are_found_in_the_ways_lawyers_write_them() -> None:
    text = "See ECF No. 191, Dkt. 67, Doc. 13365, Docket No. 5, Dkt. No. 76, ECF #12 and ECF No. 191-1."
    assert [number for _, _, number in ecf_mentions(text)] == ["191", "67", "13365", "5", "76", "12", "191-1"]
    # Not the letter's own header ("Document 20"), a date or a sentence about documents.
    assert ecf_mentions("Case 1:19-cr-00830 Document 20 Filed 01/27/20. Documents 5 and 6; docket in 2009.") == ()


def test_the_case_page_lists_every_known_docket_entry_with_its_citing_letters(case_file_site: Path) -> None:
    html = page(case_file_site, f"cases/{BANKRUPTCY}")
    rows = dict(re.findall(r'<tr id="(docket-[^"]+)">(.*?)</tr>', html))
    assert list(rows) == ["docket-12", "docket-30", "docket-45"]  # in docket order
    order = text_of(rows["docket-12"])
    # From case.yml, cited by two letters: the count, the latest, and the others one click away.
    assert order.startswith("ECF No. 12 2020-11-02 Order regarding mediation 2 letters; latest 2021-02-22")
    assert "<details" in rows["docket-12"] and "All 2" in order
    assert "not described in the archive" in text_of(rows["docket-30"])  # known from "Dkt. 30" in a letter's text
    own = rows["docket-45"]  # the letter itself, by its own docket_entry
    assert f'href="../../letters/{BANKRUPTCY}/{MILLS_STATUS}/"' in own and "Status letter on mediation" in own


def test_docket_mentions_in_a_letter_link_to_the_entry_through_the_sanitizer(case_file_site: Path) -> None:
    html = page(case_file_site, f"letters/{BANKRUPTCY}/{MILLS_STATUS}")
    assert (
        f'<a href="../../../cases/{BANKRUPTCY}/#docket-12" title="ECF No. 12: Order regarding mediation"'
        ' rel="noopener noreferrer">ECF No. 12</a>'
    ) in html
    assert (
        f'href="../../../cases/{BANKRUPTCY}/#docket-30" title="ECF No. 30" rel="noopener noreferrer">Dkt. 30</a>'
        in html
    )
    # The letter's own entry in its card, linked to the case's docket.
    assert f'<dd><a href="../../../cases/{BANKRUPTCY}/#docket-45">ECF No. 45</a>, filed February 1, 2021</dd>' in html
    assert ">Docket No. 5</a>" in page(case_file_site, f"letters/{CIVIL}/{HARBOR_LETTER}")
    assert f'href="../../../cases/{CRIMINAL}/#docket-13"' in page(
        case_file_site, f"letters/{CRIMINAL}/{PROXLEY_MOTION}"
    )
    # An entry that is a letter: "ECF No. 20" in the reply links to the motion's row.
    assert f'href="../../../cases/{CRIMINAL}/#docket-20"' in page(case_file_site, f"letters/{CRIMINAL}/{PROXLEY_REPLY}")


# -- hearings and deadlines on the case page ------------------------------------------------


def test_the_case_page_lists_hearings_upcoming_first_with_who_named_them(case_file_site: Path) -> None:
    html = page(case_file_site, f"cases/{BANKRUPTCY}")
    section = html[html.index('id="hearings-and-deadlines"') : html.index('id="docket-entries"')]
    upcoming, past = section.split("<details", 1)
    assert "10:00 a.m. EDT" in upcoming and "Status conference" in upcoming  # March 15, 2021: after the build date
    assert "Status letter on mediation, February 1, 2021" in text_of(upcoming)
    assert "Deadline: mediator&#39;s report" in past or "Deadline: mediator's report" in past  # March 1: past, folded
    assert "Past hearings and deadlines (1)" in past
    criminal = text_of(page(case_file_site, f"cases/{CRIMINAL}"))
    assert "2021-04-20 9:00 a.m. PDT Trial" in criminal
    assert "the same letter asks; Letter on the requested adjournment, February 3, 2021" in criminal
    assert "the date stands until the Court rules" in criminal


def test_the_case_page_tells_how_to_subscribe_to_its_calendar(case_file_site: Path) -> None:
    html = page(case_file_site, f"cases/{CIVIL}")
    block = text_of(html[html.index("data-docket-subscribe") : html.index('id="docket-entries"')])
    for app, how in (
        ("Outlook", "Subscribe from web"),
        ("Google Calendar", "From URL"),
        ("Apple Calendar", "New Calendar Subscription"),
    ):
        assert f"In {app}:" in block and how in block
    # Without site_url, no absolute address: the page says so rather than write a broken webcal: link.
    assert "the subscribe link needs the site's web address" in block
    assert f"<code data-docket-calendar-url>../../calendars/cases/{CIVIL}.ics</code>" in html


def test_with_site_url_the_subscribe_link_is_webcal(archive: Archive) -> None:
    assert paths.webcal("https://docket.example/archive/calendars/cases/a.ics") == (
        "webcal://docket.example/archive/calendars/cases/a.ics"
    )
    assert paths.webcal("") == "" and paths.webcal("calendars/cases/a.ics") == ""


# -- case status that does not cry wolf -----------------------------------------------------


def report(archive: Archive, days: int, **case_fields: object) -> DueReport:
    case = dataclasses.replace(archive.cases[BANKRUPTCY], **case_fields)
    letter = archive.letters_of_case(BANKRUPTCY)[-1]
    return DueReport(date(2021, 3, 8), days, case, letter)


def test_a_report_is_overdue_only_in_a_case_marked_active_and_within_the_horizon(archive: Archive) -> None:
    assert archive.cases[BANKRUPTCY].status_marked and not archive.cases[CIVIL].status_marked
    assert report(archive, -2).state == "overdue"
    assert report(archive, -OVERDUE_HORIZON_DAYS).state == "overdue"
    assert report(archive, -OVERDUE_HORIZON_DAYS - 1).state == "quiet"  # years late: the archive lacks letters
    assert report(archive, -2, status_marked=False).state == "quiet"  # active only by default
    assert report(archive, 3).state == "soon" and report(archive, 0).state == "today"


def test_the_home_page_says_overdue_or_no_report_since(case_file_site: Path, tmp_path: Path) -> None:
    home = text_of(page(case_file_site, ""))
    assert "Overdue by 2 days" in home  # river-mills: marked active, due March 8, built March 10
    assert f"up to {OVERDUE_HORIZON_DAYS} days late" in home


# -- citations ------------------------------------------------------------------------------


def test_captions_are_spelled_as_citations_spell_them() -> None:
    assert case_name("US v. Tova Noel") == "United States v. Noel"
    assert case_name("United States of America v. Michael Thomas and Tova Noel") == "United States v. Thomas"
    assert case_name("In re Lexington Precision Corp., et al.") == "In re Lexington Precision Corp."
    assert case_name("Harbor Widget Company v. Lakeside Gadget Corporation (Synthetic)") == (
        "Harbor Widget Co. v. Lakeside Gadget Corp. (Synthetic)"
    )
    assert case_name("People of the State of New York v. John Doe") == "People v. Doe"
    assert case_name("State of New York v. The Trump Organization, Inc.") == "New York v. Trump Organization, Inc."


def test_courts_are_cited_by_their_bluebook_abbreviation() -> None:
    assert bluebook_court(court("nysb")) == "Bankr. S.D.N.Y."  # type: ignore[arg-type]
    assert bluebook_court(court("nysd")) == "S.D.N.Y."  # type: ignore[arg-type]
    assert bluebook_court(court("nyed")) == "E.D.N.Y."  # type: ignore[arg-type] # courts-db lacks the last period
    assert bluebook_court(court("cacd")) == "C.D. Cal."  # type: ignore[arg-type]


def test_the_letter_page_cites_with_the_case_name_in_italics_and_the_ecf_number(case_file_site: Path) -> None:
    html = page(case_file_site, f"letters/{CRIMINAL}/{PROXLEY_MOTION}")
    assert (
        "<span data-docket-citation>Letter from Devon Mockridge, Example &amp; Partners LLP, to Hon. Robin Samplesby,"
        " <i>United States v. Proxley (Synthetic)</i>, No. 2:20-cr-00099 (PT) (C.D. Cal. Jan. 27, 2021), ECF No. 20</span>"
    ) in html


# -- the original beside the text, topics by name -------------------------------------------


def test_the_letter_page_shows_the_original_and_its_whole_checksum(case_file_site: Path, archive: Archive) -> None:
    letter = archive.letter_by_id[f"{CRIMINAL}/{PROXLEY_MOTION}"]
    assert letter.original is not None
    html = page(case_file_site, f"letters/{CRIMINAL}/{PROXLEY_MOTION}")
    assert f'<code class="docket-checksum">{letter.original.sha256}</code>' in html
    assert (
        'data-docket-original data-kind="pdf" data-src="../../../originals/proxley/2021-01-27-letter-motion.pdf"'
        in html
    )
    assert (case_file_site / "javascripts/vendor/pdfjs/pdf.min.mjs").is_file()
    assert (case_file_site / "javascripts/vendor/pdfjs/LICENSE").is_file()
    assert "data-docket-original" not in page(case_file_site, f"letters/{BANKRUPTCY}/{MILLS_LATER}")


def test_topics_are_shown_by_their_names() -> None:
    assert topic_name("plan-financing") == "Plan financing"
    assert topic_name("dip-financing") == "DIP financing"
    assert topic_name("us-trustee") == "U.S. Trustee"  # the override table
