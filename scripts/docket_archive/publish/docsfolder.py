"""`docket build --out DIR`: the generated pages and docs/ written as one docs folder.

The folder is replaced on every build, so it must be one that only this
command writes: never letters/, docs/, the repository or anything holding
them, and never a folder of someone's files. A marker file says a folder was
made here; a non-empty folder without it is refused, not emptied.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from docket_archive.load.check import load_valid
from docket_archive.runtime.builddate import build_date
from docket_archive.runtime.terminal import Refusal
from docket_archive.site.build import GeneratedSite, build_pages

from .zensical import for_zensical, rebase_docs

MARKER = ".docket-build"


def refusal(out_dir: Path, protected: list[Path]) -> str | None:
    """Why `out_dir` must not be replaced, or None when it may be."""
    out = out_dir.resolve()
    for folder in protected:
        kept = folder.resolve()
        if out == kept or kept.is_relative_to(out) or out.is_relative_to(kept):
            return f"{out_dir} is, holds or is inside {folder}, which a build must never replace; choose a new folder such as build/docs"
    for marker in (".git", "mkdocs.yml", "pyproject.toml"):
        if (out / marker).exists():
            return f"{out_dir} holds {marker}: it looks like a project folder; choose a new folder such as build/docs"
    if out.is_file():
        return f"{out_dir} is a file; choose a folder"
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return f"{out_dir} already has files that `docket build` did not write; choose an empty or new folder"
    return None


def write(site: GeneratedSite, docs_dir: Path, out_dir: Path) -> None:
    """Replace `out_dir` with docs/ plus every generated page and original (check `refusal` first)."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    if docs_dir.is_dir():
        shutil.copytree(docs_dir, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text("Written by `docket build`; replaced on every build.\n", "utf-8")
    for path, page in site.pages.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, "utf-8")
    for path, content in site.assets.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for path, source in site.files.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def build_docs_folder(out_dir: Path, letters: Path, docs_dir: Path, engine: str, say: Callable[[str], None]) -> str:
    """`docket build --out`: every page of the site as Markdown in `out_dir`; returns what was written."""
    here = Path.cwd()
    protected = [letters, docs_dir, here / "letters", here / "docs", here / "scripts"]
    why_not = refusal(out_dir, [p for p in protected if p.exists()])
    if why_not:
        raise Refusal(f"{why_not}. Nothing was written or deleted.")
    archive = load_valid(letters, say)
    site = build_pages(archive, build_date(), letters_root=letters)
    if engine == "zensical":
        site = for_zensical(site)
    write(site, docs_dir, out_dir)
    if engine == "zensical" and docs_dir.is_dir():
        rebase_docs(docs_dir, out_dir)
    return f"wrote {len(site.pages)} pages and {len(site.files)} original file(s) to {out_dir}"
