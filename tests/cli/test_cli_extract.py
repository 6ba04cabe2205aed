"""`marsad extract` end to end: formats, schema, input order, bad input reported without losing the rest."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from marsad.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "record.schema.json").read_text(encoding="utf-8"))


def invoke(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_example_statement_json_matches_schema() -> None:
    code, out, _ = invoke("extract", str(ROOT / "examples" / "statement.ar.txt"), "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert len(records) == 1
    for record in records:
        jsonschema.validate(record, SCHEMA)
        for m in record["mentions"]:
            assert record["text"][m["start"] : m["end"]] == m["text"]
    assert records[0]["author"]["organization"] == "jaish-al-izza"


def test_jsonl_in_order_with_a_malformed_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "text": "قصفت قوات النظام مدينة حماة", "date": "2017-04-02"}\n'
        "{not json}\n"
        '{"id": "c", "text": "انسحبت قوات سوريا الديمقراطية من منبج"}\n',
        encoding="utf-8",
    )
    code, out, err = invoke("extract", str(src), "--input-format", "jsonl", "--format", "jsonl")
    assert code == 1
    assert ":2" in err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "c"]
    assert records[0]["published"] == "2017-04-02"


def test_table_output_and_stdin() -> None:
    code, out, _ = invoke(
        "extract", "-", "--format", "table", input="هاجم تنظيم داعش مواقع للبيشمركة قرب كركوك"
    )
    assert code == 0
    assert "Islamic State" in out


def test_empty_and_binary_inputs_are_reported(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"%PDF-1.7\x00\x01\x02")
    good = tmp_path / "good.txt"
    good.write_text("سيطرت هيئة تحرير الشام على بلدة", encoding="utf-8")
    code, out, err = invoke("extract", str(tmp_path / "empty.txt"), str(tmp_path / "bin.txt"), str(good))
    assert code == 1
    assert "empty" in err.lower() and "pdf" in err.lower()
    assert [r["id"] for r in json.loads(out)] == ["good"]


def test_windows_1256_input_is_detected(tmp_path: Path) -> None:
    src = tmp_path / "cp.txt"
    src.write_bytes("أعلنت قوات سوريا الديمقراطية سيطرتها على قرية في ريف دير الزور الشرقي".encode("cp1256"))
    code, out, err = invoke("extract", str(src))
    assert code == 0, err
    assert "قوات سوريا الديمقراطية" in json.loads(out)[0]["text"]


def test_help_on_every_command() -> None:
    for args in (["--help"], ["extract", "--help"], ["evaluate", "--help"], ["gazetteer", "--help"]):
        code, out, _ = invoke(*args)
        assert code == 0 and "Usage" in out


def test_bad_option_values_are_readable() -> None:
    code, _, err = invoke("extract", "-", "--published", "yesterday", input="نص")
    assert code == 2 and "2017-05-05" in err
