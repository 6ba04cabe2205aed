"""An agreement's two parties, whoever announces it. Sentences written for these tests."""

from __future__ import annotations

from .conftest import Extract


def _parties(extract: Extract, text: str, country: str, date: str) -> list[tuple[str | None, str | None]]:
    evs = extract(text, meta={"country": country, "date": date})
    return [(e.actor1, e.actor2) for e in evs if e.type == "AGREE"]


def test_parties_named_by_the_clause_that_tells_who_made_it(extract: Extract) -> None:
    text = "ويأتي القصف رغم اتفاق وقف إطلاق النار الذي توصلت إليه روسيا وتركيا في آذار الماضي."
    assert _parties(extract, text, "SY", "2020-06-01") == [("russian-armed-forces", "turkish-armed-forces")]
    text = "في خرق جديد لاتفاق وقف إطلاق النار الموقع بين تركيا وروسيا في موسكو."
    assert _parties(extract, text, "SY", "2020-06-01") == [("turkish-armed-forces", "russian-armed-forces")]


def test_parties_coordinated_before_the_agreement(extract: Extract) -> None:
    text = "وكانت روسيا وتركيا قد أبرمتا في أيلول 2018 اتفاقاً نصّ على إقامة منطقة منزوعة السلاح."
    assert _parties(extract, text, "SY", "2019-05-24") == [("russian-armed-forces", "turkish-armed-forces")]
    text = "ويشهد القضاء توتراً متكرراً منذ توقيع بغداد وأربيل اتفاق سنجار في تشرين الأول 2020."
    assert _parties(extract, text, "IQ", "2022-05-24") == [("iraqi-security-forces", "peshmerga")]


def test_the_two_sides_of_the_fight_told_before(extract: Extract) -> None:
    text = (
        "اندلعت اشتباكات عنيفة مساء أمس بين جهاز الردع واللواء 444 قتال في منطقة سوق الجمعة بطرابلس.\n"
        "وأعلن المجلس الرئاسي اليوم التوصل إلى اتفاق لوقف إطلاق النار بين الطرفين بوساطة أعيان المنطقة."
    )
    assert _parties(extract, text, "LY", "2023-08-16") == [("rada", "brigade-444")]


def test_a_settled_status_or_a_deal_named_again_is_no_agreement(extract: Extract) -> None:
    text = (
        "اعتقلت دورية للأمن العسكري شابين في مدينة الصنمين، بينهما اثنان أجريا تسوية لأوضاعهما.\n"
        "وقُتل عنصر سابق بالجيش الحر وعامل تسوية برصاص مسلحين مجهولين في بلدة طفس.\n"
        "ووقّعت فصائل المعارضة في بصرى الشام اتفاق تسوية مع الجانب الروسي."
    )
    evs = extract(text, meta={"country": "SY", "date": "2021-08-01"})
    agreements = [e for e in evs if e.type == "AGREE"]
    assert [e.trigger.text for e in agreements] == ["اتفاق تسوية"]
