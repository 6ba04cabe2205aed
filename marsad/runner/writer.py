"""Where ``marsad run`` sends extracted batches to be committed: the store itself (inline), or a writer
process that commits batch N while this process extracts batch N + 1.

Storing a batch (row building, search terms, near-duplicate signatures, SQLite or PostgreSQL work) costs
about a third of extracting it; on a machine with two or more CPUs the writer process takes that cost off
the extraction path. Either way every batch is one transaction, so a crash loses at most the batches in
flight and a re-run stores every document exactly once. Batches come as extracted documents (the local
run: pickling documents costs its extraction process less than preparing their rows would) or as
documents prepared already (the Dask run: workers prepared them, the writer only inserts).

The writer ignores Ctrl-C (the runner decides when to stop and then waits for what it already sent), and
exits when the runner disappears (killed): its pipe reaches end of file, or its parent process changes.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from typing import Any, Literal, Protocol

from marsad.gcpause import paused_gc
from marsad.model import Document
from marsad.store import Producer, Store, StoreError
from marsad.store.prepared import PackedDocument, unpack_all

log = logging.getLogger(__name__)

WriterMode = Literal["auto", "process", "inline"]

_POLL_SECONDS = 1.0  # how often an idle writer checks that the runner is still there

# What the writer process receives per batch: ("documents", documents, failures) or
# ("prepared", prepared documents, {}).
_Batch = tuple[str, list[Document] | list[PackedDocument], dict[str, str]]


class BatchSink(Protocol):
    """Commits batches of extracted documents, in the order they were submitted."""

    def submit(self, docs: Sequence[Document], failures: Mapping[str, str]) -> None:
        """Queue ``docs`` (with ``failures``: doc.id → reason) for one transaction; may block while the
        writer is busy. Raises ``StoreError`` if an earlier batch could not be committed."""
        ...

    def submit_prepared(self, items: Sequence[PackedDocument]) -> None:
        """Queue documents prepared already (``marsad.store.prepared``) for one transaction, as
        ``submit``."""
        ...

    def drain(self) -> None:
        """Wait until every submitted batch is committed (raises ``StoreError`` if one was not)."""
        ...

    @property
    def committed(self) -> int:
        """How many of the submitted batches are committed so far (they commit in order)."""
        ...

    def close(self) -> None:
        """Stop the writer (after ``drain``, nothing is lost)."""
        ...


class InlineSink:
    """Commits each batch at once, in this process."""

    def __init__(self, store: Store, producer: Producer) -> None:
        self.store = store
        self.producer = producer
        self._committed = 0

    def submit(self, docs: Sequence[Document], failures: Mapping[str, str]) -> None:
        self.store.save_extractions(docs, self.producer, failures)
        self._committed += 1

    def submit_prepared(self, items: Sequence[PackedDocument]) -> None:
        self.store.save_prepared(unpack_all(items))
        self._committed += 1

    def drain(self) -> None:
        return None

    @property
    def committed(self) -> int:
        return self._committed

    def close(self) -> None:
        return None


class ProcessSink:
    """Commits batches in a separate writer process (started with ``spawn``: no state is shared)."""

    def __init__(self, store_url: str, producer: Producer) -> None:
        ctx = multiprocessing.get_context("spawn")
        to_writer_read, self._to_writer = ctx.Pipe(duplex=False)
        self._from_writer, from_writer_send = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=_writer_main,
            args=(store_url, producer, to_writer_read, from_writer_send, os.getpid()),
            name="marsad-writer",
            daemon=True,
        )
        self._process.start()
        # only the writer keeps these ends: its reads see end of file when this process dies
        to_writer_read.close()
        from_writer_send.close()
        self._unacknowledged = 0
        self._committed = 0
        self._closed = False

    def submit(self, docs: Sequence[Document], failures: Mapping[str, str]) -> None:
        self._send(("documents", list(docs), dict(failures)))

    def submit_prepared(self, items: Sequence[PackedDocument]) -> None:
        self._send(("prepared", list(items), {}))

    def _send(self, batch: _Batch) -> None:
        self._collect(block=False)
        try:
            self._to_writer.send(batch)
        except (BrokenPipeError, OSError) as err:
            self._collect(block=False)  # the writer's own error says more, when it sent one
            raise StoreError(f"the store writer process stopped: {err}") from err
        self._unacknowledged += 1

    def drain(self) -> None:
        while self._unacknowledged:
            self._collect(block=True)

    @property
    def committed(self) -> int:
        self._collect(block=False)
        return self._committed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(BrokenPipeError, OSError):
            self._to_writer.send(None)
        self._to_writer.close()
        self._process.join(timeout=60)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._from_writer.close()

    def _collect(self, block: bool) -> None:
        """Read the writer's acknowledgements; raise its error if it had one."""
        while self._unacknowledged and (block or self._from_writer.poll()):
            try:
                status, message = self._from_writer.recv()
            except EOFError as err:
                raise StoreError(
                    f"the store writer process ended unexpectedly (exit code {self._process.exitcode})"
                ) from err
            self._unacknowledged -= 1
            if status != "ok":
                self._unacknowledged = 0
                raise StoreError(message)
            self._committed += 1
            block = False  # one acknowledgement is what a blocking call waits for


def open_sink(store: Store, producer: Producer, mode: WriterMode = "auto") -> BatchSink:
    """The sink for a run. "inline": the store itself. "process": a writer process (refused for a store
    another process cannot open). "auto": the first batch inline, later ones through a writer process
    when this process may use two or more CPUs and the store can be shared (small runs never pay for
    starting a process)."""
    if mode == "inline":
        return InlineSink(store, producer)
    if mode == "process":
        if not _shareable(store):
            raise StoreError(f"{store!r} lives in this process only; a writer process cannot open it")
        return ProcessSink(store.url, producer)
    if _usable_cpus() < 2 or not _shareable(store):
        return InlineSink(store, producer)
    return AutoSink(store, producer)


class AutoSink:
    """Commits the first batch inline, then starts a writer process for the rest."""

    def __init__(self, store: Store, producer: Producer) -> None:
        self._inline = InlineSink(store, producer)
        self._store_url = store.url
        self._producer = producer
        self._process: ProcessSink | None = None
        self._submitted = 0

    def submit(self, docs: Sequence[Document], failures: Mapping[str, str]) -> None:
        self._sink().submit(docs, failures)
        self._submitted += 1

    def submit_prepared(self, items: Sequence[PackedDocument]) -> None:
        self._sink().submit_prepared(items)
        self._submitted += 1

    def _sink(self) -> BatchSink:
        """The first batch goes inline, later ones to the writer process (started on the second)."""
        if self._submitted == 0:
            return self._inline
        if self._process is None:
            self._process = ProcessSink(self._store_url, self._producer)
        return self._process

    def drain(self) -> None:
        if self._process is not None:
            self._process.drain()

    @property
    def committed(self) -> int:
        return self._inline.committed + (self._process.committed if self._process is not None else 0)

    def close(self) -> None:
        if self._process is not None:
            self._process.close()


def _shareable(store: Store) -> bool:
    """Whether another process can open ``store`` by its URL (not an in-memory SQLite database)."""
    url = store.engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


def _usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _writer_main(
    store_url: str, producer: Producer, inbox: Connection, outbox: Connection, parent_pid: int
) -> None:
    """The writer process: commit each batch received, acknowledge it, stop at None or end of file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    store: Store | None = None
    try:
        while True:
            if not inbox.poll(_POLL_SECONDS):
                if os.getppid() != parent_pid:
                    return  # the runner was killed; what it sent was committed or never will be
                continue
            try:
                with paused_gc():  # a batch of documents unpickles into many objects
                    item: Any = inbox.recv()
            except EOFError:
                return
            if item is None:
                return
            kind, batch, failures = item
            try:
                if store is None:
                    store = Store.open(store_url)
                if kind == "prepared":
                    store.save_prepared(unpack_all(batch))
                else:
                    store.save_extractions(batch, producer, failures)
            except Exception as err:  # reported to the runner, which stops with the message
                log.debug("writer failed", exc_info=True)
                outbox.send(("error", _describe(err)))
                return
            outbox.send(("ok", ""))
    finally:
        if store is not None:
            store.close()
        outbox.close()


def _describe(err: BaseException) -> str:
    return str(err) if isinstance(err, StoreError) else f"storing a batch failed: {err!r}"
