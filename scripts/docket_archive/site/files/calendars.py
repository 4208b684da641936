"""Calendars (RFC 5545 .ics): reports due, hearings and deadlines.

One calendar per case and one for the archive, built with the icalendar
library. Events come from the letters:

- the next report due, from the latest letter of each case (earlier promises
  were kept by the letters that followed);
- every hearing, conference and deadline the letters record
  (`links.events.case_events`: once each, however many letters name it, with
  the letters that ask to move it).

Each event is what it is, in words: "Status conference, In re Alpha", its
description says which letter names it and which letters ask to move it (a
request to adjourn is not the event, and the Court, not the letter, moves it).

Time: a hearing with a time is at the court's local time, so it is written
with the court's time zone (`law.timezones`: from the state courts-db gives
for the court), `DTSTART;TZID=America/Chicago:...`, and the calendar carries
that zone's VTIMEZONE (icalendar's `add_missing_timezones`), so a reader in
another zone sees it at the right instant. A letter never says how long a
hearing lasts: a timed event is given `TIMED_LENGTH` (one hour, the usual slot
of a status conference), and its description says the length is not known. An
event without a time, a deadline and a report due are all-day events, marked
free (TRANSP:TRANSPARENT): dates to remember, not busy days. A court whose zone
is not known keeps floating time (the time the letter gives).

Stayed and closed cases expect nothing, so their events leave the calendars.
The same archive gives the same bytes: UIDs come from case keys, dates and
what the event is; DTSTAMP from the date of the letter that names the event
(RFC 5545 wants when the event was created; for a published calendar that is
when a letter recorded it), never the clock. NAME and REFRESH-INTERVAL (RFC
7986, and the X-WR-CALNAME and X-PUBLISHED-TTL older apps read) let calendar
apps subscribe (`webcal:` links on the case pages).
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from docket_archive.domain.model import Archive, Case, Letter
from docket_archive.law.timezones import court_zone
from docket_archive.links.events import DEADLINE, CaseEvent, case_events

from .. import paths
from ..memo import Parts, fresh
from ..paths import SiteUrls

DOMAIN = "docket-archive.invalid"  # the right-hand side of every UID: fixed, whatever host serves the site
REFRESH = timedelta(days=1)  # letters arrive every few weeks; daily is often enough and light on the host
TIMED_LENGTH = timedelta(
    hours=1
)  # a letter gives a hearing's start, never its end: one hour, a conference's usual slot


@dataclass(frozen=True)
class Happening:
    """One event: a report due, a hearing or a deadline, and the letter that names it."""

    uid: str
    kind: str  # "Report due", "Hearing", "Deadline"
    what: str  # e.g. "status conference"
    day: date
    at: time | None
    letter: Letter
    cases: tuple[Case, ...]
    event: CaseEvent | None = None  # for hearings and deadlines: who named it, who asks to move it

    @property
    def zone(self) -> str | None:
        """The court's IANA time zone (of the first case), None where not known."""
        return court_zone(self.cases[0].court.id)


Events = Callable[[str], tuple[CaseEvent, ...]]  # a case's key -> its events (links.events.case_events)


def build_calendars(
    archive: Archive, urls: SiteUrls, events: Events | None = None, parts: Parts = fresh
) -> dict[str, bytes]:
    """Every calendar of the site: {published path: iCalendar bytes}. `events` gives a case's
    events (`Site.events`, kept between rebuilds); each calendar is a part (see pages.memo),
    written again only when its events change."""
    happenings = list(_happenings(archive, events or functools.partial(case_events, archive)))

    def calendar(here: str, name: str, page: str, mine: list[Happening]) -> bytes:
        return parts(("calendar", here), (name, mine), lambda: _calendar(name, page, mine, urls))

    calendars = {
        paths.CALENDAR_ARCHIVE: calendar(
            paths.CALENDAR_ARCHIVE, "Docket Archive: reports due and hearings", paths.HOME, happenings
        )
    }
    for item in archive.cases.values():
        mine = [h for h in happenings if any(c.key == item.key for c in h.cases)]
        name = f"Docket Archive: {item.caption}, No. {item.number}"
        here = paths.case_calendar(item.key)
        calendars[here] = calendar(here, name, paths.case(item), mine)
    return calendars


def _happenings(archive: Archive, events: Events) -> Iterator[Happening]:
    yield from _reports_due(archive)
    yield from _recorded(archive, events)


def _reports_due(archive: Archive) -> Iterator[Happening]:
    """Each active case's next report, as its latest letter promises it."""
    for key in sorted(archive.cases):
        due, letter = archive.next_report_due(key), archive.latest_letter(key)
        if due and letter:  # none for a stayed or closed case
            uid = f"report/{key}/{letter.id}@{DOMAIN}"
            yield Happening(uid, "Report due", "status report", due, None, letter, (archive.cases[key],))


def _recorded(archive: Archive, events: Events) -> Iterator[Happening]:
    """Every hearing and deadline of an active case, once for each case whose letters name it."""
    for key in sorted(archive.cases):
        case = archive.cases[key]
        if not case.is_active:
            continue
        for event in events(key):
            at = time.fromisoformat(event.time) if event.time else None
            kind = "Deadline" if event.kind == DEADLINE else "Hearing"
            # The same event keeps its UID while the letters say the same; another date is another event.
            digest = hashlib.sha256(f"{event.date}|{at}|{event.what.lower()}".encode()).hexdigest()[:12]
            uid = f"{kind.lower()}/{key}/{event.date.isoformat()}-{digest}@{DOMAIN}"
            yield Happening(uid, kind, event.what, event.date, at, event.named_in, (case,), event)


def _calendar(name: str, page: str, happenings: list[Happening], urls: SiteUrls) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Docket Archive//Calendars//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")  # the same interval, for apps that predate RFC 7986
    if urls.absolute(page):
        calendar.add("url", urls.absolute(page))
    for happening in sorted(happenings, key=lambda h: (h.day, h.at or time(0), h.uid)):
        calendar.add_component(_event(happening, urls))
    # One VTIMEZONE for each zone an event uses, as RFC 5545 requires for each TZID.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(happening: Happening, urls: SiteUrls) -> Event:
    letter = happening.letter
    event = Event()
    event.add("uid", happening.uid)
    event.add("dtstamp", datetime(letter.date.year, letter.date.month, letter.date.day, tzinfo=UTC))
    if happening.at is None:
        event.add("dtstart", happening.day)
        event.add("dtend", happening.day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a date to remember, not a busy day
    else:
        zone = happening.zone
        start = datetime.combine(happening.day, happening.at, tzinfo=ZoneInfo(zone) if zone else None)
        event.add("dtstart", start)  # with TZID: the court's local time; floating where the zone is not known
        event.add("dtend", start + TIMED_LENGTH)
    captions = "; ".join(item.caption for item in happening.cases)
    event.add("summary", f"{summary(happening)}, {captions}")
    event.add("categories", [happening.kind])
    link = urls.absolute(paths.letter(letter))
    where = link or f"{urls.path(paths.letter(letter))} on the archive's site"
    event.add(
        "description", "\n\n".join([setting_sentence(happening), *about(happening), f"{_letter_name(letter)}: {where}"])
    )
    if link:
        event.add("url", link)
    return event


def summary(happening: Happening) -> str:
    """What the event is: "Status conference", "Deadline: Committee's response", "Status report due"."""
    if happening.kind == "Report due":
        return "Status report due"
    what = happening.what[:1].upper() + happening.what[1:]
    return f"Deadline: {happening.what}" if happening.kind == "Deadline" else what


def about(happening: Happening) -> list[str]:
    """Who named the event and who asked to move it, in sentences."""
    event = happening.event
    if event is None:
        return [f"Named in {_letter_name(happening.letter)} as the date of the next status report."]
    said = [f"Named in {_letter_name(event.named_in)}" + (", which the judge endorsed." if event.endorsed else ".")]
    for request in event.move_requests:
        if request.id == event.named_in.id:
            said.append("That letter asks to move it: the date stands until the Court moves it.")
        else:
            said.append(f"{_letter_name(request)} asks to move it: the date stands until the Court moves it.")
    if happening.at is not None:
        zone = happening.zone
        said.append(
            f"Time as the letter gives it, the court's local time ({zone or 'time zone not known'}); "
            f"its length is not given (shown as {int(TIMED_LENGTH.total_seconds() // 60)} minutes)."
        )
    return said


def _letter_name(letter: Letter) -> str:
    return f"{letter.title}, {letter.date:%B} {letter.date.day}, {letter.date.year}"


_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Hon|No|Nos|Inc|Corp|Co|Jr|Sr|St|v|U\.S|[A-Z])\.$")
_RELATIVE = re.compile(r"\b(?:days?|weeks?|months?|within|by)\b", re.IGNORECASE)
_MONTH_NAMES = tuple(calendar.month_name)[1:]
# A date as letters write it: 'June 5, 2009', 'June 5', '6/5/2009', '06/05/2009', '2009-06-05'.
_DATE_IN_TEXT = re.compile(
    rf"(?P<month>{'|'.join(_MONTH_NAMES)}) (?P<day>\d{{1,2}})(?:, (?P<year>\d{{4}}))?"
    r"|(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
)


def setting_sentence(happening: Happening) -> str:
    """The last sentence of the letter that gives the date, where one can be found; else its summary."""
    sentences, by_day, report = _read_dates(happening.letter.body)
    day = happening.day
    found = max(by_day.get((day.month, day.day, day.year), -1), by_day.get((day.month, day.day, None), -1))
    if found < 0 and happening.kind == "Report due":
        found = report
    return sentences[found] if found >= 0 else happening.letter.summary


@functools.lru_cache(maxsize=64)
def _read_dates(body: str) -> tuple[list[str], dict[tuple[int, int, int | None], int], int]:
    """The body's sentences; for each date written in them, the last sentence giving it (a date
    written without its year under (month, day, None)); the last sentence about a report due in
    some days or weeks (-1 when none). One pass over the text, however many events a letter sets."""
    sentences = _sentences(body)
    by_day: dict[tuple[int, int, int | None], int] = {}
    report = -1
    for number, sentence in enumerate(sentences):
        for match in _DATE_IN_TEXT.finditer(sentence):
            if match["month"]:
                month, day, year = _MONTH_NAMES.index(match["month"]) + 1, int(match["day"]), match["year"]
            elif match["m"]:
                month, day, year = int(match["m"]), int(match["d"]), match["y"]
            else:
                month, day, year = int(match["im"]), int(match["id"]), match["iy"]
            by_day[(month, day, None)] = number  # 'June 5' and 'June 5, 2009' both give June 5
            if year:
                by_day[(month, day, int(year))] = number
        if "report" in sentence.lower() and _RELATIVE.search(sentence):
            report = number
    return sentences, by_day, report


def _sentences(body: str) -> list[str]:
    """The body's sentences, in order, in one pass: "Mr. Preston" and "No. 5" do not end a sentence."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body):
        current: list[str] = []
        for piece in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())):
            current.append(piece)
            # Only the piece's last word is looked at: the sentence so far is never scanned again.
            if not _ABBREVIATION.search(piece.rsplit(" ", 1)[-1]):
                sentences.append(" ".join(current))
                current = []
        if current:
            sentences.append(" ".join(current))  # a paragraph always ends a sentence
    return [s for s in sentences if s]
