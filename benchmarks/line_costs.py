#!/usr/bin/env python
"""Machine instructions per Python line of the compiled (mypyc) modules, counted by callgrind.

A profiler that samples Python frames sees nothing inside compiled code, and callgrind alone reports C
functions of mypyc's generated file. This script joins the two: every C line of the generated file is
charged to the Python line whose error exit (``CPy_AddTraceback("marsad/…py", "function", LINE, …)``)
follows it, which is how mypyc lays out the code of one Python line. Instruction counts do not depend on
the machine's speed or load, so two builds are compared by them (see docs/development.md).

1. Build the compiled package from a checkout, so that the generated C stays in ``build/``::

       pip install -e .          # or: pip install -v /path/to/checkout

2. Count the instructions inside the pipeline's components while the first documents of the benchmark
   corpus are analysed (valgrind from the system's packages: ``apt-get install valgrind``)::

       valgrind --tool=callgrind --callgrind-out-file=cg.out --collect-atstart=no \\
           '--toggle-collect=CPyPy_*_____call__' python benchmarks/line_costs.py run --docs 120

3. Read the costs per line, or per function, of a part of the package::

       python benchmarks/line_costs.py report cg.out --under marsad/events --top 30
       python benchmarks/line_costs.py report cg.out --own --by-function

The inclusive count of a line holds what it calls; ``--own`` leaves out calls to other compiled
functions (they are charged to their own lines) and keeps the calls into the interpreter: a regular
expression, a ``str.split``, a dict lookup.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

_NAMED = re.compile(r"\((\d+)\)(?: (.*))?")
_FUNCTION_START = re.compile(r"^\S.*\bCPy(?:Def|Py)_\w+\(.*\) \{$")
_TRACEBACK = re.compile(r'CPy_(?:AddTraceback|TypeErrorTraceback)\("([^"]+)", "([^"]+)", (\d+)')
_NATIVE_CALL = "CPyDef_"


@dataclass(frozen=True)
class PyLine:
    """A line of a compiled module: its file, the function it is in, its number."""

    file: str
    function: str
    line: int


def c_line_costs(lines: Iterable[str], c_file: str) -> Counter[int]:
    """Instructions per line of ``c_file`` in a callgrind output file: each line's own cost plus the
    inclusive cost of the calls made on it."""
    costs: Counter[int] = Counter()
    names: dict[tuple[str, str], str] = {}

    def file_name(spec: str) -> str:
        """A file named in full, or by the number callgrind gave it when it named it first."""
        found = _NAMED.match(spec)
        if found is None:
            return spec
        key = ("fl", found.group(1))
        if found.group(2):
            names[key] = found.group(2)
        return names.get(key, "")

    current = inlined = ""
    last = 0
    for line_number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line:
            continue
        first = line[0]
        if first.isdigit() or first in "+-*":
            position, _, rest = line.partition(" ")
            try:
                if position == "*":
                    number = last
                elif first in "+-":
                    number = last + int(position)
                else:
                    number = int(position)
                last = number
                if rest and (inlined or current) == c_file:
                    costs[number] += int(rest.split()[0])
            except ValueError:
                raise SystemExit(
                    f"line {line_number} is not in callgrind's output format ({line[:60]!r}): give the file "
                    "callgrind wrote (--callgrind-out-file)"
                ) from None
        elif line.startswith("fl="):
            current, inlined = file_name(line[3:]), ""
        elif line.startswith(("fi=", "fe=")):
            named = file_name(line[3:])
            inlined = "" if named == current else named
        elif line.startswith("fn="):
            inlined = ""
        elif line.startswith(("cfi=", "cfl=")):
            file_name(line[4:])  # a callee's file: only remember its number
    return costs


def python_line_costs(c_source: Sequence[str], costs: Counter[int], own: bool = False) -> Counter[PyLine]:
    """Charge each C line to the Python line of the next error exit in its function. With ``own``, lines
    that call another compiled function are left out (the callee's lines carry that cost)."""
    out: Counter[PyLine] = Counter()
    i, n = 0, len(c_source)
    while i < n:
        if not _FUNCTION_START.match(c_source[i]):
            i += 1
            continue
        end = i + 1
        while end < n and c_source[end] != "}":
            end += 1
        target: PyLine | None = None
        for k in range(end - 1, i, -1):  # backwards: the exit after a line is the one last seen
            exit_found = _TRACEBACK.search(c_source[k])
            if exit_found is not None:
                target = PyLine(exit_found.group(1), exit_found.group(2), int(exit_found.group(3)))
            cost = costs.get(k + 1, 0)  # callgrind numbers lines from 1
            if cost and target is not None and not (own and _NATIVE_CALL in c_source[k]):
                out[target] += cost
        i = end
    return out


def by_function(costs: Counter[PyLine]) -> Counter[PyLine]:
    """The costs summed per function (line 0)."""
    out: Counter[PyLine] = Counter()
    for where, cost in costs.items():
        out[PyLine(where.file, where.function, 0)] += cost
    return out


def find_c_source(callgrind_lines: Iterable[str]) -> str:
    """The generated C file the callgrind output names (``__native_*.c``)."""
    for line in callgrind_lines:
        if line.startswith(("fl=", "fi=", "fe=", "cfi=", "cfl=")) and "/__native_" in line:
            spec = line.partition("=")[2].strip()
            found = _NAMED.match(spec)
            name = found.group(2) if found and found.group(2) else spec
            if name.endswith(".c"):
                return name
    raise SystemExit(
        "the callgrind file names no mypyc-generated C file: was the compiled build profiled, and "
        "callgrind told to collect inside the components (--toggle-collect=CPyPy_*_____call__)?"
    )


def report(args: argparse.Namespace) -> int:
    if not Path(args.callgrind).is_file():
        raise SystemExit(f"{args.callgrind}: no such file (callgrind's output, from --callgrind-out-file)")
    out_lines = Path(args.callgrind).read_text(encoding="utf-8", errors="replace").splitlines()
    named = find_c_source(out_lines)  # callgrind's counts are filed under the path it was built at
    c_file = args.c_source or named
    if not Path(c_file).is_file():
        raise SystemExit(
            f"{c_file}: the generated C file is gone (pip deletes a build made in a temporary directory); "
            "build with `pip install -e .` or from a checkout, or keep a copy, and give the file with "
            "--c-source"
        )
    costs = python_line_costs(
        Path(c_file).read_text(encoding="utf-8", errors="replace").split("\n"),
        c_line_costs(out_lines, named),
        args.own,
    )
    total = sum(
        int(line.split()[1])
        for line in out_lines
        if line.startswith("summary:") and line[8:].strip().isdigit()
    )
    if args.by_function:
        costs = by_function(costs)
    shown = [(where, cost) for where, cost in costs.most_common() if args.under in where.file][: args.top]
    print(f"{total:,} instructions in all; {'own' if args.own else 'inclusive'} costs per Python line")
    for where, cost in shown:
        share = f"{100 * cost / total:5.2f}%" if total else ""
        place = where.file if args.by_function else f"{where.file}:{where.line}"
        print(f"{cost:14,} {share}  {place}  {where.function}")
    return 0


def run(args: argparse.Namespace) -> int:
    """The workload for callgrind: the first documents of the benchmark corpus, through the pipeline."""
    sys.path.insert(0, str(HERE))
    from bench_probes import to_document
    from bench_recognition import load_sources
    from corpus import ensure_corpus, read_corpus

    from marsad.native import native_status
    from marsad.pipeline import Pipeline

    info = ensure_corpus(load_sources(args.gold), args.size_mb, args.seed, Path(args.cache_dir))
    records = list(read_corpus(info.path))[: args.docs]
    pipeline = Pipeline.default()
    for _ in pipeline.pipe([to_document(r) for r in records]):
        pass
    print(f"{len(records)} documents analysed ({native_status().describe()})", file=sys.stderr)
    return 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    runner = commands.add_parser("run", help="analyse the first documents of the benchmark corpus")
    runner.add_argument("--docs", type=int, default=120, help="how many documents (120)")
    runner.add_argument("--size-mb", type=float, default=1.0, help="corpus size in MB (1)")
    runner.add_argument("--seed", type=int, default=13, help="corpus seed (13)")
    runner.add_argument("--gold", default=str(REPO / "gold" / "dev"), help="the corpus's source documents")
    runner.add_argument("--cache-dir", default=str(HERE / ".cache"), help="where the corpus is cached")
    reader = commands.add_parser("report", help="costs per Python line from a callgrind output file")
    reader.add_argument("callgrind", help="callgrind's output file")
    reader.add_argument(
        "--c-source", help="the generated C file, or a copy of it (default: the one the output names)"
    )
    reader.add_argument("--under", default="marsad/", help="only files whose path holds this (marsad/)")
    reader.add_argument("--own", action="store_true", help="leave out calls to other compiled functions")
    reader.add_argument("--by-function", action="store_true", help="sum the lines of each function")
    reader.add_argument("--top", type=int, default=40, help="how many lines to print (40)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    return run(args) if args.command == "run" else report(args)


if __name__ == "__main__":
    raise SystemExit(main())
