"""One part of the search index: the letters of some consecutive months, in files the browser fetches a few at a time.

A part's letters are numbered 0, 1, ... in listing order (oldest first,
`SearchDocument.order_key`). For each word (or field word, "author:strochak")
the part holds two records, packed with others into block files of about
`BLOCK_BYTES` (a larger record is a block of its own):

    d<k>.bin  the letters that have the word: for each, the gap from the previous
              letter's number and how often the word occurs (LEB128 varints)
    p<k>.bin  where: for each of those letters, for each occurrence, the gaps
              from the previous occurrence's position, sentence and paragraph

`docs.json` lists the letters (id, date as days since 1970-01-01, number of
words of the title and text), `words.json` where each word's records are (it
is read only by `searchindex.finish`, which merges the parts' words into the
dictionaries the browser reads). A browser fetches the block of a word's
letters, and the block of its positions only for phrases and proximity: a
word's records in one part cost at most a block, whatever the archive's size.

Run as `python -m docket_archive.publish.searchparts`, it is the indexing
worker: it reads one part to index per line on standard input (JSON: site,
name, pages) and answers each with a line of JSON, so a build indexes each
part on another core as soon as the part's pages are written.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docket_archive.runtime import safewrite
from docket_archive.runtime.safewrite import UnsafeWrite, create_bytes, make_folders
from docket_archive.search.documents import FIELDS, SearchDocument, document_from_page
from docket_archive.search.words import field_occurrences, text_occurrences

BLOCK_BYTES = 8192
EPOCH = date(1970, 1, 1)
DOCS = "docs.json"
WORDS = "words.json"


class PartError(RuntimeError):
    pass


def varint(value: int, out: bytearray) -> None:
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


@dataclass
class _Postings:
    letters: bytearray
    places: bytearray
    count: int = 0  # letters
    last: int = -1  # number of the last letter added


def part_files(documents: Iterable[SearchDocument]) -> dict[str, bytes]:
    """The files of a part holding these letters: {file name: content}."""
    ordered = sorted(documents, key=lambda document: document.order_key)
    postings: dict[str, _Postings] = {}
    lengths = []
    for number, document in enumerate(ordered):
        text = text_occurrences(document.paragraphs)
        lengths.append(len(text))
        _add(postings, number, "", text)
        for name in FIELDS:
            _add(postings, number, name + ":", field_occurrences(document.values(name)))
    files: dict[str, bytes] = {}
    words: dict[str, list[int]] = {}
    letters_blocks = _Blocks("d", files)
    places_blocks = _Blocks("p", files)
    for key in sorted(postings):
        record = postings[key]
        words[key] = [
            record.count,
            *letters_blocks.add(bytes(record.letters)),
            *places_blocks.add(bytes(record.places)),
        ]
    letters_blocks.close()
    places_blocks.close()
    docs = {
        "ids": [document.id for document in ordered],
        "days": [(document.date - EPOCH).days for document in ordered],
        "lengths": lengths,
    }
    files[DOCS] = _json(docs)
    files[WORDS] = _json(words)
    return files


def _add(
    postings: dict[str, _Postings], number: int, prefix: str, occurrences: list[tuple[str, int, int, int]]
) -> None:
    by_word: dict[str, list[tuple[int, int, int]]] = {}
    for word, position, sentence, paragraph in occurrences:
        by_word.setdefault(prefix + word, []).append((position, sentence, paragraph))
    for key, places in by_word.items():
        record = postings.get(key)
        if record is None:
            record = postings[key] = _Postings(bytearray(), bytearray())
        varint(number - record.last, record.letters)
        varint(len(places), record.letters)
        record.last = number
        record.count += 1
        out = record.places
        last_position = last_sentence = last_paragraph = 0
        for position, sentence, paragraph in places:
            varint(position - last_position, out)
            varint(sentence - last_sentence, out)
            varint(paragraph - last_paragraph, out)
            last_position, last_sentence, last_paragraph = position, sentence, paragraph


class _Blocks:
    """Records packed into block files: each record's (block, offset, length)."""

    def __init__(self, prefix: str, files: dict[str, bytes]) -> None:
        self.prefix = prefix
        self.files = files
        self.count = 0  # blocks written
        self.current = bytearray()

    def add(self, record: bytes) -> tuple[int, int, int]:
        if len(record) >= BLOCK_BYTES:  # a block of its own
            self.close()
            self._write(record)
            return (self.count - 1, 0, len(record))
        if len(self.current) + len(record) > BLOCK_BYTES:
            self.close()
        offset = len(self.current)
        self.current += record
        return (self.count, offset, len(record))

    def close(self) -> None:
        if self.current:
            self._write(bytes(self.current))
            self.current = bytearray()

    def _write(self, data: bytes) -> None:
        self.files[f"{self.prefix}{self.count}.bin"] = data
        self.count += 1


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def read_documents(site_dir: Path, pages: Sequence[str]) -> list[SearchDocument]:
    """The letters of the given built pages (relative to the site); raises PartError for a page without one."""
    found = []
    for page in pages:
        path = site_dir / page
        if path.is_symlink():
            raise PartError(f"{page} is a symbolic link: search reads only the pages the build wrote")
        document = document_from_page(path.read_text("utf-8"))
        if document is None:
            raise PartError(f"{page} is not a letter page of this archive (no search data in it)")
        found.append(document)
    return found


def write_part(folder: Path, files: dict[str, bytes], site_dir: Path) -> None:
    """The part's files into `folder`, written beside it and swapped in (a search running meanwhile
    never meets half a part). Every file through `safewrite`, within the site: no link is followed."""
    fresh = folder.with_name(folder.name + ".new")
    for place in (folder, fresh):
        if place.is_symlink():
            raise PartError(f"{place} is a symbolic link: the search index is written only into real folders")
    try:
        safewrite.remove_tree(fresh, within=site_dir)  # a run stopped half-way left it
        make_folders(fresh, site_dir)
        for name, content in files.items():
            create_bytes(fresh / name, content, within=site_dir)
        safewrite.remove_tree(folder, within=site_dir, marker=DOCS)  # only a part this wrote
        safewrite.rename(fresh, folder, within=site_dir)
    except UnsafeWrite as error:
        raise PartError(str(error)) from error


def index_part(site_dir: Path, folder: Path, pages: Sequence[str]) -> int:
    """Index the given letter pages of a built site into the part folder; returns the number of letters."""
    documents = read_documents(site_dir, pages)
    write_part(folder, part_files(documents), site_dir)
    return len(documents)


def _serve() -> None:
    """The worker: one part per line in, one line out."""
    for line in sys.stdin:
        request = json.loads(line)
        try:
            count = index_part(Path(request["site"]), Path(request["folder"]), request["pages"])
            answer: dict[str, object] = {"letters": count}
        except (OSError, ValueError, PartError) as error:
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    _serve()
