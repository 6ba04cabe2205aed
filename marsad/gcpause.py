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
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block, then restore it. Nested or concurrent uses keep it
    paused until the outermost one that paused it ends; a collector the caller disabled stays disabled."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
