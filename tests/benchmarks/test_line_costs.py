"""benchmarks/line_costs.py: callgrind's counts per C line, charged to the Python lines mypyc compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_loader import load_benchmark

line_costs = load_benchmark("line_costs")
PyLine = line_costs.PyLine

# Two compiled functions as mypyc writes them: each Python line's operations, then its error exit.
C_SOURCE = """\
#include "CPy.h"
char CPyDef_words___first(PyObject *cpy_r_text) {
    PyObject *cpy_r_r0;
    cpy_r_r0 = PyObject_VectorcallMethod(cpy_r_r1, cpy_r_r2, 9223372036854775810ULL, 0);
    if (unlikely(cpy_r_r0 == NULL)) {
        CPy_AddTraceback("marsad/text/words.py", "first", 10, CPyStatic_words___globals);
        goto CPyL2;
    }
    cpy_r_r3 = CPyDef_words___helper(cpy_r_r0);
    if (unlikely(cpy_r_r3 == 2)) {
        CPy_AddTraceback("marsad/text/words.py", "first", 11, CPyStatic_words___globals);
        goto CPyL2;
    }
    return cpy_r_r3;
CPyL2: ;
    return 2;
}
char CPyDef_words___helper(PyObject *cpy_r_x) {
    cpy_r_r0 = PySet_Contains(cpy_r_r1, cpy_r_x);
    if (unlikely(cpy_r_r0 < 0)) {
        CPy_AddTraceback("marsad/text/words.py", "helper", 20, CPyStatic_words___globals);
        return 2;
    }
    return cpy_r_r0;
}
"""
C_FILE = "/build/__native_abc.c"

# Callgrind's format: named files and functions get a number on first use, positions after the first
# may be relative (+n, -n), and a "calls=" line is followed by the call's inclusive cost at its line.
CALLGRIND = """\
# callgrind format
version: 1
events: Ir
fl=(1) /build/__native_abc.c
fn=(1) CPyDef_words___first
4 100
+1 5
cfi=(1)
cfn=(2) CPyDef_words___helper
calls=3 19
+4 60
+1 7
fn=(2)
19 50
+1 10
fl=(2) /usr/lib/libpython3.11.so
fn=(3) PySet_Contains
1 40
fl=(1)
fn=(2)
21 3
summary: 275
totals: 275
"""


def test_c_lines_carry_their_own_cost_and_their_calls() -> None:
    costs = line_costs.c_line_costs(CALLGRIND.splitlines(), C_FILE)
    assert costs == {4: 100, 5: 5, 9: 60, 10: 7, 19: 50, 20: 10, 21: 3}


def test_each_c_line_is_charged_to_the_python_line_of_the_exit_after_it() -> None:
    costs = line_costs.c_line_costs(CALLGRIND.splitlines(), C_FILE)
    source = C_SOURCE.split("\n")
    per_line = line_costs.python_line_costs(source, costs)
    assert per_line == {
        PyLine("marsad/text/words.py", "first", 10): 105,
        PyLine("marsad/text/words.py", "first", 11): 67,
        PyLine("marsad/text/words.py", "helper", 20): 63,
    }
    # own costs leave out the call to the other compiled function, counted on its own lines
    own = line_costs.python_line_costs(source, costs, own=True)
    assert own[PyLine("marsad/text/words.py", "first", 11)] == 7
    assert line_costs.by_function(per_line)[PyLine("marsad/text/words.py", "first", 0)] == 172


def test_the_report_names_the_generated_file_and_the_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c_file = tmp_path / "__native_abc.c"
    c_file.write_text(C_SOURCE)
    out = tmp_path / "cg.out"
    out.write_text(CALLGRIND.replace(C_FILE, str(c_file)))
    assert line_costs.find_c_source(out.read_text().splitlines()) == str(c_file)
    assert line_costs.main(["report", str(out), "--top", "2"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("275 instructions in all")
    assert printed[1].split() == ["105", "38.18%", "marsad/text/words.py:10", "first"]
    assert len(printed) == 3


def test_a_copy_of_the_generated_file_is_read_for_the_one_callgrind_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--c-source``: the build's own file is gone (pip deleted it), a copy elsewhere gives its lines."""
    copy = tmp_path / "kept.c"
    copy.write_text(C_SOURCE)
    out = tmp_path / "cg.out"
    out.write_text(CALLGRIND)  # names /build/__native_abc.c, which does not exist here
    assert line_costs.main(["report", str(out), "--c-source", str(copy), "--top", "1"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[1].split() == ["105", "38.18%", "marsad/text/words.py:10", "first"]


def test_a_profile_without_compiled_code_says_what_to_do(tmp_path: Path) -> None:
    out = tmp_path / "cg.out"
    out.write_text("fl=(1) /usr/lib/libpython3.11.so\nfn=(1) main\n1 10\n")
    with pytest.raises(SystemExit, match="no mypyc-generated C file"):
        line_costs.main(["report", str(out)])


def test_a_missing_or_foreign_file_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no such file"):
        line_costs.main(["report", str(tmp_path / "missing.out")])
    c_file = tmp_path / "__native_abc.c"
    c_file.write_text(C_SOURCE)
    garbled = tmp_path / "cg.out"
    garbled.write_text(f"fl=(1) {c_file}\nfn=(1) CPyDef_words___first\n4 many\n")
    with pytest.raises(SystemExit, match="line 3 is not in callgrind's output format"):
        line_costs.main(["report", str(garbled)])
