"""Loader behaviour: packaged load, user extension files, overrides and every validation error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.kb.loader import (
    KnowledgeBaseError,
    actor_names,
    default_knowledge_base,
    load_knowledge_base,
    name_clashes,
    person_names,
)
from marsad.kb.schema import Actor, Alias, FormerName, Person

MILITIA = """
- id: liwa-test
  kind: org
  name_en: Liwa Test
  name_ar: لواء الاختبار
  type: political-militia
  countries: [SY]
  aliases: [كتيبة الاختبار]
  short: [الاختبار]
  parent: syrian-pro-government-militias
"""


def write(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base([path])
    return str(info.value)


# ------------------------------------------------------------------------------------------- success


def test_packaged_load() -> None:
    kb = load_knowledge_base()
    assert "hayat-tahrir-al-sham" in kb.actors
    assert "abu-mohammad-al-jolani" in kb.persons
    assert kb.cues.kunya_heads == ("أبو", "أبي", "أبا", "أم")
    assert kb.cues.titles["الرائد"] == "Major"
    assert re.fullmatch(r"[0-9a-f]{12}", kb.version)
    assert [Path(s).name for s in kb.sources][-2:] == ["persons.yaml", "person_cues.yaml"]
    assert [Path(s).name for s in kb.sources if "actors" in Path(s).parts] == sorted(
        ["generic.yaml", "international.yaml", "iraq.yaml", "libya.yaml", "syria.yaml", "yemen.yaml"]
    )


def test_version_is_content_hash(tmp_path: Path) -> None:
    base = load_knowledge_base()
    assert load_knowledge_base().version == base.version
    extended = load_knowledge_base([write(tmp_path, MILITIA)])
    assert extended.version != base.version
    write(tmp_path, MILITIA.replace("Liwa Test", "Liwa Test 2"))
    assert load_knowledge_base([tmp_path / "extra.yaml"]).version not in (base.version, extended.version)


def test_default_knowledge_base_is_cached() -> None:
    assert default_knowledge_base() is default_knowledge_base()
    assert default_knowledge_base().version == load_knowledge_base().version


def test_extra_list_of_actors(tmp_path: Path) -> None:
    kb = load_knowledge_base([write(tmp_path, MILITIA)])
    actor = kb.actors["liwa-test"]
    assert actor.inter == 3  # default of political-militia
    assert actor.countries == ("SY",)
    assert actor.aliases == (Alias("كتيبة الاختبار"), Alias("الاختبار", short=True))
    assert actor.parent == "syrian-pro-government-militias"
    assert kb.sources[-1] == str(tmp_path / "extra.yaml")


def test_extra_mapping_with_actors_and_persons(tmp_path: Path) -> None:
    text = (
        "actors:"
        + MILITIA.replace("\n", "\n  ")
        + """
persons:
  - id: abu-test
    name_en: Abu Test
    name_ar: أبو الاختبار
    organization: liwa-test
    role: commander
"""
    )
    kb = load_knowledge_base([write(tmp_path, text)])
    assert kb.persons["abu-test"].organization == "liwa-test"
    assert kb.persons["abu-test"].role == "commander"


def test_extra_directory_recursive_and_sorted(tmp_path: Path) -> None:
    write(tmp_path, MILITIA, "b/second.yml")
    write(tmp_path, MILITIA.replace("Liwa Test", "First Name"), "a/first.yaml")
    write(tmp_path, "not yaml at all: [", "a/ignored.txt")
    kb = load_knowledge_base([tmp_path])
    assert kb.actors["liwa-test"].name_en == "Liwa Test"  # b/second.yml comes last and wins
    assert [Path(s).name for s in kb.sources[-2:]] == ["first.yaml", "second.yml"]


def test_override_replaces_packaged_entry(tmp_path: Path) -> None:
    text = """
- id: hezbollah
  kind: org
  name_en: Hezbollah (local)
  name_ar: حزب الله
  type: political-militia
  inter: 4
  countries: [LB]
"""
    kb = load_knowledge_base([write(tmp_path, text)])
    actor = kb.actors["hezbollah"]
    assert actor.name_en == "Hezbollah (local)"
    assert actor.inter == 4
    assert actor.aliases == ()  # the whole entry is replaced, not merged
    assert load_knowledge_base().actors["hezbollah"].name_en == "Hezbollah"


def test_later_extra_file_overrides_earlier(tmp_path: Path) -> None:
    first = write(tmp_path, MILITIA, "one.yaml")
    second = write(tmp_path, MILITIA.replace("Liwa Test", "Liwa Test Corrected"), "two.yaml")
    assert load_knowledge_base([first, second]).actors["liwa-test"].name_en == "Liwa Test Corrected"
    assert load_knowledge_base([second, first]).actors["liwa-test"].name_en == "Liwa Test"


def test_override_person(tmp_path: Path) -> None:
    text = """
persons:
  - id: jamil-al-saleh
    name_en: Jamil al-Salih
    name_ar: جميل الصالح
    organization: jaish-al-izza
"""
    kb = load_knowledge_base([write(tmp_path, text)])
    assert kb.persons["jamil-al-saleh"].name_en == "Jamil al-Salih"


def test_empty_extra_file_is_allowed(tmp_path: Path) -> None:
    kb = load_knowledge_base([write(tmp_path, "# nothing yet\n")])
    assert len(kb.actors) == len(load_knowledge_base().actors)


# ------------------------------------------------------------------------------------------- errors

ERROR_CASES = {
    "missing required field": (
        MILITIA.replace("  name_ar: لواء الاختبار\n", ""),
        "missing required field 'name_ar'",
    ),
    "unknown type": (MILITIA.replace("political-militia", "militia"), "unknown type 'militia'"),
    "unknown kind": (MILITIA.replace("kind: org", "kind: party"), "unknown kind 'party'"),
    "inter too high": (MILITIA + "  inter: 9\n", "inter must be an integer from 1 to 8, got 9"),
    "inter zero": (MILITIA + "  inter: 0\n", "inter must be an integer from 1 to 8, got 0"),
    "inter text": (MILITIA + "  inter: '2'\n", "inter must be an integer from 1 to 8"),
    "lowercase country": (MILITIA.replace("[SY]", "[sy]"), "bad country code 'sy'"),
    "alpha-3 country": (MILITIA.replace("[SY]", "[SYR]"), "bad country code 'SYR'"),
    "boolean country": (MILITIA.replace("[SY]", "[NO]"), "YAML read NO/ON/YES as a boolean"),
    "duplicate id": (MILITIA + MILITIA, "duplicate id 'liwa-test' (also entry #0 of this file)"),
    "unknown parent": (
        MILITIA.replace("syrian-pro-government-militias", "no-such-actor"),
        "unknown parent 'no-such-actor'",
    ),
    "empty alias": (
        MILITIA.replace("[كتيبة الاختبار]", "[كتيبة الاختبار, '  ']"),
        "aliases[1] is an empty alias",
    ),
    "diacritics-only alias": (
        MILITIA.replace("[الاختبار]", "['\u064e\u064f']"),
        "short[0] is an empty alias",
    ),
    "non-list aliases": (
        MILITIA.replace("[كتيبة الاختبار]", "كتيبة الاختبار"),
        "field 'aliases' must be a list",
    ),
    "non-text alias": (MILITIA.replace("[كتيبة الاختبار]", "[2017]"), "aliases[0] must be text"),
    "unknown field": (MILITIA.replace("  aliases:", "  alias:"), "unknown field 'alias'"),
    "bad id": (MILITIA.replace("id: liwa-test", "id: Liwa_Test"), "bad id 'Liwa_Test'"),
    "bad wikidata": (MILITIA + "  wikidata: 12345\n", "bad wikidata id 12345"),
    "active order": (
        MILITIA + "  active: [2020, 2015]\n",
        "field 'active' ends (2015) before it starts (2020)",
    ),
    "active shape": (MILITIA + "  active: 2015\n", "field 'active' must be [first_year, last_year]"),
    "former names order": (
        MILITIA + "  former_names:\n    - {name_ar: اسم قديم, name_en: Old, from: 2016, to: 2012}\n",
        "former_names[0] ends (2012) before it starts (2016)",
    ),
    "former name without name": (
        MILITIA + "  former_names:\n    - {from: 2012}\n",
        "former_names[0] has no name",
    ),
    "former names not a list": (
        MILITIA + "  former_names: old name\n",
        "field 'former_names' must be a list",
    ),
    "entry not a mapping": ("- just a string\n", "must be a mapping of fields"),
    "top level scalar": ("hello\n", "top level must be a list of actors or a mapping"),
    "unknown section": ("places: []\n", "top level must be a list of actors or a mapping"),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_validation_errors(tmp_path: Path, case: str) -> None:
    text, expected = ERROR_CASES[case]
    message = load_error(tmp_path, text)
    assert expected in message
    assert str(tmp_path / "extra.yaml") in message
    assert message.rstrip().endswith((".", "?"))  # every message ends with what to do


def test_error_names_entry_index_and_id(tmp_path: Path) -> None:
    second = MILITIA.replace("liwa-test", "liwa-two").replace("political-militia", "gang")
    message = load_error(tmp_path, MILITIA + second)
    assert "actors entry #1 (id 'liwa-two')" in message
    assert "Use one of: state-forces" in message


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    message = load_error(tmp_path, MILITIA.replace("  aliases:", "  alias:"))
    assert "Did you mean 'aliases'?" in message


def test_actor_person_id_clash(tmp_path: Path) -> None:
    text = MILITIA.replace("id: liwa-test", "id: bashar-al-assad")
    message = load_error(tmp_path, text)
    assert "id 'bashar-al-assad' is already a person" in message
    assert "persons.yaml" in message
    text = "persons:\n  - {id: hezbollah, name_en: Somebody, name_ar: شخص ما}\n"
    assert "id 'hezbollah' is already an actor" in load_error(tmp_path, text)


def test_unknown_organization(tmp_path: Path) -> None:
    text = "persons:\n  - {id: abu-test, name_en: Abu Test, name_ar: أبو الاختبار, organization: nobody}\n"
    message = load_error(tmp_path, text)
    assert "persons entry #0 (id 'abu-test')" in message
    assert "unknown organization 'nobody'" in message


def test_parent_cycle(tmp_path: Path) -> None:
    a = MILITIA.replace("syrian-pro-government-militias", "liwa-two")
    b = MILITIA.replace("id: liwa-test", "id: liwa-two").replace(
        "syrian-pro-government-militias", "liwa-test"
    )
    message = load_error(tmp_path, a + b)
    assert "parent cycle" in message
    assert "liwa-test -> liwa-two -> liwa-test" in message


def test_self_parent_is_a_cycle(tmp_path: Path) -> None:
    message = load_error(tmp_path, MILITIA.replace("syrian-pro-government-militias", "liwa-test"))
    assert "parent cycle liwa-test -> liwa-test" in message


def test_override_can_break_references(tmp_path: Path) -> None:
    # Replacing a packaged parent with an entry that points back at its child makes a cycle.
    text = """
- id: ahrar-al-sham
  kind: org
  name_en: Ahrar al-Sham
  name_ar: أحرار الشام
  type: rebel-group
  parent: jaish-al-iman
"""
    assert "parent cycle" in load_error(tmp_path, text)


def test_invalid_yaml(tmp_path: Path) -> None:
    message = load_error(tmp_path, "- id: x\n  aliases: [a, b\n")
    assert "is not valid YAML at line" in message
    assert "Fix the YAML syntax" in message


def test_repeated_key_in_one_entry(tmp_path: Path) -> None:
    message = load_error(tmp_path, MILITIA + "  aliases: [اسم آخر]\n")
    assert "duplicate key 'aliases'" in message
    assert "line 11" in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_bytes("- id: x\n  name_ar: جيش\n".encode("cp1256"))
    with pytest.raises(KnowledgeBaseError, match="is not UTF-8"):
        load_knowledge_base([path])


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="does not exist"):
        load_knowledge_base([tmp_path / "nope.yaml"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(KnowledgeBaseError, match=r"contains no \.yaml or \.yml files"):
        load_knowledge_base([tmp_path / "empty"])


def test_error_is_a_value_error() -> None:
    assert issubclass(KnowledgeBaseError, ValueError)


# ------------------------------------------------------------------------------------------- names


def test_actor_names_forms_and_flags() -> None:
    actor = Actor(
        id="x",
        kind="org",
        name_en="Jabhat X",
        name_ar="جبهة إكس",
        type="rebel-group",
        inter=2,
        aliases=(Alias("إكس"), Alias("الجبهة", short=True), Alias("جبهه اكس")),
        former_names=(FormerName("لواء إكس", "Liwa X", 2012, 2014), FormerName("", "Old X")),
    )
    names = list(actor_names(actor))
    assert names == [
        ("جبهة إكس", False, "canonical"),
        ("Jabhat X", False, "canonical"),
        ("إكس", False, "alias"),
        ("لواء إكس", False, "former"),
        ("Liwa X", False, "former"),
        ("Old X", False, "former"),
        ("الجبهة", True, "short"),
    ]  # "جبهه اكس" folds to the canonical name and is dropped


def test_person_names() -> None:
    person = Person(
        id="p", name_en="Abu X", name_ar="أبو إكس", aliases=(Alias("الإكسي"), Alias("إكس", short=True))
    )
    assert list(person_names(person)) == [
        ("أبو إكس", False, "canonical"),
        ("Abu X", False, "canonical"),
        ("الإكسي", False, "alias"),
        ("إكس", True, "short"),
    ]


def test_packaged_names_include_former_and_short() -> None:
    hts = load_knowledge_base().actors["hayat-tahrir-al-sham"]
    names = {text: (short, form) for text, short, form in actor_names(hts)}
    assert names["هيئة تحرير الشام"] == (False, "canonical")
    assert names["جبهة النصرة"] == (False, "former")
    assert names["جبهة فتح الشام"] == (False, "former")
    assert names["الهيئة"] == (True, "short")
    assert names["HTS"] == (False, "alias")


def test_name_clashes_detects_shared_full_alias(tmp_path: Path) -> None:
    text = MILITIA.replace("[كتيبة الاختبار]", "[قسد]").replace("[الاختبار]", "[الجيش]")
    clashes = name_clashes(load_knowledge_base([write(tmp_path, text)]))
    assert clashes == {"قسد": ["liwa-test", "syrian-democratic-forces"]}


def test_documented_extension_example_loads(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    block = doc.split("Example: a user's file", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    kb = load_knowledge_base([write(tmp_path, block, "local-kb.yaml")])
    assert kb.actors["liwa-ahrar-al-qaryatayn"].parent == "syrian-pro-government-militias"
    assert kb.actors["jaish-al-iman"].active == (2016, 2018)
    assert kb.persons["abu-khalid-al-qaryatayni"].organization == "liwa-ahrar-al-qaryatayn"
    assert name_clashes(kb) == {}
