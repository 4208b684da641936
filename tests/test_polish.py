"""Polish of the generated pages: titles that say their date once, people by
surname, and each page's place (tab and trail) in its front matter."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from docket_archive.site.render import dated_title
from docket_archive.site.trail import letter_trail


class _Letter:
    def __init__(self, title: str, day: date, id: str = "alpha/x") -> None:
        self.title, self.date, self.id = title, day, id


def test_a_title_that_holds_its_date_is_not_given_it_twice() -> None:
    day = date(2009, 7, 20)
    assert dated_title(_Letter("Joint status letter of July 20, 2009", day)) == "Joint status letter of July 20, 2009"
    assert dated_title(_Letter("Status letter (2009-07-20)", day)) == "Status letter (2009-07-20)"
    assert dated_title(_Letter("Joint status letter", day)) == "Joint status letter, July 20, 2009"


def test_a_letter_sits_under_its_case_and_year() -> None:
    class _Case:
        key, caption = "alpha", "In re Alpha <Synthetic>"

    meta = letter_trail(_Letter("First", date(2020, 1, 6), "alpha/2020-01-06-x"), _Case())  # type: ignore[arg-type]
    assert meta["docket_tab"] == "Cases"
    assert meta["docket_trail"] == [
        {"title": "Cases", "url": "cases/"},
        {"title": "In re Alpha <Synthetic>", "url": "cases/alpha/"},  # plain text: the partial escapes it
        {"title": "2020", "url": "cases/alpha/#year-2020"},
        {"title": "First", "url": "letters/alpha/2020-01-06-x/"},
    ]


def test_people_are_listed_by_surname_with_suffixes_kept(repo_site: Path) -> None:
    html = (repo_site / "people" / "index.html").read_text("utf-8")
    names = re.findall(r'<td data-label="Name" data-sort="([^"]*)"><a href="[^"]+">([^<]+)</a>', html)
    shown = [name for _, name in names]
    assert "Seymour Preston, Jr." in shown  # the suffix stays in the name shown
    surnames = [key.split(",")[0] for key, _ in names]
    assert surnames == sorted(surnames) and "preston" in surnames


def test_trail_and_tab_titles_are_escaped_on_the_page(tmp_path: Path) -> None:
    from chain_archive import FIRST, write_chain_archive
    from conftest import copy_repo_site, mkdocs_build

    letters = write_chain_archive(tmp_path / "letters-src")
    case_file = letters / "alpha" / "case.yml"
    case_file.write_text(
        case_file.read_text().replace("In re Alpha (Synthetic)", "In re <i>Alpha</i> & Co (Synthetic)")
    )
    site = mkdocs_build(copy_repo_site(tmp_path, letters))
    html = (site / "letters" / "alpha" / FIRST / "index.html").read_text("utf-8")
    trail = html[html.index('class="docket-trail"') : html.index("</nav>", html.index('class="docket-trail"'))]
    assert "In re &lt;i&gt;Alpha&lt;/i&gt; &amp; Co (Synthetic)</a>" in trail
    assert "<i>" not in trail
    assert 'class="md-tabs__item md-tabs__item--active"' in html
