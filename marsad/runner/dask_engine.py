"""The Dask engine: ``marsad run --engine dask`` extracts a corpus on a Dask cluster.

The driver (the process running ``marsad run``) reads the sources, packs documents into partitions of
bounded size (documents and bytes) and skips what the store already holds; workers extract partitions
(the knowledge base and gazetteer load once per worker process, then stay cached); every finished
partition is written as four Parquet files (documents, mentions, entities, events) under a temporary
name and renamed into place, then loaded into the store in committed batches, in input order, so the
store ends up exactly as the single-process run leaves it. Workers also prepare every document's store
rows (search terms, near-duplicate signature, analysis rows, facets; ``marsad.store.prepared``), carried
in the documents table, so loading only clusters, numbers and inserts.

Fault tolerance: a worker that dies loses only the tasks it was running, which the scheduler runs again
on another worker; outputs appear whole or not at all, and the store stores each content once (by
content hash), so nothing is lost or duplicated. ``manifest.jsonl`` in the output directory records the
partitions loaded into each store: a re-run skips them, loads partitions extracted but not loaded yet
from their Parquet files, and extracts the rest.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import resource
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import sqlalchemy as sa

from marsad.io.readers import InputError
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.runner.local import (
    InputErrorHook,
    ProgressHook,
    RunOptions,
    RunSummary,
    readable_documents,
    sent_key,
    triage,
)
from marsad.runner.partitions import (
    Extracted,
    Manifest,
    MiB,
    Partition,
    analysis_tables,
    clean_temporaries,
    decode_docs,
    encode_docs,
    has_part,
    pack,
    prepared_documents,
    read_prepared,
    salt_of,
    write_part,
)
from marsad.runner.writer import open_sink
from marsad.store import Producer, Store
from marsad.store.dedup import content_hash

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

log = logging.getLogger(__name__)

InfoHook = Callable[[str], None]
LoadedHook = Callable[[str], None]  # called with a partition key after it is committed to the store

DEFAULT_PARTITION_DOCS = 1000
DEFAULT_PARTITION_MB = 4.0
DEFAULT_OUTPUT_DIR = "marsad-parts"
BOKEH_HINT = (
    "dashboard unavailable: bokeh is not installed where the scheduler runs "
    "(pip install 'marsad[dashboard]' to watch the run in a browser)"
)


@dataclass(frozen=True, slots=True)
class DaskOptions:
    """Where and how to run on Dask."""

    scheduler: str | None = None  # address of a running scheduler; None = start a LocalCluster
    workers: int | None = None  # LocalCluster worker processes (one thread each); None = CPU count
    partition_docs: int = DEFAULT_PARTITION_DOCS  # documents per partition at most
    partition_bytes: int = int(DEFAULT_PARTITION_MB * MiB)  # UTF-8 bytes of text per partition at most
    output_dir: str | None = None  # None = next to a SQLite database, else ./marsad-parts
    load: bool = True  # False: write the Parquet partitions only
    dashboard_address: str = ":8787"  # LocalCluster dashboard (pages need bokeh); ":0" = any free port
    window: int | None = None  # partitions in flight at most; None = 2 x workers + 2


@dataclass(slots=True)
class DaskRunSummary(RunSummary):
    """What a Dask run did: the single-process summary plus partitions, timings and workers."""

    partitions: int = 0  # partitions made from the input (and from pending stored documents)
    partitions_extracted: int = 0  # extracted by workers in this run
    partitions_reused: int = 0  # extracted by an earlier run (Parquet found), loaded by this one
    partitions_skipped: int = 0  # loaded by an earlier run (manifest), or nothing left to extract
    partitions_loaded: int = 0  # committed to the store by this run
    worker_seconds: float = 0.0  # extraction time summed over tasks (worker CPU-bound time)
    load_seconds: float = 0.0  # driver time loading: decoding, storing or handing batches to the writer
    write_seconds: float = 0.0  # driver time spent writing Parquet partitions
    workers: int = 0
    output_dir: str = ""
    dashboard: str | None = None
    worker_peak_mib: dict[int, float] = field(default_factory=dict)  # worker pid -> peak RSS
    resource_loads: dict[int, int] = field(default_factory=dict)  # worker pid -> KB+gazetteer loads
    tasks_per_worker: dict[int, int] = field(default_factory=dict)  # worker pid -> partitions extracted


# -- worker side ------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def worker_pipeline(kb_paths: tuple[str, ...], gazetteer_path: str | None) -> tuple[Pipeline, str]:
    """The pipeline and knowledge version of this worker process: built on the first task and cached
    for every later one (``Resources.load`` is cached per process too)."""
    from marsad.resources import Resources

    pipeline = Pipeline.default(kb_paths=kb_paths, gazetteer_path=gazetteer_path)
    return pipeline, Resources.load(kb_paths, gazetteer_path).version


def warm_up(kb_paths: tuple[str, ...] = (), gazetteer_path: str | None = None) -> str:
    """Build this worker's pipeline now (e.g. ``client.run(warm_up)``); returns the knowledge version."""
    return worker_pipeline(tuple(kb_paths), gazetteer_path)[1]


def resource_loads() -> int:
    """How many times this process loaded a knowledge base and gazetteer (``Resources`` cache misses)."""
    from marsad.resources import _load_cached

    return _load_cached.cache_info().misses


def extract_partition(
    key: str, payload: bytes, size: int, kb_paths: tuple[str, ...], gazetteer_path: str | None
) -> dict[str, Any]:
    """The task: extract one partition's documents and return its four tables with statistics."""
    from marsad import __version__

    started = time.perf_counter()
    pipeline, knowledge = worker_pipeline(kb_paths, gazetteer_path)
    docs = decode_docs(payload, size)
    failures: dict[str, str] = {}
    for i, failure in pipeline.analyse_batch(docs).items():
        failures[docs[i].id] = f"{failure.component}: {failure.error!r}"
        docs[i].clear_analysis()  # stored with its text and metadata only, never half an analysis
    producer = Producer(marsad=__version__, knowledge=knowledge)
    tables = analysis_tables(key, docs, failures, producer)
    return {
        "key": key,
        "tables": tables,
        "docs": len(docs),
        "chars": sum(len(d.text) for d in docs if d.id not in failures),
        "seconds": time.perf_counter() - started,
        "pid": os.getpid(),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "loads": resource_loads(),
        "knowledge": knowledge,
        "marsad": __version__,
    }


# -- driver side ------------------------------------------------------------------------------------


def default_output_dir(store: Store) -> Path:
    """``<database name>-parts`` next to a SQLite database file; ``./marsad-parts`` otherwise."""
    url = sa.engine.make_url(store.url)
    if store.dialect == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database)
        return db.with_name(f"{db.stem}-parts")
    return Path(DEFAULT_OUTPUT_DIR)


def store_identity(store: Store) -> str:
    url = sa.engine.make_url(store.url)
    if store.dialect == "sqlite" and url.database:
        return f"sqlite:///{Path(url.database).resolve()}"
    return url.render_as_string(hide_password=True)


def connect(options: DaskOptions, on_info: InfoHook | None = None) -> tuple[Client, LocalCluster | None]:
    """A client on the given scheduler, or on a new LocalCluster of single-threaded worker processes."""
    from distributed import Client, LocalCluster

    if options.scheduler:
        return Client(options.scheduler), None
    cluster = LocalCluster(
        n_workers=options.workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=options.dashboard_address,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def dashboard_of(client: Client) -> tuple[str | None, str]:
    """The dashboard link (None when the scheduler serves none) and a line telling the user about it.
    The dashboard's pages need bokeh where the scheduler runs; without it the scheduler still serves
    plain HTML tables of workers and tasks under /info."""
    try:
        services = client.scheduler_info().get("services", {})
        has_bokeh = bool(client.run_on_scheduler(_has_bokeh))
    except Exception:  # pragma: no cover - scheduler gone or refusing run_on_scheduler
        return None, BOKEH_HINT
    if "dashboard" not in services:
        return None, "dashboard: off"
    link = str(client.dashboard_link)
    if has_bokeh:
        return link, f"dashboard: {link}"
    base = link.rsplit("/", 1)[0]
    return None, f"{BOKEH_HINT}; plain worker and task tables: {base}/info/main/workers.html"


def _has_bokeh() -> bool:
    return importlib.util.find_spec("bokeh") is not None


_DEFAULT_RUN = RunOptions()


def run_dask(
    store: Store,
    producer: Producer,
    documents: Iterable[Document | InputError],
    options: RunOptions = _DEFAULT_RUN,
    dask: DaskOptions = DaskOptions(),
    kb_paths: tuple[str, ...] = (),
    gazetteer_path: str | None = None,
    on_progress: ProgressHook | None = None,
    on_input_error: InputErrorHook | None = None,
    on_info: InfoHook | None = None,
    on_loaded: LoadedHook | None = None,
    client: Client | None = None,
) -> DaskRunSummary:
    """Extract ``documents`` on a Dask cluster (``client``, or one made from ``dask``), write Parquet
    partitions to the output directory and load them into ``store``; then, with
    ``options.include_pending``, extract what the store still holds unextracted. Ctrl-C stops
    submitting, keeps every committed partition and says so in the summary."""
    summary = DaskRunSummary()
    started = time.perf_counter()
    out = Path(dask.output_dir) if dask.output_dir else default_output_dir(store)
    out.mkdir(parents=True, exist_ok=True)
    clean_temporaries(out)
    summary.output_dir = str(out)
    cluster: LocalCluster | None = None
    own = client is None
    driver: _Driver | None = None
    try:
        if client is None:
            client, cluster = connect(dask, on_info)
        summary.workers = len(client.scheduler_info().get("workers", {}))
        summary.dashboard, message = dashboard_of(client)
        if on_info is not None:
            on_info(message)
            on_info(f"{summary.workers} worker(s); Parquet partitions in {out}")
        driver = _Driver(
            client, store, producer, options, dask, out, summary, kb_paths, gazetteer_path, on_progress
        )
        driver.on_loaded = on_loaded
        salt = salt_of(producer, options.reextract)
        readable = readable_documents(documents, summary, on_input_error, options)
        driver.run(pack(readable, dask.partition_docs, dask.partition_bytes, salt))
        driver.drain()  # pending documents are read from the store: it must hold every batch sent
        if options.include_pending and dask.load:
            driver.run(
                pack(
                    driver.pending(),
                    dask.partition_docs,
                    dask.partition_bytes,
                    salt,
                    from_store=True,
                )
            )
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if driver is not None:
            driver.cancel()
            # after success or Ctrl-C: commit what was sent and record those partitions; after an
            # error: stop the writer (what it commits is not recorded and is found stored on a re-run)
            driver.close(commit=sys.exc_info()[1] is None)
        if own and client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary


@dataclass(slots=True)
class _Slot:
    """A partition between submission and loading."""

    part: Partition
    future: Future | None = None
    tables: dict[str, pa.Table] | None = None
    reused: bool = False
    failed: bool = False

    @property
    def ready(self) -> bool:
        return self.failed or self.reused or self.tables is not None


class _Driver:
    """Submits partitions, collects finished ones, writes them and loads them in input order."""

    def __init__(
        self,
        client: Client,
        store: Store,
        producer: Producer,
        options: RunOptions,
        dask: DaskOptions,
        out: Path,
        summary: DaskRunSummary,
        kb_paths: tuple[str, ...],
        gazetteer_path: str | None,
        on_progress: ProgressHook | None,
    ) -> None:
        self.client = client
        self.store = store
        self.producer = producer
        self.options = options
        self.dask = dask
        self.out = out
        self.summary = summary
        self.kb_paths = tuple(str(p) for p in kb_paths)
        self.gazetteer_path = gazetteer_path
        self.on_progress = on_progress
        self.on_loaded: LoadedHook | None = None
        self.manifest = Manifest(out, store_identity(store))
        self.window = dask.window or 2 * max(1, summary.workers) + 2
        self.slots: deque[_Slot] = deque()
        self.failed_here: set[str] = set()  # content hashes that failed in this run: not retried
        # batches go to a writer process (with 2+ CPUs) while the driver decodes the next partition;
        # a partition enters the manifest once the writer has committed its last batch
        self.sink = open_sink(store, producer, options.writer)
        self.batches_sent = 0
        self.unrecorded: deque[tuple[int, str, int]] = deque()  # (batches sent after it, key, documents)
        self.sent: set[int] = set()  # content sent to the writer (64-bit hash prefixes)

    # -- the loop --

    def run(self, partitions: Iterator[Partition]) -> None:
        for part in partitions:
            self.summary.partitions += 1
            slot = self._prepare(part)
            if slot is not None:
                self.slots.append(slot)
            while len(self.slots) >= self.window:
                self._advance()
        while self.slots:
            self._advance()

    def pending(self) -> Iterator[Document]:
        for batch in self.store.pending_documents(
            self.producer, self.options.reextract, self.dask.partition_docs
        ):
            for doc in batch:
                if content_hash(doc.text) not in self.failed_here:
                    yield doc

    def cancel(self) -> None:
        futures = [s.future for s in self.slots if s.future is not None]
        if futures:
            self.client.cancel(futures)
        self.slots.clear()

    def drain(self) -> None:
        """Wait until every batch sent is committed, and record the partitions they complete."""
        self.sink.drain()
        self._record_committed()

    def close(self, commit: bool = True) -> None:
        try:
            if commit:
                self.drain()
        finally:
            self.sink.close()

    def _record_committed(self) -> None:
        committed = self.sink.committed
        while self.unrecorded and self.unrecorded[0][0] <= committed:
            _, key, docs = self.unrecorded.popleft()
            self.manifest.record(key, docs)
            self.summary.partitions_loaded += 1
            if self.on_loaded is not None:
                self.on_loaded(key)

    def _advance(self) -> None:
        """Load the oldest partition if it is ready, else wait for any running partition to finish."""
        from distributed import wait

        head = self.slots[0]
        if head.ready:
            self.slots.popleft()
            self._load(head)
            return
        running = {s.future: s for s in self.slots if s.future is not None}
        done = wait(list(running), return_when="FIRST_COMPLETED").done
        for future in done:
            self._collect(running[future])

    # -- before extraction --

    def _prepare(self, part: Partition) -> _Slot | None:
        summary = self.summary
        if self.dask.load and part.key in self.manifest:
            summary.partitions_skipped += 1
            summary.unchanged += len(part.docs)
            self._progress(len(part.docs), 0)
            return None
        if has_part(self.out, part.key):
            summary.partitions_reused += 1
            self._progress(len(part.docs), 0)
            return _Slot(part, reused=True)
        todo = self._to_extract(part)
        if not todo:
            summary.partitions_skipped += 1
            if self.dask.load:
                self.manifest.record(part.key, 0)
            return None
        payload, size = encode_docs(todo)
        future = self.client.submit(
            extract_partition,
            part.key,
            payload,
            size,
            self.kb_paths,
            self.gazetteer_path,
            key=f"marsad-extract-{part.key}-{uuid.uuid4().hex[:8]}",
            pure=False,
            retries=1,
        )
        return _Slot(part, future=future)

    def _to_extract(self, part: Partition) -> list[Document]:
        """As the single-process run: drop content this version already stored (or, without
        --reextract, another version stored), content that failed in this run, and repeats."""
        if part.from_store:
            return list(part.docs)
        known = self.store.lookup_hashes(set(part.hashes))
        out = triage(
            part.docs,
            part.hashes,
            known,
            self.producer,
            self.options.reextract,
            self.failed_here.__contains__,
            self.summary,
        )
        self._progress(len(part.docs) - len(out), 0)
        return out

    # -- after extraction --

    def _collect(self, slot: _Slot) -> None:
        future, slot.future = slot.future, None
        assert future is not None
        key = slot.part.key
        try:
            result = future.result()
        except Exception as err:  # a task that failed for good (e.g. killed its workers repeatedly)
            slot.failed = True
            self.summary.failed_inputs.append(f"partition {key}: {type(err).__name__}: {err}")
            log.error("partition %s failed: %r", key, err)
            return
        finally:
            future.release()
        if result["knowledge"] != self.producer.knowledge or result["marsad"] != self.producer.marsad:
            slot.failed = True
            self.summary.failed_inputs.append(
                f"partition {key}: a worker runs marsad {result['marsad']} with knowledge "
                f"{result['knowledge']}, not {self.producer.marsad} / {self.producer.knowledge}: install the "
                "same marsad version and pass the same --kb/--gazetteer paths on every worker"
            )
            return
        summary = self.summary
        pid = int(result["pid"])
        summary.partitions_extracted += 1
        summary.worker_seconds += float(result["seconds"])
        summary.worker_peak_mib[pid] = max(summary.worker_peak_mib.get(pid, 0.0), float(result["peak_mib"]))
        summary.resource_loads[pid] = int(result["loads"])
        summary.tasks_per_worker[pid] = summary.tasks_per_worker.get(pid, 0) + 1
        t0 = time.perf_counter()
        write_part(self.out, key, result["tables"])
        summary.write_seconds += time.perf_counter() - t0
        slot.tables = result["tables"] if self.dask.load else None
        if not self.dask.load:
            slot.reused = True  # ready; nothing to load
            summary.extracted += int(result["docs"]) - result["tables"]["documents"].column(
                "status"
            ).to_pylist().count("failed")
            summary.chars += int(result["chars"])
        self._progress(int(result["docs"]), int(result["chars"]))

    def _load(self, slot: _Slot) -> None:
        if slot.failed or not self.dask.load:
            return
        key = slot.part.key
        t0 = time.perf_counter()
        if slot.tables is not None:
            extracted = prepared_documents(key, slot.tables["documents"])
        else:
            extracted = read_prepared(self.out, key)
        if extracted.producer is not None and extracted.producer != self.producer:
            self.summary.failed_inputs.append(f"partition {key}: written by {extracted.producer}, skipped")
            return
        self._save(extracted)
        self.summary.load_seconds += time.perf_counter() - t0
        self.unrecorded.append((self.batches_sent, key, len(extracted.items)))
        self._record_committed()

    def _save(self, extracted: Extracted) -> None:
        """Commit a partition in batches; content stored meanwhile by this version is not redone."""
        summary = self.summary
        size = self.options.batch_size
        items = extracted.items
        for start in range(0, len(items), size):
            batch = items[start : start + size]
            digests = [item.digest for item in batch]
            known = self.store.lookup_hashes(set(digests))
            # extracted already: only content this version stored meanwhile is not stored again
            keep = triage(batch, digests, known, self.producer, True, self._sent_has, summary)
            if not keep:
                continue
            self.sink.submit_prepared(keep)
            self.batches_sent += 1
            self.sent.update(sent_key(item.digest) for item in keep)
            failed = [item for item in keep if item.failure is not None]
            summary.batches += 1
            summary.extracted += len(keep) - len(failed)
            summary.chars += sum(len(item.text) for item in keep if item.failure is None)
            summary.failed_documents.extend(f"{item.id}: {item.failure}" for item in failed)
            self.failed_here.update(item.digest for item in failed)

    def _sent_has(self, digest: str) -> bool:
        return sent_key(digest) in self.sent

    def _progress(self, docs: int, chars: int) -> None:
        if self.on_progress is not None and docs:
            self.on_progress(docs, chars)
