"""What a dirty serve rebuild hands MkDocs: only what changed since the last
build that finished, and what to delete."""

from __future__ import annotations

import gc

from docket_archive.serve.frozenheap import FrozenHeap
from docket_archive.serve.pagechanges import SiteChanges
from docket_archive.site.build import GeneratedSite, Page


def site(pages: dict[str, str], assets: dict[str, bytes] | None = None) -> GeneratedSite:
    return GeneratedSite(pages={path: Page({"title": body}, body) for path, body in pages.items()}, assets=assets or {})


def test_the_first_build_writes_everything_then_only_changes() -> None:
    changes = SiteChanges()
    first = site({"a.md": "A", "b.md": "B"}, {"feed.xml": b"1"})
    assert changes.update(first) is None
    changes.finished()
    second = site({"a.md": "A", "b.md": "B2", "c.md": "C"}, {"feed.xml": b"1"})
    found = changes.update(second)
    assert found is not None
    assert found.pages == {"b.md", "c.md"} and found.assets == set() and found.removed_pages == []


def test_a_build_that_failed_half_way_counts_as_not_written() -> None:
    changes = SiteChanges()
    changes.update(site({"a.md": "A", "b.md": "B"}))
    changes.finished()
    changes.update(site({"a.md": "A2", "b.md": "B"}))  # this build fails: no finished()
    changes.forget()
    found = changes.update(site({"a.md": "A2", "b.md": "B"}))
    assert found is not None and found.pages == {"a.md", "b.md"}  # everything, until one finishes
    changes.finished()
    found = changes.update(site({"a.md": "A2", "b.md": "B"}))
    assert found is not None and found.pages == set()


def test_an_unfinished_build_is_not_the_baseline_even_without_forget() -> None:
    changes = SiteChanges()
    changes.update(site({"a.md": "A"}))
    changes.finished()
    changes.update(site({"a.md": "A2"}))  # never finished
    found = changes.update(site({"a.md": "A2"}))
    assert found is not None and found.pages == {"a.md"}


def test_files_gone_while_the_problems_page_showed_are_still_deleted() -> None:
    changes = SiteChanges()
    changes.update(site({"a.md": "A", "people/p.md": "P"}, {"feeds/people/p.xml": b"x", "feed.xml": b"1"}))
    changes.finished()
    changes.forget()  # the problems page threw the HTML away
    found = changes.update(site({"a.md": "A"}, {"feed.xml": b"1"}))
    assert found is not None
    assert found.pages == {"a.md"} and found.assets == {"feed.xml"}
    assert found.removed_pages == ["people/p.md"] and found.removed_files == ["feeds/people/p.xml"]


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_frozen_heap_stays_within_twice_the_live_heap() -> None:
    heap = FrozenHeap()
    try:
        heap.settle()
        live = heap.cleaned_at
        for _ in range(30):
            [Cycle() for _ in range(max(live // 5, 1000))]  # garbage only the collector can free
            heap.before_build()
            assert gc.get_freeze_count() <= heap.growth * heap.cleaned_at + max(live // 5, 1000) + 100
        assert heap.collections >= 2  # collected again once it doubled
    finally:
        gc.unfreeze()
