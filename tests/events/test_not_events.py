"""Trigger words that tell no happening of their own, and verbal events read from their sentence:
stops and plans, references back, purposes, denied objects, outcomes of a fight, displacement, threats
and their conditions. Sentences written for these tests (found on gold/dev/mixed-5 and mixed-6)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from marsad.model import Event
from marsad.recognize.places import _verb_like

Extract = Callable[..., list[Event]]


def triggers(evs: list[Event]) -> list[str]:
    return [e.trigger.text for e in evs]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("وفي محاولة يائسة لوقف تقدم قواتنا، أغار طيران العدوان على مواقعنا في صرواح.", "تقدم"),
        ("ودعا المجلس إلى العودة إلى تنفيذ الاتفاقات الموقعة بين الطرفين.", "اتفاقات"),
        ("وطالبت الحكومة بتعليق فوري من التحالف على هذه الاتهامات.", "اتهامات"),
        ("ويقدّر فريقنا عدد ضحايا الألغام في ريف دير الزور بالعشرات.", "ألغام"),
        ("ونظّمت أمهات المختطفين وقفة احتجاجية أمام مقر التحالف للمطالبة بالكشف عن مصير أبنائهن.", "مطالبة"),
        ("ونفى المتحدث باسم التحالف في تصريح لاحق استهداف أي منازل سكنية.", "استهداف"),
        ("ويُقدَّر عدد الأسر التي غادرت المدينة منذ مايو الماضي بالمئات.", "غادرت"),
        ("ولم تتمكن العائلة من الحصول على أي معلومة عن مكان احتجازه.", "احتجاز"),
        ("وثّق فريقنا حالات الاختفاء خلال سيطرة ميليشيا الكانيات على مدينة ترهونة.", "سيطرة"),
        ("ويتكرر خطف جامعي الكمأ في البادية الغربية كل ربيع.", "خطف"),
        ("وهدد وجهاء المدينة بالتصعيد إذا لم تُفرج قوات النظام عن أبنائهم خلال أسبوع.", "تُفرج"),
        ("استندنا إلى روايات ذوي الضحايا وشهود عيان تواصل معهم فريقنا.", "تواصل"),
        ("وتوقفت المواجهات مساء الثلاثاء بعد التوصل إلى تهدئة.", "مواجهات"),
        ("وأُفرج عن عشرين موقوفاً بموجب العفو العام الصادر الشهر الماضي.", "عفو"),
        ("وتعمل الوحدات على مصادر النيران وفق قواعد الاشتباك.", "اشتباك"),
        ("وعثرت القوة على أجهزة اتصال ووثائق تتضمن مخططات لاستهداف مقرات أمنية.", "استهداف"),
        ("وأغلق المحتجون الطريق الدولي بالإطارات المشتعلة، احتجاجاً على انقطاع الكهرباء.", "احتجاج"),
        ("وتقول الجماعة إن هجماتها على السفن تأتي تضامناً مع غزة.", "تضامن"),
        ("واتهم المتحدث تركيا بتزويد حكومة الوفاق بطائرات مسيّرة وخبراء عسكريين.", "طائرات"),
        ("ونفت الشرطة في بيان استخدام الرصاص الحي ضد المحتجين.", "رصاص"),
        ("قسد تعتقل خمسة أشخاص في ذيبان وسط اتهامات بقتل مدني", "اتهامات"),
        ("ودعا المحافظ المحتجين إلى التظاهر السلمي وعدم قطع الطرق.", "قطع"),
        ("وفرّقت قوات الأمن المحتجين باستخدام الغاز المسيل للدموع.", "غاز"),
        ("ولم تسجل إصابات في صفوف المدنيين منذ سريان الهدنة مطلع نيسان.", "هدنة"),
        ("وكانت الفصائل قد وقّعت اتفاق التسوية، ونصّ على تسليم السلاح الثقيل.", "تسليم"),
        ("وتأتي المعارك ضمن الحملة التي تخوضها القوات منذ أشهر.", "معارك"),
        ("ويرى مراقبون أن استمرار الخروقات يهدد فرص تمديدها.", "يهدد"),
        ("وتشهد المدينة منذ سنوات اشتباكات متقطعة بين المجموعات المسلحة.", "اشتباكات"),
        ("ونفى الفصيل أي علاقة لعناصره بعملية الخطف، واصفاً الاتهامات بأنها ملفقة.", "اتهامات"),
        ("وأُفرج عن أحدهما صباح أمس بعد توقيعه على تعهد بعدم المشاركة في أي احتجاجات.", "تعهد"),
    ],
)
def test_no_event_of_its_own(extract: Extract, text: str, word: str) -> None:
    assert not [t for t in triggers(extract(text)) if word in t]


def test_the_outcome_of_a_fight_stays_with_it(extract: Extract) -> None:
    text = (
        "تصدى مقاتلو الجبهة الوطنية للتحرير لمحاولة تقدم لقوات النظام على محور الغدفة، "
        "وأوقعوا في صفوفها سبعة قتلى وأسروا عنصرين."
    )
    evs = extract(text)
    assert len(evs) == 1
    assert evs[0].actor1 == "national-front-for-liberation"
    wounded = extract("قُتل متظاهران وأصيب 18 آخرون مساء السبت إثر إطلاق القوات الأمنية الرصاص الحي.")
    assert len(wounded) == 1
    assert wounded[0].trigger.text.endswith("رصاص الحي")  # the cause, not the toll, names the event
    repelled = extract("وصدت قوات الحزام الأمني الهجوم وأجبرت المهاجمين على التراجع بعد ساعتين.")
    assert [e.type for e in repelled] == ["ASSAULT"]


def test_what_a_denial_denies_is_no_event_but_a_reported_claim_is(extract: Extract) -> None:
    evs = extract("ونفت جماعة الحوثي استهداف المدنيين في مدينة تعز.")
    assert [e.type for e in evs] == ["REJECT"]
    claimed = extract(
        "جيش العزة - المكتب الإعلامي\nوننفي ما نشرته وسائل إعلام النظام عن انسحاب مقاتلينا من قرية الجبين.",
    )
    assert sorted(e.type for e in claimed) == ["REJECT", "RETREAT"]


def test_a_definite_noun_after_a_word_of_time_refers_back(extract: Extract) -> None:
    text = (
        "استهدفت غارة جوية مركز احتجاز في تاجوراء شرق طرابلس ليل الثلاثاء.\n"
        "وأقلعت الطائرة من قاعدة الجفرة قبل الغارة بعشرين دقيقة."
    )
    assert len([e for e in extract(text) if e.type == "ASSAULT"]) == 1


def test_announced_responses_and_warnings_of_violence_are_threats(extract: Extract) -> None:
    statement = (
        "قوات سوريا الديمقراطية - المركز الإعلامي\n"
        "ونؤكد أن قواتنا ستردّ بكل حزم على أي اعتداء جديد على مناطقنا."
    )
    threat = [e for e in extract(statement) if e.type == "THREATEN"]
    assert len(threat) == 1
    assert threat[0].actor1 == "syrian-democratic-forces"
    assert threat[0].modality == "hypothetical"  # on a condition: "أي اعتداء"
    answered = extract("وردت المدفعية التركية بقصف مواقع قسد في محيط تل رفعت.")
    assert "THREATEN" not in [e.type for e in answered]
    warning = extract(
        "القيادة العامة للقوات المسلحة العربية الليبية\n"
        "ونحذّر تركيا من أن أي سفينة أو طائرة تقترب من سواحلنا ستكون هدفاً مشروعاً.",
    )
    warned = [e for e in warning if "نحذّر" in e.trigger.text]
    assert warned and warned[0].type == "THREATEN"
    assert warned[0].actor2 == "turkish-armed-forces"
    plain = extract("وحذرت الأمم المتحدة من تدهور الأوضاع الإنسانية في المدينة.")
    assert [e.type for e in plain if "حذرت" in e.trigger.text] == ["ACCUSE"]


def test_verbs_are_no_place_names_after_a_lists_and() -> None:
    assert _verb_like("وأوقعوا".replace("أ", "ا"))
    assert _verb_like("واقتادوه")
    assert _verb_like("لتفريق")
    assert not _verb_like("ومورك")
    assert not _verb_like("واللطامنة".replace("ة", "ه"))


def test_separate_happenings_in_one_sentence(extract: Extract) -> None:
    """Troops brought and a sweep begun; an arrest and a seizure: two events each."""
    moves = extract("واستقدم الحشد الشعبي تعزيزات من بعقوبة وبدأ عملية تمشيط للبساتين القريبة.")
    assert [e.type for e in moves] == ["MOBILIZE", "MOBILIZE"]
    raid = extract(
        "وأسفرت العملية عن اعتقال ثلاثة من عناصر داعش وضبط مخزن للأسلحة والعبوات الناسفة في قرية الرشاد."
    )
    assert sorted((e.type, e.mode) for e in raid) == [("COERCE", "arrest"), ("COERCE", "seize")]


def test_a_denial_answers_the_accuser(extract: Extract) -> None:
    text = (
        "واتهمت حكومة الوحدة الوطنية قوات حفتر بقصف الأحياء السكنية في طرابلس، فيما نفت القيادة العامة ذلك."
    )
    denial = [e for e in extract(text) if e.type == "REJECT"]
    assert denial and denial[0].actor2 == "gnu-forces"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("بسم الله الرحمن الرحيم\n﴿قَاتِلُوهُمْ يُعَذِّبْهُمُ اللَّهُ بِأَيْدِيكُمْ﴾\nقصفت قواتنا مواقع العدو.", "قَاتِلُوهُمْ"),
        ("قصفت الطائرات مطار الحديدة، والرصاص الراجع وصل للبيوت في الحي.", "وصل"),
        ("وقالت الوزارة إن وسائط دفاعنا الجوي تصدّت للصواريخ وأسقطت معظمها.", "تصدّت"),
        ("اقتحم مسلحون من داعش البلدة، فيما انسحب الباقون تحت وابل من النيران.", "انسحب"),
        ("خلّف القصف على مدى سنوات مئات الضحايا بين قتيل وجريح وفق منظمات محلية.", "قتيل"),
        ("وتظاهر المئات رافعين لافتات تطالب بالإفراج عن المعتقلين.", "تطالب"),
        ("ونطالب بوقف العدوان على غزة ورفع الحصار عنها.", "حصار"),
        ("ولا يزال تسعة منهم رهن الاحتجاز في سجن بئر أحمد.", "احتجاز"),
        ("وتحمّل الجماعة التحالف المسؤولية الكاملة عن هذا الاستهداف الغادر.", "غادر"),
        # the reason for a deed, and what protesters ask for with a word that is no trigger
        ("أحرق مسلحون منزل مزارع في قرية كفرصفرة إثر رفضه دفع إتاوة على محصول الزيتون.", "رفض"),
        ("اعتصم العشرات أمام مقر الأسايش في عامودا مطالبين بالإفراج عن أبنائهم.", "إفراج"),
        # owning up to a deed told before, and the visits a detainee may have
        ("اختطف مسلحون مدوّناً من منزله في بنغازي. ولم تعترف أي جهة رسمية باحتجازه حتى الآن.", "احتجاز"),
        ("ونطالب بالإفراج عنه وتمكين ذويه ومحاميه من زيارته دون إبطاء.", "زيارت"),
        # a source unnamed, a plot, a purpose, killers sought, the disappeared counted, a truce broken
        ("وقال المسؤول، الذي طلب عدم ذكر اسمه، إن الوضع هادئ.", "طلب"),
        ("واعتُقل شخصان كانا يخططان لاستهداف أبراج نقل الطاقة.", "استهداف"),
        ("واتفق الطرفان على التنسيق بين القوات لشن هجمات على خلايا التنظيم.", "هجمات"),
        ("وتجمّع المئات مطالبين بالكشف عن قتلة الناشطين.", "قتل"),
        ("ولا يزال ثلاثة منهم في عداد المختفين قسرياً.", "مختفين"),
        ("وقصفت الميليشيا مواقع الجيش في تعز، في خرق جديد للهدنة الأممية.", "هدنة"),
        ("وارتكبت الميليشيا 187 خرقاً للهدنة في جبهات تعز.", "هدنة"),
        ("ويتعرض جامعو الكمأة لهجمات متكررة في هذا الموسم.", "هجمات"),
        ("وتزامنت الاحتجاجات مع حملة دهم في المدينة.", "احتجاجات"),
        ("ونطالب روسيا، بصفتها طرفاً ضامناً، بالكف عن استهداف المنشآت الطبية.", "استهداف"),
        ("ونؤكد أن استهداف الأحياء السكنية لن يمر دون رد.", "استهداف"),
        # agreements in force, campaigns, rounds of talks, background, interceptions, deaths denied, counts
        ("ويُذكر أن اتفاق ستوكهولم ينص على إطلاق جميع الأسرى.", "اتفاق"),
        ("علماً أن المنطقة مشمولة باتفاق خفض التصعيد الذي لا يزال سارياً.", "اتفاق"),
        ("وتأتي هذه المعارك ضمن هجوم تشنه الجماعة منذ شباط الماضي.", "هجوم"),
        ("وبقي ملف الطرقات عالقاً رغم جولات تفاوض عدة برعاية أممية.", "تفاوض"),
        ("📌 للتذكير: المليشيا استهدفت أحياء مأرب بأكثر من 20 صاروخاً الشهر الماضي", "استهدفت"),
        ("تصدت وسائط الدفاع الجوي فجر اليوم لصواريخ معادية في محيط دمشق.", "تصدت"),
        ("وأكدت قسد أن أحداً من مقاتليها لم يُقتل في القصف.", "قتل"),
        ("وقُتل أكثر من 50 عنصراً من قسد في هجمات مماثلة منذ مطلع العام.", "قتل"),
        ("وشن طيران التحالف أكثر من 40 غارة على المحافظات خلال الأسبوع الماضي.", "غارة"),
        ('وقال المصدر: "أي حدا بيرفض يسلّم سلاحه رح يتعرض للمحاسبة".', "يرفض"),
        ("أُفرج عن الناشط من سجن قرنادة بعد احتجاز دام أربعة أشهر دون توجيه تهمة.", "احتجاز"),
        ("وتستمر الانتهاكات رغم مطالباتنا المتكررة.", "مطالبات"),
        # a rule of conduct, an aim, an alleged part, those to be held to account, a checkpoint, a wave
        ("ونؤكد أن وحداتنا لا تستهدف الأحياء السكنية.", "تستهدف"),
        ("ويرى محللون أن موسكو تسعى إلى فرض سيطرتها على الطريق الدولي.", "سيطرت"),
        ('وقالت الخلية إن الموقوفين "متورطون في إطلاق صواريخ" على المنطقة الخضراء.', "إطلاق"),
        ("ونطالب بحماية حق التظاهر السلمي ومحاسبة من أطلقوا النار على المتظاهرين.", "أطلقوا"),
        ("واعتُقلوا أثناء عبورهم سيطرة الرزازة في طريقهم إلى كربلاء.", "سيطرة"),
        ("وتابعت منظمتنا موجة الاحتجاجات التي شهدتها مدن غرب ليبيا.", "احتجاجات"),
        ("وأشار المصدر إلى أن التنظيم صعّد هجماته في المحافظة.", "هجمات"),
    ],
)
def test_more_words_that_tell_no_event(extract: Extract, text: str, word: str) -> None:
    assert not [t for t in triggers(extract(text)) if word in t]


def test_looting_and_arson_of_homes_are_one_property_destruction(extract: Extract) -> None:
    evs = extract("وأقدم مسلحون على نهب محتويات منزلين في قرية قرمتلق ثم إضرام النار فيهما.")
    assert [(e.type, e.mode) for e in evs] == [("ASSAULT", "destroy")]
    assert evs[0].acled is not None and evs[0].acled["sub_event_type"] == "Looting/property destruction"


def test_a_protests_demand_told_by_a_verb_is_the_protests(extract: Extract) -> None:
    evs = extract("مظاهرة بدرعا البلد بعد صلاة الجمعة بتطالب بالافراج عن المعتقلين")
    assert [e.type for e in evs] == ["PROTEST"]
    assert evs[0].actor1 == "protesters"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("واعتُقل شيخو بتهمة التواصل مع جهات معادية وحُرم من الزيارات طوال فترة احتجازه.", "زيارات"),
        ("وتطالب المنظمة بالكشف عن مصير آلاف المختفين قسرياً في مراكز الاحتجاز.", "مختفين"),
        ("واعتُقل المعلم بتهمة التواصل مع جهات معادية.", "تواصل"),
        ("وعُثر على جثة شاب مكبّل اليدين قرب بلدة المسيفرة.", "يدين"),
        ("وتوصل الطرفان إلى اتفاق برعاية تركية يقضي بوقف القتال وعودة العناصر إلى مواقعهم.", "وقف القتال"),
        ("واعتُقل الشاب يوم 14 آذار 2019 رغم إجرائه تسوية لوضعه الأمني.", "تسوية"),
    ],
)
def test_words_of_custody_terms_and_charges_tell_no_event(extract: Extract, text: str, word: str) -> None:
    assert not [t for t in triggers(extract(text)) if word in t]


def test_a_nominal_denial_restating_a_denial_is_one_event(extract: Extract) -> None:
    text = (
        "جيش العزة - المكتب الإعلامي\n"
        "ونكذّب ما روجت له وكالة سانا عن استهداف مقاتلينا للأحياء السكنية في مدينة محردة، "
        "فهذه الادعاءات عارية عن الصحة."
    )
    assert len([e for e in extract(text) if e.type == "REJECT"]) == 1


def test_torture_in_custody_is_done_to_prisoners_by_the_prisons_owner(extract: Extract) -> None:
    text = "وثّقنا وفاة المعتقل أحمد العلي تحت التعذيب في أحد سجون هيئة تحرير الشام في إدلب."
    torture = [e for e in extract(text) if e.mode == "torture"]
    assert torture and torture[0].actor1 == "hayat-tahrir-al-sham"
    assert torture[0].actor2 == "prisoners"


def test_a_mediation_that_brought_a_release_and_a_figure_reached_are_no_events(extract: Extract) -> None:
    text = (
        "وأُفرج عن المعتقل مساء السبت إثر وساطة قادها وجهاء من عشيرته.\n"
        "احتجاج ع الانقطاعات اللي وصلت ١٤ ساعة باليوم\n"
        "ووصلت تعزيزات عسكرية جديدة إلى مدينة سرت قادمة من الجفرة."
    )
    assert [e.type for e in extract(text, meta={"country": "LY"})] == ["RETREAT", "PROTEST", "MOBILIZE"]
    mediated = "وقاد جهاز الردع وساطة بين اللواء 444 وجهاز دعم الاستقرار."
    assert "CONSULT" in [e.type for e in extract(mediated, meta={"country": "LY"})]


def test_the_time_someone_was_held_is_no_new_arrest_unless_told_with_details(extract: Extract) -> None:
    text = (
        "وأفرجت الهيئة عن المعلم مساء السبت بعد نحو ثلاث سنوات على اعتقاله. وتعرض للضرب خلال الأيام الأولى"
        " من احتجازه، ولم يتمكن ذووه من معرفة مكانه طوال فترة احتجازه."
    )
    assert all(e.type != "COERCE" for e in extract(text, meta={"country": "SY"}))
    told = "وأُفرج عن الصحفي صباح اليوم بعد أسبوعين من اعتقاله في مدينة جنزور."
    assert "COERCE" in [e.type for e in extract(told, published="2022-01-01", meta={"country": "LY"})]


def test_a_verb_of_seeing_is_looked_for_only_where_it_stands() -> None:
    """ "تشهد", "وشهدت": trying the pattern at the verbs alone finds what a scan of the whole text finds."""
    import random

    from marsad.events.not_events import _SCENE, _scenes

    rng = random.Random(11)
    pieces = ["تشهد", "يشهد", "شهدت", "شهد", "شهدا", "مشهد", "و", "ف", "ت", "ي", "ال", " ", " ", ",", "#"]
    seen = 0
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(12))
        expected = [m.span() for m in _SCENE.finditer(text)]
        assert [m.span() for m in _scenes(text)] == expected
        seen += bool(expected)
    assert 50 < seen < 350  # texts with and without one


def test_every_provision_word_holds_a_stem_the_gate_looks_for() -> None:
    """_provision_or_name reads the clause's words only when one of the stems is in the window."""
    from marsad.events.not_events import _PROVISION_STEMS, _PROVISIONS

    assert all(any(stem in word for stem in _PROVISION_STEMS) for word in _PROVISIONS)
