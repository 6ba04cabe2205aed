"""Time expressions: spans in original offsets, kinds, values with and without a publication date."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from hijridate import Hijri
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import Document, Label
from marsad.pipeline import Analysis
from marsad.recognize.times import (
    TimeMatch,
    TimeTagger,
    _anchor_hits,
    _Parser,
    find_times,
    load_time_words,
    parse_published,
)
from marsad.text.normalize import NormalizedText

PUB = dt.date(2017, 5, 10)  # a Wednesday
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "hama-2017-statement.ar.txt"


def times(text: str, published: dt.date | str | None = PUB) -> list[TimeMatch]:
    found = find_times(NormalizedText(text), published)
    for m in found:
        assert text[m.start : m.end] == m.text
    ends = [(m.start, m.end) for m in found]
    assert ends == sorted(ends) and all(a[1] <= b[0] for a, b in pairwise(ends))
    return found


def one(text: str, published: dt.date | str | None = PUB) -> TimeMatch:
    found = times(text, published)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def texts(text: str, published: dt.date | str | None = PUB) -> list[str]:
    return [m.text for m in times(text, published)]


# --------------------------------------------------------------------------------------------------
# Gregorian dates, months, years

DATES = [
    ("وقع الهجوم في 5 أيار 2017 على القرية.", "5 أيار 2017", "date", "2017-05-05", "day"),
    (
        "في الخامس من أيار/مايو 2017 قصفت الطائرات البلدة.",
        "الخامس من أيار/مايو 2017",
        "date",
        "2017-05-05",
        "day",
    ),
    ("اندلعت اشتباكات يوم ٢٣ نيسان ٢٠١٧ في المدينة.", "يوم ٢٣ نيسان ٢٠١٧", "date", "2017-04-23", "day"),
    ("اعتُقل بتاريخ 23/4/2017 وأُفرج عنه لاحقاً.", "23/4/2017", "date", "2017-04-23", "day"),
    ("صدر القرار في 2017-04-23 عن المحكمة.", "2017-04-23", "date", "2017-04-23", "day"),
    ("صدر القرار في ٢٣/٠٤/١٧ عن المحكمة.", "٢٣/٠٤/١٧", "date", "2017-04-23", "day"),
    (
        "في الحادي والعشرين من نيسان 2016 سقطت البلدة.",
        "الحادي والعشرين من نيسان 2016",
        "date",
        "2016-04-21",
        "day",
    ),
    ("اجتمعت اللجنة في 20 يناير 2022 بالعاصمة.", "20 يناير 2022", "date", "2022-01-20", "day"),
    ("أعلن التحالف في 3 إبريل 2015 بدء العملية.", "3 إبريل 2015", "date", "2015-04-03", "day"),
    ("وقعت المجزرة يوم 30 يونيه 2013.", "يوم 30 يونيه 2013", "date", "2013-06-30", "day"),
    ("بدأت المعركة في 1 جانفي 2019 قرب الحدود.", "1 جانفي 2019", "date", "2019-01-01", "day"),
    ("عاد الهدوء في 12 تشرين أول 2016 إلى الحي.", "12 تشرين أول 2016", "date", "2016-10-12", "day"),
    ("وفي شهر آذار 2011 خرجت أولى المظاهرات.", "شهر آذار 2011", "month", "2011-03", "month"),
    ("وقّع الاتفاق في آذار 2020 في موسكو.", "آذار 2020", "month", "2020-03", "month"),
    ("قُتل في تشرين الأول/أكتوبر 2019 بغارة.", "تشرين الأول/أكتوبر 2019", "month", "2019-10", "month"),
    ("انتهت العملية في أيار (مايو) 2018.", "أيار (مايو) 2018", "month", "2018-05", "month"),
    ("وصلت التعزيزات في شهر 4 عام 2017 إلى المنطقة.", "شهر 4 عام 2017", "month", "2017-04", "month"),
    ("سُجّلت الحادثة في 4/2017 في سجلات المشفى.", "4/2017", "month", "2017-04", "month"),
    ("خرجت المدينة عن سيطرة النظام عام 2012.", "عام 2012", "year", "2012", "year"),
    ("تأسست الحركة في العام 2011 بريف إدلب.", "العام 2011", "year", "2011", "year"),
    ("اندلعت الحرب سنة 2014 في الجنوب.", "سنة 2014", "year", "2014", "year"),
    ("تأسس الفصيل 2013م في حلب.", "2013م", "year", "2013", "year"),
    ("تصاعد القصف أواخر عام 2016 على الأحياء الشرقية.", "أواخر عام 2016", "year", "2016", "year"),
    ("ولد في التاسع والعشرين من شباط 2016.", "التاسع والعشرين من شباط 2016", "date", "2016-02-29", "day"),
]


@pytest.mark.parametrize(("text", "span", "kind", "value", "precision"), DATES)
def test_gregorian_dates_months_years(text: str, span: str, kind: str, value: str, precision: str) -> None:
    m = one(text)
    assert (m.text, m.kind, m.value, m.precision) == (span, kind, value, precision)
    # an explicit year does not depend on the publication date
    assert one(text, None).value == value


def test_dates_without_year_take_the_publication_year_within_the_window() -> None:
    assert one("قُتل ثلاثة مدنيين في 5 أيار في قصف.").value == "2017-05-05"
    # more than the 31-day window after publication: the previous year
    assert one("قُتل ثلاثة مدنيين في 20 تموز في قصف.").value == "2016-07-20"
    # a few weeks ahead: an announced date in the coming weeks
    assert one("تبدأ الجولة المقبلة من المفاوضات في 2 حزيران في جنيف.").value == "2017-06-02"
    # published in early January, "December" is last December
    assert one("وقعت الحادثة في 28 كانون الأول قرب الحاجز.", dt.date(2018, 1, 3)).value == "2017-12-28"
    m = one("وقعت المجزرة في الـ5 من أيار الماضي.")
    assert (m.text, m.value) == ("الـ5 من أيار الماضي", "2016-05-05")
    assert one("في الخامس عشر من الشهر الجاري عقد الاجتماع.").value == "2017-05-15"
    assert one("عاد في أيار من العام الماضي.").value == "2016-05"
    assert one("تتكرر الانتهاكات منذ منتصف تشرين الأول.").value == "2016-10"


def test_dates_without_year_and_without_publication_keep_their_parts() -> None:
    m = one("قُتل ثلاثة مدنيين في 5 أيار في قصف.", None)
    assert m.value is None and m.kind == "date" and m.precision == "day"
    assert m.parts == {"day": 5, "month": 5}
    m = one("تتكرر الانتهاكات منذ منتصف تشرين الأول.", None)
    assert m.value is None and m.parts == {"month": 10, "period_part": "mid"}


def test_invalid_calendar_dates_have_no_value() -> None:
    assert texts("في 29/2/2017 وفي 31/4/2016") == []
    m = one("في 31 نيسان 2016 وقع الانفجار.")
    assert m.value is None and m.parts["day"] == 31


def test_month_names_need_date_context() -> None:
    assert texts("مارس الجيش ضغوطاً كبيرة على السكان.") == []
    assert texts("زار أب الضحية مكتب المنظمة.") == []
    assert texts("وقف بجانب سيارة نيسان بيضاء.") == []
    assert texts("قالت آذار إن الوضع صعب.") == []
    assert texts("وفي آب قصفت الطائرات.") == []  # آب is not standalone: "في أب"
    assert texts("وفي شهر آب قصفت الطائرات.") == ["شهر آب"]
    assert texts("وفي حزيران قصفت الطائرات.") == ["حزيران"]
    assert texts("وخلال أيلول تراجعت الاشتباكات.") == ["أيلول"]
    assert texts("منذ نيسان/أبريل تراجع القصف.") == ["نيسان/أبريل"]


def test_coordinated_years_and_months() -> None:
    m = one("تراجعت الهجمات خلال عامي 2019 و2020 في المنطقة.")
    assert (m.text, m.value, m.parts) == ("عامي 2019 و2020", "2019/2020", {"year": 2019, "year_end": 2020})
    assert one("شهدت المنطقة هدوءاً عامي 2012 و2016.").value is None  # not consecutive: no interval
    assert texts("في شهري آذار ونيسان 2017 تصاعد القصف.") == ["شهري آذار", "نيسان 2017"]


# --------------------------------------------------------------------------------------------------
# Hijri


def test_hijri_dates_convert_with_hijridate() -> None:
    m = one("في 15 رمضان 1438 هـ اقتحمت القوات البلدة.")
    g = Hijri(1438, 9, 15).to_gregorian()
    assert m.text == "15 رمضان 1438 هـ" and m.kind == "hijri"
    assert m.value == dt.date(g.year, g.month, g.day).isoformat() == "2017-06-10"
    assert m.hijri == "1438-09-15" and m.precision == "day"
    m = one("الأول من محرم 1440 هـ موعد الإعلان.", None)
    g = Hijri(1440, 1, 1).to_gregorian()
    assert m.value == f"{g.year:04d}-{g.month:02d}-{g.day:02d}" and m.hijri == "1440-01-01"
    m = one("يوم الخميس ١٥ شعبان ١٤٣٨هـ اشتدت المعارك.")
    assert m.text == "يوم الخميس ١٥ شعبان ١٤٣٨هـ" and m.hijri == "1438-08-15"
    assert m.value == "2017-05-11" and m.parts["weekday"] == 4


def test_hijri_months_and_years() -> None:
    m = one("وفي ذي الحجة 1440 عاد النازحون.")
    assert (m.text, m.kind, m.value, m.hijri, m.precision) == (
        "ذي الحجة 1440",
        "hijri",
        None,
        "1440-12",
        "month",
    )
    m = one("تصاعدت الغارات خلال شهر رمضان على المدينة.")
    assert m.text == "شهر رمضان" and m.hijri == "1438-09"  # the coming Ramadan, within the window
    assert one("تصاعدت الغارات خلال شهر رمضان على المدينة.", None).hijri is None
    assert one("في عام 1438 هـ تأسس المجلس.").hijri == "1438"
    m = one("وصلت القافلة في 10 ذي الحجة إلى المخيم.")
    assert m.hijri == "1437-12-10" and m.value == "2016-09-11"


def test_hijri_names_are_not_names_of_people() -> None:
    assert texts("قال رمضان شلح إن الحركة ترفض المبادرة.") == []
    assert texts("قدم الشيخ أحمد رجب واستقبله شعبان.") == []
    assert texts("السلاح محرم دولياً.") == []
    assert texts("حصل المرشح على صفر في الاستطلاع.") == []
    assert texts("خسر 5 صفر في المباراة.") == []


def test_hijri_date_that_does_not_exist_has_no_value() -> None:
    m = one("في 30 صفر 1439 هـ")
    assert m.kind == "hijri" and m.value is None


# --------------------------------------------------------------------------------------------------
# Weekdays and relative days


RELATIVE = [
    ("قُتل مدنيان في قصف أمس على البلدة.", "أمس", "relative", "2017-05-09"),
    ("سقطت قذائف البارحة على الحي.", "البارحة", "relative", "2017-05-09"),
    ("وصلت التعزيزات أول أمس إلى المدينة.", "أول أمس", "relative", "2017-05-08"),
    ("تعقد اللجنة اجتماعها غداً في جنيف.", "غداً", "relative", "2017-05-11"),
    ("شنت الطائرات فجر اليوم غارات على المدينة.", "فجر اليوم", "relative", "2017-05-10"),
    ("قصفت المدفعية صباح اليوم أطراف البلدة.", "صباح اليوم", "relative", "2017-05-10"),
    ("تجددت الاشتباكات مساء أمس على محاور عدة.", "مساء أمس", "relative", "2017-05-09"),
    ("سمعت انفجارات ليلة أمس في الحي.", "ليلة أمس", "relative", "2017-05-09"),
    ("وانفجرت عبوة فجر أمس الخميس قرب السوق.", "فجر أمس الخميس", "relative", "2017-05-09"),
    ("اقتحمت القوات القرية يوم الجمعة الماضي.", "يوم الجمعة الماضي", "weekday", "2017-05-05"),
    ("قصفت الطائرات البلدة يوم الجمعة.", "يوم الجمعة", "weekday", "2017-05-05"),
    ("قصفت الطائرات البلدة الخميس الماضي.", "الخميس الماضي", "weekday", "2017-05-04"),
    ("تجددت الاشتباكات مساء السبت في الريف.", "مساء السبت", "weekday", "2017-05-06"),
    ("أُعلنت الهدنة الأربعاء في العاصمة.", "الأربعاء", "weekday", "2017-05-10"),
    ("تبدأ المفاوضات الجمعة المقبلة في أستانا.", "الجمعة المقبلة", "weekday", "2017-05-12"),
    ("أغارت الطائرات فجر الجمعة على المدينة.", "فجر الجمعة", "weekday", "2017-05-05"),
    ("وقُتل ثلاثة يوم الأحد في القصف.", "يوم الأحد", "weekday", "2017-05-07"),
    ("سيطرت القوات على التلة الأسبوع الماضي.", "الأسبوع الماضي", "relative", "2017-W18"),
    ("تراجعت الهجمات هذا الأسبوع في الريف.", "هذا الأسبوع", "relative", "2017-W19"),
    ("ارتفعت الحصيلة الشهر الماضي إلى مئة قتيل.", "الشهر الماضي", "relative", "2017-04"),
    ("تستمر الحملة خلال الشهر الجاري.", "الشهر الجاري", "relative", "2017-05"),
    ("نزح الآلاف العام الماضي من المنطقة.", "العام الماضي", "relative", "2016"),
    ("تجري الانتخابات العام المقبل.", "العام المقبل", "relative", "2018"),
    ("تصاعد القصف أواخر العام الماضي.", "أواخر العام الماضي", "relative", "2016"),
    ("بدأ التصعيد مطلع العام في المنطقة.", "مطلع العام", "relative", "2017"),
]


@pytest.mark.parametrize(("text", "span", "kind", "value"), RELATIVE)
def test_relative_and_weekday_expressions_resolve_against_publication(
    text: str, span: str, kind: str, value: str
) -> None:
    m = one(text)
    assert (m.text, m.kind, m.value) == (span, kind, value)
    assert m.relative is not None and m.relative["anchor"] == "publication"
    # NEVER invent: without a publication date there is no value
    unpublished = one(text, None)
    assert (unpublished.text, unpublished.kind, unpublished.value) == (span, kind, None)
    assert unpublished.relative == m.relative


def test_relative_attributes() -> None:
    m = one("تجددت الاشتباكات مساء أمس على محاور عدة.")
    assert m.relative == {"anchor": "publication", "direction": "before", "days": 1, "part_of_day": "evening"}
    assert m.precision == "day" and m.parts == {"part_of_day": "evening"}
    m = one("اقتحمت القوات القرية يوم الجمعة الماضي.")
    assert m.relative == {"anchor": "publication", "direction": "before", "weekday": 5}
    m = one("سيطرت القوات على التلة الأسبوع الماضي.")
    assert m.precision == "week" and m.relative == {
        "anchor": "publication",
        "direction": "before",
        "weeks": 1,
    }


def test_narrative_relatives_have_no_value_even_with_a_publication_date() -> None:
    for text, span, days, direction in [
        ("وفي اليوم التالي سقطت البلدة.", "اليوم التالي", 1, "after"),
        ("لنتفاجأ في اليوم الثاني بانسحابهم.", "اليوم الثاني", 1, "after"),
        ("وصلت القافلة في اليوم نفسه.", "اليوم نفسه", 0, "same"),
        ("وكانت قد انطلقت في اليوم السابق.", "اليوم السابق", 1, "before"),
    ]:
        m = one(text)
        assert (m.text, m.kind, m.value) == (span, "relative", None)
        assert m.relative == {"anchor": "previous", "direction": direction, "days": days}


def test_weekday_context_rules() -> None:
    assert texts("اجتمع الاثنين معاً في المقر.") == []
    assert texts("لم يبق أحد في القرية، والله الواحد الأحد.") == []
    assert texts("أدى المصلون صلاة الجمعة في المسجد الكبير.") == []
    assert texts("افتُتح سوق الخميس من جديد.") == []
    assert texts("قُتل ثلاثة يوم الاثنين.") == ["يوم الاثنين"]
    assert texts("قُتل ثلاثة الاثنين الماضي.") == ["الاثنين الماضي"]


def test_night_between_two_weekdays_is_one_interval() -> None:
    m = one("قصفت الطائرات البلدة ليل الثلاثاء - الأربعاء.", dt.date(2023, 4, 12))
    assert m.text == "ليل الثلاثاء - الأربعاء" and m.value == "2023-04-11/2023-04-12"
    assert m.parts == {"weekday": 2, "weekday_end": 3, "part_of_day": "night"}


def test_weekday_with_date_is_one_mention() -> None:
    m = one("يوم الجمعة 5 أيار 2017 استهدفت الطائرات السوق.")
    assert (m.text, m.kind, m.value) == ("يوم الجمعة 5 أيار 2017", "date", "2017-05-05")
    assert m.parts == {"year": 2017, "month": 5, "day": 5, "weekday": 5}
    m = one("يوم الجمعة الموافق 5 أيار 2017 الساعة العاشرة صباحاً دخلت القوات.")
    assert m.text == "يوم الجمعة الموافق 5 أيار 2017 الساعة العاشرة صباحاً"
    assert m.value == "2017-05-05T10:00" and m.precision == "hour"
    m = one("اليوم الأحد 7 أيار 2017 بدأت الهدنة.")
    assert m.value == "2017-05-07" and m.parts["weekday"] == 7
    assert texts("وصلت القوات الجمعة (5 أيار) إلى البلدة.") == ["الجمعة (5 أيار)"]


# --------------------------------------------------------------------------------------------------
# Clock times and durations


def test_clock_times() -> None:
    cases = [
        ("تواصل معنا القائد الساعة 12 ليلاً وأخبرنا.", "الساعة 12 ليلاً", 0, "night"),
        ("انسحبنا من البلدة الساعة 2 ليلاً.", "الساعة 2 ليلاً", 2, "night"),
        ("انسحبنا من البلدة الساعه 2 بعد ذلك.", "الساعه 2", 2, None),
        ("بدأ القصف الساعة الثانية فجراً.", "الساعة الثانية فجراً", 2, "dawn"),
        ("وصل الرتل الساعة 9 ليلاً.", "الساعة 9 ليلاً", 21, "night"),
        ("انفجرت السيارة الساعة 3 عصراً.", "الساعة 3 عصراً", 15, "afternoon"),
        ("هاجم التنظيم الموقع 2 ليلاً.", "2 ليلاً", 2, "night"),
        ("بدأ الهجوم عند الثانية عشرة ليلاً.", "الثانية عشرة ليلاً", 0, "night"),
        ("انسحب المسلحون عند منتصف الليل.", "منتصف الليل", 0, "night"),
        ("وصلت القوات الساعة 2 بالليل.", "الساعة 2 بالليل", 2, "night"),
    ]
    for text, span, hour, part in cases:
        m = one(text)
        assert (m.text, m.kind, m.value, m.precision) == (span, "time-of-day", None, "hour"), text
        assert m.relative is not None and m.relative["anchor"] == "previous" and m.relative["hour"] == hour
        assert m.relative.get("part_of_day") == part and m.parts["hour"] == hour


def test_clock_minutes() -> None:
    assert one("الساعة 14:30 بدأت الغارة.").parts == {"hour": 14, "minute": 30}
    m = one("الساعة العاشرة والنصف صباحاً بدأت الغارة.")
    assert m.parts == {"hour": 10, "minute": 30, "part_of_day": "morning"}
    assert one("الساعة الثالثة إلا ربعاً بدأت الغارة.").parts == {"hour": 2, "minute": 45}


def test_clock_time_with_its_day_is_one_mention_with_an_hour_value() -> None:
    m = one("استهدفت الطائرات المشفى الساعة الثالثة من فجر اليوم.")
    assert (m.text, m.kind, m.value, m.precision) == (
        "الساعة الثالثة من فجر اليوم",
        "relative",
        "2017-05-10T03:00",
        "hour",
    )
    m = one("عند الساعة 2:30 من فجر يوم الجمعة الماضي اقتحموا القرية.")
    assert m.text == "الساعة 2:30 من فجر يوم الجمعة الماضي" and m.value == "2017-05-05T02:30"
    m = one("الثلاثاء 4/4/2017 الساعة السادسة والنصف صباحاً قصفت الطائرات خان شيخون.")
    assert m.value == "2017-04-04T06:30" and m.parts["weekday"] == 2
    assert one("الساعة الثالثة من فجر اليوم.", None).value is None


DURATIONS: list[tuple[str, str, dict[str, Any], dict[str, Any] | None]] = [
    (
        "ليرجع إلينا بالرد بعد 12 ساعة بأنهم ليسوا بحاجة.",
        "بعد 12 ساعة",
        {"hours": 12},
        {"anchor": "previous", "direction": "after", "hours": 12},
    ),
    (
        "عادت الاشتباكات بعد يومين.",
        "بعد يومين",
        {"days": 2},
        {"anchor": "previous", "direction": "after", "days": 2},
    ),
    (
        "تم تأمين النقاط خلال ساعة واحدة فقط.",
        "خلال ساعة واحدة",
        {"hours": 1},
        {"anchor": "previous", "direction": "within", "hours": 1},
    ),
    (
        "قصفت الطائرات المنطقة منذ ساعات.",
        "منذ ساعات",
        {"hours": None},
        {"anchor": "publication", "direction": "before", "hours": None},
    ),
    ("استمرت المعارك ساعتين.", "ساعتين", {"hours": 2}, None),
    ("استمرت المعارك ثلاث ساعات.", "ثلاث ساعات", {"hours": 3}, None),
    ("استمر الحصار خمسة وعشرين يوماً.", "خمسة وعشرين يوماً", {"days": 25}, None),
    ("استمرت المعارك أسبوعاً.", "أسبوعاً", {"weeks": 1}, None),
    ("استمر القصف أكثر من خمس ساعات.", "أكثر من خمس ساعات", {"hours": 5}, None),
    ("أقلعت الطائرة قبل الغارة بعشرين دقيقة.", "عشرين دقيقة", {"minutes": 20}, None),
    (
        "ردّوا بعد نحو ساعة.",
        "بعد نحو ساعة",
        {"hours": 1},
        {"anchor": "previous", "direction": "after", "hours": 1},
    ),
    (
        "وصلت التعزيزات في غضون ساعتين.",
        "في غضون ساعتين",
        {"hours": 2},
        {"anchor": "previous", "direction": "within", "hours": 2},
    ),
    (
        "وبعد ذلك بيومين سقطت البلدة.",
        "بعد ذلك بيومين",
        {"days": 2},
        {"anchor": "previous", "direction": "after", "days": 2},
    ),
    (
        "وعادوا بعدها بـ12 ساعة.",
        "بعدها بـ12 ساعة",
        {"hours": 12},
        {"anchor": "previous", "direction": "after", "hours": 12},
    ),
]


@pytest.mark.parametrize(("text", "span", "duration", "relative"), DURATIONS)
def test_durations(text: str, span: str, duration: dict[str, Any], relative: dict[str, Any] | None) -> None:
    m = one(text)
    assert (m.text, m.kind, m.duration, m.relative) == (span, "duration", duration, relative)
    assert m.value is None


def test_publication_anchored_durations_have_values() -> None:
    m = one("قُتل ثلاثة قبل ثلاثة أيام في القصف.")
    assert (m.text, m.value, m.precision) == ("قبل ثلاثة أيام", "2017-05-07", "day")
    assert one("تحاصر القوات المدينة منذ أسبوعين.").value == "2017-W17"
    assert one("نزحت العائلات منذ 3 أشهر.").value == "2017-02"
    assert one("بدأت الحرب قبل ستة أعوام.").value == "2011"
    assert one("قُتل ثلاثة قبل ثلاثة أيام في القصف.", None).value is None
    # hours need the publication time
    assert one("سقطت قذائف قبل 3 ساعات.").value is None
    assert one("سقطت قذائف قبل 3 ساعات.", dt.datetime(2017, 5, 10, 14, 20)).value == "2017-05-10T11:20"


def test_periods_up_to_publication_keep_their_preposition() -> None:
    m = one("قُتل عشرة خلال الأيام الماضية.")
    assert (m.text, m.relative) == (
        "خلال الأيام الماضية",
        {"anchor": "publication", "direction": "within", "days": None},
    )
    m = one("قُتل عشرة خلال الساعات الأربع والعشرين الماضية.")
    assert m.text == "خلال الساعات الأربع والعشرين الماضية" and m.relative is not None
    assert m.relative["hours"] == 24
    assert one("قُتل عشرة خلال الـ48 ساعة الماضية.").text == "خلال الـ48 ساعة الماضية"
    assert one("قُتل عشرة خلال الشهر الماضي.").text == "الشهر الماضي"
    assert one("تصاعد القصف منذ عام 2011 على المدينة.").text == "عام 2011"


def test_ages_and_counts_are_not_durations() -> None:
    assert texts("قُتل أحمد (45 عاماً) وزوجته (38 عاماً).") == []
    assert texts("اعتُقل الشاب البالغ من العمر 19 عاماً.") == []
    assert texts("يوماً بعد يوم تزداد معاناة السكان.") == []
    assert texts("سيعود يوماً ما إلى قريته.") == []
    assert texts("قُتل 5 مدنيين وأصيب 12 آخرون.") == []


# --------------------------------------------------------------------------------------------------
# Spans: proclitics, prepositions, diacritics, digits


def test_span_excludes_proclitics_and_fi() -> None:
    assert texts("وأمس قُتل ثلاثة، فاليوم هدوء، وبعد يومين عاد القصف.") == ["أمس", "اليوم", "بعد يومين"]
    assert texts("بالأمس سقطت قذائف.") == ["الأمس"]
    assert texts("وفي اليوم التالي سقطت الطيبة.") == ["اليوم التالي"]
    assert texts("وفي 5 أيار 2017 سقطت البلدة.") == ["5 أيار 2017"]
    assert texts("وصباح يوم الجمعة دخلت القوات.") == ["صباح يوم الجمعة"]
    assert texts("ولعام 2017 خطط الفصيل لمعارك عدة.") == ["عام 2017"]
    assert texts("وفي المساء قصفت المدفعية الحي.") == ["المساء"]


def test_diacritics_tatweel_and_digit_variants_keep_original_spans() -> None:
    assert texts("قَصَفَتِ الطائراتُ البلدةَ أَمْسِ مساءً.") == ["أَمْسِ مساءً"]
    assert texts("عادوا غداً.") == ["غداً"]
    assert texts("قُتل في الـ5 من أيار 2017.") == ["الـ5 من أيار 2017"]
    assert texts("في ٢٣ نيسان ۲۰۱۷ عاد النازحون.") == ["٢٣ نيسان ۲۰۱۷"]
    assert texts("في ١٥ رمضان ١٤٣٨ هـ.") == ["١٥ رمضان ١٤٣٨ هـ"]
    assert texts("وقعت المعركة في شهر آذار\u200f 2011.") == ["شهر آذار\u200f 2011"]


def test_dialect_and_typos() -> None:
    assert one("وصلوا امبارح ع الحاجز.").value == "2017-05-09"
    assert one("قصفوا الحي الاسبوع اللي فات.").value == "2017-W18"
    assert one("الساعه 2 ليلا انسحبنا.").relative == {
        "anchor": "previous",
        "direction": "same",
        "part_of_day": "night",
        "hour": 2,
    }
    m = one("وصلوا ثاني يوم الصبح.")
    assert m.text == "ثاني يوم الصبح" and m.relative == {
        "anchor": "previous",
        "direction": "after",
        "days": 1,
        "part_of_day": "morning",
    }


NON_TIMES = [
    "زار أب الضحية مكتب المنظمة وطالب بالعدالة.",
    "مارس الجيش ضغوطاً كبيرة على السكان.",
    "لامس الصاروخ سطح المبنى وهمس الجنود.",
    "اجتمع الاثنين معاً في المقر لمناقشة الهدنة.",
    "قال رمضان شلح إن الحركة ترفض المبادرة.",
    "أدى المصلون صلاة الجمعة في المسجد الكبير.",
    "قتل 5 مدنيين وأصيب 12 آخرون في القصف.",
    "عاد الثاني إلى منزله بعد الإفراج عنه.",
    "بلغ عدد النازحين 2017 شخصاً في المخيم.",
    "اتصل على الرقم 0933-123-456 للمزيد.",
    "تحدث الأمين العام للأمم المتحدة عن الرأي العام بشكل عام.",
    "تحدث الأمين العام السابق، والمدير العام الحالي للمؤسسة.",
    "قالت مصادر إن الفجر الجديد قادم وإن المسؤول فجّر الموقف.",
    "حتى الساعة لم تعلق الحكومة على الحادث.",
    "وصلت الأسعار إلى 3/4 من قيمتها ونتيجة المباراة 2-1.",
    "تموز إله قديم في بلاد الرافدين.",
    "قال الشيخ صباح الأحمد إن الوضع مستقر.",
    "تواصلنا في ذات الوقت مع المحيسني وفيما بعد مع غيره.",
    "خلال هذه الفترة طلب جيش العزة مؤازرة.",
    "أصيب في الظهر برصاصة وتحدث عن العصر الحديث.",
    "يتطلب الأمر ساعة الصفر وفق الخطة.",
    "صدرت النشرة اليومية والأمسية الشعرية.",
]


@pytest.mark.parametrize("text", NON_TIMES)
def test_no_false_hits(text: str) -> None:
    assert texts(text) == []


# --------------------------------------------------------------------------------------------------
# A narrative statement (written for this test)

NARRATIVE = (
    "بعد خسارة القرية جلسنا مع أحد أمرائهم وعرضنا المساعدة، "
    "ليرجع إلينا بالرد بعد 12 ساعة بأنهم ليسوا بحاجة.\n"
    "وفي اليوم التالي سقطت البلدة، ثم دخلنا البيوت غرب البلدة لنتفاجأ في اليوم الثاني بإنكارهم.\n"
    "تواصل معنا قائد الفصيل الساعة 12 ليلاً وطلب مؤازرة، فتم تأمين 3 نقاط من أصل 6 خلال ساعة واحدة فقط.\n"
    "واضطررنا للانسحاب في ذات الوقت من المواقع الساعه 2 ليلاً."
)


def test_narrative_statement_anchors() -> None:
    found = times(NARRATIVE, None)
    assert [(m.text, m.kind) for m in found] == [
        ("بعد 12 ساعة", "duration"),
        ("اليوم التالي", "relative"),
        ("اليوم الثاني", "relative"),
        ("الساعة 12 ليلاً", "time-of-day"),
        ("خلال ساعة واحدة", "duration"),
        ("الساعه 2 ليلاً", "time-of-day"),
    ]
    assert all(m.value is None for m in found)
    assert [m.value for m in times(NARRATIVE, "2017-05-01")] == [None] * 6


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed statement is not beside this checkout")
def test_seed_statement_relative_anchors() -> None:
    found = times(SEED.read_text(encoding="utf-8"), None)
    assert [m.text for m in found] == [
        "بعد 12 ساعة",
        "اليوم التالي",
        "اليوم الثاني",
        "اليوم الثاني",
        "الساعة 12 ليلاً",
        "خلال ساعة واحدة",
        "الساعه 2 ليلاً",
    ]
    assert all(m.value is None for m in found)


# --------------------------------------------------------------------------------------------------
# Component, publication dates, vocabulary


def test_time_tagger_adds_time_mentions_with_attrs() -> None:
    text = "قصفت الطائرات البلدة أمس، وفي اليوم التالي انسحبت القوات الساعة 2 ليلاً."
    doc = Document(id="d1", text=text, published="2019-05-14T08:30:00+03:00")
    TimeTagger()(doc, Analysis.start(doc))
    assert [(m.text, m.label, m.component) for m in doc.mentions] == [
        ("أمس", Label.TIME, "times"),
        ("اليوم التالي", Label.TIME, "times"),
        ("الساعة 2 ليلاً", Label.TIME, "times"),
    ]
    first = doc.mentions[0]
    assert first.attrs == {
        "kind": "relative",
        "value": "2019-05-13",
        "precision": "day",
        "relative": {"anchor": "publication", "direction": "before", "days": 1},
        "hijri": None,
        "parts": {},
        "duration": None,
    }
    assert TimeTagger.name == "times" and TimeTagger.requires == ("view",)
    assert TimeTagger.provides == ("mentions.TIME",)
    # round-trips through the JSON form
    assert Document.from_dict(doc.to_dict()).mentions[0].attrs == first.attrs


def test_time_tagger_without_publication_date() -> None:
    doc = Document(id="d2", text="قُتل مدنيان في قصف أمس.")
    TimeTagger()(doc, Analysis.start(doc))
    assert [m.attrs["value"] for m in doc.mentions] == [None]


def test_parse_published() -> None:
    assert parse_published("2019-05-14") == dt.date(2019, 5, 14)
    assert parse_published("2019-05-14T08:30:00Z") == dt.datetime(2019, 5, 14, 8, 30)
    assert parse_published("2019-05-14 08:30") == dt.datetime(2019, 5, 14, 8, 30)
    assert parse_published("not a date") is None
    assert parse_published("") is None
    assert parse_published(None) is None
    assert parse_published(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)


def test_vocabulary_file_loads_and_rejects_unknown_sections(tmp_path: Path) -> None:
    words = load_time_words()
    assert words is load_time_words()  # cached
    packaged = Path(__file__).resolve().parents[2] / "marsad" / "kb" / "data" / "time_words.yaml"
    raw = yaml.safe_load(packaged.read_text(encoding="utf-8"))
    raw["weekdayz"] = []
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown sections"):
        load_time_words(str(bad))
    del raw["weekdayz"]
    del raw["weekdays"]
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="missing or malformed"):
        load_time_words(str(bad))


def test_vocabulary_is_data_a_new_word_is_recognized(tmp_path: Path) -> None:
    packaged = Path(__file__).resolve().parents[2] / "marsad" / "kb" / "data" / "time_words.yaml"
    raw = yaml.safe_load(packaged.read_text(encoding="utf-8"))
    raw["relative_phrases"].append(
        {
            "phrases": ["أمس الأسبق"],
            "anchor": "publication",
            "direction": "before",
            "days": 3,
            "day_like": True,
        }
    )
    custom = tmp_path / "custom.yaml"
    custom.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    words = load_time_words(str(custom))
    found = find_times(NormalizedText("قُتل ثلاثة أمس الأسبق."), PUB, words)
    assert [(m.text, m.value) for m in found] == [("أمس الأسبق", "2017-05-07")]


# --------------------------------------------------------------------------------------------------
# Robustness


def test_long_run_on_text_and_pathological_inputs_stay_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "وفي اليوم التالي سقطت البلدة بعد 12 ساعة من القصف و" * 40  # ~2,000 characters, one sentence
    assert len(times(sentence)) == 80
    # the parser's steps (phrase lookups and parse attempts), counted, not timed: twice the text, at most
    # about twice the steps
    steps = {"n": 0}
    for name in ("lex", "parse_at"):
        original = getattr(_Parser, name)

        def counted(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            steps["n"] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(_Parser, name, counted)
    hostile = ["1/2/3/4/5/6/7/8/9/", "الساعة ", "اليوم", "5 ", "بعد ذلك ب", "في 5 و"]
    for unit in hostile:
        counts = []
        for n in (5_000, 10_000):
            steps["n"] = 0
            times(unit * n)
            counts.append(steps["n"])
        assert counts[1] <= 2.1 * counts[0] + 10, (unit, counts)


ALPHABET = st.sampled_from(
    [
        *"أمس اليوم الساعة 2 ليلاً بعد 12 ساعة يوم الجمعة 5 أيار/مايو 2017 هـ رمضان ١٤٣٨ ،.-/()\n",
        *("\u064e", "\u0640", "\u200f", "و", "ف", "ب", "في ", "منذ ", "خلال "),
    ]
)


ANCHOR_WORDS = ("أمس", "اليوم", "بالأمس", "وأمس", "الساعة", "ليلاً", "يوم", "الجمعة", "ساعات", "مايو2017")
ANCHOR_PIECES = st.sampled_from([*ANCHOR_WORDS, "5/5/2017", "12-3", "12", "_", "x", " ", " ", "،"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ANCHOR_PIECES, max_size=60).map("".join))
def test_anchor_hits_are_what_one_scan_of_the_text_finds(text: str) -> None:
    """Time windows open at numeric dates and at anchor words standing as whole runs of letters."""
    words = load_time_words()
    alternation = "|".join(sorted(map(re.escape, words.anchor_forms), key=len, reverse=True))
    scan = re.compile(
        r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?|(?<![^\W\d_])(?:" + alternation + r")(?![^\W\d_])"
    )
    view = NormalizedText(text)
    assert _anchor_hits(view, words) == [m.span() for m in scan.finditer(view.text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=120).map("".join))
def test_any_text_gives_exact_non_overlapping_spans(text: str) -> None:
    found = times(text)
    for m in found:
        assert m.kind in {"date", "month", "year", "weekday", "relative", "time-of-day", "duration", "hijri"}
        assert m.precision in {"day", "week", "month", "year", "hour", None}


def _vocabulary_words() -> list[str]:
    packaged = Path(__file__).resolve().parents[2] / "marsad" / "kb" / "data" / "time_words.yaml"
    words: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, str):
            words.update(node.split())
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(packaged.read_text(encoding="utf-8")))
    arabic = sorted(w for w in words if not w.isascii())
    return [
        *arabic,
        "5",
        "12",
        "2017",
        "1438",
        "٢٣",
        "/",
        "-",
        "(",
        ")",
        "،",
        ".",
        "\n",
        "و",
        "ب",
        "الـ",
        "2:30",
    ]


VOCABULARY = _vocabulary_words()


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14),
    st.sampled_from([" ", ""]),
    st.sampled_from([None, PUB, dt.datetime(2020, 1, 1, 3, 0)]),
)
def test_any_sequence_of_time_words_is_handled(words: list[str], sep: str, published: dt.date | None) -> None:
    times(sep.join(words), published)


def test_narrative_days_take_the_date_of_the_previous_day_in_the_text() -> None:
    found = times("قُتل مدني يوم السبت 1 ديسمبر 2018 بغارة، وفي اليوم ذاته اقتحم مسلحون منزلاً.")
    assert [(m.text, m.value) for m in found] == [
        ("يوم السبت 1 ديسمبر 2018", "2018-12-01"),
        ("اليوم ذاته", "2018-12-01"),
    ]
    chain = times(
        "سيطرت القوات على البلدة يوم 8 أيار 2019 بعد معارك استمرت ثلاثة أيام، وفي اليوم التالي انسحبت، "
        "ثم عادت في اليوم التالي."
    )
    assert [m.value for m in chain if m.text == "اليوم التالي"] == ["2019-05-09", "2019-05-10"]
    evening = times("اندلعت اشتباكات فجر السبت، وسيطرت القوات مساء اليوم نفسه.", "2022-08-28")
    assert [m.value for m in evening] == ["2022-08-27", "2022-08-27"]
    before = times("وصلت القافلة في 5 أيار 2019، وكانت قد انطلقت في اليوم السابق.")
    assert before[-1].value == "2019-05-04"


def test_narrative_days_stay_open_without_a_calendar_day_before_them() -> None:
    assert [m.value for m in times("سقطت البلدة في أيار 2019، وفي اليوم التالي انسحبت القوات.")] == [
        "2019-05",
        None,
    ]
    hours = times("قصفت القوات البلدة يوم 8 أيار 2019، وبعد 12 ساعة انسحبت.")
    assert hours[-1].value is None


def test_a_place_named_after_a_date_is_no_time() -> None:
    text = "سيطرت القوات على مستشفى 22 مايو، وفي ساحة 17 فبراير تظاهر العشرات يوم 3 مارس."
    found = times(text, "2020-04-01")
    assert [m.text for m in found] == ["يوم 3 مارس"]
