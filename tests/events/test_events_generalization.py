"""Syntactic classes the extractor must read the same way in any report (found on gold/dev/mixed-4.txt,
tested here on other sentences): light verbs and their object nouns, answers "بـ" an attack, agents
marked by ل only next to the noun, charges and affiliations, definite subjects of verbal events,
denials of an earlier report, events that share a subject with the noun next to them, and recognizer
cues for places."""

from __future__ import annotations

import pytest

from marsad.events.lexicon import default_triggers
from marsad.events.triggers import TriggerMatcher
from marsad.model import Document, Event, Label
from marsad.pipeline import Pipeline
from marsad.text.normalize import NormalizedText


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline.default()


def run(nlp: Pipeline, text: str, **kw: object) -> Document:
    doc = nlp(Document(id="t", text=text, **kw))  # type: ignore[arg-type]
    for ev in doc.events:
        for span in (ev.trigger, *ev.evidence):
            assert text[span.start : span.end] == span.text
    return doc


def events(nlp: Pipeline, text: str, **kw: object) -> list[Event]:
    return run(nlp, text, **kw).events


def with_trigger(evs: list[Event], word: str) -> Event:
    """The event whose trigger holds the word, else the first whose evidence does."""
    found = [e for e in evs if word in e.trigger.text] or [
        e for e in evs if any(word in x.text for x in e.evidence)
    ]
    assert found, [(e.type, e.trigger.text) for e in evs]
    return found[0]


def test_a_noun_after_ba_or_the_article_is_read_as_the_noun() -> None:
    matcher = TriggerMatcher(default_triggers())
    hits = matcher.find(NormalizedText("أصيب ثلاثة بالقصف على البلدة"))
    shelling = [h for h in hits if h.text.endswith("قصف")]
    assert shelling and shelling[0].trigger.pos == "noun"


def test_light_verbs_give_the_doer_of_their_object_noun(nlp: Pipeline) -> None:
    ev = with_trigger(
        events(nlp, "وشنت طائرات سلاح الجو العراقي مساء الخميس ثلاث غارات على مخابئ للتنظيم في وادي حوران."),
        "غارات",
    )
    assert ev.actor1 == "iraqi-air-force"
    assert ev.actor2 == "islamic-state"
    statement = "هيئة الحشد الشعبي - مديرية الإعلام\nنفذت قطعاتنا صباح اليوم عملية تفتيش في بساتين المنطقة."
    sweep = with_trigger(events(nlp, statement), "تفتيش")
    assert sweep.actor1 == "popular-mobilization-forces"


def test_qiyam_and_aqdama_make_their_subject_the_doer(nlp: Pipeline) -> None:
    arrest = with_trigger(
        events(nlp, "رصدنا قيام قوات الحزام الأمني باعتقال صحفي من منزله في مديرية الشيخ عثمان."), "اعتقال"
    )
    assert arrest.actor1 == "security-belt-forces" and arrest.actor2 is None
    killing = with_trigger(
        events(nlp, "أقدم مسلحون مجهولون على اغتيال مختار القرية بإطلاق النار عليه قرب منزله."), "اغتيال"
    )
    assert killing.actor1 == "unidentified-armed-group"


def test_an_answer_with_ba_is_done_by_the_answering_side(nlp: Pipeline) -> None:
    ev = with_trigger(events(nlp, "وردت قوات النظام بقصف مواقع الجيش الوطني السوري في محيط مارع."), "قصف")
    assert ev.actor1 == "syrian-government-forces"
    assert ev.actor2 == "syrian-national-army"


def test_lam_after_an_object_names_its_owner_not_the_agent(nlp: Pipeline) -> None:
    ev = with_trigger(
        events(nlp, "استهدفت طائرة مسيرة مجهولة ليل الأحد مخزناً لكتائب حزب الله في منطقة جرف الصخر."),
        "استهدفت",
    )
    assert ev.actor1 is None
    assert ev.actor2 == "kataib-hezbollah"


def test_a_charge_or_an_affiliation_is_no_party(nlp: Pipeline) -> None:
    arrest = with_trigger(
        events(nlp, "أعلن جهاز مكافحة الإرهاب اعتقال ثلاثة متهمين بالانتماء إلى داعش في الموصل."), "اعتقال"
    )
    assert arrest.actor1 == "counter-terrorism-service" and arrest.actor2 is None
    taken = with_trigger(
        events(nlp, "سيطرت قوات موالية لحكومة الوحدة الوطنية على معسكر التكبالي في طرابلس."), "سيطرت"
    )
    assert taken.actor1 == "gnu-forces"


def test_our_forces_after_a_noun_make_the_deed_ours(nlp: Pipeline) -> None:
    text = "ننفي ما تروجه صفحات النظام عن انسحاب عناصرنا من تلة الصيادين.\nالمكتب الإعلامي / جيش العزة"
    retreat = [e for e in events(nlp, text) if e.type == "RETREAT"]
    assert retreat and retreat[0].actor1 == "jaish-al-izza"


def test_a_definite_subject_of_a_verbal_event(nlp: Pipeline) -> None:
    doc = run(
        nlp,
        "وثقت الشبكة السورية لحقوق الإنسان اعتقال قوات النظام عشرة مدنيين في مدينة التل.\n"
        "وتطالب الشبكة بالإفراج عنهم.\n"
        "وتدعو المنظمة المجلس الانتقالي الجنوبي إلى التحقيق.",
    )
    demand = with_trigger(doc.events, "تطالب")
    assert demand.actor1 == "syrian-network-for-human-rights"
    call = with_trigger(doc.events, "تدعو")
    assert call.actor1 is None and call.actor2 == "southern-transitional-council"


def test_a_verb_next_to_a_weapon_takes_no_they(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "شنت طائرات حربية روسية غارات على بلدة كفرنبل.\n"
        "وقُتل جنديان من قوات النظام بانفجار عبوة ناسفة استهدفت سيارتهما قرب خان شيخون.",
    )
    blast = with_trigger(evs, "عبوة")
    assert blast.actor1 is None and blast.actor2 == "syrian-government-forces"


def test_a_denial_names_the_reported_event_again(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "قُتل خمسة مدنيين في غارات على مدينة أريحا.\n"
        "وتبادلت الفصائل وقوات النظام القصف على محاور جبل الزاوية.\n"
        "وسيطرت قوات النظام على قرية كفرعويد.\n"
        "ونفت موسكو مشاركة طائراتها في الغارات على أريحا.",
    )
    strikes = [e for e in evs if e.type == "ASSAULT" and "غارات" in e.trigger.text]
    assert len(strikes) == 1
    denial = with_trigger(evs, "نفت")
    assert denial.type == "REJECT" and denial.disputes == strikes[0].id


def test_a_nominal_denial_after_we_say(nlp: Pipeline) -> None:
    text = (
        "ونؤكد أن ما روجت له وسائل إعلام تحالف العدوان عن سيطرة قوات الشرعية على جبل نهم عارٍ عن الصحة.\n"
        "العميد يحيى سريع\n"
        "المتحدث الرسمي باسم القوات المسلحة اليمنية"
    )
    denial = [e for e in events(nlp, text) if e.type == "REJECT"]
    assert denial and denial[0].actor1 == "houthis"


def test_an_opening_announcement_names_the_author(nlp: Pipeline) -> None:
    doc = run(
        nlp,
        "تعلن القيادة العامة للقوات المسلحة العربية الليبية أن وحداتنا انسحبت من معسكر حمزة لإعادة التموضع.",
    )
    assert doc.author is not None and doc.author.organization == "libyan-national-army"
    retreat = [e for e in doc.events if e.type == "RETREAT"]
    assert retreat and retreat[0].actor1 == "libyan-national-army"


def test_the_subject_of_the_next_clause_is_no_object(nlp: Pipeline) -> None:
    evs = events(nlp, "انسحبت قوات حفتر من البلدة صباح اليوم وقوات الوفاق دخلت مدينة غريان من غير قتال")
    retreat = with_trigger(evs, "انسحبت")
    assert retreat.actor1 == "libyan-national-army" and retreat.actor2 is None
    entry = with_trigger(evs, "دخلت")
    assert entry.type == "MOBILIZE" and entry.actor1 == "gnu-forces"
    assert not [e for e in evs if "قتال" in e.trigger.text]


def test_deaths_wait_for_the_cause_their_sentence_names(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "أكد معتقلون سابقون تعرضهم للتعذيب على يد عناصر الكانيات في سجن الداعوة.\n"
        "ووثقنا مقتل مدنيين اثنين يوم الأربعاء 10 حزيران 2020 بانفجار لغم أرضي في منطقة صلاح الدين.",
        published="2020-06-20",
    )
    torture = with_trigger(evs, "تعذيب")
    assert torture.date != "2020-06-10"
    blast = with_trigger(evs, "لغم")
    assert blast.date == "2020-06-10" and blast.actor2 == "civilians"


def test_bare_mundhu_after_the_killing_is_no_tally(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "كما وثقت الشبكة مقتل الشاب محمد العلي تحت التعذيب في سجن صيدنايا، بعد اعتقاله منذ عام 2018.",
    )
    assert any(e.mode == "torture" for e in evs)


def test_dialect_ala_and_shooting_at_protesters(nlp: Pipeline) -> None:
    ev = with_trigger(
        events(
            nlp, "#بغداد\nالقوات الامنيه تطلق الرصاص الحي ع المتظاهرين بساحة التحرير", published="2019-11-01"
        ),
        "تطلق",
    )
    assert ev.type == "ASSAULT"
    assert ev.actor1 == "iraqi-security-forces" and ev.actor2 == "protesters"


def test_a_side_named_by_its_adjective(nlp: Pipeline) -> None:
    ev = with_trigger(events(nlp, "ونحمّل الجانب التركي كامل المسؤولية عن التصعيد."), "نحم")
    assert ev.actor2 == "turkish-armed-forces"


def test_shells_that_fall_are_no_place(nlp: Pipeline) -> None:
    doc = run(nlp, "سقطت قذيفتين على حيي الميدان والقدم في دمشق.")
    places = [m.text for m in doc.mentions if m.label == Label.PLACE]
    assert "قذيفتين" not in places and "حيي" not in places


def test_a_verb_phrase_split_by_a_time(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "أعلنت قوات الوفاق أن دفاعاتها أسقطت فجر اليوم طائرة مسيرة فوق قاعدة الوطية.",
        published="2020-05-18",
    )
    downed = with_trigger(evs, "أسقطت")
    assert downed.type == "ASSAULT"
    assert downed.acled is not None and downed.acled["sub_event_type"] == "Disrupted weapons use"
    assert downed.date == "2020-05-18"


def test_death_under_torture_is_one_event(nlp: Pipeline) -> None:
    evs = events(nlp, "ووثقنا مقتل المعتقل خالد الحسن تحت التعذيب في سجن صيدنايا العسكري.")
    assaults = [e for e in evs if e.type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].mode == "torture"


def test_a_time_within_the_day_dates_by_its_anchor_or_the_report(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "انفجار عبوة ناسفة بسيارة عسكرية الساعه ٨ مساءا بالرقة\nوفي المساء قصف مدفعي ع الاحياء الشرقية",
        published="2021-05-02",
    )
    assert [e.date for e in evs if e.type == "ASSAULT"] == ["2021-05-02", "2021-05-02"]


def test_the_other_side_past_min_jiha_and_a_head_noun(nlp: Pipeline) -> None:
    ev = with_trigger(
        events(
            nlp,
            "اندلعت اشتباكات عنيفة مساء الأحد بين قوات سوريا الديمقراطية من جهة، "
            "وفصائل الجيش الوطني السوري من جهة أخرى، على محاور قرب عين عيسى.",
        ),
        "اشتباكات",
    )
    assert (ev.actor1, ev.actor2) == ("syrian-democratic-forces", "syrian-national-army")


def test_an_attack_on_our_positions_targets_us(nlp: Pipeline) -> None:
    text = "هاجمت الهيئة فجر اليوم مواقعنا في بلدة سرمدا.\nالمكتب الإعلامي / حركة أحرار الشام الإسلامية"
    ev = with_trigger(events(nlp, text), "هاجمت")
    assert (ev.actor1, ev.actor2) == ("hayat-tahrir-al-sham", "ahrar-al-sham")


def test_a_verb_that_tells_what_the_attack_hit_is_the_same_event(nlp: Pipeline) -> None:
    evs = events(nlp, "قُتل صياد بغارة جوية لطيران التحالف العربي استهدفت قاربه قبالة سواحل الخوخة.")
    assert len([e for e in evs if e.type == "ASSAULT"]) == 1


def test_a_tally_after_wa_mundhu_is_no_event(nlp: Pipeline) -> None:
    evs = events(nlp, "ومنذ مطلع عام 2019 وثقنا مقتل 40 مدنياً بانفجار ألغام في مديريات الدريهمي والتحيتا.")
    assert not [e for e in evs if e.type == "ASSAULT"]


def test_ground_taken_after_a_battle_is_one_event(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "تمكنت قوات النظام من السيطرة على قرية الحماميات في ريف حماة بعد معارك عنيفة مع فصائل المعارضة.",
    )
    assert len([e for e in evs if e.type == "ASSAULT"]) == 1


def test_an_advance_is_repelled_where_it_was_heading(nlp: Pipeline) -> None:
    text = (
        "تمكن مجاهدونا من صد زحف واسع لمرتزقة العدوان باتجاه مديرية نهم.\n"
        "المتحدث الرسمي باسم القوات المسلحة اليمنية\nالعميد يحيى سريع"
    )
    ev = with_trigger(events(nlp, text), "صد")
    assert ev.place is not None and ev.place != "admin1:YE.14"
    assert "نهم" in ev.place or ev.place.startswith("geonames:")


def sub_event(ev: Event) -> str | None:
    return ev.acled["sub_event_type"] if ev.acled else None


def test_massing_troops_is_a_change_to_group_activity(nlp: Pipeline) -> None:
    ev = with_trigger(events(nlp, "وتحشد قوات الوفاق عناصرها في محيط مدينة سرت."), "تحشد")
    assert ev.type == "MOBILIZE" and sub_event(ev) == "Change to group/activity"


def test_force_on_protesters_is_excessive_force(nlp: Pipeline) -> None:
    ev = with_trigger(
        events(nlp, "#الناصرية\nاطلاق نار حي على المتظاهرين عند جسر الزيتون من قبل القوات الامنية"), "اطلاق"
    )
    assert ev.actor2 == "protesters"
    assert sub_event(ev) == "Excessive force against protesters"


def test_shelling_by_aircraft_is_an_air_strike(nlp: Pipeline) -> None:
    ev = with_trigger(events(nlp, "في حين يواصل الطيران الروسي قصف مدينة معرة النعمان."), "قصف")
    assert ev.mode == "aerial" and sub_event(ev) == "Air/drone strike"
    shelled = with_trigger(events(nlp, "قصفت قوات النظام بالمدفعية مدينة معرة النعمان."), "قصفت")
    assert sub_event(shelled) == "Shelling/artillery/missile attack"


def test_a_fall_of_victims_is_no_fall_of_a_place(nlp: Pipeline) -> None:
    evs = events(nlp, "كما سقط قتلى في مدينة الصدر خلال تفريق المتظاهرين.")
    assert not [e for e in evs if e.acled and "territory" in e.acled["sub_event_type"]]


def test_a_detention_place_belongs_to_the_torturer(nlp: Pipeline) -> None:
    ev = with_trigger(
        events(nlp, "وتوفي المعتقل تحت التعذيب في أحد مراكز الاحتجاز التابعة لشعبة المخابرات العسكرية."),
        "التعذيب",
    )
    assert ev.actor1 == "syrian-military-intelligence"


def test_an_agent_phrase_makes_a_bare_verb_passive(nlp: Pipeline) -> None:
    ev = with_trigger(events(nlp, "#سبها\nخطف شابين من قبل مسلحين مجهولين ع طريق أوباري"), "خطف")
    assert ev.actor1 == "unidentified-armed-group"


def test_sending_with_ba_is_done_by_the_sender(nlp: Pipeline) -> None:
    ev = with_trigger(events(nlp, "فيما دفع اللواء 444 بتعزيزات إلى مدينة غريان."), "تعزيزات")
    assert ev.type == "MOBILIZE" and ev.actor1 == "brigade-444"


def test_a_known_person_acts_for_his_organization(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "قتل زعيم تنظيم الدولة أبو إبراهيم الهاشمي القرشي في عملية أمريكية.\n"
        "وقالت واشنطن إن القرشي فجّر عبوة ناسفة في الطابق العلوي من المنزل.",
    )
    assert with_trigger(evs, "عبوة").actor1 == "islamic-state"


def test_a_time_of_another_clause_does_not_date_the_event(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "كما وثقت الشبكة مقتل الشاب سامر الأحمد تحت التعذيب في سجن صيدنايا، بعد اعتقاله منذ عام 2018.",
        published="2022-03-01",
    )
    torture = [e for e in evs if e.mode == "torture"]
    assert torture and torture[0].date == "2022-03-01"


def test_a_named_generic_force_and_mercenaries_of_the_enemy(nlp: Pipeline) -> None:
    text = (
        "واستهدفت القوة الصاروخية بصاروخ باليستي تجمعاً لمرتزقة تحالف العدوان في مديرية حريب.\n"
        "المتحدث الرسمي باسم القوات المسلحة اليمنية\nالعميد يحيى سريع"
    )
    ev = with_trigger(events(nlp, text), "استهدفت")
    assert (ev.actor1, ev.actor2) == ("houthis", "saudi-led-coalition")


def test_a_repelled_attack_names_its_agent_as_the_target(nlp: Pipeline) -> None:
    ev = with_trigger(
        events(nlp, "تمكنت قطعات الحشد الشعبي ليلة أمس من صد تعرض لفلول داعش على قرية الخزامية."), "صد"
    )
    assert (ev.actor1, ev.actor2) == ("popular-mobilization-forces", "islamic-state")


def test_them_in_a_demand_is_no_addressee(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "اعتقلت قوات الأسايش عشرة شبان في الحسكة.\nونطالب بالكشف عن مصيرهم والإفراج عنهم.",
    )
    demand = with_trigger(evs, "نطالب")
    assert demand.actor2 is None


def test_who_carried_out_a_repelled_attack_is_the_target(nlp: Pipeline) -> None:
    text = (
        "تصدى مقاتلونا يوم الخميس 6 حزيران 2019 لمحاولة تقدم نفذتها مجموعات من جيش الأسد على محور "
        "الحماميات، ودمروا دبابة بصاروخ موجه.\nالمكتب الإعلامي / جيش العزة"
    )
    evs = [e for e in events(nlp, text) if e.type == "ASSAULT"]
    assert len(evs) == 1
    assert (evs[0].actor1, evs[0].actor2) == ("jaish-al-izza", "syrian-government-forces")
    assert sub_event(evs[0]) == "Armed clash"


def test_an_unknown_name_after_a_weak_place_word(nlp: Pipeline) -> None:
    doc = run(nlp, "تجمع لمرتزقة العدوان في منطقة الكسارة، وسقطت قذائف على سوق الشنيني، ومنطقة آمنة.")
    places = [m.text for m in doc.mentions if m.label == Label.PLACE]
    assert "الكسارة" in places and "الشنيني" in places
    assert "آمنة" not in places


def test_the_place_fire_came_from_is_no_place_of_the_attack(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "قتل طفل برصاص قناص في حي ثعبات شرقي مدينة تعز.\n"
        "وتعرض الحي كذلك لقصف بقذائف الهاون من مواقع الحوثيين في منطقة الحوبان.",
    )
    shelling = with_trigger(evs, "قصف")
    assert shelling.place is not None and "ثعبات" in shelling.place


def test_a_missile_launched_from_a_place_is_told_again(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "سقوط صاروخ كاتيوشا قرب السفارة الامريكيه بالمنطقه الخضراء وسط بغداد\n"
        "مصدر امني: الصاروخ انطلق من منطقة الزعفرانية جنوب شرقي العاصمة",
    )
    assert len([e for e in evs if e.type == "ASSAULT"]) == 1


def test_a_title_after_a_place_word_starts_a_place_name(nlp: Pipeline) -> None:
    doc = run(nlp, "أقدم مسلحون مجهولون على اغتيال إمام مسجد في مديرية الشيخ عثمان بإطلاق النار عليه.")
    assert not [m for m in doc.mentions if m.label == Label.PERSON]
    killing = with_trigger(doc.events, "اغتيال")
    assert killing.actor1 == "unidentified-armed-group" and killing.actor2 != killing.actor1


def test_a_compound_name_after_a_weak_place_word(nlp: Pipeline) -> None:
    doc = run(nlp, "بانفجار لغم أرضي داخل منزل في منطقة عين زارة جنوب طرابلس.")
    assert "عين زارة" in [m.text for m in doc.mentions if m.label == Label.PLACE]
    assert not [e for e in doc.events if e.type == "CONSULT"]  # "زارة" is no visit


def test_a_family_name_without_the_article_names_the_person_again(nlp: Pipeline) -> None:
    doc = run(
        nlp,
        "اعتقلت قوات الحزام الأمني الناشط سالم باحميش في عدن.\nوتدعو المنظمة إلى الإفراج الفوري عن باحميش.",
    )
    people = [m.text for m in doc.mentions if m.label == Label.PERSON]
    assert people == ["سالم باحميش", "باحميش"]
