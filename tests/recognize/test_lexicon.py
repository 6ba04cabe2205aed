"""The name automaton respects Arabic word boundaries and proclitics, and reports original offsets."""

from marsad.recognize.lexicon import Entry, Lexicon
from marsad.text.normalize import NormalizedText, normalize_for_match

HTS = Entry("actor", "hts")
SHORT = Entry("actor", "hts", "short", True)
ARMY = Entry("actor", "army")


def lexicon() -> Lexicon:
    return Lexicon.build(
        [
            (normalize_for_match("هيئة تحرير الشام"), HTS),
            (normalize_for_match("الهيئة"), SHORT),
            (normalize_for_match("الجيش"), ARMY),
            (normalize_for_match("حماة"), Entry("place", "")),
        ]
    )


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.prefix) for m in lexicon().find(NormalizedText(text))]


def test_plain_and_prefixed_names() -> None:
    assert found("قالت الهيئة") == [("الهيئة", "")]
    assert found("دخلنا والهيئة معا") == [("الهيئة", "و")]
    assert found("وبالجيش") == [("الجيش", "وب")]
    assert found("لهيئة تحرير الشام") == [("هيئة تحرير الشام", "ل")]


def test_lam_lam_form_starts_at_second_lam() -> None:
    assert found("بيان للهيئة") == [("لهيئة", "ل")]
    assert found("وللجيش") == [("لجيش", "ول")]


def test_no_match_inside_words() -> None:
    assert found("الجيشان") == []
    assert found("مستحماة") == []
    assert found("بالهيئات") == []


def test_spans_cover_diacritics_and_variants() -> None:
    text = "قصفَ الجيشُ حماه"
    assert [t for t, _ in found(text)] == ["الجيشُ", "حماه"]
