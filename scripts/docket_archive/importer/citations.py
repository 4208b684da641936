"""Case citations in a letter's text, found with eyecite (Free Law Project's citation finder).

A letter cites other cases ('Carter v. HealthPort, 822 F.3d 47, 57 (2d Cir.
2016)'). Their names, reporters and pages are
not the letter's own case: `mask` blanks every citation eyecite finds (the case
name, reporter, pages, court and year, as `full_span` gives them) so that
readers looking for the letter's case number or caption in the text never take
a cited case for it. The text keeps its length, so positions stay valid.
"""

from __future__ import annotations

MAX_TEXT = 200_000  # characters; eyecite's tokenizer is linear, but a letter is never longer than this


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each case citation in `text`."""
    if len(text) > MAX_TEXT:
        return []
    from eyecite import get_citations
    from eyecite.models import FullCaseCitation

    found = []
    for citation in get_citations(text):
        if isinstance(citation, FullCaseCitation):
            found.append(citation.full_span())
    return sorted(found)


def mask(text: str) -> str:
    """`text` with every case citation blanked out (same length)."""
    out = text
    for start, end in spans(text):
        out = out[:start] + " " * (end - start) + out[end:]
    return out
