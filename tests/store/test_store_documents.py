"""Storing documents and analyses: idempotent ingest, replacement, producers, failures, pending batches,
atomic batches and crash safety, round trips and counts."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from store_cases import ARREST, CLASH, P1, P2, PROTEST, SHELL, VARIANTS, corpus

from marsad.model import Document
from marsad.store import Filters, Store, content_hash
from marsad.store import prepared as prepared_module
from marsad.store import store as store_module
from marsad.store import writer as writer_module


def _plain(doc: Document) -> Document:
    """The document's text and metadata only (what ingest hands over)."""
    return Document(
        id=doc.id,
        text=doc.text,
        title=doc.title,
        url=doc.url,
        published=doc.published,
        source=doc.source,
        meta=dict(doc.meta),
    )


def _without_store_meta(data: dict) -> dict:
    out = dict(data)
    out["meta"] = {
        k: v
        for k, v in data["meta"].items()
        if k
        not in {
            "cluster_id",
            "content_hash",
            "ingested_at",
            "status",
            "producer",
            "extracted_at",
            "event_numbers",
            "review_status",
        }
    }
    return out


# -- add_documents -----------------------------------------------------------------------------------


def test_add_documents_is_idempotent(store: Store) -> None:
    docs = [_plain(d) for d in corpus()]
    first = store.add_documents(docs)
    assert first.inserted == [d.id for d in docs]
    assert first.duplicates == []
    assert set(first.clusters) == set(first.inserted)
    again = store.add_documents([_plain(d) for d in corpus()])
    assert again.inserted == [] and again.clusters == {}
    assert again.duplicates == [d.id for d in docs]
    counts = store.counts()
    assert counts["documents"] == counts["pending"] == 5
    assert counts["extracted"] == counts["events"] == 0


def test_the_same_content_twice_in_one_batch_is_stored_once(store: Store) -> None:
    result = store.add_documents([Document("a", SHELL), Document("b", SHELL), Document("c", CLASH)])
    assert result.inserted == ["a", "c"]
    assert result.duplicates == ["a"]  # b's content is a's: reported under a's stored id


def test_the_content_hash_is_unique_in_the_database(store: Store) -> None:
    store.add_documents([Document("a", SHELL)])
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO documents (id, content_hash, text, source_key, meta, status, ingested_at, "
                "cluster_id) VALUES ('other', :h, 'x', '', '{}', 'pending', 'now', 'other')"
            ),
            {"h": content_hash(SHELL)},
        )


def test_taken_ids_get_a_hash_suffix(store: Store) -> None:
    store.add_documents([Document("report", SHELL)])
    result = store.add_documents([Document("report", CLASH)])
    assert result.inserted == [f"report~{content_hash(CLASH)[:8]}"]
    assert store.get_document(result.inserted[0]).text == CLASH  # type: ignore[union-attr]
    assert store.get_document("report").text == SHELL  # type: ignore[union-attr]


def test_metadata_and_ingest_time_are_kept(store: Store) -> None:
    shell = _plain(corpus()[0])
    store.add_documents([shell])
    got = store.get_document("shell-1")
    assert got is not None
    assert (got.title, got.url, got.published, got.source) == (
        shell.title,
        shell.url,
        shell.published,
        shell.source,
    )
    assert got.meta["origin"] == {"kind": "jsonl", "path": "feeds/orient.jsonl"}
    assert got.meta["status"] == "pending" and got.meta["producer"] is None
    assert got.meta["content_hash"] == content_hash(SHELL)
    assert got.meta["cluster_id"] == "shell-1"
    assert got.meta["ingested_at"].endswith("+00:00")
    assert store.get_document("missing") is None


def test_lookup_hashes(store: Store) -> None:
    docs = corpus()
    store.save_extractions(docs[:1], P1)
    store.add_documents([_plain(docs[1])])
    found = store.lookup_hashes([content_hash(SHELL), content_hash(CLASH), content_hash("غير موجود")])
    assert set(found) == {content_hash(SHELL), content_hash(CLASH)}
    shell = found[content_hash(SHELL)]
    assert (shell.id, shell.status, shell.producer, shell.cluster_id) == (
        "shell-1",
        "extracted",
        P1,
        "shell-1",
    )
    clash = found[content_hash(CLASH)]
    assert (clash.status, clash.producer) == ("pending", None)
    assert store.lookup_hashes([]) == {}


# -- save_extractions --------------------------------------------------------------------------------


def test_save_extractions_round_trips_the_analysis(store: Store) -> None:
    docs = corpus()
    ids = store.save_extractions(docs[:4], P1)
    assert ids == ["shell-1", "clash-1", "arrest-1", "protest-1"]
    for doc in docs[:4]:
        got = store.get_document(doc.id)
        assert got is not None
        assert _without_store_meta(got.to_dict()) == doc.to_dict()
        assert got.meta["status"] == "extracted"
        assert got.meta["producer"] == {"marsad": P1.marsad, "knowledge": P1.knowledge}
        assert list(got.meta["event_numbers"]) == [e.id for e in doc.events]
        assert all(n > 0 for n in got.meta["event_numbers"].values())


def test_save_extractions_replaces_the_analysis_and_records_the_producer(store: Store) -> None:
    shell = corpus()[0]
    store.save_extractions([shell], P1)
    old_numbers = set(store.get_document("shell-1").meta["event_numbers"].values())  # type: ignore[union-attr]
    # a newer version finds one event only and no mentions
    newer = _plain(shell)
    newer.entities = {k: v for k, v in shell.entities.items()}
    newer.events = [shell.events[1]]
    ids = store.save_extractions([newer], P2)
    assert ids == ["shell-1"]
    got = store.get_document("shell-1")
    assert got is not None
    assert [e.id for e in got.events] == ["e2"]
    assert got.mentions == []
    assert got.meta["producer"] == {"marsad": P2.marsad, "knowledge": P2.knowledge}
    assert not old_numbers & set(got.meta["event_numbers"].values())  # numbers are never reused
    # the search facets follow the new analysis; the publication date stays
    assert store.search(None, Filters(event_types=("ASSAULT",))).total == 0
    assert store.search(None, Filters(event_types=("Arrests",))).total == 1
    assert store.search(None, Filters(date_from="2017-05-02", date_to="2017-05-02")).total == 1
    counts = store.counts()
    assert (counts["documents"], counts["events"], counts["mentions"]) == (1, 1, 0)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM evidence")).scalar() == 2  # trigger + 1 span
        assert conn.execute(sa.text("SELECT count(*) FROM event_actors")).scalar() == 2
        producers = conn.execute(sa.text("SELECT DISTINCT producer_marsad FROM events")).scalars().all()
    assert producers == [P2.marsad]


def test_save_extractions_matches_known_content_by_hash(store: Store) -> None:
    store.add_documents([Document("first-name", SHELL, source="Orient News")])
    analysed = corpus()[0]  # same text, another incoming id
    assert store.save_extractions([analysed], P1) == ["first-name"]
    got = store.get_document("first-name")
    assert got is not None and len(got.events) == 2
    assert got.source == "Orient News"  # the stored metadata stays
    assert store.counts()["documents"] == 1


def test_failures_are_stored_with_their_reason_and_no_analysis(store: Store) -> None:
    docs = corpus()
    store.save_extractions(docs[:2], P1)
    failed_again = _plain(docs[1])
    new_failure = Document("broken", "نص لم يتمكن المحلل من معالجته بسبب خطأ داخلي في أحد المكونات")
    ids = store.save_extractions(
        [failed_again, new_failure], P2, {"clash-1": "events: ValueError('x')", "broken": "times: boom"}
    )
    assert ids == ["clash-1", "broken"]
    for doc_id, reason in (("clash-1", "events: ValueError('x')"), ("broken", "times: boom")):
        got = store.get_document(doc_id)
        assert got is not None
        assert got.meta["status"] == "failed" and got.meta["failure"] == reason
        assert got.events == [] and got.mentions == [] and got.entities == {}
    counts = store.counts()
    assert (counts["failed"], counts["extracted"], counts["documents"]) == (2, 1, 3)


def test_documents_with_reviewed_events_are_never_overwritten(store: Store) -> None:
    shell = corpus()[0]
    store.save_extractions([shell], P1)
    number = store.get_document("shell-1").meta["event_numbers"]["e1"]  # type: ignore[union-attr]
    store.review_event(number, "accepted", "reviewer")
    bare = _plain(shell)
    assert store.save_extractions([bare], P2) == ["shell-1"]
    assert store.save_extractions([bare], P2, {"shell-1": "boom"}) == ["shell-1"]
    got = store.get_document("shell-1")
    assert got is not None
    assert len(got.events) == 2 and got.meta["producer"]["marsad"] == P1.marsad
    assert got.meta["status"] == "extracted"


# -- pending_documents -------------------------------------------------------------------------------


def _pending_ids(store: Store, producer=P1, reextract: bool = False, batch_size: int = 2) -> list[str]:
    return [d.id for batch in store.pending_documents(producer, reextract, batch_size) for d in batch]


def test_pending_and_reextract(store: Store) -> None:
    docs = corpus()
    store.add_documents([_plain(d) for d in docs])
    assert _pending_ids(store) == [d.id for d in docs]
    batch = next(iter(store.pending_documents(P1, batch_size=10)))
    assert batch[0].text == SHELL and batch[0].meta == docs[0].meta and batch[0].events == []

    store.save_extractions(docs[:2], P1)
    store.save_extractions([_plain(docs[2])], P1, {"arrest-1": "boom"})
    assert _pending_ids(store) == ["arrest-1", "protest-1", "variants-1"]  # failed ones are retried
    assert _pending_ids(store, P1, reextract=True) == ["arrest-1", "protest-1", "variants-1"]
    assert _pending_ids(store, P2, reextract=False) == ["arrest-1", "protest-1", "variants-1"]
    assert _pending_ids(store, P2, reextract=True) == [d.id for d in docs]
    # a reviewed document is never handed out for re-extraction
    number = store.get_document("clash-1").meta["event_numbers"]["e1"]  # type: ignore[union-attr]
    store.review_event(number, "rejected", "reviewer")
    assert "clash-1" not in _pending_ids(store, P2, reextract=True)


def test_pending_batches_survive_writes_between_them(store: Store) -> None:
    docs = corpus()
    store.add_documents([_plain(d) for d in docs])
    seen: list[str] = []
    for batch in store.pending_documents(P1, batch_size=2):
        seen.extend(d.id for d in batch)
        store.save_extractions(batch, P1)  # the caller stores each batch before asking for the next
        if len(seen) <= 4:  # documents ingested meanwhile come later in the same iteration
            store.add_documents([Document(f"late-{len(seen)}", f"{VARIANTS} {len(seen)}")])
    assert seen == [d.id for d in docs] + ["late-2", "late-4"]
    assert store.counts()["pending"] == 0


# -- atomicity ---------------------------------------------------------------------------------------


def _snapshot(store: Store) -> dict:
    tables = [
        "documents",
        "mentions",
        "entities",
        "events",
        "event_actors",
        "evidence",
        "clusters",
        "lsh_bands",
        "document_facets",
        "document_points",
    ]
    with store.engine.connect() as conn:
        out = {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}
    out["search"] = store.search("قوات").total
    return out


def test_a_batch_that_fails_midway_leaves_the_previous_state_intact(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = corpus()
    store.save_extractions(docs[:2], P1)
    before = _snapshot(store)
    before_doc = store.get_document("shell-1").to_dict()  # type: ignore[union-attr]

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full (simulated)")

    # fails after documents were inserted and old analyses deleted, before the new analysis is written
    monkeypatch.setattr(store_module.Store, "_write_analysis", broken)
    with pytest.raises(RuntimeError, match="simulated"):
        store.save_extractions([docs[0], docs[2], docs[3]], P2)
    monkeypatch.undo()
    assert _snapshot(store) == before
    assert store.get_document("shell-1").to_dict() == before_doc  # type: ignore[union-attr]
    assert store.get_document("arrest-1") is None

    # add_documents failing on its third document (while analysing it, or while inserting it after two
    # were inserted) stores none of the batch
    for module, name in ((prepared_module, "terms_of_words"), (prepared_module, "document_row")):
        calls = {"n": 0}
        real = getattr(module, name)

        def flaky(*args: object, real: Any = real, calls: dict = calls) -> Any:
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("interrupted (simulated)")
            return real(*args)

        monkeypatch.setattr(module, name, flaky)
        with pytest.raises(RuntimeError, match="simulated"):
            store.add_documents([_plain(d) for d in docs[2:]] + [Document("extra", PROTEST + " تحديث")])
        monkeypatch.undo()
        assert calls["n"] == 3
        assert _snapshot(store) == before
    # and re-running the batch afterwards works
    assert store.add_documents([_plain(d) for d in docs[2:]]).inserted == [
        "arrest-1",
        "protest-1",
        "variants-1",
    ]


CRASH_SCRIPT = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, {tests!r})
    from store_cases import corpus, P2
    from marsad.store import Store
    from marsad.store import store as m
    def die(*a, **k):
        os._exit(3)  # the process dies mid-transaction: no rollback, no cleanup
    m.Store._write_analysis = die
    with Store.open({url!r}) as s:
        s.save_extractions(corpus()[:4], P2)
    """
)


def test_a_crash_mid_batch_loses_only_that_batch(store: Store, store_url: str) -> None:
    docs = corpus()
    store.save_extractions(docs[:2], P1)
    before = _snapshot(store)
    script = CRASH_SCRIPT.format(tests=str(Path(__file__).parents[1]), url=store_url)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == 3, proc.stderr.decode()
    with Store.open(store_url) as reopened:
        assert _snapshot(reopened) == before
        assert reopened.get_document("arrest-1") is None
        assert reopened.save_extractions(docs[:4], P2) == [d.id for d in docs[:4]]
        assert reopened.counts()["extracted"] == 4


# -- counts and misc ---------------------------------------------------------------------------------


def test_counts(filled: Store) -> None:
    counts = filled.counts()
    assert counts == {
        "documents": 5,
        "pending": 1,
        "extracted": 4,
        "failed": 0,
        "events": 6,
        "mentions": 13,
        "entities": 11,  # distinct entity ids
        "clusters": 5,
        "near_duplicates": 0,
        "reviewed": 0,
    }


def test_texts_are_stored_exactly(store: Store) -> None:
    tricky = "\ufeffبيان\u200f رقم ١٢ — «عاجل»\r\nقصفـــت القوات 😀 المدينة\u0651\n\n" + ARREST
    store.add_documents([Document("tricky", tricky)])
    got = store.get_document("tricky")
    assert got is not None and got.text == tricky
    assert content_hash(tricky) in store.lookup_hashes([content_hash(tricky)])


def test_another_writer_storing_the_same_content_or_id_meanwhile(
    store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New documents are inserted together; when another writer commits one of their contents or ids
    between the batch's lookups and its insert (PostgreSQL: SQLite writers queue), the batch is stored
    one document at a time instead: the content becomes a duplicate, the id gets a hash suffix."""
    if not store_url.startswith("postgresql"):
        pytest.skip("SQLite writers queue (BEGIN IMMEDIATE): nothing can come in between")
    docs = [_plain(d) for d in corpus()[:3]]
    real = writer_module.reserve_numbers
    raced: list[bool] = []

    def racing(conn: Any, table: sa.Table, n: int) -> list[int]:
        if not raced and table.name == "documents":
            raced.append(True)
            with Store.open(store_url) as other:
                other.add_documents(
                    [Document("elsewhere", docs[1].text), Document(docs[2].id, "نص آخر تماما")]
                )
        return real(conn, table, n)

    restored: list[bool] = []
    real_restore = writer_module.BatchWriter._restore

    def restore(self: Any, state: Any) -> None:
        restored.append(True)
        real_restore(self, state)

    monkeypatch.setattr(writer_module, "reserve_numbers", racing)
    monkeypatch.setattr(writer_module.BatchWriter, "_restore", restore)
    result = store.add_documents(docs)
    renamed = f"{docs[2].id}~{content_hash(docs[2].text)[:8]}"
    assert raced and restored  # the bulk insert was undone
    assert result.inserted == [docs[0].id, renamed]
    assert result.duplicates == ["elsewhere"]
    assert store.get_document(renamed).text == docs[2].text  # type: ignore[union-attr]
    assert store.counts()["documents"] == 4
    assert sorted(store.cluster_members(docs[0].id)) == [docs[0].id]


def test_document_numbers_are_never_reused(store: Store) -> None:
    """Documents are numbered up front for their batch insert: after the newest is deleted, the next
    document still gets a new number (SQLite: past sqlite_sequence, as AUTOINCREMENT would)."""
    docs = [_plain(d) for d in corpus()[:3]]
    store.add_documents(docs[:2])
    nums = {row.id: row.num for row in _document_numbers(store)}
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM documents WHERE num = :num"), {"num": nums[docs[1].id]})
    store.add_documents(docs[2:])
    after = {row.id: row.num for row in _document_numbers(store)}
    assert after[docs[2].id] > nums[docs[1].id] > nums[docs[0].id]


def _document_numbers(store: Store) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT id, num FROM documents ORDER BY num")))
