"""The scan of a letter's text for "the status letter dated June 5, 2009" finds what DATE_MENTION finds.

`links.mentions._dates` finds the pattern's words from "letter" on first and
then the describing words before them (a tenth of the scan's time); these
tests hold it to the whole pattern's matches, on texts made of its own words
in every case, near-misses, and whitespace of every kind.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from docket_archive.links.mentions import _MONTHS, DATE_MENTION, _dates

WORDS = [
    *["letter", "report", "letters", "Reports", "dated", "of", "OF", "June", "june", "May", "February", "Feb"],
    *["5,", "31,", "2009", "20091", "joint", "Status", "prior", "fifth", "FURTHER", "first", "disjoint", "_joint"],
    *["firſt", "K", "x", "é", "3", "(", ",", ".", "status letter dated June 5, 2009"],
]
SPACES = ["", " ", "  ", "\n", "\t", "\u00a0"]
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)), max_size=30).map(
    lambda pieces: "".join(word + space for word, space in pieces)
)


def whole_pattern(body: str) -> tuple[tuple[int, int, date], ...]:
    found = []
    for match in DATE_MENTION.finditer(body):
        month = _MONTHS.split("|").index(match["month"].capitalize()) + 1
        try:
            found.append((match.start(), match.end(), date(int(match["year"]), month, int(match["day"]))))
        except ValueError:
            continue
    return tuple(found)


@given(TEXT)
@settings(max_examples=2000, deadline=None)
def test_the_scan_finds_the_whole_patterns_matches(body: str) -> None:
    assert _dates(body) == whole_pattern(body), repr(body)


def test_up_to_three_describing_words_belong_to_the_mention() -> None:
    body = "See the first second third fourth letter dated May 1, 2010, and the report of June 31, 2009."
    assert _dates(body) == whole_pattern(body)
    ((start, end, day),) = _dates(body)
    assert body[start:end] == "second third fourth letter dated May 1, 2010"
    assert day == date(2010, 5, 1)
