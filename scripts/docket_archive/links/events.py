"""Each case's hearings, conferences and deadlines, with the letters that name them.

A letter records a date (`hearings`, `deadlines`); it rarely sets it: the
Court does. So an event is told by what the archive knows of it: the letter
that first names it (and whether the judge endorsed that letter), the later
letters that name it again, and the letters that ask to move it. A letter
asking to adjourn a trial names the trial, but is not the trial, nor does it
move it: only the Court does, so the site says "asked to move", never "moved".

A letter asks to move an event when its type, title, summary or relief asks
to adjourn, postpone, reschedule, continue or extend, and it names the event
(its date, or what it is). That is a reading of words, kept conservative: a
letter that does both for another event is rare, and the page says "asks",
linking the letter, so a reader checks it in one click.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from docket_archive.domain.model import Archive, DatedEvent, Letter

HEARING, DEADLINE = "hearing", "deadline"

_MOVING = re.compile(
    r"\b(?:adjourn\w*|postpone\w*|reschedul\w*|continu(?:e|ance)\b|extend\w*|extension\w*|move\b|moving\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CaseEvent:
    """A hearing, conference or deadline of a case, as the letters record it."""

    kind: str  # HEARING or DEADLINE
    what: str  # "status conference", "Committee's response to the proposal"
    date: date
    time: str  # "HH:MM", or "" when no letter gives one
    named_in: Letter  # the first letter that records it
    also_in: tuple[Letter, ...]  # later letters that record it again
    move_requests: tuple[Letter, ...]  # letters that ask to move it (the first may be named_in itself)

    @property
    def endorsed(self) -> bool:
        """The judge endorsed the letter that names it: the Court set or confirmed the date."""
        return self.named_in.endorsement is not None

    @property
    def named_by_request(self) -> bool:
        """The letter that names it asks to move it: that letter is a request, not the event."""
        return bool(self.move_requests) and self.move_requests[0].id == self.named_in.id


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _date_forms(day: date) -> tuple[str, ...]:
    return (f"{day:%B} {day.day}, {day.year}", f"{day:%B} {day.day}", f"{day.month}/{day.day}", day.isoformat())


def _request(letter: Letter) -> str:
    return " ".join((letter.type, letter.title, letter.summary, *letter.relief_requested))


def is_request_to_move(letter: Letter) -> bool:
    """Whether the letter asks to adjourn, postpone, reschedule or extend something."""
    return _asks_to_move(_request(letter))


@functools.cache  # by the request's words, not an LRU: every rebuild of `docket serve` asks of every letter again
def _asks_to_move(request: str) -> bool:
    return bool(_MOVING.search(request))


def asks_to_move(letter: Letter, what: str, day: date) -> bool:
    """Whether the letter asks to adjourn, postpone or extend this event (see the module's note)."""
    if not is_request_to_move(letter):
        return False
    request = _request(letter)
    named = " ".join((request, letter.body))
    if any(form in named for form in _date_forms(day)):
        return True
    key = _norm(what)
    return bool(key) and key in _norm(request)


def names_events(letter: Letter) -> bool:
    """Whether `case_events` reads the letter: it names a hearing or a deadline, or asks to move one."""
    return bool(letter.hearings or letter.deadlines) or is_request_to_move(letter)


def case_events(archive: Archive, case_key: str, letters: Sequence[Letter] | None = None) -> tuple[CaseEvent, ...]:
    """The case's events by date and time, each once, whatever number of letters name it.
    `letters`: the case's letters that name events or ask to move them (`names_events`),
    oldest first, where known; the others add nothing."""
    letters = archive.letters_of_case(case_key) if letters is None else letters
    found: dict[tuple[str, date, str, str], list[Letter]] = {}
    records: dict[tuple[str, date, str, str], DatedEvent] = {}
    for letter in letters:
        for kind, events in ((HEARING, letter.hearings), (DEADLINE, letter.deadlines)):
            for event in events:
                key = (kind, event.date, event.time, _norm(event.what))
                found.setdefault(key, []).append(letter)
                records.setdefault(key, event)
    requests = [letter for letter in letters if is_request_to_move(letter)]  # few: checked once each
    made = []
    for key, naming in found.items():
        kind, day, at, _ = key
        event = records[key]
        first = naming[0]
        later = [letter for letter in requests if letter.sort_key >= first.sort_key]
        movers = tuple(letter for letter in later if asks_to_move(letter, event.what, day))
        made.append(CaseEvent(kind, event.what, day, at, first, tuple(naming[1:]), movers))
    return tuple(sorted(made, key=lambda e: (e.date, e.time or "99", e.kind, e.what)))


def upcoming_first(events: Iterable[CaseEvent], today: date) -> tuple[list[CaseEvent], list[CaseEvent]]:
    """(events from today on, soonest first; past events, latest first)."""
    events = list(events)
    upcoming = [event for event in events if event.date >= today]
    past = [event for event in reversed(events) if event.date < today]
    return upcoming, past
