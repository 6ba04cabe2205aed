"""Sentences, clauses and tokens with clitic sub-spans, all in original offsets."""

import random
import re

import pytest

from marsad.text.segment import (
    _CLAUSE_END_RE,
    _SENTENCE_END_RE,
    Span,
    _append_trimmed,
    analyse_token,
    clauses,
    sentences,
    tokens,
)


def test_sentences_split_at_arabic_and_latin_marks_and_lines() -> None:
    text = "سقطت البلدة. هل انسحبوا؟ نعم\nسطر جديد"
    spans = [s.text(text) for s in sentences(text)]
    assert spans == ["سقطت البلدة.", "هل انسحبوا؟", "نعم", "سطر جديد"]


def test_clauses_split_at_arabic_comma_and_semicolon() -> None:
    text = "تقدمت القوات، ثم انسحبت؛ وعادت"
    assert [c.text(text) for c in clauses(text)] == ["تقدمت القوات،", "ثم انسحبت؛", "وعادت"]


def test_token_proclitics_and_article() -> None:
    text = "والهيئة وبالجيش للهيئة وزير"
    toks = list(tokens(text))
    assert [t.text for t in toks] == ["والهيئة", "وبالجيش", "للهيئة", "وزير"]
    wal = toks[0]
    assert [text[s:e] for s, e in wal.proclitics] == ["و"]
    assert wal.article is not None and text[wal.article[0] : wal.article[1]] == "ال"
    assert wal.stem == "هيئة"
    wbal = toks[1]
    assert [text[s:e] for s, e in wbal.proclitics] == ["و", "ب"]
    assert wbal.stem == "جيش"
    lil = toks[2]
    assert [text[s:e] for s, e in lil.proclitics] == ["ل"]
    assert lil.article is not None and text[lil.article[0] : lil.article[1]] == "ل"
    wazir = toks[3]
    assert wazir.ambiguous and wazir.stem == "زير"  # marked ambiguous: a lexicon must confirm


def test_token_with_diacritics_keeps_offsets() -> None:
    text = "وَالجَيْشُ"
    tok = analyse_token(text, 0, len(text))
    assert text[tok.proclitics[0][0] : tok.proclitics[0][1]] == "وَ"
    assert tok.article is not None
    assert text[tok.stem_start :] == "جَيْشُ"


def test_short_words_are_not_split() -> None:
    text = "وزن بل"
    assert all(not t.proclitics for t in tokens(text))


@pytest.mark.parametrize("seed", range(4))
def test_boundaries_tried_at_their_marks_are_those_a_scan_finds(seed: int) -> None:
    """Sentence and clause ends are looked for at their punctuation alone; a scan of every character
    finds the same."""
    rng = random.Random(seed)
    pieces = ["قال", "المصدر", " ", " ", ".", "..", "!", "؟", "…", "»", '"', ")", "\n", "\n\n", "،", ",", ":"]
    pieces += [" - ", " – ", "-", "؛", "12", "\t"]
    text = "".join(rng.choice(pieces) for _ in range(600))

    def scan(pattern: re.Pattern[str], lo: int, hi: int) -> list[Span]:
        spans: list[Span] = []
        pos = lo
        for m in pattern.finditer(text, lo, hi):
            _append_trimmed(text, pos, m.end(), spans)
            pos = m.end()
        _append_trimmed(text, pos, hi, spans)
        return spans

    found = sentences(text)
    assert found == scan(_SENTENCE_END_RE, 0, len(text))
    for sentence in found:
        assert clauses(text, sentence) == scan(_CLAUSE_END_RE, sentence.start, sentence.end)
