"""Place recognition and resolution: cues, lists, relative places, admin context, false friends."""

from __future__ import annotations

from marsad.model import Label
from marsad.pipeline import Pipeline
from marsad.recognize.places import classify_cue, load_place_cues
from marsad.text.normalize import normalize_for_match

from .conftest import run, texts


def place(doc, text):  # type: ignore[no-untyped-def]
    mention = next(m for m in doc.mentions if m.label == Label.PLACE and m.text == text)
    return mention, doc.entities[mention.entity]


def test_cue_classification() -> None:
    cues = load_place_cues()

    def cue(*words: str) -> tuple[str | None, str | None]:
        return classify_cue([normalize_for_match(w) for w in words], cues)

    assert cue("في", "ريف") == ("admin", "countryside")
    assert cue("وبريف")[0] == "admin"
    assert cue("شمال", "غرب") == ("direction", "north-west")
    assert cue("قرية") == ("settlement", "village")
    assert cue("الانتقالي", "الجنوبي") == (None, None)


def test_rif_dimashq_is_its_own_governorate(nlp: Pipeline) -> None:
    doc = run(nlp, "اعتقلت قوات النظام شابين في مدينة التل بريف دمشق.")
    _mention, entity = place(doc, "دمشق")
    assert entity.id == "admin1:SY.08" and entity.attrs["geo_precision"] == 3
    assert "التل" in texts(doc, Label.PLACE)


def test_a_short_governorate_name_after_a_preposition_is_a_place(nlp: Pipeline) -> None:
    # GeoNames gives governorates no population; the rule against short hamlet names must spare them
    doc = run(nlp, "وقعت اشتباكات عنيفة في أبين مساء أمس.")
    _mention, entity = place(doc, "أبين")
    assert entity.id == "admin1:YE.01"


def test_relative_place_keeps_anchor_and_direction(nlp: Pipeline) -> None:
    doc = run(nlp, "تقدمت القوات إلى بيوت غرب خان شيخون في ريف إدلب الجنوبي.")
    mention, entity = place(doc, "خان شيخون")
    assert mention.attrs["relative"] == {"direction": "west", "anchor": entity.id}


def test_lists_and_motion_cues_find_unknown_villages(nlp: Pipeline) -> None:
    doc = run(
        nlp, "شن الطيران أكثر من 60 غارة على كفرزيتا واللطامنة ومورك خلال 24 ساعة، ثم وصل الجيش إلى معردس."
    )
    found = texts(doc, Label.PLACE)
    for name in ("كفرزيتا", "اللطامنة", "مورك", "معردس"):
        assert name in found, name
    assert doc.entities[place(doc, "معردس")[0].entity].attrs["lat"] is None  # never invented


def test_common_words_and_adverbs_are_not_places(nlp: Pipeline) -> None:
    doc = run(nlp, "قُتل 33 جندياً تركياً في غارة، وقال إن الفصيل المدعوم روسياً دفع بنقطتين رباط إلى المنطقة.")
    assert texts(doc, Label.PLACE) == []


def test_a_village_abroad_is_not_chosen_for_a_local_report(nlp: Pipeline) -> None:
    doc = run(nlp, "قتل مدنيان بانفجار لغم من مخلفات تنظيم الدولة في حي الرميلة بمدينة الرقة.")
    _, raqqa = place(doc, "الرقة")
    assert raqqa.attrs["country"] == "SY"


def test_hashtags_with_underscores(nlp: Pipeline) -> None:
    doc = run(nlp, "قصف مدفعي على الأحياء السكنية #ريف_ادلب #معرة_النعمان")
    assert "معرة_النعمان" in texts(doc, Label.PLACE)


def test_a_short_form_refers_back_to_the_place_named_in_full(nlp: Pipeline) -> None:
    doc = run(
        nlp,
        "قالوا إنهم يستطيعون الحفاظ على طيبة الإمام في ريف حماة. وفي اليوم التالي سقطت الطيبة، "
        "ودخلت مجموعاتنا إلى بيوت غرب طيبة.",
    )
    full, _ = place(doc, "طيبة الإمام")
    short, _ = place(doc, "الطيبة")
    bare, _ = place(doc, "طيبة")
    assert short.entity == bare.entity == full.entity
    assert bare.attrs["relative"] == {"direction": "west", "anchor": full.entity}
    # only where a place stands: "علاقات طيبة" is not the town
    doc = run(nlp, "سيطرت الفصائل على طيبة الإمام، وتربطها علاقات طيبة بالأهالي.")
    assert "طيبة" not in [m.text for m in doc.mentions if m.label == Label.PLACE]


def test_a_name_listed_with_a_local_place_stays_a_place(nlp: Pipeline) -> None:
    # الجلمة is known to the gazetteer only abroad; joined to كرناز it is a village of the list
    doc = run(nlp, "قصفت قوات النظام ريف حماة. واستهدفت مدفعيتنا تجمعات الميليشيات في الجلمة وكرناز.")
    names = [m.text for m in doc.mentions if m.label == Label.PLACE]
    assert "الجلمة" in names and "كرناز" in names


def test_bulleted_tally_lines_name_places(nlp: Pipeline) -> None:
    doc = run(nlp, "حصيلة القصف على ريف ادلب اليوم:\n▪️ اريحا: غارتين ع الاحياء السكنية")
    _, entity = place(doc, "اريحا")
    assert entity.attrs["country"] == "SY"


def test_bulleted_lines_are_looked_for_at_line_starts_alone() -> None:
    """The bullet pattern, tried only where a line begins, finds what its scan of the whole text finds."""
    import random

    from marsad.recognize.places import _BULLET_ITEM
    from marsad.text.words import line_starts, matches_at

    rng = random.Random(5)
    pieces = ["▪️", "•", "-", "*", " ", "\n", "\n\n", ":", " :", "اريحا", "سراقب", " و", "غارتين", "_", "،"]
    found = 0
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(30))
        expected = [(m.span(), m.group(1)) for m in _BULLET_ITEM.finditer(text)]
        assert [(m.span(), m.group(1)) for m in matches_at(_BULLET_ITEM, text, line_starts(text))] == expected
        found += len(expected)
    assert found > 50


def test_a_prison_names_its_place(nlp: Pipeline) -> None:
    doc = run(nlp, "شن مسلحون من تنظيم داعش هجوماً على سجن غويران في مدينة الحسكة.")
    assert "غويران" in [m.text for m in doc.mentions if m.label == Label.PLACE]


def test_a_quarter_named_like_a_country_is_no_country(nlp: Pipeline) -> None:
    doc = run(nlp, "اغتيل ناشط مدني مساء الجمعة في حي الجزائر وسط مدينة البصرة.")
    places = {m.text: doc.entities[m.entity] for m in doc.mentions if m.label == Label.PLACE and m.entity}
    assert places["الجزائر"].attrs.get("place_kind") != "country"
    assert places["البصرة"].attrs.get("country") == "IQ"


def test_a_capital_abroad_is_a_place_when_it_acts(nlp: Pipeline) -> None:
    doc = run(nlp, "اتهمت واشنطن كتائب حزب الله بالهجوم على قاعدة عين الأسد غربي العراق.")
    assert "واشنطن" in texts(doc, Label.PLACE)


def test_a_post_of_an_actor_and_a_falling_rocket_are_no_places(nlp: Pipeline) -> None:
    doc = run(
        nlp, "هاجم مسلحون حاجزاً لقسد قرب بلدة ذيبان. وسقط صاروخا كاتيوشا قرب المطار.", meta={"country": "SY"}
    )
    assert texts(doc, Label.PLACE) == ["ذيبان"]
    assert "قسد" in texts(doc, Label.ORG)


def test_a_past_verb_after_a_listed_place_is_no_place(nlp: Pipeline) -> None:
    doc = run(nlp, "اعتقلت قوة الردع ثلاثة في منطقة سوق الجمعة، وأفرجت عن اثنين منهم بعد 24 ساعة.")
    assert "أفرجت" not in texts(doc, Label.PLACE)


def test_a_verb_of_speech_after_a_listed_town_is_no_place(nlp: Pipeline) -> None:
    # "قالت" spells a town abroad in GeoNames; after "مدينة مصراتة،" it is still the verb
    doc = run(nlp, "شنت طائرات غارتين على مدينة مصراتة، وقالت حكومة الوفاق إن الغارتين استهدفتا حظيرة.")
    assert texts(doc, Label.PLACE) == ["مصراتة"]


def test_a_verb_after_a_listed_place_is_no_place(nlp: Pipeline) -> None:
    text = "توفي المعتقل في سجن تابع للمخابرات الجوية في دمشق، ونرجّح أن الوفاة ناجمة عن التعذيب."
    assert [m.text for m in run(nlp, text).mentions if m.label == Label.PLACE] == ["دمشق"]


def test_places_referred_back_and_airports_abroad(nlp: Pipeline) -> None:
    text = (
        "وقال الجيش إن قواته أحبطت محاولة تسلل باتجاه مواقعه في جبهة الكسارة.\n"
        "وكانت قوات النظام قد سيطرت على البلدتين يوم الأحد الماضي.\n"
        "ونفذ سلاح الجو المسير هجوماً على مطار أبها الدولي."
    )
    places = {
        m.text: m.entity for m in run(nlp, text, meta={"country": "YE"}).mentions if m.label == Label.PLACE
    }
    assert "مواقعه" not in places and "البلدتين" not in places
    assert places["أبها"] == "geonames:110690"


def test_an_unknown_name_placed_by_a_direction_is_a_place(nlp: Pipeline) -> None:
    text = "وطيران التحالف شن غارتين الفجر ع مواقع في الكثيب شمال الحديدة، وغارة في الجبانة غرب المدينه."
    places = [m.text for m in run(nlp, text, meta={"country": "YE"}).mentions if m.label == Label.PLACE]
    assert places[:2] == ["الكثيب", "الحديدة"] and "الجبانة" in places
    plain = "وقصفت القوات بلدة شمال حلب."
    assert [m.text for m in run(nlp, plain).mentions if m.label == Label.PLACE] == ["حلب"]


def test_a_town_named_after_a_title_live_fire_and_adverbs_are_no_names(nlp: Pipeline) -> None:
    text = (
        "أبلغت عائلة المعتقل خالد محمود الحريري من بلدة الشيخ مسكين بوفاته داخل أحد مراكز الاحتجاز.\n"
        "وفي الشيخ عثمان قوات الحزام تطلق رصاص حي لتفريق المتظاهرين.\n"
        "ودخلتها وحداتها من ثلاثة محاور انطلاقاً من مسلاتة."
    )
    doc = run(nlp, text, meta={"country": "SY"})
    places = [m.text for m in doc.mentions if m.label == Label.PLACE]
    assert "الشيخ مسكين" in places and "لتفريق" not in places and "انطلاقاً" not in places
    assert [m.text for m in doc.mentions if m.label == Label.PERSON] == ["خالد محمود الحريري"]


def test_a_verb_with_its_object_pronoun_after_a_place_is_no_place(nlp: Pipeline) -> None:
    doc = run(nlp, "داهمت مجموعة مسلحة منزل الناشط في حي الروضة واقتادته إلى جهة مجهولة.")
    places = [m.text for m in doc.mentions if m.label == Label.PLACE]
    assert "اقتادته" not in places and "الروضة" in places


def test_what_a_checkpoint_camp_or_base_is_is_no_name(nlp: Pipeline) -> None:
    text = (
        "خطف مسلحون شاباً من تلكلخ على حاجز وهمي.\n"
        "واندلعت اشتباكات في محيط معسكر اللواء الرابع في عدن.\n"
        "واستهدفت طائرات مسيرة قاعدة الملك خالد الجوية في خميس مشيط."
    )
    doc = run(nlp, text, meta={"country": "YE"})
    places = [m.text for m in doc.mentions if m.label == Label.PLACE]
    assert not {"وهمي", "اللواء", "الملك"} & set(places)
    assert {"عدن", "خميس مشيط"} <= set(places)


def test_short_form_words_are_those_the_pattern_finds() -> None:
    """A place's first word is found again among the view's words, proclitic and article as the
    pattern ``(?<!\\w)[وفبلك]?(?:ال)?(head)(?!\\w)`` takes them."""
    import random
    import re

    from marsad.recognize.places import _words_ending_in
    from marsad.text.words import WordIndex

    heads = {"طيبه": 1, "لطامنه": 2, "كفر": 3, "الكرك": 4}
    pattern = re.compile(
        r"(?<!\w)[وفبلك]?(?:ال)?(" + "|".join(sorted(heads, key=len, reverse=True)) + r")(?!\w)"
    )
    rng = random.Random(2)
    pieces = [
        "طيبه",
        "الطيبه",
        "بالطيبه",
        "لطامنه",
        "اللطامنه",
        "كفر",
        "وكفر",
        "الكرك",
        "كالكرك",
        "12",
        " ",
        "،",
    ]
    for _ in range(40):
        text = "".join(rng.choice(pieces) for _ in range(30))
        expected = [(m.start(), m.end(1), m.start(1)) for m in pattern.finditer(text)]
        assert _words_ending_in(WordIndex(text), heads) == expected
