#!/usr/bin/env python
"""Workbench benchmark: p50/p95 latency of the event list, the document view and search under concurrent
clients, over loopback, with a store of at least 100,000 events.

    python benchmarks/bench_server.py --size-mb 20 --clients 50 --seconds 60

The store is built once from the generated benchmark corpus (corpus.py; about 20 events per document, so
20 MB ≈ 5,000 documents ≈ 100,000 events) with ``marsad run``'s runner, and cached in benchmarks/.cache/.
The server is ``marsad serve`` (uvicorn) in its own process; the clients are threads of this process, each
with its own keep-alive connection, signed in with an API token. Each client picks, in turn, an event
list page (no filter, a type, an actor, a date range, a deep offset), a document view or a search.
Figures are printed, never asserted: the machine's load changes them.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from bench_recognition import load_sources  # noqa: E402
from corpus import ensure_corpus  # noqa: E402

TARGET_P95_MS = 100.0
SEARCH_WORDS = ["قصف", "اشتباكات", "حماة", "إدلب", "مقتل", "هجوم", "غارة", "الجيش", "اعتقال", "مظاهرة"]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--size-mb", type=float, default=20.0, help="corpus size (20 MB gives about 100,000 events)"
    )
    p.add_argument("--seed", type=int, default=13)
    p.add_argument(
        "--gold", default=str(REPO / "gold" / "dev"), help="gold documents the corpus is made from"
    )
    p.add_argument("--clients", type=int, default=50, help="concurrent clients")
    p.add_argument("--seconds", type=float, default=60.0, help="how long the clients run")
    p.add_argument(
        "--think-ms",
        type=float,
        default=0.0,
        help="pause of each client between requests (0: back to back, the server's capacity; 1000: an "
        "analyst clicking once a second)",
    )
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes of the server")
    p.add_argument("--db", default=None, help="use this store instead of building one")
    return p.parse_args()


def build_store(args: argparse.Namespace) -> Path:
    """The cached benchmark store (built on first use with the local runner)."""
    from marsad import __version__
    from marsad.ingest import IngestOptions, ingest_documents
    from marsad.pipeline import Pipeline
    from marsad.resources import Resources
    from marsad.runner.local import RunOptions, run_corpus
    from marsad.store import Producer, Store

    cache = HERE / ".cache"
    info = ensure_corpus(load_sources(args.gold), args.size_mb, args.seed, cache)
    db = cache / f"server-{info.path.stem}.db"
    if db.exists():
        return db
    print(f"building the benchmark store {db.name} from {info.path.name} (once)…", flush=True)
    tmp = db.with_suffix(".building.db")
    for leftover in tmp.parent.glob(tmp.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    with Store.open(tmp) as store:
        producer = Producer(marsad=__version__, knowledge=Resources.load().version)
        docs = ingest_documents([str(info.path)], IngestOptions(date_column="published"))
        summary = run_corpus(store, Pipeline.default(), producer, docs, RunOptions(batch_size=200))
        counts = store.counts()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.rename(db)
    print(
        f"stored {summary.extracted} documents, {counts['events']} events "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MARSAD_DB": str(db)}
    cmd = [sys.executable, "-m", "marsad.cli", "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"the server did not start: {proc.stderr.read().decode() if proc.stderr else ''}")


def sample_requests(db: Path, seed: int) -> dict[str, list[str]]:
    """Request paths of each kind, drawn from the store's own values."""
    import sqlalchemy as sa

    from marsad.store import Store

    rng = random.Random(seed)
    with Store.open(db) as store, store.reading() as conn:
        doc_ids = list(
            conn.execute(sa.text("SELECT id FROM documents ORDER BY random() LIMIT 2000")).scalars()
        )
        actors = list(
            conn.execute(
                sa.text(
                    "SELECT actor1 FROM events WHERE actor1 IS NOT NULL "
                    "GROUP BY actor1 ORDER BY count(*) DESC LIMIT 30"
                )
            ).scalars()
        )
        days = list(
            conn.execute(
                sa.text("SELECT DISTINCT sort_date FROM events WHERE sort_date IS NOT NULL LIMIT 400")
            ).scalars()
        )
        total = int(conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one())
    types = [
        "ASSAULT",
        "PROTEST",
        "COERCE",
        "Armed clash",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
    ]
    lists = ["/api/v1/events?limit=50"]
    lists += [f"/api/v1/events?limit=50&type={t}" for t in types]
    lists += [f"/api/v1/events?limit=50&actor={a}" for a in actors]
    lists += [f"/api/v1/events?limit=50&from={d}&to={d}" for d in rng.sample(days, min(30, len(days)))]
    lists += [f"/api/v1/events?limit=50&offset={rng.randrange(0, max(1, total - 50))}" for _ in range(20)]
    return {
        "event list": lists,
        "document view": [f"/api/v1/documents/{d}" for d in doc_ids],
        "search": [f"/api/v1/documents?q={w}" for w in SEARCH_WORDS]
        + [f"/api/v1/documents?q={w}&type=ASSAULT" for w in SEARCH_WORDS],
        "_total": [str(total)],
    }


def run_clients(
    port: int, token: str, paths: dict[str, list[str]], clients: int, seconds: float, think_s: float = 0.0
) -> dict[str, list[float]]:
    import httpx

    kinds = [k for k in paths if not k.startswith("_")]
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        rng = random.Random(i)
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=30) as http:
            n = i
            while time.monotonic() < stop:
                kind = kinds[n % len(kinds)]
                n += 1
                path = rng.choice(paths[kind])
                t0 = time.perf_counter()
                response = http.get(path)
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    if response.status_code == 200:
                        latencies[kind].append(ms)
                    else:
                        errors.append(f"{response.status_code} {path}")
                if think_s:
                    time.sleep(rng.uniform(0.5, 1.5) * think_s)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        print(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    return latencies


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    args = parse_args()
    db = Path(args.db) if args.db else build_store(args)
    from marsad.server.accounts import Accounts
    from marsad.store import Store

    with Store.open(db) as store:
        accounts = Accounts(store)
        if "bench" not in {u["name"] for u in accounts.users()}:
            accounts.create_user("bench", "benchmark password", "viewer")
        token = accounts.create_token("bench", "bench_server")
    paths = sample_requests(db, args.seed)
    port = free_port()
    server = start_server(db, port, args.workers)
    try:
        run_clients(port, token, paths, min(args.clients, 10), 3)  # warm-up: caches, connections
        started = time.perf_counter()
        latencies = run_clients(port, token, paths, args.clients, args.seconds, args.think_ms / 1000)
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(10)
    print(
        f"\nstore: {db.name}, {paths['_total'][0]} events; {args.clients} clients for {wall:.0f} s; "
        f"think time {args.think_ms:.0f} ms; server workers: {args.workers}; CPUs: {os.cpu_count()}"
    )
    print(
        f"{'request':<15}{'count':>8}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"  target p95 ≤ {TARGET_P95_MS:.0f} ms"
    )
    for kind, values in latencies.items():
        p95 = pct(values, 0.95)
        verdict = "" if kind == "search" else ("PASS" if p95 <= TARGET_P95_MS else "MISS")
        print(
            f"{kind:<15}{len(values):>8}{len(values) / wall:>8.1f}{pct(values, 0.5):>9.1f}"
            f"{p95:>9.1f}{max(values):>9.1f}  {verdict}"
        )


if __name__ == "__main__":
    main()
