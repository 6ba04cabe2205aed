"""The cyclic collector is paused for the block and restored after it, on errors too; the pipeline runs
its components with it paused."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import ClassVar

import pytest

from marsad.gcpause import paused_gc
from marsad.model import Document
from marsad.pipeline import Analysis, ComponentFailure, Pipeline


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_and_restored_after() -> None:
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: still paused when the inner block ends
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("fails inside")
    assert gc.isenabled()


def test_a_collector_the_caller_disabled_stays_disabled() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


class Observes:
    name: ClassVar[str] = "observer"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        doc.meta["collector_enabled"] = gc.isenabled()
        if doc.text == "boom":
            raise RuntimeError("cannot handle this document")


def test_the_pipeline_runs_its_components_with_the_collector_paused() -> None:
    gc.enable()
    nlp = Pipeline([Observes()])
    assert nlp(Document(id="a", text="نص")).meta["collector_enabled"] is False
    assert gc.isenabled()
    with pytest.raises(ComponentFailure):
        nlp(Document(id="b", text="boom"))
    assert gc.isenabled()


def test_blocks_in_several_threads_restore_the_collector_once_all_end() -> None:
    import threading

    gc.enable()
    first_in, second_done, release = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with paused_gc():
            first_in.set()
            release.wait(5)

    def second() -> None:
        first_in.wait(5)
        with paused_gc():
            pass
        seen.append(gc.isenabled())  # the first thread's block is still open
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    second_done.wait(5)
    release.set()
    for t in threads:
        t.join(5)
    assert seen == [False]
    assert gc.isenabled()
