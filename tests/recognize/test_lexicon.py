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


def test_short_names_are_found_at_word_ends_as_the_automaton_finds_them() -> None:
    """Keys of at most three letters are looked up at word ends, not run through the automaton; both ways
    give the same matches in the same order (by end, the longest first), proclitics, لل forms, digits,
    underscores and repeated spellings included."""
    import random

    keys = ["من", "حي", "قسد", "ال", "سد", "الحي", "بكل", "12", "حي الشيخ", "اب"]
    items = [(k, Entry("place", f"p{i}")) for i, k in enumerate(keys)] + [("من", Entry("actor", "x"))]
    by_word = Lexicon.build(items)
    automaton_only = Lexicon.build(items, short_by_word=False)
    rng = random.Random(7)
    letters = list("منحيالوفبكلقسد12_ #،.\n")
    texts = ["وبمن حي الشيخ فللحي #ادلب_من قسد_ وسد، بكل 12مايو", "ال لل ولل فلل الحي للحي"]
    texts += ["".join(rng.choice(letters) for _ in range(300)) for _ in range(200)]
    for text in texts:
        view = NormalizedText(text)
        assert by_word.find(view) == automaton_only.find(view)
    matches = by_word.find(NormalizedText("وبمن في حي الشيخ"))
    assert [(m.key, m.prefix, len(m.entries)) for m in matches] == [
        ("من", "وب", 2),
        ("حي", "", 1),
        ("حي الشيخ", "", 1),
    ]


def test_per_pattern_tables_leave_the_collectors_care() -> None:
    """The keys, the لل flags and the automaton's indexes are tuples of strings, booleans and integers:
    after one collection the cyclic collector no longer walks them (a list of 50,000 items it would walk
    again at every full collection)."""
    import gc

    lex = lexicon()
    gc.collect()
    assert len(lex._keys) > 4 and True in lex._is_ll
    for table in (lex._keys, lex._is_ll, lex._automaton_index):
        assert isinstance(table, tuple) and not gc.is_tracked(table)
