"""``marsad gazetteer`` commands through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.cli.gazetteer import isolate

HELP_COMMANDS = [
    ["gazetteer"],
    ["gazetteer", "build"],
    ["gazetteer", "info"],
    ["gazetteer", "lookup"],
    ["gazetteer", "import"],
    ["gazetteer", "import", "geonames"],
    ["gazetteer", "import", "csv"],
]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("args", HELP_COMMANDS)
def test_every_command_has_help(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_lookup_table_and_json(runner: CliRunner, small_dir: Path) -> None:
    result = runner.invoke(main, ["gazetteer", "--dir", str(small_dir), "lookup", "حماه"])
    assert result.exit_code == 0, result.output
    assert "geonames:170017" in result.output and "admin1:SY.10" in result.output
    assert isolate("حماة") in result.output  # Arabic cells are bidi-isolated
    result = runner.invoke(
        main, ["gazetteer", "--dir", str(small_dir), "lookup", "طرابلس", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["country"] for r in rows] == ["LY", "LB", "GR", "LY"]
    assert rows[0]["name_ar"] == "طرابلس" and rows[0]["lat"] == pytest.approx(32.88743)
    args = ["gazetteer", "--dir", str(small_dir), "lookup", "طرابلس", "--country", "lb", "--format", "json"]
    rows = json.loads(runner.invoke(main, args).output)
    assert [r["id"] for r in rows] == ["geonames:266826"]
    wide = runner.invoke(
        main, ["gazetteer", "--dir", str(small_dir), "lookup", "حماه"], env={"COLUMNS": "140"}
    )
    assert "┃ id" in wide.output and "geonames:170017 │ " + isolate("حماة") in wide.output
    result = runner.invoke(main, ["gazetteer", "--dir", str(small_dir), "lookup", "لا يوجد"])
    assert result.exit_code == 0 and "no places match" in result.output


def test_info(runner: CliRunner, small_dir: Path) -> None:
    result = runner.invoke(main, ["gazetteer", "--dir", str(small_dir), "info", "--format", "json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)
    assert facts["source"] == "custom" and facts["overlay"] is None


def test_build_reports_an_up_to_date_index(runner: CliRunner, small_dir: Path) -> None:
    result = runner.invoke(main, ["gazetteer", "--dir", str(small_dir), "build"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_import_csv_command(runner: CliRunner, small_dir: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "places.csv"
    csv_path.write_text(
        "name_ar,name_en,lat,lon,country,admin1,kind,aliases\n"
        "معردس,Maardes,35.2180,36.7750,SY,Hama,village,\n"
        "سنسحر,,95,36.7,SY,,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["gazetteer", "--dir", str(small_dir), "import", "csv", str(csv_path)])
    assert result.exit_code == 1  # one row failed
    assert "imported 1" in result.output and "failed 1" in result.output
    assert "places.csv line 3: lat 95.0 is outside -90..90" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(
        main, ["gazetteer", "--dir", str(small_dir), "lookup", "معردس", "--format", "json"]
    )
    assert json.loads(result.output)[0]["id"] == "custom:sy-maardes"


def test_import_csv_user_errors_are_readable(runner: CliRunner, small_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "none.csv"
    result = runner.invoke(main, ["gazetteer", "--dir", str(small_dir), "import", "csv", str(missing)])
    assert result.exit_code == 1
    assert "Error:" in result.output and "no such file" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    semi = tmp_path / "semi.csv"
    semi.write_text("name_ar;name_en;lat;lon;country;admin1;kind;aliases\n", encoding="utf-8")
    result = runner.invoke(main, ["gazetteer", "--dir", str(small_dir), "import", "csv", str(semi)])
    assert result.exit_code == 1 and "--delimiter ';'" in result.output
    result = runner.invoke(
        main, ["gazetteer", "--dir", str(small_dir), "import", "csv", str(semi), "--delimiter", ";;"]
    )
    assert result.exit_code == 2


def test_import_geonames_command(runner: CliRunner, small_dir: Path, tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    cols = ["9000001", "Qamḩānah", "Qamhanah", "Qamhana,قمحانة", "35.1106", "36.7536", "P", "PPL", "SY", "",
            "10", "", "", "", "0", "", "250", "Asia/Damascus", "2024-01-01"]  # fmt: skip
    dump.write_text("\t".join(cols) + "\n" + "broken line\n", encoding="utf-8")
    args = ["gazetteer", "--dir", str(small_dir), "import", "geonames", str(dump), "--countries", "SY,IQ"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output  # the broken line is reported
    assert "imported 1 (1 new, 0 updated)" in result.output
    assert "SY.txt line 2: expected 19 tab-separated columns" in result.output
    result = runner.invoke(
        main, ["gazetteer", "--dir", str(small_dir), "lookup", "قمحانه", "--format", "json"]
    )
    assert json.loads(result.output)[0]["id"] == "geonames:9000001"
    bad = runner.invoke(
        main, ["gazetteer", "--dir", str(small_dir), "import", "geonames", str(dump), "--countries", "SYR"]
    )
    assert bad.exit_code == 2 and "not country codes: SYR" in bad.output
    missing = runner.invoke(
        main, ["gazetteer", "--dir", str(small_dir), "import", "geonames", str(tmp_path / "x.txt")]
    )
    assert missing.exit_code == 1 and "no such file" in missing.output
