"""The `docket` command: one subcommand per task a contributor has."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .loader import load_archive
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


if __name__ == "__main__":  # pragma: no cover
    main()
