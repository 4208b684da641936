"""`docket build --out DIR`: the generated pages and docs/ written as one docs folder.

The folder is replaced on every build, so it must be one that only this
command writes: never letters/, docs/, the repository or anything holding
them, and never a folder of someone's files. A marker file says a folder was
made here; a non-empty folder without it is refused, not emptied.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from docket_archive.load.check import load_valid
from docket_archive.runtime import safewrite
from docket_archive.runtime.builddate import build_date
from docket_archive.runtime.terminal import Refusal
from docket_archive.search import standing
from docket_archive.site.build import GeneratedSite, build_pages

from .zensical import for_zensical, rebase_docs

MARKER = ".docket-build"


def refusal(out_dir: Path, protected: list[Path]) -> str | None:
    """Why `out_dir` must not be replaced, or None when it may be."""
    if out_dir.is_symlink():
        return f"{out_dir} is a symbolic link; a build writes only into a real folder, never through a link: choose a folder such as build/docs"
    out = out_dir.resolve()
    for folder in protected:
        kept = folder.resolve()
        if out == kept or kept.is_relative_to(out) or out.is_relative_to(kept):
            return f"{out_dir} is, holds or is inside {folder}, which a build must never replace; choose a new folder such as build/docs"
    for marker in (".git", "mkdocs.yml", "pyproject.toml"):
        if os.path.lexists(out / marker):
            return f"{out_dir} holds {marker}: it looks like a project folder; choose a new folder such as build/docs"
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        return f"{out_dir} is a file; choose a folder"
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        return f"{out_dir} already has files that `docket build` did not write; choose an empty or new folder"
    return None


def write(site: GeneratedSite, docs_dir: Path, out_dir: Path) -> None:
    """Replace `out_dir` with docs/ plus every generated page and original (check `refusal` first).

    Every write and the delete go through `runtime.safewrite`: the folder is
    deleted only if it carries this command's marker, and nothing is written
    through a link (a link in docs/ is refused, not copied)."""
    out_dir = Path(os.path.abspath(out_dir))
    parent = out_dir.parent
    safewrite.make_given_folder(parent)
    if os.path.lexists(out_dir) and any(out_dir.iterdir()):
        safewrite.remove_tree(out_dir, within=parent, marker=MARKER)
    safewrite.make_folders(out_dir, within=parent)
    safewrite.replace_text(out_dir / MARKER, "Written by `docket build`; replaced on every build.\n", within=out_dir)
    if docs_dir.is_dir():
        links = safewrite.links_under(docs_dir)
        if links:
            raise safewrite.UnsafeWrite(f"{links[0]} is a symbolic link: links in docs/ are not copied or followed")
        for source in sorted(docs_dir.rglob("*")):
            if source.is_file():
                safewrite.copy_file(source, out_dir / source.relative_to(docs_dir), within=out_dir, replace=True)
    for path, page in site.pages.items():
        safewrite.replace_text(out_dir / path, page.markdown, within=out_dir)
    for path, content in site.assets.items():
        safewrite.replace_bytes(out_dir / path, content, within=out_dir)
    for path, source in site.files.items():
        safewrite.copy_file(source, out_dir / path, within=out_dir, replace=True)


def build_docs_folder(out_dir: Path, letters: Path, docs_dir: Path, engine: str, say: Callable[[str], None]) -> str:
    """`docket build --out`: every page of the site as Markdown in `out_dir`; returns what was written."""
    here = Path.cwd()
    protected = [letters, docs_dir, here / "letters", here / "docs", here / "scripts"]
    why_not = refusal(out_dir, [p for p in protected if p.exists()])
    if why_not:
        raise Refusal(f"{why_not}. Nothing was written or deleted.")
    archive = load_valid(letters, say, also=standing.check)
    site = build_pages(archive, build_date(), letters_root=letters)
    if engine == "zensical":
        site = for_zensical(site)
    try:
        write(site, docs_dir, out_dir)
        if engine == "zensical" and docs_dir.is_dir():
            rebase_docs(docs_dir, out_dir)
    except safewrite.UnsafeWrite as error:
        raise Refusal(f"{error}. The build stopped there.") from error
    return f"wrote {len(site.pages)} pages and {len(site.files)} original file(s) to {out_dir}"
