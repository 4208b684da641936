"""The "Add a letter" form in real headless Chromium: live validation, the file it
makes (which must pass `docket check` and build), the pull-request link, privacy,
and registry values shown as text, never as HTML.

The one click is followed for real: the browser's navigation to GitHub is caught
(answered here, never sent), what the proposal would commit is decoded from it
(and, for a letter too long for a link, from the clipboard it is pasted from),
written into a copy of the repository, and `docket check` runs there.

The archive is the fictional chain archive; the letters typed in say they are synthetic.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from chain_archive import FIRST, write_chain_archive
from conftest import AXE, copy_repo_site, inject_axe, mkdocs_build, require, serious_accessibility_violations, serve
from docket_archive.cli import main

pytestmark = pytest.mark.browser

REPOSITORY = "example-org/docket-archive"  # a made-up repository name: the link is never followed
# ... written in mkdocs.yml as people copy it from their browser.
REPOSITORY_SETTING = f"https://github.com/{REPOSITORY}.git"
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_PEOPLE = f"""
hostile-fixture:
  name: "{HOSTILE}"
  firm: "<b>Bold</b> & Co"
  aliases: ["<script>alert(2)</script>"]
"""

# A letter that describes someone not in people.yml yet (as a letter from the form does).
DESCRIBING = """---
title: Status letter
date: 2020-02-17
case: alpha
type: status letter
authors: [{person: casey-fixture-2}]
addressee: judge-testwood
cc: [{person: quinn-described}]
summary: SYNTHETIC TEST LETTER.
new_people:
  quinn-described: {name: Quinn Described, firm: Described Synthetic LLP}
---

SYNTHETIC TEST LETTER, not a real court filing.
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
    (letters / "alpha" / "2020-02-17-status-letter.md").write_text(DESCRIBING, "utf-8")
    project = copy_repo_site(tmp, letters)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace('repository: ""', f"repository: {REPOSITORY_SETTING}"))
    assert f"repository: {REPOSITORY_SETTING}" in config.read_text()
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


def follow_the_click(page) -> tuple[str, str, str]:
    """Click the form's button; catch the navigation to GitHub (answered here: nothing is sent);
    return (the proposal's address, the file's path, the text it would commit)."""
    caught: list[str] = []

    def answer(route) -> None:
        caught.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>GitHub (caught by the test)</title>")

    page.context.route("https://github.com/**", answer)
    with page.context.expect_page() as opened:
        page.click("#open-pr")
    opened.value.wait_for_load_state()
    [url] = caught
    link = urlsplit(url)
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", f"/{REPOSITORY}/new/main")
    query = parse_qs(link.query)
    [path] = query["filename"]
    if "value" in query:
        [text] = query["value"]
    else:  # too long for the link: GitHub's editor opens empty, and the person pastes the copied file
        page.bring_to_front()
        expect(page.locator("#copy-status")).to_have_text(
            "The file is copied: paste it into the empty box on GitHub's page."
        )
        text = page.evaluate("navigator.clipboard.readText()")
    return url, path, text


def commit_and_check(form_site, tmp_path: Path, path: str, text: str) -> tuple[Path, str]:
    """Write exactly what the proposal commits into a copy of the repository; `docket check` must pass there."""
    project = tmp_path / "project"
    shutil.copytree(form_site[0], project, ignore=shutil.ignore_patterns("site"))
    target = project / path
    assert not target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    check = CliRunner().invoke(main, ["check", str(project / "letters")])
    assert check.exit_code == 0, check.output
    return project, check.output


def fill_letter(page) -> None:
    page.fill("#f-case", "alpha")
    page.fill("#f-date", "2020-02-31")
    assert "is not a real date" in page.inner_text("#f-date-msg")
    assert page.get_attribute("#f-date", "aria-invalid") == "true"
    page.fill("#f-date", "2020-03-02")
    assert page.inner_text("#f-date-msg") == ""
    page.fill("#f-type", "joint status letter")
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
    page.fill("#f-next", "in two weeks")  # as the letter says it: counted from the letter's date
    page.get_by_role("button", name="Use 2020-03-16 (in two weeks from the letter's date)").click()
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
    _, proposed_path, proposed = follow_the_click(page)
    assert (proposed_path, proposed) == (path, text)
    with page.expect_download() as download:
        page.click("#download")
    assert Path(download.value.path()).read_text("utf-8") == text

    # Nothing left the site's host (the page's own requests; GitHub's was answered by the test).
    assert {urlsplit(url).netloc for url in page.requests if url.startswith("http")} == {urlsplit(form_url).netloc}

    # The file, added to a copy of the archive, passes `docket check` and builds.
    project, _ = commit_and_check(form_site, tmp_path, path, text)
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
    author.fill("<img src=x onerror=alert(1)")  # a suggestion shows the name as text too
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


def test_several_addressees_each_checked(page, form_url: str) -> None:
    open_form(page, form_url)
    page.fill("#f-addressee", "Judge Testwood; Alex Testwod")
    message = page.locator("#f-addressee-msg")
    assert "unknown person 'Alex Testwod'" in message.inner_text()
    message.get_by_role("button", name="Use Alex Testwood (alex-testwood-0)").click()
    assert page.input_value("#f-addressee") == "Judge Testwood; Alex Testwood"
    assert 'addressee: ["judge-testwood", "alex-testwood-0"]' in page.inner_text("#result-file")


def add_new_person(page, row_input, name: str) -> None:
    row_input.fill(name)
    page.get_by_role("button", name=f"Add “{name}” as a new person").click()


def test_a_letter_naming_a_new_author_and_a_new_case_is_one_pull_request_that_passes(
    page, form_url: str, form_site, tmp_path: Path
) -> None:
    open_form(page, form_url)
    page.fill("#f-case", "99-10003 (PT)")
    page.get_by_role("button", name="Propose a new case “99-10003 (PT)”").click()
    assert page.input_value("#f-newcase-number") == "99-10003 (PT)"  # taken from what was typed
    page.fill("#f-newcase-key", "gamma")
    page.fill("#f-newcase-caption", "In re Gamma (Synthetic)")
    page.fill("#f-newcase-court", "Bankruptcy Court S.D. New York")  # a court by its name, not its id
    page.get_by_role("button", name="Use United States Bankruptcy Court, S.D. New York (nysb)").click()
    add_new_person(page, page.locator("#f-newcase-judge"), "Pat Judgeson")
    page.fill("#f-date", "2020-03-02")
    page.fill("#f-type", "letter motion")
    add_new_person(page, page.locator("#authors [data-name=person]").first, "Robin Newcomb")
    page.locator("#authors [data-name=firm]").first.fill("Newcomb Synthetic LLP")
    role = page.get_by_label("Role, as the letter gives it")
    role.first.fill("United States Bankruptcy Judge")  # Pat Judgeson, added first
    page.fill("#f-summary", "SYNTHETIC TEST LETTER: a letter motion in a new case.")
    page.fill("#f-body", "Dear Judge Judgeson:\n\nSYNTHETIC TEST LETTER, not a real court filing.\n\nRobin Newcomb\n")
    assert page.inner_text("#result-summary") == "Ready: the file passes the checks."
    assert "one button opens the archive's repository on GitHub" in page.inner_text("#how-repository")
    assert page.is_hidden("#how-no-repository") and page.is_hidden("#paste-help")

    url, path, text = follow_the_click(page)
    assert len(url) < 6000 and path == "letters/gamma/2020-03-02-letter-motion.md"
    assert text == page.text_content("#result-file")
    # One file carries everything: the new people and the new case are described in it.
    assert 'new_people:\n  robin-newcomb:\n    name: "Robin Newcomb"\n    firm: "Newcomb Synthetic LLP"\n' in text
    assert '  pat-judgeson:\n    name: "Pat Judgeson"\n    role: "United States Bankruptcy Judge"\n' in text
    assert (
        'new_case:\n  number: "99-10003 (PT)"\n  caption: "In re Gamma (Synthetic)"\n  court: "nysb"\n  judge: "pat-judgeson"'
        in text
    )
    project, said = commit_and_check(form_site, tmp_path, path, text)
    assert "warning: new_people, robin-newcomb: Robin Newcomb is not in letters/people.yml yet" in said
    assert "warning: new_case: case 'gamma' has no letters/gamma/case.yml yet" in said

    # ... and the site shows the new person, their firm and the new case properly.
    site = mkdocs_build(project)
    person = (site / "people/robin-newcomb/index.html").read_text("utf-8")
    assert "Robin Newcomb" in person and "Newcomb Synthetic LLP" in person
    case = (site / "cases/gamma/index.html").read_text("utf-8")
    assert "In re Gamma (Synthetic)" in case and "Bankr. S.D.N.Y." in case and "Pat Judgeson" in case


def test_a_20_kb_letter_goes_in_one_click_and_one_paste(page, form_url: str, form_site, tmp_path: Path) -> None:
    from docket_archive.synthetic import long_body

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    body = long_body(20_000, judge="Testwood", signer="Casey Fixture")
    assert len(body) >= 20_000
    open_form(page, form_url)
    page.fill("#f-case", "alpha")
    page.fill("#f-date", "2020-03-02")
    page.fill("#f-type", "joint status letter")
    page.locator("#authors [data-name=person]").first.fill("casey-fixture-2")
    page.fill("#f-summary", "SYNTHETIC TEST LETTER: a long one.")
    page.fill("#f-body", body)
    assert page.inner_text("#result-summary") == "Ready: the file passes the checks."
    assert page.is_visible("#paste-help")
    assert page.inner_text("#open-pr") == "Copy the file and open a pull request"

    url, path, text = follow_the_click(page)
    assert "value=" not in url and len(url) < 300  # GitHub's editor opens with the file's name, and empty
    assert text == page.text_content("#result-file") and len(text) > 20_000
    commit_and_check(form_site, tmp_path, path, text)


def test_a_person_known_only_from_a_letter_is_described_again(page, form_url: str, form_site) -> None:
    """Someone an earlier letter described (not in people.yml yet) is offered by name, and described
    again in the new letter, which then passes on its own."""
    import json

    registry = json.loads((form_site[1] / "data/registry.json").read_text("utf-8"))
    described = [person for person in registry["people"] if "new" in person]
    assert [person["key"] for person in described] == ["quinn-described"]
    open_form(page, form_url)
    page.locator("#cc [data-name=person]").first.fill("Quinn Described")
    assert "✓ Quinn Described (quinn-described)" in page.locator("#cc .add-letter__msg").first.inner_text()
    assert (
        'new_people:\n  quinn-described:\n    name: "Quinn Described"\n    firm: "Described Synthetic LLP"'
        in page.inner_text("#result-file")
    )
