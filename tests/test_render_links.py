"""The links and table rows the pages write by the thousand are put together in Python
(site/render.py), not by the template's macros: each value escaped exactly as the template's
autoescape escaped it (the expected text is what the macros wrote)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace as NS
from typing import Any

from docket_archive.site import render

HOSTILE = "A & <b>\"x\"</b> 'y'"
ESCAPED = "A &amp; &lt;b&gt;&#34;x&#34;&lt;/b&gt; &#39;y&#39;"


def context() -> Any:
    people = {"p1": NS(name=HOSTILE, aliases=[HOSTILE, "B"])}
    values = {"people": people, "cases_by_key": {"c1": NS(caption=HOSTILE)}, "url": lambda target: "../" + target}
    return render._environment().from_string("").new_context(values)


def test_a_person_link_escapes_the_name_and_other_spellings() -> None:
    assert render.person_link(context(), "p1") == (
        f'<a href="../people/p1.md" title="Also written: {ESCAPED}; B">{ESCAPED}</a>'
    )


def test_a_row_escapes_every_value_and_folds_a_long_summary() -> None:
    letter = NS(
        id="l1", date=date(2015, 3, 4), cases=["c1"], title=HOSTILE, type="joint status letter", sequence=7,
        authors=[NS(person="p1")], summary=" ".join(f"w{i}&" for i in range(40)), case="c1", slug="x",
    )  # fmt: skip
    first, rest = " ".join(f"w{i}&amp;" for i in range(30)), " ".join(f"w{i}&amp;" for i in range(30, 40))
    row = render.letter_row(context(), letter, True, True, "p-")
    assert row.startswith(
        '<tr id="p-year-2015"><td data-label="Date" data-sort="2015-03-04" class="docket-nowrap">2015-03-04</td>'
        f'<td data-label="Case"><a href="../cases/c1.md">{ESCAPED}</a></td><td data-label="Letter"><a href="../'
    )
    assert row.endswith(
        f'">{ESCAPED}</a></td><td data-label="Type">Joint status letter</td><td data-label="No." class="docket-nowrap">7'
        f'</td><td data-label="Authors">{ESCAPED}</td><td data-label="Summary" class="docket-summary">{first}'
        '<details class="docket-more"><summary>…<span class="docket-more__label">more</span></summary>'
        f'<span class="docket-more__rest"> {rest}</span></details></td></tr>\n'
    )
