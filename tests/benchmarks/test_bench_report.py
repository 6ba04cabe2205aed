"""benchmarks/bench_report.py: the informative targets and how their values are shown."""

from __future__ import annotations

from bench_loader import load_benchmark

bench_report = load_benchmark("bench_report")


def test_a_value_just_below_its_target_is_not_shown_as_reaching_it() -> None:
    at_least_half = bench_report.targets({"recognition": {"mb_per_s": 0.4962}})[1]
    assert at_least_half["result"] == "MISS"
    assert at_least_half["shown"] == "0.496"


def test_values_clear_of_their_target_keep_two_decimals() -> None:
    rows = bench_report.targets(
        {
            "recognition": {"mb_per_s": 0.4512, "layers": {"recognition_mb_per_s": 1.2345}},
            "memory": {"peak_rss_mib": 78.1},
        }
    )
    shown = {row["name"]: (row["shown"], row["result"]) for row in rows}
    assert shown["full pipeline (with events)"] == ("0.45", "MISS")
    assert shown["recognition layer per core"] == ("1.23", "PASS")
    assert shown["peak memory"] == ("78.10", "PASS")
    assert shown["cold start (median)"] == ("-", "n/a")


def test_a_value_at_most_its_target_rounds_the_other_way_too() -> None:
    assert bench_report.shown_value(1.004, lambda v: v <= 1.0) == "1.004"
    assert bench_report.shown_value(1.0004, lambda v: v <= 1.0) == "1.0004"
    assert bench_report.shown_value(0.9999, lambda v: v <= 1.0) == "1.00"  # at most 1.0 either way
    assert bench_report.shown_value(None, lambda v: v <= 1.0) == "-"


def test_several_passes_are_shown_in_the_order_run() -> None:
    line = bench_report.passes_line(
        [{"full_mb_per_s": 0.4524}, {"full_mb_per_s": 0.4451}, {"full_mb_per_s": 0.4962}]
    )
    assert line == "3 passes, full pipeline 0.452, 0.445, 0.496 MB/s (the median pass's figures shown)"


def test_the_machine_speed_of_each_pass_is_shown_where_recorded() -> None:
    line = bench_report.passes_line(
        [
            {"full_mb_per_s": 0.4, "machine_speed": 0.8, "probe_ms": 25.0},
            {"full_mb_per_s": 0.5, "machine_speed": 1.0, "probe_ms": 20.04},
        ]
    )
    assert line.endswith("; machine speed 0.80, 1.00 of the fastest pass's (probe 20.0 ms)")
    older = bench_report.passes_line([{"full_mb_per_s": 0.4}, {"full_mb_per_s": 0.5}])
    assert "machine speed" not in older


def test_the_interpreter_line_names_the_build() -> None:
    env = {
        "python": "3.11.7",
        "python_executable": "/opt/py/bin/python",
        "python_compiler": "GCC 12.2.0",
        "libpython_shared": True,
    }
    assert (
        bench_report.interpreter_line(env)
        == "Python 3.11.7 · /opt/py/bin/python · GCC 12.2.0 · shared libpython"
    )
    assert bench_report.interpreter_line({**env, "libpython_shared": None}).endswith("linkage unknown")
    assert bench_report.interpreter_line({"python": "3.11.7"}) == "Python 3.11.7"
    assert bench_report.interpreter_line({}) == "-"
