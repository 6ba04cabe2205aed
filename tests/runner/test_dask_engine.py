"""The Dask engine on a real LocalCluster (2 single-threaded worker processes): the same records as the
single-process run, knowledge loaded once per worker, crash-resume, a worker killed mid-run, the CLI."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from marsad import __version__
from marsad.cli import main
from marsad.ingest import IngestOptions, ingest_documents
from marsad.pipeline import Pipeline
from marsad.resources import Resources
from marsad.runner import RunOptions, partitions, run_corpus
from marsad.runner.dask_engine import DaskOptions, DaskRunSummary, resource_loads, run_dask, worker_pipeline
from marsad.runner.partitions import MANIFEST, PARTS, TABLES, read_part, read_sources
from marsad.runner.writer import WriterMode
from marsad.store import Producer, Store

distributed = pytest.importorskip("distributed")

N_DOCS = 40
Records = Callable[[int], list[dict[str, object]]]
TableRows = Callable[[Store], dict[str, list[tuple[Any, ...]]]]


def _cluster() -> Any:
    return distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    )


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with _cluster() as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def producer() -> Producer:
    return Producer(marsad=__version__, knowledge=Resources.load().version)


@pytest.fixture
def corpus(tmp_path: Path, report_records: Records) -> Path:
    """40 short reports plus one repeated text under another id (stored once by both engines)."""
    records = report_records(N_DOCS)
    records.insert(4, {"id": "copy-of-r003", "text": records[3]["text"], "date": "2017-04-30"})
    path = tmp_path / "reports.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def _dask(tmp_path: Path, name: str, **kwargs: Any) -> DaskOptions:
    kwargs.setdefault("partition_docs", 6)
    return DaskOptions(output_dir=str(tmp_path / f"{name}-parts"), dashboard_address=":0", **kwargs)


def _run(
    client: Any,
    store: Store,
    producer: Producer,
    corpus: Path,
    dask: DaskOptions,
    writer: WriterMode = "auto",
    **kwargs: Any,
) -> DaskRunSummary:
    docs = read_sources([str(corpus)], IngestOptions())
    options = RunOptions(batch_size=4, writer=writer)
    return run_dask(store, producer, docs, options, dask, client=client, **kwargs)


def snapshot(store: Store) -> dict[str, dict[str, Any]]:
    """Every stored document with its analysis, by id, without the storage timestamps."""
    with store.engine.connect() as conn:
        ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM documents ORDER BY num"))]
    out: dict[str, dict[str, Any]] = {}
    for doc_id in ids:
        doc = store.get_document(doc_id)
        assert doc is not None
        data = doc.to_dict()
        for key in ("ingested_at", "extracted_at"):
            data["meta"].pop(key, None)
        out[doc_id] = data
    return out


def distinct_hashes(store: Store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT count(*), count(DISTINCT content_hash) FROM documents")).one()
    return int(row[0]), int(row[1])


def test_same_records_as_the_single_process_run(
    client: Any, tmp_path: Path, corpus: Path, producer: Producer, table_rows: TableRows
) -> None:
    with Store.open(tmp_path / "local.db") as local:
        docs = ingest_documents([str(corpus)])
        run_corpus(local, Pipeline.default(), producer, docs, RunOptions(batch_size=4))
        expected, expected_counts, expected_rows = snapshot(local), local.counts(), table_rows(local)
    with Store.open(tmp_path / "dask.db") as store:
        summary = _run(client, store, producer, corpus, _dask(tmp_path, "same"))
        got, counts = snapshot(store), store.counts()
        # column for column: the rows workers prepared are the rows the single-process run stores
        assert table_rows(store) == expected_rows
    assert summary.ok and summary.read == N_DOCS + 1 and summary.extracted == N_DOCS and summary.repeated == 1
    assert summary.partitions == 7 and summary.partitions_extracted == 7 and summary.partitions_loaded == 7
    assert expected_counts["events"] > 0 and expected_counts["mentions"] > 0
    assert counts == expected_counts
    assert list(got) == list(expected)  # same ids, stored in the same order
    for doc_id, data in expected.items():
        assert got[doc_id] == data, doc_id
    # the Parquet partitions hold the same analysis
    parts = sorted((tmp_path / "same-parts" / PARTS).iterdir())
    assert len(parts) == 7
    rows = {name: sum(pq.read_metadata(p / f"{name}.parquet").num_rows for p in parts) for name in TABLES}
    # r003 and its copy are in one partition: the copy is dropped before extraction
    assert rows["documents"] == N_DOCS
    assert rows["events"] == counts["events"] and rows["mentions"] == counts["mentions"]


def test_knowledge_loads_once_per_worker_process(
    client: Any, tmp_path: Path, corpus: Path, producer: Producer
) -> None:
    with Store.open(tmp_path / "once.db") as store:
        summary = _run(client, store, producer, corpus, _dask(tmp_path, "once", partition_docs=3))
    assert summary.partitions_extracted == 14
    assert sum(summary.tasks_per_worker.values()) == 14 and max(summary.tasks_per_worker.values()) >= 2
    # every task reported one load in its process, however many tasks that process ran
    assert set(summary.resource_loads.values()) == {1}
    loads = client.run(resource_loads)
    builds = client.run(lambda: worker_pipeline.cache_info().misses)
    assert len(loads) == 2 and set(loads.values()) == {1} and set(builds.values()) == {1}


class Crash(RuntimeError):
    pass


def test_rerun_after_a_crash_skips_finished_partitions(
    client: Any, tmp_path: Path, corpus: Path, producer: Producer
) -> None:
    loaded: list[str] = []

    def crash_after_two(key: str) -> None:
        loaded.append(key)
        if len(loaded) == 2:
            raise Crash("driver dies")

    dask = _dask(tmp_path, "crash")
    with Store.open(tmp_path / "crash.db") as store:
        with pytest.raises(Crash):  # committed inline: the crash leaves exactly two partitions stored
            _run(client, store, producer, corpus, dask, writer="inline", on_loaded=crash_after_two)
        assert store.counts()["documents"] == 11  # two partitions of six, one text twice
        manifest = (tmp_path / "crash-parts" / MANIFEST).read_bytes().splitlines()
        assert [orjson.loads(line)["key"] for line in manifest] == loaded
        again = _run(client, store, producer, corpus, dask)
        assert again.ok and again.partitions == 7 and again.partitions_skipped == 2
        # partitions extracted before the crash but not loaded are loaded from their Parquet files
        assert again.partitions_extracted + again.partitions_reused == 5
        assert again.partitions_loaded == 5 and again.extracted == N_DOCS - 11
        assert distinct_hashes(store) == (N_DOCS, N_DOCS)
        third = _run(client, store, producer, corpus, dask)
        assert third.partitions_skipped == 7 and third.partitions_extracted == 0 and third.extracted == 0


def test_with_a_writer_process_the_manifest_lists_only_committed_partitions(
    client: Any, tmp_path: Path, corpus: Path, producer: Producer
) -> None:
    """Batches commit in a writer process; a partition is recorded only after its last batch commits,
    so a crash never leaves a recorded partition unstored, and the re-run completes the store."""
    loaded: list[str] = []

    def crash_after_three(key: str) -> None:
        with Store.open(tmp_path / "writer.db") as reader, reader.engine.connect() as conn:
            stored = {row[0] for row in conn.execute(sa.text("SELECT content_hash FROM documents"))}
        loaded.append(key)
        part = read_part(tmp_path / "writer-parts", key)
        assert set(part["documents"].column("content_hash").to_pylist()) <= stored
        if len(loaded) == 3:
            raise Crash("driver dies")

    dask = _dask(tmp_path, "writer")
    with Store.open(tmp_path / "writer.db") as store:
        with pytest.raises(Crash):
            _run(client, store, producer, corpus, dask, writer="process", on_loaded=crash_after_three)
        manifest = (tmp_path / "writer-parts" / MANIFEST).read_bytes().splitlines()
        assert [orjson.loads(line)["key"] for line in manifest] == loaded
        again = _run(client, store, producer, corpus, dask, writer="process")
        assert again.ok and again.partitions_skipped == 3 and again.partitions_loaded == 4
        assert distinct_hashes(store) == (N_DOCS, N_DOCS)


def test_no_load_writes_partitions_that_a_later_run_loads_without_extracting(
    client: Any, tmp_path: Path, corpus: Path, producer: Producer, table_rows: TableRows
) -> None:
    with Store.open(tmp_path / "later.db") as store:
        first = _run(client, store, producer, corpus, _dask(tmp_path, "later", load=False))
        assert first.partitions_extracted == 7 and first.extracted == N_DOCS
        assert store.counts()["documents"] == 0
        second = _run(client, store, producer, corpus, _dask(tmp_path, "later"))
        assert second.partitions_reused == 7 and second.partitions_extracted == 0
        assert second.extracted == N_DOCS and distinct_hashes(store) == (N_DOCS, N_DOCS)
        from_files = table_rows(store)
    # the rows read back from the Parquet files are those a run loading the workers' tables stores
    with Store.open(tmp_path / "direct.db") as direct:
        _run(client, direct, producer, corpus, _dask(tmp_path, "direct"))
        assert table_rows(direct) == from_files


def test_partitions_of_an_older_format_are_extracted_again(
    client: Any, tmp_path: Path, corpus: Path, producer: Producer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The partition format enters every key: partitions an older layout wrote are never read (their
    documents are extracted again, with their store rows), and are left on disk."""
    with monkeypatch.context() as patch, Store.open(tmp_path / "unused.db") as unused:
        patch.setattr(partitions, "FORMAT", partitions.FORMAT - 1)
        old = _run(client, unused, producer, corpus, _dask(tmp_path, "format", load=False))
    assert old.partitions_extracted == 7
    with Store.open(tmp_path / "format.db") as store:
        summary = _run(client, store, producer, corpus, _dask(tmp_path, "format"))
        assert summary.ok and summary.partitions_reused == 0 and summary.partitions_extracted == 7
        assert summary.extracted == N_DOCS and distinct_hashes(store) == (N_DOCS, N_DOCS)
    assert len(list((tmp_path / "format-parts" / PARTS).iterdir())) == 14


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    tmp_path: Path, corpus: Path, producer: Producer
) -> None:
    killed: dict[str, Any] = {}
    with _cluster() as cluster, distributed.Client(cluster) as c:
        pids = c.run(os.getpid)

        def kill_a_busy_worker(docs: int, chars: int) -> None:
            # at the first finished partition 20 of 21 are still to do and up to 5 are in flight, so
            # both workers have work; SIGKILL one of them (its nanny starts a new one)
            if not killed:
                killed["pid"] = sorted(pids.values())[0]
                os.kill(killed["pid"], signal.SIGKILL)

        with Store.open(tmp_path / "killed.db") as store:
            summary = _run(
                c,
                store,
                producer,
                corpus,
                _dask(tmp_path, "killed", partition_docs=2),
                on_progress=kill_a_busy_worker,
            )
            assert killed
            assert summary.ok and summary.partitions == 21 and summary.partitions_loaded == 21
            assert summary.extracted == N_DOCS
            assert distinct_hashes(store) == (N_DOCS, N_DOCS)
            assert store.counts()["failed"] == 0
        deadline = time.monotonic() + 30
        while killed["pid"] in c.run(os.getpid).values() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert killed["pid"] not in c.run(os.getpid).values()


def test_parquet_shards_are_read_with_the_column_options(tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    table = pa.table(
        {
            "body": ["قصف مدفعي على بلدة اللطامنة.", "اشتباكات في ريف حماة."],
            "id": ["a1", None],
            "published": pa.array([pa.scalar(0, pa.date32()).as_py()] * 2, pa.date32()),
            "title": ["عنوان", None],
        }
    )
    pq.write_table(table, shards / "part-1.parquet")
    (shards / "broken.parquet").write_bytes(b"not parquet")
    (shards / "notes.txt").write_text("تقرير قصير عن قصف بلدة مورك.", encoding="utf-8")
    items = list(read_sources([str(shards)], IngestOptions(text_column="body")))
    errors = [i for i in items if not hasattr(i, "text")]
    docs = [i for i in items if hasattr(i, "text")]
    assert [str(e.source).endswith("broken.parquet") for e in errors] == [True]
    assert [d.id for d in docs] == ["notes", "a1", "part-1:2"]
    assert docs[1].published == "1970-01-01" and docs[1].title == "عنوان"
    assert docs[1].meta["origin"]["row"] == 1 and docs[2].meta["origin"]["path"].endswith("part-1.parquet")


def test_cli_dask_engine_on_parquet_and_rerun(tmp_path: Path, report_records: Records) -> None:
    shard = tmp_path / "shard.parquet"
    pq.write_table(pa.Table.from_pylist(report_records(12)), shard)
    db = tmp_path / "cli.db"
    args = ["run", "--engine", "dask", "--workers", "2", "--partition-docs", "5", "--db", str(db), str(shard)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "dashboard" in first.output and "3 partition(s): 3 extracted" in first.output
    assert (tmp_path / "cli-parts" / MANIFEST).exists()  # default output dir: next to the database
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0 and "3 skipped (already loaded)" in second.output
    with Store.open(db) as store:
        assert store.counts()["documents"] == 12


def test_cli_dask_options_need_the_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "--workers", "2", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "--workers only apply with --engine dask" in result.output
