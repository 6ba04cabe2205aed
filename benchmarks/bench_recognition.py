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

from bench_probes import (  # noqa: E402
    MachineProbe,
    ensure_gazetteer,
    libpython_shared,
    measure_cold_start,
    measure_memory,
    to_document,
)
from bench_report import print_report, targets  # noqa: E402
from corpus import MB, CorpusInfo, SourceDoc, ensure_corpus, read_corpus  # noqa: E402

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from marsad.model import Document
    from marsad.pipeline import Analysis, Pipeline

PROGRESS_EVERY_S = 0.25
PROBE_EVERY_DOCS = 64  # a MachineProbe between batches of this many documents, outside the timing
MAX_FAILURES_SHOWN = 20


# -- single-core setup --------------------------------------------------------------------------------


def _cpu_busy() -> dict[int, tuple[int, int]]:
    """(busy, total) jiffies per CPU from /proc/stat; empty where there is no /proc."""
    out: dict[int, tuple[int, int]] = {}
    try:
        lines = Path("/proc/stat").read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        name, *fields = line.split()
        if name.startswith("cpu") and name[3:].isdigit():
            values = [int(v) for v in fields]
            idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
            out[int(name[3:])] = (sum(values) - idle, sum(values))
    return out


def pin_to_one_cpu(sample_s: float = 0.3) -> int | None:
    """Restrict this process (and its children) to the least busy allowed CPU over a short sample.

    Returns the CPU, or None where affinity is not supported.
    """
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    before = _cpu_busy()
    time.sleep(sample_s)
    after = _cpu_busy()

    def load(cpu: int) -> float:
        if cpu not in before or cpu not in after:
            return 0.0
        busy = after[cpu][0] - before[cpu][0]
        total = after[cpu][1] - before[cpu][1]
        return busy / total if total else 0.0

    cpu = min(allowed, key=lambda c: (load(c), c))
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
        "python_executable": sys.executable,
        "python_compiler": platform.python_compiler(),
        "libpython_shared": libpython_shared(),
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
    """Wraps a pipeline component and adds up the time spent in it, in all and per document (into
    ``per_doc``, shared by the components: the pipeline analyses a batch before it yields its first
    document, so a document's own time is what the components spent on it)."""

    def __init__(self, inner: Any, per_doc: dict[str, float]) -> None:
        self.inner = inner
        self.name: str = inner.name
        self.requires: tuple[str, ...] = inner.requires
        self.provides: tuple[str, ...] = inner.provides
        self.seconds = 0.0
        self.per_doc = per_doc

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        started = time.perf_counter()
        try:
            self.inner(doc, analysis)
        finally:
            elapsed = time.perf_counter() - started
            self.seconds += elapsed
            self.per_doc[doc.id] = self.per_doc.get(doc.id, 0.0) + elapsed


@dataclass(slots=True)
class Throughput:
    """What the timed pass over the corpus measured."""

    docs: int = 0
    chars: int = 0
    bytes: int = 0
    seconds: float = 0.0  # inside pipeline.pipe only
    record_seconds: float = 0.0  # building and serializing the output record of every document
    wall_seconds: float = 0.0  # the whole loop, bookkeeping and progress included
    cpu_seconds: float = 0.0  # CPU time of this process over the same loop (< wall when preempted)
    warmup_docs: int = 0
    mentions: Counter[str] = field(default_factory=Counter)
    offset_errors: int = 0
    failed_docs: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)  # the first MAX_FAILURES_SHOWN
    components: list[tuple[str, float]] = field(default_factory=list)
    doc_seconds: dict[str, float] = field(default_factory=dict)
    probe_seconds: list[float] = field(default_factory=list)  # MachineProbe between batches

    def rate(self, amount: float, seconds: float | None = None) -> float:
        secs = self.seconds if seconds is None else seconds
        return amount / secs if secs > 0 else 0.0


def measure_throughput(
    pipeline: Pipeline,
    records: Sequence[dict[str, Any]],
    warmup_docs: int,
    make_record: Callable[[Document], object] | None,
    progress: Callable[[int], None] | None = None,
    probe: Callable[[], float] | None = None,
) -> Throughput:
    """Warm up on the first documents, then time ``pipeline.pipe`` over all ``records``.

    Components are wrapped with timers for the time share; every mention's offsets are checked
    against the original text outside the timed region. ``probe`` (a ``MachineProbe``) is run once
    before the first document and after every ``PROBE_EVERY_DOCS``, outside the timed region too.
    """
    from marsad.pipeline import ComponentFailure

    # streamed and dropped, as the timed documents are: a list of analysed documents kept through the
    # timed pass would be walked by each of its full garbage collections
    warm = records[:warmup_docs]
    for _ in pipeline.pipe((to_document(r) for r in warm), batch_size=64, on_error=lambda doc, failure: None):
        pass
    result = Throughput(warmup_docs=len(warm))
    original = list(getattr(pipeline, "components", []) or [])
    per_doc: dict[str, float] = {}
    timed = [_TimedComponent(c, per_doc) for c in original]
    if timed:
        pipeline.components = cast(Any, timed)

    def on_error(doc: Document, failure: ComponentFailure) -> None:
        result.failed_docs += 1
        if len(result.failures) < MAX_FAILURES_SHOWN:
            result.failures.append(
                {"doc": doc.id, "component": failure.component, "error": repr(failure.error)}
            )

    stream = pipeline.pipe((to_document(r) for r in records), batch_size=64, on_error=on_error)
    clock = time.perf_counter
    cpu_start = time.process_time()
    wall_start = last_report = clock()
    pending = 0
    done = 0
    try:
        while True:
            if probe is not None and done % PROBE_EVERY_DOCS == 0:
                result.probe_seconds.append(probe())
            started = clock()
            doc = next(stream, None)
            elapsed = clock() - started
            result.seconds += elapsed
            if doc is None:
                break
            # a pipeline of components: their time on the document; otherwise the wait for it
            result.doc_seconds[doc.id] = per_doc.pop(doc.id, elapsed) if timed else elapsed
            done += 1
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
    result.cpu_seconds = time.process_time() - cpu_start
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


def slowest(
    records: Sequence[dict[str, Any]], doc_seconds: dict[str, float], n: int = 10
) -> list[dict[str, Any]]:
    """The ``n`` documents that took longest, with their size and shapes."""
    by_id = {r["id"]: r for r in records}
    top = sorted(doc_seconds.items(), key=lambda kv: kv[1], reverse=True)[:n]
    return [
        {
            "id": doc_id,
            "ms": round(sec * 1000, 3),
            "chars": len(by_id[doc_id]["text"]),
            "shapes": by_id[doc_id].get("shapes", []),
        }
        for doc_id, sec in top
    ]


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
    parser.add_argument(
        "--passes",
        type=positive_int,
        default=1,
        help="timed passes over the corpus; the figures are the median pass's, every pass's rate is "
        "shown (1; use 3 or more on a machine whose speed drifts)",
    )
    return parser.parse_args(argv)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least one."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def median_pass(passes: Sequence[Throughput]) -> Throughput:
    """The pass whose time is the median (of an even number, the slower of the middle two)."""
    return sorted(passes, key=lambda t: t.seconds)[len(passes) // 2]


def machine_speed(tp: Throughput, passes: Sequence[Throughput]) -> dict[str, float | None]:
    """How fast the core was during ``tp``: the median ``MachineProbe`` time of the pass (ms), and the
    speed it means relative to the fastest pass's (1.0 for that pass, 0.75 when the probe took a third
    longer). A pass's rate that falls with this figure fell with the machine, not with the code."""
    if not tp.probe_seconds:
        return {"probe_ms": None, "machine_speed": None}
    own = statistics.median(tp.probe_seconds)
    fastest = min(statistics.median(t.probe_seconds) for t in passes if t.probe_seconds)
    return {"probe_ms": round(own * 1000, 3), "machine_speed": round(fastest / own, 3)}


def events_seconds(tp: Throughput) -> float:
    """The time of the events component; the rest of ``tp.seconds`` is the recognition layer's."""
    return sum(s for n, s in tp.components if n == "events")


def layer_rates(tp: Throughput) -> dict[str, float | None]:
    """MB/s of the recognition layer (every component but events), of events, and of the whole."""
    events_s = events_seconds(tp)
    recognition_s = tp.seconds - events_s
    return {
        "recognition_mb_per_s": round(tp.bytes / recognition_s / MB, 4) if recognition_s else None,
        "events_mb_per_s": round(tp.bytes / events_s / MB, 4) if events_s else None,
        "full_mb_per_s": round(tp.rate(tp.bytes) / MB, 4),
    }


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
        "settings": vars(args),
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

    probe = MachineProbe()
    passes: list[Throughput] = []
    for n in range(args.passes):
        with _progress(err) as progress:
            label = "recognition" if args.passes == 1 else f"recognition, pass {n + 1} of {args.passes}"
            task = progress.add_task(label, total=info.chars)
            passes.append(
                measure_throughput(
                    pipeline, records, args.warmup_docs, make_record, _advance(progress, task), probe
                )
            )
    tp = median_pass(passes)
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
        "cpu_seconds": round(tp.cpu_seconds, 4),
        "cpu_share": round(tp.cpu_seconds / tp.wall_seconds, 4) if tp.wall_seconds else 0.0,
        "warmup_docs": tp.warmup_docs,
        "chars_per_s": round(tp.rate(tp.chars), 1),
        "mb_per_s": round(tp.rate(tp.bytes) / MB, 4),
        "docs_per_s": round(tp.rate(tp.docs), 2),
        "record_seconds": round(tp.record_seconds, 4),
        "e2e_chars_per_s": round(tp.rate(tp.chars, e2e_seconds), 1),
        "e2e_mb_per_s": round(tp.rate(tp.bytes, e2e_seconds) / MB, 4),
        "latency": {k: round(v, 3) for k, v in latency(tp.doc_seconds).items()},
        "slowest": slowest(records, tp.doc_seconds),
        "mentions": dict(tp.mentions),
        "mentions_per_1k_chars": round(sum(tp.mentions.values()) * 1000 / tp.chars, 2) if tp.chars else 0.0,
        "failed_docs": tp.failed_docs,
        "failures": tp.failures,
        "offset_errors": tp.offset_errors,
        "components": components,
        "by_shape": shape_rates(records, tp.doc_seconds),
    }
    # The two layers: recognition (every component but events) and the full pipeline with events.
    figures["recognition"]["layers"] = layer_rates(tp)
    figures["recognition"]["passes"] = [
        {"seconds": round(t.seconds, 4), **layer_rates(t), **machine_speed(t, passes)} for t in passes
    ]  # in the order run; the figures above are the median pass's

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
        recognition_s = tp.seconds - events_seconds(tp)
        bert["ratio_recognition"] = (
            round(tp.chars / recognition_s / bert["chars_per_s"], 1)
            if bert["chars_per_s"] and recognition_s
            else None
        )
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
    from rich.console import Console

    from marsad.native import native_status, rebuild_hint

    status = native_status()
    if status.stale:
        print(f"bench_recognition: {rebuild_hint(status)}", file=sys.stderr)
        return 2
    figures = run(args)
    figures["code"] = status.describe()
    print_report(Console(), figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
