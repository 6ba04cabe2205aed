"""Pipeline assembly checks requires/provides; streams keep order and isolate failing documents."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import pytest

from marsad.model import Document, Label
from marsad.pipeline import Analysis, ComponentFailure, Pipeline, PipelineError


class Provides:
    name: ClassVar[str] = "provider"
    requires: ClassVar[tuple[str, ...]] = ("view",)
    provides: ClassVar[tuple[str, ...]] = ("thing",)

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        analysis.facts["thing"] = analysis.view.text.upper()


class Needs:
    name: ClassVar[str] = "consumer"
    requires: ClassVar[tuple[str, ...]] = ("thing",)
    provides: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        if "boom" in analysis.facts["thing"].lower():
            raise RuntimeError("cannot handle this document")
        doc.meta["seen"] = analysis.facts["thing"]


def test_order_is_checked_when_built() -> None:
    with pytest.raises(PipelineError, match="consumer"):
        Pipeline([Needs(), Provides()])
    assert Pipeline([Provides(), Needs()]).names == ["provider", "consumer"]


def test_pipe_keeps_order_and_reports_failures() -> None:
    nlp = Pipeline([Provides(), Needs()])
    docs = [Document(id=str(i), text=t) for i, t in enumerate(["a", "boom", "c"])]
    failed: list[str] = []
    out = list(nlp.pipe(docs, batch_size=2, on_error=lambda d, f: failed.append(f"{d.id}:{f.component}")))
    assert [d.id for d in out] == ["0", "2"]
    assert failed == ["1:consumer"]
    with pytest.raises(ComponentFailure):
        list(nlp.pipe([Document(id="x", text="boom")]))


class Sees:
    """Records which documents reach it."""

    name: ClassVar[str] = "last"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        self.seen.append(doc.id)


def test_a_failing_document_leaves_the_rest_of_its_batch_analysed() -> None:
    """Each component runs over the whole batch: the one that fails on a document ends that document's
    analysis alone, and a stream with no handler raises only once the documents before it are out."""
    last = Sees()
    nlp = Pipeline([Provides(), Needs(), last])
    docs = [Document(id=str(i), text=t) for i, t in enumerate(["a", "boom", "c", "d"])]
    failures = nlp.analyse_batch(docs)
    assert list(failures) == [1] and failures[1].component == "consumer"
    assert isinstance(failures[1].__cause__, RuntimeError)
    assert last.seen == ["0", "2", "3"]
    assert [d.meta.get("seen") for d in docs] == ["A", None, "C", "D"]

    stream = nlp.pipe([Document(id=str(i), text=t) for i, t in enumerate(["a", "boom", "c"])], batch_size=3)
    assert next(stream).id == "0"
    with pytest.raises(ComponentFailure, match="cannot handle"):
        next(stream)


def test_a_batch_is_analysed_as_each_document_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records from ``analyse_batch`` (in one group, and in groups cut by ``BATCH_CHARS``) are those of
    the pipeline run on each document by itself: development documents of every style."""
    from pathlib import Path

    import marsad.pipeline
    from marsad.evaluate.gold import load_gold
    from marsad.io.output import to_record

    repo = Path(__file__).resolve().parents[1]
    gold = load_gold(repo / "gold" / "dev")[::20]

    def documents() -> list[Document]:
        return [Document(id=g.id, text=g.text, published=g.published) for g in gold]

    nlp = Pipeline.default()
    alone = [to_record(nlp(doc)) for doc in documents()]
    assert len(alone) > 40 and sum(len(r["events"]) for r in alone) > 50
    for budget in (marsad.pipeline.BATCH_CHARS, 3_000):
        monkeypatch.setattr(marsad.pipeline, "BATCH_CHARS", budget)
        batch = documents()
        assert nlp.analyse_batch(batch) == {}
        assert [to_record(doc) for doc in batch] == alone


def test_pipe_lets_go_of_each_document_the_consumer_is_done_with() -> None:
    """A stream holds no analysed document after handing it on: a batch that kept them all kept every
    one's analysis alive until the batch ended."""
    import weakref

    class Marker:
        """Something a weak reference can watch, carried in the document's metadata."""

    markers: list[weakref.ref[Marker]] = []

    def documents() -> Iterator[Document]:
        for i in range(6):
            marker = Marker()
            markers.append(weakref.ref(marker))
            yield Document(id=str(i), text="a", meta={"marker": marker})

    nlp = Pipeline([Provides(), Needs()])
    for i, doc in enumerate(nlp.pipe(documents(), batch_size=6)):
        assert doc.meta["seen"] == "A"
        del doc
        assert [ref() is None for ref in markers[:i]] == [True] * i  # every document handed on before


def test_the_default_pipeline_leaves_no_reference_cycles() -> None:
    """Every object a document's analysis makes is freed by reference counting as soon as the document is
    done: none waits for the cyclic garbage collector (which would also have to walk the document context
    each cycle holds on to). Development documents of every style plus the bundled example."""
    import gc
    from pathlib import Path

    from marsad.evaluate.gold import load_gold

    repo = Path(__file__).resolve().parents[1]
    gold = load_gold(repo / "gold" / "dev")[::12]
    docs = [Document(id=g.id, text=g.text, published=g.published) for g in gold]
    docs.append(
        Document(id="example", text=(repo / "examples" / "statement.ar.txt").read_text(encoding="utf-8"))
    )
    nlp = Pipeline.default()
    nlp(Document(id="warm-up", text="قصفت قوات النظام بلدة كفرنبل."))
    gc.collect()
    was = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        events = sum(len(doc.events) for doc in nlp.pipe(docs))
        gc.collect()
        # marsad's own objects only: a server thread of another test may make garbage meanwhile
        left = [
            type(o).__qualname__
            for o in gc.garbage
            if type(o).__module__.startswith("marsad")
            or str(getattr(o, "__module__", "")).startswith("marsad")
        ]
    finally:
        gc.set_debug(was)
        gc.garbage.clear()
    assert events > 100 and len(docs) > 70
    assert left == []


def test_a_document_analysed_again_gets_the_same_record() -> None:
    """Running the pipeline on a document it has analysed before replaces the earlier analysis: the
    record is the same, with no mention, entity or event counted twice (before, the place resolver
    failed on the first run's resolved mentions)."""
    from pathlib import Path

    from marsad.io.output import to_record

    repo = Path(__file__).resolve().parents[1]
    text = (repo / "examples" / "statement.ar.txt").read_text(encoding="utf-8")
    doc = Document(id="example", text=text, published="2017-05-05")
    nlp = Pipeline.default()
    first = to_record(nlp(doc))
    assert first["events"] and first["mentions"]
    assert to_record(nlp(doc)) == first


class AddsOneMention:
    name: ClassVar[str] = "adds"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("mentions.ORG",)

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        doc.add_mention(doc.span(0, 3, Label.ORG))


def test_run_again_the_analysis_is_replaced_not_added_to() -> None:
    doc = Document(id="x", text="قسد قصفت")
    nlp = Pipeline([AddsOneMention()])
    nlp(doc)
    nlp(doc)
    assert [(m.start, m.end) for m in doc.mentions] == [(0, 3)]
    doc.clear_analysis()
    assert (doc.mentions, doc.entities, doc.events, doc.author) == ([], {}, [], None)
