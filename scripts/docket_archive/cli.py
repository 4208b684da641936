"""The `docket` command: one subcommand per task a contributor has."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .builddate import build_date
from .loader import load_archive
from .model import Archive
from .problems import Problems

DEFAULT_LETTERS = Path("letters")


def report(problems: Problems, out=None) -> None:
    out = out or sys.stderr
    for problem in problems.items:
        click.echo(str(problem), file=out)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docket-archive")
def main() -> None:
    """Docket Archive: court status letters as a browsable, searchable site.

    \b
    Typical use:
      docket check                 validate letters/ before committing
      docket new --case lexington-precision --date 2009-07-06 ...
      docket import scan.txt       turn a letter's text into a letter file
      docket build --out site/     write the generated pages (and site)
    """


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=DEFAULT_LETTERS)
def check(path: Path) -> None:
    """Validate every letter and registry under PATH (default: letters/).

    Prints every problem as `file:line: field: what is wrong — how to fix it`.
    Exits 1 if there is any error; warnings (such as a reference to a letter
    that is not archived) are printed but do not fail.

    \b
    Example:
      docket check letters/
    """
    archive, problems = load_archive(path)
    report(problems)
    errors, warnings = len(problems.errors), len(problems.warnings)
    summary = f"{len(archive.letters)} letter(s), {len(archive.cases)} case(s), {len(archive.people)} people: {errors} error(s), {warnings} warning(s)"
    click.echo(summary, err=True)
    sys.exit(1 if errors else 0)


def load_or_exit(letters: Path) -> Archive:
    """The validated archive, or every problem printed and exit 1."""
    archive, problems = load_archive(letters)
    report(problems)
    if problems.errors:
        click.echo(f"{len(problems.errors)} error(s): nothing was built. Fix them and run again (`docket check` lists them).", err=True)
        sys.exit(1)
    return archive


@main.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder to write the complete docs tree to (replaced).")
@click.option("--letters", type=click.Path(path_type=Path), default=DEFAULT_LETTERS, show_default=True, help="The archive's letters/ folder.")
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=Path("docs"), show_default=True, help="Hand-written pages to include.")
def build(out_dir: Path, letters: Path, docs_dir: Path) -> None:
    """Write every page of the site as Markdown into OUT, without MkDocs.

    OUT receives the hand-written pages of docs/ plus every generated page
    (letters, indexes, cases, people, topics) and the original files: a
    complete docs folder that any static site generator reading Markdown
    (MkDocs, Zensical) can publish. `mkdocs build` does the same through the
    plugin.

    \b
    Example:
      docket build --out build/docs
    """
    import shutil

    from .pages import build_pages

    archive = load_or_exit(letters)
    site = build_pages(archive, build_date(), letters_root=letters)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    if docs_dir.is_dir():
        shutil.copytree(docs_dir, out_dir)
    for path, text in site.pages.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    for path, source in site.files.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    click.echo(f"wrote {len(site.pages)} pages and {len(site.files)} original file(s) to {out_dir}")


if __name__ == "__main__":  # pragma: no cover
    main()
