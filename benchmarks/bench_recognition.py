#!/usr/bin/env python
"""Recognition benchmark: throughput on one core, build time, peak memory, cold start, BERT anchor.

Run from the repository root::

    python benchmarks/bench_recognition.py --size-mb 20 --json bench.json

The corpus is generated once from the gold documents (see corpus.py) and cached in benchmarks/.cache/.
Targets are printed next to the figures with PASS/MISS; they are informative and never change the exit
status (0 unless the benchmark itself crashed). See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import os

# One core: no library may start thread pools behind our back (set before numeric imports).
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any, cast  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from corpus import MB, CorpusInfo, SourceDoc, ensure_corpus, read_corpus  # noqa: E402

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from marsad.model import Document
    from marsad.pipeline import Analysis, Pipeline

MIB = 1024 * 1024
TARGET_MB_PER_S = 1.0
TARGET_BERT_RATIO = 100.0
TARGET_PEAK_MIB = 500.0
TARGET_COLD_START_S = 1.0
PROGRESS_EVERY_S = 0.25
MAX_FAILURES_SHOWN = 20


# -- single-core setup --------------------------------------------------------------------------------


def pin_to_one_cpu() -> int | None:
    """Restrict this process (and its children) to one CPU; returns it, or None where unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def environment(pinned: int | None) -> dict[str, Any]:
    """Facts about the machine and software the figures were measured on."""
    cpu_model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    try:
        commit = (
            subprocess.run(
                ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
            or None
        )
    except OSError:
        commit = None
    import marsad

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_model": cpu_model,
        "cpus_online": os.cpu_count(),
        "pinned_cpu": pinned,
        "load_average_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "marsad_version": marsad.__version__,
        "git_commit": commit,
    }


# -- recognition throughput ---------------------------------------------------------------------------


class _TimedComponent:
    """Wraps a pipeline component and adds up the time spent in it."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name: str = inner.name
        self.requires: tuple[str, ...] = inner.requires
        self.provides: tuple[str, ...] = inner.provides
        self.seconds = 0.0

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        started = time.perf_counter()
        try:
            self.inner(doc, analysis)
        finally:
            self.seconds += time.perf_counter() - started


@dataclass(slots=True)
class Throughput:
    """What the timed pass over the corpus measured."""

    docs: int = 0
    chars: int = 0
    bytes: int = 0
    seconds: float = 0.0  # inside pipeline.pipe only
    record_seconds: float = 0.0  # building and serializing the output record of every document
    wall_seconds: float = 0.0  # the whole loop, bookkeeping and progress included
    warmup_docs: int = 0
    mentions: Counter[str] = field(default_factory=Counter)
    offset_errors: int = 0
    failed_docs: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)  # the first MAX_FAILURES_SHOWN
    components: list[tuple[str, float]] = field(default_factory=list)
    doc_seconds: dict[str, float] = field(default_factory=dict)

    def rate(self, amount: float, seconds: float | None = None) -> float:
        secs = self.seconds if seconds is None else seconds
        return amount / secs if secs > 0 else 0.0


def _document(record: dict[str, Any]) -> Document:
    from marsad.model import Document

    return Document(id=record["id"], text=record["text"], published=record.get("published"))


def measure_throughput(
    pipeline: Pipeline,
    records: Sequence[dict[str, Any]],
    warmup_docs: int,
    make_record: Callable[[Document], object] | None,
    progress: Callable[[int], None] | None = None,
) -> Throughput:
    """Warm up on the first documents, then time ``pipeline.pipe`` over all ``records``.

    Components are wrapped with timers for the time share; every mention's offsets are checked
    against the original text outside the timed region.
    """
    from marsad.pipeline import ComponentFailure

    warm = [_document(r) for r in records[:warmup_docs]]
    for _ in pipeline.pipe(warm, batch_size=64, on_error=lambda doc, failure: None):
        pass
    result = Throughput(warmup_docs=len(warm))
    original = list(getattr(pipeline, "components", []) or [])
    timed = [_TimedComponent(c) for c in original]
    if timed:
        pipeline.components = cast(Any, timed)

    def on_error(doc: Document, failure: ComponentFailure) -> None:
        result.failed_docs += 1
        if len(result.failures) < MAX_FAILURES_SHOWN:
            result.failures.append(
                {"doc": doc.id, "component": failure.component, "error": repr(failure.error)}
            )

    stream = pipeline.pipe((_document(r) for r in records), batch_size=64, on_error=on_error)
    clock = time.perf_counter
    wall_start = last_report = clock()
    pending = 0
    try:
        while True:
            started = clock()
            doc = next(stream, None)
            elapsed = clock() - started
            result.seconds += elapsed
            if doc is None:
                break
            result.doc_seconds[doc.id] = elapsed
            pending += len(doc.text)
            if make_record is not None:
                started = clock()
                make_record(doc)
                result.record_seconds += clock() - started
            for m in doc.mentions:
                result.mentions[str(m.label)] += 1
                if doc.text[m.start : m.end] != m.text:
                    result.offset_errors += 1
            if progress is not None and clock() - last_report > PROGRESS_EVERY_S:
                progress(pending)
                pending = 0
                last_report = clock()
    finally:
        if timed:
            pipeline.components = original
    if progress is not None:
        progress(pending)
    result.wall_seconds = clock() - wall_start
    # Every document went through the pipeline (a failed one is skipped after its time was spent).
    result.docs = len(records)
    result.chars = sum(len(r["text"]) for r in records)
    result.bytes = sum(len(r["text"].encode("utf-8")) for r in records)
    result.components = [(t.name, t.seconds) for t in timed]
    return result


def shape_rates(
    records: Sequence[dict[str, Any]], doc_seconds: dict[str, float]
) -> dict[str, dict[str, float]]:
    """Chars/s over the documents that carry each hard shape, and over those with none ("plain")."""
    chars: Counter[str] = Counter()
    secs: dict[str, float] = {}
    docs: Counter[str] = Counter()
    for r in records:
        elapsed = doc_seconds.get(r["id"])
        if elapsed is None:
            continue
        for shape in r.get("shapes") or ["plain"]:
            chars[shape] += len(r["text"])
            secs[shape] = secs.get(shape, 0.0) + elapsed
            docs[shape] += 1
    return {
        s: {
            "docs": docs[s],
            "chars": chars[s],
            "chars_per_s": round(chars[s] / secs[s], 1) if secs[s] else 0.0,
        }
        for s in sorted(docs)
    }


def latency(doc_seconds: dict[str, float]) -> dict[str, float]:
    """Per-document latency percentiles in milliseconds."""
    values = sorted(doc_seconds.values())
    if not values:
        return {}

    def pct(p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))] * 1000

    return {"p50_ms": pct(0.5), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": values[-1] * 1000}


# -- peak memory (fresh subprocess) -------------------------------------------------------------------


def _maxrss_mib() -> float:
    """``ru_maxrss`` of this process in MiB."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / MIB  # KiB on Linux, bytes on macOS


def _proc_status_mib(key: str) -> float | None:
    """A memory line of /proc/self/status (VmRSS, VmHWM) in MiB, or None where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def memory_worker(corpus_path: Path, kb: Sequence[str], gazetteer: str | None) -> int:
    """Child process: load the default pipeline, stream the corpus through it, print memory as JSON.

    On Linux ``ru_maxrss`` starts from the parent's peak RSS at spawn time (it survives exec), so the
    parent launches this worker while it is still small and reports its own peak next to it;
    ``VmHWM`` (this process image only) is printed as a cross-check.
    """
    start_rss = _proc_status_mib("VmRSS")
    started = time.perf_counter()
    from marsad.model import Document
    from marsad.pipeline import Pipeline

    pipeline = Pipeline.default(kb_paths=kb, gazetteer_path=gazetteer)
    build_s = time.perf_counter() - started
    after_build = _proc_status_mib("VmHWM")
    docs = chars = failures = 0

    def on_error(doc: Document, failure: Exception) -> None:
        nonlocal failures
        failures += 1

    source = (
        Document(id=r["id"], text=r["text"], published=r.get("published")) for r in read_corpus(corpus_path)
    )
    started = time.perf_counter()
    last = started
    for doc in pipeline.pipe(source, batch_size=64, on_error=on_error):
        docs += 1
        chars += len(doc.text)
        if time.perf_counter() - last > 0.5:
            print(f"progress {chars}", file=sys.stderr, flush=True)
            last = time.perf_counter()
    seconds = time.perf_counter() - started
    hwm = _proc_status_mib("VmHWM")
    print(
        json.dumps(
            {
                "peak_rss_mib": round(_maxrss_mib(), 1),
                "vm_hwm_mib": None if hwm is None else round(hwm, 1),
                "start_rss_mib": None if start_rss is None else round(start_rss, 1),
                "after_build_mib": None if after_build is None else round(after_build, 1),
                "build_s": round(build_s, 3),
                "docs": docs,
                "chars": chars,
                "failures": failures,
                "seconds": round(seconds, 3),
            }
        ),
        flush=True,
    )
    return 0


def measure_memory(
    corpus_path: Path, kb: Sequence[str], gazetteer: str | None, progress: Callable[[int], None] | None
) -> dict[str, Any]:
    """Run ``memory_worker`` in a fresh interpreter and collect its report.

    Call it before this process loads the corpus or a pipeline: the child's ``ru_maxrss`` cannot be
    lower than this process's peak at spawn time (reported as ``parent_peak_at_spawn_mib``).
    """
    cmd = [sys.executable, str(Path(__file__).resolve()), "--memory-worker", str(corpus_path)]
    for path in kb:
        cmd += ["--kb", path]
    if gazetteer:
        cmd += ["--gazetteer", gazetteer]
    parent_peak = _maxrss_mib()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    assert proc.stderr is not None and proc.stdout is not None
    other: list[str] = []
    seen = 0
    for line in proc.stderr:
        if line.startswith("progress "):
            chars = int(line.split()[1])
            if progress is not None:
                progress(chars - seen)
            seen = chars
        else:
            other.append(line.rstrip("\n"))
    out = proc.stdout.read()
    code = proc.wait()
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if code != 0 or not lines:
        return {"error": f"memory worker exited with {code}", "stderr_tail": other[-20:]}
    report: dict[str, Any] = json.loads(lines[-1])
    report["parent_peak_at_spawn_mib"] = round(parent_peak, 1)
    if report["seconds"]:
        report["chars_per_s"] = round(report["chars"] / report["seconds"], 1)
    return report


# -- cold start ---------------------------------------------------------------------------------------


def time_command(cmd: list[str], runs: int) -> dict[str, Any]:
    """Wall time of ``cmd`` over ``runs`` runs after one untimed warm-up run (OS caches, .pyc files)."""
    subprocess.run(cmd, capture_output=True, cwd=REPO, check=False, timeout=600)
    times: list[float] = []
    codes: list[int] = []
    stdout = b""
    stderr = b""
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, cwd=REPO, check=False, timeout=600)
        times.append(time.perf_counter() - started)
        codes.append(proc.returncode)
        stdout, stderr = proc.stdout, proc.stderr
    report: dict[str, Any] = {
        "command": " ".join(cmd),
        "runs": runs,
        "median_s": round(statistics.median(times), 4),
        "min_s": round(min(times), 4),
        "max_s": round(max(times), 4),
        "times_s": [round(t, 4) for t in times],
        "exit_codes": codes,
        "ok": all(c == 0 for c in codes),
    }
    if not report["ok"]:
        report["stderr_tail"] = stderr.decode("utf-8", "replace").splitlines()[-15:]
    report["stdout_bytes"] = len(stdout)
    return report


def _valid_json_output(raw: bytes) -> bool:
    text = raw.decode("utf-8", "replace").strip()
    try:
        json.loads(text)
        return True
    except ValueError:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        try:
            return bool(lines) and all(isinstance(json.loads(ln), dict) for ln in lines)
        except ValueError:
            return False


def marsad_executable() -> list[str]:
    """The ``marsad`` console script of this interpreter's environment (or on PATH)."""
    beside = Path(sys.executable).with_name("marsad")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("marsad")
    if found:
        return [found]
    raise FileNotFoundError("the `marsad` command is not installed (pip install -e . in the venv)")


def measure_cold_start(
    records: Sequence[dict[str, Any]], cache_dir: Path, runs: int, extra: Sequence[str] = ()
) -> dict[str, Any]:
    """Cold start of ``marsad extract DOC --format json`` and of ``python -c "import marsad"``.

    DOC is the first plain 800-3,000-character document of ``records`` (pass the ones the pipeline
    processed without failure, so that the figure measures start-up, not an error path).
    """
    small = next((r for r in records if 800 <= len(r["text"]) <= 3000 and not r.get("shapes")), records[0])
    doc_path = cache_dir / "cold-start-doc.txt"
    doc_path.write_text(small["text"], encoding="utf-8")
    cmd = [*marsad_executable(), "extract", str(doc_path), "--format", "json", *extra]
    extract = time_command(cmd, runs)
    proc = subprocess.run(cmd, capture_output=True, cwd=REPO, check=False, timeout=600)
    extract["valid_json"] = proc.returncode == 0 and _valid_json_output(proc.stdout)
    extract["doc_chars"] = len(small["text"])
    floor = time_command([sys.executable, "-c", "import marsad"], runs)
    return {"extract": extract, "import_floor": floor}


def ensure_gazetteer() -> dict[str, Any]:
    """Run ``marsad gazetteer build`` (builds the default index unless it is up to date)."""
    cmd = [*marsad_executable(), "gazetteer", "build"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False, timeout=3600)
    report: dict[str, Any] = {
        "command": " ".join(cmd),
        "exit_code": proc.returncode,
        "seconds": round(time.perf_counter() - started, 3),
    }
    if proc.returncode != 0:
        report["stderr_tail"] = proc.stderr.splitlines()[-15:]
    return report


# -- BERT anchor --------------------------------------------------------------------------------------


def bert_sample(records: Sequence[dict[str, Any]], target_bytes: int) -> list[dict[str, Any]]:
    """Documents spread evenly over the corpus until their text reaches ``target_bytes``."""
    total = sum(len(r["text"].encode("utf-8")) for r in records)
    step = max(1, total // max(target_bytes, 1))
    picked: list[dict[str, Any]] = []
    size = 0
    for offset in range(step):
        for r in records[offset::step]:
            picked.append(r)
            size += len(r["text"].encode("utf-8"))
            if size >= target_bytes:
                return picked
    return picked


def first_bytes(records: Sequence[dict[str, Any]], target_bytes: int) -> list[str]:
    """Texts of the first documents until they reach ``target_bytes``."""
    out: list[str] = []
    size = 0
    for r in records:
        if size >= target_bytes:
            break
        out.append(r["text"])
        size += len(r["text"].encode("utf-8"))
    return out


# -- report -------------------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The informative targets, each with value, target and PASS/MISS (n/a when not measured)."""
    rec = figures.get("recognition") or {}
    mem = figures.get("memory") or {}
    cold = (figures.get("cold_start") or {}).get("extract") or {}
    bert = figures.get("bert") or {}
    rows = [
        (
            "throughput per core",
            rec.get("mb_per_s"),
            f">= {TARGET_MB_PER_S} MB/s",
            lambda v: v >= TARGET_MB_PER_S,
        ),
        (
            "speed vs BERT-base",
            bert.get("ratio"),
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
        t.add_column(style="bold")
        t.add_column()
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
            (
                "pipeline build",
                f"{r['build_s']:.2f} s (KB + gazetteer + matchers; import {r['import_s']:.2f} s)",
            ),
            (
                "throughput",
                f"{r['chars_per_s']:,.0f} chars/s · {r['mb_per_s']:.2f} MB/s · {r['docs_per_s']:,.1f} docs/s",
            ),
            ("with to_record", f"{r['e2e_chars_per_s']:,.0f} chars/s · {r['e2e_mb_per_s']:.2f} MB/s"),
            ("timed", f"{r['docs']:,} docs in {r['seconds']:.2f} s after {r['warmup_docs']} warm-up docs"),
            (
                "latency per doc",
                f"p50 {lat.get('p50_ms', 0):.2f} · p99 {lat.get('p99_ms', 0):.2f} · "
                f"max {lat.get('max_ms', 0):.2f} ms",
            ),
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
                ("marsad ÷ BERT", f"{b['ratio']:,.0f}x (same sample: {b['ratio_same_sample']:,.0f}x)"),
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
        shown = "-" if value is None else f"{value:,.2f}"
        style = {"PASS": "green", "MISS": "red", "ERROR": "red"}.get(row["result"], "dim")
        t.add_row(row["name"], shown, row["target"], f"[{style}]{row['result']}[/{style}]")
    console.print(t)


# -- main ---------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark marsad recognition: one-core throughput, build time, peak memory, cold start, "
        "and speed relative to a BERT-base token classifier.",
    )
    parser.add_argument(
        "--size-mb", type=float, default=20.0, help="corpus size in MB of UTF-8 text (default 20)"
    )
    parser.add_argument("--seed", type=int, default=13, help="corpus seed (default 13)")
    parser.add_argument(
        "--gold", default=str(REPO / "gold" / "dev"), help="gold documents the corpus is built from"
    )
    parser.add_argument("--cache-dir", default=str(HERE / ".cache"), help="where the corpus is cached")
    parser.add_argument("--json", metavar="PATH", help="also write every figure to this JSON file")
    parser.add_argument(
        "--warmup-docs", type=int, default=200, help="documents processed before timing (200)"
    )
    parser.add_argument("--kb", action="append", default=[], help="extra knowledge-base file (repeatable)")
    parser.add_argument("--gazetteer", help="gazetteer index path (default: the pipeline's default)")
    parser.add_argument(
        "--no-gazetteer-build", action="store_true", help="do not run `marsad gazetteer build` first"
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory subprocess")
    parser.add_argument("--no-cold-start", action="store_true", help="skip the cold-start measurements")
    parser.add_argument("--cold-runs", type=int, default=5, help="timed runs per cold-start command (5)")
    parser.add_argument("--no-bert", action="store_true", help="skip the BERT anchor (torch is not imported)")
    parser.add_argument("--bert-sample-kb", type=float, default=100.0, help="BERT sample size in KB (100)")
    parser.add_argument("--bert-train-mb", type=float, default=2.0, help="tokenizer training text in MB (2)")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    parser.add_argument("--memory-worker", metavar="CORPUS", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def load_sources(gold: str) -> list[SourceDoc]:
    """The gold documents the corpus is generated from."""
    from marsad.evaluate.gold import load_gold

    docs = load_gold(gold)
    if not docs:
        raise SystemExit(f"no gold documents found in {gold}: the corpus is generated from them")
    return [SourceDoc(d.text, d.published) for d in docs]


def _progress(console: Console) -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        auto_refresh=False,  # no refresh thread competing for the one core
        transient=True,
    )


def _advance(progress: Progress, task: Any) -> Callable[[int], None]:
    def advance(n: int) -> None:
        progress.advance(task, n)
        progress.refresh()

    return advance


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run every phase and return all figures."""
    from rich.console import Console

    err = Console(stderr=True)
    pinned = None if args.no_pin else pin_to_one_cpu()
    figures: dict[str, Any] = {
        "environment": environment(pinned),
        "settings": {k: v for k, v in vars(args).items() if k != "memory_worker"},
        "units": {
            "MB": "10^6 bytes of UTF-8 text",
            "KB": "10^3 bytes of UTF-8 text",
            "MiB": "2^20 bytes of memory (resident set)",
            "chars": "Unicode code points of the original text",
        },
    }
    cache_dir = Path(args.cache_dir)

    sources = load_sources(args.gold)
    with _progress(err) as progress:
        task = progress.add_task("corpus", total=int(args.size_mb * MB))
        info: CorpusInfo = ensure_corpus(
            sources, args.size_mb, args.seed, cache_dir, _advance(progress, task)
        )
    figures["corpus"] = {**info.to_dict(), "source_docs": len(sources)}

    if not args.no_gazetteer_build and not args.gazetteer:  # a custom index is built on first use
        err.print("marsad gazetteer build ...")
        figures["gazetteer_build"] = ensure_gazetteer()

    if not args.no_memory:  # first, while this process is small (see measure_memory)
        with _progress(err) as progress:
            task = progress.add_task("peak memory (subprocess)", total=info.chars)
            figures["memory"] = measure_memory(info.path, args.kb, args.gazetteer, _advance(progress, task))

    records = list(read_corpus(info.path))

    err.print("building the default pipeline ...")
    started = time.perf_counter()
    from marsad.pipeline import Pipeline

    import_s = time.perf_counter() - started
    started = time.perf_counter()
    pipeline = Pipeline.default(kb_paths=args.kb, gazetteer_path=args.gazetteer)
    build_s = time.perf_counter() - started
    from marsad.io.output import dumps, to_record

    def make_record(doc: Document) -> bytes:
        return dumps(to_record(doc))

    with _progress(err) as progress:
        task = progress.add_task("recognition", total=info.chars)
        tp = measure_throughput(pipeline, records, args.warmup_docs, make_record, _advance(progress, task))
    e2e_seconds = tp.seconds + tp.record_seconds
    component_total = sum(s for _, s in tp.components)
    components = [
        {"name": n, "seconds": round(s, 4), "share": round(s / tp.seconds, 4) if tp.seconds else 0.0}
        for n, s in tp.components
    ]
    if components:
        rest = max(0.0, tp.seconds - component_total)
        components.append(
            {
                "name": "(view, dispatch, stream)",
                "seconds": round(rest, 4),
                "share": round(rest / tp.seconds, 4) if tp.seconds else 0.0,
            }
        )
    figures["recognition"] = {
        "import_s": round(import_s, 4),
        "build_s": round(build_s, 4),
        "components_in_pipeline": [c["name"] for c in components[:-1]],
        "docs": tp.docs,
        "chars": tp.chars,
        "bytes": tp.bytes,
        "seconds": round(tp.seconds, 4),
        "wall_seconds": round(tp.wall_seconds, 4),
        "warmup_docs": tp.warmup_docs,
        "chars_per_s": round(tp.rate(tp.chars), 1),
        "mb_per_s": round(tp.rate(tp.bytes) / MB, 4),
        "docs_per_s": round(tp.rate(tp.docs), 2),
        "record_seconds": round(tp.record_seconds, 4),
        "e2e_chars_per_s": round(tp.rate(tp.chars, e2e_seconds), 1),
        "e2e_mb_per_s": round(tp.rate(tp.bytes, e2e_seconds) / MB, 4),
        "latency": {k: round(v, 3) for k, v in latency(tp.doc_seconds).items()},
        "mentions": dict(tp.mentions),
        "mentions_per_1k_chars": round(sum(tp.mentions.values()) * 1000 / tp.chars, 2) if tp.chars else 0.0,
        "failed_docs": tp.failed_docs,
        "failures": tp.failures,
        "offset_errors": tp.offset_errors,
        "components": components,
        "by_shape": shape_rates(records, tp.doc_seconds),
    }

    if not args.no_cold_start:
        err.print(f"cold start: {args.cold_runs} runs each ...")
        extra = [opt for path in args.kb for opt in ("--kb", path)]
        if args.gazetteer:
            extra += ["--gazetteer", args.gazetteer]
        processed = [r for r in records if r["id"] in tp.doc_seconds] or records
        figures["cold_start"] = measure_cold_start(processed, cache_dir, args.cold_runs, extra)

    if not args.no_bert:
        from bert_anchor import run_anchor

        sample = bert_sample(records, int(args.bert_sample_kb * 1000))
        train = first_bytes(records, int(args.bert_train_mb * MB))
        with _progress(err) as progress:
            task = progress.add_task("BERT anchor", total=sum(len(r["text"]) for r in sample))
            bert = run_anchor([r["text"] for r in sample], train, _advance(progress, task)).to_dict()
        done = [r for r in sample if r["id"] in tp.doc_seconds]  # documents marsad did not fail on
        marsad_sample_s = sum(tp.doc_seconds[r["id"]] for r in done)
        marsad_sample_rate = sum(len(r["text"]) for r in done) / marsad_sample_s if marsad_sample_s else 0.0
        bert["ratio"] = round(tp.rate(tp.chars) / bert["chars_per_s"], 1) if bert["chars_per_s"] else None
        bert["ratio_same_sample"] = (
            round(marsad_sample_rate / bert["chars_per_s"], 1) if bert["chars_per_s"] else None
        )
        figures["bert"] = bert

    if hasattr(os, "getloadavg"):
        figures["environment"]["load_average_end"] = list(os.getloadavg())
    figures["environment"]["torch_imported"] = "torch" in sys.modules
    figures["targets"] = targets(figures)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.memory_worker:
        return memory_worker(Path(args.memory_worker), args.kb, args.gazetteer)
    from rich.console import Console

    figures = run(args)
    print_report(Console(), figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
