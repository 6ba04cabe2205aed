"""Snippets and highlights always slice the original text exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from store_cases import ARREST, SHELL, VARIANTS

from marsad.store.snippets import find_highlights, make_snippets
from marsad.store.terms import query_groups


def _check(text: str, query: str) -> list:
    snippets = make_snippets(text, query_groups(query))
    for snip in snippets:
        assert text[snip.start : snip.end] == snip.text
        for start, end in snip.highlights:
            assert snip.start <= start < end <= snip.end
    return snippets


def test_highlights_are_the_written_words() -> None:
    (snip,) = _check(VARIANTS, "مدير ترميم")
    words = [VARIANTS[s:e] for s, e in snip.highlights]
    assert words == ["ترميمه", "مديرُه"]


def test_highlights_cover_diacritics_and_tatweel() -> None:
    found = find_highlights(VARIANTS, query_groups("الاسبوع اعلن"))
    assert sorted(VARIANTS[s:e] for s, e, _ in found) == ["أعلنَ", "الأسبـــوع"]


def test_two_windows_for_distant_matches() -> None:
    text = SHELL + " " + " ".join(["وتابعت الفرق عملها في المنطقة."] * 12) + " " + ARREST
    snippets = _check(text, "كفرزيتا إدلب")
    assert len(snippets) == 2
    assert "كفرزيتا" in snippets[0].text and "إدلب" in snippets[1].text
    assert all(len(s.text) <= 260 for s in snippets)


def test_no_query_gives_the_opening() -> None:
    (snip,) = make_snippets(SHELL, [])
    assert snip.start == 0 and snip.highlights == [] and SHELL.startswith(snip.text)
    assert 100 < len(snip.text) <= 200
    assert make_snippets("", query_groups("قصف")) == []


def test_windows_end_on_word_boundaries() -> None:
    (snip,) = _check(SHELL, "الدفاع")
    assert snip.start == 0 or SHELL[snip.start - 1].isspace()
    assert snip.end == len(SHELL) or SHELL[snip.end].isspace()


_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآؤئء"
_NOISE = ["\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200f", "\u200c", " ", "، ", "\n", "😀", "ﻻ"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(list(_LETTERS)), st.sampled_from(_NOISE)),
        min_size=1,
        max_size=400,
    ),
    st.sampled_from(["قصف", "القوات", "ية", "ادلب", "منطقه", "لا", "وزير"]),
)
def test_snippets_always_slice_the_original(chars: list[str], query: str) -> None:
    text = "".join(chars) + " القوات قصفت إدلب والمنطقة"
    assert _check(text, query)
