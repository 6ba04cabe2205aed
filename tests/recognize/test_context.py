"""Context windows stop at punctuation; proclitics are stripped only before a real stem."""

from marsad.recognize.context import strip_proclitics, words_after, words_before


def test_words_before_and_after_stop_at_punctuation() -> None:
    text = "قال مصدر, في ريف حماه الشمالي. ثم"
    i = text.index("حماه")
    assert words_before(text, i, 3) == ["في", "ريف"]
    assert words_after(text, i + len("حماه"), 3) == ["الشمالي"]


def test_strip_proclitics() -> None:
    assert strip_proclitics("وبريف") == "ريف"
    assert strip_proclitics("بلد") == "بلد"
