"""Pausing Python's cyclic garbage collector around work that builds many short-lived, acyclic objects.

Analysing a document, or building or decoding a batch of store rows, allocates hundreds of thousands of
tuples, lists, dicts and dataclass instances that reference counting frees as soon as they are dropped.
Their allocations still count towards the collector's thresholds, and each collection that follows
walks every tracked object of the young generations (and, now and then, the whole heap) to free
nothing. Pausing it for the duration saves that walk; whatever cyclic garbage the work leaves is
collected by the first collection after it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """The open ``paused_gc`` blocks of all threads, counted under a lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.restore = False  # whether the collector was enabled when the outermost block began

    def begin(self) -> None:
        with self.lock:
            if self.depth == 0:
                self.restore = gc.isenabled()
                gc.disable()
            self.depth += 1

    def end(self) -> None:
        with self.lock:
            self.depth -= 1
            if self.depth == 0 and self.restore:
                gc.enable()


_PAUSES = _Pauses()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block, then restore it. Blocks may nest and run in several
    threads at once: the collector stays paused until the last open block ends, and is enabled again
    only if it was enabled when the first one began (a collector the caller disabled stays disabled)."""
    _PAUSES.begin()
    try:
        yield
    finally:
        _PAUSES.end()
