"""A cheap necessary test in front of a regular expression.

Python's regex engine scans a pattern that opens with a lookbehind (``(?<!\\w)``) or an optional letter by
setting up a match attempt at every character, some hundreds of machine instructions each. Most of the
cue patterns of the extractor can only match where one of a few words stands ("منذ", "خلال", "حصيلة"):
``required_strings`` reads those words off the pattern itself, and ``Gated.search`` looks for them with
``str.find`` (a fast substring search) before it runs the pattern. The answer is always the pattern's
own: the gate only skips searches that cannot succeed.
"""

from __future__ import annotations

import re
import re._constants as sre  # the parser's node names
import re._parser as sre_parser  # the same parse tree the re module compiles
import sys
from typing import Any, Final

_MAX_STRINGS: Final = 64  # a longer list of alternatives costs more to look for than it saves
_MIN_LENGTH: Final = 2  # a single letter is found in almost any text: no use as a gate


class _Info:
    """What one node of a parse tree tells: every string it matches (when they are few), and strings
    one of which every match contains (as a substring)."""

    __slots__ = ("exact", "required")

    def __init__(self, exact: frozenset[str] | None, required: frozenset[str] | None) -> None:
        self.exact = exact
        self.required = required


_UNKNOWN: Final = _Info(None, None)
_EMPTY: Final = _Info(frozenset({""}), None)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirement sets: longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    key_a, key_b = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return a if key_a >= key_b else b


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > _MAX_STRINGS:
        return None
    return frozenset(x + y for x in a for y in b)


def _sequence(items: list[tuple[Any, Any]]) -> _Info:
    """A concatenation: its exact strings are the products of its parts'; what it requires is the best
    of its parts' requirements and of the products of runs of parts with exact strings."""
    infos = [_node(op, av) for op, av in items]
    best: frozenset[str] | None = None
    run: frozenset[str] | None = frozenset({""})
    whole: frozenset[str] | None = frozenset({""})
    for info in infos:
        best = _better(best, info.required)
        if info.exact is None:
            best = _better(best, _useful(run))
            run = frozenset({""})
            whole = None
            continue
        joined = _product(run, info.exact) if run is not None else None
        if joined is None:  # too many: close the run and start another at this part
            best = _better(best, _useful(run))
            joined = info.exact
        run = joined
        whole = _product(whole, info.exact) if whole is not None else None
    best = _better(best, _useful(run))
    return _Info(whole, best)


def _useful(strings: frozenset[str] | None) -> frozenset[str] | None:
    """``strings`` as a requirement: only when none of them is empty."""
    if not strings or "" in strings:
        return None
    return strings


def _node(op: Any, av: Any) -> _Info:
    if op is sre.LITERAL:
        return _Info(frozenset({chr(av)}), None)
    if op is sre.IN:
        if all(kind is sre.LITERAL for kind, _ in av) and len(av) <= _MAX_STRINGS:
            return _Info(frozenset(chr(code) for _, code in av), None)
        return _UNKNOWN
    if op is sre.BRANCH:
        branches = [_sequence(list(branch)) for branch in av[1]]
        exact: frozenset[str] | None = frozenset()
        required: frozenset[str] | None = frozenset()
        for info in branches:
            exact = exact | info.exact if exact is not None and info.exact is not None else None
            need = info.required if info.required is not None else _useful(info.exact)
            required = required | need if required is not None and need is not None else None
        if exact is not None and len(exact) > _MAX_STRINGS:
            exact = None
        if required is not None and len(required) > _MAX_STRINGS:
            required = None
        return _Info(exact, required)
    if op is sre.SUBPATTERN:
        _, add_flags, _, inner = av
        if add_flags & re.IGNORECASE:
            return _UNKNOWN
        return _sequence(list(inner))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, inner = av
        info = _sequence(list(inner))
        if low == 0:
            if high == 1 and info.exact is not None:
                return _Info(info.exact | {""}, None)
            return _UNKNOWN
        exact = info.exact if low == high == 1 else None
        return _Info(exact, info.required if info.required is not None else _useful(info.exact))
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return _EMPTY  # zero-width: it adds no character to a match
    return _UNKNOWN


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when the pattern names none
    worth looking for (none at least two characters long, or too many)."""
    if pattern.flags & re.IGNORECASE:
        return None
    info = _sequence(list(sre_parser.parse(pattern.pattern, pattern.flags)))
    required = info.required if info.required is not None else _useful(info.exact)
    if required is None or min(map(len, required)) < _MIN_LENGTH:
        return None
    # a string holding another is found whenever that one is: looking for the shorter is enough
    return frozenset(s for s in required if not any(t != s and t in s for t in required))


class Gated:
    """A compiled pattern with its gate: ``search`` answers as ``pattern.search`` does."""

    __slots__ = ("_required", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        required = required_strings(pattern)
        # the longest first: the rarest, most often
        self._required: tuple[str, ...] | None = (
            tuple(sorted(required, key=lambda s: (-len(s), s))) if required is not None else None
        )

    def possible(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Can the pattern match inside ``text[pos:endpos]``? (False means certainly not.)"""
        if self._required is None:
            return True
        for needle in self._required:  # noqa: SIM110 - a plain loop: no generator object per call
            if text.find(needle, pos, endpos) != -1:
                return True
        return False

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if not self.possible(text, pos, endpos):
            return None
        return self.pattern.search(text, pos, endpos)


def gated(pattern: str) -> Gated:
    """``re.compile(pattern)`` behind its gate."""
    return Gated(re.compile(pattern))
