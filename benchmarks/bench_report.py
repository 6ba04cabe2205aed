"""The benchmark's human-readable report and its informative targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

TARGET_FULL_MB_PER_S = 0.5  # the whole pipeline, events included (issue target 500 KB/s)
TARGET_MB_PER_S = 1.0
TARGET_BERT_RATIO = 100.0
TARGET_PEAK_MIB = 500.0
TARGET_COLD_START_S = 1.0


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def passes_line(passes: Sequence[dict[str, Any]]) -> str:
    """Every timed pass's full-pipeline rate, in the order run: the spread the median hides; and, where
    the passes carry it, the machine's speed during each (see ``bench_probes.MachineProbe``) and the fastest
    pass's probe time, which compares runs."""
    rates = [p["full_mb_per_s"] for p in passes]
    shown = ", ".join(f"{v:.3f}" for v in rates)
    line = f"{len(rates)} passes, full pipeline {shown} MB/s (the median pass's figures shown)"
    speeds = [p.get("machine_speed") for p in passes]
    if all(v is not None for v in speeds):
        line += "; machine speed " + ", ".join(f"{v:.2f}" for v in speeds) + " of the fastest pass's"
        probes = [p["probe_ms"] for p in passes if p.get("probe_ms")]
        if probes:  # the probe's own time is what compares machine speeds between runs
            line += f" (probe {min(probes):.1f} ms)"
    return line


def interpreter_line(env: dict[str, Any]) -> str:
    """Which Python ran the figures: its speed differs between builds of the same version (a shared
    ``libpython``, or a build without profile-guided optimization, costs a tenth or more)."""
    if not env.get("python"):
        return "-"
    shared = {True: "shared libpython", False: "libpython linked in", None: "libpython linkage unknown"}
    parts = [f"Python {env['python']}", env.get("python_executable") or "", env.get("python_compiler") or ""]
    if "libpython_shared" in env:  # older JSON: not recorded
        parts.append(shared[env["libpython_shared"]])
    return " · ".join(p for p in parts if p)


def shown_value(value: float | None, check: Callable[[float], bool]) -> str:
    """``value`` to two decimals, or to as many more (up to four) as it takes for the figure shown to
    fall on the same side of its target as the value: "0.496" against 0.5, not a "0.50" that misses."""
    if value is None:
        return "-"
    text = f"{value:,.2f}"
    for digits in (3, 4):
        if check(float(text.replace(",", ""))) == check(value):
            break
        text = f"{value:,.{digits}f}"
    return text


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The informative targets, each with value, target and PASS/MISS (n/a when not measured)."""
    rec = figures.get("recognition") or {}
    mem = figures.get("memory") or {}
    cold = (figures.get("cold_start") or {}).get("extract") or {}
    bert = figures.get("bert") or {}
    rows = [
        (
            "recognition layer per core",
            (rec.get("layers") or {}).get("recognition_mb_per_s", rec.get("mb_per_s")),
            f">= {TARGET_MB_PER_S} MB/s",
            lambda v: v >= TARGET_MB_PER_S,
        ),
        (
            "full pipeline (with events)",
            rec.get("mb_per_s"),
            f">= {TARGET_FULL_MB_PER_S} MB/s",
            lambda v: v >= TARGET_FULL_MB_PER_S,
        ),
        (
            "recognition vs BERT-base",
            bert.get("ratio_recognition", bert.get("ratio")),
            f">= {TARGET_BERT_RATIO:g}x",
            lambda v: v >= TARGET_BERT_RATIO,
        ),
        (
            "peak memory",
            mem.get("peak_rss_mib"),
            f"<= {TARGET_PEAK_MIB:g} MiB",
            lambda v: v <= TARGET_PEAK_MIB,
        ),
        (
            "cold start (median)",
            cold.get("median_s") if cold.get("ok") else None,
            f"<= {TARGET_COLD_START_S:g} s",
            lambda v: v <= TARGET_COLD_START_S,
        ),
    ]
    out = [
        {
            "name": name,
            "value": value,
            "target": target,
            "result": verdict(None if value is None else check(value)),
            "shown": shown_value(value, check),
        }
        for name, value, target, check in rows
    ]
    if cold and not cold.get("ok"):
        out[3]["result"] = "ERROR"  # the command failed: its time says nothing
    return out


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} MiB"


def print_report(console: Console, figures: dict[str, Any]) -> None:
    """Human-readable tables of every figure."""
    from rich.table import Table

    def table(title: str, rows: Sequence[tuple[str, Any]]) -> None:
        t = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
        t.add_column(style="bold", no_wrap=True)
        t.add_column(overflow="fold")
        for key, value in rows:
            t.add_row(
                key,
                value if isinstance(value, str) else f"{value:,}" if isinstance(value, int) else str(value),
            )
        console.print(t)
        console.print()

    c = figures["corpus"]
    table(
        "Corpus",
        [
            ("documents", c["docs"]),
            ("size", f"{c['mb']:.2f} MB UTF-8 ({c['chars']:,} chars)"),
            ("hard shapes (docs)", ", ".join(f"{k} {v}" for k, v in c["shapes"].items())),
            (
                "file",
                c["path"] + (" (cached)" if c["cached"] else f" (generated in {c['generation_s']:.1f} s)"),
            ),
        ],
    )
    r = figures["recognition"]
    lat = r["latency"]
    table(
        "Recognition, one core",
        [
            ("code", figures.get("code", "-")),
            ("interpreter", interpreter_line(figures.get("environment") or {})),
            (
                "pipeline build",
                f"{r['build_s']:.2f} s (KB + gazetteer + matchers; import {r['import_s']:.2f} s)",
            ),
            (
                "throughput",
                f"{r['chars_per_s']:,.0f} chars/s · {r['mb_per_s']:.2f} MB/s · {r['docs_per_s']:,.1f} docs/s",
            ),
            ("with to_record", f"{r['e2e_chars_per_s']:,.0f} chars/s · {r['e2e_mb_per_s']:.2f} MB/s"),
            (
                "by layer",
                "recognition {} MB/s · events {} MB/s".format(
                    *(
                        f"{v:.2f}" if v else "-"
                        for v in (
                            (r.get("layers") or {}).get("recognition_mb_per_s"),
                            (r.get("layers") or {}).get("events_mb_per_s"),
                        )
                    )
                ),
            ),
            ("timed", f"{r['docs']:,} docs in {r['seconds']:.2f} s after {r['warmup_docs']} warm-up docs"),
            *(
                [("passes", passes_line(r["passes"]))]
                if len(r.get("passes") or []) > 1  # older JSON: no "passes"
                else []
            ),
            (
                "CPU / wall",
                f"{r['cpu_share'] * 100:.0f}%"
                + (" (the core was shared: throughput is understated)" if r["cpu_share"] < 0.95 else ""),
            ),
            (
                "latency per doc",
                f"p50 {lat.get('p50_ms', 0):.2f} · p99 {lat.get('p99_ms', 0):.2f} · "
                f"max {lat.get('max_ms', 0):.2f} ms",
            ),
            *[
                (
                    "  slowest" if i == 0 else "",
                    f"{d['id']}: {d['ms']:.1f} ms, {d['chars']:,} chars, {d['shapes']}",
                )
                for i, d in enumerate(r["slowest"][:3])
            ],
            ("mentions", ", ".join(f"{k} {v:,}" for k, v in sorted(r["mentions"].items())) or "none"),
            ("failed documents", r["failed_docs"]),
            ("offset errors", r["offset_errors"]),
        ],
    )
    if r["components"]:
        t = Table(title="Time share per component", title_justify="left")
        t.add_column("component")
        t.add_column("seconds", justify="right")
        t.add_column("share", justify="right")
        for comp in r["components"]:
            t.add_row(comp["name"], f"{comp['seconds']:.2f}", f"{comp['share'] * 100:.1f}%")
        console.print(t)
        console.print()
    t = Table(title="Throughput by document shape", title_justify="left")
    t.add_column("shape")
    t.add_column("docs", justify="right")
    t.add_column("chars/s", justify="right")
    for shape, row in r["by_shape"].items():
        t.add_row(shape, f"{row['docs']:,}", f"{row['chars_per_s']:,.0f}")
    console.print(t)
    console.print()
    m = figures.get("memory")
    if m:
        if "error" in m:
            table(
                "Peak memory (fresh process)",
                [("error", m["error"]), ("stderr", "\n".join(m["stderr_tail"]))],
            )
        else:
            table(
                "Peak memory (fresh process)",
                [
                    ("peak RSS", f"{m['peak_rss_mib']:.1f} MiB"),
                    ("VmHWM (cross-check)", _mib(m["vm_hwm_mib"])),
                    (
                        "after build",
                        f"{_mib(m['after_build_mib'])} (at interpreter start {_mib(m['start_rss_mib'])})",
                    ),
                    ("parent at spawn", f"{_mib(m['parent_peak_at_spawn_mib'])} (the floor of ru_maxrss)"),
                    (
                        "cold pass",
                        f"build {m['build_s']:.2f} s · {m.get('chars_per_s', 0):,.0f} chars/s, no warm-up",
                    ),
                ],
            )
    cold = figures.get("cold_start")
    if cold:
        e, f = cold["extract"], cold["import_floor"]
        rows = [
            ("marsad extract", f"median {e['median_s']:.3f} s · min {e['min_s']:.3f} s ({e['runs']} runs)"),
            ("  output", "valid JSON" if e.get("valid_json") else "NOT valid JSON / failed"),
            ("import marsad", f"median {f['median_s']:.3f} s · min {f['min_s']:.3f} s (floor)"),
        ]
        if not e["ok"]:
            rows.append(("  error", "\n".join(e.get("stderr_tail", [])[-3:])))
        table("Cold start", rows)
    b = figures.get("bert")
    if b:
        table(
            "BERT-base anchor (random weights, fp32, 1 thread)",
            [
                (
                    "sample",
                    f"{b['docs']} docs · {b['bytes'] / 1000:.0f} KB · {b['tokens']:,} tokens"
                    f" · {b['windows']} windows",
                ),
                ("speed", f"{b['chars_per_s']:,.0f} chars/s · {b['tokens_per_s']:,.0f} tokens/s"),
                (
                    "marsad ÷ BERT",
                    f"{b['ratio']:,.0f}x full pipeline (same sample: {b['ratio_same_sample']:,.0f}x); "
                    f"recognition layer {b.get('ratio_recognition') or 0:,.0f}x",
                ),
                (
                    "tokenizer",
                    f"WordPiece vocab {b['tokenizer_vocab']:,}, trained in {b['tokenizer_train_s']:.1f} s",
                ),
            ],
        )
    t = Table(title="Targets (informative)", title_justify="left")
    t.add_column("figure")
    t.add_column("value", justify="right")
    t.add_column("target")
    t.add_column("result")
    for row in figures["targets"]:
        value = row["value"]
        shown = row.get("shown") or ("-" if value is None else f"{value:,.2f}")  # older JSON: no "shown"
        style = {"PASS": "green", "MISS": "red", "ERROR": "red"}.get(row["result"], "dim")
        t.add_row(row["name"], shown, row["target"], f"[{style}]{row['result']}[/{style}]")
    console.print(t)
