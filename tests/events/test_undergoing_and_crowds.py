"""The subject of "underwent" (تعرّض) is the target of the deed named after it, also when it is ours; a
crowd dispersed (فرّق) with or without its name, and live fire making the dispersal excessive force.
Sentences written for these tests."""

from __future__ import annotations

from .conftest import Extract, only


def test_the_subject_of_underwent_is_the_target(extract: Extract) -> None:
    text = (
        "تعرضت نقطة تفتيش تابعة للحشد الشعبي لهجوم شنه تنظيم داعش قرب الطارمية.\n"
        "وتعرضت قوة من الجيش العراقي مساء أمس لهجوم في قضاء الدور."
    )
    first, second = extract(text, meta={"country": "IQ", "date": "2022-09-12"})
    assert (first.actor1, first.actor2) == ("islamic-state", "popular-mobilization-forces")
    assert (second.actor1, second.actor2) == (None, "iraqi-army")


def test_the_subject_of_underwent_across_a_relative_clause_and_a_time(extract: Extract) -> None:
    text = (
        "تعرضت قاعدة عين الأسد التي تستضيف قوات من التحالف الدولي فجر اليوم الأربعاء لهجوم بطائرتين "
        "مسيّرتين.\nوتبنت المقاومة الإسلامية في العراق الهجوم في بيان."
    )
    attack = only(extract(text, meta={"country": "IQ", "date": "2023-11-22"}), "هجوم")
    assert (attack.actor1, attack.actor2) == ("islamic-resistance-in-iraq", "us-led-coalition")


def test_the_perpetrators_body_after_by_the_hand_of(extract: Extract) -> None:
    text = (
        "اختُطف الصحفي سالم أحمد العبسي يوم الخميس الماضي من منزله في مدينة ذمار على يد مسلحين يتبعون "
        "جهاز الأمن والمخابرات الخاضع لجماعة الحوثي."
    )
    taken = only(extract(text, meta={"country": "YE", "date": "2023-03-20"}), "اختُطف")
    assert taken.actor1 == "houthis"
    far = "اختُطف الصحفي يوم الخميس من منزله في مدينة ذمار على يد مسلحين تابعين لجماعة الحوثي."
    assert only(extract(far, meta={"country": "YE", "date": "2023-03-20"}), "اختُطف").actor1 == "houthis"
    held = "واحتُجز أربعة شبان في سجن يقع في منطقة خاضعة لجماعة الحوثي قرب ذمار."
    assert all(e.actor1 != "houthis" for e in extract(held, meta={"country": "YE"}))


def test_we_underwent_it_so_the_signer_is_the_target(extract: Extract) -> None:
    text = (
        "الإدارة الإعلامية لقوات الحزام الأمني\n"
        "تعرضت إحدى دورياتنا في منطقة المحفد لهجوم شنه عناصر تنظيم القاعدة.\n"
        "وتعرضت نقطة تفتيش تابعة لقواتنا قرب مودية لهجوم بعبوة ناسفة."
    )
    evs = extract(text, meta={"country": "YE", "date": "2022-09-12"})
    assert [(e.actor1, e.actor2) for e in evs] == [
        ("aqap", "security-belt-forces"),
        (None, "security-belt-forces"),
    ]
    ours = extract(
        "الإدارة الإعلامية لقوات الحزام الأمني\nهاجمت قواتنا مواقع تنظيم القاعدة في المحفد.",
        meta={"country": "YE", "date": "2022-09-12"},
    )
    assert (ours[0].actor1, ours[0].actor2) == ("security-belt-forces", "aqap")


def test_a_crowd_dispersed_by_name_or_by_pronoun(extract: Extract) -> None:
    named = only(
        extract("وفرّقت قوات الأمن المحتجين بالغاز المسيل للدموع في ساحة التحرير.", meta={"country": "IQ"}),
        "فرّقت",
    )
    assert (named.type, named.mode, named.actor1, named.actor2) == (
        "ASSAULT",
        "crowd-control",
        "iraqi-security-forces",
        "protesters",
    )
    assert named.acled is not None and named.acled["sub_event_type"] == "Protest with intervention"
    text = "وتظاهر العشرات أمام مبنى المحافظة في الناصرية، ففرقتهم قوات الأمن بالرصاص الحي."
    fired = only(extract(text, meta={"country": "IQ"}), "فرقتهم")
    assert (fired.actor1, fired.actor2) == ("iraqi-security-forces", "protesters")
    assert fired.acled is not None and fired.acled["sub_event_type"] == "Excessive force against protesters"


def test_dispersing_without_a_crowd_is_no_event(extract: Extract) -> None:
    evs = extract("وفرقت الخلافات بين الطرفين صفوف المجلس المحلي في الناصرية.", meta={"country": "IQ"})
    assert all("فرقت" not in e.trigger.text for e in evs)


def test_a_crowd_taken_after_before_that(extract: Extract) -> None:
    text = (
        "تجمّع عشرات المحتجين أمام مكتب الإدارة في مخيم الهول، قبل أن تفرّقهم عناصر الأسايش بإطلاق أعيرة"
        " نارية في الهواء.\n"
        "وتجمّع آخرون أمام مكتب الإدارة، قبل أن تعتقلهم عناصر الأسايش."
    )
    evs = extract(text, meta={"country": "SY", "date": "2022-09-10"})
    dispersal, arrest = only(evs, "تفرّقهم"), only(evs, "تعتقلهم")
    assert (dispersal.type, dispersal.actor1, dispersal.actor2) == ("ASSAULT", "asayish", "protesters")
    assert (arrest.type, arrest.actor1, arrest.actor2) == ("COERCE", "asayish", "protesters")
    held = extract("أفرج الجهاز عن 17 شخصاً آخرين يحتجزهم منذ أشهر.", meta={"country": "LY"})
    assert all(e.trigger.text != "يحتجزهم" for e in held)


def test_one_of_the_strikes_is_the_strikes_told_again(extract: Extract) -> None:
    text = (
        "شنت القوات الأمريكية والقوات البريطانية فجر اليوم سلسلة غارات على مواقع تابعة لجماعة الحوثي في"
        " محافظة الحديدة، استهدفت إحداها محيط مطار الحديدة، وفق ما أوردته قناة المسيرة."
    )
    evs = extract(text, meta={"country": "YE", "date": "2024-02-07"})
    assert [(e.trigger.text, e.actor1, e.actor2) for e in evs] == [("غارات", "us-armed-forces", "houthis")]
    assert any("إحداها" in span.text or "استهدفت" in span.text for span in evs[0].evidence)


def test_a_government_source_and_the_houthi_army_and_committees(extract: Extract) -> None:
    text = (
        "وقال مصدر عسكري إن الجيش واللجان الشعبية سيطروا فجر اليوم على مواقع في محيط مأرب."
        " ونفى مصدر عسكري حكومي هذه الأنباء."
    )
    for meta in ({"date": "2020-01-01"}, {"country": "YE", "date": "2020-01-01"}):
        evs = extract(text, meta=meta)
        assert [(e.trigger.text, e.actor1) for e in evs] == [
            ("سيطروا", "houthis"),
            ("نفى", "yemeni-government-forces"),
        ], meta
