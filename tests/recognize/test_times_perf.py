"""Throughput of the time tagger: it runs on every document, so it must stay far below the layer's
1 MB/s budget. The floor here is loose (CI machines are shared); docs/time-expressions.md gives the
measured figures."""

from __future__ import annotations

import datetime as dt
import time

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


def test_throughput_floor() -> None:
    load_time_words()
    unit = "".join(PARAGRAPHS)
    text = unit * (2_000_000 // len(unit))
    view = NormalizedText(text)
    start = time.process_time()
    found = find_times(view, dt.date(2017, 5, 9))
    elapsed = time.process_time() - start
    assert len(found) == 6 * (len(text) // len(unit))
    chars_per_second = len(text) / max(elapsed, 1e-9)
    assert chars_per_second > 1_000_000, f"{chars_per_second:,.0f} chars/s"
