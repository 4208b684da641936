"""The generated site, built by real MkDocs from fixture archives, checked in its HTML."""

from __future__ import annotations

import re
from pathlib import Path

from chain_archive import ALPHA, BETA, FINANCING, FIRST, SECOND, THIRD
from htmltools import content, element, links, page, resolve, section, text

ALL = [f"alpha/{stem}" for stem in ALPHA] + [f"beta/{stem}" for stem in BETA]


def letter_page(site: Path, letter_id: str) -> str:
    return page(site, f"letters/{letter_id}")


def test_every_letter_has_exactly_one_page(chain_site: Path) -> None:
    built = sorted(
        str(p.parent.relative_to(chain_site / "letters")) for p in (chain_site / "letters").rglob("index.html")
    )
    assert built == sorted(ALL)


def test_previous_and_next_follow_the_case_by_date(chain_site: Path) -> None:
    def neighbours(letter_id: str) -> tuple[str | None, str | None]:
        html = section(letter_page(chain_site, letter_id), "in-this-case")
        found = {}
        for rel in ("prev", "next"):
            match = re.search(rf'<a href="([^"]+)" rel="{rel}"', html)
            found[rel] = resolve(f"letters/{letter_id}/", match.group(1)) if match else None
        return found["prev"], found["next"]

    assert neighbours("alpha/" + FIRST) == (None, "letters/alpha/" + SECOND)
    assert neighbours("alpha/" + SECOND) == ("letters/alpha/" + FIRST, "letters/alpha/" + FINANCING)
    assert neighbours("alpha/" + FINANCING) == ("letters/alpha/" + SECOND, "letters/alpha/" + THIRD)
    assert neighbours("alpha/" + THIRD)[1] is None
    # Letters of another case are never neighbours.
    assert neighbours("beta/" + BETA[0]) == (None, None)


def test_references_link_and_missing_ones_say_so(chain_site: Path) -> None:
    html = section(letter_page(chain_site, "alpha/" + THIRD), "references")
    hrefs = [resolve(f"letters/alpha/{THIRD}/", href) for href, _ in links(html)]
    assert hrefs == ["letters/alpha/" + SECOND]
    assert "the committee's letter of December 2, 2019 (not in the archive)" in text(html)


def test_referenced_by_lists_the_backlinks(chain_site: Path) -> None:
    first = section(letter_page(chain_site, "alpha/" + FIRST), "referenced-by")
    assert [resolve(f"letters/alpha/{FIRST}/", h) for h, _ in links(first)] == ["letters/alpha/" + SECOND]
    last = section(letter_page(chain_site, "alpha/" + FINANCING), "referenced-by")
    assert links(last) == [] and "No letter in the archive refers to this one" in text(last)


def test_mentions_in_the_text_become_links(chain_site: Path) -> None:
    here = f"letters/alpha/{THIRD}/"
    body = element(letter_page(chain_site, "alpha/" + THIRD), "docket-letter")
    found = {text_: resolve(here, href) for href, text_ in links(body)}
    # Named only by its date in the text; the front matter lists it differently.
    assert found == {"status letter dated January 20, 2020": "letters/alpha/" + SECOND}
    # A docket entry reference links to the entry on the case page.
    first = element(letter_page(chain_site, "alpha/" + FIRST), "docket-letter")
    [(href, label)] = links(first)
    assert label == "the Court's January 15, 2020 order regarding mediation"
    assert href.endswith("cases/alpha/#docket-2020-01-15")


def test_the_chronological_pages_list_every_letter_once_newest_first(chain_site: Path) -> None:
    overview = page(chain_site, "archive")
    years = [resolve("archive/", href) for href, label in links(content(overview)) if label.isdigit()]
    assert years == ["archive/2021", "archive/2020"]
    listed = []
    for year in years:
        for href, _ in links(content(page(chain_site, year))):
            target = resolve(year + "/", href)
            if target.startswith("letters/"):
                listed.append(target[len("letters/") :])
    newest_first = sorted(ALL, key=lambda i: (i.split("/")[1][:10], i), reverse=True)
    assert sorted(listed) == sorted(ALL) and len(listed) == len(ALL)
    assert [i.split("/")[1][:10] for i in listed] == [i.split("/")[1][:10] for i in newest_first]


def test_case_page_has_the_timeline_docket_entries_and_next_due(chain_site: Path) -> None:
    html = content(page(chain_site, "cases/alpha"))
    timeline = section(page(chain_site, "cases/alpha"), "timeline")
    # Newest first: the latest letter is what a reader looks for (after the year index's own links).
    letters = [resolve("cases/alpha/", h) for h, _ in links(timeline) if not h.startswith("#")]
    assert letters == [f"letters/alpha/{s}" for s in reversed(ALPHA)]
    assert 'id="docket-2020-01-15"' in html and "Order regarding mediation" in html
    assert "February 17, 2020" in text(html)  # the next report, promised by the latest letter of the third


def test_person_pages_resolve_aliases_and_list_roles(chain_site: Path) -> None:
    judge = page(chain_site, "people/judge-testwood")
    received = section(judge, "letters-received")
    # Letter 2 names the judge by the alias "Judge Testwood".
    assert len([h for h, _ in links(received) if "letters/" in h]) == len(ALL)
    devon = page(chain_site, "people/devon-mockridge-3")
    assert len([h for h, _ in links(section(devon, "copied-on")) if "letters/" in h]) == 1
    firms = content(page(chain_site, "people/firms"))
    assert "Example &amp; Partners LLP" in firms and "people/casey-fixture-2" in resolve(
        "people/firms/", "../casey-fixture-2/"
    )


def test_home_shows_the_build_date_and_overdue_reports(chain_site: Path) -> None:
    home = text(content((chain_site / "index.html").read_text())).replace(" ,", ",").replace(" .", ".")
    assert "March 10, 2021" in home  # the build date
    assert "5 letters in 2 cases, from January 6, 2020 to March 1, 2021" in home
    # alpha's latest letter (Feb 3, 2020) sets no date; its sequence's last did, but only
    # the latest letter counts. beta's is due March 15, 2021: due soon.
    assert "Due soon: in 5 days" in home


def test_topics_pages(chain_site: Path) -> None:
    financing = content(page(chain_site, "tags/financing"))
    assert len([h for h, _ in links(financing) if "letters/" in h]) == 2


def test_letters_are_not_in_the_navigation(chain_site: Path) -> None:
    html = letter_page(chain_site, "alpha/" + FIRST)
    # The primary navigation runs up to the page's table of contents.
    nav = html[html.index('class="md-nav md-nav--primary') : html.index('class="md-nav md-nav--secondary')]
    # The page's own trail (case, year, letter) is in the sidebar: four links
    # whatever the archive's size, so it is taken out before counting the nav.
    start = nav.index('<nav class="docket-trail"')
    trail, nav = nav[start : nav.index("</nav>", start)], nav[:start] + nav[nav.index("</nav>", start) :]
    assert len(links(trail)) == 4
    nav_targets = [resolve(f"letters/alpha/{FIRST}/", href) for href, _ in links(nav)]
    assert "cases" in nav_targets and "archive" in nav_targets
    assert [t for t in nav_targets if t.startswith(("letters/", "cases/", "people/judge"))] == []


def test_the_original_file_is_published_and_linked(chain_site: Path) -> None:
    html = letter_page(chain_site, "alpha/" + FIRST)
    [href] = {h for h, _ in links(html) if "originals/" in h}  # in the card and above the original shown
    assert (chain_site / resolve(f"letters/alpha/{FIRST}/", href)).read_bytes().startswith(b"SYNTHETIC")


def test_builds_are_deterministic(chain_site: Path, tmp_path: Path) -> None:
    from conftest import mkdocs_build

    again = mkdocs_build(chain_site.parent, tmp_path / "again")
    first = {p.relative_to(chain_site): p.read_bytes() for p in chain_site.rglob("*.html")}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*.html")}
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_print_stylesheet_hides_navigation(chain_site: Path) -> None:
    css = (chain_site / "stylesheets" / "docket.css").read_text()
    assert "@media print" in css and ".md-sidebar" in css.split("@media print")[1]
    assert "stylesheets/docket.css" in letter_page(chain_site, "alpha/" + FIRST)


def test_the_repository_site_builds_strict(repo_site: Path) -> None:
    html = letter_page(repo_site, "lexington-precision/2009-06-22-joint-status-letter")
    assert "Adam P. Strochak" in html and "Bankr. S.D.N.Y." in html
    assert "the fifth joint status letter dated June 5, 2009 (not in the archive)" in text(html)


def test_a_broken_letter_fails_the_build_naming_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    from chain_archive import write_chain_archive
    from conftest import copy_repo_site

    letters = write_chain_archive(tmp_path / "letters-src")
    bad = letters / "alpha" / f"{SECOND}.md"
    bad.write_text(bad.read_text().replace("sequence: 2", "sequence: two"))
    project = copy_repo_site(tmp_path, letters)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"letters/alpha/{SECOND}.md:" in result.stderr + result.stdout
    assert "sequence: must be a whole number" in result.stderr + result.stdout


def test_docket_build_writes_the_same_pages(tmp_path: Path, monkeypatch) -> None:
    """`docket build --out` (the path for other engines) writes exactly what the plugin gives MkDocs."""
    from datetime import date

    from click.testing import CliRunner

    from chain_archive import write_chain_archive
    from conftest import REPO
    from docket_archive.cli import main
    from docket_archive.load.archive import load_archive
    from docket_archive.site.build import build_pages

    letters = write_chain_archive(tmp_path / "letters")
    monkeypatch.setenv("DOCKET_BUILD_DATE", "2021-03-10")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", "--out", str(out), "--letters", str(letters), "--docs", str(REPO / "docs")]
    )
    assert result.exit_code == 0, result.output
    archive, _ = load_archive(letters)
    expected = build_pages(archive, date(2021, 3, 10), letters_root=letters)
    for path, generated in expected.pages.items():
        assert (out / path).read_text("utf-8") == generated.markdown, path
    for path, data in expected.assets.items():
        assert (out / path).read_bytes() == data, path
    for path, source in expected.files.items():
        assert (out / path).read_bytes() == source.read_bytes(), path
    hand_written = [p.relative_to(REPO / "docs") for p in (REPO / "docs").rglob("*") if p.is_file()]
    assert hand_written and all((out / p).read_bytes() == (REPO / "docs" / p).read_bytes() for p in hand_written)
