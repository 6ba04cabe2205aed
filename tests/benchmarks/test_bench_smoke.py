"""Smoke test of the benchmark corpus generator (no timing, no torch)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bench_loader import load_benchmark

corpus = load_benchmark("corpus")
RUNON_CHARS = corpus.RUNON_CHARS
SHAPES = corpus.SHAPES
CorpusGenerator = corpus.CorpusGenerator
SourceDoc = corpus.SourceDoc
ensure_corpus = corpus.ensure_corpus
read_corpus = corpus.read_corpus
split_sentences = corpus.split_sentences
LINK_WORDS = {"في", "على", "من", "إلى", "الى", "قرب", "شمال", "جنوب", "شرق", "غرب", "بين", "عند", "نحو", "مع"}

# Short neutral paragraphs written for this test.
SOURCES = [
    SourceDoc(
        "أعلنت المصادر المحلية في مدينة حمص عن سقوط 3 قذائف على الأحياء السكنية يوم 12 آذار 2016. "
        "وقال شهود إن القصف المدفعي على الحي الغربي استمر ساعتين. "
        "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن!",
        "2016-03-13",
    ),
    SourceDoc(
        "خرج المئات في تظاهرة سلمية وسط البلدة للمطالبة بالإفراج عن المعتقلين.\n"
        "وذكر ناشطون أن القوات الأمنية فرقت المتظاهرين في الساحة الرئيسية بتاريخ 5/6/2019. "
        "الحصيلة الأولية: 7 جرحى بين المدنيين؟",
        None,
    ),
]


def _generator(seed: int = 7) -> Any:
    return CorpusGenerator(SOURCES, seed=seed)


def test_split_sentences_keeps_end_punctuation() -> None:
    parts = split_sentences("جملة أولى. جملة ثانية؟\nسطر ثالث")
    assert parts == ["جملة أولى.", "جملة ثانية؟", "سطر ثالث"]


def test_documents_are_deterministic_per_seed_and_index() -> None:
    a, b = _generator(7), _generator(7)
    assert [a.document(i) for i in range(20)] == [b.document(i) for i in range(20)]
    assert a.document(3) != _generator(8).document(3)
    assert a.document(3) != a.document(4)


def test_records_reach_the_byte_target() -> None:
    records = list(_generator().records(50_000))
    sizes = [len(r["text"].encode("utf-8")) for r in records]
    assert sum(sizes) >= 50_000
    assert sum(sizes) - sizes[-1] < 50_000  # stops as soon as the target is reached
    assert len({r["id"] for r in records}) == len(records)
    assert all(r["text"].strip() for r in records)
    published = [r["published"] for r in records if r["published"] is not None]
    assert published and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", p) for p in published)


def test_every_hard_shape_appears_and_has_its_form() -> None:
    records = list(_generator().records(600_000))
    by_shape = {s: [r for r in records if s in r["shapes"]] for s in SHAPES}
    assert all(by_shape[s] for s in SHAPES), {s: len(v) for s, v in by_shape.items()}

    def has_line(pred: Callable[[str], object], shape: str) -> bool:
        return all(any(pred(line) for line in r["text"].split("\n")) for r in by_shape[shape])

    # A run-on line of about 2,000 characters without sentence punctuation.
    assert has_line(lambda ln: len(ln) >= RUNON_CHARS * 0.9 and not re.search(r"[.،,؛;!?؟]", ln), "runon")
    assert has_line(lambda ln: ln.startswith("|") and ln.count("|") >= 3, "table")
    assert has_line(lambda ln: "\t" in ln, "table")
    assert has_line(
        lambda ln: re.search(r"[A-Za-z]{4,}", ln) and re.search(r"[\u0621-\u064A]{3,}", ln), "mixed"
    )
    assert all("#" in r["text"] and "t.me/" in r["text"] for r in by_shape["telegram"])
    assert all(re.search("[\u064b-\u0652\u0640]", r["text"]) for r in by_shape["diacritics"])
    indic = [r for r in by_shape["indic_digits"] if re.search(r"\d", r["text"])]
    assert indic and all(not re.search("[0-9]", r["text"]) for r in indic)


def test_numbers_and_dates_are_varied_and_stay_plausible() -> None:
    texts = [r["text"] for r in _generator().records(200_000) if "indic_digits" not in r["shapes"]]
    joined = "\n".join(texts)
    days = {m.group(1) for m in re.finditer(r"(\d{1,2}) (?:آذار|شباط|نيسان|تموز|آب|حزيران)", joined)}
    assert len(days) > 3
    for m in re.finditer(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", joined):
        assert 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12 and 2011 <= int(m.group(3)) <= 2025


def test_verbless_fragments_come_from_definite_noun_runs() -> None:
    gen = _generator()
    fragments = [gen._verbless(random.Random(i)) for i in range(30)]
    for fragment in fragments:
        words = fragment.split(":")[-1].split("|")[-1].split("-")[-1].split()
        assert len(words) >= 3
        assert all(
            w.startswith(("ال", "وال", "بال", "لل", "فال")) or w.isdigit() or w in LINK_WORDS for w in words
        )


def test_ensure_corpus_writes_once_and_reuses(tmp_path: Path) -> None:
    first = ensure_corpus(SOURCES, size_mb=0.05, seed=3, cache_dir=tmp_path)
    assert not first.cached and first.path.exists() and first.bytes >= 50_000
    mtime = first.path.stat().st_mtime_ns
    second = ensure_corpus(SOURCES, size_mb=0.05, seed=3, cache_dir=tmp_path)
    assert second.cached and second.path == first.path and second.path.stat().st_mtime_ns == mtime
    assert (second.docs, second.chars, second.bytes) == (first.docs, first.chars, first.bytes)
    assert sum(1 for _ in read_corpus(second.path)) == first.docs
    other = ensure_corpus(SOURCES, size_mb=0.05, seed=4, cache_dir=tmp_path)
    assert other.path != first.path and first.path.exists()


def test_new_sources_replace_the_stale_corpus_of_same_size_and_seed(tmp_path: Path) -> None:
    old = ensure_corpus(SOURCES, size_mb=0.02, seed=3, cache_dir=tmp_path)
    new = ensure_corpus(SOURCES[:1], size_mb=0.02, seed=3, cache_dir=tmp_path)
    assert new.path != old.path and new.path.exists()
    assert not old.path.exists() and not old.path.with_suffix(".meta.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([new.path.name, new.path.stem + ".meta.json"])


def test_generator_rejects_empty_sources() -> None:
    with pytest.raises(ValueError):
        CorpusGenerator([SourceDoc("   ")])
