"""Issue 20, class 1: writes that follow links.

Every command that writes or deletes is run against a dangling link, a link
to a file outside its folder, and a link as its output folder. Each must
refuse with a message, write nothing through the link, and leave the file
outside as it was. The helper itself (`runtime.safewrite`) is tested first,
then each command through the CLI, then a guard that no module writes or
deletes any other way.
"""

from __future__ import annotations

import ast
import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, SEED
from docket_archive import synthetic
from docket_archive.cli import main
from docket_archive.runtime import safewrite
from hostile import archive_with_a_letter, run_docket

OUTSIDE_TEXT = "a file outside the folder: it must never change\n"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` (links by their target, never followed)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = "-> " + str(path.readlink())
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim.txt").write_text(OUTSIDE_TEXT, "utf-8")
    return folder


# -- the helper ---------------------------------------------------------------------------


def test_create_refuses_a_dangling_link_and_writes_nothing_through_it(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "new.md").symlink_to(outside / "created-through-the-link.md")
    with pytest.raises(safewrite.UnsafeWrite, match="symbolic link"):
        safewrite.create_text(tmp_path / "new.md", "text", within=tmp_path)
    assert not (outside / "created-through-the-link.md").exists()


@pytest.mark.parametrize("replace", [False, True])
def test_a_link_to_a_file_outside_is_never_written_through(tmp_path: Path, outside: Path, replace: bool) -> None:
    (tmp_path / "page.html").symlink_to(outside / "victim.txt")
    write = safewrite.replace_text if replace else safewrite.create_text
    with pytest.raises(safewrite.UnsafeWrite):
        write(tmp_path / "page.html", "changed", within=tmp_path)
    assert (outside / "victim.txt").read_text("utf-8") == OUTSIDE_TEXT


def test_a_link_on_the_way_is_refused(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "case").symlink_to(outside)
    for write in (safewrite.create_text, safewrite.replace_text):
        with pytest.raises(safewrite.UnsafeWrite, match="symbolic link"):
            write(tmp_path / "case" / "victim.txt", "changed", within=tmp_path)
    with pytest.raises(safewrite.UnsafeWrite, match="symbolic link"):
        safewrite.make_folders(tmp_path / "case" / "originals", within=tmp_path)
    assert snapshot(outside) == {"victim.txt": hashlib.sha256(OUTSIDE_TEXT.encode()).hexdigest()}


def test_the_folder_given_must_not_be_a_link(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "out").symlink_to(outside)
    with pytest.raises(safewrite.UnsafeWrite, match="symbolic link"):
        safewrite.create_text(tmp_path / "out" / "index.md", "text", within=tmp_path / "out")
    assert not (outside / "index.md").exists()


def test_nothing_is_written_outside_the_folder_given(tmp_path: Path, outside: Path) -> None:
    with pytest.raises(safewrite.UnsafeWrite, match="outside"):
        safewrite.replace_text(tmp_path / "inside" / ".." / ".." / "outside" / "victim.txt", "x", within=tmp_path)
    assert (outside / "victim.txt").read_text("utf-8") == OUTSIDE_TEXT


def test_writes_are_whole_and_keep_the_usual_permissions(tmp_path: Path) -> None:
    safewrite.create_text(tmp_path / "a" / "b.md", "first", within=tmp_path)
    safewrite.replace_text(tmp_path / "a" / "b.md", "second", within=tmp_path)
    assert (tmp_path / "a" / "b.md").read_text("utf-8") == "second"
    assert (tmp_path / "a" / "b.md").stat().st_mode & 0o044, (
        "a new letter must be readable like any file the user makes"
    )
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["b.md"], "a temporary file was left behind"
    with pytest.raises(safewrite.UnsafeWrite, match="already exists"):
        safewrite.create_text(tmp_path / "a" / "b.md", "third", within=tmp_path)


def test_remove_tree_removes_only_a_marked_real_folder(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "linked").symlink_to(outside)
    with pytest.raises(safewrite.UnsafeWrite, match="symbolic link"):
        safewrite.remove_tree(tmp_path / "linked", within=tmp_path)
    (tmp_path / "unmarked").mkdir()
    (tmp_path / "unmarked" / "notes.txt").write_text("someone's notes", "utf-8")
    with pytest.raises(safewrite.UnsafeWrite, match="not made by this command"):
        safewrite.remove_tree(tmp_path / "unmarked", within=tmp_path, marker=".docket-build")
    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / ".docket-build").write_text("", "utf-8")
    (tmp_path / "ours" / "link-inside").symlink_to(outside)
    assert safewrite.remove_tree(tmp_path / "ours", within=tmp_path, marker=".docket-build")
    assert not (tmp_path / "ours").exists() and (tmp_path / "unmarked" / "notes.txt").is_file()
    assert (outside / "victim.txt").read_text("utf-8") == OUTSIDE_TEXT


def test_remove_file_refuses_links(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "page.html").symlink_to(outside / "victim.txt")
    with pytest.raises(safewrite.UnsafeWrite, match="symbolic link"):
        safewrite.remove_file(tmp_path / "page.html", within=tmp_path)
    (tmp_path / "letters").symlink_to(outside)
    with pytest.raises(safewrite.UnsafeWrite, match="symbolic link"):
        safewrite.remove_file(tmp_path / "letters" / "victim.txt", within=tmp_path)
    assert (outside / "victim.txt").read_text("utf-8") == OUTSIDE_TEXT


# -- docket import ------------------------------------------------------------------------

LETTER = "lexington-precision/2009-06-22-joint-status-letter.md"
ORIGINAL = "lexington-precision/originals/2009-06-22-joint-status-letter.txt"


@pytest.fixture
def lexington(tmp_path: Path) -> Path:
    if not SEED.is_file():
        pytest.skip("the seed letter is absent")
    root = tmp_path / "letters"
    (root / "lexington-precision").mkdir(parents=True)
    shutil.copy(REPO / "letters" / "people.yml", root / "people.yml")
    shutil.copy(REPO / "letters" / "lexington-precision" / "case.yml", root / "lexington-precision" / "case.yml")
    return root


@pytest.mark.parametrize(
    "link, to",
    [
        pytest.param(LETTER, "nowhere.md", id="dangling link as the letter"),
        pytest.param(LETTER, "victim.txt", id="letter is a link to a file outside"),
        pytest.param(ORIGINAL, "nowhere.txt", id="dangling link as the original"),
        pytest.param(ORIGINAL, "victim.txt", id="original is a link to a file outside"),
        pytest.param("lexington-precision/originals", "", id="originals folder is a link outside"),
        pytest.param("people.yml", "victim.txt", id="people registry is a link outside"),
    ],
)
def test_import_writes_nothing_through_a_link(lexington: Path, outside: Path, link: str, to: str) -> None:
    target = lexington / link
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    target.symlink_to(outside / to if to else outside)
    before, outside_before = snapshot(lexington), snapshot(outside)
    code, output = run_docket("import", str(SEED), "--letters", str(lexington))
    assert code != 0, output
    assert "symbolic link" in output or "already exists" in output, output
    assert snapshot(outside) == outside_before, "a file outside letters/ was written through a link"
    assert snapshot(lexington) == before, "a refused import wrote files"


def test_import_into_a_case_folder_that_is_a_link_is_refused(lexington: Path, outside: Path) -> None:
    shutil.rmtree(lexington / "lexington-precision")
    (outside / "lexington-precision").mkdir()
    shutil.copy(REPO / "letters" / "lexington-precision" / "case.yml", outside / "lexington-precision" / "case.yml")
    (lexington / "lexington-precision").symlink_to(outside / "lexington-precision")
    outside_before = snapshot(outside)
    code, output = run_docket("import", str(SEED), "--letters", str(lexington), "--case", "lexington-precision")
    assert code != 0 and "symbolic link" in output, output
    assert snapshot(outside) == outside_before


# -- docket new ---------------------------------------------------------------------------

NEW = ["new", "--case", "alpha", "--date", "2020-03-02", "--type", "status letter", "--author", "casey-fixture-2",
       "--summary", f"{synthetic.MARK} A new letter.", "--delivery", "ECF", "--no-interactive"]  # fmt: skip


@pytest.mark.parametrize("to", ["nowhere.md", "victim.txt"], ids=["dangling link", "link to a file outside"])
def test_new_writes_nothing_through_a_link(tmp_path: Path, outside: Path, to: str) -> None:
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    (root / "alpha" / "2020-03-02-status-letter.md").symlink_to(outside / to)
    outside_before = snapshot(outside)
    code, output = run_docket(*NEW, "--letters", str(root))
    # a link, even a dangling one, is something already there: never written through
    assert code != 0 and ("already exists" in output or "symbolic link" in output), output
    assert snapshot(outside) == outside_before


def test_the_new_letter_is_never_written_through_a_link_made_meanwhile(tmp_path: Path, outside: Path) -> None:
    from docket_archive.authoring.draft import ScaffoldError, write_new

    root = tmp_path / "letters"
    (root / "alpha").mkdir(parents=True)
    (root / "alpha" / "2020-03-02-status-letter.md").symlink_to(outside / "nowhere.md")
    with pytest.raises(ScaffoldError, match="symbolic link"):
        write_new(root / "alpha" / "2020-03-02-status-letter.md", "---\n", root)
    assert not (outside / "nowhere.md").exists()


def test_new_into_a_case_folder_that_is_a_link_is_refused(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "letters"
    synthetic.write_registries(root, ["alpha"], synthetic.people())
    shutil.move(root / "alpha", outside / "alpha")
    (root / "alpha").symlink_to(outside / "alpha")
    outside_before = snapshot(outside)
    code, output = run_docket(*NEW, "--letters", str(root))
    assert code != 0 and "Nothing was written" in output, output  # the loader does not follow the case folder
    assert snapshot(outside) == outside_before
    # and were the folder swapped for a link after the check, the write itself refuses it
    from docket_archive.authoring.draft import ScaffoldError, write_new

    with pytest.raises(ScaffoldError, match="symbolic link"):
        write_new(root / "alpha" / "2020-03-02-status-letter.md", "---\n", root)
    assert snapshot(outside) == outside_before


# -- docket review ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["letter links outside", "dangling letter", "case folder is a link"])
def test_review_does_not_write_through_a_link(tmp_path: Path, outside: Path, kind: str) -> None:
    root = tmp_path / "letters"
    letter = archive_with_a_letter(root)
    text = letter.read_text("utf-8").replace("title:", "review:\n  title: written by the importer\ntitle:", 1)
    (outside / "letter.md").write_text(text, "utf-8")
    if kind == "case folder is a link":
        (outside / "gamma").mkdir()
        (outside / "gamma" / "2020-03-02-linked.md").write_text(text, "utf-8")
        (root / "gamma").symlink_to(outside / "gamma")
        link = root / "gamma" / "2020-03-02-linked.md"
    else:
        link = root / "alpha" / "2020-03-02-linked.md"
        link.symlink_to(outside / ("letter.md" if kind == "letter links outside" else "nowhere.md"))
    outside_before = snapshot(outside)
    result = CliRunner().invoke(main, ["review", str(link)], input="a\n")
    assert result.exit_code != 0, result.output
    assert any(why in result.output for why in ("symbolic link", "does not exist")), result.output
    assert snapshot(outside) == outside_before


# -- docket build --out -------------------------------------------------------------------


def build(root: Path, out: Path) -> tuple[int, str]:
    return run_docket("build", "--out", str(out), "--letters", str(root), "--docs", str(root.parent / "no-docs"))


@pytest.mark.parametrize("marked", [False, True], ids=["to a folder of someone's files", "to a folder a build made"])
def test_build_into_a_link_is_a_plain_refusal(tmp_path: Path, outside: Path, marked: bool) -> None:
    root = tmp_path / "letters"
    archive_with_a_letter(root)
    if marked:
        (outside / ".docket-build").write_text("", "utf-8")
    (tmp_path / "out").symlink_to(outside)
    outside_before = snapshot(outside)
    code, output = build(root, tmp_path / "out")
    assert code != 0 and "symbolic link" in output, output
    assert "Traceback" not in output and "rmtree" not in output
    assert snapshot(outside) == outside_before


def test_build_into_a_dangling_link_is_refused(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "letters"
    archive_with_a_letter(root)
    (tmp_path / "out").symlink_to(outside / "not-yet")
    code, output = build(root, tmp_path / "out")
    assert code != 0 and "symbolic link" in output, output
    assert not (outside / "not-yet").exists()


def test_a_link_inside_an_earlier_build_is_deleted_not_followed(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "letters"
    archive_with_a_letter(root)
    code, output = build(root, tmp_path / "out")
    assert code == 0, output
    (tmp_path / "out" / "letters").rename(tmp_path / "out" / "moved")
    (tmp_path / "out" / "letters").symlink_to(outside)  # planted between two builds
    outside_before = snapshot(outside)
    code, output = build(root, tmp_path / "out")
    assert code == 0, output
    assert snapshot(outside) == outside_before
    assert not (tmp_path / "out" / "letters").is_symlink()


def test_a_link_in_docs_is_not_copied_into_the_build(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "letters"
    archive_with_a_letter(root)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / "secret.md").symlink_to(outside / "victim.txt")
    code, output = run_docket("build", "--out", str(tmp_path / "out"), "--letters", str(root), "--docs", str(docs))
    assert code != 0 and "symbolic link" in output, output
    assert not (tmp_path / "out" / "secret.md").exists()


# -- docket zensical-config ---------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    ["dangling", "to a file outside", "folder is a link"],
)
def test_zensical_config_writes_nothing_through_a_link(tmp_path: Path, outside: Path, make: str) -> None:
    out = tmp_path / "build" / "mkdocs.yml"
    if make == "folder is a link":
        (tmp_path / "build").symlink_to(outside)
    else:
        out.parent.mkdir()
        out.symlink_to(outside / ("nowhere.yml" if make == "dangling" else "victim.txt"))
    outside_before = snapshot(outside)
    code, output = run_docket(
        "zensical-config", "--docs", str(tmp_path / "docs"), "--site", str(tmp_path / "site"), "--out", str(out),
        "--config", str(REPO / "mkdocs.yml"),
    )  # fmt: skip
    assert code != 0, output
    assert snapshot(outside) == outside_before


# -- docket search-index ------------------------------------------------------------------


def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "letters" / "alpha" / "2020-02-03-a").mkdir(parents=True)
    page = "<!doctype html><html><head><title>x</title></head><body><script>var a=1</script></body></html>"
    (site / "index.html").write_text(page, "utf-8")
    (site / "letters" / "alpha" / "2020-02-03-a" / "index.html").write_text(page, "utf-8")
    return site


@pytest.mark.parametrize("kind", ["page links outside", "dangling page", "bundle links outside", "site is a link"])
def test_search_index_changes_nothing_through_a_link(tmp_path: Path, outside: Path, kind: str) -> None:
    site = small_site(tmp_path)
    (outside / "victim.html").write_text("<html><head></head><body>someone's page</body></html>", "utf-8")
    (outside / "2019-01").mkdir()
    (outside / "2019-01" / "docs.json").write_text("{}", "utf-8")  # shaped like an old search part
    target = site
    if kind == "page links outside":
        (site / "victim.html").symlink_to(outside / "victim.html")
    elif kind == "dangling page":
        (site / "gone.html").symlink_to(outside / "gone.html")
    elif kind == "bundle links outside":
        (site / "search-index").symlink_to(outside)
    else:
        target = tmp_path / "site-link"
        target.symlink_to(site)
    outside_before, site_before = snapshot(outside), snapshot(site)
    code, output = run_docket("search-index", str(target))
    assert code != 0 and ("symbolic link" in output or "a link is not followed" in output), output
    assert snapshot(outside) == outside_before, "a file outside the site changed"
    assert snapshot(site) == site_before, "a refused search-index changed the site"


# -- the MkDocs plugin's own deletes --------------------------------------------------------


def test_the_preview_removes_no_page_through_a_link(tmp_path: Path, outside: Path) -> None:
    from mkdocs.exceptions import PluginError

    from docket_archive.plugin import _remove_output

    site = tmp_path / "site"
    site.mkdir()
    (outside / "2020-02-03-a").mkdir()
    (outside / "2020-02-03-a" / "index.html").write_text("someone's page", "utf-8")
    (site / "letters").symlink_to(outside)
    with pytest.raises(PluginError, match="symbolic link"):
        _remove_output(site, ["letters/2020-02-03-a.md"], [])
    assert (outside / "2020-02-03-a" / "index.html").read_text("utf-8") == "someone's page"


# -- one helper for every write --------------------------------------------------------------

# Method names that write or delete a file (str.replace and dataclasses.replace are told apart below).
WRITES = {"write_text", "write_bytes", "rmtree", "unlink", "copyfile", "copy", "copy2", "copytree", "rename",
          "replace", "mkdir", "makedirs", "remove", "rmdir", "symlink_to", "move", "touch"}  # fmt: skip
# Writes outside any archive or output folder: a scratch folder the code made itself.
ALLOWED = {
    "runtime/safewrite.py": WRITES,  # the helper itself
    "synthetic.py": {"write_text", "mkdir"},  # synthetic archives for tests and benchmarks, in temporary folders
    "runtime/parallel.py": {"remove"},  # list.remove of the chunk numbers a child reported done: no file
}


def test_every_write_and_delete_goes_through_safewrite() -> None:
    package = REPO / "scripts" / "docket_archive"
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        allowed = ALLOWED.get(relative, set())
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
                if name in WRITES and name not in allowed and not _not_a_file_operation(node):
                    found.append(f"{relative}:{node.lineno}: .{name}(...)")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
                mode = (
                    node.args[1]
                    if len(node.args) > 1
                    else next((k.value for k in node.keywords if k.arg == "mode"), None)
                )
                if isinstance(mode, ast.Constant) and any(c in str(mode.value) for c in "wax+"):
                    found.append(f"{relative}:{node.lineno}: open(..., {mode.value!r})")
    assert found == [], "write through runtime/safewrite.py instead:\n" + "\n".join(found)


def _not_a_file_operation(node: ast.Call) -> bool:
    func = node.func
    assert isinstance(func, ast.Attribute)
    if isinstance(func.value, ast.Name) and func.value.id in ("safewrite", "dataclasses", "self"):
        return True  # the helper itself; dataclasses.replace; a method of our own (Planner.copy)
    if func.attr == "replace" and (len(node.args) in (2, 3) or (not node.args and node.keywords)):
        return True  # str.replace(a, b[, count]); date.replace(year=...); Path.replace takes one
    return func.attr == "copy" and not node.args  # dict.copy()
