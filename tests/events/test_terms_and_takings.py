"""An agreement's terms, bodies named after a task, circumstances and aid entering are no happenings;
an attack named again by its noun or by a condemnation, one of the strikes, the support of an operation,
a defection with its joining, and a person led away after a raid are one event each; recent spans date
a deed; fights take their other side from the sentence. Sentences written for these tests."""

from __future__ import annotations

from marsad.model import Event

from .conftest import Extract, only

YE = {"country": "YE", "date": "2019-05-14"}


def _triggers(evs: list[Event]) -> list[str]:
    return [e.trigger.text for e in evs]


def test_an_agreements_terms_and_the_bodies_named_after_it_are_no_happenings(extract: Extract) -> None:
    text = (
        "وقال رئيس الفريق الحكومي في لجنة تنسيق إعادة الانتشار إن الاجتماع انتهى دون نتائج.\n"
        "وأعلنت بعثة الأمم المتحدة لدعم اتفاق الحديدة عقد جولة جديدة الأسبوع المقبل.\n"
        "وتنص المرحلة الثانية من الاتفاق على إعادة انتشار متبادلة من مدينة الحديدة وفتح ممرات إنسانية،"
        " وسط تبادل مستمر للاتهامات بين الطرفين.\n"
        "وتعتمد المنطقة على المساعدات الإنسانية التي تدخل عبر المعابر، منذ دخول الاتفاق حيز التنفيذ."
    )
    evs = extract(text, meta=YE)
    assert not [e for e in evs if e.type in ("MOBILIZE", "AGREE", "RETREAT", "ACCUSE", "ASSAULT")], [
        (e.type, e.trigger.text) for e in evs
    ]


def test_a_denial_told_with_the_deed_it_denies_and_a_recent_span(extract: Extract) -> None:
    text = (
        "أعلنت البعثة اليوم الثلاثاء أن جماعة الحوثي انسحبت خلال الأيام الثلاثة الماضية من ميناء الصليف.\n"
        "وقال رئيس الفريق الحكومي إن ما جرى مسرحية، نافياً أن يكون الحوثيون قد انسحبوا فعلياً من الموانئ."
    )
    evs = extract(text, published="2019-05-14", meta=YE)
    assert [e.type for e in evs] == ["RETREAT", "REJECT"]
    withdrawal, denial = evs
    assert (withdrawal.date, withdrawal.time_precision) == ("2019-05-11", 2)
    assert denial.actor1 == "yemeni-government-forces"
    assert denial.disputes == withdrawal.id


def test_an_attack_named_again_by_its_noun_a_condemnation_or_one_of_its_strikes(extract: Extract) -> None:
    text = (
        "شنت مقاتلات أمريكية فجر اليوم سلسلة غارات على مواقع تابعة لجماعة الحوثي في محافظة الحديدة،"
        " استهدفت إحداها محيط مطار الحديدة.\n"
        "وقال الجيش الأمريكي في بيان إن الضربات استهدفت منشأة لتخزين الطائرات المسيرة.\n"
        "ودانت جماعة الحوثي استهداف المطار."
    )
    evs = extract(text, meta={"country": "YE", "date": "2024-02-07"})
    strikes = [e for e in evs if e.type == "ASSAULT"]
    assert len(strikes) == 1 and (strikes[0].actor1, strikes[0].actor2) == ("us-armed-forces", "houthis")
    assert len(strikes[0].evidence) >= 2


def test_air_support_and_the_toll_belong_to_the_operation(extract: Extract) -> None:
    text = (
        "أعلن المكتب الإعلامي أن وحدات الجيش الوطني الليبي بسطت أمس سيطرتها على حي الظهر الحمر شرقي مدينة"
        " درنة بعد معارك مع مسلحي مجلس شورى مجاهدي درنة، بإسناد من غارات جوية استهدفت تحصينات المسلحين.\n"
        "وقال المتحدث إن العملية أسفرت عن مقتل 18 من المسلحين، مقابل مقتل ثلاثة من أفراد الجيش."
    )
    evs = extract(text, meta={"country": "LY", "date": "2018-06-05"})
    assert len(evs) == 1, [(e.type, e.trigger.text) for e in evs]
    gain = evs[0]
    assert (gain.actor1, gain.actor2) == ("libyan-national-army", "derna-mujahideen-shura-council")
    assert gain.acled is not None and gain.acled["sub_event_type"] == "Government regains territory"


def test_a_fight_takes_its_other_side_from_its_sentence(extract: Extract) -> None:
    killed = extract(
        "قُتل جنديان من الجيش الوطني الليبي اليوم في اشتباكات مع مسلحي مجلس شورى ثوار بنغازي في منطقة قنفودة.",
        meta={"country": "LY", "date": "2016-08-11"},
    )
    fight = only(killed, "اشتباكات")
    assert (fight.actor1, fight.actor2) == ("libyan-national-army", "benghazi-revolutionaries-shura-council")
    gain = extract(
        "قوات النظام تسيطر على قرية أم الخلاخيل بعد اشتباكات مع الجماعات الإرهابية التابعة لهيئة"
        " تحرير الشام.",
        meta={"country": "SY"},
    )
    assert [(e.actor1, e.actor2) for e in gain] == [("syrian-government-forces", "hayat-tahrir-al-sham")]


def test_an_announcer_across_a_relative_clause(extract: Extract) -> None:
    text = (
        "أعلنت قوات مصراتة، التي تقود عملية البنيان المرصوص، يوم الأربعاء سيطرتها على مقر الإذاعة في مدينة"
        " سرت، بعد اشتباكات عنيفة مع مسلحي تنظيم داعش."
    )
    evs = extract(text, meta={"country": "LY", "date": "2016-08-10"})
    assert [(e.actor1, e.actor2) for e in evs] == [("misrata-brigades", "islamic-state")]


def test_a_defection_and_its_joining_are_one_change_of_side(extract: Extract) -> None:
    text = "وأعلن القيادي أبو علي الحمزي في مدينة مأرب انشقاقه عن الجماعة وانضمامه إلى صفوف القوات الحكومية."
    evs = extract(text, meta={"country": "YE", "date": "2020-01-01"})
    assert [(e.type, e.trigger.text) for e in evs] == [("RETREAT", "انشقاقه")]


def test_a_person_led_away_after_a_raid_or_an_arrest(extract: Extract) -> None:
    raid = extract(
        "فجر الأربعاء داهمت مجموعة مسلحة منزل الناشط في حي الروضة بمدينة ذمار واقتادته إلى جهة مجهولة.",
        meta={"country": "YE", "date": "2021-03-10"},
    )
    assert [(e.type, e.mode) for e in raid] == [("ASSAULT", "abduct")]
    arrest = extract(
        "وثّقنا اعتقال قوات النظام 14 شخصاً خلال حملة دهم في مدينة التل.\n"
        "وأفاد ذوو المعتقلين بأن عناصر من فرع الأمن العسكري اقتادوهم إلى جهة مجهولة.",
        meta={"country": "SY", "date": "2019-10-01"},
    )
    assert [(e.type, e.actor1) for e in arrest] == [("COERCE", "syrian-government-forces")]
    alone = extract(
        "في أيلول 2019، اقتحم مسلحون من الكانيات منزلاً في حي الدواوة واقتادوا أربعة مدنيين إلى جهة مجهولة.",
        meta={"country": "LY"},
    )
    assert [(e.type, e.mode, e.actor1) for e in alone] == [("ASSAULT", "abduct", "kaniyat")]


def test_men_found_to_belong_to_a_body_are_that_body(extract: Extract) -> None:
    text = (
        "في 3 يناير 2022، اختطف مسلحون يستقلون سيارات مدنية، تبين لاحقاً أنهم يتبعون لجهاز دعم الاستقرار،"
        " الصحفي منصور الترهوني من أمام منزله في طرابلس."
    )
    assert only(extract(text, meta={"country": "LY"}), "اختطف").actor1 == "stability-support-apparatus"
    objects = extract(
        "داهمت قوة من جهاز مكافحة الإرهاب موقعاً جنوبي بغداد، واعتقلت أربعة أشخاص قالت المصادر إنهم ينتمون"
        " إلى كتائب حزب الله.",
        meta={"country": "IQ"},
    )
    assert [(e.actor1, e.actor2) for e in objects] == [("counter-terrorism-service", "kataib-hezbollah")]


def test_control_held_and_a_count_since_the_year_began_are_no_happenings(extract: Extract) -> None:
    text = (
        "وأكد المتحدث أن قواتنا تحكم سيطرتها الكاملة على كافة مواقعها في جبهة جبل حبشي.\n"
        "وأشار إلى أن وحداتنا دمرت منذ مطلع العام إحدى عشرة مضافة في المنطقة."
    )
    assert extract(text, meta={"country": "YE"}) == []
    taken = extract("وأحكمت القوات الحكومية سيطرتها على جبل هان.", meta={"country": "YE"})
    assert [e.type for e in taken] == ["ASSAULT"]


def test_a_spokesman_of_a_named_body_speaks_for_it(extract: Extract) -> None:
    named_body = extract(
        "وفي المقابل، نفى المتحدث باسم الجيش الوطني الليبي أحمد المسماري قصف قواته لأي مناطق مدنية.",
        meta={"country": "LY"},
    )
    assert only(named_body, "نفى").actor1 == "libyan-national-army"
    person = extract("ونفى أحمد المسماري قصف أي مناطق مدنية.", meta={"country": "LY"})
    assert only(person, "نفى").actor1 == "ahmed-al-mismari"


def test_weapons_of_a_movement_and_what_a_strike_hit(extract: Extract) -> None:
    evs = extract(
        "مقتل مدنيين بصاروخ حوثي في مأرب.\n"
        "وشن طيران التحالف 14 غارة على مواقع وتعزيزات للحوثيين في مديرية الجوبة.\n"
        "🔸 طيران مسيّر مجهول استهدف فجر اليوم رتل عسكري تابع لقوات الوفاق قرب سرت.",
        meta={"country": "YE"},
    )
    assert [(e.type, e.actor1, e.actor2) for e in evs] == [
        ("ASSAULT", "houthis", "civilians"),
        ("ASSAULT", "saudi-led-coalition", "houthis"),
        ("ASSAULT", None, "gnu-forces"),
    ]


def test_a_posts_tagged_headline_is_told_again_by_its_body(extract: Extract) -> None:
    text = (
        "🔴 #درعا | اغتيال شاب بطلق ناري في مدينة #طفس\n"
        "أقدم مسلحون مجهولون مساء اليوم على اغتيال الشاب أحمد الزعبي بإطلاق النار عليه أمام منزله في مدينة"
        " طفس، والشاب عنصر سابق وما انضم لأي جهة بعد التسوية."
    )
    evs = extract(text, meta={"country": "SY"})
    killing = [e for e in evs if e.type == "ASSAULT"]
    assert len(killing) == 1 and killing[0].actor1 == "unidentified-armed-group"
    assert not [e for e in evs if e.type == "AGREE"]


def test_a_fallen_projectile_and_wounded_brought_in_are_no_changes_of_hands(extract: Extract) -> None:
    text = (
        "وكان صاروخ باليستي أطلقته الجماعة مساء أمس قد سقط في حي الروضة وسط مدينة مأرب، ما أدى إلى إصابة"
        " أربعة مدنيين.\n"
        "وقُتل متظاهر وأصيب ثلاثة جرحى بالرصاص الحي وصلوا للمفرزة الطبية في الساحة."
    )
    evs = extract(text, meta={"country": "YE"})
    assert not [e for e in evs if e.acled and "territory" in e.acled["sub_event_type"]]
    assert not [e for e in evs if e.type == "MOBILIZE"]
    assert only(evs, "صاروخ").type == "ASSAULT"


def test_tolls_fears_spans_and_understandings_name_no_new_happening(extract: Extract) -> None:
    text = (
        "ارتفاع عدد ضحايا قصف كفرنبل إلى أربعة مدنيين بعد وفاة طفل متأثراً بجروحه.\n"
        "وأعلن المركز أن جثمانه سُلّم بعد عامين من الاحتجاز، وأن ذويه يخشون من حملة اعتقالات جديدة.\n"
        "وأكدت أسرته أنه نُقل من أحد مقار الاحتجاز في حلب، رغم سريان تفاهمات وقف إطلاق النار في المنطقة."
    )
    assert extract(text, meta={"country": "SY"}) == []


def test_bullet_items_take_their_own_day_or_their_headers(extract: Extract) -> None:
    text = (
        "#تعز_الآن 🔴\n"
        "استشهاد طفل برصاص قناص حوثي في حي ثعبات قبل قليل\n"
        "📅 حصاد الأربعاء 13 مارس:\n"
        "🔸 قصف حوثي بقذائف الهاون على حي الجحملية يصيب مدنيين اثنين\n"
        "🔸 طيران التحالف يشن 3 غارات على مواقع للحوثيين في منطقة الحوبان\n"
        "- في 11 مارس، مقتل مدني بانفجار لغم في مديرية مقبنة"
    )
    evs = extract(text, published="2019-03-14", meta={"country": "YE"})
    assert [e.date for e in evs] == ["2019-03-14", "2019-03-13", "2019-03-13", "2019-03-11"]


def test_men_who_gave_themselves_up_and_a_unit_of_a_named_body(extract: Extract) -> None:
    surrender = extract(
        "يوم أمس الاثنين استسلم 157 عنصراً من مرتزقة داعش لقواتنا في بلدة الباغوز.", meta={"country": "SY"}
    )
    assert only(surrender, "استسلم").actor1 == "islamic-state"
    text = (
        "هيئة تحرير الشام تدخل عفرين بعد اقتتال مع الفيلق الثالث\n"
        "سيطرت هيئة تحرير الشام فجر الخميس على مدينة عفرين بريف حلب الشمالي، بعد اشتباكات مع مقاتلي الفيلق"
        " الثالث التابع لـالجيش الوطني السوري في محيط بلدة جنديرس.\n"
        "في المقابل، أكد مسؤول في الهيئة أن دخول المدينة جاء لوقف الاقتتال، وتعتمد المنطقة على المساعدات"
        " الإنسانية."
    )
    evs = extract(text, meta={"country": "SY", "date": "2022-10-14"})
    gains = [e for e in evs if e.acled and e.acled["sub_event_type"] == "Non-state actor overtakes territory"]
    assert len(gains) == 1 and gains[0].actor1 == "hayat-tahrir-al-sham"
    assert all(e.actor1 != "syrian-national-army" for e in evs)
    assert not [e for e in evs if e.type == "AID"]


def test_purposes_ongoing_fighting_habits_and_blamed_deeds_told_before(extract: Extract) -> None:
    background = extract(
        "واتهم البيان الحزب بتشكيل خلايا مسلحة وتوجيهها لاستهداف الجنوبيين.\n"
        "وتشهد جبهات جنوب مأرب منذ سبتمبر الماضي معارك عنيفة أسفرت عن سقوط آلاف القتلى من الطرفين.\n"
        "ويتضرر المزارعون بسبب الألغام التي تزرعها الجماعة باستمرار في الساحل الغربي.",
        meta={"country": "YE"},
    )
    assert not [e for e in background if e.type == "ASSAULT"], [e.trigger.text for e in background]
    text = (
        "قصفت الميليشيا الحوثية بقذائف الهاون أحياء سكنية في مدينة تعز، ما أدى إلى مقتل مدنيين اثنين.\n"
        "وتحمّل الحكومة الميليشيا الحوثية المسؤولية الكاملة عن استهداف الأحياء السكنية."
    )
    told_again = extract(text, meta={"country": "YE"})
    assert [e.type for e in told_again].count("ASSAULT") == 1
    detailed = extract(
        "ونحمّل الاحتلال الروسي المسؤولية الكاملة عن المجزرة التي ارتكبتها طائراته أمس في مدينة كفرنبل.",
        meta={"country": "SY", "date": "2020-01-24"},
    )
    assert [e.type for e in detailed].count("ASSAULT") == 1


def test_the_party_held_responsible_after_the_verb(extract: Extract) -> None:
    text = (
        "هيئة الحشد الشعبي\n"
        "وتنفي الهيئة ما روّجته وسائل إعلام عن وجود مخازن للصواريخ في المقر، وتحمّل القوات الأمريكية"
        " المسؤولية الكاملة عن هذا الاعتداء."
    )
    blame = only(extract(text, meta={"country": "IQ"}), "تحمّل")
    assert (blame.actor1, blame.actor2) == ("popular-mobilization-forces", "us-armed-forces")
    news = extract(
        "وحمّلت حكومة الوفاق مسؤولية الغارة لقوات حفتر، فيما نفى الجيش الوطني الليبي استهداف المدنيين.",
        meta={"country": "LY"},
    )
    assert only(news, "حمّلت").actor1 == "gnu-forces"


def test_report_titles_section_headings_and_counts_name_no_happening(extract: Extract) -> None:
    text = (
        "وفيات تحت التعذيب واعتقالات على الحواجز: حصيلة أسبوع من الانتهاكات\n"
        "وثّق فريقنا خلال تموز 2023 ما لا يقل عن 38 تظاهرة في محافظتي البصرة وذي قار، و76 حالة خطف.\n"
        "أولاً: الاعتقال التعسفي والإخفاء القسري - يوم 3 تموز اعتقلت قوات النظام ستة شبان في مدينة دوما."
    )
    evs = extract(text, meta={"country": "SY"})
    assert [(e.type, e.trigger.text) for e in evs] == [("COERCE", "اعتقلت")]


def test_access_asked_for_truces_as_background_and_support_given(extract: Extract) -> None:
    text = (
        "وطالبت المنظمة بالسماح لجهات مستقلة بدخول مراكز الاحتجاز.\n"
        "وتأتي هذه الاعتداءات رغم الهدنة الأممية، والهدنة دخلت شهرها الثاني.\n"
        "ونفذت قوات سوريا الديمقراطية بدعم وإسناد جوي من قوات التحالف الدولي عملية إنزال في بلدة الشحيل.\n"
        "وأسقطت الدفاعات الجوية مسيّرة حوثية مفخخة حاولت استهداف مواقع الجيش."
    )
    evs = extract(text, meta={"country": "SY"})
    assert not [e for e in evs if e.type in ("AGREE", "AID", "MOBILIZE")], [
        (e.type, e.trigger.text) for e in evs
    ]
    assert all(e.trigger.text != "مفخخة" for e in evs)


def test_the_side_holding_the_places_struck_is_the_target(extract: Extract) -> None:
    text = (
        "وبالتزامن، قصفت القوات التركية بالمدفعية الثقيلة قريتي شوارغة الأرز والمالكية الخاضعتين لسيطرة قسد"
        " قرب بلدة تل رفعت."
    )
    evs = extract(text, meta={"country": "SY"})
    assert {(e.actor1, e.actor2) for e in evs} == {("turkish-armed-forces", "syrian-democratic-forces")}


def test_a_states_ministry_speaks_for_it(extract: Extract) -> None:
    evs = extract("كما استدعت وزارة الخارجية العراقية السفير التركي في بغداد.", meta={"country": "IQ"})
    assert only(evs, "استدعت").actor1 == "iraqi-security-forces"


def test_a_death_in_custody_and_its_notice(extract: Extract) -> None:
    text = (
        "في 25 مايو توفي المحتجز فرج بوخطوة داخل سجن قرنادة الذي تديره القيادة العامة.\n"
        "وأُبلغت أسرته بوفاته بعد أسبوع، وأكدت أن جثته حملت آثار تعذيب.\n"
        "وتوفي الجريح أحمد متأثراً بجروحه في المشفى."
    )
    evs = extract(text, meta={"country": "LY"})
    deaths = [e for e in evs if e.mode == "torture"]
    assert len(deaths) == 1
    assert (deaths[0].actor1, deaths[0].actor2) == ("libyan-national-army", "prisoners")
    assert all("الجريح" not in s.text for e in evs for s in e.evidence)


def test_where_the_held_were_taken_and_what_a_downed_drone_tried(extract: Extract) -> None:
    raid = extract(
        "وفي 12 مارس، داهمت قوة تابعة لجهاز الردع منزل عائلة في حي عرادة بمنطقة سوق الجمعة، واحتجزت ثلاثة"
        " من أفرادها، ونقلتهم إلى سجن معيتيقة.",
        meta={"country": "LY"},
    )
    assert len([e for e in raid if e.type == "COERCE"]) == 1
    downed = extract(
        "وتمكنت دفاعاتنا الجوية من إسقاط طائرة مسيّرة تركية كانت تحاول استهداف نقاطنا في ريف تل تمر.",
        meta={"country": "SY"},
    )
    assert len([e for e in downed if e.type == "ASSAULT"]) == 1
    attempt = extract("مسيرة حوثية حاولت استهداف موقع لقوات الانتقالي في الضالع.", meta={"country": "YE"})
    assert [e.type for e in attempt] == ["ASSAULT"]


def test_the_sides_of_a_renewed_fight_past_a_times_commas(extract: Extract) -> None:
    evs = extract(
        "تجددت الاشتباكات، اليوم الثلاثاء، بين قوات حكومة الوحدة الوطنية وجهاز دعم الاستقرار في حي أبو سليم.",
        meta={"country": "LY"},
    )
    assert [(e.actor1, e.actor2) for e in evs] == [("gnu-forces", "stability-support-apparatus")]


def test_an_agreement_broken_is_no_agreement_made_unless_told_in_full(extract: Extract) -> None:
    broken = extract("واتهم الجيش قوات حكومة الوفاق بخرق اتفاق وقف إطلاق النار.", meta={"country": "LY"})
    assert not [e for e in broken if e.type in ("AGREE", "RETREAT")]
    full = extract(
        "وقصفت قوات النظام بلدة كنصفرة، في خرق جديد لاتفاق وقف إطلاق النار الموقع بين تركيا وروسيا في آذار"
        " 2020.",
        meta={"country": "SY"},
    )
    assert [e.type for e in full].count("AGREE") == 1
