"""The single-process run: batches committed, re-runs idempotent, failures and interruptions lose nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import __version__
from marsad.io.readers import InputError
from marsad.model import Document
from marsad.pipeline import Analysis, Pipeline
from marsad.resources import Resources
from marsad.runner import RunOptions, run_corpus
from marsad.store import Producer, Store


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.default()


@pytest.fixture
def producer() -> Producer:
    return Producer(marsad=__version__, knowledge=Resources.load().version)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "run.db")


def test_run_stores_every_document_once_and_rerun_is_a_noop(
    store: Store, pipeline: Pipeline, producer: Producer, corpus_docs: list[Document]
) -> None:
    summary = run_corpus(store, pipeline, producer, corpus_docs, RunOptions(batch_size=5))
    assert summary.ok and summary.extracted == 24 and summary.batches == 5
    counts = store.counts()
    assert counts["documents"] == 24 and counts["extracted"] == 24 and counts["events"] > 0
    again = run_corpus(store, pipeline, producer, [Document(d.id, d.text) for d in corpus_docs])
    assert again.extracted == 0 and again.unchanged == 24
    assert store.counts()["documents"] == 24


def test_repeated_content_in_one_input_is_stored_once(
    store: Store, pipeline: Pipeline, producer: Producer, corpus_docs: list[Document]
) -> None:
    twice = [*corpus_docs[:3], Document("copy", corpus_docs[0].text)]
    summary = run_corpus(store, pipeline, producer, twice, RunOptions(batch_size=10))
    assert summary.extracted == 3 and summary.repeated == 1
    assert store.counts()["documents"] == 3


def test_another_version_is_kept_unless_reextract(
    store: Store, pipeline: Pipeline, producer: Producer, corpus_docs: list[Document]
) -> None:
    old = Producer(marsad="0.0.1", knowledge="old")
    run_corpus(store, pipeline, old, corpus_docs[:4])
    kept = run_corpus(store, pipeline, producer, [Document(d.id, d.text) for d in corpus_docs[:4]])
    assert kept.outdated == 4 and kept.extracted == 0
    redo = run_corpus(store, pipeline, producer, [], RunOptions(reextract=True))
    assert redo.extracted == 4
    stored = store.lookup_hashes(store_hashes(corpus_docs[:4]))
    assert {s.producer for s in stored.values()} == {producer}
    assert store.counts()["documents"] == 4


def test_a_failing_document_is_stored_without_analysis_and_the_rest_go_on(
    store: Store, producer: Producer, corpus_docs: list[Document]
) -> None:
    class Breaks:
        name = "breaks"
        requires: tuple[str, ...] = ()
        provides: tuple[str, ...] = ()

        def __call__(self, doc: Document, analysis: Analysis) -> None:
            if doc.id == "r002":
                raise ValueError("boom")

    broken = Pipeline([*Pipeline.default().components, Breaks()])
    summary = run_corpus(store, broken, producer, corpus_docs[:6], RunOptions(batch_size=4))
    assert summary.extracted == 5 and len(summary.failed_documents) == 1
    assert "r002" in summary.failed_documents[0] and "boom" in summary.failed_documents[0]
    counts = store.counts()
    assert counts["documents"] == 6 and counts["failed"] == 1
    failed = store.get_document("r002")
    assert failed is not None and not failed.events and not failed.mentions


def test_unreadable_inputs_are_reported_and_skipped(
    store: Store, pipeline: Pipeline, producer: Producer, corpus_docs: list[Document]
) -> None:
    seen: list[InputError] = []
    items: list[Document | InputError] = [
        corpus_docs[0],
        InputError("bad.txt", None, "the file is empty", "empty"),
        corpus_docs[1],
    ]
    summary = run_corpus(store, pipeline, producer, items, on_input_error=seen.append)
    assert summary.extracted == 2 and summary.failed_inputs == ["bad.txt: the file is empty [empty]"]
    assert len(seen) == 1 and not summary.ok


def test_interruption_keeps_committed_batches_and_a_rerun_resumes(
    store: Store, pipeline: Pipeline, producer: Producer, corpus_docs: list[Document]
) -> None:
    done = 0

    def interrupt_in_third_batch(docs: int, chars: int) -> None:
        nonlocal done
        done += docs
        if done == 12:  # the second document of the third batch
            raise KeyboardInterrupt

    summary = run_corpus(
        store, pipeline, producer, corpus_docs, RunOptions(batch_size=5), on_progress=interrupt_in_third_batch
    )
    assert summary.interrupted and summary.batches == 2
    assert store.counts()["documents"] == 10
    resumed = run_corpus(store, pipeline, producer, [Document(d.id, d.text) for d in corpus_docs])
    assert resumed.unchanged == 10 and resumed.extracted == 14
    assert store.counts()["documents"] == 24


def test_defaults_apply_to_documents_without_them(
    store: Store, pipeline: Pipeline, producer: Producer
) -> None:
    doc = Document("d", "قصفت قوات النظام بلدة اللطامنة بريف حماة الشمالي")
    run_corpus(store, pipeline, producer, [doc], RunOptions(published="2017-05-05", country="sy"))
    stored = store.get_document("d")
    assert stored is not None and stored.published == "2017-05-05" and stored.meta.get("country") == "SY"


def store_hashes(docs: list[Document]) -> set[str]:
    from marsad.store.dedup import content_hash

    return {content_hash(d.text) for d in docs}
