"""Keeping Python's cycle collector off the objects `mkdocs serve` keeps between rebuilds.

A rebuild of a large archive keeps almost everything it had: the letters, the
pages, their inputs. Python's cycle collector still walks all of them each
time enough new objects pile up, which at ten thousand letters took a third
of a rebuild. After each build the surviving objects are frozen (moved out of
the collector's sight, `gc.freeze`); objects freed by reference counting are
freed as before. What only the collector frees (objects in reference cycles,
such as the engine's page and file objects of the build before) would stay
frozen, so once the frozen heap has doubled since it was last cleaned, it is
collected once and frozen again: the memory held stays within twice the live
heap, and a full collection runs once every several rebuilds instead of
several times in each.
"""

from __future__ import annotations

import gc


class FrozenHeap:
    def __init__(self, growth: float = 2.0) -> None:
        self.growth = growth
        self.cleaned_at = 0  # objects frozen right after the last full collection
        self.collections = 0

    def after_build(self) -> None:
        gc.freeze()
        if gc.get_freeze_count() > self.growth * self.cleaned_at:
            gc.unfreeze()
            gc.collect()
            self.collections += 1
            gc.freeze()
            self.cleaned_at = gc.get_freeze_count()
