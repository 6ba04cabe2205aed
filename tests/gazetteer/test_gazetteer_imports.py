"""GeoNames dump and custom CSV imports into the user overlay, and how the overlay is merged."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from marsad.gazetteer.common import CommonWords
from marsad.gazetteer.custom_csv import CsvFileError, import_csv, slugify
from marsad.gazetteer.geonames_dump import DumpError, import_geonames
from marsad.gazetteer.index import Gazetteer
from marsad.gazetteer.overlay import Overlay
from marsad.gazetteer.store import PlaceRecord
from marsad.text.normalize import normalize_for_match as norm


def dump_row(
    gid: int,
    name: str,
    lat: float | str,
    lon: float | str,
    fclass: str,
    fcode: str,
    cc: str,
    admin1: str,
    population: int | str = 0,
    alternates: str = "",
) -> str:
    """One line of a GeoNames dump (19 tab-separated columns)."""
    ascii_name = name.encode("ascii", "ignore").decode()
    cols = [
        str(gid), name, ascii_name, alternates, str(lat), str(lon), fclass, fcode, cc, "", admin1,
        "", "", "", str(population), "", "250", "Asia/Damascus", "2024-01-01",
    ]  # fmt: skip
    assert len(cols) == 19
    return "\t".join(cols)


DUMP_ROWS = [
    # replaces the packaged Hama record (same geonameid)
    dump_row(170017, "Hama City", 35.1318, 36.7578, "P", "PPLA", "SY", "10", 500000, "Hamah,حماة"),
    # a village the packaged gazetteer lacks
    dump_row(9000001, "Qamḩānah", 35.1106, 36.7536, "P", "PPL", "SY", "10", 0, "Qamhana,قمحانة,قمحانه"),
    # a hill (feature class T)
    dump_row(9000002, "Tall an Nāşirīyah", 35.2801, 36.6402, "T", "HLL", "SY", "10", 0, ""),
    # the Hama governorate itself: merges into admin1:SY.10
    dump_row(170016, "Muḩāfaz̧at Ḩamāh", 35.1667, 37.0, "A", "ADM1", "SY", "10", 1600000, "Hama Governorate"),
    # another country
    dump_row(9000003, "Bartella", 36.3514, 43.3797, "P", "PPL", "IQ", "15", 3000, "برطلة"),
]
ALT_ROWS = [
    "1\t9000001\tar\tقمحانة\t1\t\t\t\t\t",
    "2\t9000001\tfa\tقمحانه‌ی فارسی\t\t\t\t\t\t",
    "3\t9000001\tlink\thttps://en.wikipedia.org/wiki/Qamhana\t\t\t\t\t\t",
    "4\t9000002\tar\tتلة الناصرية\t\t\t\t\t\t",
    "5\t9000002\t\tتل الناصرية\t\t\t\t\t\t",
    "6\t9000002\t\tTell Nasiriyeh\t\t\t\t\t\t",
    "7\t170016\tar\tمحافظة حماة\t1\t\t\t\t\t",
    "8\t12345678\tar\tمكان غير مستورد\t\t\t\t\t\t",
]


@pytest.fixture()
def dump_files(tmp_path: Path) -> tuple[Path, Path]:
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join(DUMP_ROWS) + "\n", encoding="utf-8")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("\n".join(ALT_ROWS) + "\n", encoding="utf-8")
    return dump, alt


def overlay_for(directory: Path, common_words: CommonWords) -> Overlay:
    return Overlay(directory / "overlay.sqlite", common=common_words)


def test_geonames_import_with_alternate_names(
    small_dir: Path, dump_files: tuple[Path, Path], common_words: CommonWords
) -> None:
    dump, alt = dump_files
    with overlay_for(small_dir, common_words) as ov:
        report = import_geonames(ov, dump, alternate_names=alt, countries={"SY"})
    assert report.ok
    assert (report.read, report.new, report.updated, report.skipped) == (5, 4, 0, 1)
    with Gazetteer.open(small_dir) as gaz:
        qamhana = gaz.lookup(norm("قمحانة"))
        assert [p.id for p in qamhana] == ["geonames:9000001"]
        assert qamhana[0].name_ar == "قمحانة"  # the preferred Arabic name
        assert (qamhana[0].feature, qamhana[0].kind, qamhana[0].admin1) == ("P.PPL", "village", "Hama")
        hill = gaz.lookup(norm("تلة الناصرية"))
        assert [(p.id, p.kind, p.feature) for p in hill] == [("geonames:9000002", "terrain", "T.HLL")]
        assert gaz.lookup(norm("تل الناصرية")) == hill  # no language, Arabic script: kept
        assert gaz.lookup(norm("قمحانه‌ی فارسی")) == []  # Persian-tagged name: not imported
        assert gaz.lookup(norm("Bartella")) == []  # filtered by country
        assert gaz.lookup(norm("مكان غير مستورد")) == []  # alternate name of a place not imported
        assert gaz.lookup(norm("Qamhanah"))[0].id == "geonames:9000001"  # asciiname


def test_overlay_replaces_packaged_records(
    small_dir: Path, dump_files: tuple[Path, Path], common_words: CommonWords
) -> None:
    dump, alt = dump_files
    with Gazetteer.open(small_dir) as before:
        assert before.get("geonames:170017").population == 460602  # type: ignore[union-attr]
    with overlay_for(small_dir, common_words) as ov:
        import_geonames(ov, dump, alternate_names=alt, countries={"SY"})
    with Gazetteer.open(small_dir) as gaz:
        hama = gaz.get("geonames:170017")
        assert hama is not None
        assert (hama.name_en, hama.population, hama.feature, hama.kind) == (
            "Hama City",
            500000,
            "P.PPLA",
            "city",
        )
        # one record per id, found by packaged and imported names alike; the imported ADM1 row
        # brings the governorate's population, so it now ranks first
        assert [p.id for p in gaz.lookup(norm("حماة"))] == ["admin1:SY.10", "geonames:170017"]
        assert gaz.lookup(norm("حماة"))[1] == hama
        assert gaz.lookup(norm("Hama City"))[0] == hama
        # the ADM1 row fills geonameid and coordinates; the curated names stay
        region = gaz.admin1("SY", "10")
        assert region is not None
        assert (region.name_en, region.name_ar, region.geonameid) == ("Hama", "حماة", 170016)
        assert region.lat == pytest.approx(35.1667)
        assert gaz.lookup(norm("محافظة حماة")) == [region]
        # nearby search sees the imported position and the new places
        near = [p.id for p in gaz.near(35.1318, 36.7578, 5)]
        assert near[:2] == ["geonames:170017", "geonames:9000001"]
        assert near.count("geonames:170017") == 1
        # keys and common words include the overlay's
        assert {"قمحانه", "تله الناصريه"} <= set(gaz.keys("arabic"))
        assert "qamhanah" in set(gaz.keys("latin"))
        assert not gaz.is_common_word("قمحانه")
        assert gaz.info()["overlay_places"] == 4


def test_geonames_import_without_alternate_names_uses_dump_column(
    small_dir: Path, dump_files: tuple[Path, Path], common_words: CommonWords
) -> None:
    dump, _ = dump_files
    with overlay_for(small_dir, common_words) as ov:
        report = import_geonames(ov, dump)
    assert report.new == 5
    with Gazetteer.open(small_dir) as gaz:
        assert gaz.lookup(norm("قمحانه"))[0].name_ar == "قمحانة"
        assert gaz.lookup(norm("برطلة"))[0].country == "IQ"


def test_geonames_import_from_zip_and_filters(
    small_dir: Path, dump_files: tuple[Path, Path], tmp_path: Path, common_words: CommonWords
) -> None:
    dump, _ = dump_files
    zipped = tmp_path / "SY.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("readme.txt", "GeoNames readme")
        zf.write(dump, "SY.txt")
    with overlay_for(small_dir, common_words) as ov:
        report = import_geonames(ov, zipped, min_population=1000, feature_classes={"P", "A"})
    # kept: Hama (500000), Bartella (3000), the ADM1 row (never filtered by population)
    assert (report.new, report.skipped) == (3, 2)
    with overlay_for(small_dir, common_words) as ov:
        again = import_geonames(ov, zipped, min_population=1000, feature_classes={"P", "A"})
    assert (again.new, again.updated) == (0, 3)  # re-import updates, never duplicates


def test_geonames_import_reports_bad_rows(small_dir: Path, tmp_path: Path, common_words: CommonWords) -> None:
    dump = tmp_path / "bad.txt"
    lines = [
        DUMP_ROWS[1],
        "170017\tonly\tthree columns",
        dump_row(9000010, "Nowhere", "north", 36.0, "P", "PPL", "SY", "10"),
        dump_row(9000011, "Far", 95.0, 36.0, "P", "PPL", "SY", "10"),
        dump_row(9000012, "Pop", 35.0, 36.0, "P", "PPL", "SY", "10", "many"),
        "",
        DUMP_ROWS[2],
    ]
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with overlay_for(small_dir, common_words) as ov:
        report = import_geonames(ov, dump)
    assert not report.ok
    assert report.failed == 4 and report.new == 2
    assert report.errors[0] == "bad.txt line 2: expected 19 tab-separated columns, found 3"
    assert "line 3: latitude/longitude 'north'" in report.errors[1]
    assert "line 4: latitude/longitude 95.0/36.0 out of range" in report.errors[2]
    assert "line 5: population 'many'" in report.errors[3]


def test_geonames_import_missing_files(small_dir: Path, tmp_path: Path, common_words: CommonWords) -> None:
    with overlay_for(small_dir, common_words) as ov:
        with pytest.raises(DumpError, match="no such file"):
            import_geonames(ov, tmp_path / "missing.txt")
        empty_zip = tmp_path / "empty.zip"
        with zipfile.ZipFile(empty_zip, "w") as zf:
            zf.writestr("notes.md", "x")
        with pytest.raises(DumpError, match=r"no \.txt"):
            import_geonames(ov, empty_zip)


CSV_HEADER = "name_ar,name_en,lat,lon,country,admin1,kind,aliases\n"


def write_csv(path: Path, body: str, header: str = CSV_HEADER, encoding: str = "utf-8") -> Path:
    path.write_bytes((header + body).encode(encoding))
    return path


def test_csv_import_good_and_bad_rows(small_dir: Path, tmp_path: Path, common_words: CommonWords) -> None:
    body = (
        "معردس,Maardes,35.2180,36.7750,SY,حماة,village,معردس الشرقية|Ma'ardes\n"  # line 2: ok
        "الويبدة,Al-Waybdeh,35.2900,36.6500,sy,10,,الوبيدة;الويبده\n"  # line 3: ok
        "سنسحر,,95.5,36.7,SY,,,\n"  # line 4: lat out of range
        ",,35.1,36.7,SY,,,\n"  # line 5: no names
        "Qamhana,Qamhana,35.1,36.7,SY,,,\n"  # line 6: name_ar not Arabic
        "موقع,Site,abc,200,SYR,,fortress,\n"  # line 7: several problems
        "نقطة,Point,35.1,36.7,SY,Nowhere,,\n"  # line 8: unknown admin1
        "معردس,Maardes,35.3,36.8,SY,,,\n"  # line 9: same id as line 2
        "a,b,c,d,e,f,g,h,i\n"  # line 10: too many fields
    )
    path = write_csv(tmp_path / "places.csv", body)
    with Gazetteer.open(small_dir) as gaz, overlay_for(small_dir, common_words) as ov:
        report = import_csv(ov, path, gaz)
    assert (report.read, report.new, report.failed) == (9, 2, 7)
    errors = "\n".join(report.errors)
    assert "places.csv line 4: lat 95.5 is outside -90..90" in errors
    assert "line 5: name_ar and name_en are both empty" in errors
    assert "line 6: name_ar 'Qamhana' has no Arabic letters" in errors
    assert "line 7: lat 'abc' is not a number; lon 200.0 is outside -180..180; country 'SYR'" in errors
    assert "kind 'fortress' is not one of" in errors
    assert "line 8: admin1 'Nowhere' is not a known admin-1 code or name in SY" in errors
    assert "line 9: id custom:sy-maardes already used on line 2" in errors
    assert "line 10: more fields than columns" in errors
    with Gazetteer.open(small_dir) as gaz:
        maardes = gaz.get("custom:sy-maardes")
        assert maardes is not None
        assert (maardes.name_ar, maardes.kind, maardes.admin1_code, maardes.admin1) == (
            "معردس",
            "village",
            "10",
            "Hama",
        )
        assert maardes.lat == pytest.approx(35.218) and maardes.feature == "" and maardes.geonameid is None
        for alias in ("معردس الشرقية", "Ma'ardes", "maardes"):
            assert gaz.lookup(norm(alias)) == [maardes], alias
        waybdeh = gaz.get("custom:sy-al-waybdeh")
        assert waybdeh is not None and waybdeh.kind == "custom" and waybdeh.country == "SY"
        assert gaz.lookup(norm("الوبيدة")) == gaz.lookup(norm("الويبدة")) == [waybdeh]


def test_csv_reimport_updates_and_keeps_earlier_imports(
    small_dir: Path, tmp_path: Path, common_words: CommonWords
) -> None:
    first = write_csv(tmp_path / "a.csv", "معردس,Maardes,35.2180,36.7750,SY,,,\n")
    second = write_csv(tmp_path / "b.csv", "معردس,Maardes,35.2200,36.7800,SY,,,\nسنسحر,,99,0,SY,,,\n")
    with Gazetteer.open(small_dir) as gaz, overlay_for(small_dir, common_words) as ov:
        assert import_csv(ov, first, gaz).new == 1
        report = import_csv(ov, second, gaz)
        assert (report.new, report.updated, report.failed) == (0, 1, 1)
        assert [h["kind"] for h in ov.history()] == ["csv", "csv"]
    with Gazetteer.open(small_dir) as gaz:
        assert gaz.get("custom:sy-maardes").lat == pytest.approx(35.22)  # type: ignore[union-attr]
        assert len(gaz.lookup(norm("معردس"))) == 1


def test_csv_import_is_one_transaction(
    small_dir: Path, tmp_path: Path, common_words: CommonWords, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = write_csv(tmp_path / "a.csv", "معردس,Maardes,35.2180,36.7750,SY,,,\n")
    later = write_csv(tmp_path / "b.csv", "صوران,Souran,35.29,36.74,SY,,,\nحلفايا,Halfaya,35.26,36.6,SY,,,\n")
    with Gazetteer.open(small_dir) as gaz, overlay_for(small_dir, common_words) as ov:
        import_csv(ov, earlier, gaz)
        real_upsert = ov.upsert
        calls: list[str] = []

        def failing_upsert(rec: PlaceRecord) -> tuple[int, bool]:
            calls.append(rec.id)
            if len(calls) == 2:
                raise OSError("disk full")
            return real_upsert(rec)

        monkeypatch.setattr(ov, "upsert", failing_upsert)
        with pytest.raises(OSError):
            import_csv(ov, later, gaz)
    with Gazetteer.open(small_dir) as gaz:
        assert gaz.get("custom:sy-maardes") is not None  # earlier import intact
        assert gaz.get("custom:sy-souran") is None  # nothing of the failed import


def test_csv_file_level_errors(small_dir: Path, tmp_path: Path, common_words: CommonWords) -> None:
    row = "معردس,Maardes,35.2180,36.7750,SY,,,\n"
    with Gazetteer.open(small_dir) as gaz, overlay_for(small_dir, common_words) as ov:
        with pytest.raises(CsvFileError, match="not UTF-8"):
            import_csv(ov, write_csv(tmp_path / "cp.csv", row, encoding="cp1256"), gaz)
        with pytest.raises(CsvFileError, match="separated by ';'"):
            semi = write_csv(
                tmp_path / "semi.csv", row.replace(",", ";"), header=CSV_HEADER.replace(",", ";")
            )
            import_csv(ov, semi, gaz)
        with pytest.raises(CsvFileError, match="missing column"):
            import_csv(ov, write_csv(tmp_path / "h.csv", "x,y\n", header="name_ar,lat\n"), gaz)
        with pytest.raises(CsvFileError, match="empty"):
            import_csv(ov, write_csv(tmp_path / "e.csv", "", header=""), gaz)
        with pytest.raises(CsvFileError, match="binary"):
            (tmp_path / "b.csv").write_bytes(b"\x00\x01\x02name_ar")
            import_csv(ov, tmp_path / "b.csv", gaz)
        with pytest.raises(CsvFileError, match="no such file"):
            import_csv(ov, tmp_path / "none.csv", gaz)
        # a UTF-8 BOM (Excel's "CSV UTF-8") and a ';' file with the right delimiter are fine
        bom = tmp_path / "bom.csv"
        bom.write_bytes(b"\xef\xbb\xbf" + (CSV_HEADER + row).encode("utf-8"))
        assert import_csv(ov, bom, gaz).new == 1
        semi = write_csv(
            tmp_path / "semi2.csv", "صوران;Souran;35.29;36.74;SY;;;\n", header=CSV_HEADER.replace(",", ";")
        )
        assert import_csv(ov, semi, gaz, delimiter=";").new == 1


def test_slugify() -> None:
    assert slugify("Tall Nāşir") == "tall-nasir"
    assert slugify("Al-Waybdeh (east)") == "al-waybdeh-east"
    assert slugify("الويبدة") == "الويبده"
