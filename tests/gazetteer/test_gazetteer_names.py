"""Name filtering, keys, display-name choice and the kind rule."""

from __future__ import annotations

import io

import pytest

from marsad.gazetteer.common import CommonWords
from marsad.gazetteer.geo import bounding_box, haversine_km
from marsad.gazetteer.model import kind_for
from marsad.gazetteer.names import (
    arabic_names,
    ascii_fold,
    clean_arabic_name,
    has_latin_article,
    latin_names,
    make_key,
    preferred_arabic,
)
from marsad.gazetteer.sources import iter_json_object


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("حماة", "حماة"),
        ("الجزائر (مدينة)", "الجزائر"),
        ("فيدي، أرارات", "فيدي"),
        ("الزنتان، لیبی", "الزنتان"),
        ("دَمَشْق", "دَمَشْق"),  # diacritics are kept (normalization removes them in keys)
        ("دیمەشق", None),  # Kurdish letter ە
        ("لاذقیہ", None),  # Urdu heh
        ("ladhqyہ", None),  # mixed Latin
        ("hەsychە", None),
        ("Hama", None),
        ("ب", None),  # one letter
        ("چمچمال", "چمچمال"),  # Persian letters Arabic writers also use (Iraqi names)
        ("سقّز (1)", "سقّز"),
    ],
)
def test_clean_arabic_name(raw: str, expected: str | None) -> None:
    assert clean_arabic_name(raw) == expected


def test_arabic_names_dedupes_and_keeps_order() -> None:
    assert arabic_names(["Hama", "حماه", "حماة", "حماه", "Хама", "hەmە"]) == ["حماه", "حماة"]


def test_keys_are_normalized_and_need_two_letters() -> None:
    assert make_key("حماة") == make_key("حماه") == "حماه"
    assert make_key("إدلب") == make_key("ادلب") == "ادلب"
    assert make_key("Hama") == "hama"
    assert make_key("ب") is None
    assert make_key("A1") is None
    assert make_key("  دير   الزور ") == "دير الزور"


def test_ascii_fold_and_latin_names() -> None:
    assert ascii_fold("Ḩamāh") == "Hamah"
    assert ascii_fold("‘Amrān") == "Amran"
    assert ascii_fold("Łódź") == "Lodz"
    assert latin_names("Ḩamāh") == ["Ḩamāh", "Hamah"]
    assert latin_names("Aleppo") == ["Aleppo"]


def test_latin_article() -> None:
    assert has_latin_article("Al Khums")
    assert has_latin_article("Ar Raqqah")
    assert has_latin_article("Ash Shaţrah")
    assert has_latin_article("El-Bab")
    assert not has_latin_article("Aleppo")
    assert not has_latin_article("Tyre")
    assert not has_latin_article("Ashdod")


class _Freq:
    """Frequencies for preferred_arabic without wordfreq."""

    def __init__(self, folded: dict[str, float], surface: dict[str, float] | None = None) -> None:
        self.folded = folded
        self.surface = surface or {}

    def name_zipf(self, name: str) -> float:
        return self.folded.get(name, 0.0)

    def surface_zipf(self, name: str) -> float:
        return self.surface.get(name, 0.0)


def test_preferred_arabic_rules() -> None:
    # careful spelling within one key
    assert preferred_arabic(["حماه", "حماة"]) == "حماة"
    assert preferred_arabic(["ادلب", "إدلب"]) == "إدلب"
    # Arabic letters before Persian kaf/yeh
    assert preferred_arabic(["لاذقیه", "اللاذقية"]) == "اللاذقية"
    # fewer words, fewer diacritics
    assert preferred_arabic(["مدينة حمص", "حمص"]) == "حمص"
    assert preferred_arabic(["طَرَابُلُس", "طرابلس"]) == "طرابلس"
    # frequency decides between keys
    freq = _Freq({"طرابلس": 4.5, "ترابلس": 0.0})
    assert preferred_arabic(["ترابلس", "طرابلس"], freq) == "طرابلس"
    # a Latin article keeps the article form, even when the bare form is a frequent word
    freq = _Freq({"خمس": 5.5, "الخمس": 4.0})
    assert preferred_arabic(["الخمس", "خمس"], freq, latin_article=True) == "الخمس"
    freq = _Freq({"صور": 5.5, "الصور": 5.0})
    assert preferred_arabic(["الصور", "صور"], freq, latin_article=False) == "صور"
    assert preferred_arabic([]) == ""


def test_common_words_fold_spellings() -> None:
    common = CommonWords()
    assert common.is_common("كان")
    assert common.is_common("غرب")
    assert not common.is_common("معردس")
    assert not common.is_common("دير الزور")  # multi-token keys are never common
    assert common.is_common("the")
    assert not common.is_common("aleppo")
    assert common.surface_zipf("حماة") > common.surface_zipf("حماه")


@pytest.mark.parametrize(
    ("feature", "population", "kind"),
    [
        ("A.PCLI", 0, "country"),
        ("A.PCL", 5, "country"),
        ("A.ADM1", 0, "admin1"),
        ("A.ADM2", 0, "district"),
        ("A.PRSH", 0, "district"),
        ("A.ADM1H", 0, "historical"),
        ("P.PPLH", 0, "historical"),
        ("P.PPLC", 10, "city"),
        ("P.PPLA", 10, "city"),
        ("P.PPL", 150_000, "city"),
        ("P.PPL", 20_000, "town"),
        ("P", 9_999, "village"),
        ("P.PPLX", 50_000, "neighbourhood"),
        ("T.HLL", 0, "terrain"),
        ("S.MSQE", 0, "site"),
        ("H.WADI", 0, "water"),
        ("", 0, "custom"),
    ],
)
def test_kind_rule(feature: str, population: int, kind: str) -> None:
    assert kind_for(feature, population) == kind


def test_streaming_json_reader_handles_chunk_boundaries() -> None:
    text = '{"1": {"a": [1, 2, "x"]}, "2": {"b": "ي"}, "3": {}}'
    for size in (1, 2, 3, 7, 1000):
        items = [(k, v) for k, v, _ in iter_json_object(io.StringIO(text), chunk_size=size)]
        assert items == [("1", {"a": [1, 2, "x"]}), ("2", {"b": "ي"}), ("3", {})]
    with pytest.raises(ValueError):
        list(iter_json_object(io.StringIO('{"1": {"a": '), chunk_size=4))


def test_haversine_and_bounding_box() -> None:
    # Hama -> Aleppo is about 120 km
    assert 110 < haversine_km(35.13179, 36.75783, 36.20124, 37.16117) < 130
    lat_min, lat_max, lons = bounding_box(35.0, 179.9, 50)
    assert lat_min < 35.0 < lat_max
    assert lons is not None and len(lons) == 2  # split at the antimeridian
    assert bounding_box(89.9, 0.0, 50)[2] is None
