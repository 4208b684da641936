"""Issue 9, class 6: commands that destroy or crash.

`docket build --out` must refuse a folder that is, or contains, letters/,
docs/ or the repository, with nothing deleted; `docket check` must print no
terminal control codes from a letter (they can clear the screen, retitle the
window or fake its output); `docket import` must never overwrite an original
nor crash on a malformed PDF or an impossible date; `docket new` must not
write a file that `docket check` rejects.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SEED
from docket_archive import synthetic
from hostile import HostileLetter, archive_with_a_letter, controls, front, run_docket, write_letter


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository-like folder (letters/, docs/, mkdocs.yml) as the current directory."""
    repo = tmp_path / "repo"
    archive_with_a_letter(repo / "letters")
    (repo / "docs").mkdir()
    (repo / "docs" / "contributing.md").write_text("# Contributing\n\nHand-written page.\n", "utf-8")
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "site-link").symlink_to(repo / "letters")
    monkeypatch.chdir(repo)
    return repo


@pytest.mark.parametrize(
    "out",
    [
        "letters",
        "./letters/",
        "letters/../letters",
        "site-link",  # a symlink to letters/
        ".",
        "docs",
        "..",  # contains the repository
        "ABSOLUTE-LETTERS",
    ],
)
def test_build_refuses_an_output_folder_holding_the_sources(repository: Path, out: str) -> None:
    out = str(repository / "letters") if out == "ABSOLUTE-LETTERS" else out
    before = snapshot(repository.parent)
    code, output = run_docket("build", "--out", out)
    assert code != 0, f"docket build --out {out} went ahead:\n{output}"
    assert snapshot(repository.parent) == before, f"docket build --out {out} changed files"
    assert (repository / "letters" / "people.yml").is_file()


def test_build_into_a_fresh_folder_still_works(repository: Path) -> None:
    code, output = run_docket("build", "--out", "build/docs")
    assert code == 0, output
    assert (repository / "build" / "docs" / "index.md").is_file()


ESCAPES = "\x1b[2J\x1b[H\x1b]0;PWNED\x07\x1b[31m\r0 error(s)\x08\x9b2J"


def test_check_prints_no_control_codes_from_a_letter(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    # values that docket check repeats in its messages: an unknown case and
    # person, a wrong date, a file name
    letter = HostileLetter(
        "escapes",
        "alpha",
        "2020-03-02",
        front(
            f"Title {ESCAPES}",
            f"alpha{ESCAPES}",
            "2020-03-02",
            authors=[{"person": f"casey{ESCAPES}"}],
            next_report_due=f"2020-03-16{ESCAPES}",
            summary=f"{synthetic.MARK} {ESCAPES}",
        ),
        f"Dear Judge Testwood:\n\n{ESCAPES}\n\n<script>{ESCAPES}</script>\n",
    )
    write_letter(root, letter)
    (root / "alpha" / f"2020-03-03-x{ESCAPES[:4]}.md").write_text("no front matter\n", "utf-8")
    (root / "alpha" / f"notes{ESCAPES[:4]}.txt").write_text("stray file\n", "utf-8")
    code, output = run_docket("check", str(root))
    assert code == 1
    assert "2020-03-02-escapes.md" in output
    assert not controls(output), output.encode("unicode_escape").decode()[:3000]


def test_build_prints_no_control_codes_from_a_letter(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    archive_with_a_letter(root, addressee=f"judge{ESCAPES}")
    code, output = run_docket(
        "build", "--out", str(tmp_path / "out"), "--letters", str(root), "--docs", str(tmp_path / "none")
    )
    assert code == 1
    assert not controls(output), output.encode("unicode_escape").decode()[:3000]


# -- docket import ---------------------------------------------------------------


@pytest.fixture
def lexington(tmp_path: Path) -> Path:
    """The repository's registries and no letters."""
    if not SEED.is_file():
        pytest.skip("the seed letter is absent")
    root = tmp_path / "letters"
    (root / "lexington-precision").mkdir(parents=True)
    shutil.copy(REPO / "letters" / "people.yml", root / "people.yml")
    shutil.copy(REPO / "letters" / "lexington-precision" / "case.yml", root / "lexington-precision" / "case.yml")
    return root


def test_a_second_import_of_the_same_day_keeps_the_first_original(lexington: Path, tmp_path: Path) -> None:
    code, output = run_docket("import", str(SEED), "--letters", str(lexington))
    assert code == 0, output
    [first] = list((lexington / "lexington-precision").glob("*.md"))
    originals = snapshot(lexington / "lexington-precision" / "originals")
    # The contributor gives the first letter a more telling name, as the guide allows.
    first.rename(first.with_name(first.stem + "-on-mediation.md"))
    second = tmp_path / "second.txt"
    second.write_bytes(SEED.read_bytes().replace(b"in two weeks", b"in three weeks"))
    run_docket("import", str(second), "--letters", str(lexington))
    after = snapshot(lexington / "lexington-precision" / "originals")
    assert {name: after.get(name) for name in originals} == originals, "the first letter's original was overwritten"


@pytest.mark.parametrize(
    "name, content",
    [
        pytest.param("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", id="truncated pdf"),
        pytest.param("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40, id="garbage pdf"),
        pytest.param("impossible.txt", "February 30, 2009", id="impossible date"),
        pytest.param("far.txt", "in 99999999 weeks", id="a report due in 99999999 weeks"),
        pytest.param("zero.txt", "in 0 weeks", id="a report due in 0 weeks"),
    ],
)
def test_import_of_malformed_input_is_a_message_not_a_crash(
    lexington: Path, tmp_path: Path, name: str, content: bytes | str
) -> None:
    source = tmp_path / name
    if isinstance(content, str):  # a change to the seed letter
        seed = SEED.read_text("utf-8")
        original = "June 22, 2009" if "2009" in content else "in two weeks"
        source.write_text(seed.replace(original, content), "utf-8")
    else:
        source.write_bytes(content)
    before = snapshot(lexington)
    code, output = run_docket("import", str(source), "--letters", str(lexington))  # a crash fails here
    if code != 0:
        assert snapshot(lexington) == before, "a failed import wrote files"
        assert name in output or "Nothing was written" in output or "nothing was written" in output, output


# -- docket new -------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        pytest.param(["--date", "20200302"], id="date without hyphens"),
        pytest.param(["--date", "2020-W10-1"], id="week date"),
        pytest.param(["--date", "2020-03-02", "--sequence", "0"], id="sequence 0"),
        pytest.param(["--date", "2020-03-02", "--summary", " "], id="blank summary"),
        pytest.param(["--date", "2020-03-02", "--delivery", " "], id="blank delivery"),
        pytest.param(["--date", "2020-03-02", "--type", " "], id="blank type"),
        pytest.param(["--date", "2020-03-02", "--next-report-due", "2020-02-30"], id="impossible due date"),
        pytest.param(["--date", "2020-03-02", "--tag", "<b>"], id="a tag that is markup"),
    ],
)
def test_new_writes_only_what_check_accepts(tmp_path: Path, options: list[str]) -> None:
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    defaults = {"--type": "status letter", "--summary": f"{synthetic.MARK} A new letter.", "--delivery": "ECF"}
    for flag, value in defaults.items():
        if flag not in options:
            options = [*options, flag, value]
    code, output = run_docket(
        "new", "--case", "alpha", "--author", "casey-fixture-2", "--letters", str(root), "--no-interactive", *options
    )
    written = list((root / "alpha").glob("*.md"))
    if code != 0:
        assert written == [], "a refused letter was written"
        assert "Traceback" not in output
        return
    [path] = written
    # paste a text in place of the placeholder, as the contributor would
    text = path.read_text("utf-8")
    head, _, _ = text.partition("\n---\n")
    path.write_text(f"{head}\n---\n\nDear Judge Testwood:\n\n{synthetic.MARK}\n", "utf-8")
    code, output = run_docket("check", str(root))
    assert code == 0, f"docket new wrote a letter docket check rejects:\n{output}"
    assert yaml.safe_load(head.lstrip("-\n"))  # the front matter is YAML


def test_new_never_overwrites(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    first = archive_with_a_letter(root)
    before = first.read_bytes()
    code, _ = run_docket(
        "new", "--case", "alpha", "--date", first.name[:10], "--type", "status letter", "--author", "casey-fixture-2",
        "--summary", "x", "--slug", first.stem[11:], "--letters", str(root), "--no-interactive",
    )  # fmt: skip
    assert code != 0
    assert first.read_bytes() == before
    assert os.listdir(root / "alpha") == [first.name] or first.read_bytes() == before


HOSTILE_RE = 'In re "><img src=x onerror=alert(1)> Lexington {: onclick=alert(1) } #1: Corp., et. al.,'


def test_an_imported_re_line_stays_text_on_the_site(tmp_path: Path) -> None:
    # The other side writes the "Re:" line; `docket import` proposes a case.yml from it.
    if not SEED.is_file():
        pytest.skip("the seed letter is absent")
    from docket_archive.load.archive import load_archive
    from docket_archive.site.build import build_pages
    from test_hostile_properties import as_html, shape

    root = tmp_path / "letters"
    root.mkdir()
    (root / "people.yml").write_text("{}\n", "utf-8")
    source = tmp_path / "received.txt"
    source.write_text(SEED.read_text("utf-8").replace("In re Lexington Precision Corp., et. al.,", HOSTILE_RE), "utf-8")
    code, output = run_docket("import", str(source), "--letters", str(root))
    assert code == 0, output
    [letter] = list(root.glob("*/2009-06-22-*.md"))
    # a person confirms every field the importer was unsure of, as `docket review` would
    lines, kept, skipping = letter.read_text("utf-8").split("\n"), [], False
    for line in lines:
        skipping = line.startswith("review:") or (skipping and line.startswith(" "))
        if not skipping:
            kept.append(line)
    letter.write_text("\n".join(kept), "utf-8")
    archive, problems = load_archive(root)
    assert not problems.errors, [str(p) for p in problems.errors]
    [case] = archive.cases.values()
    assert "<img src=x onerror=alert(1)>" in case.caption and "{: onclick=alert(1) }" in case.caption
    for path, text in build_pages(archive, date(2021, 3, 10), letters_root=root).pages.items():
        _, danger = shape(as_html(text)[1])
        assert danger == [], path
        assert "<img" not in as_html(text)[1], path
