from marsad.events.casualties import CasualtyCounter
from marsad.events.context import DocContext
from marsad.events.lexicon import default_event_cues
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.text.normalize import NormalizedText


def test_counts_of_every_span_are_those_its_words_give(pipeline: Pipeline) -> None:
    """A span with no casualty word is answered without listing its words; every span, those that cut a
    word included, gets the counts that reading all of its words gives."""
    counter = CasualtyCounter(default_event_cues())
    texts = [
        "قُتل 3 مدنيين وأصيب خمسة آخرون بقصف لقوات النظام على بلدة كفرنبل.",
        "وأسفرت الاشتباكات عن مقتل 31 عنصراً من الهيئة مقابل 14 من قوات النظام",
        "اعتقلت القوات ١٢ شخصاً، وجرحت اثنين_آخرين",
        "استهدفت غارة جوية سوقاً شعبياً في المدينة دون أن تُذكر حصيلة.",
    ]
    for text in texts:
        doc = pipeline(Document(id="d", text=text))
        quick = DocContext(doc, NormalizedText(text))
        full = DocContext(doc, NormalizedText(text))
        # every word's start taken for a casualty word's: the shortcut never answers, every span is read
        full.cache["casualty word starts"] = [start for start, _, _ in full.view.words.between(0, len(text))]
        found = 0
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 1, 3):
                counts = counter.counts(quick, lo, hi)
                assert counts == counter.counts(full, lo, hi), (lo, hi, text[lo:hi])
                found += bool(counts)
        assert found or "حصيلة" in text
