"""Index and query terms: folding and clitic stripping shared by both sides."""

from __future__ import annotations

import pytest

from marsad.store.terms import fts5_query, index_terms, name_key, query_groups, query_terms, tsquery


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
