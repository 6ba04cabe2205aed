"""States acting through their capitals, blame that names no agent, a verb said again with كما, a force
"of X" after the verb, and a news headline told again by the report under it. Sentences written for
these tests."""

from __future__ import annotations

from .conftest import Extract, only


def test_a_capital_before_the_verb_is_its_subject_and_no_place(extract: Extract) -> None:
    text = "وكانت واشنطن قد اتهمت كتائب حزب الله أمس بالوقوف وراء الهجوم على قاعدة عين الأسد."
    evs = extract(text, published="2022-01-10")
    accusation = only(evs, "اتهمت")
    assert (accusation.actor1, accusation.actor2) == ("us-armed-forces", "kataib-hezbollah")
    assert all(e.place is None or "4140963" not in e.place for e in evs)


def test_a_capital_after_a_preposition_is_a_place_not_a_subject(extract: Extract) -> None:
    ev = only(extract("وفي دمشق اعتقلت قوات النظام ثلاثة ناشطين."), "اعتقلت")
    assert ev.actor1 == "syrian-government-forces"


def test_blame_names_no_agent_unless_the_deed_is_said_to_be_the_accused(extract: Extract) -> None:
    blamed = extract(
        "وتحمّل قيادة العملية حفتر المسؤولية الكاملة عن القصف الصاروخي الذي استهدف حي أبو سليم في طرابلس."
    )
    assert only(blamed, "قصف").actor1 is None
    owned = extract("ونحمّل روسيا المسؤولية الكاملة عن المجزرة التي ارتكبتها طائراتها مساء أمس في سوق كفرنبل.")
    assert only(owned, "مجزرة").actor1 == "russian-armed-forces"


def test_a_verb_said_again_with_kama_keeps_its_subject(extract: Extract) -> None:
    text = (
        "وتطالب المنظمة المجلس الانتقالي الجنوبي بالإفراج عن المحتجزين، كما تطالب جماعة الحوثي بالكف عن"
        " استهداف المخيمات."
    )
    evs = [e for e in extract(text) if e.type == "REQUEST"]
    assert [(e.actor1, e.actor2) for e in evs] == [
        (None, "southern-transitional-council"),
        (None, "houthis"),
    ]


def test_a_noun_after_the_verb_does_not_hand_the_subject_to_the_state_after_it(extract: Extract) -> None:
    ev = only(extract("وتطالب المنظمة تركيا بإلزام الفصائل بإعادة الممتلكات إلى أصحابها."), "تطالب")
    assert (ev.actor1, ev.actor2) == (None, "turkish-armed-forces")


def test_a_unit_of_x_right_after_the_verb_is_its_subject(extract: Extract) -> None:
    text = "هاجمت خلية تابعة لتنظيم داعش فجر اليوم حاجزاً لقوى الأمن الداخلي عند مدخل مدينة الرقة."
    ev = only(extract(text), "هاجمت")
    assert (ev.actor1, ev.actor2) == ("islamic-state", "asayish")


def test_the_report_under_a_headline_tells_its_happening_again(extract: Extract) -> None:
    text = (
        "مقتل عنصرين من الأسايش بهجوم لداعش شرقي الرقة\n"
        "الرقة – خاص\n"
        "هاجمت خلية تابعة لتنظيم داعش فجر اليوم حاجزاً لقوى الأمن الداخلي عند مدخل مدينة الرقة، ما أسفر"
        " عن مقتل عنصرين.\n"
        "وعلى إثر الهجوم، اعتقلت الأسايش 11 شخصاً في حي المشلب."
    )
    attacks = [e for e in extract(text, published="2022-06-25") if e.type == "ASSAULT"]
    assert len(attacks) == 1
    assert len(attacks[0].evidence) >= 2
    assert (attacks[0].actor1, attacks[0].actor2) == ("islamic-state", "asayish")


def test_lines_of_a_channels_post_are_separate_items(extract: Extract) -> None:
    text = (
        "🔴 #الحديدة\n"
        "طيران التحالف شن غارتين الفجر ع مواقع في الكثيب شمال المدينه 👇\n"
        "وطيران التحالف شن غارتين كمان ع مواقع في الصليف."
    )
    assert len([e for e in extract(text) if e.type == "ASSAULT"]) == 2


def test_units_of_a_force_and_its_partner_right_after_the_verb(extract: Extract) -> None:
    """ "وحدات من X وY": X leads, Y is its associate and no target."""
    text = "أحبطت وحدات من المقاومة الوطنية وألوية العمالقة هجوماً للحوثيين جنوبي مديرية حيس."
    ev = only(extract(text), "أحبطت")
    assert (ev.actor1, ev.actor2) == ("national-resistance-forces", "houthis")
    assert ev.assoc_actors == ["giants-brigades"]


def test_security_forces_in_iraq_fire_on_protesters(extract: Extract) -> None:
    text = "قتل ثلاثة متظاهرين عندما فتحت قوات الأمن النار على المحتجين في الناصرية."
    (ev,) = extract(text, meta={"country": "IQ"})
    assert (ev.actor1, ev.actor2) == ("iraqi-security-forces", "protesters")


def test_a_response_by_strikes_is_the_responders_and_its_describing_verb_is_the_same_strike(
    extract: Extract,
) -> None:
    text = (
        "سقطت قذائف صاروخية على حي باب توما في دمشق. وردّت وحدات من الجيش العربي السوري على مصادر إطلاق"
        " القذائف بضربات مدفعية مركّزة دكّت مقرات لجبهة النصرة في بلدة حرستا."
    )
    evs = extract(text)
    assert not [e for e in evs if e.trigger.text == "القذائف"]  # where the fire came from
    strikes = [e for e in evs if e.trigger.start > text.index("وردّت")]
    assert len(strikes) == 1
    assert (strikes[0].actor1, strikes[0].actor2) == ("syrian-government-forces", "hayat-tahrir-al-sham")


def test_a_release_is_placed_only_where_its_clause_says(extract: Extract) -> None:
    text = (
        "اختطف عناصر من فرقة السلطان مراد ثلاثة مدنيين من منازلهم في مدينة رأس العين، ثم أطلقوا سراح"
        " أحدهم بعد يومين مقابل فدية مالية."
    )
    release = only(extract(text), "أطلقوا")
    assert release.place is None


def test_the_next_sentence_of_a_report_goes_on_in_the_time_it_set(extract: Extract) -> None:
    text = (
        "أعدم عناصر تنظيم الدولة تسعة مدنيين في حي الزنجيلي غربي الموصل فجر الخميس 15 حزيران 2017."
        " كما استهدف قناصة التنظيم عائلات نازحة في حي الموصل الجديدة."
        " ونطالب الحكومة بحماية المدنيين."
    )
    evs = extract(text, published="2017-06-20")
    assert [e.date for e in evs if e.type == "ASSAULT"] == ["2017-06-15", "2017-06-15"]
    (request,) = [e for e in evs if e.type == "REQUEST"]
    assert request.date != "2017-06-15"  # a statement's demand is made when it is published


def test_a_headline_names_the_place_coarsely_and_the_report_tells_it_finer(extract: Extract) -> None:
    text = (
        "مقتل عشرة مقاتلين بهجوم لهيئة تحرير الشام على مواقع لقوات النظام بريف إدلب\n"
        "تعرّضت مواقع لقوات النظام في محيط بلدة التمانعة بريف إدلب الجنوبي، فجر اليوم، لهجوم مباغت شنّته"
        " هيئة تحرير الشام، بحسب المرصد السوري لحقوق الإنسان."
    )
    (attack,) = [e for e in extract(text, published="2019-12-20") if e.type == "ASSAULT"]
    assert (attack.actor1, attack.actor2) == ("hayat-tahrir-al-sham", "syrian-government-forces")
    assert attack.trigger.start > text.index("\n")  # the report's word, not the headline's
    assert attack.place is not None and "admin1" not in attack.place


def test_an_announcer_goes_on_announcing_and_joined_nouns_share_the_agent(extract: Extract) -> None:
    text = (
        "أعلنت قوة الردع القبض على خلية تابعة لتنظيم داعش في طرابلس يوم السبت الماضي. كما أعلنت اعتقال ٣"
        " من عناصر التنظيم وضبط كمية من المتفجرات."
    )
    evs = extract(text, published="2022-01-10")
    assert [(e.mode, e.actor1) for e in evs] == [("arrest", "rada"), ("arrest", "rada"), ("seize", "rada")]


def test_not_until_asserts_a_release(extract: Extract) -> None:
    text = "واعتقل عناصر فرقة الحمزة أربعة مدنيين، ولم تُطلق الفرقة سراحهم إلا بعد ثلاثة أيام."
    release = only(extract(text), "تُطلق")
    assert release.modality == "asserted" and not release.negated


def test_a_subject_before_idh_and_the_state_it_blames(extract: Extract) -> None:
    text = "وإن القوات المسلحة اليمنية إذ تحمّل واشنطن ولندن كامل المسؤولية عن الجريمة."
    ev = only(extract(text, meta={"country": "YE"}), "تحمّل")
    assert (ev.actor1, ev.actor2) == ("houthis", "us-armed-forces")


def test_who_will_pay_is_the_one_threatened(extract: Extract) -> None:
    text = "المتحدث الرسمي للقوات المسلحة اليمنية\nونؤكد أن العدو الأمريكي سيدفع ثمن عدوانه."
    ev = only(extract(text, published="2024-01-12"), "يدفع")
    assert (ev.type, ev.actor2) == ("THREATEN", "us-armed-forces")


def test_a_circumstantial_participle_has_the_clauses_subject(extract: Extract) -> None:
    text = "ونفت جماعة الحوثي استهداف المدنيين، متهمةً القوات الحكومية بقصف الأحياء السكنية."
    ev = only(extract(text, meta={"country": "YE"}), "متهمة")
    assert (ev.actor1, ev.actor2) == ("houthis", "yemeni-government-forces")
    text = "ونفت كتائب حزب الله أي صلة لعناصرها بالهجمات، مطالبةً بالإفراج الفوري عنهم."
    evs = extract(text)
    assert not [e for e in evs if e.type == "ASSAULT"]  # the attacks a link to is denied
    assert only(evs, "مطالبة").actor1 == "kataib-hezbollah"


def test_a_speakers_pronoun_and_a_warning_about_any_attempt(extract: Extract) -> None:
    ev = only(extract("وقالت هيئة تحرير الشام إنها ستتصدى لأي محاولة لقمع المتظاهرين."), "تتصدى")
    assert (ev.type, ev.actor1, ev.modality) == ("THREATEN", "hayat-tahrir-al-sham", "hypothetical")


def test_running_totals_and_periodic_totals_are_no_events(extract: Extract) -> None:
    assert not extract("وبذلك يرتفع عدد من وثّقنا مقتلهم في المدينة منذ بدء الحملة إلى 40 مدنياً.")
    text = "وأكد مصدر أن غارات التحالف على مأرب منذ مطلع الشهر تجاوزت ١٢٠ غارة."
    assert not [e for e in extract(text) if e.type == "ASSAULT"]


def test_a_breach_of_an_agreement_whose_making_is_told_keeps_the_agreement(extract: Extract) -> None:
    text = "قُتل ثمانية مدنيين في خرق صريح لاتفاق وقف إطلاق النار الذي أعلنته موسكو وأنقرة."
    assert [e for e in extract(text) if e.type == "AGREE"]


def test_each_demanding_verb_is_its_own_demand_and_a_student_is_none(extract: Extract) -> None:
    text = "ونطالب بالإفراج الفوري عن المدوّن، كما نطالب مكتب النائب العام بفتح تحقيق مستقل."
    assert len([e for e in extract(text) if e.type == "REQUEST"]) == 2
    text = "في غضون ذلك، طالب قائممقام سيدكان الحكومة الاتحادية بالتدخل."
    (demand,) = extract(text)
    assert demand.type == "REQUEST" and demand.actor1 is None  # an official the KB does not hold
    assert not [e for e in extract("وقُتل طالب جامعي في القصف على الحي.") if e.type == "REQUEST"]


def test_simultaneous_happenings_share_the_time_and_the_own_clause_time_wins(extract: Extract) -> None:
    text = (
        "هاجم عناصر من الجيش الوطني فجر أمس نقاطاً لقسد قرب منبج.\n"
        "وفي تطور لاحق أعلن المتحدث باسم الفيلق أن قواته صدت الهجوم.\n"
        "وبالتزامن، قصفت القوات التركية بالمدفعية الثقيلة قرية أم حوش."
    )
    evs = extract(text, published="2023-03-13")
    shelling = only(evs, "قصفت")
    assert shelling.date == "2023-03-12"
    text = (
        "وفي إطار اتفاق تبادل الأسرى الموقع في جنيف في 23 أكتوبر 2020، أفرجت قوات حكومة الوفاق أمس عن 12"
        " محتجزاً."
    )
    release = only(extract(text, published="2021-02-10"), "أفرجت")
    assert release.date == "2021-02-09"


def test_last_monday_in_a_report_of_a_monday_is_a_week_back(extract: Extract) -> None:
    text = "يوم الإثنين الماضي، استهدفت طائرة مسيرة تركية سيارة مدنية قرب سيدكان."
    assert only(extract(text, published="2022-08-01"), "استهدفت").date == "2022-07-25"


def test_people_counted_after_an_arrest_or_a_release_are_its_target(extract: Extract) -> None:
    text = "واعتقلت الشرطة ما لا يقل عن 14 متظاهراً في كربلاء. وأفرج جهاز الردع الأحد عن 23 محتجزاً."
    evs = extract(text, meta={"country": "IQ"})
    assert [e.actor2 for e in evs] == ["protesters", "prisoners"]


def test_the_iraqi_government_stands_for_the_state(extract: Extract) -> None:
    (ev,) = extract("وندعو الحكومة العراقية إلى الكشف عن مصير المختطفين.")
    assert ev.actor2 == "iraqi-security-forces"


def test_not_without_a_response_is_a_threat_not_a_denial(extract: Extract) -> None:
    (threat,) = extract("ونؤكد أن استهداف الأحياء السكنية لن يمر دون رد.")
    assert (threat.type, threat.negated) == ("THREATEN", False)


def test_the_head_of_an_actors_name_stands_for_it_after_a_verb(extract: Extract) -> None:
    text = "جهاز الردع لمكافحة الجريمة المنظمة والإرهاب - إدارة الإعلام\nكما أفرج الجهاز الأحد عن 23 محتجزاً."
    release = only(extract(text), "أفرج")
    assert (release.actor1, release.actor2) == ("rada", "prisoners")


def test_men_of_a_unit_inside_a_verb_phrase_and_a_release_after_a_listed_place(extract: Extract) -> None:
    text = (
        "وظهر السبت، أطلق عناصر من كتيبة النواصي النار على المحتجين في سوق الجمعة.\n"
        "وفي يوم الأحد، اعتقلت قوة الردع ثلاثة من منسقي الحراك في منطقة سوق الجمعة، وأفرجت عن اثنين منهم"
        " بعد 24 ساعة."
    )
    evs = extract(text, published="2022-05-24", meta={"country": "LY"})
    assert only(evs, "أطلق").actor1 == "nawasi-brigade"
    release = only(evs, "أفرجت")
    assert (release.actor1, release.date) == ("rada", "2022-05-22")


def test_a_duration_dates_nothing_when_a_day_is_named(extract: Extract) -> None:
    text = "والأحد الماضي، أفرج عن الناشط فرج المنصوري من سجن قرنادة بعد احتجاز دام أربعة أشهر."
    assert only(extract(text, published="2022-05-24"), "أفرج").date == "2022-05-22"


def test_condemners_and_protesters(extract: Extract) -> None:
    text = "وندد المحتجون بما وصفوه بصمت الأمم المتحدة. ونظم مئات المهاجرين اعتصاماً أمام مقر المفوضية."
    evs = extract(text)
    assert [(e.type, e.actor1) for e in evs] == [("ACCUSE", "protesters"), ("PROTEST", "protesters")]


def test_a_killing_undertaken_and_a_national_aggression(extract: Extract) -> None:
    text = "كما أقدم مسلحون مجهولون على قتل مدني بإطلاق النار عليه قرب منزله."
    (killing,) = extract(text)
    assert (killing.actor1, killing.actor2) == ("unidentified-armed-group", "civilians")
    text = "تصدت وسائط الدفاع الجوي فجر اليوم لعدوان صاروخي إسرائيلي استهدف مواقع قرب دمشق."
    (strike,) = extract(text)  # the interception is part of it
    assert (strike.type, strike.actor1) == ("ASSAULT", "israeli-armed-forces")


def test_a_party_that_tells_of_repelling_did_it_through_its_outlet(extract: Extract) -> None:
    text = "⭕️ مصدر عسكري لـالمسيرة: إفشال محاولة تسلل لمرتزقة العدوان باتجاه مواقع في الجوف"
    (ev,) = extract(text, meta={"country": "YE"})
    assert (ev.actor1, ev.actor2, ev.reported_by) == ("houthis", "saudi-led-coalition", ["al-masirah"])


def test_a_denial_joined_to_an_accusation_keeps_its_speaker(extract: Extract) -> None:
    text = "ونفت قسد سقوط قتلى في صفوفها، واتهمت القوات التركية بقصف قرية أم الحوش."
    ev = only(extract(text), "اتهمت")
    assert (ev.actor1, ev.actor2) == ("syrian-democratic-forces", "turkish-armed-forces")


def test_she_is_the_subject_before_and_they_are_someone_else(extract: Extract) -> None:
    text = (
        "حركة أحرار الشام - المكتب الإعلامي\n"
        "تفاجأنا بأن هيئة تحرير الشام تواصلت مع جيش العزة وأخبرتهم أنها انسحبت من حلفايا دون إنذار."
    )
    assert only(extract(text), "انسحبت").actor1 == "hayat-tahrir-al-sham"
    text = "حركة أحرار الشام - المكتب الإعلامي\nوتواصل معنا قائد ميداني وقال لنا أنهم انسحبوا من النقاط."
    assert only(extract(text), "انسحبوا").actor1 != "ahrar-al-sham"
