"""Keeping Python's cycle collector off the objects `mkdocs serve` keeps between rebuilds.

A rebuild of a large archive keeps almost everything it had: the letters, the
pages, their inputs. Python's cycle collector still walks all of them each
time enough new objects pile up, which at ten thousand letters took a third
of a rebuild. So, as each rebuild starts, what exists is frozen (moved out of
the collector's sight, `gc.freeze`); objects freed by reference counting are
freed as before.

Only the collector frees objects in reference cycles, such as the engine's
page and file objects of the build before, and frozen ones stay. The first
build's (every page's) are collected once the server is up, before any edit;
after that a rebuild leaves few, and once the frozen heap has doubled since
it was last cleaned it is collected once and frozen again: the memory held
stays within twice the live heap, and a full collection runs once every
several rebuilds instead of several times in each.

The frozen heap's size is counted here, from what each rebuild adds, not
asked of Python: `gc.get_freeze_count` walks every frozen object (0.6 s a
rebuild at 100,000 letters). What each rebuild adds is what the collector
still tracks when it is frozen: the objects that rebuild made and kept. The
count ignores frozen objects freed since, so it errs towards cleaning early.
"""

from __future__ import annotations

import gc


class FrozenHeap:
    def __init__(self, growth: float = 2.0) -> None:
        self.growth = growth
        self.cleaned_at = 0  # objects frozen right after the last full collection
        self.collections = 0
        self.frozen = 0  # objects frozen since (and at) the last full collection, as counted here

    def settle(self) -> None:
        """Collect everything, then freeze what is left (after the first build, while no one waits)."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.cleaned_at = self.frozen = gc.get_freeze_count()  # once in several rebuilds
        self.collections += 1

    def before_build(self) -> None:
        # The objects the last rebuild made and kept: what is tracked and not frozen yet
        # (lists of the young generations only, in proportion to that rebuild's work).
        self.frozen += sum(len(gc.get_objects(generation)) for generation in range(3))
        gc.freeze()
        if self.frozen > self.growth * max(self.cleaned_at, 1):
            self.settle()
