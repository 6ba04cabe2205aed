"""The word index answers "which words stand before/after this position" as a regex scan would."""

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.recognize.times import _TOKEN_RE as _TIME_TOKEN
from marsad.text.normalize import NormalizedText
from marsad.text.words import (
    BARRIER_CLASS,
    Needles,
    WordIndex,
    first_words,
    last_words,
    line_starts,
    matches_at,
    occurrence_starts,
    runs_between_spaces,
    with_prefixes,
)

_WORD = re.compile(r"\w+")
_BARRIER = re.compile(BARRIER_CLASS)


def _scan_before(text: str, pos: int, n: int, window: int) -> list[str]:
    """The definition: the words in the window before ``pos`` that follow its last barrier."""
    lo = max(0, pos - window)
    barriers = [m.start() for m in _BARRIER.finditer(text, lo, pos)]
    if barriers:
        lo = barriers[-1] + 1
    return _WORD.findall(text, lo, pos)[-n:] if n > 0 else []


def _scan_after(text: str, pos: int, n: int, window: int) -> list[str]:
    hi = min(len(text), pos + window)
    m = _BARRIER.search(text, pos, hi)
    if m is not None:
        hi = m.start()
    return _WORD.findall(text, pos, hi)[:n]


def test_words_before_and_after_stop_at_punctuation() -> None:
    view = NormalizedText("قال مصدر, في ريف حماه الشمالي. ثم")
    i = view.text.index("حماه")
    assert view.words.before(i, 3) == ["في", "ريف"]
    assert view.words.after(i + len("حماه"), 3) == ["الشمالي"]


def test_a_word_cut_by_the_position_counts_with_its_part_inside() -> None:
    words = WordIndex("قصف مدينة حلب")
    cut = len("قصف مدي")
    assert words.before(cut, 2) == ["قصف", "مدي"]
    assert words.after(cut, 2) == ["نة", "حلب"]


def test_the_window_limits_how_far_words_are_looked_for() -> None:
    text = "كلمة " * 30 + "هنا"
    words = WordIndex(text)
    assert words.before(len(text) - 3, 50, window=12) == ["ة", "كلمة", "كلمة"]


def test_the_view_builds_its_index_once() -> None:
    view = NormalizedText("قصفت الطائرات القرية")
    assert view.words is view.words


@pytest.mark.parametrize("seed", range(5))
def test_the_index_agrees_with_a_scan_of_the_text(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["قصف", "ريف", "حلب", "12", " ", " ", "  ", ",", ".", "\n", "(", "a_b", "؟", "-", '"', "ال"]
    text = "".join(rng.choice(pieces) for _ in range(400))
    words = WordIndex(text)
    for pos in range(len(text) + 1):
        for n in (0, 1, 3, 9):
            window = rng.choice((5, 20, 60))
            assert words.before(pos, n, window) == _scan_before(text, pos, n, window), (pos, n, window)
            assert words.after(pos, n, window) == _scan_after(text, pos, n, window), (pos, n, window)
        hi = pos + rng.choice((0, 1, 7, 40))
        assert words.between(pos, hi) == [
            (m.start(), m.end(), m.group()) for m in _WORD.finditer(text, pos, hi)
        ]
    every = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    starts, ends, spellings = words.columns()
    assert list(zip(starts, ends, spellings, strict=True)) == every
    forms = frozenset({"قصف", "حلب", "12"})
    assert words.spelled(forms) == [w for w in every if w[2] in forms]
    assert words.starts_of(forms) == [w[0] for w in every if w[2] in forms]


def test_with_prefixes_spells_every_optional_chain() -> None:
    forms = with_prefixes(["قريه"], "وف", "بلك")
    assert {"قريه", "وقريه", "بقريه", "فلقريه", "وكقريه"} <= forms
    assert "بوقريه" not in forms  # slots keep their order
    assert len(forms) == 3 * 4
    assert with_prefixes(["عام"], ("ال",)) == {"عام", "العام"}


def test_matches_at_finds_what_a_scan_of_the_text_finds() -> None:
    pattern = re.compile(r"(?<!\w)(?:[وف]?[بلك]?)(قريه|بلده|حي)(?!\w)")
    forms = with_prefixes(["قريه", "بلده", "حي"], "وف", "بلك")
    rng = random.Random(7)
    pieces = ["قريه", "وبقريه", "حي", "الحي", "بلده", "فبلدهم", "12", " ", " ", ",", "\n", "_"]
    for _ in range(20):
        text = "".join(rng.choice(pieces) for _ in range(200))
        words = WordIndex(text)
        expected = [(m.span(), m.group(1)) for m in pattern.finditer(text)]
        found = [(m.span(), m.group(1)) for m in words.matches_at(pattern, words.starts_of(forms))]
        assert found == expected


@given(st.text(alphabet="ab \n\r\u2028-:", max_size=40))
def test_line_starts_are_where_a_multiline_caret_matches(text: str) -> None:
    assert line_starts(text) == [m.start() for m in re.finditer(r"(?m)^", text)]
    # a (?m)^ pattern tried only there finds what its scan finds, matches running over lines included
    pattern = re.compile(r"(?m)^[\W_]*-[\W_]*(\w+) ?:")
    assert [m.span() for m in matches_at(pattern, text, line_starts(text))] == [
        m.span() for m in pattern.finditer(text)
    ]


def test_starts_before_gives_the_word_before_each_cue() -> None:
    text = "الدورية نفسها، ثم القوة ذاتها"
    words = WordIndex(text)
    assert words.starts_before(frozenset({"نفسها", "ذاتها"})) == [0, text.index("القوة")]


def test_starts_back_gives_the_words_ending_before_a_position() -> None:
    text = "قتل محمد علي حسن (30 عاما)"
    words = WordIndex(text)
    bracket = text.index("(")
    assert [text[s:].split()[0] for s in words.starts_back(bracket, 2)] == ["علي", "حسن"]
    assert words.starts_back(bracket, 9)[0] == 0
    assert words.starts_back(0, 3) == []


def test_first_words_are_the_first_of_a_whole_split() -> None:
    for text in ["", "  ", "قصفت  الطائرات\nمواقع، في\tالبلدة ", "كلمة", " a b c d e f "]:
        for n in range(6):
            assert first_words(text, n) == text.split()[:n]


_MIXED = list("اب ت_ ،.\n\t1٣x\u00a0²Ⅻ-")


@given(st.text(alphabet=st.sampled_from(_MIXED), max_size=40), st.integers(min_value=0, max_value=9))
def test_runs_between_spaces_are_the_runs_the_pattern_finds(text: str, offset: int) -> None:
    """Pieces between spaces the pattern would take whole are kept whole; the rest (punctuation, other
    white space, "_", numerals that are not decimal digits) are split by the pattern: the same runs."""
    for pattern, letters_apart in ((_WORD, False), (_TIME_TOKEN, True)):
        found = [(m.group(), m.start() + offset, m.end() + offset) for m in pattern.finditer(text)]
        runs, starts, ends = runs_between_spaces(
            re.compile(f"({pattern.pattern})"), text, offset, letters_apart
        )
        assert list(zip(runs, starts, ends, strict=True)) == found


@given(
    st.text(alphabet=st.sampled_from(list("ab و\n\t،")), max_size=40), st.integers(min_value=1, max_value=6)
)
def test_last_words_are_the_tail_of_split(text: str, n: int) -> None:
    assert last_words(text, n) == text.split()[-n:]


_NEEDLES = ["قوات", "قوه", "دوريات", "دوريه", "ات", "وات", "روسي", "الروسي"]


@given(st.lists(st.sampled_from([*"قواتهدريسل و\n", "قوات", "دوريات", "الروسي"]), max_size=30).map("".join))
def test_needles_find_what_a_find_loop_finds(text: str) -> None:
    """One automaton pass finds every occurrence, overlapping ones and needles inside needles included."""
    needles = Needles(_NEEDLES)
    every = {(n, i) for n in _NEEDLES for i in range(len(text)) if text.startswith(n, i)}
    found = needles.occurrences(text)
    assert set(found) == every and len(found) == len(every)
    assert needles.starts(text, "وف") == occurrence_starts(text, _NEEDLES, "وف")


def test_needles_are_never_empty() -> None:
    for strings in ([], ["قوات", ""]):
        with pytest.raises(ValueError, match="none of them empty"):
            Needles(strings)
