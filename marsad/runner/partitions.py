"""Partitions for the Dask engine: reading sources (marsad.ingest, and Parquet shards with pyarrow),
packing documents into bounded partitions with stable keys, the Parquet tables a partition's analysis
is written to (and read back from), and the manifest of partitions loaded into a store.

Layout of the output directory::

    parts/<key>/documents.parquet   one row per document: text, metadata, author, status, producer,
                                    and the document as the store's rows (``store_rows``, ``signature``)
    parts/<key>/mentions.parquet    one row per mention (document ordinal, offsets, label, entity, JSON)
    parts/<key>/entities.parquet    one row per entity of a document
    parts/<key>/events.parquet      one row per event (flat columns for analysis, the full JSON)
    manifest.jsonl                  one line per partition loaded into a store

A partition directory appears at once (written under a temporary name, then renamed), so a crash
never leaves half a partition under its final name. Loading reads only the documents table: workers
prepare each document's store rows (``marsad.store.prepared``), so the driver decodes no analysis.
``FORMAT`` enters every partition key: partitions written in an older layout are never read, their
documents are extracted again.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from marsad.ingest import IngestOptions, InputError, ingest_documents
from marsad.ingest.common import Context, Source
from marsad.ingest.options import Format, IngestStats
from marsad.ingest.records import record_document
from marsad.model import Document
from marsad.store.dedup import content_hash
from marsad.store.prepared import PackedDocument, prepare
from marsad.store.types import Producer

MiB = 1024 * 1024
PARQUET_SUFFIXES = (".parquet", ".parq", ".pq")
TABLES = ("documents", "mentions", "entities", "events")
MANIFEST = "manifest.jsonl"
PARTS = "parts"
FORMAT = 2  # the partition layout; 2: documents carry their prepared store rows
_PARQUET_FORMAT = cast(Format, "parquet")  # recorded in meta["origin"]; not an ingest format

# -- reading sources --------------------------------------------------------------------------------


def is_parquet(path: str) -> bool:
    return path.lower().endswith(PARQUET_SUFFIXES)


def read_sources(sources: Sequence[str], options: IngestOptions) -> Iterator[Document | InputError]:
    """Documents of every source in order: Parquet shards (files ending .parquet, and those inside
    directories) with pyarrow, everything else with ``marsad.ingest`` exactly as the single-process run
    reads it. Bad input is an InputError, never an exception."""
    others: list[str] = []
    parquet_ctx = Context(options, IngestStats())

    def flush() -> Iterator[Document | InputError]:
        if others:
            yield from ingest_documents(list(others), options)
            others.clear()

    for source in sources:
        if source != "-" and os.path.isfile(source) and is_parquet(source):
            yield from flush()
            yield from read_parquet(source, options, parquet_ctx)
        elif source != "-" and os.path.isdir(source) and (shards := parquet_files(source, options)):
            yield from flush()
            # ingest reads the other files and skips the Parquet shards as unsupported; a directory
            # holding only shards is not an error here
            for item in ingest_documents([source], options):
                if not (isinstance(item, InputError) and item.source == source and item.code == "empty"):
                    yield item
            for shard in shards:
                yield from read_parquet(shard, options, parquet_ctx)
        else:
            others.append(source)
    yield from flush()


def parquet_files(directory: str, options: IngestOptions) -> list[str]:
    """Parquet files inside ``directory`` (recursive, sorted, hidden entries skipped, --include and
    --exclude globs applied to the path relative to the directory)."""
    out: list[str] = []
    for folder, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or not is_parquet(name):
                continue
            rel = os.path.relpath(os.path.join(folder, name), directory).replace(os.sep, "/")
            if options.include and not any(fnmatch.fnmatch(rel, g) for g in options.include):
                continue
            if any(fnmatch.fnmatch(rel, g) for g in options.exclude):
                continue
            out.append(os.path.join(folder, name))
    return out


def parquet_rows(path: str) -> int | None:
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, pa.ArrowException):
        return None


def _columns(options: IngestOptions, names: Sequence[str]) -> IngestOptions:
    """Column options resolved against a Parquet schema: the date column falls back to "published"."""
    if options.date_column == "date" and "date" not in names and "published" in names:
        from dataclasses import replace

        return replace(options, date_column="published")
    return options


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat() if value.tzinfo else value.replace(tzinfo=UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def read_parquet(path: str, options: IngestOptions, ctx: Context) -> Iterator[Document | InputError]:
    """One Document per row of a Parquet shard, mapped like a JSON Lines record (same column options);
    ``meta["origin"]`` holds the path and the 1-based row number."""
    try:
        shard = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as err:
        yield InputError(path, None, f"cannot read as Parquet: {err}", "parquet")
        return
    names = shard.schema_arrow.names
    local = _columns(options, names)
    local_ctx = Context(local, ctx.stats)
    local_ctx._ids = ctx._ids  # one id registry for every shard of the run
    if local.text_column not in names and not any(
        n.strip().casefold() == local.text_column.casefold() for n in names
    ):
        yield InputError(path, None, f"no {local.text_column!r} column (the document text)", "schema")
        return
    src = Source(path, None, Path(path).stem)
    row = 0
    try:
        for batch in shard.iter_batches(batch_size=1024):
            for record in batch.to_pylist():
                row += 1
                plain = {k: _plain(v) for k, v in record.items()}
                yield record_document(
                    plain,
                    src,
                    _PARQUET_FORMAT,
                    local_ctx,
                    line=row,
                    position={"row": row},
                    fallback_id=f"{src.prefix}:{row}",
                    label=f"row {row}: ",
                )
    except (OSError, pa.ArrowException) as err:
        yield InputError(path, row + 1, f"cannot read the Parquet data: {err}", "parquet")


# -- packing ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Partition:
    """Documents extracted together; ``key`` is stable for the same documents, producer and options."""

    seq: int
    key: str
    docs: list[Document]
    hashes: list[str]
    from_store: bool = False

    @property
    def chars(self) -> int:
        return sum(len(d.text) for d in self.docs)


def pack(
    docs: Iterable[Document],
    max_docs: int,
    max_bytes: int,
    salt: str,
    start: int = 0,
    from_store: bool = False,
) -> Iterator[Partition]:
    """Consecutive documents in partitions of at most ``max_docs`` documents and ``max_bytes`` bytes of
    UTF-8 text (a single larger document is a partition of its own). ``salt`` (producer and options)
    enters the key, so partitions made for another knowledge version never match."""
    batch: list[Document] = []
    size = 0
    seq = start
    for doc in docs:
        nbytes = len(doc.text.encode("utf-8", "surrogatepass"))
        if batch and (len(batch) >= max_docs or size + nbytes > max_bytes):
            yield _partition(seq, batch, salt, from_store)
            seq += 1
            batch, size = [], 0
        batch.append(doc)
        size += nbytes
    if batch:
        yield _partition(seq, batch, salt, from_store)


def _partition(seq: int, docs: list[Document], salt: str, from_store: bool) -> Partition:
    hashes = [content_hash(d.text) for d in docs]
    h = hashlib.sha256(salt.encode("utf-8"))
    for doc, digest in zip(docs, hashes, strict=True):
        h.update(
            orjson.dumps(
                [doc.id, digest, doc.title, doc.url, doc.published, doc.source, doc.meta],
                option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS,
                default=str,
            )
        )
    prefix = "p" if from_store else ""
    return Partition(seq, f"{prefix}{seq:06d}-{h.hexdigest()[:16]}", docs, hashes, from_store)


def salt_of(producer: Producer, reextract: bool) -> str:
    return f"{producer.marsad}|{producer.knowledge}|reextract={reextract}|format={FORMAT}"


# -- shipping documents to workers ------------------------------------------------------------------


def encode_docs(docs: Sequence[Document]) -> tuple[bytes, int]:
    """Documents (text and metadata) as zstd-compressed JSON: the task payload, with its raw size."""
    raw = orjson.dumps(
        [
            {
                "id": d.id,
                "text": d.text,
                "title": d.title,
                "url": d.url,
                "published": d.published,
                "source": d.source,
                "meta": d.meta,
            }
            for d in docs
        ],
        option=orjson.OPT_NON_STR_KEYS,
        default=str,
    )
    return cast(bytes, pa.compress(raw, codec="zstd", asbytes=True)), len(raw)


def decode_docs(payload: bytes, size: int) -> list[Document]:
    raw = cast(bytes, pa.decompress(payload, size, codec="zstd", asbytes=True))
    return [
        Document(
            id=r["id"],
            text=r["text"],
            title=r["title"],
            url=r["url"],
            published=r["published"],
            source=r["source"],
            meta=r["meta"] or {},
        )
        for r in orjson.loads(raw)
    ]


# -- analysis tables --------------------------------------------------------------------------------

_J = pa.string()
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("partition", pa.string()),
            ("doc", pa.int32()),
            ("id", pa.string()),
            ("content_hash", pa.string()),
            ("text", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("published", pa.string()),
            ("source", pa.string()),
            ("meta", _J),
            ("author", _J),
            ("status", pa.string()),
            ("failure", pa.string()),
            ("producer_marsad", pa.string()),
            ("producer_knowledge", pa.string()),
            ("store_rows", pa.binary()),  # PackedDocument.data: the store's rows as JSON
            ("signature", pa.binary()),  # MinHash signature (null: too short to compare)
        ]
    ),
    "mentions": pa.schema(
        [
            ("doc", pa.int32()),
            ("document_id", pa.string()),
            ("ordinal", pa.int32()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("label", pa.string()),
            ("text", pa.string()),
            ("entity", pa.string()),
            ("data", _J),
        ]
    ),
    "entities": pa.schema(
        [
            ("doc", pa.int32()),
            ("document_id", pa.string()),
            ("ordinal", pa.int32()),
            ("entity_id", pa.string()),
            ("kind", pa.string()),
            ("name", pa.string()),
            ("name_ar", pa.string()),
            ("data", _J),
        ]
    ),
    "events": pa.schema(
        [
            ("doc", pa.int32()),
            ("document_id", pa.string()),
            ("ordinal", pa.int32()),
            ("event_id", pa.string()),
            ("type", pa.string()),
            ("mode", pa.string()),
            ("actor1", pa.string()),
            ("actor2", pa.string()),
            ("place", pa.string()),
            ("date", pa.string()),
            ("fatalities", pa.int64()),
            ("negated", pa.bool_()),
            ("modality", pa.string()),
            ("confidence", pa.float64()),
            ("data", _J),
        ]
    ),
}


def _dumps(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS, default=str).decode("utf-8")


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def analysis_tables(
    key: str, docs: Sequence[Document], failures: Mapping[str, str], producer: Producer
) -> dict[str, pa.Table]:
    """The four tables of a partition. Order is kept exactly (mentions in the order the pipeline made
    them), so loading the tables stores the same records as storing the documents directly."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for n, doc in enumerate(docs):
        failed = doc.id in failures
        digest = content_hash(doc.text)
        packed = prepare(doc, digest, producer, failures.get(doc.id)).pack()
        rows["documents"].append(
            {
                "partition": key,
                "doc": n,
                "id": doc.id,
                "content_hash": digest,
                "text": doc.text,
                "title": doc.title,
                "url": doc.url,
                "published": doc.published,
                "source": doc.source,
                "meta": _dumps(doc.meta),
                "author": _dumps(doc.author.to_dict()) if doc.author and not failed else None,
                "status": "failed" if failed else "extracted",
                "failure": failures.get(doc.id),
                "producer_marsad": producer.marsad,
                "producer_knowledge": producer.knowledge,
                "store_rows": packed.data,
                "signature": packed.signature,
            }
        )
        if failed:
            continue
        for i, m in enumerate(doc.mentions):
            rows["mentions"].append(
                {
                    "doc": n,
                    "document_id": doc.id,
                    "ordinal": i,
                    "start": m.start,
                    "end": m.end,
                    "label": str(m.label),
                    "text": m.text,
                    "entity": m.entity,
                    "data": _dumps(m.to_dict()),
                }
            )
        for i, ent in enumerate(doc.entities.values()):
            rows["entities"].append(
                {
                    "doc": n,
                    "document_id": doc.id,
                    "ordinal": i,
                    "entity_id": ent.id,
                    "kind": str(ent.kind),
                    "name": ent.name,
                    "name_ar": ent.name_ar,
                    "data": _dumps(ent.to_dict()),
                }
            )
        for i, ev in enumerate(doc.events):
            rows["events"].append(
                {
                    "doc": n,
                    "document_id": doc.id,
                    "ordinal": i,
                    "event_id": ev.id,
                    "type": _opt_str(ev.type),
                    "mode": _opt_str(ev.mode),
                    "actor1": ev.actor1,
                    "actor2": ev.actor2,
                    "place": ev.place,
                    "date": _opt_str(ev.date),
                    "fatalities": ev.fatalities if isinstance(ev.fatalities, int) else None,
                    "negated": bool(ev.negated),
                    "modality": _opt_str(ev.modality),
                    "confidence": float(ev.confidence),
                    "data": _dumps(ev.to_dict()),
                }
            )
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


LOAD_COLUMNS = (
    "id",
    "content_hash",
    "failure",
    "text",
    "store_rows",
    "signature",
    "producer_marsad",
    "producer_knowledge",
)


@dataclass(slots=True)
class Extracted:
    """A partition's documents as packed store rows, ready for ``BatchSink.submit_prepared``."""

    key: str
    items: list[PackedDocument]
    producer: Producer | None


def prepared_documents(key: str, documents: pa.Table) -> Extracted:
    """The packed documents of a partition's documents table (``LOAD_COLUMNS`` are read)."""
    items: list[PackedDocument] = []
    producer: Producer | None = None
    columns = [documents.column(name).to_pylist() for name in LOAD_COLUMNS]
    for doc_id, digest, failure, text, data, signature, marsad, knowledge in zip(*columns, strict=True):
        items.append(PackedDocument(doc_id, digest, failure, text, data, signature))
        producer = Producer(marsad=marsad, knowledge=knowledge)
    return Extracted(key, items, producer)


# -- the output directory ---------------------------------------------------------------------------


def part_dir(output_dir: Path, key: str) -> Path:
    return output_dir / PARTS / key


def has_part(output_dir: Path, key: str) -> bool:
    folder = part_dir(output_dir, key)
    return all((folder / f"{name}.parquet").is_file() for name in TABLES)


def write_part(output_dir: Path, key: str, tables: Mapping[str, pa.Table]) -> Path:
    """Write a partition's four tables under a temporary directory and rename it into place (atomic:
    the partition appears whole or not at all). A partition already in place is kept."""
    final = part_dir(output_dir, key)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".tmp-{key}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        for name in TABLES:
            path = tmp / f"{name}.parquet"
            pq.write_table(tables[name], path, compression="zstd")
            with path.open("rb") as fh:
                os.fsync(fh.fileno())
        try:
            os.rename(tmp, final)
        except OSError:
            if not has_part(output_dir, key):
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def read_part(output_dir: Path, key: str) -> dict[str, pa.Table]:
    folder = part_dir(output_dir, key)
    return {name: pq.read_table(folder / f"{name}.parquet", schema=SCHEMAS[name]) for name in TABLES}


def read_prepared(output_dir: Path, key: str) -> Extracted:
    """A stored partition's prepared documents (its documents table only, ``LOAD_COLUMNS`` only)."""
    path = part_dir(output_dir, key) / "documents.parquet"
    return prepared_documents(key, pq.read_table(path, columns=list(LOAD_COLUMNS)))


def clean_temporaries(output_dir: Path) -> None:
    """Remove temporary partition directories left by a crashed run."""
    parts = output_dir / PARTS
    if parts.is_dir():
        for tmp in parts.glob(".tmp-*"):
            shutil.rmtree(tmp, ignore_errors=True)


class Manifest:
    """``manifest.jsonl``: one line per partition loaded into a store (key, store, documents, time).
    A line is appended and flushed to disk after the partition's last transaction is committed."""

    def __init__(self, output_dir: Path, store_id: str) -> None:
        self.path = output_dir / MANIFEST
        self.store_id = store_id
        self.loaded: set[str] = set()
        if self.path.exists():
            with self.path.open("rb") as fh:
                for line in fh:
                    try:
                        entry = orjson.loads(line)
                    except orjson.JSONDecodeError:
                        continue  # a torn last line from a crash
                    if isinstance(entry, dict) and entry.get("store") == store_id:
                        self.loaded.add(str(entry.get("key")))
            with self.path.open("rb+") as fh:  # end a line torn by a crash before appending
                fh.seek(0, os.SEEK_END)
                if fh.tell():
                    fh.seek(-1, os.SEEK_END)
                    if fh.read(1) != b"\n":
                        fh.write(b"\n")

    def __contains__(self, key: str) -> bool:
        return key in self.loaded

    def record(self, key: str, docs: int) -> None:
        entry = {
            "key": key,
            "store": self.store_id,
            "documents": docs,
            "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("ab") as fh:
            fh.write(orjson.dumps(entry) + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
        self.loaded.add(key)
