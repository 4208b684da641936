"""A build cut into shards, for archives that outgrow one machine.

    docket shard plan --shards 4            each shard's letters and the key of its inputs
    docket shard build 2/4 --out shards/2   one shard: its letter pages and its search parts
    docket shard merge shards/* --site site everything else, and the shards, as one site

A shard is a run of consecutive search parts (spans of whole months, planned
over the whole archive exactly as a single build plans them), so its pages
and its share of the search index are the very files a single build writes,
and the merge only copies them in: one site, one search, the same bytes as a
single build (a test builds both and compares every file). Shards follow
each other in time, as the search's parts do: most new letters land in the
last shard, and an unchanged shard keeps its key.

A shard's key is a digest of everything its pages show: its letters' files,
what its pages show of every other letter they name (previous and next,
references both ways, letters on the dates the text mentions: title, date,
and what tells letters of one day apart), the docket entries they link to
(as gathered from every letter of the case), whether each of their cases
is split by year (a letter's trail leads to its year's page or to an anchor
of its case's page), the registries, the
site's configuration, theme overrides and hand-written pages (the nav is in
every page), and the code and engine versions. CI caches each shard's output
under its key and skips unchanged shards (.github/workflows/sharded-build.yml).
The merge computes the keys again from the files and refuses a shard built
from anything else: a cache is never trusted over the letters.

The merge itself writes everything that reads across letters (home, years,
cases, people, topics, feeds, calendars, exports) with MkDocs; it renders no
letter page. It reads every letter (the calendars quote the sentence that
sets a date), as `docket check` does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from docket_archive.domain.model import Archive, Letter
from docket_archive.links import mentions
from docket_archive.runtime import safewrite
from docket_archive.site import paths
from docket_archive.site.build import IN_NAV, GeneratedSite, LetterPages
from docket_archive.site.groupings import Site, case_split

from . import searchindex, themepages
from .searchindex import SearchPart, plan_parts

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SHARD_FILE = "docket-shard.json"  # in a shard's output: which shard, its key, its parts
_ENGINES = ("mkdocs", "mkdocs-material", "docket-archive")


class ShardError(RuntimeError):
    """A shard cannot be built or merged; the message says why and what to do."""


@dataclass(frozen=True)
class Shard:
    number: int  # from 1
    count: int
    parts: tuple[SearchPart, ...]

    @property
    def pages(self) -> frozenset[str]:
        """Its letter pages, relative to the site (letters/<case>/<folder>/index.html)."""
        return frozenset(page for part in self.parts for page in part.pages)

    @property
    def letters(self) -> int:
        return sum(len(part.pages) for part in self.parts)


def built_page(letter: Letter) -> str:
    return paths.page_url(paths.letter(letter)) + "index.html"


def plan(archive: Archive, count: int, part_letters: int) -> list[Shard]:
    """The archive's search parts (as a single build plans them), cut into `count` runs of
    consecutive parts with near-equal numbers of letters; a shard may be empty when
    there are fewer parts than shards."""
    if count < 1:
        raise ShardError(f"the number of shards must be at least 1, not {count}")
    by_month: dict[str, list[str]] = {}
    for letter in archive.letters:
        page = built_page(letter)
        month = paths.built_letter_month(page)
        if month:
            by_month.setdefault(month, []).append(page)
    parts = plan_parts(by_month, part_letters)
    total = sum(len(part.pages) for part in parts)
    cuts, done, start = [], 0, 0
    for number in range(1, count):
        # Close the shard at the part boundary nearest its even share of the letters.
        goal = total * number / count
        end = start
        while end < len(parts) and abs(done + len(parts[end].pages) - goal) <= abs(done - goal):
            done += len(parts[end].pages)
            end += 1
        cuts.append((start, end))
        start = end
    cuts.append((start, len(parts)))
    return [Shard(number, count, tuple(parts[a:b])) for number, (a, b) in enumerate(cuts, start=1)]


def shown_letters(site: Site, letter: Letter) -> set[Letter]:
    """Every letter whose front matter the letter's page may show or depend on."""
    links = site.links[letter.id]
    shown = {letter, *links.referenced_by}
    for place in links.neighbours:
        shown.update(found for found in (place.previous, place.next) if found is not None)
    for reference, target in links.references:
        if target is not None:
            shown.add(target)
        if reference.date is not None:  # a letter added on that day may become the target
            shown.update(site.archive.letters_on(reference.case, reference.date))
    for _, _, day in mentions.scan(letter).dates:
        shown.update(site.archive.letters_on(letter.case, day))
    return shown


def input_key(site: Site, shard: Shard, letters_root: Path, project: Sequence[Path]) -> str:
    """The digest of everything the shard's pages and search parts are made from (see the module's docstring)."""
    digest = hashlib.sha256()

    def feed(*values: object) -> None:
        digest.update(json.dumps(values, default=str).encode() + b"\n")

    feed("shard", shard.number, shard.count, [(part.name, part.digest) for part in shard.parts])
    _feed_setting(feed, letters_root, project)
    pages = {page for part in shard.parts for page in part.pages}
    mine = [letter for letter in site.archive.letters if built_page(letter) in pages]
    for letter in mine:
        feed("letter", letter.id, letter.source, _file_digest(letters_root.parent / letter.source))
    # A letter's trail leads to its year's page once its case is long: a letter added to a case of
    # LONG_LIST letters changes the trail of the case's letters in every shard.
    split = sorted({letter.case for letter in mine if case_split(site.archive, letter.case)})
    feed("split by year", split)
    # Of another letter, a page shows its title and date under a link to it; its type and
    # number choose between letters of one day that a reference names.
    shown = set().union(*(shown_letters(site, letter) for letter in mine)) - set(mine)
    for other in sorted(shown, key=lambda item: item.sort_key):
        feed("shown", other.id, other.title, other.date, other.type, other.sequence, other.cases)
    # The docket entries its pages link to ("ECF No. 191", references), gathered from
    # every letter of those cases (links.docket): each entry as the pages may show it.
    for case in sorted(set().union(*(docket_reads(site, letter) for letter in mine))):
        for item in site.dockets.get(case, ()):
            filed = (item.filed_as.id, item.filed_as.title) if item.filed_as else None
            cited = [(other.id, other.title, other.date) for other in item.cited_by]
            feed("docket", case, item.number, item.date, item.title, item.note, filed, cited, item.sources)
    return digest.hexdigest()


def _feed_setting(feed: Callable[..., None], letters_root: Path, project: Sequence[Path]) -> None:
    """What every page is made with: the engines, the code, the configuration, theme and
    hand-written pages (the nav is in every page), the registries."""
    for name in _ENGINES:
        feed("engine", name, _version(name))
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".j2", ".json") and "__pycache__" not in path.parts:
            feed("code", path.relative_to(package).as_posix(), _file_digest(path))
    for root in project:
        for path in _files_under(root):  # named from the project's folder: the key is the same on any machine
            feed("project", os.path.relpath(path, letters_root.parent), _file_digest(path))
    for path in [letters_root / "people.yml", *sorted(letters_root.glob("*/case.yml"))]:
        feed("registry", path.relative_to(letters_root).as_posix(), _file_digest(path))


def docket_reads(site: Site, letter: Letter) -> set[str]:
    """The cases whose docket entries the letter's page links to: its references, its "ECF No. N"."""
    cases = {ref.case for ref in letter.docket_references}
    if site.scan(letter).ecf:
        cases.add(letter.case)
    return cases


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _files_under(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


# -- the roles the plugin plays in a sharded build ----------------------------------


@dataclass
class ShardBuild:
    """`docket shard build N/COUNT`: only the shard's letter pages and search parts are
    written (and the few pages the nav lists, which every page's nav needs)."""

    number: int
    count: int
    project: tuple[Path, ...] = ()
    shard: Shard | None = None
    key: str = ""

    def engine_site(self, site: GeneratedSite) -> GeneratedSite:
        return GeneratedSite(pages={path: site.pages[path] for path in IN_NAV}, letters=site.letters)

    def write_letters(self, themed: themepages.ThemedPages, later: LetterPages, part_letters: int) -> list[str]:
        shards = plan(later.site.archive, self.count, part_letters)
        if not 1 <= self.number <= len(shards):
            raise ShardError(f"there is no shard {self.number} of {self.count}: shards are numbered from 1")
        self.shard = shards[self.number - 1]
        mine = self.shard.pages
        chosen = [letter for letter in later.letters if built_page(letter) in mine]
        letters_root = Path(themed.config.config_file_path).parent / later.site.options.letters_folder
        self.key = input_key(later.site, self.shard, letters_root, self.project)
        themepages.write_letter_pages(themed, later, _nobody, chosen)
        return []  # a shard's sitemap is not kept: the merge writes the site's

    def finish(self, site_dir: Path, search: bool) -> None:
        if self.shard is None:
            raise ShardError("the shard's letter pages were not written: the build stopped early")
        if search:
            indexed = searchindex.index_parts(site_dir, list(self.shard.parts))
            log.info(f"shard {self.number} of {self.count}: search index of {indexed} pages")
        record = {
            "shard": self.number,
            "of": self.count,
            "key": self.key,
            "search": search,
            "parts": [
                {"name": part.name, "digest": part.digest, "letters": len(part.pages)} for part in self.shard.parts
            ],
        }
        safewrite.make_given_folder(site_dir)
        safewrite.replace_bytes(site_dir / SHARD_FILE, (json.dumps(record, indent=1) + "\n").encode())


@dataclass
class ShardMerge:
    """`docket shard merge`: every page but the letters', written by MkDocs; the letter pages
    and search parts copied from the shards, after checking each against the letters."""

    shard_dirs: tuple[Path, ...]
    project: tuple[Path, ...] = ()
    shards: list[Shard] | None = None

    def engine_site(self, site: GeneratedSite) -> GeneratedSite:
        return site

    def write_letters(self, themed: themepages.ThemedPages, later: LetterPages, part_letters: int) -> list[str]:
        records = [_read_record(folder) for folder in self.shard_dirs]
        counts = {record["of"] for record in records}
        if len(counts) != 1:
            raise ShardError(f"the shards given were cut in different numbers ({sorted(counts)}): build them again")
        count = counts.pop()
        self.shards = plan(later.site.archive, count, part_letters)
        by_number = {record["shard"]: folder for record, folder in zip(records, self.shard_dirs, strict=True)}
        missing = sorted(set(range(1, count + 1)) - set(by_number))
        if missing:
            raise ShardError(f"shard(s) {', '.join(map(str, missing))} of {count} missing: give every shard's folder")
        letters_root = Path(themed.config.config_file_path).parent / later.site.options.letters_folder
        site_dir = Path(themed.config.site_dir)
        for shard in self.shards:  # every shard checked before anything is copied
            folder = by_number[shard.number]
            record = next(r for r in records if r["shard"] == shard.number)
            if record["key"] != input_key(later.site, shard, letters_root, self.project):
                raise ShardError(
                    f"shard {shard.number} in {folder} was built from other files than these letters, "
                    "configuration or code (its key differs): build it again"
                )
        safewrite.make_given_folder(site_dir)
        for shard in self.shards:
            folder = by_number[shard.number]
            for page in sorted(shard.pages):
                source = folder / page
                if not source.is_file() or source.is_symlink():
                    raise ShardError(f"shard {shard.number} in {folder} lacks {page}: build it again")
                safewrite.copy_file(source, site_dir / page, site_dir, replace=True)
        return [paths.letter(letter) for letter in later.letters]

    def finish(self, site_dir: Path, search: bool) -> None:
        if self.shards is None:
            raise ShardError("the shards' letter pages were not copied: the build stopped early")
        if not search:
            return
        records = {_read_record(folder)["shard"]: folder for folder in self.shard_dirs}
        safewrite.make_folders(site_dir / searchindex.BUNDLE, site_dir)
        for shard in self.shards:
            for part in shard.parts:
                source = records[shard.number] / searchindex.BUNDLE / part.name
                if not source.is_dir():
                    raise ShardError(f"shard {shard.number} has no search part {part.name}: build it with search on")
                target = site_dir / searchindex.BUNDLE / part.name
                safewrite.remove_tree(target, site_dir)
                safewrite.copy_tree(source, target, site_dir)
        searchindex.finish_bundle(site_dir, [part for shard in self.shards for part in shard.parts])


def _read_record(folder: Path) -> dict[str, Any]:
    try:
        record = json.loads((folder / SHARD_FILE).read_text("utf-8"))
        if not isinstance(record, dict) or not {"shard", "of", "key", "parts"} <= set(record):
            raise ValueError("fields missing")
        return record
    except (OSError, ValueError) as error:
        raise ShardError(f"{folder} is not the output of `docket shard build` ({error})") from error


def _nobody(page: str) -> None:
    """No search index is waiting on a shard's pages: the shard indexes its parts at the end."""


# -- running a build ------------------------------------------------------------------


def _project(config: Any) -> tuple[Path, ...]:
    """The files every page depends on besides the letters: configuration, theme overrides, hand-written pages."""
    found = [Path(config.config_file_path), Path(config.docs_dir)]
    if config.theme.custom_dir:
        found.append(Path(config.theme.custom_dir))
    return tuple(found)


def run_mkdocs(config_file: Path, site_dir: Path, role: ShardBuild | ShardMerge) -> None:
    """`mkdocs build` of `config_file` into `site_dir`, the docket plugin playing `role`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    plugin = config.plugins.get("docket")
    if plugin is None:
        raise ShardError(f"{config_file} does not use the docket plugin")
    role.project = _project(config)
    plugin.sharding = role
    # MkDocs' messages (its warnings, the plugin's errors) on stderr, as `mkdocs build` prints them.
    messages = logging.StreamHandler()
    messages.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    engine = logging.getLogger("mkdocs")
    engine.addHandler(messages)
    engine.setLevel(logging.INFO)
    try:
        build(config)
    finally:
        engine.removeHandler(messages)


def shard_plan(config_file: Path, count: int) -> list[dict[str, Any]]:
    """Each shard's number, letters, months and key, for CI to decide which to build."""
    from mkdocs.config import load_config

    from docket_archive.load.archive import load_archive

    config = load_config(str(config_file))
    plugin = config.plugins.get("docket")
    if plugin is None:
        raise ShardError(f"{config_file} does not use the docket plugin")
    letters_root = Path(config.config_file_path).parent / plugin.config.letters
    archive, problems = load_archive(letters_root)
    if problems.errors:
        raise ShardError(
            "the letters archive has errors (run `docket check`):\n" + "\n".join(map(str, problems.errors))
        )
    site = Site(archive, date.today())
    project = _project(config)
    return [
        {
            "shard": shard.number,
            "of": shard.count,
            "letters": shard.letters,
            "first": shard.parts[0].months[0] if shard.parts else "",
            "last": shard.parts[-1].months[-1] if shard.parts else "",
            "key": input_key(site, shard, letters_root, project),
        }
        for shard in plan(archive, count, plugin.config.search_part_letters)
    ]


def refuse_output(out: Path, protected: Sequence[Path], mine: str = SHARD_FILE) -> str | None:
    """Why `out` may not be written (MkDocs empties it first), or None. A folder holding
    `mine` was written by this command before; any other non-empty folder is refused."""
    from .docsfolder import refusal

    why = refusal(out, [path for path in protected if os.path.exists(path)])
    if why and (out / mine).is_file() and "did not write" in why:
        return None
    return why
