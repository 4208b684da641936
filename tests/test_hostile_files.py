"""Issue 9, class 3 (and the files of class 5): files that must not be
published, and files that must not silently vanish.

Each case is a letters/ folder with one thing wrong. `docket check` must exit 1
naming the file, and neither `docket build` nor `mkdocs build` may publish
what the file points to.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import BUILD_DATE, REPO
from docket_archive import synthetic
from hostile import HostileLetter, archive_with_a_letter, front, run_docket, write_letter

PASSWD = Path("/etc/passwd")
SECRET = b"SECRET-OUTSIDE-THE-ARCHIVE: privileged and confidential\n"
HTML_ORIGINAL = b"<!doctype html><script>window.__pwned=1;alert(document.cookie)</script>HTML-ORIGINAL\n"
SVG_ORIGINAL = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><text>SVG-ORIGINAL</text></svg>\n'


def with_original(root: Path, name: str, content: bytes) -> Path:
    """An archive whose letter names originals/<name>, with that content's sha256."""
    return archive_with_a_letter(
        root, original={"path": f"originals/{name}", "sha256": hashlib.sha256(content).hexdigest()}
    )


def original_symlink_to_passwd(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    with_original(root, "2020-02-03-original.txt", PASSWD.read_bytes())
    (root / "alpha" / "originals").mkdir()
    (root / "alpha" / "originals" / "2020-02-03-original.txt").symlink_to(PASSWD)
    return root, "2020-02-03-original.txt", PASSWD.read_bytes()[:64]


def original_symlink_outside(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    outside = tmp / "outside" / "secret.txt"
    outside.parent.mkdir()
    outside.write_bytes(SECRET)
    with_original(root, "2020-02-03-original.txt", SECRET)
    (root / "alpha" / "originals").mkdir()
    (root / "alpha" / "originals" / "2020-02-03-original.txt").symlink_to(
        os.path.relpath(outside, root / "alpha" / "originals")
    )
    return root, "2020-02-03-original.txt", SECRET


def originals_folder_symlink_outside(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "2020-02-03-original.txt").write_bytes(SECRET)
    with_original(root, "2020-02-03-original.txt", SECRET)
    (root / "alpha" / "originals").symlink_to(outside)
    return root, "originals", SECRET


def html_original(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    with_original(root, "2020-02-03-original.html", HTML_ORIGINAL)
    (root / "alpha" / "originals").mkdir()
    (root / "alpha" / "originals" / "2020-02-03-original.html").write_bytes(HTML_ORIGINAL)
    return root, "2020-02-03-original.html", b"HTML-ORIGINAL"


def svg_original(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    with_original(root, "2020-02-03-original.svg", SVG_ORIGINAL)
    (root / "alpha" / "originals").mkdir()
    (root / "alpha" / "originals" / "2020-02-03-original.svg").write_bytes(SVG_ORIGINAL)
    return root, "2020-02-03-original.svg", b"SVG-ORIGINAL"


def other_letter(case: str, day: str, marker: str) -> HostileLetter:
    return HostileLetter(
        "hidden-status-letter",
        case,
        day,
        front("A letter that must not vanish", case, day),
        f"Dear Judge Testwood:\n\n{synthetic.MARK} {marker}\n",
    )


def symlinked_case_folder(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    archive_with_a_letter(root)
    elsewhere = tmp / "elsewhere"
    synthetic.write_registries(elsewhere, ["gamma"], synthetic.people())
    write_letter(elsewhere, other_letter("gamma", "2020-02-10", "GAMMA-LETTER"))
    (root / "gamma").symlink_to(elsewhere / "gamma")
    return root, "gamma", b"GAMMA-LETTER"


def symlinked_letter(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    archive_with_a_letter(root)
    elsewhere = tmp / "elsewhere"
    (elsewhere / "alpha").mkdir(parents=True)
    write_letter(elsewhere, other_letter("alpha", "2020-02-10", "LINKED-LETTER"))
    (root / "alpha" / "2020-02-10-hidden-status-letter.md").symlink_to(
        elsewhere / "alpha" / "2020-02-10-hidden-status-letter.md"
    )
    return root, "2020-02-10-hidden-status-letter.md", b"LINKED-LETTER"


def letter_in_originals(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    archive_with_a_letter(root)
    (root / "alpha" / "originals").mkdir()
    letter = other_letter("alpha", "2020-02-10", "MISPLACED")
    (root / "alpha" / "originals" / letter.filename).write_text(
        synthetic.letter_text(letter.front, letter.body), "utf-8"
    )
    return root, letter.filename, b"MISPLACED-NEVER-CHECKED"


def letter_in_hidden_folder(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    archive_with_a_letter(root)
    (root / "alpha" / ".drafts").mkdir()
    letter = other_letter("alpha", "2020-02-10", "HIDDEN")
    (root / "alpha" / ".drafts" / letter.filename).write_text(synthetic.letter_text(letter.front, letter.body), "utf-8")
    return root, f"{letter.filename}|.drafts", b"HIDDEN-NEVER-CHECKED"


def hidden_case_folder(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    archive_with_a_letter(root)
    synthetic.write_registries(root / ".old", ["gamma"], synthetic.people())
    write_letter(root / ".old", other_letter("gamma", "2020-02-10", "HIDDEN-CASE"))
    return root, ".old", b"HIDDEN-CASE-NEVER-CHECKED"


def dangling_symlink(tmp: Path) -> tuple[Path, str, bytes]:
    root = tmp / "letters"
    archive_with_a_letter(root)
    (root / "alpha" / "2020-03-01-status-letter.md").symlink_to(tmp / "nowhere" / "2020-03-01-status-letter.md")
    return root, "2020-03-01-status-letter.md", b"NEVER-THERE"


CASES: dict[str, Callable[[Path], tuple[Path, str, bytes]]] = {
    "original symlink to /etc/passwd": original_symlink_to_passwd,
    "original symlink outside letters/": original_symlink_outside,
    "originals folder symlink outside letters/": originals_folder_symlink_outside,
    "original saved as .html": html_original,
    "original saved as .svg": svg_original,
    "symlinked case folder": symlinked_case_folder,
    "symlinked letter file": symlinked_letter,
    "letter saved in originals/": letter_in_originals,
    "letter in a hidden folder": letter_in_hidden_folder,
    "case in a hidden folder": hidden_case_folder,
    "dangling symlink": dangling_symlink,
}


def published_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink())


@pytest.mark.parametrize("case", CASES)
def test_check_reports_the_file(tmp_path: Path, case: str) -> None:
    root, name, _ = CASES[case](tmp_path)
    code, output = run_docket("check", str(root))
    assert code == 1, f"{case}: docket check passed:\n{output}"
    # naming the file, or the hidden folder it is lost in, tells the contributor where to look
    assert any(each in output for each in name.split("|")), f"{case}: no message names {name}:\n{output}"


@pytest.mark.parametrize("case", CASES)
def test_docket_build_publishes_nothing_of_it(tmp_path: Path, case: str) -> None:
    root, _, secret = CASES[case](tmp_path)
    out = tmp_path / "out"
    code, _ = run_docket("build", "--out", str(out), "--letters", str(root), "--docs", str(tmp_path / "no-docs"))
    if out.exists():
        assert secret not in published_bytes(out), f"{case}: published by docket build (exit {code})"
        links = [p for p in out.rglob("*") if p.is_symlink()]
        assert links == [], f"{case}: docket build wrote symlinks"


def test_the_sha256_of_a_file_outside_the_archive_is_never_printed(tmp_path: Path) -> None:
    # A hint "set sha256: <hash of /etc/passwd>" confirms a guess of its content.
    root, _, _ = original_symlink_to_passwd(tmp_path)
    original = root / "alpha" / "originals" / "2020-02-03-original.txt"
    real = hashlib.sha256(PASSWD.read_bytes()).hexdigest()
    # the letter names a wrong sha256: the hint would be the real one
    letter = next((root / "alpha").glob("*.md"))
    letter.write_text(letter.read_text("utf-8").replace(real, "f" * 64), "utf-8")
    assert original.is_symlink()
    _, output = run_docket("check", str(root))
    assert real not in output


def test_mkdocs_publishes_no_symlinked_original(tmp_path: Path) -> None:
    # The MkDocs plugin is the other way in: a build that goes through must not
    # have copied /etc/passwd into the site.
    project = tmp_path / "project"
    # the archive is made in place: copying it would turn the symlink into a file
    _, _, secret = original_symlink_to_passwd(project)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "docs", project / "docs")
    site = tmp_path / "site"
    env = {**os.environ, "DOCKET_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
    )
    if site.exists():
        assert secret not in published_bytes(site), f"/etc/passwd published (mkdocs exit {result.returncode})"
    assert result.returncode != 0, "the build went through with a symlinked original"
