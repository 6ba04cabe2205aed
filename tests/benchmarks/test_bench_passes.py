"""benchmarks/bench_recognition.py: timed passes, the median pass and the per-layer rates."""

from __future__ import annotations

import argparse

import pytest
from bench_loader import load_benchmark

bench = load_benchmark("bench_recognition")


def _pass(seconds: float, events_s: float = 0.0) -> object:
    tp = bench.Throughput()
    tp.seconds, tp.bytes = seconds, 1_000_000
    tp.components = [("names", seconds - events_s), ("events", events_s)]
    return tp


def test_the_median_pass_is_the_middle_one_by_time() -> None:
    slow, middle, fast = _pass(3.0), _pass(2.0), _pass(1.0)
    assert bench.median_pass([slow, fast, middle]) is middle
    assert bench.median_pass([fast]) is fast
    assert bench.median_pass([fast, slow]) is slow  # of two, the slower: the figure is not flattered


def test_layer_rates_split_the_time_between_recognition_and_events() -> None:
    rates = bench.layer_rates(_pass(2.0, events_s=1.5))
    assert rates == {"recognition_mb_per_s": 2.0, "events_mb_per_s": 0.6667, "full_mb_per_s": 0.5}
    assert bench.layer_rates(_pass(2.0))["events_mb_per_s"] is None


def test_passes_must_be_a_whole_number_of_at_least_one() -> None:
    assert bench.parse_args(["--passes", "3"]).passes == 3
    assert bench.parse_args([]).passes == 1
    for bad in ("0", "-2", "two"):
        with pytest.raises(argparse.ArgumentTypeError):
            bench.positive_int(bad)
