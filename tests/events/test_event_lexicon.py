"""The trigger lexicon and the event cue words: packaged data (coverage, PLOVER/ACLED consistency, form
collisions, the seed's verbs), extension files, every validation error, and loading speed."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.events.lexicon import (
    ACLED_SUBEVENTS,
    CASUALTY_KINDS,
    PLOVER_CONTEXTS,
    PLOVER_MODES,
    PLOVER_QUADS,
    PLOVER_TYPES,
    EventCues,
    LexiconError,
    Trigger,
    default_event_cues,
    default_triggers,
    form_collisions,
    form_index,
    load_event_cues,
    load_triggers,
)
from marsad.text.normalize import normalize_for_match

DOCS = Path(__file__).resolve().parents[2] / "docs" / "knowledge-base.md"
# The word lists of EventCues (every frozenset field: negators, denials, …, blockers).
CUE_LISTS = tuple(name for name, f in EventCues.__dataclass_fields__.items() if f.type == "frozenset[str]")
CUES_FILE = Path(__file__).resolve().parents[2] / "marsad" / "kb" / "data" / "event_cues.yaml"

# Written from ../shared/notes/standards.md, independently of the module under test.
NOTES_ACLED = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}  # fmt: skip
NOTES_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
NOTES_MODES = {
    "CONSULT": "visit third-party multilateral phone",
    "RETREAT": "withdraw release disarm ceasefire access resign",
    "REQUEST": "assist change yield meet",
    "REJECT": "assist change yield meet",
    "ACCUSE": "disapprove investigate allege",
    "THREATEN": "restrict arrest relations expel territory violence",
    "PROTEST": "demo riot strike hunger boycott obstruct vandalize",
    "SANCTION": "convict expel withdraw discontinue",
    "MOBILIZE": "troops weapons police militia",
    "COERCE": "seize restrict censor curfew martial-law arrest deport withhold misinformation cyber",
    "ASSAULT": "abduct beat torture sexual targeted destroy primitive firearms explosives suicide-attack "
    "aerial drone heavy-weapons crowd-control unconventional",
}

# Forms listed by lemmas of different PLOVER types on purpose (none so far). Add a form here, with the
# reason, only when one written form really has two event readings.
INTENTIONAL_COLLISIONS: dict[str, set[str]] = {}

VALID = """
- id: test-shell
  lemma: قصف
  pos: verb
  forms: [قصف, قصفت]
  we: [قصفنا]
  passive: []
  voice: active
  type: ASSAULT
  mode: heavy-weapons
  acled: Shelling/artillery/missile attack
  object: either
  context: [military]
"""


@pytest.fixture(scope="module")
def triggers() -> tuple[Trigger, ...]:
    return default_triggers()


@pytest.fixture(scope="module")
def cues() -> EventCues:
    return default_event_cues()


def write(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def trigger_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(LexiconError) as info:
        load_triggers([write(tmp_path, text)])
    return str(info.value)


def entry(**changes: str) -> str:
    """VALID with some lines replaced (key: value as written in YAML)."""
    lines = VALID.strip("\n").splitlines()
    for key, value in changes.items():
        prefix = f"  {key}:" if key != "id" else "- id:"
        index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
        lines[index] = f"{prefix} {value}" if value != "<drop>" else ""
    return "\n".join(line for line in lines if line) + "\n"


# ---------------------------------------------------------------------------------------- standards


def test_acled_subevents_match_the_notes() -> None:
    expected = {sub: (NOTES_DISORDER[event], event) for event, subs in NOTES_ACLED.items() for sub in subs}
    expected["Mob violence"] = ("Political violence", "Riots")  # the notes: "Riots 'Mob violence' in part"
    assert len(expected) == 25
    assert dict(ACLED_SUBEVENTS) == expected


def test_plover_types_modes_and_quads_match_the_notes() -> None:
    assert len(PLOVER_TYPES) == 16
    assert {t: " ".join(m) for t, m in PLOVER_MODES.items() if m} == NOTES_MODES
    assert set(PLOVER_MODES) == set(PLOVER_TYPES) == set(PLOVER_QUADS)
    assert (
        PLOVER_QUADS["CONCEDE"] == "verbal cooperation" and PLOVER_QUADS["RETREAT"] == "material cooperation"
    )
    assert PLOVER_QUADS["SANCTION"] == "verbal conflict" and PLOVER_QUADS["COERCE"] == "material conflict"
    assert {"military", "territory", "cbrn", "misinformation"} <= set(PLOVER_CONTEXTS)
    assert not {"future", "historical", "hypothetical"} & set(PLOVER_CONTEXTS)  # modality, not lexicon


# ------------------------------------------------------------------------------------ packaged data


def test_packaged_lexicon_size_and_ids(triggers: tuple[Trigger, ...]) -> None:
    assert 120 <= len(triggers) <= 400
    ids = [t.id for t in triggers]
    assert len(ids) == len(set(ids))
    assert load_triggers() == triggers  # deterministic


def test_every_plover_type_and_acled_subevent_is_covered(triggers: tuple[Trigger, ...]) -> None:
    assert {t.type for t in triggers} == set(PLOVER_TYPES)
    assert {t.acled for t in triggers if t.acled} == set(ACLED_SUBEVENTS)


def test_every_mode_is_valid_and_every_mode_is_used(triggers: tuple[Trigger, ...]) -> None:
    for t in triggers:
        assert t.mode is None or t.mode in PLOVER_MODES[t.type], t.id
        assert set(t.context) <= set(PLOVER_CONTEXTS), t.id
    used = {(t.type, t.mode) for t in triggers if t.mode}
    missing = [(ty, m) for ty, modes in PLOVER_MODES.items() for m in modes if (ty, m) not in used]
    assert not missing


def test_acled_types_fit_plover_types(triggers: tuple[Trigger, ...]) -> None:
    for t in triggers:
        if t.acled_types is None:
            continue
        disorder, event = t.acled_types
        assert (disorder, event) == ACLED_SUBEVENTS[t.acled or ""]
        if event in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
            assert t.type == "ASSAULT", t.id
        if event in ("Protests", "Riots"):
            assert t.type in ("PROTEST", "ASSAULT"), t.id
        if t.acled in (
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Non-violent transfer of territory",
        ):
            assert "territory" in t.context, t.id


def test_nothing_is_territorial_without_a_change_of_control(triggers: tuple[Trigger, ...]) -> None:
    territorial = {t.id for t in triggers if "territory" in t.context}
    assert {
        "take-control",
        "regain",
        "fall",
        "withdraw",
        "decide-withdraw",
        "threaten-territory",
    } <= territorial
    for plain in ("attack", "clash", "shell", "air-strike", "enter", "advance", "reach", "arrest", "meet"):
        assert plain not in territorial
    by_id = {t.id: t for t in triggers}
    assert by_id["enter"].acled == by_id["advance"].acled == "Armed clash"  # no control without its statement


def test_no_form_is_shared_by_lemmas_of_different_types(triggers: tuple[Trigger, ...]) -> None:
    collisions = {k: set(v) for k, v in form_collisions(triggers).items()}
    assert collisions == INTENTIONAL_COLLISIONS, f"forms with two event types: {collisions}"


def test_collisions_are_detected(tmp_path: Path) -> None:
    extra = write(tmp_path, entry(id="test-protest", type="PROTEST", mode="demo", acled="Peaceful protest"))
    assert set(form_collisions(load_triggers([extra]))[normalize_for_match("قصف")]) == {
        "shell",
        "shelling-noun",
        "test-protest",
    }


def test_a_shared_form_is_a_verb_and_its_verbal_noun(triggers: tuple[Trigger, ...]) -> None:
    for key, pairs in form_index(triggers).items():
        lemmas = {t.id: t for t, _ in pairs}
        if len(lemmas) == 1:
            assert len(pairs) == 1, f"{key!r} listed twice in {next(iter(lemmas))}"
            continue
        assert len(lemmas) == 2 and {t.pos for t in lemmas.values()} == {"verb", "noun"}, (key, list(lemmas))
        assert len({(t.type, t.mode, t.acled) for t in lemmas.values()}) == 1, (key, list(lemmas))


def test_forms_are_bare_arabic_words(triggers: tuple[Trigger, ...]) -> None:
    for t in triggers:
        assert t.forms, t.id
        for form, _kind in t.surfaces():
            key = normalize_for_match(form)
            assert key and all("\u0621" <= ch <= "\u064a" or ch == " " for ch in key), (t.id, form)
            assert not key.startswith(("وال", "فال", "بال", "كال", "لل", "ولل", "فلل")), (t.id, form)


def kinds_of(triggers: tuple[Trigger, ...], form: str) -> set[tuple[str, str]]:
    """(type, kind) of every lemma listing ``form``."""
    return {(t.type, kind) for t, kind in form_index(triggers).get(normalize_for_match(form), ())}


def test_the_seed_key_verbs_are_present(triggers: tuple[Trigger, ...]) -> None:
    assert ("CONSULT", "we") in kinds_of(triggers, "تواصلنا")
    assert ("CONSULT", "we") in kinds_of(triggers, "أرسلنا")
    assert ("MOBILIZE", "we") in kinds_of(triggers, "دفعنا")
    assert ("CONSULT", "we") in kinds_of(triggers, "جلسنا")
    assert ("AGREE", "we") in kinds_of(triggers, "عرضنا")
    assert ("ASSAULT", "forms") in kinds_of(triggers, "سقطت")
    assert ("RETREAT", "forms") in kinds_of(triggers, "انسحبت")
    assert ("REJECT", "forms") in kinds_of(triggers, "رفض")
    by_form = form_index(triggers)
    fall = by_form[normalize_for_match("سقطت")][0][0]
    assert fall.voice == "intransitive" and fall.object == "none"


@pytest.mark.parametrize(
    ("form", "type_"),
    [
        ("هاجم", "ASSAULT"), ("هجوم", "ASSAULT"), ("قصف", "ASSAULT"), ("اشتباكات", "ASSAULT"),
        ("انسحب", "RETREAT"), ("انسحاب", "RETREAT"), ("سيطر", "ASSAULT"), ("سيطرة", "ASSAULT"),
        ("استعاد", "ASSAULT"), ("استعادة", "ASSAULT"), ("سقط", "ASSAULT"), ("سقوط", "ASSAULT"),
        ("تقدم", "ASSAULT"), ("اغتيال", "ASSAULT"), ("تفجير", "ASSAULT"), ("عبوة ناسفة", "ASSAULT"),
        ("غارة", "ASSAULT"), ("غارات", "ASSAULT"), ("استهدف", "ASSAULT"), ("احتجاج", "PROTEST"),
        ("مظاهرة", "PROTEST"), ("اعتقال", "COERCE"), ("خطف", "ASSAULT"), ("اتفاق", "AGREE"),
        ("هدنة", "AGREE"), ("تسوية", "AGREE"), ("مؤازرة", "AID"), ("رفض", "REJECT"), ("طلب", "REQUEST"),
        ("اتهم", "ACCUSE"), ("نفى", "REJECT"), ("بايع", "COOPERATE"), ("انشق", "RETREAT"),
        ("تواصل مع", "CONSULT"), ("أرسل رسالة", "CONSULT"), ("عرض المساعدة", "AGREE"),
        ("طلب مؤازرة", "REQUEST"), ("رد بالرفض", "REJECT"), ("كان الرد سلبيا", "REJECT"),
        ("كان الرد سلبياً", "REJECT"), ("صد", "ASSAULT"), ("أنكر", "REJECT"), ("كذب", "REJECT"),
        ("قرر الانسحاب", "CONCEDE"), ("تأمين مجموعات", "MOBILIZE"), ("طائرة مسيرة", "ASSAULT"),
        ("سيارة مفخخة", "ASSAULT"), ("وقف إطلاق النار", "RETREAT"), ("حظر التجول", "COERCE"),
        ("اتفقا", "AGREE"), ("هاجمها", "ASSAULT"), ("استهدفتها", "ASSAULT"), ("استهدفوه", "ASSAULT"),
        ("هاجمن", "ASSAULT"), ("يهاجمون", "ASSAULT"), ("هاجمنا", "ASSAULT"), ("نهاجم", "ASSAULT"),
        ("انسحبنا", "RETREAT"), ("سيطرنا", "ASSAULT"), ("أصيب", "ASSAULT"), ("مقتل", "ASSAULT"),
        ("قتلى", "ASSAULT"),
    ],
)  # fmt: skip
def test_issue_and_seed_examples(triggers: tuple[Trigger, ...], form: str, type_: str) -> None:
    assert type_ in {ty for ty, _ in kinds_of(triggers, form)}, form


def test_passive_and_we_readings(triggers: tuple[Trigger, ...]) -> None:
    by_id = {t.id: t for t in triggers}
    assert by_id["injure"].voice == "passive" and "أصيبوا" in by_id["injure"].forms
    assert "اغتيل" in by_id["assassinate"].passive and by_id["assassinate"].voice == "active"
    assert "استعيدت" in by_id["regain"].passive
    assert by_id["arrest-noun"].voice == "passive"  # اعتقال الناشط: the complement is the detainee
    assert by_id["attack-noun"].voice == "active"  # هجوم التنظيم: the complement is the agent
    assert by_id["fall-noun"].voice == "intransitive"
    assert ("ASSAULT", "passive") in kinds_of(triggers, "اغتيلت")
    assert "هاجمنا" in by_id["attack"].we and "نهاجم" in by_id["attack"].we


def test_ambiguous_words_are_left_out(triggers: tuple[Trigger, ...]) -> None:
    index = form_index(triggers)
    for word in (
        "فجر",
        "تدمر",
        "حشد",
        "أسر",
        "أسرة",
        "صادر",
        "فرق",
        "مسيرة",
        "تواصل",
        "إنذار",
        "الاحتلال",
        "تحالف",
        "عرض",
        "وقع",
        "أسقط",
        "جرف",
    ):
        assert normalize_for_match(word) not in index, word


def test_trigger_helpers(triggers: tuple[Trigger, ...]) -> None:
    by_id = {t.id: t for t in triggers}
    shell = by_id["shell"]
    assert shell.quad == "material conflict"
    assert shell.acled_types == ("Political violence", "Explosions/Remote violence")
    assert by_id["contact"].acled_types is None
    kinds = [kind for _, kind in by_id["regain"].surfaces()]
    assert kinds.index("we") > kinds.index("forms") and kinds[-1] == "passive"


# --------------------------------------------------------------------------------------- extension


def test_extra_file_adds_and_replaces_in_place(tmp_path: Path) -> None:
    replaced = entry(id="shell", forms="[قصف, دك]", we="[]")
    path = write(tmp_path, VALID + replaced)
    base = load_triggers()
    merged = load_triggers([path])
    assert len(merged) == len(base) + 1
    assert merged[-1].id == "test-shell" and merged[-1].we == ("قصفنا",)
    position = [t.id for t in base].index("shell")
    assert merged[position].id == "shell" and merged[position].forms == ("قصف", "دك")


def test_extra_directory(tmp_path: Path) -> None:
    write(tmp_path, VALID, "a/one.yaml")
    write(tmp_path, entry(id="test-two", forms="[صاروخ]"), "a/b/two.yml")
    ids = [t.id for t in load_triggers([tmp_path / "a"])]
    assert ids[-2:] == ["test-two", "test-shell"]  # files in sorted path order: a/b/two.yml, a/one.yaml


# ------------------------------------------------------------------------------- validation errors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (entry(type="ASSAULTS"), "unknown PLOVER type 'ASSAULTS'. Did you mean 'ASSAULT'?"),
        (entry(mode="demo"), "mode 'demo' is not a mode of ASSAULT. Use one of: abduct,"),
        (entry(type="AGREE", mode="phone", acled="Agreement"), "AGREE has no modes: write mode: null"),
        (entry(acled="Shelling"), "unknown ACLED sub-event type 'Shelling'"),
        (entry(acled="Air strike"), "Did you mean 'Air/drone strike'?"),
        (entry(type="PROTEST", mode="demo"), "ACLED Explosions/Remote violence sub-event"),
        (entry(acled="Government regains territory"), "without context 'territory'"),
        (entry(forms="[]"), "has no forms. Add 'forms:'"),
        (entry(forms="<drop>"), "has no forms"),
        (entry(forms="[والقصف]"), "forms[0] 'والقصف' starts with a proclitic and the article"),
        (entry(forms="[قصف, بالقصف]"), "forms[1] 'بالقصف' starts with a proclitic"),
        (entry(forms="[للانسحاب]"), "forms[0] 'للانسحاب' starts with a proclitic"),
        (entry(forms="[قصف!]"), "contains characters other than Arabic letters"),
        (entry(forms="[shell]"), "contains characters other than Arabic letters"),
        (entry(forms="[ًٌ]"), "is empty after normalization"),
        (entry(forms="[قصفت, قصفتْ]"), "forms[1] 'قصفتْ' repeats forms form 'قصفت'"),
        (entry(we="[قصف]"), "we[0] 'قصف' repeats forms form 'قصف'"),
        (entry(forms="[12]"), "forms[0] 12 is not text"),
        (entry(voice="middle"), "voice 'middle' is not one of active, passive, intransitive"),
        (entry(pos="adjective"), "pos 'adjective' is not one of verb, noun"),
        (entry(object="thing"), "object 'thing' is not one of actor, place, either, none"),
        (entry(context="[militray]"), "unknown PLOVER context 'militray'. Did you mean 'military'?"),
        (entry(context="[future]"), "unknown PLOVER context 'future'"),
        (entry(type="<drop>"), "missing required field 'type'"),
        (entry(id="Test_Shell"), "bad id 'Test_Shell'"),
        (VALID.replace("  we:", "  our:"), "unknown field 'our'"),
        (VALID.replace("  context:", "  contexts:"), "unknown field 'contexts'. Did you mean 'context'?"),
        (VALID + VALID, "entry #1 (id 'test-shell'): duplicate id 'test-shell' (also entry #0 of this file)"),
        ("- just a string\n", "entry #0: must be a mapping of fields, got str"),
        ("id: x\n", "top level must be a YAML list of trigger entries"),
        (VALID + "  lemma: ثاني\n", "duplicate key 'lemma'"),
        ("- id: [unclosed\n", "is not valid YAML at line"),
    ],
)
def test_trigger_validation_errors(tmp_path: Path, text: str, expected: str) -> None:
    message = trigger_error(tmp_path, text)
    assert expected in message
    assert message.startswith(str(tmp_path / "extra.yaml"))


def test_error_names_file_entry_problem_and_fix(tmp_path: Path) -> None:
    message = trigger_error(tmp_path, VALID + entry(id="test-bad", mode="drone", type="AGREE", acled="null"))
    assert message == (
        f"{tmp_path / 'extra.yaml'}: entry #1 (id 'test-bad'): mode 'drone' is not a mode of AGREE. "
        "AGREE has no modes: write mode: null."
    )


def test_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="does not exist"):
        load_triggers([tmp_path / "nope.yaml"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(LexiconError, match=r"contains no \.yaml or \.yml files"):
        load_triggers([tmp_path / "empty"])
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("- id: x\n  lemma: é\n".encode("latin-1"))
    with pytest.raises(LexiconError, match="is not UTF-8"):
        load_triggers([bad])


# ------------------------------------------------------------------------------------------ cues


def test_packaged_cues(cues: EventCues) -> None:
    for name in CUE_LISTS:
        words = getattr(cues, name)
        assert isinstance(words, frozenset) and words
        assert all(w == normalize_for_match(w) for w in words), name
    assert {"لم", "لن", "لا", "ليس", "ليست", "لسنا", "دون ان", "بدون"} <= cues.negators
    assert {"نفي", "نفت", "ينفي", "انكر", "انكرت", "تنكر", "كذب", "كذبت", "تكذب"} <= cues.denials
    assert {"سوف", "تعتزم", "تنوي", "قررت", "قرر", "بصدد", "من المقرر", "يعتزم", "ينوي"} <= cues.future
    assert {"اذا", "لو", "في حال", "في حاله", "حال"} <= cues.hypothetical
    assert {"طلب", "طالبت", "دعا", "ناشد", "يطالب", "طلبوا"} <= cues.request
    assert {"قال", "افادت", "ذكر", "اعلن", "اكدت", "وثق", "رصدت", "زعم", "ادعي"} <= cues.reporting
    assert {"وفق", "وفقا ل", "بحسب", "حسب", "نقلا عن", "بحسب ما افاد", "وفق ما افاد"} <= cues.according_to
    assert {"مركز", "مذكرات", "ازاله", "تحت"} <= cues.blockers
    # Left out on purpose: ما is mostly "which" (ما أدى إلى مقتل), إن folds to أن ("that").
    assert "ما" not in cues.negators and "ان" not in cues.hypothetical
    assert cues.max_words >= 5  # "لا أساس له من الصحة"


def test_casualty_words(cues: EventCues) -> None:
    assert set(cues.casualties) == set(CASUALTY_KINDS)
    assert {
        "مقتل",
        "قتلي",
        "قتيلا",
        "شهداء",
        "استشهاد",
        "مصرع",
        "لقي حتفه",
        "لقوا حتفهم",
        "جثث",
    } <= cues.killed
    assert {"اصابه", "اصيب", "اصيبوا", "جريح", "جرحي", "جرح"} <= cues.injured
    assert {"اعتقال", "اعتقل", "معتقلين", "اسر", "اسري", "توقيف", "احتجاز"} <= cues.arrested
    assert cues.casualty_kind("قتلى") == "killed" and cues.casualty_kind("جرحى") == "injured"
    assert cues.casualty_kind("أسرى") == "arrested" and cues.casualty_kind("مدنيين") is None


def test_number_words(cues: EventCues) -> None:
    values = {v for v in cues.number_words.values() if v is not None}
    assert set(range(1, 21)) | set(range(30, 100, 10)) <= values
    n = cues.number_words
    assert n["ثلاثه"] == n["ثلاث"] == 3 and n["اثنين"] == n["اثنتان"] == 2 and n["واحدا"] == 1
    assert n["خمسه عشر"] == n["خمس عشره"] == 15 and n["عشرين"] == 20 and n["تسعين"] == 90
    assert n["عشرات"] is None and "عشرات" in n


def test_denials_are_reject_triggers(triggers: tuple[Trigger, ...], cues: EventCues) -> None:
    index = form_index(triggers)
    for word in cues.denials:
        assert word in index and any(t.type == "REJECT" for t, _ in index[word]), word


def test_cue_lists_are_not_triggers_except_request_and_future(
    triggers: tuple[Trigger, ...], cues: EventCues
) -> None:
    index = form_index(triggers)
    for name in ("negators", "hypothetical", "reporting", "according_to"):
        assert not [w for w in getattr(cues, name) if w in index], name
    # طلب، دعا، تعهد are events themselves and also mark the event noun after them as requested/future.
    assert all(t.type == "REQUEST" for w in cues.request if w in index for t, _ in index[w])
    assert all(t.type == "AGREE" for w in cues.future if w in index for t, _ in index[w])


def cue_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(LexiconError) as info:
        load_event_cues(write(tmp_path, text, "cues.yaml"))
    return str(info.value)


def cue_text(**changes: str) -> str:
    """The packaged cue file with a top-level key or a casualty kind (and its continuation lines) replaced."""
    lines = CUES_FILE.read_text(encoding="utf-8").splitlines()
    for key, value in changes.items():
        sub = key in CASUALTY_KINDS
        prefix = f"  {key}:" if sub else f"{key}:"
        start = next(i for i, line in enumerate(lines) if line.startswith(prefix))
        end = start + 1
        while end < len(lines) and lines[end].startswith(" ") and not (sub and lines[end][2] != " "):
            end += 1
        lines[start:end] = [] if value == "<drop>" else [f"{prefix} {value}"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"negators": "[لم, قال]"}, "'قال' is both in 'negators' and in 'reporting'"),
        ({"negators": "[لم, لمْ]"}, "negators[1] 'لمْ' is listed twice (after normalization)"),
        ({"negators": "[]"}, "'negators' must be a non-empty list of words"),
        ({"negators": "[not]"}, "negators[0] 'not' is not an Arabic word or phrase"),
        ({"negators": "<drop>"}, "missing key 'negators'"),
        ({"killed": "[قتيل, جريح]"}, "'جريح' is both in 'casualties.killed' and in 'casualties.injured'"),
        ({"arrested": "<drop>"}, "'casualties' must be a mapping with exactly killed, injured and arrested"),
        ({"number_words": "{ثلاثة: -3}"}, "number word 'ثلاثة' has value -3"),
        ({"number_words": "{ثلاثة: three}"}, "number word 'ثلاثة' has value 'three'"),
        ({"number_words": "{ثلاثة: true}"}, "number word 'ثلاثة' has value True"),
        ({"number_words": "{3: 3}"}, "number word 3 is not an Arabic word"),
        ({"number_words": "{ثلاثة: 3, ثلاثه: 3}"}, "number word 'ثلاثه' is listed twice"),
    ],
)
def test_cue_validation_errors(tmp_path: Path, changes: dict[str, str], expected: str) -> None:
    message = cue_error(tmp_path, cue_text(**changes))
    assert expected in message and message.startswith(str(tmp_path / "cues.yaml"))


def test_cue_file_shape_errors(tmp_path: Path) -> None:
    assert "unknown key 'negator'. Did you mean 'negators'?" in cue_error(
        tmp_path, cue_text() + "negator: [لم]\n"
    )
    assert "must be a mapping with keys negators" in cue_error(tmp_path, "- لم\n")


# ------------------------------------------------------------------------------------------- docs


def test_docs_describe_every_field_and_key() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Triggers and event cues") :]
    for name in Trigger.__dataclass_fields__:
        assert f"`{name}`" in section, name
    for key in (*CUE_LISTS, "casualties", "number_words", *CASUALTY_KINDS):
        assert f"`{key}`" in section, key
    assert "load_triggers" in section and "LexiconError" in section
