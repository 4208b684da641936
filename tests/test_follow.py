"""Following a case: Atom feeds, calendars, CSV and JSON exports, citations,
case status, checked against the archive they come from (issue 12)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import jsonschema
import pytest

from conftest import REPO, copy_repo_site, mkdocs_build
from docket_archive.domain.model import Archive
from docket_archive.law.citations import citation
from docket_archive.links.crosslinks import cross_link
from docket_archive.load.archive import load_archive
from docket_archive.site import paths
from docket_archive.site.build import build_pages
from docket_archive.site.files import calendars, exports, feeds
from docket_archive.site.files.jsonld import json_ld, json_ld_script
from docket_archive.site.paths import SiteUrls
from follow_archive import ALPHA, CLOSED_ON, FOURTH, HOSTILE, HOSTILE_SUMMARY, HOSTILE_TITLE
from htmltools import links

BASE = "https://docket.example/archive/"  # a site_url, for the absolute-link cases


@pytest.fixture(scope="module")
def archive(follow_letters: Path) -> Archive:
    loaded, problems = load_archive(follow_letters)
    assert not problems.errors, problems.errors
    return loaded


def parse_feed(data: bytes, url: str):
    """A feed as a reader sees it, fetched from `url` (which relative links resolve against)."""
    feed = feedparser.parse(data, response_headers={"content-location": url, "content-type": "application/atom+xml"})
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


# -- feeds --------------------------------------------------------------------


def test_every_feed_parses_without_error_and_lists_its_letters_newest_first(archive: Archive) -> None:
    built = feeds.build_feeds(archive, SiteUrls())
    expected = {
        paths.FEED_ARCHIVE: sorted(archive.letters, key=lambda letter: letter.sort_key, reverse=True),
        paths.case_feed("alpha"): [archive_letter(archive, f"alpha/{stem}") for stem in reversed(ALPHA)],
        paths.case_feed("beta"): archive.letters_of_case("beta"),
        paths.person_feed("emery-stubbs-4"): [
            archive_letter(archive, f"beta/{letter.id.split('/')[1]}") if letter.case == "beta" else letter
            for letter in sorted(archive.letters, key=lambda letter: letter.sort_key, reverse=True)
            if any(a.person == "emery-stubbs-4" for a in letter.authors)
        ],
    }
    assert set(expected) <= set(built)
    for path, data in built.items():
        parsed = parse_feed(data, "http://127.0.0.1/" + path)
        assert parsed.version == "atom10"
        if path in expected:
            assert [e.id for e in parsed.entries] == [feeds.entry_id(letter) for letter in expected[path]], path


def archive_letter(archive: Archive, letter_id: str):
    return next(letter for letter in archive.letters if letter.id == letter_id)


def test_a_feed_entry_has_the_letter_title_date_case_authors_summary_and_link(archive: Archive) -> None:
    data = feeds.build_feeds(archive, SiteUrls())[paths.case_feed("alpha")]
    feed = parse_feed(data, "http://127.0.0.1:8000/sub/feeds/cases/alpha.xml")
    newest = feed.entries[0]
    letter = archive_letter(archive, f"alpha/{FOURTH}")
    assert newest.title == letter.title
    assert newest.id == f"tag:docket-archive.invalid,2026:letter:alpha/{FOURTH}"
    assert newest.updated_parsed[:3] == (2020, 2, 17) and newest.published_parsed[:3] == (2020, 2, 17)
    assert [a.name for a in newest.authors] == ["Casey Fixture"]
    assert newest.tags[0].term == "alpha" and newest.tags[0].label == "In re Alpha (Synthetic)"
    assert "In re Alpha (Synthetic), No. 99-10001 (PT)" in newest.summary and letter.summary in newest.summary
    # No site_url: the link is relative, and xml:base makes it the letter's page wherever the site is hosted.
    assert newest.link == f"http://127.0.0.1:8000/sub/letters/alpha/{FOURTH}/"
    assert feed.feed.updated_parsed[:3] == (2020, 2, 17)  # the newest letter, not the build date
    assert feed.feed.title == "Docket Archive: In re Alpha (Synthetic), No. 99-10001 (PT)"


def test_with_a_site_url_feed_links_are_absolute(archive: Archive) -> None:
    data = feeds.build_feeds(archive, SiteUrls(BASE))[paths.FEED_ARCHIVE]
    assert b'href="letters/' not in data
    feed = parse_feed(data, "http://elsewhere.invalid/mirror/feed.xml")  # a copy elsewhere still links home
    assert feed.entries[0].link == f"{BASE}letters/beta/2021-03-01-status-letter/"
    assert {link.rel: link.href for link in feed.feed.links}["self"] == f"{BASE}feeds/archive.xml"


def test_feed_ids_do_not_depend_on_the_host_or_the_build(archive: Archive) -> None:
    plain = feeds.build_feeds(archive, SiteUrls())
    hosted = feeds.build_feeds(archive, SiteUrls(BASE))
    for path in plain:
        ids = [e.id for e in parse_feed(plain[path], "http://a.invalid/" + path).entries]
        assert ids == [e.id for e in parse_feed(hosted[path], "http://b.invalid/" + path).entries]
    early, late = (build_pages(archive, day) for day in (date(2020, 1, 1), date(2030, 1, 1)))
    assert early.assets == late.assets  # feeds, calendars and exports do not change with the build date


def test_a_build_hands_each_asset_over_as_it_is_made_and_keeps_none(archive: Archive) -> None:
    kept = build_pages(archive, date(2030, 1, 1))
    handed: list[tuple[str, bytes]] = []
    site = build_pages(archive, date(2030, 1, 1), hand_over=lambda path, data: handed.append((path, data)))
    assert site.assets == {} and not kept.handed_over
    assert site.handed_over == tuple(kept.assets)  # every one, once, in the same order
    assert dict(handed) == kept.assets and len(handed) == len(kept.assets)
    assert site.pages.keys() == kept.pages.keys()


# -- calendars ------------------------------------------------------------------


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_a_case_calendar_has_the_report_due_from_its_latest_letter(archive: Archive) -> None:
    data = calendars.build_calendars(archive, SiteUrls())[paths.case_calendar("alpha")]
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["NAME"]) == "Docket Archive: In re Alpha (Synthetic), No. 99-10001 (PT)"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"P1D" and str(calendar["VERSION"]) == "2.0"
    report = next(e for e in events(data) if str(e["CATEGORIES"].to_ical(), "utf-8") == "Report due")
    assert report.decoded("DTSTART") == date(2020, 3, 2)  # the fourth letter's, not the first three's
    assert report.decoded("DTEND") == date(2020, 3, 3)  # all day
    assert report.decoded("DTSTAMP") == datetime.fromisoformat("2020-02-17T00:00:00+00:00")
    assert str(report["UID"]) == f"report/alpha/alpha/{FOURTH}@docket-archive.invalid"
    # Says what the event is; the letter that promised it is in the description, not the title.
    assert report["SUMMARY"] == "Status report due, In re Alpha (Synthetic)"
    assert "Fourth status letter, February 17, 2020" in report["DESCRIPTION"]
    assert report["DESCRIPTION"].startswith("The parties will submit a further status report in two weeks.")
    assert f"letters/alpha/{FOURTH}/" in report["DESCRIPTION"]
    assert "URL" not in report  # no site_url: no absolute URL to give


def test_hearings_and_deadlines_that_letters_record_join_the_calendars(archive: Archive) -> None:
    built = calendars.build_calendars(archive, SiteUrls(BASE))
    found = {str(e["CATEGORIES"].to_ical(), "utf-8"): e for e in events(built[paths.case_calendar("alpha")])}
    hearing, deadline = found["Hearing"], found["Deadline"]
    # Timed, in the court's zone (nysb: New York), an hour long by default.
    assert hearing.decoded("DTSTART") == datetime(2020, 2, 25, 11, 0, tzinfo=ZoneInfo("America/New_York"))
    assert hearing.decoded("DTEND") - hearing.decoded("DTSTART") == timedelta(hours=1)
    assert hearing["SUMMARY"] == "Status conference, In re Alpha (Synthetic)"
    assert hearing["DESCRIPTION"].startswith(
        "The Court has scheduled a status conference for February 25, 2020 at 11:00 a.m.\n"
    )
    assert str(hearing["URL"]) == f"{BASE}letters/alpha/{FOURTH}/"
    assert deadline.decoded("DTSTART") == date(2020, 2, 28)
    assert deadline["DESCRIPTION"].startswith("The Committee will respond to the proposal by February 28, 2020.")
    assert {str(e["UID"]) for e in events(built[paths.CALENDAR_ARCHIVE])} >= {str(hearing["UID"]), str(deadline["UID"])}


def test_closed_and_stayed_cases_leave_the_calendars(archive: Archive) -> None:
    built = calendars.build_calendars(archive, SiteUrls())
    assert archive.cases["beta"].status == "closed" and archive.cases["beta"].status_date == date.fromisoformat(
        CLOSED_ON
    )
    assert events(built[paths.case_calendar("beta")]) == []
    assert all("/beta/" not in str(e["UID"]) for e in events(built[paths.CALENDAR_ARCHIVE]))
    stayed = dataclasses.replace(
        archive, cases={**archive.cases, "alpha": dataclasses.replace(archive.cases["alpha"], status="stayed")}
    )
    assert events(calendars.build_calendars(stayed, SiteUrls())[paths.CALENDAR_ARCHIVE]) == []


def test_calendar_uids_and_bytes_are_stable(archive: Archive, follow_letters: Path) -> None:
    again, _ = load_archive(follow_letters)
    first, second = calendars.build_calendars(archive, SiteUrls()), calendars.build_calendars(again, SiteUrls())
    assert first == second
    uids = [str(e["UID"]) for e in events(first[paths.CALENDAR_ARCHIVE])]
    assert uids and len(uids) == len(set(uids))


# -- exports ----------------------------------------------------------------------


def test_the_case_csv_round_trips_with_iso_dates_and_a_bom(archive: Archive) -> None:
    data = exports.build_exports(archive, SiteUrls(), cross_link(archive))[paths.case_csv("alpha")]
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["letter_id"] for row in rows] == [f"alpha/{stem}" for stem in ALPHA]
    assert [row["date"] for row in rows] == [stem[:10] for stem in ALPHA]
    fourth = rows[-1]
    assert fourth["next_report_due"] == "2020-03-02" and fourth["sequence"] == "4"
    assert fourth["case"] == "In re Alpha (Synthetic)" and fourth["authors"] == "Casey Fixture"
    assert fourth["url"] == f"letters/alpha/{FOURTH}/"


def test_csv_cells_from_letters_never_start_a_formula(archive: Archive) -> None:
    data = exports.build_exports(archive, SiteUrls(), cross_link(archive))[paths.case_csv("alpha")]
    hostile = next(
        row
        for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        if row["letter_id"] == f"alpha/{HOSTILE}"
    )
    assert hostile["title"] == "'" + HOSTILE_TITLE
    assert hostile["summary"] == "'" + HOSTILE_SUMMARY
    assert hostile["firms"] == "'-Objectors LLP"
    for value in ("=1+2", "+1", "-1", "@SUM(A1)", "\t=1", " =1"):  # whitespace is dropped first
        assert exports.cell(value).startswith("'"), value
    assert exports.cell("In re Alpha") == "In re Alpha" and exports.cell("2020-02-17") == "2020-02-17"


def test_the_archive_json_validates_against_its_published_schema(archive: Archive) -> None:
    built = exports.build_exports(archive, SiteUrls(BASE), cross_link(archive))
    data = json.loads(built[paths.EXPORT_ARCHIVE])
    schema = json.loads(built[paths.EXPORT_SCHEMA])
    assert built[paths.EXPORT_SCHEMA] == (REPO / "scripts/docket_archive/schema/export.schema.json").read_bytes()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["version"] == exports.VERSION == 1
    assert [letter["id"] for letter in data["letters"]] == [letter.id for letter in archive.letters]
    # Put together from each letter's JSON: exactly what json.dumps writes for the whole.
    text = built[paths.EXPORT_ARCHIVE].decode("utf-8")
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert {case["key"]: case["status"] for case in data["cases"]} == {"alpha": "active", "beta": "closed"}
    assert {"from": f"alpha/{ALPHA[1]}", "kind": "letter", "to": f"alpha/{ALPHA[0]}"}.items() <= next(
        ref for ref in data["references"] if ref["from"] == f"alpha/{ALPHA[1]}"
    ).items()
    assert data["cases"][0]["feed"] == f"{BASE}feeds/cases/alpha.xml"


def test_the_schema_rejects_what_it_should() -> None:
    schema = json.loads(exports.schema_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"version": 2, "site_url": "", "letters": [], "cases": [], "people": [], "references": []}, schema
        )


# -- citation and JSON-LD -----------------------------------------------------------


def test_the_repository_letter_is_cited_as_lawyers_cite_it() -> None:
    archive, _ = load_archive(REPO / "letters")
    assert citation(archive.letters[0], archive) == (
        "Letter from Adam P. Strochak, Weil, Gotshal & Manges LLP, to Hon. Martin Glenn, "
        "In re Lexington Precision Corp., No. 08-11153 (MG) (Bankr. S.D.N.Y. June 22, 2009)"
    )


def test_json_ld_cannot_end_its_script_element(archive: Archive) -> None:
    hostile = archive_letter(archive, f"alpha/{HOSTILE}")
    text = json_ld_script(json_ld(hostile, archive))
    assert "<" not in text and ">" not in text
    assert json.loads(text)["description"] == HOSTILE_SUMMARY


# -- the built site ---------------------------------------------------------------------


class _JsonLd(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def json_ld_blocks(html: str) -> list[str]:
    parser = _JsonLd()
    parser.feed(html)
    return parser.blocks


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_the_site_publishes_and_links_feeds_calendars_and_exports(follow_site: Path) -> None:
    case_links = {text: href for href, text in links(page(follow_site, "cases/alpha"))}
    assert case_links["feed (Atom)"] == "../../feeds/cases/alpha.xml"
    assert case_links["calendar of reports due and hearings (.ics)"] == "../../calendars/cases/alpha.ics"
    assert case_links["timeline as CSV"] == "../../exports/cases/alpha.csv"
    home_links = {text: href for href, text in links(page(follow_site, ""))}
    assert home_links["feed of new letters (Atom)"] == "feeds/archive.xml"
    assert home_links["the whole archive as JSON"] == "exports/archive.json"
    person_links = {text: href for href, text in links(page(follow_site, "people/casey-fixture-2"))}
    assert person_links["feed of letters (Atom)"] == "../../feeds/people/casey-fixture-2.xml"
    for href in (
        "feeds/cases/alpha.xml",
        "calendars/cases/alpha.ics",
        "exports/cases/alpha.csv",
        "exports/archive.json",
        "feeds/people/casey-fixture-2.xml",
    ):
        assert (follow_site / href).is_file(), href


def test_a_closed_case_leaves_the_reports_due_and_shows_its_status(follow_site: Path) -> None:
    home = page(follow_site, "")
    due = home.split('id="reports-due"')[1].split("<h2")[0]
    assert "In re Alpha (Synthetic)" in due and "In re Beta (Synthetic)" not in due
    assert re.search(r"Closed since 2021-03-20", home)
    assert "Closed since March 20, 2021" in page(follow_site, "cases/beta")
    assert "none: the case is closed" in page(follow_site, "cases/beta")
    beta_row = page(follow_site, "cases").split("In re Beta (Synthetic)")[1].split("</tr>")[0]
    assert "Closed" in beta_row and "2021-03-15" not in beta_row  # its last letter's due date no longer shows


def test_the_letter_page_offers_its_citation_and_json_ld(follow_site: Path) -> None:
    html = page(follow_site, f"letters/alpha/{FOURTH}")
    assert (
        "Letter from Casey Fixture, Sample, Test &amp; Co., to Hon. Pat Testwood, <i>In re Alpha (Synthetic)</i>, No. 99-10001 (PT) (Bankr. S.D.N.Y. Feb. 17, 2020)"
        in html
    )
    [data] = [json.loads(text) for text in json_ld_blocks(html)]
    assert data["@type"] == ["DigitalDocument", "Message"] and data["dateSent"] == "2020-02-17"
    assert data["sender"][0]["name"] == "Casey Fixture" and data["recipient"][0]["name"] == "Pat Testwood"
    assert [case["name"] for case in data["isPartOf"]] == ["In re Alpha (Synthetic)"]
    # The summary's </script> and <!-- ended nothing: the whole JSON is read back, as an HTML parser splits it.
    [hostile] = [json.loads(text) for text in json_ld_blocks(page(follow_site, f"letters/alpha/{HOSTILE}"))]
    assert hostile["description"] == HOSTILE_SUMMARY and hostile["name"] == HOSTILE_TITLE


def test_docket_build_writes_the_same_files(tmp_path: Path, follow_letters: Path, follow_site: Path) -> None:
    from click.testing import CliRunner

    from docket_archive.cli import main

    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["build", "--out", str(out), "--letters", str(follow_letters), "--docs", str(REPO / "docs")],
        env={"DOCKET_BUILD_DATE": "2021-03-10"},
    )
    assert result.exit_code == 0, result.output
    for path in ("feeds/archive.xml", "calendars/archive.ics", "exports/archive.json", "exports/cases/alpha.csv"):
        assert (out / path).read_bytes() == (follow_site / path).read_bytes(), path


def test_two_builds_of_the_same_archive_and_date_are_byte_identical(
    tmp_path: Path, follow_letters: Path, follow_site: Path
) -> None:
    again = mkdocs_build(copy_repo_site(tmp_path, follow_letters))

    def files(site: Path) -> dict[str, bytes]:
        # The search index too: the same letters give the same bytes.
        return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    first, second = files(follow_site), files(again)
    assert first.keys() == second.keys()
    differ = sorted(path for path in first if first[path] != second[path])
    assert differ == []
    assert any(path.startswith("feeds/") for path in first) and any(path.startswith("calendars/") for path in first)


def test_feed_links_resolve_to_built_pages(follow_site: Path) -> None:
    feed = parse_feed((follow_site / "feeds/archive.xml").read_bytes(), "http://127.0.0.1/feeds/archive.xml")
    for entry in feed.entries:
        path = entry.link.removeprefix("http://127.0.0.1/")
        assert (follow_site / path / "index.html").is_file(), entry.link
    assert urljoin("http://127.0.0.1/feeds/archive.xml", "../") == "http://127.0.0.1/"


def test_citations_of_several_authors_and_site_urls(archive: Archive) -> None:
    from docket_archive.domain.model import Author

    fourth = archive_letter(archive, f"alpha/{FOURTH}")
    two = dataclasses.replace(
        fourth, authors=(Author("casey-fixture-2"), Author("devon-mockridge-3", firm="Other LLP"))
    )
    assert citation(two, archive).startswith(
        "Letter from Casey Fixture, Sample, Test & Co., and Devon Mockridge, Other LLP, to Hon. Pat Testwood,"
    )
    same = dataclasses.replace(fourth, authors=(Author("casey-fixture-2"), Author("casey-fixture-2")))
    assert citation(same, archive).startswith("Letter from Casey Fixture and Casey Fixture, Sample, Test & Co., to")
    urls = SiteUrls(BASE)
    assert urls.href(f"letters/alpha/{FOURTH}.md") == f"{BASE}letters/alpha/{FOURTH}/"
    assert urls.href("index.md") == BASE and urls.path("cases/index.md") == "cases/"
    assert SiteUrls().base_for("feeds/cases/alpha.xml") == "../../" and SiteUrls().base_for("a.xml") == "./"


def test_with_site_url_the_built_feeds_calendars_and_citations_link_absolutely(
    tmp_path: Path, follow_letters: Path
) -> None:
    project = copy_repo_site(tmp_path, follow_letters)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("docs_dir: docs\n", f"docs_dir: docs\nsite_url: {BASE}\n"), "utf-8"
    )
    site = mkdocs_build(project)
    feed = parse_feed((site / "feeds/cases/alpha.xml").read_bytes(), "http://mirror.invalid/alpha.xml")
    assert feed.entries[0].link == f"{BASE}letters/alpha/{FOURTH}/"
    report = events((site / "calendars/cases/alpha.ics").read_bytes())[-1]
    assert str(report["URL"]) == f"{BASE}letters/alpha/{FOURTH}/"
    html = page(site, f"letters/alpha/{FOURTH}")
    assert f"<span data-docket-permalink>{BASE}letters/alpha/{FOURTH}/</span>" in html  # printed even without script


def test_a_letter_filed_in_two_cases_is_in_both_feeds_and_once_in_the_archive_feed(archive: Archive) -> None:
    both = tuple(
        dataclasses.replace(letter, cases=("alpha", "beta")) if letter.id == f"alpha/{FOURTH}" else letter
        for letter in archive.letters
    )
    built = feeds.build_feeds(dataclasses.replace(archive, letters=both), SiteUrls())
    ids = {path: [e.id for e in parse_feed(built[path], "http://a.invalid/" + path).entries] for path in built}
    wanted = feeds.entry_id(archive_letter(archive, f"alpha/{FOURTH}"))
    assert wanted in ids[paths.case_feed("alpha")] and wanted in ids[paths.case_feed("beta")]
    assert ids[paths.FEED_ARCHIVE].count(wanted) == 1
    [entry] = [
        e for e in parse_feed(built[paths.case_feed("beta")], "http://a.invalid/x.xml").entries if e.id == wanted
    ]
    assert [tag.term for tag in entry.tags] == ["alpha", "beta"]
