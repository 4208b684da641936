"""The time zone a court keeps: its hearings are at the court's local time.

courts-db gives each court's location, the state (or territory) it sits in
("New York", "Illinois", "California"); this module maps it to an IANA zone
that the standard library's `zoneinfo` knows, daylight saving time included.

States split across zones: a court sits where its seat is, not across the
state. Each state maps to the zone of its most populous part, where its
federal courts sit (Texas: Central; Florida, Michigan, Indiana, Kentucky:
Eastern; Tennessee, Kansas, Nebraska and the Dakotas: Central; Idaho:
Mountain; Oregon: Pacific). A court whose seat is in another zone than its
state's is named in `_COURT_ZONES` (the Eastern District of Tennessee sits in
Knoxville, on Eastern time). Divisions of one district in another zone (El
Paso in the Western District of Texas, Pensacola in the Northern District of
Florida, Hammond in the Northern District of Indiana) are not told apart: a
hearing there shows an hour off, and a case of such a division can be fixed
by adding its court here. A court whose location is not a state or territory
gives None, and its hearings are written in floating time (the time the
letter gives, as the court's).
"""

from __future__ import annotations

from functools import cache

from . import courts

_STATE_ZONES = {
    "Alabama": "America/Chicago",
    "Alaska": "America/Anchorage",
    "Arizona": "America/Phoenix",  # no daylight saving time
    "Arkansas": "America/Chicago",
    "California": "America/Los_Angeles",
    "Colorado": "America/Denver",
    "Connecticut": "America/New_York",
    "Delaware": "America/New_York",
    "District of Columbia": "America/New_York",
    "Washington D.C.": "America/New_York",
    "Florida": "America/New_York",
    "Georgia": "America/New_York",
    "Hawaii": "Pacific/Honolulu",
    "Idaho": "America/Boise",
    "Illinois": "America/Chicago",
    "Indiana": "America/Indiana/Indianapolis",
    "Iowa": "America/Chicago",
    "Kansas": "America/Chicago",
    "Kentucky": "America/New_York",
    "Louisiana": "America/Chicago",
    "Maine": "America/New_York",
    "Maryland": "America/New_York",
    "Massachusetts": "America/New_York",
    "Michigan": "America/Detroit",
    "Minnesota": "America/Chicago",
    "Mississippi": "America/Chicago",
    "Missouri": "America/Chicago",
    "Montana": "America/Denver",
    "Nebraska": "America/Chicago",
    "Nevada": "America/Los_Angeles",
    "New Hampshire": "America/New_York",
    "New Jersey": "America/New_York",
    "New Mexico": "America/Denver",
    "New York": "America/New_York",
    "North Carolina": "America/New_York",
    "North Dakota": "America/Chicago",
    "Ohio": "America/New_York",
    "Oklahoma": "America/Chicago",
    "Oregon": "America/Los_Angeles",
    "Pennsylvania": "America/New_York",
    "Rhode Island": "America/New_York",
    "South Carolina": "America/New_York",
    "South Dakota": "America/Chicago",
    "Tennessee": "America/Chicago",
    "Texas": "America/Chicago",
    "Utah": "America/Denver",
    "Vermont": "America/New_York",
    "Virginia": "America/New_York",
    "Washington": "America/Los_Angeles",
    "West Virginia": "America/New_York",
    "Wisconsin": "America/Chicago",
    "Wyoming": "America/Denver",
    "Puerto Rico": "America/Puerto_Rico",
    "Virgin Islands": "America/St_Thomas",
    "Guam": "Pacific/Guam",
    "Northern Mariana Islands": "Pacific/Saipan",
    "American Samoa": "Pacific/Pago_Pago",
}

# Courts whose seat keeps another zone than the rest of their state.
_COURT_ZONES = {
    "tned": "America/New_York",  # E.D. Tenn.: Knoxville, Chattanooga
    "tneb": "America/New_York",  # its bankruptcy court
}


def state_zone(state: str) -> str | None:
    """The IANA zone of a US state or territory by its name, or None."""
    return _STATE_ZONES.get(state.strip())


@cache
def court_zone(court_id: str) -> str | None:
    """The IANA zone a court keeps (e.g. "America/Chicago" for "ilnd"), or None when not known."""
    if court_id in _COURT_ZONES:
        return _COURT_ZONES[court_id]
    return state_zone(courts.location(court_id))
