"""The local run: documents stream in, are extracted in batches in this process, and every batch is
committed to the store in one transaction (by a writer process on machines with two or more CPUs, so
storing batch N overlaps extracting batch N + 1; see ``marsad.runner.writer``).

A crash or Ctrl-C loses at most the batches in flight; a re-run recognizes what is already stored by
content hash and goes on from there, so every document is stored exactly once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from marsad.io.readers import InputError
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.runner.writer import BatchSink, WriterMode, open_sink
from marsad.store import Producer, Store, StoredDoc
from marsad.store.dedup import content_hash

T = TypeVar("T")  # documents, or documents prepared as store rows
ProgressHook = Callable[[int, int], None]  # (documents done, characters done) since the last call
InputErrorHook = Callable[[InputError], None]


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run: batch size (documents per transaction), re-extraction, defaults for documents."""

    batch_size: int = 100
    reextract: bool = False
    published: str | None = None  # publication date for documents that lack one
    country: str | None = None  # ISO country hint for documents that lack one
    include_pending: bool = True  # also extract documents stored earlier and not yet (re)extracted
    writer: WriterMode = "auto"  # where batches are committed: a writer process, or this process


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the closing report and the exit status."""

    read: int = 0  # documents read from the sources
    extracted: int = 0  # documents extracted and stored by this run
    unchanged: int = 0  # already stored by this marsad and knowledge version: skipped
    outdated: int = 0  # stored by another version and kept (re-run with --reextract)
    repeated: int = 0  # the same content twice in this run's input: stored once
    chars: int = 0  # characters extracted
    batches: int = 0  # transactions committed
    seconds: float = 0.0
    failed_inputs: list[str] = field(default_factory=list)  # "path[:line]: reason"
    failed_documents: list[str] = field(default_factory=list)  # "id: reason"
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not (self.failed_inputs or self.failed_documents or self.interrupted)

    @property
    def docs_per_second(self) -> float:
        return self.extracted / self.seconds if self.seconds else 0.0


def run_corpus(
    store: Store,
    pipeline: Pipeline,
    producer: Producer,
    documents: Iterable[Document | InputError],
    options: RunOptions = RunOptions(),
    on_progress: ProgressHook | None = None,
    on_input_error: InputErrorHook | None = None,
) -> RunSummary:
    """Extract and store ``documents`` (then, with ``include_pending``, whatever the store still holds
    unextracted), committing one transaction per batch. Ctrl-C stops after the current document and
    keeps every committed batch; the summary says it was interrupted."""
    summary = RunSummary()
    started = time.perf_counter()
    sink = open_sink(store, producer, options.writer)
    runner = _BatchRunner(store, pipeline, producer, sink, options, summary, on_progress)
    try:
        try:
            docs = readable_documents(documents, summary, on_input_error, options)
            for batch in _batches(docs, options.batch_size):
                runner.run(batch, from_store=False)
            sink.drain()  # pending documents are read from the store: it must hold every batch sent
            if options.include_pending:
                for batch in store.pending_documents(producer, options.reextract, options.batch_size):
                    runner.run(batch, from_store=True)
        except KeyboardInterrupt:
            summary.interrupted = True
        sink.drain()  # what was sent is committed, also after Ctrl-C
    finally:
        sink.close()
    summary.seconds = time.perf_counter() - started
    return summary


class _BatchRunner:
    """Extracts one batch and commits it; remembers what this run already handled."""

    def __init__(
        self,
        store: Store,
        pipeline: Pipeline,
        producer: Producer,
        sink: BatchSink,
        options: RunOptions,
        summary: RunSummary,
        on_progress: ProgressHook | None,
    ) -> None:
        self.store = store
        self.pipeline = pipeline
        self.producer = producer
        self.sink = sink
        self.options = options
        self.summary = summary
        self.on_progress = on_progress
        self.failed_here: set[str] = set()  # content hashes that failed in this run: not retried
        # content sent to the sink by this run (64-bit hash prefixes): repeats in later batches are
        # recognized before the writer has committed the first copy
        self.sent: set[int] = set()

    def run(self, batch: list[Document], from_store: bool) -> None:
        if from_store:  # pending documents, some of which may have failed earlier in this run
            todo = [d for d in batch if content_hash(d.text) not in self.failed_here]
        else:  # content that failed in this run was sent too: triage counts it as repeated
            todo = self._to_extract(batch)
        if not todo:
            return
        failures: dict[str, str] = {}
        failed = self.pipeline.analyse_batch(todo)
        for i, doc in enumerate(todo):
            failure = failed.get(i)
            if failure is not None:
                failures[doc.id] = f"{failure.component}: {failure.error!r}"
                self.failed_here.add(content_hash(doc.text))
                doc.clear_analysis()  # stored with its text and metadata only, never half an analysis
            if self.on_progress is not None:
                self.on_progress(1, len(doc.text))
        self.sink.submit(todo, failures)
        self.sent.update(sent_key(content_hash(d.text)) for d in todo)
        self.summary.batches += 1
        self.summary.extracted += len(todo) - len(failures)
        self.summary.chars += sum(len(d.text) for d in todo if d.id not in failures)
        self.summary.failed_documents.extend(f"{doc_id}: {reason}" for doc_id, reason in failures.items())

    def _to_extract(self, batch: list[Document]) -> list[Document]:
        """Drop documents whose content this version already stored (or, without --reextract, that
        another version stored) and repeats of content this run already handled."""
        hashes = [content_hash(d.text) for d in batch]
        known = self.store.lookup_hashes(set(hashes))
        out = triage(
            batch, hashes, known, self.producer, self.options.reextract, self._sent_has, self.summary
        )
        if len(out) < len(batch) and self.on_progress is not None:
            self.on_progress(len(batch) - len(out), 0)
        return out

    def _sent_has(self, digest: str) -> bool:
        return sent_key(digest) in self.sent


def sent_key(digest: str) -> int:
    """The 64-bit prefix of a content hash that runs remember for the content they sent to be stored."""
    return int(digest[:16], 16)


def triage(
    docs: Sequence[T],
    digests: Sequence[str],
    known: Mapping[str, StoredDoc],
    producer: Producer,
    reextract: bool,
    repeated: Callable[[str], bool],
    summary: RunSummary,
) -> list[T]:
    """The documents to extract, in order; the others are counted in ``summary``: repeats (of an earlier
    document in ``docs``, or content ``repeated`` says this run handled), content this ``producer``
    stored (``known``: stored documents by hash) and, without ``reextract``, content another producer
    stored."""
    seen: set[str] = set()
    out: list[T] = []
    for doc, digest in zip(docs, digests, strict=True):
        stored = known.get(digest)
        extracted = stored is not None and stored.status == "extracted"
        if digest in seen or repeated(digest):
            summary.repeated += 1
        elif extracted and stored is not None and stored.producer == producer:
            summary.unchanged += 1
        elif extracted and not reextract:
            summary.outdated += 1
        else:
            out.append(doc)
        seen.add(digest)
    return out


def readable_documents(
    items: Iterable[Document | InputError],
    summary: RunSummary,
    on_input_error: InputErrorHook | None,
    options: RunOptions,
) -> Iterator[Document]:
    """Documents only, with the run's defaults applied; unreadable inputs are counted and reported."""
    for item in items:
        if isinstance(item, InputError):
            summary.failed_inputs.append(str(item))
            if on_input_error is not None:
                on_input_error(item)
            continue
        summary.read += 1
        if options.published and not item.published:
            item.published = options.published
        if options.country:
            item.meta.setdefault("country", options.country.upper())
        yield item


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
