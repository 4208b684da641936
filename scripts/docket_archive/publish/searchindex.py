"""Full-text search: a Pagefind index over the built HTML site, in parts.

Pagefind splits its index into chunks that the browser fetches on demand, so a
query transfers a few hundred kilobytes however large the archive grows
(Material's built-in search ships the whole corpus as one JSON file). Only
letter pages carry `data-pagefind-body`, so index pages never appear in the
results and each letter is found once.

Pagefind holds every page it indexes in memory at once, about 100 KB a
letter: 1.2 GB at 10,000 letters. So the letters are indexed in *parts* of at
most `PART_LETTERS` letters, one Pagefind run after another, each a span of
whole months (a letter page's folder starts with its date). The browser
searches every part through one copy of Pagefind (its `mergeIndex`: one
module, one WebAssembly download) and merges the answers
(docs/javascripts/search.js): by score for relevance, and part after part for
date order, each part asked by the months its pages are filed under (an
`indexed_month` filter on every letter page): the parts follow each other in
time, so the order is exact but for a letter that kept an id from another
month, which is listed among that month's letters.
`parts.json` in the bundle lists them; Pagefind's JS module, the same in every
part, is copied to the bundle's root so every page loads it from one address.
"""

from __future__ import annotations

import hashlib
import json
import math
import queue
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from docket_archive.site import paths

BUNDLE = "pagefind"  # folder of the index inside the site
MANIFEST = "parts.json"  # in the bundle: the parts, oldest first
# About 250 MB of Pagefind's memory per part, and a short wait for the last
# part after a build. Parts cost the browser little: one copy of Pagefind
# searches them all, so a part adds only its entry file, page metadata and
# the chunks of the words searched (first result at 10,000 letters: 280-400 KB
# in five parts, 250-290 KB in one).
PART_LETTERS = 2500
SHARED_FILES = ("pagefind.js", "pagefind-highlight.js")  # copied from a part to the bundle's root

_INDEXED = re.compile(r"Indexed (\d+) pages?")
_PART_FOLDER = re.compile(r"\d{4}-\d{2}(\.new)?")


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class SearchPart:
    """Letters of consecutive months, indexed by one Pagefind run into BUNDLE/<name>/."""

    months: tuple[str, ...]  # "YYYY-MM", ascending
    pages: tuple[str, ...]  # the letter pages, relative to the site, sorted

    @property
    def name(self) -> str:
        return self.months[0]

    @property
    def glob(self) -> str:
        """Pagefind's --glob for exactly this part's letter pages."""
        return paths.built_letter_glob(self.months)

    @property
    def digest(self) -> str:
        """Names the set of pages, so a kept part is known to hold the same letters."""
        return hashlib.sha256("\n".join(self.pages).encode()).hexdigest()[:16]


def plan_parts(by_month: dict[str, list[str]], part_letters: int = PART_LETTERS) -> list[SearchPart]:
    """Whole months cut into few parts (near the fewest) that keep each within `part_letters`, sized evenly, oldest first.

    A single month with more letters than that is one part on its own (a
    month's letters are never split: the glob selects by month)."""
    if part_letters < 1:
        raise ValueError("part_letters must be at least 1")
    counts = [(month, len(by_month[month])) for month in sorted(by_month)]
    total = sum(count for _, count in counts)
    if not total:
        return []
    # Months are lumpy: cut for the fewest parts possible, and for one more
    # each time a part would pass the cap, rather than leave a last part of a few letters.
    wanted = math.ceil(total / part_letters)
    while True:
        cut = _cut(counts, total, wanted, part_letters)
        if len(cut) <= wanted:
            return [_part(months, by_month) for months in cut]
        wanted += 1


def _cut(counts: list[tuple[str, int]], total: int, wanted: int, cap: int) -> list[list[str]]:
    """Consecutive months in parts near an even share of `wanted` parts, none past `cap` (but a lone month)."""
    parts: list[list[str]] = []
    months: list[str] = []
    taken = done = 0  # letters in the part being filled; in the parts closed
    for month, count in counts:
        left = wanted - len(parts)
        share = (total - done) / left if left > 0 else total
        # Close the part before this month if the month would pass the cap, or
        # would take the part further past its share than it is short of it.
        if months and (taken + count > cap or (left > 1 and taken + count / 2 > share)):
            parts.append(months)
            done += taken
            months, taken = [], 0
        months.append(month)
        taken += count
    parts.append(months)
    return parts


def _part(months: Iterable[str], by_month: dict[str, list[str]]) -> SearchPart:
    chosen = tuple(months)
    return SearchPart(chosen, tuple(sorted(page for month in chosen for page in by_month[month])))


def index_site(
    site_dir: Path, background: bool = False, part_letters: int = PART_LETTERS, keep_unchanged: bool = False
) -> str:
    """Index the built site's letters in place, part by part; returns a summary. Raises on failure.

    In the `background` (under `mkdocs serve`), Pagefind runs at the lowest
    CPU priority: its threads would otherwise take the cores the next
    rebuild needs, and the preview matters more than search catching up.
    With `keep_unchanged`, a part whose letters are the same and whose pages
    are older than its index is not indexed again (the preview, where one
    save changes one part)."""
    bundle = site_dir / BUNDLE
    bundle.mkdir(parents=True, exist_ok=True)
    parts = plan_parts(paths.built_letter_pages(site_dir), part_letters)
    before = _read_manifest(bundle) if keep_unchanged else {}
    pages = kept = 0
    for part in parts:
        if keep_unchanged and _still_current(site_dir, bundle, part, before):
            kept += 1
        else:
            pages += _index_part(site_dir, part, background)
    _finish_bundle(bundle, parts)
    summary = f"Indexed {pages} pages in {len(parts) - kept} part(s) of at most {part_letters} letters"
    return summary + (f"; {kept} part(s) unchanged" if keep_unchanged else "")


def index_parts(site_dir: Path, parts: list[SearchPart]) -> int:
    """Indexes exactly these parts of the built site, planned elsewhere (one shard's share
    of a plan over the whole archive, `docket shard build`); returns the pages indexed.
    The bundle's manifest is written by `write_bundle` once every part is in place."""
    (site_dir / BUNDLE).mkdir(parents=True, exist_ok=True)
    return sum(_index_part(site_dir, part, False) for part in parts)


def write_bundle(site_dir: Path, parts: list[SearchPart]) -> None:
    """The bundle's manifest and shared module, for these parts, each already indexed in
    place (`docket shard merge`, after copying in every shard's parts)."""
    _finish_bundle(site_dir / BUNDLE, parts)


def _finish_bundle(bundle: Path, parts: list[SearchPart]) -> None:
    _remove_stale_parts(bundle, {part.name for part in parts})
    _share_module(bundle, parts)
    _write_manifest(bundle, parts)


class IndexAsWritten:
    """The parts indexed while the build is still writing pages, each once its letters are all on disk.

    A build writes the letter pages oldest first, and a part is a span of
    months, so the first parts are complete long before the build ends:
    Pagefind indexes them on the other core while the engine renders the
    rest, and only the last part is left once the build is done. The index
    is the one `index_site` makes: `finish` checks that the pages planned
    for are the pages the site holds, and indexes the site afresh if not.

    `written(page)` is called as each page is handed to the engine to write,
    which it does before it hands over the next one (or finishes); a page is
    relative to the site ("letters/<case>/<folder>/index.html").
    """

    def __init__(self, site_dir: Path, letter_pages: Iterable[str], part_letters: int = PART_LETTERS) -> None:
        self.site_dir = site_dir
        self.part_letters = part_letters
        by_month: dict[str, list[str]] = {}
        for page in letter_pages:
            month = paths.built_letter_month(page)
            if month:
                by_month.setdefault(month, []).append(page)
        self.parts = plan_parts(by_month, part_letters)
        self.started = 0  # parts handed to Pagefind so far
        self._part_of = {page: number for number, part in enumerate(self.parts) for page in part.pages}
        self._left = [len(part.pages) for part in self.parts]
        self._handed: list[int] = []  # parts whose last page was handed over: on disk at the next call
        # One Pagefind run at a time, in a daemon thread: interrupted (Ctrl+C),
        # the build exits without running the parts still queued.
        self._queue: queue.Queue[SearchPart | None] = queue.Queue()
        self._indexed = 0  # pages Pagefind says it indexed
        self._failure: BaseException | None = None
        self._cancelled = False
        self._worker: threading.Thread | None = None
        (site_dir / BUNDLE).mkdir(parents=True, exist_ok=True)

    def written(self, page: str) -> None:
        self._start_handed()
        number = self._part_of.pop(page, None)
        if number is not None:
            self._left[number] -= 1
            if not self._left[number]:
                self._handed.append(number)

    def finish(self) -> str:
        """Waits for every part, indexes what is left, and writes the bundle's manifest; returns a summary."""
        early = self.started  # parts under way before the build was done
        self._start_handed()
        self._stop_worker()
        if self._failure is not None:
            raise self._failure
        planned = [part.pages for part in self.parts]
        if (
            self._part_of
            or [part.pages for part in plan_parts(paths.built_letter_pages(self.site_dir), self.part_letters)]
            != planned
        ):
            # Pages never handed over, or others in the site: the index must be of the site as it is.
            return index_site(self.site_dir, part_letters=self.part_letters)
        _finish_bundle(self.site_dir / BUNDLE, self.parts)
        return (
            f"Indexed {self._indexed} pages in {len(self.parts)} part(s) of at most {self.part_letters} letters, "
            f"{early} of them while the pages were being written"
        )

    def cancel(self) -> None:
        """The build failed: no more Pagefind runs. Waits for the one running, which writes into the site."""
        self._cancelled = True
        self._stop_worker()

    def _start_handed(self) -> None:
        for number in self._handed:
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="docket-search-index", daemon=True)
                self._worker.start()
            self._queue.put(self.parts[number])
            self.started += 1
        self._handed.clear()

    def _stop_worker(self) -> None:
        if self._worker is not None:
            self._queue.put(None)
            self._worker.join()
            self._worker = None

    def _work(self) -> None:
        while (part := self._queue.get()) is not None:
            if self._cancelled or self._failure is not None:
                continue
            try:
                self._indexed += _index_part(self.site_dir, part, False)
            except BaseException as failure:  # raised by finish(), in the build's thread
                self._failure = failure


def _index_part(site_dir: Path, part: SearchPart, background: bool) -> int:
    """Runs Pagefind on one part; returns the number of pages it says it indexed."""
    # Written beside the old part and swapped in, so a search running during
    # the preview's re-index never meets a half-written part.
    final = site_dir / BUNDLE / part.name
    fresh = final.with_name(part.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    nice = shutil.which("nice") if background else None
    command = [
        *([nice, "-n", "19"] if nice else []),
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--glob",
        part.glob,
        "--output-subdir",
        f"{BUNDLE}/{fresh.name}",
        "--force-language",
        "en",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"Pagefind could not index {site_dir} ({part.glob}):\n{result.stdout}{result.stderr}")
    shutil.rmtree(final, ignore_errors=True)
    fresh.rename(final)
    return sum(int(count) for count in _INDEXED.findall(result.stdout))


def _still_current(site_dir: Path, bundle: Path, part: SearchPart, before: dict[str, str]) -> bool:
    entry = bundle / part.name / "pagefind-entry.json"
    if before.get(part.name) != part.digest or not entry.is_file():
        return False
    indexed_at = entry.stat().st_mtime
    return all((site_dir / page).stat().st_mtime < indexed_at for page in part.pages)


def _remove_stale_parts(bundle: Path, names: set[str]) -> None:
    """Parts of an earlier plan (only folders shaped like a part's name: nothing else is ours to remove)."""
    for entry in bundle.iterdir():
        if entry.is_dir() and _PART_FOLDER.fullmatch(entry.name) and entry.name not in names:
            shutil.rmtree(entry)


def _share_module(bundle: Path, parts: list[SearchPart]) -> None:
    for name in SHARED_FILES:
        if parts:
            shutil.copyfile(bundle / parts[0].name / name, bundle / name)


def _read_manifest(bundle: Path) -> dict[str, str]:
    """The digest of each part the last indexing wrote ({} if none or unreadable)."""
    try:
        manifest = json.loads((bundle / MANIFEST).read_text("utf-8"))
        return {str(part["path"]).rstrip("/"): str(part["digest"]) for part in manifest["parts"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _write_manifest(bundle: Path, parts: list[SearchPart]) -> None:
    manifest = {
        "parts": [
            {
                "path": part.name + "/",
                "first": part.months[0],
                "last": part.months[-1],
                "months": list(part.months),  # the browser asks one part at a time by these, for date order
                "letters": len(part.pages),
                "digest": part.digest,
            }
            for part in parts
        ]
    }
    written = bundle / (MANIFEST + ".new")
    written.write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    written.replace(bundle / MANIFEST)


class BackgroundIndex:
    """Pagefind run after the browser has reloaded, for `mkdocs serve --dirty`.

    Indexing the whole site took most of a dirty rebuild, and the preview need
    not wait for it: the page shows at once and search catches up a few seconds
    later, re-indexing only the parts whose letters changed. One indexing at a
    time; saves during one are indexed once after it.
    """

    def __init__(self, report: Callable[[str], None], part_letters: int = PART_LETTERS) -> None:
        self._report = report  # never a warning: strict mode would count it against the next build
        self._part_letters = part_letters
        self._wanted = threading.Event()
        self._site: Path | None = None
        self._thread: threading.Thread | None = None

    def request(self, site_dir: Path) -> None:
        self._site = site_dir
        self._wanted.set()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="docket-search-index", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._site is None:
                continue
            try:
                summary = index_site(self._site, background=True, part_letters=self._part_letters, keep_unchanged=True)
                self._report("search index (after the reload): " + summary)
            except (SearchIndexError, OSError) as error:
                self._report(f"search index not refreshed: {error}")
