"""Full-text search: our own static index over the built letter pages, in parts, and the dictionaries over them.

Why our own index (the measurements are in docs/performance.md): the
query language (phrases, w/N, /s, /p, roots, fields, dates) must give exactly
what `search.reference` gives, letter by letter, and a first result must cost
the same at 100,000 letters as at 10,000. Pagefind could not do either: it
falls back to the longest indexed prefix of an unknown word, cannot say
"within 5 words" or "in the same sentence", and loads its whole filter index
(2.7 MB at 10,000 letters) for a search by filter alone.

The index is in *parts* of a few consecutive months (`plan_parts`, at most
`PART_LETTERS` letters each), each written by `searchparts` as soon as the
build has written its pages (`IndexAsWritten`, on another core), then tied
together by `finish`: the dictionaries, sorted and cut into shards of about
`SHARD_BYTES`, say for each word (and each field word, "author:strochak") in
which parts it is and where its records are there:

    search-index/manifest.json        the parts (oldest first), the first key of each shard, a version
    search-index/dict/s<i>.json       by stem: the words with that stem and their records, part by part
    search-index/dict/w<i>.json       by word: the same, for roots (adjourn!) and their beginnings
    search-index/dict/v<n>.json       the words of n letters and in how many letters each is ("did you mean")
    search-index/<first month>/...    a part (searchparts.py)

The browser (docs/javascripts/search/) reads the manifest, the shard of each
word of the query, and then the parts newest first, only those the
dictionary says can match: the first letters it finds are shown while it reads
the older parts, so what a first result costs does not grow with the archive.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from docket_archive.publish import PART_LETTERS, searchparts
from docket_archive.runtime import safewrite
from docket_archive.runtime.safewrite import UnsafeWrite, create_bytes, make_folders, replace_text
from docket_archive.search.words import stem
from docket_archive.site import paths

BUNDLE = paths.SEARCH_INDEX.rstrip("/")  # folder of the index inside the site (search/page.js reads it there)
MANIFEST = "manifest.json"
DICTIONARY = "dict"
DICTIONARY_MARKER = "dictionary.json"  # in every dictionary folder written here: what makes it ours to delete
SHARD_BYTES = 24_000  # a dictionary shard, before compression
MAX_VOCABULARY_LENGTH = 40  # longer words are not offered by "did you mean"
FORMAT = 1
_PART_FOLDER = re.compile(r"\d{4}-\d{2}(\.new)?")


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class SearchPart:
    """Letters of consecutive months, indexed into BUNDLE/<name>/."""

    months: tuple[str, ...]  # "YYYY-MM", ascending
    pages: tuple[str, ...]  # the letter pages, relative to the site, sorted

    @property
    def name(self) -> str:
        return self.months[0]

    @property
    def digest(self) -> str:
        """Names the set of pages, so a kept part is known to hold the same letters."""
        return hashlib.sha256("\n".join(self.pages).encode()).hexdigest()[:16]


def plan_parts(by_month: dict[str, list[str]], part_letters: int = PART_LETTERS) -> list[SearchPart]:
    """Whole months cut into few parts (near the fewest) that keep each within `part_letters`, sized evenly, oldest first.

    A single month with more letters than that is one part on its own (a
    month's letters are never split: a page's folder says its month)."""
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

    In the `background` (under `mkdocs serve`), the indexing runs at the
    lowest CPU priority, so the next rebuild has the cores. With
    `keep_unchanged`, a part whose letters are the same and whose pages are
    older than its index is not indexed again (the preview, where one save
    changes one part)."""
    bundle = _bundle(site_dir)
    parts = plan_parts(paths.built_letter_pages(site_dir), part_letters)
    before = _read_manifest(bundle) if keep_unchanged else {}
    todo = [part for part in parts if not (keep_unchanged and _still_current(site_dir, bundle, part, before))]
    letters = _index_parts(site_dir, todo, background)
    finish_bundle(site_dir, parts)
    summary = f"Indexed {letters} pages in {len(todo)} part(s) of at most {part_letters} letters"
    return summary + (f"; {len(parts) - len(todo)} part(s) unchanged" if keep_unchanged else "")


def index_parts(site_dir: Path, parts: list[SearchPart]) -> int:
    """Indexes exactly these parts of the built site, planned elsewhere (one shard's share
    of a plan over the whole archive, `docket shard build`); returns the letters indexed.
    `finish_bundle` ties them together once every part is in place (`docket shard merge`)."""
    _bundle(site_dir)
    return _index_parts(site_dir, parts, False)


def _bundle(site_dir: Path) -> Path:
    bundle = site_dir / BUNDLE
    try:
        make_folders(bundle, site_dir)
    except UnsafeWrite as error:
        raise SearchIndexError(str(error)) from error
    return bundle


def _index_parts(site_dir: Path, parts: list[SearchPart], background: bool) -> int:
    """Every part indexed, on as many worker processes as there are cores to spare (one in the background)."""
    if not parts:
        return 0
    count = 1 if background else max(1, min(len(os.sched_getaffinity(0)), 4, len(parts)))
    work: queue.Queue[SearchPart] = queue.Queue()
    for part in parts:
        work.put(part)
    results: list[int] = []
    failures: list[BaseException] = []

    def run() -> None:
        with _Worker(site_dir, background) as worker:
            while not failures:
                try:
                    part = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    results.append(worker.index(part))
                except BaseException as failure:  # raised below, in the caller's thread
                    failures.append(failure)

    threads = [threading.Thread(target=run, name="docket-search-index", daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return sum(results)


class _Worker:
    """A `searchparts` process: parts in, one at a time, on another core."""

    def __init__(self, site_dir: Path, background: bool = False) -> None:
        self.site_dir = site_dir
        nice = shutil.which("nice") if background else None
        command = [*([nice, "-n", "19"] if nice else []), sys.executable, "-m", "docket_archive.publish.searchparts"]
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [_package_root(), os.environ.get("PYTHONPATH")])),
        }
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", env=env
        )

    def index(self, part: SearchPart) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None  # noqa: S101 - made with PIPE
        folder = self.site_dir / BUNDLE / part.name
        request = {"site": str(self.site_dir), "folder": str(folder), "pages": list(part.pages)}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise SearchIndexError(f"the search indexer stopped while indexing {part.name} of {self.site_dir}")
        result = json.loads(answer)
        if "error" in result:
            raise SearchIndexError(f"could not index the letters of {', '.join(part.months)}: {result['error']}")
        return int(result["letters"])

    def __enter__(self) -> _Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def _package_root() -> str:
    """The folder holding docket_archive, for the worker's imports (an editable install has it anyway)."""
    return str(Path(__file__).resolve().parents[2])


class IndexAsWritten:
    """The parts indexed while the build is still writing pages, each once its letters are all on disk.

    A build writes the letter pages oldest first, and a part is a span of
    months, so the first parts are complete long before the build ends: a
    worker process indexes them on the other core while the engine renders
    the rest, and only the last part is left once the build is done. The index
    is the one `index_site` makes: `finish` checks that the pages planned
    for are the pages the site holds, and indexes the site afresh if not.

    `written(page)` is called as each page is handed to the engine to write,
    which it does before it hands over the next one (or finishes); a page is
    relative to the site ("letters/<case>/<folder>/index.html").
    """

    def __init__(self, site_dir: Path, letter_pages: Iterable[str], part_letters: int = PART_LETTERS) -> None:
        self.site_dir = site_dir
        try:
            safewrite.make_folders(site_dir, within=site_dir.parent)  # MkDocs writes it after this: make it now
        except UnsafeWrite as error:
            raise SearchIndexError(f"the search index cannot be written: {error}") from error
        self.part_letters = part_letters
        by_month: dict[str, list[str]] = {}
        for page in letter_pages:
            month = paths.built_letter_month(page)
            if month:
                by_month.setdefault(month, []).append(page)
        self.parts = plan_parts(by_month, part_letters)
        self.started = 0  # parts handed to the worker so far
        self._part_of = {page: number for number, part in enumerate(self.parts) for page in part.pages}
        self._left = [len(part.pages) for part in self.parts]
        self._handed: list[int] = []  # parts whose last page was handed over: on disk at the next call
        # One worker, fed by a daemon thread: interrupted (Ctrl+C), the build
        # exits without indexing the parts still queued.
        self._queue: queue.Queue[SearchPart | None] = queue.Queue()
        self._indexed = 0  # letters the worker says it indexed
        self._failure: BaseException | None = None
        self._cancelled = False
        self._thread: threading.Thread | None = None
        _bundle(site_dir)

    def written(self, page: str) -> None:
        self._start_handed()
        number = self._part_of.pop(page, None)
        if number is not None:
            self._left[number] -= 1
            if not self._left[number]:
                self._handed.append(number)

    def finish(self) -> str:
        """Waits for every part, indexes what is left, and ties the parts together; returns a summary."""
        early = self.started  # parts under way before the build was done
        self._start_handed()
        self._stop()
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
        finish_bundle(self.site_dir, self.parts)
        return (
            f"Indexed {self._indexed} pages in {len(self.parts)} part(s) of at most {self.part_letters} letters, "
            f"{early} of them while the pages were being written"
        )

    def cancel(self) -> None:
        """The build failed: no more parts. Waits for the one being indexed, which writes into the site."""
        self._cancelled = True
        self._stop()

    def _start_handed(self) -> None:
        for number in self._handed:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="docket-search-index", daemon=True)
                self._thread.start()
            self._queue.put(self.parts[number])
            self.started += 1
        self._handed.clear()

    def _stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _work(self) -> None:
        worker: _Worker | None = None
        try:
            while (part := self._queue.get()) is not None:
                if self._cancelled or self._failure is not None:
                    continue
                try:
                    worker = worker or _Worker(self.site_dir)
                    self._indexed += worker.index(part)
                except BaseException as failure:  # raised by finish(), in the build's thread
                    self._failure = failure
        finally:
            if worker is not None:
                worker.close()


# -- tying the parts together ------------------------------------------------------------


def finish_bundle(site_dir: Path, parts: list[SearchPart]) -> None:
    """The dictionaries and the manifest over the parts as they are on disk; parts of an
    earlier plan removed. Written beside the old ones and swapped in."""
    bundle = _bundle(site_dir)
    refs: dict[str, list[int]] = {}
    vocabulary: dict[str, int] = {}
    described = []
    letters = words = 0
    for number, part in enumerate(parts):
        folder = bundle / part.name
        try:
            docs = json.loads((folder / searchparts.DOCS).read_text("utf-8"))
            part_words = json.loads((folder / searchparts.WORDS).read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise SearchIndexError(
                f"the search index's part {part.name} cannot be read ({error}): build again"
            ) from error
        for key, record in part_words.items():
            refs.setdefault(key, []).extend([number, *record])
            if ":" not in key:
                vocabulary[key] = vocabulary.get(key, 0) + record[0]
        letters += len(docs["ids"])
        words += sum(docs["lengths"])
        described.append(
            {
                "path": part.name + "/",
                "first": part.months[0],
                "last": part.months[-1],
                "letters": len(docs["ids"]),
                "firstDay": min(docs["days"], default=0),
                "lastDay": max(docs["days"], default=0),
                "digest": part.digest,
            }
        )
    files: dict[str, bytes] = {}
    by_word = sorted(refs, key=_order)
    word_shards = _shards("w", [[key, refs[key]] for key in by_word], files)
    stems: dict[str, list[str]] = {}
    for key in by_word:
        stems.setdefault(_stem_key(key), []).append(key)
    stem_shards = _shards("s", [[s, [[key, refs[key]] for key in stems[s]]] for s in sorted(stems, key=_order)], files)
    lengths: dict[int, list[list[object]]] = {}
    for word in sorted(vocabulary, key=_order):
        if len(word) <= MAX_VOCABULARY_LENGTH:
            lengths.setdefault(len(word), []).append([word, vocabulary[word]])
    for length, entries in lengths.items():
        files[f"v{length}.json"] = _json(entries)
    manifest: dict[str, object] = {
        "format": FORMAT,
        "letters": letters,
        "words": words,
        "parts": described,
        "stemShards": stem_shards,
        "wordShards": word_shards,
        "vocabulary": sorted(lengths),
    }
    manifest["version"] = hashlib.sha256(_json(manifest) + b"".join(files.values())).hexdigest()[:16]
    try:
        _remove_stale_parts(site_dir, bundle, {part.name for part in parts})
        _write_dictionary(site_dir, bundle, files)
        replace_text(bundle / MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", within=site_dir)
    except UnsafeWrite as error:
        raise SearchIndexError(str(error)) from error


def _order(key: str) -> bytes:
    """Keys sorted as JavaScript compares strings (UTF-16 code units), so the browser finds a key's shard."""
    return key.encode("utf-16-be")


def _stem_key(key: str) -> str:
    field, colon, word = key.rpartition(":")
    return f"{field}{colon}{stem(word)}"


def _shards(prefix: str, entries: list[list[object]], files: dict[str, bytes]) -> list[str]:
    """Sorted entries cut into shards of about SHARD_BYTES; returns each shard's first key."""
    firsts: list[str] = []
    current: list[list[object]] = []
    size = 0
    for entry in entries:
        encoded = len(_json(entry))
        if current and size + encoded > SHARD_BYTES:
            files[f"{prefix}{len(firsts) - 1}.json"] = _json(current)
            current, size = [], 0
        if not current:
            firsts.append(str(entry[0]))
        current.append(entry)
        size += encoded + 1
    if current:
        files[f"{prefix}{len(firsts) - 1}.json"] = _json(current)
    return firsts


def _write_dictionary(site_dir: Path, bundle: Path, files: dict[str, bytes]) -> None:
    """Written beside the old dictionary and swapped in; every file through `safewrite`."""
    final = bundle / DICTIONARY
    fresh = bundle / (DICTIONARY + ".new")
    for place in (final, fresh):
        _refuse_link(place)
    safewrite.remove_tree(fresh, within=site_dir)  # a run stopped half-way left it
    make_folders(fresh, site_dir)
    for name, content in {DICTIONARY_MARKER: _json({"format": FORMAT}), **files}.items():
        create_bytes(fresh / name, content, within=site_dir)
    safewrite.remove_tree(final, within=site_dir, marker=DICTIONARY_MARKER)
    safewrite.rename(fresh, final, within=site_dir)


def _refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise SearchIndexError(f"{path} is a symbolic link: the search index is written only into real folders")


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _still_current(site_dir: Path, bundle: Path, part: SearchPart, before: dict[str, str]) -> bool:
    docs = bundle / part.name / searchparts.DOCS
    if before.get(part.name) != part.digest or not docs.is_file():
        return False
    indexed_at = docs.stat().st_mtime
    return all((site_dir / page).stat().st_mtime < indexed_at for page in part.pages)


def _remove_stale_parts(site_dir: Path, bundle: Path, names: set[str]) -> None:
    """Parts of an earlier plan: only folders shaped like a part's name and holding a part's list of
    letters (nothing else is ours to remove), never through a link."""
    for entry in bundle.iterdir():
        if entry.is_dir() and not entry.is_symlink() and _PART_FOLDER.fullmatch(entry.name) and entry.name not in names:
            if entry.name.endswith(".new"):
                safewrite.remove_tree(entry, within=site_dir)  # a part's run stopped half-way
            else:
                safewrite.remove_tree(entry, within=site_dir, marker=searchparts.DOCS)


def _read_manifest(bundle: Path) -> dict[str, str]:
    """The digest of each part the last indexing wrote ({} if none or unreadable)."""
    try:
        manifest = json.loads((bundle / MANIFEST).read_text("utf-8"))
        return {str(part["path"]).rstrip("/"): str(part["digest"]) for part in manifest["parts"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


class BackgroundIndex:
    """The index brought up to date after the browser has reloaded, for `mkdocs serve --dirty`.

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
