"""Transliteration gives readable Latin names for entities without an English name."""

from marsad.text.translit import transliterate


def test_article_and_letters() -> None:
    assert transliterate("الحويز") == "al-Huyz"
    assert transliterate("جميل الصالح").startswith("Jmil al-")
    assert transliterate("Idlib") == "Idlib"
