"""Measurements beside the timed passes: peak memory of the pipeline and cold start of the CLI (each in
a fresh process), and the machine's own speed from moment to moment.

``python benchmarks/bench_probes.py CORPUS [--kb FILE] [--gazetteer PATH]`` is the memory worker that
``measure_memory`` starts: it imports only marsad, this module and corpus.py (standard library and
orjson), so its peak RSS is the pipeline's and not the benchmark's.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus import read_corpus

if TYPE_CHECKING:
    from marsad.model import Document

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MIB = 1024 * 1024


def to_document(record: dict[str, Any]) -> Document:
    """A marsad Document for one corpus record."""
    from marsad.model import Document

    return Document(id=record["id"], text=record["text"], published=record.get("published"))


# -- the machine's speed -------------------------------------------------------------------------------


class MachineProbe:
    """A fixed piece of interpreter work, timed: how fast the core is now. On a shared virtual machine
    the same code runs a third slower at some moments than at others; run between batches of a timed
    pass, the probe tells how fast the core was while the pass ran.

    The work is the staple of the pipeline with nothing of marsad in it: string keys looked up in a
    dictionary of a few hundred thousand (memory the cache does not hold, which neighbours on the host
    compete for), and short strings cut, split, folded and counted (the core alone)."""

    def __init__(self, keys: int = 200_000, lookups: int = 20_000, rounds: int = 10_000) -> None:
        rng = random.Random(13)
        self._table = {f"{rng.random():.12f}": i for i in range(keys)}
        names = list(self._table)
        self._asked = [names[rng.randrange(keys)] for _ in range(lookups)]
        self._rounds = rounds

    def __call__(self) -> float:
        started = time.perf_counter()
        table = self._table
        total = 0
        for key in self._asked:
            total += table[key]
        counts: dict[str, int] = {}
        for i in range(self._rounds):
            key = str(i * 7919 % 10007)
            counts[key] = counts.get(key, 0) + len(key.replace("1", "22").split("2"))
        return time.perf_counter() - started


def libpython_shared() -> bool | None:
    """Whether this interpreter runs its core from a shared ``libpython`` (calls into it go through the
    procedure linkage table, a measurable cost; distribution builds link it into the executable).
    None where the process's memory map cannot be read."""
    maps = Path("/proc/self/maps")
    try:
        return "/libpython" in maps.read_text(errors="replace")
    except OSError:
        return None


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
    from marsad.pipeline import Pipeline

    pipeline = Pipeline.default(kb_paths=kb, gazetteer_path=gazetteer)
    build_s = time.perf_counter() - started
    after_build = _proc_status_mib("VmHWM")
    docs = chars = failures = 0

    def on_error(doc: Document, failure: Exception) -> None:
        nonlocal failures
        failures += 1

    source = (to_document(r) for r in read_corpus(corpus_path))
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
    cmd = [sys.executable, str(Path(__file__).resolve()), str(corpus_path)]
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the memory worker."""
    parser = argparse.ArgumentParser(description="Memory worker of bench_recognition.py (run by it).")
    parser.add_argument("corpus", help="corpus JSONL file")
    parser.add_argument("--kb", action="append", default=[], help="extra knowledge-base file (repeatable)")
    parser.add_argument("--gazetteer", help="gazetteer index path")
    args = parser.parse_args(argv)
    return memory_worker(Path(args.corpus), args.kb, args.gazetteer)


if __name__ == "__main__":
    sys.exit(main())
