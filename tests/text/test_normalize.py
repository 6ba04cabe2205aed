"""The normalized view folds variants and maps every position back to the original text."""

import bisect
import random

from hypothesis import given
from hypothesis import strategies as st

from marsad.text import normalize
from marsad.text.normalize import NormalizedText, fold_chars, normalize_for_match


def find_original(original: str, needle_folded: str) -> str:
    view = NormalizedText(original)
    i = view.text.find(needle_folded)
    assert i >= 0, (view.text, needle_folded)
    s, e = view.span(i, i + len(needle_folded))
    return original[s:e]


def test_folds_hamza_ya_ta_marbuta_and_digits() -> None:
    assert normalize_for_match("إدلب") == "ادلب"
    assert normalize_for_match("آذار") == "اذار"
    assert normalize_for_match("مستشفى") == "مستشفي"
    assert normalize_for_match("حماة") == "حماه"
    assert normalize_for_match("٢٣ / ۱۲") == "23 / 12"
    assert normalize_for_match("«الهيئة»") == '"الهييه"'


def test_diacritics_tatweel_and_bidi_removed_but_spans_keep_them() -> None:
    original = "قصفَ الطيرانُ مدينةَ حمـــاةَ\u200f اليوم"
    assert find_original(original, "حماه") == "حمـــاةَ"
    assert find_original(original, "الطيران") == "الطيرانُ"


def test_span_of_digits_and_presentation_forms() -> None:
    assert find_original("قتل ٣ مدنيين", "3") == "٣"
    # lam-alef ligature from a PDF expands to two letters in the view and back to one character
    original = "ﻻ يوجد"
    view = NormalizedText(original)
    assert view.text.startswith("لا")
    assert view.span(0, 2) == (0, 1)


def test_identity_when_nothing_to_fold() -> None:
    view = NormalizedText("abc 123")
    assert view.text == "abc 123"
    assert view.to_original(3) == 3
    assert view.to_original(len(view)) == len("abc 123")


ARABIC_ISH = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآىةؤئ ٠١٢٣ًٌٍَُِّْـ\u200f\u200eﻻﻷ،.")),
    max_size=60,
)


@given(ARABIC_ISH)
def test_every_view_span_maps_to_an_original_span_that_folds_back(text: str) -> None:
    view = NormalizedText(text)
    for i in range(len(view.text)):
        for j in range(i + 1, min(len(view.text), i + 6) + 1):
            s, e = view.span(i, j)
            assert 0 <= s < e <= len(text)
            assert (
                normalize_for_match(text[s:e]).replace(" ", "")
                == normalize_for_match(view.text[i:j]).replace(" ", "")
                or "ﻻ" in text
                or "ﻷ" in text
            )


def _random_text(rng: random.Random, length: int) -> str:
    return "".join(
        rng.choice(["ق", "ت", "ل", " ", "\u064e", "\u0651", "\u0640", "\u200f", "أ"]) for _ in range(length)
    )


def _expected_view_position(view: NormalizedText, deleted: list[int], i: int) -> int:
    return min(i - bisect.bisect_left(deleted, i), len(view.text))


def test_to_view_counts_the_deleted_characters_before_each_offset() -> None:
    rng = random.Random(11)
    for _ in range(30):
        original = _random_text(rng, 80)
        view = NormalizedText(original)
        deleted = [k for k, ch in enumerate(original) if ch in "\u064e\u0651\u0640\u200f"]
        for i in range(-2, len(original) + 3):
            assert view.to_view(i) == _expected_view_position(view, deleted, i), (original, i)


def test_to_view_of_a_document_with_too_many_deletions_to_count_in_bytes_searches_them() -> None:
    """Up to ``_MAX_COUNTED_DELETIONS`` removed characters a document answers from a byte per offset; with
    more it searches its deletions, with the same answers."""
    rng = random.Random(5)
    original = _random_text(rng, 2000)
    view = NormalizedText(original)
    deleted = [k for k, ch in enumerate(original) if ch in "\u064e\u0651\u0640\u200f"]
    assert len(deleted) > normalize._MAX_COUNTED_DELETIONS
    for i in range(-2, len(original) + 3):
        assert view.to_view(i) == _expected_view_position(view, deleted, i), i
    assert view._deleted_before is None


_FOLDS = normalize._FOLD_1TO1


def test_no_fold_yields_a_character_that_is_folded_again() -> None:
    """``fold_chars`` replaces one character at a time, in no set order: that is only the same as one
    pass of ``str.translate`` while no replacement is itself folded."""
    assert not set(_FOLDS.values()) & set(_FOLDS)


_LETTERS = [*"ابتثجحخدذرزسشصضطظعغفقلمنهوي 0123456789,.\n", "😀"]


@given(st.text(alphabet=st.sampled_from(sorted(_FOLDS) + _LETTERS), max_size=200))
def test_fold_chars_is_translate_with_the_fold_table(text: str) -> None:
    assert fold_chars(text) == text.translate(str.maketrans(_FOLDS))
    assert NormalizedText(text + "\u064e").text == fold_chars(text)  # the path with deletions too


def test_the_three_kinds_of_change_never_share_a_character() -> None:
    """Deletions, expansions and one-to-one folds are disjoint: applied one after the other they give
    what one ``str.translate`` with all three gives."""
    deleted, expanding = set(normalize.DELETED_CHARS), set(normalize._PRES_MANY)
    assert not deleted & expanding and not deleted & set(_FOLDS) and not expanding & set(_FOLDS)


_ANY_CHANGE = sorted(_FOLDS)[::7] + sorted(normalize._PRES_MANY) + list(normalize.DELETED_CHARS)


@given(st.text(alphabet=st.sampled_from(_ANY_CHANGE + _LETTERS), min_size=40, max_size=400))
def test_a_long_text_is_normalized_like_a_short_key(text: str) -> None:
    reference = " ".join(text.translate(normalize._FULL_TABLE).split())
    assert normalize_for_match(text) == reference
