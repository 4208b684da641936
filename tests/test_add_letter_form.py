"""The "Add a letter" form in real headless Chromium: live validation, the file it
makes (which must pass `docket check` and build), the pull-request link, privacy,
and registry values shown as text, never as HTML.

The archive is the fictional chain archive; the letter typed in says it is synthetic.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from chain_archive import FIRST, write_chain_archive
from conftest import AXE, copy_repo_site, inject_axe, mkdocs_build, require, serious_accessibility_violations, serve
from docket_archive.cli import main

pytestmark = pytest.mark.browser

REPOSITORY = "example-org/docket-archive"  # a made-up repository name: the link is never followed
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_PEOPLE = f"""
hostile-fixture:
  name: "{HOSTILE}"
  firm: "<b>Bold</b> & Co"
  aliases: ["<script>alert(2)</script>"]
"""

# What Word puts on the clipboard: curly quotes, non-breaking spaces, a tab, a zero-width space.
SUMMARY = "SYNTHETIC TEST LETTER: the parties report \u201cno change\u201d;\u00a0the Committee\u2019s #1 proposal {still} stands."
BODY = (
    "Dear Judge Testwood:\n\n"
    "\tSYNTHETIC TEST LETTER, not a real court filing.\u00a0The parties report \u201cno change\u201d "
    "since the letter of January\u00a06, 2020.\u200b\n\n"
    "Respectfully submitted,\n\nCasey Fixture\n"
)


@pytest.fixture(scope="module")
def form_site(tmp_path_factory) -> tuple[Path, Path]:
    """(project, built site): the chain archive plus a person with a hostile name."""
    tmp = tmp_path_factory.mktemp("form")
    letters = write_chain_archive(tmp / "letters-src")
    with (letters / "people.yml").open("a", encoding="utf-8") as registry:
        registry.write(HOSTILE_PEOPLE)
    project = copy_repo_site(tmp, letters)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace('repository: ""', f"repository: {REPOSITORY}"))
    assert f"repository: {REPOSITORY}" in config.read_text()
    return project, mkdocs_build(project)


@pytest.fixture(scope="module")
def form_url(form_site):
    base, stop = serve(form_site[1])
    yield base
    stop()


def open_form(page, form_url: str) -> None:
    page.goto(form_url + "/add-letter/")
    page.wait_for_selector('form[data-ready="true"]', state="attached")


def paste(page, selector: str, text: str) -> None:
    """Paste through the clipboard, as a person does from Word."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.locator(selector).focus()
    page.keyboard.press("Control+V")


def fill_letter(page) -> None:
    page.fill("#f-case", "alpha")
    page.fill("#f-date", "2020-02-31")
    assert "is not a real date" in page.inner_text("#f-date-msg")
    assert page.get_attribute("#f-date", "aria-invalid") == "true"
    page.fill("#f-date", "2020-03-02")
    assert page.inner_text("#f-date-msg") == ""
    page.fill("#f-sequence", "5")
    author = page.locator("#authors [data-name=person]").first
    author.fill("Fixture")
    message = page.locator("#authors .add-letter__msg").first
    assert "unknown person 'Fixture'" in message.inner_text()
    message.get_by_role("button", name="Use Casey Fixture (casey-fixture-2)").click()
    assert "✓ Casey Fixture (casey-fixture-2)" in message.inner_text()
    page.locator("#authors [data-name=on_behalf_of]").first.fill("the parties")
    page.locator("#cc [data-name=person]").first.fill("Devon Mockridge")
    page.locator("#cc [data-name=via]").first.fill("e-mail")
    page.click("#add-cc")
    page.locator("#cc [data-name=person]").nth(1).fill("finley-dummett-5")
    page.locator("#cc [data-name=via]").nth(1).fill("first-class mail")
    page.fill("#f-delivery", "ECF")
    paste(page, "#f-summary", SUMMARY)
    page.fill("#f-tags", "Mediation, plan financing")
    page.fill("#f-next", "March 16, 2020")
    page.get_by_role("button", name="Use 2020-03-16").click()
    page.click("#add-reference")
    page.locator("#references [data-name=text]").first.fill("the status letter of January 6, 2020")
    page.locator("#references [data-name=date]").first.fill("2020-01-06")
    paste(page, "#f-body", BODY)


def test_the_form_makes_a_letter_that_passes_check_and_builds(page, form_url: str, form_site, tmp_path: Path) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_form(page, form_url)
    fill_letter(page)
    assert page.inner_text("#result-summary") == "Ready: the file passes the checks."
    path = page.inner_text("#result-path")
    text = page.text_content("#result-file")
    assert path == "letters/alpha/2020-03-02-joint-status-letter.md"
    # Cleaned: no Word characters left in the values, the text's own quotes kept.
    assert (
        'summary: "SYNTHETIC TEST LETTER: the parties report \\"no change\\"; the Committee\'s #1 proposal {still} stands."'
        in text
    )
    assert "\u00a0" not in text and "\u200b" not in text and "\t" not in text
    assert "\nSYNTHETIC TEST LETTER, not a real court filing. The parties report \u201cno change\u201d" in text

    # The pull-request link carries the path and the very same content.
    link = urlsplit(page.get_attribute("#open-pr", "href"))
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", f"/{REPOSITORY}/new/main")
    query = parse_qs(link.query)
    assert query["filename"] == [path] and query["value"] == [text]
    with page.expect_download() as download:
        page.click("#download")
    assert Path(download.value.path()).read_text("utf-8") == text

    # Nothing left the site's host (the link was not followed).
    assert {urlsplit(url).netloc for url in page.requests if url.startswith("http")} == {urlsplit(form_url).netloc}

    # The file, added to a copy of the archive, passes `docket check` and builds.
    project = tmp_path / "project"
    shutil.copytree(form_site[0], project, ignore=shutil.ignore_patterns("site"))
    (project / path).write_text(text, "utf-8")
    check = CliRunner().invoke(main, ["check", str(project / "letters")])
    assert check.exit_code == 0, check.output
    html = (mkdocs_build(project) / "letters/alpha/2020-03-02-joint-status-letter/index.html").read_text("utf-8")
    assert (
        "the Committee&#39;s #1 proposal {still} stands" in html or "the Committee's #1 proposal {still} stands" in html
    )
    assert f"../{FIRST}/" in html  # the reference became a link to the cited letter


def test_unknown_case_offers_the_close_one(page, form_url: str) -> None:
    open_form(page, form_url)
    page.fill("#f-case", "alpah")
    assert "unknown case 'alpah': did you mean alpha" in page.inner_text("#f-case-msg")
    page.get_by_role("button", name="Use alpha (In re Alpha (Synthetic))").click()
    assert page.inner_text("#f-case-msg") == "✓ In re Alpha (Synthetic), No. 99-10001 (PT)"


def test_a_new_person_is_proposed_for_people_yml(page, form_url: str) -> None:
    open_form(page, form_url)
    page.locator("#cc [data-name=person]").first.fill("Robin Newcomb")
    page.get_by_role("button", name="Add “Robin Newcomb” as a new person").click()
    assert "✓ Robin Newcomb (robin-newcomb)" in page.locator("#cc .add-letter__msg").first.inner_text()
    assert page.is_visible("#proposals")
    proposal = page.inner_text("#proposal-list")
    assert "Add these lines at the end of letters/people.yml" in proposal
    assert 'robin-newcomb:\n  name: "Robin Newcomb"' in proposal
    assert 'person: "robin-newcomb"' in page.inner_text("#result-file")


def test_hostile_registry_values_show_as_text(page, form_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_form(page, form_url)
    author = page.locator("#authors [data-name=person]").first
    author.fill(HOSTILE)
    message = page.locator("#authors .add-letter__msg").first
    assert message.inner_text() == f"✓ {HOSTILE} (hostile-fixture)"
    assert 'person: "hostile-fixture"' in page.inner_text("#result-file")
    assert 'firm: "<b>Bold</b> & Co"' in page.inner_text("#result-file")
    author.fill("<img src=x")  # a suggestion shows the name as text too
    assert f"Use {HOSTILE} (hostile-fixture)" in message.inner_text()
    option = page.locator('#people-list option[label*="hostile-fixture"]')
    assert option.get_attribute("value") == HOSTILE
    assert page.locator("#add-letter img, #add-letter script, #add-letter b").count() == 0
    assert dialogs == []


def test_the_form_has_no_serious_accessibility_violation(page, form_url: str) -> None:
    require(AXE, "npm install --prefix .cache/npm axe-core@4 (the README's test command does)")
    open_form(page, form_url)
    page.fill("#f-date", "7/6/2020")  # with messages and suggestion buttons showing
    page.locator("#authors [data-name=person]").first.fill("Fixture")
    inject_axe(page)
    assert serious_accessibility_violations(page, "'#add-letter'") == []
    assert page.locator("#f-date[aria-invalid=true]").count() == 1  # the messages really showed


TRICKY = [
    "key: value",
    "# not a comment",
    "{not: a map}",
    "[not, a, list]",
    "- not a list item",
    "'single' and \"double\" quotes",
    "back\\slash",
    "two\nlines",
    "yes",
    "null",
    "2009-07-06",
    "@at `tick` %percent !tag *alias &anchor |pipe >fold",
    "line\u2028separator, next\x85line, bom\ufeff, del\x7f",
    "emoji \U0001f600 and accents é",
    " leading and trailing spaces ",
    "",
]


def test_yaml_from_the_form_reads_back_exactly(page, form_url: str) -> None:
    """Every string, whatever it holds, is written so that YAML reads back the same string."""
    import yaml

    open_form(page, form_url)
    written = page.evaluate(
        """async (values) => {
            const lib = await import('/javascripts/add-letter-lib.js');
            return lib.toYaml({values, nested: {list: values.map((v) => ({text: v}))}});
        }""",
        TRICKY,
    )
    data = yaml.safe_load(written)
    assert data["values"] == TRICKY
    assert [item["text"] for item in data["nested"]["list"]] == TRICKY


def test_a_letter_too_long_for_a_link_is_offered_as_a_download(page, form_url: str) -> None:
    open_form(page, form_url)
    page.fill("#f-case", "alpha")
    page.fill("#f-date", "2020-03-02")
    page.locator("#authors [data-name=person]").first.fill("casey-fixture-2")
    page.fill("#f-summary", "SYNTHETIC TEST LETTER.")
    page.fill("#f-body", "SYNTHETIC TEST LETTER, a long one. " * 300)
    assert page.inner_text("#result-summary") == "Ready: the file passes the checks."
    assert page.is_hidden("#open-pr") and page.is_visible("#too-long")
    upload = page.get_attribute("#upload-link", "href")
    assert upload == f"https://github.com/{REPOSITORY}/upload/main/letters/alpha"
    with page.expect_download() as download:
        page.click("#download")
    assert download.value.suggested_filename == "2020-03-02-joint-status-letter.md"
    assert "SYNTHETIC TEST LETTER, a long one." in Path(download.value.path()).read_text("utf-8")


def test_a_new_case_is_proposed_as_its_case_yml(page, form_url: str, form_site, tmp_path: Path) -> None:
    open_form(page, form_url)
    page.fill("#f-case", "In re Gamma (Synthetic)")
    page.get_by_role("button", name="Propose a new case “In re Gamma (Synthetic)”").click()
    assert page.input_value("#f-newcase-key") == "in-re-gamma-synthetic"
    page.fill("#f-newcase-key", "gamma")
    page.fill("#f-newcase-caption", "In re Gamma (Synthetic)")
    page.fill("#f-newcase-number", "99-10003 (PT)")
    page.fill("#f-newcase-court", "nysb")
    page.fill("#f-newcase-judge", "Judge Testwood")
    page.fill("#f-date", "2020-03-02")
    assert page.inner_text("#result-path") == "letters/gamma/2020-03-02-joint-status-letter.md"
    assert 'addressee: "judge-testwood"' in page.inner_text("#result-file")  # the new case's judge
    proposal = page.inner_text("#proposal-list")
    assert "New file letters/gamma/case.yml" in proposal
    assert (
        'number: "99-10003 (PT)"\ncaption: "In re Gamma (Synthetic)"\ncourt: "nysb"\njudge: "judge-testwood"'
        in proposal
    )
    create = page.get_by_role("link", name="Create letters/gamma/case.yml").get_attribute("href")
    assert parse_qs(urlsplit(create).query)["filename"] == ["letters/gamma/case.yml"]
    # The proposed case.yml, added to the archive, passes `docket check`.
    letters = tmp_path / "letters"
    shutil.copytree(form_site[0] / "letters", letters)
    (letters / "gamma").mkdir()
    (letters / "gamma" / "case.yml").write_text(page.locator(".add-letter__proposal pre").first.text_content(), "utf-8")
    check = CliRunner().invoke(main, ["check", str(letters)])
    assert check.exit_code == 0, check.output


def test_several_addressees_each_checked(page, form_url: str) -> None:
    open_form(page, form_url)
    page.fill("#f-addressee", "Judge Testwood; Alex Testwod")
    message = page.locator("#f-addressee-msg")
    assert "unknown person 'Alex Testwod'" in message.inner_text()
    message.get_by_role("button", name="Use Alex Testwood (alex-testwood-0)").click()
    assert page.input_value("#f-addressee") == "Judge Testwood; Alex Testwood"
    assert 'addressee: ["judge-testwood", "alex-testwood-0"]' in page.inner_text("#result-file")
