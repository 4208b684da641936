"""The frozen heap of `mkdocs serve` (serve/frozenheap.py): counted from what each rebuild keeps,
cleaned once it has doubled, and never cleaned while it has not."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from docket_archive.serve.frozenheap import FrozenHeap


@pytest.fixture
def heap() -> Iterator[FrozenHeap]:
    made = FrozenHeap()
    made.settle()
    yield made
    gc.unfreeze()


def test_a_rebuild_that_keeps_little_freezes_it_without_a_full_collection(heap: FrozenHeap) -> None:
    kept = [[n] for n in range(1000)]  # what a rebuild made and kept (lists are tracked objects)
    before = heap.frozen
    heap.before_build()
    assert heap.frozen >= before + len(kept)
    assert heap.collections == 1
    assert gc.get_freeze_count() >= heap.cleaned_at + len(kept)


def test_once_the_kept_objects_double_the_heap_it_is_collected_and_frozen_again(heap: FrozenHeap) -> None:
    kept = [[n] for n in range(heap.cleaned_at + 10)]  # more than the whole heap at the last cleaning
    heap.before_build()
    assert heap.collections == 2
    assert heap.frozen == heap.cleaned_at == gc.get_freeze_count()
    assert len(kept) > 0
