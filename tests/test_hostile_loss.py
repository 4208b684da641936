"""Issue 9, class 5: silent loss and clashes.

A key, tag or alias that collides with another page or person, a letter with
no text, a `docket new` letter whose placeholder was never replaced: each is
either reported by `docket check` (exit 1, naming what clashes) or, where the
defence avoids the clash instead, nothing is lost: every page keeps its own
content. Files that vanish (symlinks, hidden folders, originals/) are in
test_hostile_files.py.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from docket_archive import synthetic
from docket_archive.load.archive import load_archive
from hostile import HostileLetter, archive_with_a_letter, front, run_docket, write_letter


def headings(out: Path) -> dict[str, str]:
    """Each generated page's first heading (Markdown or HTML), by path."""
    found = {}
    for page in sorted(out.rglob("*.md")):
        text = page.read_text("utf-8")
        match = re.search(r"^# (.+)$|<h1\b[^>]*>(.*?)</h1>", text, re.M | re.S)
        if match:
            heading = match.group(1) or html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))
            found[page.relative_to(out).as_posix()] = " ".join(heading.split())
    return found


def build(root: Path, out: Path) -> tuple[int, str]:
    return run_docket("build", "--out", str(out), "--letters", str(root), "--docs", str(out.parent / "no-docs"))


@pytest.fixture(scope="module")
def clean_headings(tmp_path_factory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("clean")
    root = archive_with_a_letter(tmp / "letters").parent.parent
    code, output = build(root, tmp / "out")
    assert code == 0, output
    return headings(tmp / "out")


def add_person(root: Path, key: str, entry: dict, first: bool = False) -> None:
    people = root / "people.yml"
    text, added = people.read_text("utf-8"), yaml.safe_dump({key: entry})
    people.write_text(added + text if first else text + added, "utf-8")


def cc_letter(root: Path, person: str, tags: list[str] | None = None, case: str = "alpha") -> None:
    letter = HostileLetter(
        "second-status-letter",
        case,
        "2020-03-02",
        front(
            "Second status letter",
            case,
            "2020-03-02",
            cc=[{"person": person, "via": "e-mail"}],
            tags=tags or ["mediation"],
        ),
        f"Dear Judge Testwood:\n\n{synthetic.MARK}\n",
    )
    write_letter(root, letter)


def person_named(root: Path, key: str) -> str:
    add_person(root, key, {"name": "Indy Clash", "role": "attorney"})
    cc_letter(root, key)
    return "Indy Clash"


def case_named(root: Path, key: str) -> str:
    synthetic.write_registries(root, ["alpha", "beta", key], synthetic.people())
    case = yaml.safe_load((root / key / "case.yml").read_text("utf-8"))
    case["caption"] = "In re Clash (Synthetic)"
    (root / key / "case.yml").write_text(yaml.safe_dump(case), "utf-8")
    cc_letter(root, "devon-mockridge-3", case=key)
    return "In re Clash (Synthetic)"


def tag_named(root: Path, key: str) -> str:
    cc_letter(root, "devon-mockridge-3", tags=[key])
    return key


CLASHES = {
    "person key index": (person_named, "index"),
    "person key firms": (person_named, "firms"),
    "case key index": (case_named, "index"),
    "case key firms": (case_named, "firms"),
    "tag index": (tag_named, "index"),
    "tag firms": (tag_named, "firms"),
}


@pytest.mark.parametrize("clash", CLASHES)
def test_a_key_named_like_an_index_page_is_reported_or_loses_nothing(
    tmp_path: Path, clean_headings: dict[str, str], clash: str
) -> None:
    make, key = CLASHES[clash]
    root = archive_with_a_letter(tmp_path / "letters").parent.parent
    shown = make(root, key)
    code, output = build(root, tmp_path / "out")
    if code != 0:
        assert re.search(rf"\b{key}\b", output) and "Traceback" not in output, output
        return
    built = headings(tmp_path / "out")
    # every index page of a clean archive keeps its own heading...
    lost = {
        path: (heading, built.get(path))
        for path, heading in clean_headings.items()
        if path.endswith("index.md") or path.endswith("firms.md")
    }
    lost = {path: pair for path, pair in lost.items() if pair[0] != pair[1]}
    assert lost == {}, f"{clash}: pages replaced (was, now): {lost}"
    # ...and the person, case or topic has a page of its own
    assert any(shown in heading for heading in built.values()), f"{clash}: no page for {shown}"


def test_an_alias_equal_to_another_persons_key_is_reported_or_harmless(tmp_path: Path) -> None:
    root = archive_with_a_letter(tmp_path / "letters").parent.parent
    # first in the registry, so a lookup by name or alias finds it first
    add_person(root, "aaron-impostor", {"name": "Aaron Impostor", "aliases": ["casey-fixture-2"]}, first=True)
    code, output = run_docket("check", str(root))
    if code == 1:
        assert "casey-fixture-2" in output and "people.yml" in output, output
        return
    archive, _ = load_archive(root)
    authors = {author.person for letter in archive.letters for author in letter.authors}
    assert authors == {"casey-fixture-2"}, "the letters of casey-fixture-2 now link to the impostor"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("", id="no text"),
        pytest.param("\n \n\t\n", id="blank lines"),
        pytest.param("&nbsp;\n\n&#8203;\n", id="only invisible entities"),
        pytest.param("\u00a0\u200b\n\u2003\n", id="only invisible characters"),
    ],
)
def test_a_letter_without_text_is_reported(tmp_path: Path, body: str) -> None:
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    path = root / "alpha" / "2020-03-02-empty-letter.md"
    path.write_text(
        synthetic.letter_text(front("Empty letter", "alpha", "2020-03-02"), "").rstrip() + "\n" + body, "utf-8"
    )
    code, output = run_docket("check", str(root))
    assert code == 1, output
    assert "2020-03-02-empty-letter.md:" in output


def test_a_docket_new_letter_left_as_scaffolded_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    code, output = run_docket(
        "new", "--case", "alpha", "--date", "2020-03-02", "--type", "status letter", "--author", "casey-fixture-2",
        "--summary", f"{synthetic.MARK} A letter whose text was never pasted.", "--delivery", "ECF",
        "--letters", str(root), "--no-interactive",
    )  # fmt: skip
    assert code == 0, output
    [created] = list((root / "alpha").glob("2020-03-02-*.md"))
    text_starts = created.read_text("utf-8").split("\n").index("---", 1) + 2
    code, output = run_docket("check", str(root))
    assert code == 1, f"the placeholder would be published:\n{output}"
    about_the_text = [
        line
        for line in output.splitlines()
        if (found := re.search(rf"{re.escape(created.name)}:(\d+):", line)) and int(found.group(1)) >= text_starts
    ]
    assert about_the_text, f"no problem reported in the letter's text (from line {text_starts}):\n{output}"
