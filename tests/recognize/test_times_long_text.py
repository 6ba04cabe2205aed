"""The time tagger on a long text: every expression found, none lost at the joins of its scan windows.
Its speed is measured by the benchmarks (benchmarks/bench_recognition.py), not here: a timed assertion
fails on a busy machine and says nothing on a fast one."""

from __future__ import annotations

import datetime as dt

from marsad.recognize.times import find_times, load_time_words
from marsad.text.normalize import NormalizedText

# Written for this test: news and statement prose with a realistic mix of time expressions.
PARAGRAPHS = (
    "قالت مصادر محلية إن طائرات حربية شنت صباح اليوم الثلاثاء غارات على بلدة في ريف إدلب الجنوبي، ما أسفر "
    "عن مقتل خمسة مدنيين بينهم طفلان وإصابة آخرين بجروح متفاوتة. وأضافت المصادر أن القصف استهدف سوقاً شعبية "
    "ومحيط مستشفى ميداني، في حين قامت فرق الدفاع المدني بانتشال الضحايا من تحت الأنقاض.\n",
    "وكانت فصائل المعارضة قد أعلنت في 5 أيار 2017 عن بدء معركة جديدة في ريف حماة الشمالي، وتمكنت خلال "
    "الأيام الثلاثة الماضية من السيطرة على عدة نقاط، قبل أن تستعيدها قوات النظام بعد 12 ساعة من المعارك "
    "العنيفة. ويقول ناشطون إن المنطقة تشهد تصعيداً عسكرياً متواصلاً أدى إلى نزوح آلاف العائلات نحو الحدود.\n",
    "تواصلنا مع قيادة الفصيل لترتيب غرفة عمليات واحدة فكان الرد بالرفض، ثم حاولنا التواصل معهم لترتيب لقاء "
    "لمزامنة العمل وكان الرد سلبياً أيضاً. أرسلنا رسالة إلى أميرهم العسكري أننا جاهزون، وفي اليوم التالي "
    "سقطت البلدة، وانسحبت المجموعات الساعة 2 ليلاً دون أي سابق إنذار.\n",
    "أكد المرصد أن حصيلة القتلى ارتفعت إلى 47 شخصاً، مشيراً إلى أن الاشتباكات تجددت على محاور عدة واستمرت "
    "حتى ساعات متأخرة، وسط ظروف إنسانية صعبة ونقص حاد في المواد الغذائية والطبية والوقود في المخيمات "
    "العشوائية المنتشرة قرب الشريط الحدودي.\n",
)


def test_a_long_text_gives_every_time_expression() -> None:
    load_time_words()
    unit = "".join(PARAGRAPHS)
    text = unit * (2_000_000 // len(unit))
    view = NormalizedText(text)
    found = find_times(view, dt.date(2017, 5, 9))
    assert len(found) == 6 * (len(text) // len(unit))
    assert [m.text for m in found[:6]] == [m.text for m in found[-6:]]
