"""Which gazetteer keys are also common words (computed when an index or overlay is written).

A key is common when it is a single token and its word frequency is high: Zipf >= 4.5 for Arabic keys,
>= 4.0 for Latin keys (wordfreq). For Arabic the frequency of a key is the summed frequency of every
word that folds to it under ``normalize_for_match``, because that is what the folded text view shows:
the key "اب" (the town إب) collects أب "father" and آب "August" as well. wordfreq is imported only here,
never when an index is read.
"""

from __future__ import annotations

import math

from marsad.gazetteer.names import is_arabic_key
from marsad.text.normalize import DELETED_CHARS, normalize_for_match

_STRIP_MARKS = str.maketrans({c: None for c in DELETED_CHARS})
ARABIC_ZIPF = 4.5
LATIN_ZIPF = 4.0


class CommonWords:
    """Frequency test for keys. The wordfreq lists are read on first use, cut to the frequent part
    (words that can reach the thresholds) and released from wordfreq's own caches."""

    def __init__(self, arabic_zipf: float = ARABIC_ZIPF, latin_zipf: float = LATIN_ZIPF) -> None:
        self.arabic_zipf = arabic_zipf
        self.latin_zipf = latin_zipf
        self._ar: dict[str, float] | None = None
        self._ar_surface: dict[str, float] = {}
        self._en: dict[str, float] | None = None

    def _load(self) -> tuple[dict[str, float], dict[str, float]]:
        if self._ar is None or self._en is None:
            import wordfreq

            # Arabic: sum over spellings that fold together, so keep words well below the threshold.
            ar_floor = 10 ** (min(self.arabic_zipf, 3.0) - 9.0)
            en_floor = 10 ** (self.latin_zipf - 9.0)
            folded: dict[str, float] = {}
            surface: dict[str, float] = {}
            for word, freq in wordfreq.get_frequency_dict("ar").items():
                if freq >= ar_floor:
                    key = normalize_for_match(word)
                    folded[key] = folded.get(key, 0.0) + freq
                    surface[word] = freq
            english = {w: f for w, f in wordfreq.get_frequency_dict("en").items() if f >= en_floor}
            wordfreq.get_frequency_dict.cache_clear()
            wordfreq.get_frequency_list.cache_clear()
            self._ar, self._en, self._ar_surface = folded, english, surface
        return self._ar, self._en

    def zipf(self, key: str) -> float:
        """Zipf frequency of a single-token key (0.0 when rare, unknown or multi-token)."""
        if not key or " " in key:
            return 0.0
        arabic, english = self._load()
        freq = arabic.get(key, 0.0) if is_arabic_key(key) else english.get(key.lower(), 0.0)
        return math.log10(freq) + 9.0 if freq > 0 else 0.0

    def name_zipf(self, name: str) -> float:
        """Frequency of a name's rarest word (rare spellings of a name score low)."""
        words = normalize_for_match(name).split()
        return min((self.zipf(w) for w in words), default=0.0)

    def surface_zipf(self, name: str) -> float:
        """Like ``name_zipf`` but for the exact spelling (diacritics and tatweel ignored)."""
        self._load()
        words = name.translate(_STRIP_MARKS).split()
        freqs = [self._ar_surface.get(w, 0.0) for w in words]
        return min((math.log10(f) + 9.0 if f > 0 else 0.0 for f in freqs), default=0.0)

    def is_common(self, key: str) -> bool:
        """True for single-token keys at or above the Zipf threshold of their script."""
        limit = self.arabic_zipf if is_arabic_key(key) else self.latin_zipf
        return self.zipf(key) >= limit
