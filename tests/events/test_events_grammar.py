"""Agent grammar of Arabic event reports: control and light verbs, partitive and construct heads,
proclitics written with tatweel, states named by their capital, accompaniment, atomic place lists,
crowds' violence and the nouns that are not events of their own."""

from __future__ import annotations

import pytest

from marsad.model import Document, Event
from marsad.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline.default()


def events(nlp: Pipeline, text: str) -> list[Event]:
    doc = nlp(Document(id="t", text=text, published="2020-06-14"))
    for ev in doc.events:
        for span in (ev.trigger, *ev.evidence):
            assert text[span.start : span.end] == span.text
    return doc.events


def test_the_subject_of_a_control_verb_does_the_deed(nlp: Pipeline) -> None:
    evs = events(
        nlp, "تمكنت قطعات اللواء السادس عشر في الحشد الشعبي ليلة أمس من صد تعرض لفلول داعش على قرية البوحسن."
    )
    assert [(e.type, e.actor1, e.actor2) for e in evs] == [
        ("ASSAULT", "popular-mobilization-forces", "islamic-state")
    ]


def test_a_partitive_head_names_the_force_and_a_verb_after_it_has_its_subject(nlp: Pipeline) -> None:
    evs = events(nlp, "وانتشرت قطعات من الجيش العراقي والحشد الشعبي في القرى المحيطة.")
    assert evs[0].type == "MOBILIZE"
    assert evs[0].actor1 == "iraqi-army"


def test_a_proclitic_written_with_tatweel_is_still_a_proclitic(nlp: Pipeline) -> None:
    denial = next(e for e in events(nlp, "فيما تنفي موسكو أي صلة رسمية بـفاغنر.") if e.type == "REJECT")
    assert denial.actor1 == "russian-armed-forces"


def test_holding_responsible_is_an_accusation_and_bearing_responsibility_is_not(nlp: Pipeline) -> None:
    evs = events(nlp, "وحملت أنقرة قوات النظام السوري مسؤولية الغارة.")
    accusation = next(e for e in evs if e.type == "ACCUSE")
    assert (accusation.actor1, accusation.actor2) == ("turkish-armed-forces", "syrian-government-forces")
    assert [e.type for e in evs] == ["ACCUSE"]  # "مسؤولية الغارة" tells no new air strike
    assert not [e for e in events(nlp, "ونطالب الجهات الدولية بتحمّل مسؤولياتها.") if e.type == "ACCUSE"]


def test_a_list_of_places_with_kind_nouns_gives_one_event_per_place(nlp: Pipeline) -> None:
    evs = events(nlp, "يواصل الطيران الروسي قصف مدينة دوما وبلدات حرستا وعربين.")
    assert len([e for e in evs if e.type == "ASSAULT"]) == 3
    assert all(e.actor1 == "russian-armed-forces" for e in evs)


def test_accompaniment_is_not_the_agent(nlp: Pipeline) -> None:
    evs = events(nlp, "وبدأت قوات النظام عملية تمشيط بمساندة من الطيران الروسي في محيط تدمر.")
    sweep = next(e for e in evs if e.type == "MOBILIZE")
    assert sweep.actor1 == "syrian-government-forces"
    assert "russian-armed-forces" in sweep.assoc_actors


def test_protesters_burning_and_blocking_is_a_violent_demonstration(nlp: Pipeline) -> None:
    evs = events(nlp, "المحتجين احرقوا سيارات امنية وقطعوا الطريق قرب المستشفى")
    assert [e.type for e in evs] == ["PROTEST"]
    assert evs[0].acled is not None and evs[0].acled["sub_event_type"] == "Violent demonstration"


def test_motives_hypotheticals_and_habits_are_not_events(nlp: Pipeline) -> None:
    assert [e.type for e in events(nlp, "خرج متظاهرون في أعزاز رفضاً لتقدم الهيئة.")] == ["PROTEST"]
    assert not [
        e
        for e in events(nlp, "وإننا نؤكد أن أي اعتداء على أهلنا سيقابل بالرد المناسب.")
        if e.type == "ASSAULT"
    ]
    assert events(nlp, "وتشهد الطارمية بين الحين والآخر هجمات لخلايا التنظيم.") == []


def test_the_attack_that_is_repelled_is_part_of_the_clash(nlp: Pipeline) -> None:
    evs = events(
        nlp, "تصدى مقاتلو جيش العزة يوم الأحد لمحاولة تسلل نفذتها مجموعات من جيش الأسد على محور تل ملح."
    )
    assert [(e.type, e.actor1) for e in evs] == [("ASSAULT", "jaish-al-izza")]


def test_a_passive_harm_verb_takes_its_agent_from_the_attack_phrase(nlp: Pipeline) -> None:
    evs = events(
        nlp,
        "قُتل 21 عنصراً من قوات الحزام الأمني فجر الثلاثاء في هجوم شنه مسلحون من تنظيم القاعدة في جزيرة العرب.",
    )
    attack = [e for e in evs if e.type == "ASSAULT"]
    assert len(attack) == 1
    assert (attack[0].actor1, attack[0].actor2) == ("aqap", "security-belt-forces")
