"""Author organization from signatures, headers and agency datelines."""

from __future__ import annotations

from marsad.model import Label
from marsad.pipeline import Pipeline

from .conftest import run


def test_signature_with_name_org_and_role(nlp: Pipeline) -> None:
    doc = run(
        nlp, "خالد العمر / حركة أحرار الشام / مسؤول المكتب الإعلامي\nتصدت مجموعاتنا لهجوم على محور الزيارة."
    )
    assert doc.author is not None
    assert (doc.author.organization, doc.author.name) == ("ahrar-al-sham", "خالد العمر")
    assert doc.author.role == "مسؤول المكتب الإعلامي"
    assert any(m.label == Label.PERSON and m.text == "خالد العمر" for m in doc.mentions)


def test_header_line_and_scraped_trailer(nlp: Pipeline) -> None:
    doc = run(nlp, "المكتب الإعلامي لجيش العزة\nتمكن مقاتلونا من صد محاولة تقدم.\n\nSocial Links:")
    assert doc.author is not None and doc.author.organization == "jaish-al-izza"


def test_agency_dateline(nlp: Pipeline) -> None:
    doc = run(nlp, "دمشق - سانا: أعلن مصدر عسكري أن وحدات من الجيش تصدت لهجوم في ريف حماة.")
    assert doc.author is not None and doc.author.organization == "sana" and doc.author.role == "agency"


def test_a_statement_issued_by_a_body_and_told_in_the_first_person_is_its(nlp: Pipeline) -> None:
    text = (
        "أصدرت قيادة الشرطة الاتحادية بياناً بشأن عملياتها في كركوك، جاء فيه:\n"
        "نفذت قطعاتنا فجر اليوم عملية تفتيش في وادي الشاي."
    )
    doc = run(nlp, text)
    assert doc.author is not None and doc.author.organization == "iraqi-federal-police"
    news = run(nlp, "أصدرت قيادة الشرطة الاتحادية بياناً بشأن عملياتها.\nوقال مصدر إن القوات فتشت الوادي.")
    assert news.author is None  # no first person: a report about the statement


def test_an_army_axis_media_centre_signs_for_the_army(nlp: Pipeline) -> None:
    doc = run(nlp, "المركز الإعلامي لمحور تعز العسكري\nصدّ أبطال الجيش هجوماً على مواقعهم في جبهة مقبنة.")
    assert doc.author is not None and doc.author.organization == "yemeni-government-forces"


def test_a_documenter_opening_its_own_report_is_its_author(nlp: Pipeline) -> None:
    text = (
        "حصيلة الاعتقال التعسفي في محافظة درعا خلال أيار\n"
        "سجّلت الشبكة السورية لحقوق الإنسان خلال الشهر الماضي ما لا يقل عن 27 حالة اعتقال تعسفي.\n"
        "ونطالب بالكشف عن مصير المعتقلين."
    )
    doc = run(nlp, text)
    assert doc.author is not None and doc.author.organization == "syrian-network-for-human-rights"
    third = run(nlp, "سجّلت الشبكة السورية لحقوق الإنسان مقتل 12 مدنياً.\nوقالت الشبكة إن القصف استمر.")
    assert third.author is None  # told in the third person only: a report about the network


def test_no_author_in_plain_news(nlp: Pipeline) -> None:
    assert run(nlp, "قتل مدنيان في قصف على بلدة كفرنبل بريف إدلب.").author is None


def test_known_spokesman_signs_for_the_organization_he_speaks_for(nlp: Pipeline) -> None:
    text = (
        "تمكن مجاهدونا من صد زحف في مديرية صرواح بمحافظة مأرب.\n"
        "المتحدث الرسمي باسم القوات المسلحة\nالعميد يحيى سريع\nصنعاء – 8 رجب 1442 هـ"
    )
    doc = run(nlp, text)
    assert doc.author is not None
    assert (doc.author.organization, doc.author.name) == ("houthis", "يحيى سريع")
    assert doc.author.role == "المتحدث الرسمي باسم القوات المسلحة"
    org = [m for m in doc.mentions if m.label == Label.ORG and m.text == "القوات المسلحة"]
    assert [m.entity for m in org] == ["houthis"]


def test_spokesman_line_with_a_named_organization_records_the_signer(nlp: Pipeline) -> None:
    doc = run(
        nlp,
        "نفذ سلاح الجو المسير هجوماً على مطار أبها.\n"
        "العميد يحيى سريع\nالمتحدث الرسمي باسم القوات المسلحة اليمنية",
    )
    assert doc.author is not None
    assert (doc.author.organization, doc.author.name) == ("houthis", "يحيى سريع")


def test_spokesman_line_without_a_known_person_gives_no_author(nlp: Pipeline) -> None:
    doc = run(nlp, "قصفت القوات مواقع في ريف حماة.\nالمتحدث الرسمي باسم القوات المسلحة\nأحمد خالد")
    assert doc.author is None


def test_a_body_of_the_announcer_opens_the_statement(nlp: Pipeline) -> None:
    doc = run(
        nlp,
        "تعلن غرفة العمليات المشتركة التابعة لحكومة الوفاق الوطني أن قواتنا تمكنت أمس من صد هجوم على"
        " محور عين زارة.",
    )
    assert doc.author is not None and doc.author.organization == "gnu-forces"


def test_an_organization_s_branch_heading_the_text(nlp: Pipeline) -> None:
    doc = run(nlp, "إدارة الأمن العام في محافظة اللاذقية\nألقت وحداتنا فجر اليوم القبض على خمسة أشخاص.")
    assert doc.author is not None and doc.author.organization == "syrian-general-security"


def test_the_following_statement_issued_by_a_body_of_an_organization(nlp: Pipeline) -> None:
    text = (
        "أصدر المركز الإعلامي لـقوات سوريا الديمقراطية البيان التالي:\nمساء أمس هاجمت خلايا لتنظيم داعش"
        " نقطة لقواتنا قرب ذيبان، وتصدى مقاتلونا للهجوم."
    )
    doc = run(nlp, text)
    assert doc.author is not None and doc.author.organization == "syrian-democratic-forces"


def test_a_sentence_about_an_organization_in_a_place_is_no_heading(nlp: Pipeline) -> None:
    doc = run(nlp, "قوات النظام في حماة\nقصفت قوات النظام بلدة كفرزيتا.")
    assert doc.author is None or doc.author.organization != "syrian-government-forces"


def test_the_kind_of_document_in_a_header_is_no_signer(nlp: Pipeline) -> None:
    doc = run(nlp, "فرقة الحمزة – بيان توضيحي\nتنفي فرقة الحمزة الاتهامات.")
    assert doc.author is not None and doc.author.organization == "hamza-division"
    assert doc.author.name is None
    assert not [m for m in doc.mentions if m.label == Label.PERSON]


def test_a_report_titled_by_its_documenter_is_theirs(nlp: Pipeline) -> None:
    text = (
        "الشبكة السورية لحقوق الإنسان: انتهاكات متواصلة في محافظة درعا\n"
        "وثقنا خلال الشهر الماضي سلسلة من الانتهاكات. إننا نطالب بالكشف عن مصير المعتقلين."
    )
    doc = run(nlp, text)
    assert doc.author is not None and doc.author.organization == "syrian-network-for-human-rights"
    news = run(nlp, "قسد: مقتل ثلاثة عناصر بهجوم في دير الزور\nقالت قسد إن ثلاثة من عناصرها قتلوا.")
    assert news.author is None


def test_a_statement_kind_before_its_office_and_a_long_documenter_title(nlp: Pipeline) -> None:
    statement = run(
        nlp,
        "بيان المركز الإعلامي لغرفة عمليات الكرامة\n"
        "تمكنت وحداتنا العسكرية صباح اليوم من صد هجوم على تمركزات قواتنا.",
    )
    assert statement.author is not None and statement.author.organization == "libyan-national-army"
    report = run(
        nlp,
        "الشبكة السورية لحقوق الإنسان: وفاة معتقل من داريا بسبب التعذيب واعتقال 14 مدنياً في ريف درعا الشمالي"
        " خلال الأسبوع الماضي\n"
        "وبحسب المعلومات التي حصلنا عليها، اعتقلت قوات النظام 14 مدنياً. ونطالب بالإفراج عنهم.",
    )
    assert report.author is not None and report.author.organization == "syrian-network-for-human-rights"


def test_any_media_office_heading_a_statement_signs_it(nlp: Pipeline) -> None:
    for office in ("الإدارة الإعلامية", "الدائرة الإعلامية", "الخلية الإعلامية", "بيان الإدارة الإعلامية"):
        doc = run(nlp, f"{office} لقوات الحزام الأمني\nنفذت وحداتنا عملية تمشيط في وادي عومران.")
        assert doc.author is not None and doc.author.organization == "security-belt-forces", office
    sentence = run(nlp, "الإدارة الجديدة لقوات الحزام الأمني\nنفذت قوات الحزام الأمني عملية تمشيط.")
    assert sentence.author is None


def test_we_in_a_named_body_signs_the_text(nlp: Pipeline) -> None:
    doc = run(
        nlp,
        "بيان بشأن الأوضاع في درعا البلد\nتتابع الشبكة السورية لحقوق الإنسان بقلق الحصار المشدد على الحي.\n"
        "إننا في الشبكة السورية لحقوق الإنسان نحمّل النظام السوري المسؤولية الكاملة.",
    )
    assert doc.author is not None and doc.author.organization == "syrian-network-for-human-rights"


def test_we_ask_in_a_named_body_signs_the_text(nlp: Pipeline) -> None:
    doc = run(
        nlp, "تقرير شهري\nونطالب في الشبكة السورية لحقوق الإنسان الأمم المتحدة بالضغط للإفراج عن المعتقلين."
    )
    assert doc.author is not None and doc.author.organization == "syrian-network-for-human-rights"
    told = run(nlp, "نشر في وكالة سانا خبر عن اشتباكات في ريف حماة.")
    assert told.author is None


def test_we_in_is_looked_for_only_where_its_cue_words_stand() -> None:
    """The "we in X" pattern is tried at its cue words alone, and finds what a scan of the text finds."""
    import random

    from marsad.recognize.author import _WE_IN, _WE_IN_CUES, _WE_IN_LEAD
    from marsad.text.words import matches_at, occurrence_starts

    rng = random.Random(3)
    pieces = ["إننا", "اننا", "ونحن", "نحن", "فنطالب", "نحمّل", "نحمل", "لكننا", " في ", "في", " ", "و", "\n"]
    for _ in range(50):
        text = "".join(rng.choice(pieces) for _ in range(80))
        expected = [m.span() for m in _WE_IN.finditer(text)]
        starts = occurrence_starts(text, _WE_IN_CUES, _WE_IN_LEAD)
        assert [m.span() for m in matches_at(_WE_IN, text, starts)] == expected
