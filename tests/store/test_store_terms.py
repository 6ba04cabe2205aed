"""Index and query terms: folding and clitic stripping shared by both sides."""

from __future__ import annotations

import random
import re

import pytest

from marsad.store.terms import (
    TOKEN_RE,
    fts5_query,
    index_terms,
    name_key,
    query_groups,
    query_terms,
    terms_of_words,
    tsquery,
    view_words,
    word_terms,
)
from marsad.text.normalize import NormalizedText


def _matches(written: str, query: str) -> bool:
    indexed = set(index_terms(written).split())
    return all(set(group) & indexed for group in query_groups(query))


@pytest.mark.parametrize(
    ("written", "query"),
    [
        ("إدلب", "ادلب"),  # hamza below
        ("أطراف", "اطراف"),  # hamza above
        ("آبار", "ابار"),  # madda
        ("ادلب", "إدلب"),  # either direction
        ("مشفى", "مشفي"),  # alef maqsura / ya
        ("المنطقة", "منطقه"),  # ta marbuta / ha, article
        ("مُدِيرُ", "مدير"),  # diacritics
        ("الطبيّة", "طبية"),  # shadda
        ("الأسبـــوع", "الاسبوع"),  # tatweel
        ("والمقاتلين", "مقاتلين"),  # و + ال
        ("بالمنطقة", "المنطقة"),  # ب + ال
        ("للقوات", "قوات"),  # لل
        ("فالجيش", "جيش"),  # ف + ال
        ("كالعادة", "عادة"),  # ك + ال
        ("وللمنظمات", "منظمات"),  # و + لل
        ("ترميمه", "ترميم"),  # pronoun suffix ه
        ("قواتهم", "قوات"),  # هم
        ("مواقعها", "مواقع"),  # ها
        ("عناصرنا", "عناصر"),  # نا
        ("قريتهم", "قرية"),  # ة before a suffix is written ت
        ("وبيانهم", "البيان"),  # clitic and suffix together
        ("الوزير", "وزير"),  # وزير is not و + زير
        ("وزير", "الوزير"),
        ("لبنان", "لبنان"),
        ("Kafr Zaytā", "zayta"),  # Latin accents and case
        ("٢٠١٧", "2017"),  # digits
    ],
)
def test_variants_match(written: str, query: str) -> None:
    assert _matches(written, query)


@pytest.mark.parametrize(
    ("written", "query"),
    [
        ("المدينة", "مدين"),  # a written ة is never taken for the pronoun ه
        ("قوات", "قواتهم"),  # queries are not shortened: a suffix in the query must be written
        ("مشفى", "مستشفى"),
        ("حماة", "حمص"),
    ],
)
def test_non_matches(written: str, query: str) -> None:
    assert not _matches(written, query)


def test_query_terms_and_groups() -> None:
    assert query_terms("والمقاتلين في إدلب") == ["مقاتلين", "في", "ادلب"]
    assert query_groups("وزير") == [("وزير", "زير")]  # uncertain split: both forms
    assert query_groups('"قصف مدفعي" قصف') == [("قصف",), ("مدفعي",)]  # quotes ignored, repeats once
    assert query_groups("؟!،") == []


def test_backend_query_syntax() -> None:
    groups = [("وزير", "زير"), ("جيش",)]
    assert fts5_query(groups) == '("وزير" OR "زير") AND ("جيش")'
    assert tsquery(groups) == "('وزير' | 'زير') & ('جيش')"
    assert fts5_query([('a"b',)]) == '("a""b")'


def test_name_keys_fold_arabic_and_english() -> None:
    assert name_key("هيئة تحرير الشام") == name_key("هيئه تحرير الشّام")
    assert name_key("Hay'at Tahrir al-Sham") == "hay at tahrir al sham"
    assert name_key("Kafr Zaytā") == "kafr zayta"


_FINAL_HA = re.compile(r"(?<![^\W_])[^\W_]*ه(?![^\W_])")


def _view_words_by_offsets(text: str) -> tuple[list[str], frozenset[str]]:
    """Reference ``view_words``: the NormalizedText view, each final ه mapped back to the original."""
    view = NormalizedText(text)
    ta = frozenset(
        m.group() for m in _FINAL_HA.finditer(view.text) if text[view.to_original(m.end() - 1)] == "ة"
    )
    return TOKEN_RE.findall(view.text), ta


# Letters, ة/ه in every position, diacritics, tatweel, bidi controls, presentation forms (ﺓ, the
# expanding ligatures ﻻ ﷲ), digits, Latin with accents, underscores, punctuation and spaces.
_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ةةةههه" + "أإآءئؤىی" + "\u064e\u064f\u0650\u0651\u0652\u064b"
    "\u0640\u200f\u200e\u200c\u200d\ufe93\ufe94\ufefb\ufdf2\u0661\u06f5" + "azZā_-.،؟ \n\t"
)


def test_view_words_match_the_offset_mapping_reference() -> None:
    rng = random.Random(20170505)
    texts = [
        "المنطقة", "قريتهم", "مدرسةٌ", "مدرســة", "مدرسة\u200f", "ﺓ", "قرية_", "ةة", "هة", "ﻻة", "",
        "قَصفت قوّات النظام مدينةَ كفرزيتا في ريف حماة الشمالية بالقذائف المدفعيّة",
    ]  # fmt: skip
    texts += ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    for text in texts:
        assert view_words(text) == _view_words_by_offsets(text), text
        words, ta = view_words(text)
        assert terms_of_words(words, ta) == " ".join(t for w in words for t in word_terms(w, w not in ta)), (
            text
        )
