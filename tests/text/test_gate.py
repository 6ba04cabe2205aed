"""The gate in front of a pattern only skips searches that cannot succeed."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re

import pytest

import marsad.events
import marsad.recognize
from marsad.text.gate import Gated, gated, required_strings


def test_required_strings_are_read_off_the_pattern() -> None:
    assert required_strings(re.compile(r"(?<!\w)[وف]?(?:حصيله|منذ مطلع)(?!\w)")) == {"حصيله", "منذ مطلع"}
    # the longer of two parts is the better gate; a string holding another is dropped
    assert required_strings(re.compile(r"(?:ال|ل)\w{3,} (?:نفسها|نفسه)")) == {" نفسه"}
    assert required_strings(re.compile(r"(?:تجاوزت|تجاوز)(?: \w+)? \d")) == {"تجاوز"}
    assert required_strings(re.compile(r".منذ?")) == {"من"}


@pytest.mark.parametrize(
    "pattern",
    [r"\w+", r"(?<!\w)[بل]?\w", r"(?:a|bc)", r"(?i)منذ", r"(?:منذ)?\d+"],
)
def test_no_gate_when_the_pattern_names_nothing_worth_looking_for(pattern: str) -> None:
    assert required_strings(re.compile(pattern)) is None
    assert gated(pattern).possible("")


def _gated_patterns() -> list[tuple[str, Gated]]:
    found: list[tuple[str, Gated]] = []
    for package in (marsad.events, marsad.recognize):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found += [
                (f"{module.__name__}.{name}", value)
                for name, value in vars(module).items()
                if isinstance(value, Gated)
            ]
    return found


GATED = _gated_patterns()


def test_the_extractor_gates_its_cue_patterns() -> None:
    assert len(GATED) >= 20
    assert all(required_strings(g.pattern) for _, g in GATED)


@pytest.mark.parametrize(("name", "pattern"), GATED, ids=[name for name, _ in GATED])
def test_a_gated_search_finds_what_the_pattern_finds(name: str, pattern: Gated) -> None:
    rng = random.Random(name)
    required = sorted(required_strings(pattern.pattern) or ())
    pieces = [*required, "ال", "و", "في", "من", "قوات", "3", "12", " ", " ", " ", "،", ".", "\n"]
    hits = 0
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        pos = rng.randrange(0, len(text) + 1)
        expected = pattern.pattern.search(text, pos)
        found = pattern.search(text, pos)
        assert (found and found.span()) == (expected and expected.span()), text
        hits += expected is not None
    if name.rsplit(".", 1)[-1] not in _RARELY_MATCHED:
        assert hits, "the random texts never let the pattern match: the test would prove nothing"


# Patterns whose matches need more than their cue words (a number, a verb after them): random texts
# built from the cues seldom give one, and the comparison above still holds for every text tried.
_RARELY_MATCHED = frozenset(
    {"_BLAMED_DEED_VERB", "_AIR_DEFENCES_OF", "_AFTER_IT", "_RUNNING_TOTAL", "_SECTION_HEAD"}
)
