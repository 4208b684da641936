"""Reading a letter file: whole, in one read where it can be, never more than the limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docket_archive.load import archivefiles
from docket_archive.load.archivefiles import MAX_FILE_BYTES, _read_bytes


def test_a_letter_is_read_whole_in_one_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    letter = tmp_path / "letter.md"
    letter.write_bytes(b"---\ntitle: x\n---\n" + b"word " * 300)
    reads, read = [], os.read

    def counted(descriptor: int, size: int) -> bytes:
        reads.append(size)
        return read(descriptor, size)

    monkeypatch.setattr(archivefiles.os, "read", counted)
    data, stamp = _read_bytes(letter)
    assert data == letter.read_bytes()
    assert stamp == (letter.stat().st_mtime_ns, letter.stat().st_size)
    assert reads == [letter.stat().st_size + 1]  # the short read is the end: none more to hear so


@pytest.mark.parametrize(("size", "whole"), [(0, True), (MAX_FILE_BYTES, True), (MAX_FILE_BYTES + 1, False)])
def test_the_limit_is_kept(tmp_path: Path, size: int, whole: bool) -> None:
    letter = tmp_path / "letter.md"
    letter.write_bytes(b"a" * size)
    data, stamp = _read_bytes(letter)
    assert (data == b"a" * size) if whole else data is None
    assert stamp == (letter.stat().st_mtime_ns, size)
