"""Pipeline assembly checks requires/provides; streams keep order and isolate failing documents."""

from __future__ import annotations

from typing import ClassVar

import pytest

from marsad.model import Document
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
