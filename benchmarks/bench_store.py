#!/usr/bin/env python
"""Store benchmark: ``marsad run`` (ingest + extract + store) on a generated corpus, database size,
peak memory, the run/extract throughput ratio, and search latency on the resulting database.

Run from the repository root::

    python benchmarks/bench_store.py --docs 100000 --json store-bench.json

Phases:
1. ratio: ``marsad extract`` and ``marsad run`` on the same subset (``--ratio-docs``), as subprocesses
   with all CPUs (the target, ≥ 0.80: extract is one process; run extracts in one and commits in a
   writer process) and both pinned to one CPU (the whole CPU cost of storing).
2. run: ``marsad run`` over the whole corpus into a fresh database (``--db``, SQLite by default; a
   PostgreSQL URL works too) with peak RSS polled; documents/s, MB/s, database size.
3. rerun: the subset again into the full database: nothing new is stored, and how long the check takes.
4. search: ``--queries`` searches of several kinds (one word, two words, filters only, words + filters,
   within N km) on the full database; p50/p95/p99/max in ms (target p95 ≤ 50 ms).

Figures are printed and never asserted; the exit status is 0 unless the benchmark itself failed.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_probes import ensure_gazetteer, marsad_executable  # noqa: E402
from bench_recognition import load_sources  # noqa: E402
from corpus import MB, CorpusGenerator  # noqa: E402

QUERY_KINDS = ("word", "two_words", "filters", "words_filters", "near")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the corpus (100,000)")
    parser.add_argument(
        "--ratio-docs", type=int, default=2_000, help="subset for the run/extract ratio (2,000)"
    )
    parser.add_argument("--queries", type=int, default=1_000, help="searches timed (1,000)")
    parser.add_argument("--seed", type=int, default=13, help="corpus seed (13)")
    parser.add_argument("--gold", default=str(REPO / "gold" / "dev"), help="gold documents the corpus uses")
    parser.add_argument("--cache-dir", default=str(HERE / ".cache"), help="corpus and database directory")
    parser.add_argument("--db", default=None, help="database URL for the full run (default: a SQLite file)")
    parser.add_argument("--batch-size", type=int, default=200, help="documents per transaction (200)")
    parser.add_argument("--skip-run", action="store_true", help="reuse the database of an earlier full run")
    parser.add_argument("--no-ratio", action="store_true", help="skip the run/extract ratio phase")
    parser.add_argument("--json", metavar="PATH", help="also write every figure to this JSON file")
    return parser.parse_args(argv)


# -- corpus -------------------------------------------------------------------------------------------


def ensure_corpus_docs(args: argparse.Namespace, n: int) -> Path:
    """A JSON Lines corpus of exactly ``n`` generated documents (cached)."""
    cache = Path(args.cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    gold = hashlib.sha256()
    for file in sorted(Path(args.gold).glob("*.txt")):  # the corpus is made from the gold documents
        gold.update(file.read_bytes())
    path = cache / f"store-corpus-{n}-seed{args.seed}-{gold.hexdigest()[:10]}.jsonl"
    if path.exists():
        return path
    generator = CorpusGenerator(load_sources(args.gold), seed=args.seed)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("wb") as out:
        for i in range(n):
            record = generator.document(i)
            out.write(orjson.dumps({k: record[k] for k in ("id", "text", "published")}) + b"\n")
    os.replace(tmp, path)
    return path


def corpus_head(corpus: Path, n: int) -> Path:
    """The first ``n`` documents of ``corpus`` (the subset the ratio and re-run phases use, so the re-run
    meets documents the full run stored)."""
    path = corpus.with_name(f"{corpus.stem}-head{n}.jsonl")
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with corpus.open("rb") as src, tmp.open("wb") as out:
        for i, line in enumerate(src):
            if i >= n:
                break
            out.write(line)
    os.replace(tmp, path)
    return path


def corpus_size(path: Path) -> tuple[int, int]:
    """(documents, UTF-8 bytes of text)."""
    docs = nbytes = 0
    with path.open("rb") as fh:
        for line in fh:
            docs += 1
            nbytes += len(orjson.loads(line)["text"].encode("utf-8"))
    return docs, nbytes


# -- subprocess timing --------------------------------------------------------------------------------


def _one_cpu() -> list[str]:
    """``taskset -c N`` for the last CPU this process may use, when taskset exists."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if cpus and shutil.which("taskset"):
        return ["taskset", "-c", str(cpus[-1])]
    return []


def timed(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Wall time and peak RSS (polled every 50 ms with psutil) of one command."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    ps = psutil.Process(proc.pid)
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not stop.is_set():
            try:
                rss = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
                peak = max(peak, rss)
            except psutil.Error:
                pass
            stop.wait(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    _, err = proc.communicate()
    stop.set()
    poller.join()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        tail = err.decode("utf-8", "replace").splitlines()[-10:]
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {tail}")
    return {
        "seconds": round(seconds, 3),
        "peak_rss_mib": round(peak / 2**20, 1),
        "exit_code": proc.returncode,
    }


def ratio_phase(args: argparse.Namespace, subset: Path, nbytes: int) -> dict[str, Any]:
    """Throughput of ``marsad run`` relative to ``marsad extract`` on the same documents (best of 2), with
    every CPU of the machine (what a user sees: extract is one process, run extracts in one and stores in
    a writer process) and with both pinned to one CPU (the total CPU cost of storing)."""
    out: dict[str, Any] = {"docs": args.ratio_docs, "mb": round(nbytes / MB, 3)}
    for label, pin in (("machine", []), ("one_cpu", _one_cpu())):
        marsad = [*pin, *marsad_executable()]
        extract_cmd = [
            *marsad, "extract", str(subset), "--input-format", "jsonl", "--format", "jsonl",
            "-o", os.devnull, "--no-progress",
        ]  # fmt: skip
        best_extract = min(timed(extract_cmd)["seconds"] for _ in range(2))
        run_times = []
        for i in range(2):
            db = Path(args.cache_dir) / f"ratio-{i}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            run_cmd = [
                *marsad, "run", str(subset), "--db", str(db), "--no-progress",
                "--batch-size", str(args.batch_size),
            ]  # fmt: skip
            run_times.append(timed(run_cmd)["seconds"])
        best_run = min(run_times)
        out[label] = {
            "cpus": 1 if pin else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "extract_s": best_extract,
            "run_s": best_run,
            "extract_mb_s": round(nbytes / MB / best_extract, 3),
            "run_mb_s": round(nbytes / MB / best_run, 3),
            "ratio": round(best_extract / best_run, 3),
        }
    return out


def db_bytes(url: str) -> int | None:
    """Size of a SQLite database with its WAL; None for server databases."""
    if "://" in url and not url.startswith("sqlite"):
        return None
    path = Path(url.split("///", 1)[1] if url.startswith("sqlite") else url)
    return sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists())


def run_phase(args: argparse.Namespace, corpus: Path, url: str, docs: int, nbytes: int) -> dict[str, Any]:
    """The full ``marsad run`` into a fresh database."""
    if url.startswith("sqlite") or "://" not in url:
        path = Path(url.split("///", 1)[1] if url.startswith("sqlite") else url)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    cmd = [
        *marsad_executable(), "run", str(corpus), "--db", url, "--no-progress",
        "--batch-size", str(args.batch_size),
    ]  # fmt: skip
    result = timed(cmd)
    result.update(
        {
            "docs": docs,
            "mb": round(nbytes / MB, 3),
            "docs_s": round(docs / result["seconds"], 1),
            "mb_s": round(nbytes / MB / result["seconds"], 3),
            "db_mib": None if (size := db_bytes(url)) is None else round(size / 2**20, 1),
        }
    )
    return result


def rerun_phase(subset: Path, url: str) -> dict[str, Any]:
    """Re-running a finished input stores nothing new."""
    from marsad.store import Store

    with Store.open(url) as store:
        before = store.counts()["documents"]
    result = timed([*marsad_executable(), "run", str(subset), "--db", url, "--no-progress", "--no-pending"])
    with Store.open(url) as store:
        after = store.counts()["documents"]
    result.update({"documents_before": before, "documents_after": after})
    return result


# -- search -------------------------------------------------------------------------------------------


def build_queries(store: Any, corpus: Path, n: int, seed: int) -> list[tuple[str, str | None, Any]]:
    """(kind, query, filters) triples: words drawn from the corpus by frequency, filters from what the
    store holds (actors, places, types, dates, coordinates)."""
    from marsad.store import Filters

    rng = random.Random(seed)
    words: Counter[str] = Counter()
    with corpus.open("rb") as fh:
        for i, line in enumerate(fh):
            if i >= 3000:
                break
            words.update(w for w in orjson.loads(line)["text"].split() if len(w) >= 4 and w.isalpha())
    vocab = [w for w, _ in words.most_common(2000)]
    rows = list(itertools.islice(store.iter_events(Filters()), 5000)) if n else []
    actors = sorted({r.event.actor1 for r in rows if r.event.actor1})
    places = sorted({r.event.place for r in rows if r.event.place})
    types = sorted({r.event.type for r in rows})
    dates = sorted({r.event.date for r in rows if r.event.date})
    points = []
    for r in rows:
        entity = r.document.entities.get(r.event.place or "")
        if entity and entity.attrs.get("lat") is not None:
            points.append((float(entity.attrs["lat"]), float(entity.attrs["lon"])))
    queries: list[tuple[str, str | None, Any]] = []
    for i in range(n):
        kind = QUERY_KINDS[i % len(QUERY_KINDS)]
        filters = Filters()
        query: str | None = None
        if kind in ("word", "words_filters"):
            query = rng.choice(vocab)
        elif kind == "two_words":
            query = f"{rng.choice(vocab)} {rng.choice(vocab[:300])}"
        if kind in ("filters", "words_filters"):
            choice = rng.randrange(4)
            if choice == 0 and actors:
                filters = Filters(actors=(rng.choice(actors),))
            elif choice == 1 and places:
                filters = Filters(places=(rng.choice(places),))
            elif choice == 2 and types:
                filters = Filters(event_types=(rng.choice(types),))
            elif dates:
                start = rng.choice(dates)
                filters = Filters(date_from=start, date_to=start[:8] + "28")
        if kind == "near":
            lat, lon = rng.choice(points) if points else (35.13, 36.75)
            filters = Filters(near=(lat, lon, rng.choice((5.0, 15.0, 50.0))))
        queries.append((kind, query, filters))
    return queries


def search_phase(url: str, corpus: Path, n: int, seed: int) -> dict[str, Any]:
    """Latency of ``Store.search`` (first page of 20 with snippets, plus the total count)."""
    from marsad.store import Store

    with Store.open(url) as store:
        queries = build_queries(store, corpus, n, seed)
        for _, query, filters in queries[:20]:  # warm caches
            store.search(query, filters)
        by_kind: dict[str, list[float]] = {k: [] for k in QUERY_KINDS}
        hits: list[int] = []
        for kind, query, filters in queries:
            started = time.perf_counter()
            result = store.search(query, filters)
            by_kind[kind].append((time.perf_counter() - started) * 1000)
            hits.append(result.total)
    every = [t for times in by_kind.values() for t in times]
    return {
        "queries": len(every),
        "all": _percentiles(every),
        "by_kind": {k: _percentiles(v) for k, v in by_kind.items() if v},
        "median_total_hits": statistics.median(hits) if hits else 0,
    }


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)

    return {"p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "max": round(ordered[-1], 2)}


# -- report -------------------------------------------------------------------------------------------


def print_report(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="marsad store benchmark", show_lines=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target")
    corpus = figures["corpus"]
    table.add_row("corpus", f"{corpus['docs']:,} docs, {corpus['mb']:.1f} MB", "")
    if ratio := figures.get("ratio"):
        for label, name in (("machine", "all CPUs"), ("one_cpu", "one CPU")):
            r = ratio[label]
            table.add_row(f"extract (subset, {name})", f"{r['extract_mb_s']:.3f} MB/s", "")
            table.add_row(f"run (subset, {name})", f"{r['run_mb_s']:.3f} MB/s", "")
            verdict = _verdict(r["ratio"] >= 0.8, "≥ 0.80") if label == "machine" else "(CPU cost)"
            table.add_row(f"run / extract ({name})", f"{r['ratio']:.2f}", verdict)
    if run := figures.get("run"):
        table.add_row("run: documents/s", f"{run['docs_s']:,}", "")
        table.add_row("run: MB/s", f"{run['mb_s']:.3f}", "")
        table.add_row("run: wall time", f"{run['seconds']:.0f} s", "")
        table.add_row("run: peak RSS", f"{run['peak_rss_mib']:.0f} MiB", "")
        if run.get("db_mib") is not None:
            table.add_row("database size", f"{run['db_mib']:.0f} MiB", "")
    if rerun := figures.get("rerun"):
        same = rerun["documents_before"] == rerun["documents_after"]
        table.add_row(
            "re-run of done input", f"{rerun['seconds']:.1f} s", _verdict(same, "nothing new stored")
        )
    if search := figures.get("search"):
        p = search["all"]
        table.add_row(
            "search p50 / p95", f"{p['p50']} / {p['p95']} ms", _verdict(p["p95"] <= 50, "p95 ≤ 50 ms")
        )
        for kind, q in search["by_kind"].items():
            table.add_row(f"  {kind}", f"{q['p50']} / {q['p95']} / max {q['max']} ms", "")
    console.print(table)


def _verdict(ok: bool, target: str) -> str:
    return f"{'PASS' if ok else 'MISS'} ({target})"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    ensure_gazetteer()
    corpus = ensure_corpus_docs(args, args.docs)
    subset = corpus_head(corpus, min(args.ratio_docs, args.docs))
    docs, nbytes = corpus_size(corpus)
    sub_docs, sub_bytes = corpus_size(subset)
    url = args.db or str(Path(args.cache_dir) / f"store-{args.docs}.db")
    figures: dict[str, Any] = {
        "corpus": {"docs": docs, "mb": round(nbytes / MB, 3), "path": str(corpus)},
        "database": url.split("@")[-1],
        "settings": {k: v for k, v in vars(args).items() if k != "db"},
    }
    if not args.no_ratio:
        print(f"ratio phase: {sub_docs} documents …", file=sys.stderr)
        figures["ratio"] = ratio_phase(args, subset, sub_bytes)
    if not args.skip_run:
        print(f"run phase: {docs} documents …", file=sys.stderr)
        figures["run"] = run_phase(args, corpus, url, docs, nbytes)
    print("re-run and search phases …", file=sys.stderr)
    figures["rerun"] = rerun_phase(subset, url)
    figures["search"] = search_phase(url, corpus, args.queries, args.seed)
    print_report(figures)
    if args.json:
        Path(args.json).write_bytes(orjson.dumps(figures, option=orjson.OPT_INDENT_2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
