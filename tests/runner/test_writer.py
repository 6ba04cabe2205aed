"""Batches committed through a writer process give the same store as batches committed inline; writer
failures reach the runner as StoreError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from marsad import __version__
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.resources import Resources
from marsad.runner import RunOptions, run_corpus
from marsad.runner.writer import AutoSink, InlineSink, ProcessSink, open_sink
from marsad.store import Filters, Producer, Store, StoreError
from marsad.store.prepared import prepare

TableRows = Callable[[Store], dict[str, list[tuple[Any, ...]]]]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.default()


@pytest.fixture
def producer() -> Producer:
    return Producer(marsad=__version__, knowledge=Resources.load().version)


def _fresh(docs: list[Document]) -> list[Document]:
    return [Document(d.id, d.text, published=d.published, source=d.source) for d in docs]


def _snapshot(store: Store) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return sorted(
        (row.document.id, row.event.type, row.event.actor1, row.event.place, row.event.date)
        for row in store.iter_events(Filters())
    )


def test_writer_process_stores_the_same_as_inline(
    tmp_path: Path, pipeline: Pipeline, producer: Producer, corpus_docs: list[Document]
) -> None:
    inline = Store.open(tmp_path / "inline.db")
    separate = Store.open(tmp_path / "process.db")
    a = run_corpus(inline, pipeline, producer, _fresh(corpus_docs), RunOptions(batch_size=5, writer="inline"))
    b = run_corpus(
        separate, pipeline, producer, _fresh(corpus_docs), RunOptions(batch_size=5, writer="process")
    )
    assert a.ok and b.ok and a.extracted == b.extracted == len(corpus_docs) and b.batches == 5
    assert inline.counts() == separate.counts()
    assert _snapshot(inline) == _snapshot(separate)
    for doc in corpus_docs[:5]:
        x, y = inline.get_document(doc.id), separate.get_document(doc.id)
        assert x is not None and y is not None
        assert [m.to_dict() for m in x.mentions] == [m.to_dict() for m in y.mentions]
    # a re-run through the writer process finds everything stored
    again = run_corpus(separate, pipeline, producer, _fresh(corpus_docs), RunOptions(writer="process"))
    assert again.extracted == 0 and again.unchanged == len(corpus_docs)


def test_repeats_in_batches_not_yet_committed_are_stored_once(
    tmp_path: Path, pipeline: Pipeline, producer: Producer, corpus_docs: list[Document]
) -> None:
    store = Store.open(tmp_path / "repeat.db")
    docs = _fresh(corpus_docs[:6]) + [Document(f"copy-{d.id}", d.text) for d in corpus_docs[:6]]
    summary = run_corpus(store, pipeline, producer, docs, RunOptions(batch_size=3, writer="process"))
    assert summary.extracted == 6 and summary.repeated == 6
    assert store.counts()["documents"] == 6


def test_prepared_batches_commit_in_the_writer_process_as_extracted_documents_do(
    tmp_path: Path, pipeline: Pipeline, producer: Producer, corpus_docs: list[Document], table_rows: TableRows
) -> None:
    docs = _fresh(corpus_docs[:8])
    for doc in docs:
        pipeline(doc)
    batches = [docs[:4], docs[4:]]
    with Store.open(tmp_path / "documents.db") as direct:
        for batch in batches:
            direct.save_extractions(batch, producer)
        expected = table_rows(direct)
    sink = ProcessSink(f"sqlite:///{tmp_path}/prepared.db", producer)
    try:
        for batch in batches:
            sink.submit_prepared([prepare(doc, None, producer).pack() for doc in batch])
        sink.drain()
        assert sink.committed == 2
    finally:
        sink.close()
    with Store.open(tmp_path / "prepared.db") as store:
        assert table_rows(store) == expected


def test_writer_failure_is_a_store_error(
    producer: Producer, corpus_docs: list[Document], tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("x")
    sink = ProcessSink(f"sqlite:///{blocked}/store.db", producer)
    try:
        with pytest.raises(StoreError):
            sink.submit(_fresh(corpus_docs[:1]), {})
            sink.drain()
    finally:
        sink.close()


def test_sink_choice(tmp_path: Path, producer: Producer) -> None:
    store = Store.open(tmp_path / "choice.db")
    assert isinstance(open_sink(store, producer, "inline"), InlineSink)
    memory = Store.open("sqlite://")
    assert isinstance(open_sink(memory, producer, "auto"), InlineSink)
    with pytest.raises(StoreError):
        open_sink(memory, producer, "process")
    auto = open_sink(store, producer, "auto")
    assert isinstance(auto, AutoSink | InlineSink)  # inline on a one-CPU machine
    auto.close()
