"""Appeals, seizures of explosives, goals and conditions in statements, agreements in force, a person's
charge, and blame with a pronoun. Sentences written for these tests."""

from __future__ import annotations

from .conftest import Extract, only


def test_an_appeal_is_a_request_and_what_it_asks_for_no_event(extract: Extract) -> None:
    evs = extract(
        "ويهيب الجهاز بالمواطنين التعاون مع القوات الأمنية والإبلاغ عن أي تحركات.", meta={"country": "IQ"}
    )
    assert [e.type for e in evs] == ["REQUEST"]


def test_explosives_seized_or_detonated_under_control_are_no_attacks(extract: Extract) -> None:
    text = (
        "وضبطت بحوزة الموقوفين أحزمة ناسفة وعبوات معدة للتفجير.\n"
        "كما عُثر داخل المضافة على أحزمة ناسفة جرى تفجيرها تحت السيطرة."
    )
    evs = extract(text, meta={"country": "IQ"})
    assert [e.type for e in evs] == ["COERCE"]
    assert evs[0].acled is not None and evs[0].acled["sub_event_type"] == "Disrupted weapons use"


def test_goals_conditions_and_charges_in_a_statement_are_no_events(extract: Extract) -> None:
    text = (
        "ونؤكد أن معركتنا مستمرة حتى استعادة كل شبر من أرضنا. وأيّ غارة على الأحياء السكنية المحررة ستقابل"
        " بالرد. وقد ألقت قواتنا القبض على المدعو أبو عمر العراقي، المسؤول عن تنسيق الهجمات على نقاطنا."
    )
    evs = extract(text, meta={"country": "SY"})
    assert [e.type for e in evs if e.type not in ("THREATEN",)] == ["COERCE"]


def test_an_agreement_in_force_told_as_background_is_no_event(extract: Extract) -> None:
    text = "وتشهد خطوط التماس اشتباكات متقطعة منذ أسابيع، رغم سريان تفاهمات وقف إطلاق النار في المنطقة."
    assert all(e.type != "AGREE" for e in extract(text, meta={"country": "SY"}))
    described = "ويأتي التصعيد رغم سريان اتفاق وقف إطلاق النار الذي توصلت إليه روسيا وتركيا في آذار 2020."
    assert [e.type for e in extract(described, meta={"country": "SY"})] == ["AGREE"]


def test_blame_with_a_pronoun_on_responsibility(extract: Extract) -> None:
    text = "وسقطت قذيفة على منزل في قرية الدردارة، وحمّلت قسد القوات التركية مسؤوليته."
    blame = only(extract(text, meta={"country": "SY"}), "حمّلت")
    assert (blame.type, blame.actor1, blame.actor2) == (
        "ACCUSE",
        "syrian-democratic-forces",
        "turkish-armed-forces",
    )


def test_a_demand_with_its_addressee_after_a_parenthesis(extract: Extract) -> None:
    text = "بينما طالب وجهاء من ريف درعا الغربي، في بيان، النظام بالإفراج عن المعتقلين خلال 48 ساعة."
    evs = extract(text, meta={"country": "SY"})
    assert [e.type for e in evs] == ["REQUEST"]


def test_a_refusal_after_a_charge_is_still_a_refusal(extract: Extract) -> None:
    text = "فكان جوابهم أن عندهم قوات نخبة هي المسؤولة عن النقاط ولا يحتاجون أن نتدخل."
    assert "REJECT" in [e.type for e in extract(text, meta={"country": "SY"})]


def test_in_a_report_a_request_naming_an_actor_then_what_is_asked_addresses_it(extract: Extract) -> None:
    text = (
        "وثّقت منظمتنا اختطاف معلم في صنعاء الشهر الماضي.\nونطالب بفتح تحقيق شفاف، وتدعو جماعة الحوثي إلى"
        " الكشف عن مصير المختطفين."
    )
    asked = only(extract(text, meta={"country": "YE"}), "تدعو")
    assert (asked.actor1, asked.actor2) == (None, "houthis")


def test_a_subject_for_its_part_before_its_verb(extract: Extract) -> None:
    text = "المجلس الانتقالي من جهته حمّل الحكومة اليمنية مسؤولية تدهور الكهرباء."
    blame = only(extract(text, meta={"country": "YE"}), "حمّل")
    assert (blame.actor1, blame.actor2) == ("southern-transitional-council", "yemeni-government-forces")


def test_fighting_on_and_off_and_conditions_are_no_events(extract: Extract) -> None:
    text = (
        "وتتواصل الاشتباكات المتقطعة على خطوط التماس في ريف تل تمر منذ أسابيع.\nونحذر من أننا سنرد بحزم في"
        " حال استمرت الميليشيا في استهداف الأعيان المدنية."
    )
    assert all(e.type != "ASSAULT" for e in extract(text, meta={"country": "SY"}))


def test_fighting_on_and_off_told_now_is_an_event(extract: Extract) -> None:
    text = "وفي جبهة الضباب اشتباكات متقطعه بين الجيش والحوثيين من الصبح"
    assert [e.type for e in extract(text, published="2022-05-01", meta={"country": "YE"})] == ["ASSAULT"]


def test_what_will_be_done_to_whoever_does_it_is_a_threat_by_the_speaker(extract: Extract) -> None:
    text = (
        "المركز الإعلامي للقيادة العامة للقوات المسلحة العربية الليبية\nوأي طائرة تركية تدخل الأجواء الليبية"
        " ستعامل كهدف معاد."
    )
    threat = only(extract(text, meta={"country": "LY"}), "ستعامل كهدف")
    assert (threat.type, threat.actor1, threat.actor2) == (
        "THREATEN",
        "libyan-national-army",
        "turkish-armed-forces",
    )


def test_an_exchange_of_fire_is_a_clash(extract: Extract) -> None:
    text = "صبراتة: رماية كثيفة وتبادل نار بين مجموعتين مسلحتين توا"
    assert [e.type for e in extract(text, meta={"country": "LY"})] == ["ASSAULT"]


def test_a_seizure_told_by_its_verb_and_restraint_that_is_none(extract: Extract) -> None:
    seized = extract(
        "وفي عملية منفصلة، ضبطت مفارز الجهاز مساء أمس مضافة تحتوي على أسلحة.", meta={"country": "IQ"}
    )
    assert [(e.type, e.mode) for e in seized] == [("COERCE", "seize")]
    taken = only(extract("وضبطت القوة ٤ من عناصر التنظيم في الوادي.", meta={"country": "YE"}), "ضبطت")
    assert (taken.mode, taken.acled and taken.acled["sub_event_type"]) == ("arrest", "Arrests")
    restraint = extract("وقالت الوزارة إن الشرطة ضبطت الأمن في المدينة بعد ساعات.", meta={"country": "LY"})
    assert all(e.type != "COERCE" for e in restraint)


def test_telegram_spellings_of_abduction_fire_and_road_blocking(extract: Extract) -> None:
    text = (
        "مسلحين مجهولين خطفو عضو في المجلس البلدي ليلة امس\nعناصر قسد فتحو النار عالمتظاهرين بالحوايج"
        "\nمتظاهرين قاطعين طريق البصرة - العمارة"
    )
    assert [e.type for e in extract(text, published="2023-06-16", meta={"country": "SY"})] == [
        "ASSAULT",
        "ASSAULT",
        "PROTEST",
    ]


def test_a_spokesman_s_generic_forces_are_his_side_and_his_threat_is_one(extract: Extract) -> None:
    text = (
        "أعلن المتحدث العسكري للحوثيين العميد يحيى سريع أن القوات البحرية استهدفت سفينة تجارية في خليج عدن"
        " بعدد من الصواريخ، متوعداً الولايات المتحدة بأن أي اعتداء جديد على اليمن «لن يمر دون رد»."
    )
    evs = extract(text, published="2024-02-07", meta={"country": "YE"})
    assert only(evs, "استهدفت").actor1 == "houthis"
    assert [e.type for e in evs].count("THREATEN") == 1


def test_their_house_after_bi_is_no_dialect_accusation(extract: Extract) -> None:
    text = "أُصيبت الطفلة وهي ترعى الغنم جنب بيتهم في قرية الشقب بجبل صبر."
    assert all(e.type != "ACCUSE" for e in extract(text, meta={"country": "YE"}))
    # a dialect present with بـ that is no common word stays a verb
    dialect = "والكتيبة بتتهم الحراك بالتحريض على العنف"
    assert "ACCUSE" in [e.type for e in extract(dialect, meta={"country": "LY"})]


def test_a_sniper_described_by_a_movement_adjective_acts_for_it(extract: Extract) -> None:
    text = "أطلق قناص حوثي النار على طفلة في قرية الشقب بجبل صبر صباح اليوم."
    shot = only(extract(text, published="2021-10-14", meta={"country": "YE"}), "أطلق")
    assert shot.actor1 == "houthis"


def test_the_aggression_with_a_nationality_is_that_state(extract: Extract) -> None:
    text = "3 غارات للعدوان الأمريكي على منطقة الجبانة بمديرية اللحية فجر اليوم."
    strikes = only(extract(text, published="2024-02-03", meta={"country": "YE"}), "غارات")
    assert strikes.actor1 == "us-armed-forces"
    said = "أعلنت وزارة الدفاع التركية أمس أن قواتها حيّدت أربعة عناصر من وحدات حماية الشعب قرب منبج."
    neutralized = only(extract(said, published="2024-02-03", meta={"country": "SY"}), "حيّدت")
    assert (neutralized.actor1, neutralized.actor2) == ("turkish-armed-forces", "ypg")


def test_a_time_clause_verb_without_a_subject_goes_on_with_its_sentences_actor(extract: Extract) -> None:
    text = (
        "القيادة العامة – شعبة الإعلام الحربي\nأكملت وحدات الجيش الوطني الليبي أمس السيطرة على منطقة قنفودة،"
        " آخر مواقع مجلس شورى ثوار بنغازي في مدينة بنغازي، بعد أن سيطرت يوم السبت على منطقة بوصنيب."
    )
    evs = extract(text, published="2017-01-20", meta={"country": "LY"})
    assert [(e.type, e.actor1) for e in evs] == [("ASSAULT", "libyan-national-army")] * 2
    assert evs[1].acled is not None and evs[1].acled["sub_event_type"] == "Government regains territory"


def test_a_joined_verb_with_its_object_pronoun_and_a_release_before_keep_the_agent(extract: Extract) -> None:
    text = (
        "اعتقلت قوة من الشرطة الاتحادية أربعة محتجين في كربلاء واحتجزتهم ثلاثة أيام قبل أن تفرج عنهم بكفالة."
    )
    evs = extract(text, published="2021-03-02", meta={"country": "IQ"})
    assert [(e.type, e.actor1, e.actor2) for e in evs] == [
        ("COERCE", "iraqi-federal-police", "protesters"),
        ("RETREAT", "iraqi-federal-police", "protesters"),
    ]
    named = "قصفت القوات التركية قرية الدردارة قبل أن تستهدف قسد نقطة عسكرية قريبة."
    answered = only(extract(named, meta={"country": "SY"}), "تستهدف")
    assert answered.actor1 == "syrian-democratic-forces"


def test_the_same_call_again_keeps_its_unnamed_signer(extract: Extract) -> None:
    text = (
        "المنظمة الليبية للرصد الحقوقي - بيان توثيقي\n"
        "وتطالب المنظمة القيادة العامة بوقف استهداف الأحياء السكنية، كما تطالب جهاز الردع بالسماح "
        "بإجراء تشريح مستقل لجثة السجين."
    )
    evs = extract(text, meta={"country": "LY", "date": "2020-02-20"})
    assert [(e.actor1, e.actor2) for e in evs] == [(None, "libyan-national-army"), (None, "rada")]


def test_a_charge_in_quotes_and_a_release_after_then(extract: Extract) -> None:
    text = (
        "وفي 9 أيار اعتقلت جماعة الحوثي أربعة تربويين في مديرية العدين بتهمة «التخابر مع العدوان»، ثم "
        "أفرجت عن اثنين منهم بعد خمسة أيام."
    )
    arrest, release = extract(text, meta={"country": "YE", "date": "2023-06-01"})
    assert (arrest.actor1, arrest.actor2) == ("houthis", None)
    assert (release.type, release.actor1, release.actor2) == ("RETREAT", "houthis", None)


def test_the_speaker_a_line_opens_with_goes_on_with_a_joined_saying(extract: Extract) -> None:
    text = (
        '🗣 الانتقالي في بيان: "جهات معادية تستغل معاناة الناس لإثارة الفوضى في عدن" ويتهم حزب الإصلاح '
        "بالوقوف ورا التحريض"
    )
    blame = only(extract(text, meta={"country": "YE", "date": "2023-06-01"}), "يتهم")
    assert (blame.actor1, blame.actor2) == ("southern-transitional-council", "islah")


def test_unnamed_air_defences_in_a_forces_statement_are_its_own(extract: Extract) -> None:
    text = (
        "بيان صادر عن القوات المسلحة اليمنية\n"
        "كما تمكنت الدفاعات الجوية من إسقاط طائرة تجسسية مسلحة نوع «سي إتش 4» تابعة لتحالف العدوان "
        "في أجواء مديرية صرواح."
    )
    downed = extract(text, meta={"country": "YE", "date": "2021-06-01"})[0]
    assert (downed.actor1, downed.actor2) == ("houthis", "saudi-led-coalition")


def test_men_of_a_force_taking_property_and_counted_people_taken(extract: Extract) -> None:
    seized = extract(
        "وفي 7 تشرين الثاني 2020، استولت عناصر من الفرقة الرابعة على أربعة منازل في مدينة طفس.",
        meta={"country": "SY"},
    )[0]
    assert seized.actor1 == "fourth-armoured-division"
    text = (
        "فرقت قوة من الشرطة العراقية وقفة احتجاجية أمام مبنى المحافظة في الناصرية نظمت للمطالبة بالكشف "
        "عن قتلة المتظاهرين، واعتقلت ثلاثة محتجين."
    )
    arrest = only(extract(text, meta={"country": "IQ"}), "اعتقلت")
    assert (arrest.actor1, arrest.actor2) == ("iraqi-police", "protesters")


def test_another_call_after_kama_keeps_the_caller(extract: Extract) -> None:
    text = (
        "وتطالب الشبكة السورية لحقوق الإنسان قوات النظام بالكشف عن مصير المعتقلين، كما دعت التحالف الدولي "
        "إلى وقف دعم الجهات المتورطة."
    )
    calls = extract(text, meta={"country": "SY", "date": "2020-02-20"})
    assert [(e.actor1, e.actor2) for e in calls] == [
        ("syrian-network-for-human-rights", "syrian-government-forces"),
        ("syrian-network-for-human-rights", "us-led-coalition"),
    ]


def test_an_official_opening_a_line_with_a_colon_speaks_for_his_body(extract: Extract) -> None:
    text = "🔸 قائد محور صافر في الجيش الوطني: أي تصعيد جديد سيُقابل برد حاسم في عمق مناطق سيطرة الحوثيين"
    threat = extract(text, meta={"country": "YE", "date": "2021-03-02"})[0]
    assert (threat.type, threat.actor1) == ("THREATEN", "yemeni-government-forces")


def test_torture_traces_on_a_detainee_are_his_captors(extract: Extract) -> None:
    text = (
        "وفي 3 نيسان اعتقلت عناصر من فرقة الحمزة الشاب محمود العلي من منزله في عفرين، وبعد أسبوعين "
        "تسلمت أسرته جثته وتُظهر صور اطلعنا عليها آثار تعذيب واضحة على جثته."
    )
    torture = only(extract(text, meta={"country": "SY", "date": "2021-05-01"}), "تعذيب")
    assert torture.actor1 == "hamza-division"


def test_a_sentence_opened_by_the_operation_goes_on_with_its_doer(extract: Extract) -> None:
    text = (
        "📌 #حمص | إدارة الأمن العام بتطلق حملة تمشيط بحيي وادي الذهب وعكرمة\n"
        "الحملة بلشت الساعة ٧ الصبح، وتم القبض على ٩ مطلوبين ومصادرة أسلحة خفيفة"
    )
    evs = extract(text, meta={"country": "SY", "date": "2025-03-01"})
    assert {e.actor1 for e in evs if e.type == "COERCE"} == {"syrian-general-security"}


def test_what_a_protest_rejects_is_no_protester(extract: Extract) -> None:
    protest = extract("✊ مظاهرة باعزاز رافضة لدخول الهيئة ع المنطقة", meta={"country": "SY"})[0]
    assert protest.type == "PROTEST" and protest.actor1 != "hayat-tahrir-al-sham"


def test_people_called_on_are_addressees_and_protesters_who_demand_are_subjects(extract: Extract) -> None:
    text = (
        "القيادة العامة للقوات المسلحة العربية الليبية\n"
        "وتحذر القيادة العامة كل من يحمل السلاح في وجه الدولة، وتدعو أهالي درنة إلى الابتعاد عن أماكن "
        "تمركز الإرهابيين."
    )
    call = only(extract(text, meta={"country": "LY", "date": "2018-05-20"}), "تدعو")
    assert call.actor1 == "libyan-national-army"
    towns = (
        "القيادة العامة للقوات المسلحة العربية الليبية\n"
        "وتؤكد القيادة أن وحداتنا لم تستهدف أي منطقة مأهولة، كما تدعو أهالي مرزق وأوباري إلى التعاون "
        "مع الوحدات العسكرية."
    )
    called = only(extract(towns, meta={"country": "LY", "date": "2019-08-20"}), "تدعو")
    assert called.actor1 == "libyan-national-army"
    demand = "وطالب المحتجون حكومة الوحدة الوطنية بإخراج التشكيلات المسلحة من طرابلس."
    asked = only(extract(demand, meta={"country": "LY", "date": "2022-05-20"}), "طالب")
    assert (asked.actor1, asked.actor2) == ("protesters", "gnu-forces")


def test_an_arrest_at_a_checkpoint_belonging_to_a_force_is_its(extract: Extract) -> None:
    text = "وتوفي المعتقل في سجن تلكيف، بعد نحو شهرين من اعتقاله على حاجز تابع للحشد الشعبي عند مدخل الموصل."
    arrest = only(extract(text, meta={"country": "IQ", "date": "2023-05-01"}), "اعتقاله")
    assert arrest.actor1 == "popular-mobilization-forces"


def test_spoken_arrests_and_the_same_force_after_its_unit(extract: Extract) -> None:
    spoken = extract("📍 جهاز الردع يعلن القبض ع ٣ مطلوبين في سوق الجمعة", meta={"country": "LY"})
    assert [(e.type, e.actor1) for e in spoken] == [("COERCE", "rada")]
    text = (
        "ففي 14 يناير أقدمت قوة عسكرية تابعة للقيادة العامة على هدم أربعة منازل في منطقة قنفودة غرب بنغازي. "
        "وفي اليوم ذاته استولى مسلحون تابعون للقوة نفسها على منزلين آخرين في حي الصابري."
    )
    seized = only(extract(text, meta={"country": "LY", "date": "2019-02-01"}), "استولى")
    assert seized.actor1 == "libyan-national-army"
