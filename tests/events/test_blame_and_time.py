"""Blame and its objects, resolve and continuation, advances that end in a capture, and spans of time
that fix no day or lie before the time of their sentence. Sentences written for these tests."""

from __future__ import annotations

from .conftest import Extract, only


def test_blame_reaches_its_object_far_after_the_verb(extract: Extract) -> None:
    text = "وحمّل المجلس الانتقالي الجنوبي قيادات محسوبة على حزب الإصلاح مسؤولية إشعال المواجهات في المدينة."
    evs = extract(text, meta={"country": "YE"})
    assert [e.type for e in evs] == ["ACCUSE"]
    assert (evs[0].actor1, evs[0].actor2) == ("southern-transitional-council", "islah")


def test_the_consequences_or_series_blamed_are_no_events(extract: Extract) -> None:
    text = (
        "ونحمّل الحكومة المسؤولية الكاملة عن تكرار مسلسل الاغتيالات في القضاء، وعن تبعات اعتداءاتها"
        " المتكررة، وعن تفجير الوضع في المحافظة."
    )
    assert [e.type for e in extract(text, meta={"country": "IQ"})] == ["ACCUSE"]


def test_an_accusation_said_again_with_a_participle_is_one_accusation(extract: Extract) -> None:
    text = "وحمّلت الحكومة اليمنية جماعة الحوثي مسؤولية الحادثة، متهمةً إياها بزرع آلاف الألغام في المديريات."
    evs = [e for e in extract(text, meta={"country": "YE"}) if e.type == "ACCUSE"]
    assert len(evs) == 1 and len(evs[0].evidence) == 2


def test_a_resolve_to_carry_on_a_battle_is_no_event(extract: Extract) -> None:
    text = "وتجدد القيادة العامة عزمها على مواصلة معركة تحرير العاصمة حتى تحقيق أهدافها كاملة."
    assert extract(text, meta={"country": "LY"}) == []


def test_an_advance_that_ends_in_a_capture_is_the_capture_at_the_ground_taken(extract: Extract) -> None:
    text = (
        "تمكنت قوات الجيش الوطني الليبي مساء أمس من التقدم في محور عين زارة جنوب العاصمة طرابلس، وبسطت"
        " سيطرتها الكاملة على معسكر اليرموك بعد اشتباكات مع الميليشيات المسلحة التابعة لحكومة الوفاق."
    )
    evs = extract(text, published="2019-05-20", meta={"country": "LY"})
    assert len(evs) == 1
    (capture,) = evs
    assert capture.acled is not None and capture.acled["sub_event_type"] == "Government regains territory"
    assert (capture.actor1, capture.actor2) == ("libyan-national-army", "gnu-forces")
    assert capture.trigger.text == "سيطرتها"


def test_our_fighter_jets_are_the_signer_s(extract: Extract) -> None:
    text = (
        "المركز الإعلامي لغرفة عمليات الكرامة\nوشنت مقاتلاتنا فجر اليوم غارات دقيقة على تجمعات لقوات الوفاق."
    )
    strike = only(extract(text, published="2019-05-20", meta={"country": "LY"}), "غارات")
    assert strike.actor1 == "libyan-national-army"


def test_a_span_of_weeks_fixes_no_day_for_the_signer_s_statement(extract: Extract) -> None:
    text = (
        "المكتب الإعلامي لقوات الحزام الأمني\nويحمّل المكتب حزب الإصلاح المسؤولية عن التصعيد في المحافظة،"
        " في وقت تعيش فيه أبين توتراً متصاعداً منذ أسابيع."
    )
    blame = only(extract(text, published="2020-05-13", meta={"country": "YE"}), "يحمّل")
    assert (blame.date, blame.time_precision) == ("2020-05-13", 1)


def test_a_deed_some_weeks_before_the_time_of_its_sentence(extract: Extract) -> None:
    text = "أفرجت السلطات أمس عن الناشط أحمد السنوسي بعد أسبوعين من اعتقاله في مدينة جنزور."
    arrest = only(extract(text, published="2023-03-23", meta={"country": "LY"}), "اعتقاله")
    assert (arrest.date, arrest.time_precision) == ("2023-03-08", 2)


def test_a_known_person_right_before_the_verb_is_its_subject(extract: Extract) -> None:
    request = only(extract("الدبيبة طالب الطرفين بوقف فوري لإطلاق النار.", meta={"country": "LY"}), "طالب")
    assert request.actor1 == "abdul-hamid-dbeibah"


def test_a_member_of_a_body_s_council_speaks_for_the_body(extract: Extract) -> None:
    text = (
        "قالت جماعة الحوثي إنها استهدفت سفينة تجارية. وتوعد عضو المكتب السياسي للجماعة محمد البخيتي"
        " بأن الرد قادم."
    )
    threat = only(extract(text, meta={"country": "YE"}), "توعد")
    assert threat.actor1 == "houthis"


def test_what_a_statement_says_its_issuer_says(extract: Extract) -> None:
    text = "الانتقالي أصدر بياناً قبل ساعة دعا فيه المحتجين إلى الالتزام بالسلمية."
    call = only(extract(text, meta={"country": "YE"}), "دعا")
    assert call.actor1 == "southern-transitional-council"


def test_last_week_is_its_thursday(extract: Extract) -> None:
    text = "وكان التنظيم قد قتل أربعة من مقاتلي الحشد الشعبي في كمين قرب قضاء خانقين الأسبوع الماضي."
    ambush = only(extract(text, published="2022-06-09", meta={"country": "IQ"}), "كمين")
    assert (ambush.actor1, ambush.actor2) == ("islamic-state", "popular-mobilization-forces")
    assert (ambush.date, ambush.time_precision) == ("2022-06-02", 2)


def test_fighting_going_on_for_weeks_is_told_as_current(extract: Extract) -> None:
    text = "اشتباكات مستمرة منذ أسبوعين بين مسلحين محليين وقوات النظام في مدينة جاسم."
    clash = only(extract(text, published="2022-10-30", meta={"country": "SY"}), "اشتباكات")
    assert clash.date == "2022-10-30"


def test_a_threat_to_answer_aims_at_the_last_attacker_of_the_threatener(extract: Extract) -> None:
    text = (
        "استهدفت طائرة مسيّرة تركية ظهر اليوم سيارة عسكرية لقوات سوريا الديمقراطية قرب القامشلي."
        "\nوتوعّدت قسد بـ«الرد في الزمان والمكان المناسبين»."
    )
    threat = only(extract(text, published="2023-01-17", meta={"country": "SY"}), "توعّدت")
    assert (threat.actor1, threat.actor2) == ("syrian-democratic-forces", "turkish-armed-forces")
    assert "actor2" in threat.inferred


def test_a_dash_inside_a_night_between_two_days_splits_no_clause(extract: Extract) -> None:
    text = "شنّ طيران تابع لقوات حفتر ليل السبت - الأحد غارتين على محيط الكلية الجوية في مدينة مصراتة."
    strike = only(extract(text, published="2019-09-15", meta={"country": "LY"}), "غارتين")
    assert strike.actor1 == "libyan-national-army"


def test_casualties_among_civilians_are_no_second_side(extract: Extract) -> None:
    text = "طيران حربي روسي عم يقصف مدينة الأتارب من شوي وفيه اصابات بين المدنيين"
    shelling = only(extract(text, meta={"country": "SY"}), "يقصف")
    assert (shelling.actor1, shelling.actor2) == ("russian-armed-forces", "civilians")


def test_a_joined_verb_keeps_its_named_subject_and_the_capital_after_it_is_asked(extract: Extract) -> None:
    text = "الحكومة العراقية تدين القصف التركي المتكرر وتطالب أنقرة بوقف انتهاكاتها للسيادة."
    request = only(extract(text, meta={"country": "IQ"}), "تطالب")
    assert (request.actor1, request.actor2) == ("iraqi-security-forces", "turkish-armed-forces")


def test_people_named_after_a_verb_of_asking_are_not_the_signer(extract: Extract) -> None:
    text = "اللواء 444 قتال – المكتب الإعلامي\nخُطف تاجر أمام محله في ترهونة، وطالب الخاطفون عائلته بفدية."
    ask = only(extract(text, meta={"country": "LY"}), "طالب")
    assert ask.actor1 is None
