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


def test_the_machine_speed_of_a_pass_is_relative_to_the_fastest() -> None:
    fast, slow, unprobed = _pass(1.0), _pass(1.3), _pass(1.0)
    fast.probe_seconds = [0.010, 0.011, 0.030]  # the median, not one disturbed probe, counts
    slow.probe_seconds = [0.015, 0.014, 0.016]
    passes = [fast, slow, unprobed]
    assert bench.machine_speed(fast, passes) == {"probe_ms": 11.0, "machine_speed": 1.0}
    assert bench.machine_speed(slow, passes) == {"probe_ms": 15.0, "machine_speed": 0.733}
    assert bench.machine_speed(unprobed, passes) == {"probe_ms": None, "machine_speed": None}


def test_the_probe_runs_between_batches_outside_the_timed_region() -> None:
    class Echo:
        """A pipeline with no components that hands every document straight back."""

        def pipe(self, docs, batch_size=64, on_error=None):  # type: ignore[no-untyped-def]
            yield from docs

    records = [{"id": f"d{i}", "text": "نص قصير", "published": None} for i in range(130)]
    calls: list[int] = []

    def probe() -> float:
        calls.append(1)
        return 5.0  # far longer than the pass: it must not be counted in it

    tp = bench.measure_throughput(Echo(), records, warmup_docs=0, make_record=None, probe=probe)  # type: ignore[arg-type]
    assert len(calls) == 3  # before documents 1, 65 and 129
    assert tp.probe_seconds == [5.0, 5.0, 5.0]
    assert tp.seconds < 5.0 and tp.docs == 130


def test_the_machine_probe_times_work_that_grows_with_its_size() -> None:
    from bench_probes import MachineProbe, libpython_shared

    assert 0 <= MachineProbe(keys=10, lookups=0, rounds=0)() < MachineProbe(keys=1000, lookups=50_000)()
    assert libpython_shared() in (True, False, None)
