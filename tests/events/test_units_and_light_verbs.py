"""Units of a body named before, light verbs read across an adverbial, generic forces of a signed
statement, and targets described by what they hold. Sentences written for these tests."""

from __future__ import annotations

from marsad.model import Document, Label
from marsad.pipeline import Pipeline

from .conftest import Extract, only


def test_a_unit_of_the_signing_body_called_by_its_first_noun_acts_for_it(extract: Extract) -> None:
    text = (
        "جهاز الردع لمكافحة الجريمة المنظمة والإرهاب - إدارة الإعلام\n"
        "تمكنت دوريات الجهاز، بناءً على معلومات دقيقة، من القبض على خلية تابعة لتنظيم داعش في منطقة"
        " الهضبة بطرابلس."
    )
    ev = only(extract(text, published="2023-05-02"), "قبض")
    assert (ev.actor1, ev.actor2) == ("rada", "islamic-state")


def test_a_company_of_the_brigade_deploys_for_the_brigade(extract: Extract) -> None:
    text = (
        "اللواء طارق بن زياد المعزز – المكتب الإعلامي\n"
        "صباح الاثنين: انتشرت سرية من اللواء في محيط بلدة القطرون لتأمين الطريق الصحراوي."
    )
    ev = only(extract(text, published="2023-11-14"), "انتشرت")
    assert ev.actor1 == "tariq-bin-ziyad-brigade"


def test_a_noun_that_begins_no_name_named_before_stays_unresolved(extract: Extract) -> None:
    ev = only(extract("انتشرت سرية من اللواء في محيط بلدة القطرون جنوب ليبيا."), "انتشرت")
    assert ev.actor1 is None


def test_a_light_verb_before_an_adverbial_between_commas_keeps_our_force(extract: Extract) -> None:
    text = (
        "أصدرت قيادة الشرطة الاتحادية بياناً بشأن عملياتها في كركوك، جاء فيه:\n"
        "نفذت قطعاتنا، بإسناد جوي من طيران التحالف الدولي، عملية تمشيط واسعة في وادي الشاي.\n"
        "كما ألقت مفرزة من استخباراتنا فجر اليوم القبض على متهمين اثنين في حي الواسطي."
    )
    evs = extract(text, published="2021-03-18")
    assert only(evs, "تمشيط").actor1 == "iraqi-federal-police"
    assert only(evs, "قبض").actor1 == "iraqi-federal-police"


def test_a_named_subject_of_a_light_verb_before_an_adverbial(extract: Extract) -> None:
    text = "ونفذت قوات من التحالف الدولي، بمساندة مقاتلين من قسد، عملية إنزال جوي قرب بلدة الشحيل."
    ev = only(extract(text, meta={"country": "SY"}), "إنزال")
    assert ev.actor1 == "us-led-coalition"


def test_in_company_of_names_an_associate(extract: Extract) -> None:
    text = "نفّذت قوات من التحالف الدولي برفقة مقاتلين من قسد عملية إنزال جوي قرب بلدة الشحيل."
    ev = only(extract(text), "إنزال")
    assert (ev.actor1, ev.assoc_actors) == ("us-led-coalition", ["syrian-democratic-forces"])


def test_a_generic_force_after_a_light_verb_in_a_signed_statement_is_ours(extract: Extract) -> None:
    text = (
        "بيان صادر عن القوات المسلحة اليمنية\n"
        "نفذ سلاح الجو المسير فجر اليوم هجوماً واسعاً بست طائرات مسيرة على مواقع عسكرية تابعة للجيش"
        " السعودي في خميس مشيط.\n"
        "وفي جبهة نجران كسرت قواتنا زحفاً واسعاً لمرتزقة العدوان."
    )
    evs = extract(text, published="2021-03-08")
    attack = only(evs, "هجوم")
    assert (attack.actor1, attack.actor2) == ("houthis", "saudi-armed-forces")
    assert len([e for e in evs if e.type == "ASSAULT"]) == 2  # the drones are the attack's means
    repelled = only(evs, "كسرت")
    assert (repelled.type, repelled.actor1, repelled.actor2) == ("ASSAULT", "houthis", "saudi-led-coalition")


def test_the_same_force_is_the_one_named_before_with_that_noun(extract: Extract) -> None:
    text = (
        "المركز الإعلامي لعملية بركان الغضب\n"
        "تمكّنت قواتنا، صباح اليوم، من صدّ هجوم شنّته ميليشيات حفتر على مواقعنا في محور عين زارة.\n"
        "وفي ظهر اليوم، تعرّض حي الفرناج السكني لقصف بصواريخ غراد أطلقتها الميليشيات ذاتها."
    )
    evs = extract(text, published="2019-06-01", meta={"country": "LY"})
    assert only(evs, "صدّ").actor1 == "gnu-forces"  # the operation's media centre signs for its forces
    assert only(evs, "قصف").actor1 == "libyan-national-army"


def test_fighters_named_by_their_own_word_make_an_unsigned_statement_theirs(extract: Extract) -> None:
    text = (
        "بسم الله الرحمن الرحيم\n"
        "ضرب مجاهدو المقاومة الإسلامية في العراق فجر اليوم بطائرة مسيرة قاعدة عين الأسد.\n"
        "وكان مجاهدونا قد دكوا الخميس الماضي بصاروخين قاعدة التنف.\n"
        "إن عملياتنا متواصلة، ونحذر القوات الأمريكية من أن أي اعتداء على مواقعنا سيقابل برد أوسع."
    )
    evs = extract(text, published="2023-11-01", meta={"country": "IQ"})
    assert only(evs, "دكوا").actor1 == "islamic-resistance-in-iraq"
    warning = only(evs, "نحذر")
    assert (warning.actor1, warning.actor2) == ("islamic-resistance-in-iraq", "us-armed-forces")
    assert all(e.actor1 == "islamic-resistance-in-iraq" for e in evs if e.type == "THREATEN")


def test_an_agreement_between_the_two_sides_has_the_sides_of_the_fight(extract: Extract) -> None:
    text = (
        "اندلعت مساء الاثنين اشتباكات بين اللواء 444 قتال وجهاز الردع في عدد من أحياء طرابلس.\n"
        "وتم التوصل مساء أمس إلى اتفاق بين الطرفين لوقف إطلاق النار."
    )
    agreements = [
        e for e in extract(text, published="2023-08-16", meta={"country": "LY"}) if e.type == "AGREE"
    ]
    assert [{e.actor1, e.actor2} for e in agreements] == [{"brigade-444", "rada"}]


def test_a_verbal_noun_phrase_split_by_a_time_is_read_whole(extract: Extract) -> None:
    text = "وفي طرابلس، أعلن جهاز الردع القبض أمس على سالم الورفلي بتهمة الانتماء إلى خلية."
    ev = only(extract(text, published="2023-05-02", meta={"country": "LY"}), "قبض")
    assert (ev.type, ev.actor1) == ("COERCE", "rada")


def test_the_command_of_a_named_force_speaks_for_it(extract: Extract) -> None:
    ev = only(
        extract("ونفت قيادة القوات الأمنية في بيان أي علاقة لها بالحادث.", meta={"country": "IQ"}), "نفت"
    )
    assert ev.actor1 == "iraqi-security-forces"


def test_our_force_opening_a_sentence_does_its_joined_verbs(extract: Extract) -> None:
    text = (
        "الإعلام العسكري لقوات الحزام الأمني\n"
        "واصلت وحداتنا اليوم تقدمها في وادي عومران، وسيطرت على سلسلة من المرتفعات بعد مواجهات عنيفة."
    )
    ev = only(extract(text, published="2023-03-21", meta={"country": "YE"}), "سيطرت")
    assert ev.actor1 == "security-belt-forces"


def test_a_verb_with_the_subject_behind_a_part_head_and_in_its_turn(extract: Extract) -> None:
    vso = only(extract("استهدف مجاهدو المقاومة الإسلامية في العراق فجر اليوم قاعدة عين الأسد."), "استهدف")
    assert (vso.actor1, vso.actor2) == ("islamic-resistance-in-iraq", None)
    text = "وأكدت كتائب حزب الله أن الضربات تكررت، واتهمت حركة النجباء بدورها واشنطن بخرق السيادة."
    assert only(extract(text, meta={"country": "IQ"}), "اتهمت").actor1 == "harakat-al-nujaba"


def test_an_arrest_at_a_checkpoint_of_x_is_made_by_x(extract: Extract) -> None:
    text = "اعتُقل الشاب عمر المسالمة على حاجز لـفرع الأمن العسكري عند مدخل مدينة جاسم."
    ev = only(extract(text, meta={"country": "SY"}), "اعتُقل")
    assert (ev.actor1, ev.actor2) == ("syrian-military-intelligence", None)


def test_a_body_outside_the_knowledge_base_before_its_verb_is_not_replaced(extract: Extract) -> None:
    text = "وقالت عائلة الشمري إنه تعرض للتعذيب في سجن تابع لجهاز مكافحة الإرهاب. غير أن وزارة العدل نفت ذلك."
    assert only(extract(text, meta={"country": "IQ"}), "نفت").actor1 is None


def test_the_gunmen_are_the_ones_named_as_gunmen_of_x(extract: Extract) -> None:
    text = (
        "اندلعت يوم الإثنين اشتباكات عنيفة بين الجيش العراقي ومسلحي وحدات مقاومة سنجار في ناحية سنوني.\n"
        "وأعاد الجيش فتح الطريق الرئيس في الناحية بعد انسحاب المسلحين منه."
    )
    evs = extract(text, published="2022-05-03", meta={"country": "IQ"})
    clash = only(evs, "اشتباكات")
    assert (clash.actor1, clash.actor2) == ("iraqi-army", "sinjar-resistance-units")
    assert only(evs, "انسحاب").actor1 == "sinjar-resistance-units"


def test_places_of_filing_and_origin_are_not_where_it_happened(pipeline: Pipeline) -> None:
    text = (
        "مصراتة – قصفت طائرات مسيّرة تابعة لـقوات الوفاق صباح اليوم رتلاً لـقوات حفتر غربي مدينة سرت.\n"
        "وفي ترهونة، التي انسحبت منها قوات حفتر يوم الجمعة، اعتقلت قوات الوفاق أمس ثلاثة من عناصر الكانيات.\n"
        "وقُتل عنصران من قسد بهجوم على حاجز لها قرب بلدة ذيبان، أحدهما المتحدر من مدينة الميادين."
    )
    doc = pipeline(Document(id="t", text=text, published="2020-06-07"))
    named = {m.entity: m.text for m in doc.mentions if m.label == Label.PLACE}
    assert named.get(only(doc.events, "قصفت").place or "") == "سرت"  # not Misrata, where it was filed
    assert named.get(only(doc.events, "اعتقلت").place or "") == "ترهونة"  # the sentence opens there
    assert named.get(only(doc.events, "هجوم").place or "") == "ذيبان"  # not a hometown, not "لها"
    assert "لها" not in named.values()


def test_a_known_person_who_speaks_is_the_person_who_fights_his_organization(extract: Extract) -> None:
    text = (
        "وطالب رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة الأطراف المتحاربة بالانسحاب من الأحياء السكنية."
    )
    assert only(extract(text, meta={"country": "LY"}), "طالب").actor1 == "abdul-hamid-dbeibah"
    refused = only(extract("فيما رفض المسماري هذا الشرط.", meta={"country": "LY"}), "رفض")
    assert refused.actor1 == "ahmed-al-mismari"


def test_bodies_of_the_signing_ministry_and_the_operation_room(extract: Extract) -> None:
    ministry = (
        "وزارة الداخلية – حكومة الوحدة الوطنية\n"
        "تمكنت الأجهزة الأمنية التابعة للوزارة، بعد عمليات رصد استمرت شهرين، من القبض على ثلاثة عناصر من"
        " تنظيم داعش في منطقة تاجوراء."
    )
    assert only(extract(ministry, meta={"country": "LY"}), "قبض").actor1 == "gnu-forces"
    room = (
        "المركز الإعلامي لغرفة عمليات الكرامة – بيان\nونحذر المليشيات من أن أي قصف للأحياء سيقابل برد حازم."
    )
    assert only(extract(room, meta={"country": "LY"}), "نحذر").actor1 == "libyan-national-army"


def test_whose_statement_who_speaks_for_whom_and_whose_shelling(extract: Extract) -> None:
    statement = extract("📍 بيان لوحدات مقاومة سنجار يحمّل الحكومة العراقية مسؤولية الضربات التركية.")
    assert only(statement, "يحمّل").actor1 == "sinjar-resistance-units"
    spokesman = "وأعلنت الجماعة السيطرة على التلة، وهو ما نفاه الناطق باسم الجيش الوطني العميد عبده مجلي."
    assert only(extract(spokesman, meta={"country": "YE"}), "نفاه").actor1 == "yemeni-government-forces"
    shelling = extract("قصف مدفعي وصاروخي مكثف لقوات النظام على قرى جبل الزاوية منذ الصباح.")
    assert only(shelling, "قصف").actor1 == "syrian-government-forces"
    clash = extract("اندلعت مساء أمس اشتباكات عنيفة بين مسلحين من تنظيم الدولة ومسلحي القاعدة في البيضاء.")
    assert only(clash, "اشتباكات").actor1 == "islamic-state"


def test_circumstantial_denials_and_demands_have_the_clause_subject(extract: Extract) -> None:
    text = (
        "وقالت قيادة الجيش إن وحداتها صدّت هجوماً على محور الخلة، نافيةً سقوط أي قتيل في صفوفها، مطالبةً"
        " بعثة الأمم المتحدة بإدانة الهجوم."
    )
    evs = extract(text, meta={"country": "LY"})
    assert only(evs, "نافي").type == "REJECT"


def test_a_statements_numbered_operations_are_the_signers(extract: Extract) -> None:
    text = (
        "غرفة عمليات الفتح المبين - المكتب الإعلامي\n"
        "حصيلة عمليات يوم أمس الأربعاء:\n"
        "١- استهداف تجمع لـقوات النظام على محور الدار الكبيرة بقذائف المدفعية.\n"
        "٢- تدمير دبابة لـجيش الأسد بصاروخ موجه على جبهة كفرنبل.\n"
        "٣- صد محاولة تقدم الميليشيات الإيرانية على أطراف بلدة معرشمارين."
    )
    evs = extract(text, published="2022-03-03", meta={"country": "SY"})
    targeted, destroyed = only(evs, "استهداف"), only(evs, "تدمير")
    assert (targeted.actor1, targeted.actor2) == ("fath-al-mubin", "syrian-government-forces")
    assert destroyed.actor1 == "fath-al-mubin"
    repelled = only(evs, "صد")
    assert (repelled.actor1, repelled.actor2) == ("fath-al-mubin", "iranian-backed-militias")


def test_our_forces_in_a_quoted_spokesman_are_his_sides(extract: Extract) -> None:
    text = (
        "🌊 #البحر_الأحمر | متابعات\nالعميد يحيى سريع: قواتنا البحرية استهدفت سفينة شحن في خليج عدن بصواريخ."
    )
    ev = only(extract(text, published="2024-02-01", meta={"country": "YE"}), "استهدفت")
    assert ev.actor1 == "houthis"


def test_a_circumstantial_participle_after_a_report_is_the_reporters(extract: Extract) -> None:
    text = (
        "وقال المركز الإعلامي لقوات سوريا الديمقراطية إن القصف التركي طال قريتي حربل وأم الحوش، نافياً"
        " وجود أي مقاتلين في القريتين، داعياً الشرطة العسكرية الروسية إلى التدخل."
    )
    evs = extract(text, meta={"country": "SY"})
    assert only(evs, "نافي").actor1 == "syrian-democratic-forces"
    assert only(evs, "داعي").actor1 == "syrian-democratic-forces"


def test_a_person_after_a_verb_with_its_subject_before_it_is_its_object(extract: Extract) -> None:
    ev = only(extract("قوات الوفاق تتهم حفتر بحشد قوات غرب سرت.", meta={"country": "LY"}), "تتهم")
    assert ev.actor1 == "gnu-forces"


def test_its_patrols_are_the_announcers(extract: Extract) -> None:
    text = "يعلن جهاز الردع أن دورياته تمكنت، مساء الثلاثاء الماضي، من القبض على خلية تابعة لتنظيم داعش."
    ev = only(extract(text, meta={"country": "LY"}), "قبض")
    assert (ev.actor1, ev.actor2) == ("rada", "islamic-state")


def test_generic_nouns_and_bodies_named_before(extract: Extract) -> None:
    faction = "اتهم ذوو الشاب عناصر من فرقة الحمزة بخطفه من منزله في عفرين. ونفى الفصيل أي علاقة له بالحادثة."
    assert only(extract(faction, meta={"country": "SY"}), "نفى").actor1 == "hamza-division"
    centre = (
        "قال المركز الإعلامي لـقوات سوريا الديمقراطية إن القصف التركي طال قريتين بريف حلب.\n"
        "وحمّل المركز أنقرة المسؤولية عن استهداف المدنيين."
    )
    assert only(extract(centre, meta={"country": "SY"}), "حمّل").actor1 == "syrian-democratic-forces"
    director = "ونفى مدير المركز الإعلامي لقسد فرهاد شامي ادعاءات الجانب التركي."
    assert only(extract(director, meta={"country": "SY"}), "نفى").actor1 == "farhad-shami"


def test_units_of_our_forces_after_a_partitive(extract: Extract) -> None:
    text = (
        "القيادة العامة للجيش والقوات المسلحة\n"
        "استهدفت وحدات من قواتنا المسلحة الباسلة تجمعاً للإرهابيين في ريف إدلب الجنوبي."
    )
    assert only(extract(text, meta={"country": "SY"}), "استهدفت").actor1 == "syrian-government-forces"


def test_gunmen_said_to_belong_to_a_group_are_the_group(extract: Extract) -> None:
    text = "وهاجم مسلحون يعتقد أنهم من تنظيم الدولة نقطة للحشد العشائري قرب قرية الهواشة."
    ev = only(extract(text, meta={"country": "IQ"}), "هاجم")
    assert (ev.actor1, ev.actor2) == ("islamic-state", "tribal-mobilization")
    suspects = "وقالت الأسايش إن عناصرها اعتقلوا 36 شخصاً يُشتبه بارتباطهم بخلايا تنظيم الدولة."
    assert only(extract(suspects, meta={"country": "SY"}), "اعتقلوا").actor1 == "asayish"


def test_units_of_its_are_looked_for_only_where_a_unit_noun_stands() -> None:
    """ "دورياته", "قوة تابعة لها": the pattern is tried at unit nouns (and a و/ف before one) alone, and
    finds what a scan of the whole text finds."""
    import random

    from marsad.events.forces import _UNIT_OF_ITS, _units_of_its

    rng = random.Random(5)
    pieces = ["دورياته", "وقواتها", "فعناصرهم", "قوه", "دوريه", "تابعه", "التابعه", "له", "لها", "لهم"]
    pieces += ["مقاتليه", "قطعاتنا", "الجهاز", "و", "ف", " ", " ", "\n", "#", "ب"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(40))
        expected = [(m.span(), m.group("unit")) for m in _UNIT_OF_ITS.finditer(text)]
        assert [(m.span(), m.group("unit")) for m in _units_of_its(text)] == expected


def test_national_patterns_are_tried_only_where_a_word_they_open_with_starts() -> None:
    """ "طيران حربي روسي", "الجانب التركي", "القصف الروسي": each pattern tried at the starts of its
    windows' words that it can open with finds what a scan of each window finds."""
    import random

    from marsad.events.forces import (
        _DEFINITE_DEED_OPENINGS,
        _NATIONAL_OPENINGS,
        _SIDE_OPENINGS,
        _adjective_places,
        _adjective_windows,
        _definite_deed_pattern,
        _national_pattern,
        _side_pattern,
        _window_matches,
        _window_words,
    )
    from marsad.text.normalize import NormalizedText

    rng = random.Random(7)
    words = ["طيران", "قوات", "غارات", "الغارات", "القصف", "الجانب", "للطرف", "حربي", "مسير", "روسي"]
    words += ["الروسي", "تركيه", "التركيه", "حوثيون", "امريكي", "الامريكيه", "7", "#قصف", "قرب"]
    words += ["طايره مسيره", "الطايره المسيره", "وزاره الدفاع", "بصاروخ", "للعدوان"]
    separators = [" "] * 8 + ["\n", ", ", "", "#"]
    found = 0
    for _ in range(300):
        text = "".join(
            rng.choice(["", "", "و", "ب"]) + rng.choice(words) + rng.choice(separators) for _ in range(20)
        )
        view = NormalizedText(text)
        assert view.text == text
        windows = _adjective_windows(text, _adjective_places(text)[0])
        tried = _window_words(view, windows)
        for pattern, openings in (
            (_national_pattern(), _NATIONAL_OPENINGS),
            (_side_pattern(), _SIDE_OPENINGS),
            (_definite_deed_pattern(), _DEFINITE_DEED_OPENINGS),
        ):
            expected = [m.span() for lo, hi in windows for m in pattern.finditer(text, lo, hi)]
            assert [m.span() for m in _window_matches(text, tried, pattern, openings)] == expected
            found += len(expected)
    assert found > 100  # the texts hold many descriptions, not a few


def test_nationality_adjectives_are_looked_for_where_they_are_written() -> None:
    """ "روسي", "الروسي", "التركيه": the adjective pattern tried before each adjective found finds what a
    scan of the whole text finds."""
    import random

    from marsad.events.forces import _adjective_matches, _adjective_places, _adjective_start, nationalities

    rng = random.Random(9)
    pieces = ["روسي", "الروسي", "روسيه", "سوريا", "تركي", "التركيه", "امريكي", "اميركيين", "ال", "و", "ب"]
    pieces += ["قوات", "طيران", " ", " ", " ", "  ", "\n", ",", "#", "7"]
    found = 0
    flags: set[tuple[bool, bool]] = set()
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(30))
        expected = [m.span() for m in _adjective_start().finditer(text)]
        starts, indefinite, definite = _adjective_places(text)
        assert [m.span() for m in _adjective_matches(text, starts)] == expected
        found += len(expected)
        # the two cheap tests, answered from the same pass over the text
        assert indefinite == any(" " + adjective in text for adjective in nationalities())
        assert definite == any(" ال" + adjective in text for adjective in nationalities())
        flags.add((indefinite, definite))
    assert found > 500
    assert flags == {(False, False), (True, False), (False, True), (True, True)}
