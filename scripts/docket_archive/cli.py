"""The `docket` command: declarations only.

Each command is a click declaration (options, help with an example) that calls
one function of the stage it belongs to; the work, the questions and the
messages live there. A stage stops a command with `Refusal`, printed as
`Error: ...` with exit status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

# The options' help from the schema itself, not through authoring.draft: every command would import that.
from docket_archive.formats.schemas import field_help
from docket_archive.publish import PART_LETTERS
from docket_archive.runtime.terminal import Refusal, echo

if TYPE_CHECKING:
    from docket_archive.domain.model import Archive
    from docket_archive.domain.problems import Problem

DEFAULT_LETTERS = Path("letters")

# The same option, named and documented the same way, on every command that reads the archive.
letters_option = click.option(
    "--letters",
    type=click.Path(path_type=Path),
    default=DEFAULT_LETTERS,
    show_default=True,
    help="The archive's letters/ folder.",
)


def say(text: object = "", err: bool = False) -> None:
    echo(text, err=err)


def say_err(text: object = "") -> None:
    echo(text, err=True)


class _Commands(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Refusal as refusal:
            raise click.ClickException(str(refusal)) from refusal


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docket-archive")
def main() -> None:
    """Docket Archive: court status letters as a browsable, searchable site.

    \b
    Adding a letter:
      docket import scan.pdf       a letter's text or PDF into a letter file (or: docket new)
      docket review LETTER.md      confirm what the importer was unsure of
      docket check                 validate letters/ before committing
      docket serve                 preview the site at http://127.0.0.1:8000

    \b
    Publishing:
      mkdocs build                 the site (search and security policy included)
      docket build --out DIR       the site's pages as Markdown, for another engine
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate every letter and registry under letters/, or only the files given.

    Prints every problem as `file:line: field: what is wrong — how to fix it`.
    Exits 1 if there is any error; warnings (such as a reference to a letter
    that is not archived) are printed but do not fail.

    Given letter files (as the pre-commit hook passes the changed ones), only
    those are validated, against the registries and an index of the other
    letters (their ids, cases, dates, types and numbers): the same messages,
    in a fraction of the time. A folder or a registry (people.yml, case.yml)
    checks the whole archive, since any letter may depend on it.

    \b
    Examples:
      docket check
      docket check letters/lexington-precision/2009-06-22-joint-status-letter.md
    """
    from docket_archive.load.check import check as check_archives

    def standing_searches(archive: Archive) -> list[Problem]:
        # The search package is imported only for a whole archive's check: checking the
        # letters given does not check the standing searches.
        from docket_archive.search import standing

        return standing.check(archive)

    results = check_archives(paths, DEFAULT_LETTERS, also=standing_searches)
    for result in results:
        for problem in result.problems.items:
            say_err(problem)
        say_err(result.summary)
    sys.exit(1 if any(result.problems.errors for result in results) else 0)


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="New folder to write the complete docs tree to (replaced on the next build; never letters/ or docs/).",
)
@letters_option
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(path_type=Path),
    default=Path("docs"),
    show_default=True,
    help="Hand-written pages to include.",
)
@click.option(
    "--for",
    "engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="The engine that will read OUT: Zensical reads links in HTML relative to the file, MkDocs to the page.",
)
def build(out_dir: Path, letters: Path, docs_dir: Path, engine: str) -> None:
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
    from docket_archive.publish.docsfolder import build_docs_folder

    say(build_docs_folder(out_dir, letters, docs_dir, engine, say_err))


@main.command()
@click.option("--date", "letter_date", help="The letter's date: 2009-07-06, 7/6/2009 or July 6, 2009.")
@click.option("--case", "case_key", help="Case key, caption or number from the registry, e.g. lexington-precision.")
@click.option("--type", "letter_type", help="e.g. 'joint status letter'.")
@click.option("--title", default="", help="Short title; default: '<Type> of <date>'.")
@click.option("--sequence", help=field_help("sequence"))
@click.option(
    "--author", "authors", multiple=True, help="Who signed it: key, name or alias from people.yml (repeatable)."
)
@click.option("--firm", default="", help="The first author's firm; default: from people.yml.")
@click.option("--on-behalf-of", multiple=True, help="A party the authors write for (repeatable).")
@click.option("--addressee", multiple=True, help="Key, name or alias (repeatable); default: the case's judge.")
@click.option("--cc", multiple=True, help="'person' or 'person:how sent', e.g. 'seymour-preston:e-mail' (repeatable).")
@click.option("--delivery", default="", help=field_help("delivery") + " FedEx, ECF, hand...")
@click.option("--summary", help=field_help("summary"))
@click.option("--tag", "tags", multiple=True, help="A topic, e.g. mediation (repeatable).")
@click.option(
    "--refers-to",
    "references",
    multiple=True,
    help="An earlier letter it refers to: 'DATE how the letter names it' (repeatable).",
)
@click.option(
    "--refers-to-order",
    "order_references",
    multiple=True,
    help="A court order or docket entry it refers to: 'DATE how the letter names it' (repeatable).",
)
@click.option("--next-report-due", default="", help=field_help("next_report_due"))
@click.option("--slug", default="", help="File name part after the date; default: from the type.")
@click.option(
    "--text",
    "text_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A file with the letter's text (from the salutation to the signature).",
)
@letters_option
@click.option(
    "--interactive/--no-interactive", default=None, help="Ask for what is missing or wrong; default: in a terminal."
)
def new(letters: Path, interactive: bool | None, text_file: Path | None, **given) -> None:
    """Create a new letter file with a complete front matter, and its text.

    In a terminal it asks for every field, checking each answer as it is
    given: a wrong one (a date that does not exist, a misspelled name) is
    explained, with suggestions, and asked again, keeping every other answer.
    Someone the archive does not know, or a new case, is added from inside
    the questions (type `new` when asked again): they are written to
    people.yml and the case's case.yml with the letter. Dates are taken in
    any common form; the next report's, also as the letter says it ("in two
    weeks", "within 30 days", from the letter's date). Answers given as
    options are checked the same way. Without a terminal, --date, --case,
    --type, --author and --summary are required. The file is checked as
    `docket check` would before anything is written; it never overwrites a
    letter, and prints the path of the new one.

    \b
    Example:
      docket new --case lexington-precision --date 2009-07-06 \\
        --type "joint status letter" --sequence 7 --author adam-strochak \\
        --on-behalf-of "the parties" --cc "seymour-preston:e-mail" \\
        --delivery FedEx --summary "The parties report ..."
    """
    from docket_archive.authoring.questions import new_letter

    say(new_letter(letters, interactive, text_file, given))
    say_err("Next: check the text below the front matter, then run `docket check`.")


@main.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Where to serve the preview.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
def serve(dev_addr: str, config_file: str) -> None:
    """Preview the archive while you edit: `mkdocs serve`, set up for large archives.

    Each save re-renders only the pages it changes (the letter, its case,
    year, people and topics) and search catches up in the background, so an
    edit shows in under two seconds even with ten thousand letters. Plain
    `mkdocs serve` renders every page again on each save.

    \b
    Example:
      docket serve
      docket serve -a 127.0.0.1:8001 -f mkdocs.yml
    """
    from docket_archive.serve.command import exec_preview

    exec_preview(dev_addr, config_file)


@main.group()
def shard() -> None:
    """Build the site in shards, on several machines, for archives that outgrow one.

    A shard is a run of consecutive months of letters: its letter pages and
    its part of the search index, exactly as a single build writes them. CI
    builds each shard in its own job, skips a shard whose key (a digest of
    everything its pages show) is unchanged, and merges them
    (.github/workflows/sharded-build.yml). Four shards on one machine:

    \b
    Example:
      docket shard plan --shards 4
      for n in 1 2 3 4; do docket shard build $n/4 --out build/shards/$n; done
      docket shard merge build/shards/* --site site
    """


config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's MkDocs configuration.",
)


@shard.command(name="plan")
@config_option
@click.option("--shards", "count", type=click.IntRange(min=1), default=4, show_default=True, help="How many shards.")
@click.option("--matrix", is_flag=True, help='Print a GitHub Actions matrix ({"include": [...]}) on one line.')
def shard_plan(config_file: Path, count: int, matrix: bool) -> None:
    """Print each shard's letters, months and key, as JSON.

    \b
    Example:
      docket shard plan --shards 4 --matrix
    """
    import json

    from docket_archive.publish.shards import ShardError, shard_plan

    try:
        planned = shard_plan(config_file, count)
    except ShardError as error:
        raise click.ClickException(str(error)) from error
    echo(json.dumps({"include": planned}) if matrix else json.dumps(planned, indent=1))


@shard.command(name="build")
@click.argument("which", metavar="N/COUNT")
@config_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="A new folder for the shard's pages and search parts (emptied first if a shard was built there).",
)
def shard_build(which: str, config_file: Path, out: Path) -> None:
    """Build shard N of COUNT: its letter pages and its part of the search index.

    \b
    Example:
      docket shard build 2/4 --out build/shards/2
    """
    from docket_archive.publish.shards import ShardBuild, ShardError, refuse_output, run_mkdocs

    number, _, count = which.partition("/")
    if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count)):
        raise click.BadParameter(f"{which!r}: give the shard as N/COUNT, such as 2/4", param_hint="N/COUNT")
    why_not = refuse_output(out, _protected(config_file))
    if why_not:
        raise click.ClickException(f"{why_not}. Nothing was written or deleted.")
    try:
        run_mkdocs(config_file, out, ShardBuild(int(number), int(count)))
    except ShardError as error:
        raise click.ClickException(str(error)) from error
    echo(f"shard {number} of {count} written to {out}")


@shard.command(name="merge")
@click.argument("shard_dirs", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False, exists=True))
@config_option
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Where to write the site.",
)
def shard_merge(shard_dirs: tuple[Path, ...], config_file: Path, site_dir: Path) -> None:
    """Build every page that is not a letter's, and bring in the shards' letter pages and search parts.

    Each shard is checked against the letters first: a shard built from other
    files (its key differs) is refused, never published.

    \b
    Example:
      docket shard merge build/shards/1 build/shards/2 build/shards/3 build/shards/4 --site site
    """
    from docket_archive.publish.shards import ShardError, ShardMerge, refuse_output, run_mkdocs

    why_not = refuse_output(site_dir, _protected(config_file), mine="sitemap.xml")
    if why_not:
        raise click.ClickException(f"{why_not}. Nothing was written or deleted.")
    try:
        run_mkdocs(config_file, site_dir, ShardMerge(shard_dirs))
    except ShardError as error:
        raise click.ClickException(str(error)) from error
    echo(f"{len(shard_dirs)} shard(s) merged into {site_dir}")


def _protected(config_file: Path) -> list[Path]:
    project = config_file.parent
    return [project / "letters", project / "docs", project / "overrides", project / "scripts", Path.cwd() / "letters"]


@main.command(name="search-index")
@click.argument("site_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "--part-letters",
    type=click.IntRange(min=1),
    default=PART_LETTERS,
    show_default=True,
    help="Letters per part of the index (a first result reads a part's records of each word).",
)
@click.option(
    "--config",
    "mkdocs_yml",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The project's MkDocs configuration: its theme overrides' inline scripts are the only ones pages may run.",
)
def search_index(site_dir: Path, part_letters: int, mkdocs_yml: Path) -> None:
    """Build the search index of a built HTML site, in place, and add the
    Content-Security-Policy to its pages.

    The MkDocs plugin does this after every `mkdocs build`; run it yourself
    after building the pages of `docket build` with another generator.

    \b
    Example:
      docket build --for zensical --out build/docs
      docket zensical-config --docs build/docs --site build/site --out build/mkdocs.yml
      zensical build -f build/mkdocs.yml
      docket search-index build/site
    """
    from docket_archive.publish.finishsite import finish_site

    say(finish_site(site_dir, part_letters, mkdocs_yml))


@main.command(name="zensical-config")
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="The folder `docket build --out` wrote the pages to.",
)
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path),
    default=Path("build/site"),
    show_default=True,
    help="Where Zensical writes the site (inside the folder of --out, as Zensical requires).",
)
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The configuration file to write."
)
@click.option(
    "--config",
    "mkdocs_yml",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The project's MkDocs configuration to start from.",
)
def zensical_config(docs_dir: Path, site_dir: Path, out: Path, mkdocs_yml: Path) -> None:
    """Write a configuration for building the archive with Zensical instead of MkDocs.

    Zensical (the successor of Material for MkDocs, which reaches end of life
    on May 5, 2027) reads mkdocs.yml but runs no MkDocs plugins. The
    configuration written is mkdocs.yml with the pages of `docket build`, no
    docket plugin, and Zensical's own search off: the site's search is
    our own index, which `docket search-index` builds afterwards.

    \b
    Example:
      docket build --for zensical --out build/docs
      docket zensical-config --docs build/docs --site build/site --out build/mkdocs.yml
      zensical build -f build/mkdocs.yml
      docket search-index build/site
    """
    from docket_archive.publish.zensical import write_zensical_config

    write_zensical_config(mkdocs_yml, docs_dir, site_dir, out)
    say(out)


@main.command(name="import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@letters_option
@click.option(
    "--case",
    "cases",
    multiple=True,
    help="Registered case key to file the letter under, instead of matching its case number (repeat for a letter in several cases).",
)
@click.option(
    "--name",
    default="",
    help="File name part after the date (default: from the type), e.g. to import a second letter of the same day.",
)
@click.option("--dry-run", is_flag=True, help="Show every file it would write or change, and write nothing.")
def import_(source: Path, letters: Path, cases: tuple[str, ...], name: str, dry_run: bool) -> None:
    """Turn a letter's text (OCR output), a PDF, or a scanned PDF (OCR) into a letter file.

    Fills the front matter from the text: date, case(s) (matched to the
    registry by case number in any spelling, or a new case.yml proposed),
    court (courts-db), judges, signers and the office they sign for, firm,
    delivery, cc recipients (how each was sent, with or without enclosures),
    type, what the letter asks for, enclosures, references to letters and
    docket entries, hearings, deadlines and the next report's due date.

    Page furniture (letterhead, court filing headers, running page headers,
    page and Bates numbers, footers, descriptions of the signature image) is
    left out of the text and listed; the original file is kept in the case's
    originals/ folder. Fields the importer is unsure of go under `review:` in
    the front matter: `docket check` fails until `docket review FILE` has
    confirmed each one. Never overwrites a letter or an original.

    \b
    Examples:
      docket import ~/scans/2009-06-22-status-letter.txt
      docket import letter.pdf --dry-run
      docket import second.txt --case lexington-precision --name cover-letter
      docket review letters/lexington-precision/2009-06-22-joint-status-letter.md
    """
    from docket_archive.importer.command import import_letter

    import_letter(source, letters, cases, name, dry_run, say)


@main.command(name="review")
@click.argument("letter", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--list", "list_only", is_flag=True, help="Only list what is left to review; change nothing.")
def review_(letter: Path, list_only: bool) -> None:
    """Walk through the fields `docket import` was unsure of, and record each answer.

    For each entry under `review:` it shows the field's value and why it needs
    a look (for a new case, its case.yml; for new people, their lines in
    people.yml); answer `a` to accept it, `e` to type the right value, or `s`
    to skip it for now. Values are typed as a person writes them: text as it
    is (a title with a colon stays a title), a list one item a line (an empty
    line ends it), a date in any common form (July 6, 2009; 7/6/2009), the next
    report's date also as the letter says it ("in two weeks"). Accepting a
    field the letter lacks ("name the enclosure") asks for it. Each answer is
    checked as `docket check` checks it, and said in its words, before
    anything is written. An entry leaves `review:` only when confirmed; only
    that field's lines change, the rest of the file is kept.

    \b
    Example:
      docket review letters/maxwell/2020-12-01-joint-letter.md
    """
    from docket_archive.authoring.review import review_letter

    def ask(prompt: str, choices: list[str], default: str) -> str:
        if choices:
            return str(click.prompt(prompt, type=click.Choice(choices), default=default, show_choices=False))
        return str(click.prompt(prompt, default=default, show_default=False))

    review_letter(letter, list_only, ask, say)
