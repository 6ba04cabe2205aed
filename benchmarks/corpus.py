"""Deterministic benchmark corpus built from the project's annotated documents.

``CorpusGenerator`` recombines the sentences of a few source documents (the gold set) into as many
documents as a size target asks for: sentences are shuffled and mixed across documents, numbers, dates
and month names are varied, publication dates are shifted, and the hard shapes that break recognizers
are mixed in: 2,000-character run-on sentences without punctuation, pasted tables (``|`` and tabs),
mixed Arabic/English lines, verbless headline fragments, Telegram-style emoji and hashtags, tatweel and
diacritics, and Arabic-Indic or Persian digits.

The same sources, seed and size always give the same corpus. ``ensure_corpus`` writes it once as JSON
Lines into a cache directory and reuses it afterwards. Only the standard library and orjson are used,
so the memory-measuring subprocess stays light.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

GENERATOR_VERSION = 2
MB = 1_000_000  # sizes are in MB of UTF-8 text (10^6 bytes)

SHAPES = ("runon", "table", "mixed", "verbless", "telegram", "diacritics", "indic_digits")
# Probability that a generated document carries each hard shape.
SHAPE_RATES: dict[str, float] = {
    "runon": 0.06,
    "table": 0.06,
    "mixed": 0.10,
    "verbless": 0.12,
    "telegram": 0.15,
    "diacritics": 0.10,
    "indic_digits": 0.15,
}
RUNON_CHARS = 2000

_SENTENCE_RE = re.compile(r"[^.!?؟…\n]+(?:[.!?؟…]+[\"'»”)\]]*|\n|$)")
_ARABIC_WORD_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
_PUNCT_RE = re.compile(r"[.,;:!?،؛؟…\"'«»“”()\[\]{}<>/\\|*#_~-]+")
_ARABIC_LETTER_RE = re.compile(r"[\u0628-\u064A]")
# Letters that join the next one: tatweel is only written after these.
_JOINING = frozenset("بتثجحخسشصضطظعغفقكلمنهيئ")


def _months(names: str) -> tuple[str, ...]:
    """Twelve month names given as one "|"-separated string (January first)."""
    months = tuple(names.split("|"))
    if len(months) != 12:
        raise ValueError(f"expected 12 month names, got {len(months)}")
    return months


# Month names, written here for the generator: a month is swapped only for one of its own family,
# and only right after a day number, so ordinary words are never touched.
_MONTHS_LEVANT = _months(
    "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول"
)
_MONTHS_EGYPT = _months("يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر")
_MONTHS_MAGHREB = _months("جانفي|فيفري|مارس|أفريل|ماي|جوان|جويلية|أوت|سبتمبر|أكتوبر|نوفمبر|ديسمبر")
_MONTH_FAMILIES = (_MONTHS_LEVANT, _MONTHS_EGYPT, _MONTHS_MAGHREB)
_MONTH_FAMILY_OF = {name: fam for fam in _MONTH_FAMILIES for name in fam}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTH_FAMILY_OF), key=len, reverse=True))
# One pass over dates (d/m/yyyy), day-month phrases ("5 شباط") and other numbers.
_NUMERIC_RE = re.compile(
    r"\b(?P<d>\d{1,2})(?P<sep>[/.-])\d{1,2}(?P=sep)\d{4}\b"
    r"|\b(?P<day>\d{1,2})(?P<space>\s+)(?P<month>" + _MONTH_ALT + r")(?![\u0621-\u064A])"
    r"|(?P<num>\d+)"
)

_NOMINAL_LINKS = frozenset(
    ("في", "على", "من", "إلى", "الى", "قرب", "شمال", "جنوب", "شرق", "غرب", "بين", "عند", "نحو", "مع")
)
_HEADLINE_HEADS = ("", "", "عاجل: ", "عاجل | ", "بالصور: ", "حصيلة اليوم: ", "متابعة - ", "مصادر محلية: ")
_TELEGRAM_MARKS = ("🔴", "⚡️", "📌", "🚨", "‼️", "🔻", "🎥", "📍", "✅", "❗")
_ENGLISH_PHRASES = (
    "Breaking:",
    "UPDATE 2 -",
    "Source: local correspondents",
    "Translated from Arabic by the desk",
    "(video)",
    "Photo: field office",
    "via Telegram",
    "Read more at the link below",
    "Casualty figures could not be independently verified.",
    "The statement was posted late on Tuesday.",
    "Clashes were reported overnight, residents said.",
    "No group has claimed responsibility so far.",
    "Map: areas of control (approximate)",
    "Editor's note: names withheld for safety",
)
_TABLE_HEADERS = (
    ("المنطقة", "القتلى", "الجرحى", "التاريخ"),
    ("الموقع", "الجهة", "عدد الغارات"),
    ("البلدة", "الحالة", "ملاحظات"),
)
_DIACRITICS = ("\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u064c", "\u064d")
_TATWEEL = "\u0640"


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A source document the corpus is built from (normally a gold document)."""

    text: str
    published: str | None = None


@dataclass(slots=True)
class CorpusInfo:
    """Where a corpus lives and what it holds."""

    path: Path
    docs: int
    chars: int
    bytes: int
    shapes: dict[str, int] = field(default_factory=dict)
    cached: bool = False
    seconds: float = 0.0  # generation time (0 when read from the cache)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "docs": self.docs,
            "chars": self.chars,
            "bytes": self.bytes,
            "mb": round(self.bytes / MB, 3),
            "shapes": dict(self.shapes),
            "cached": self.cached,
            "generation_s": round(self.seconds, 3),
        }


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` with their end punctuation, stripped; blank pieces are dropped."""
    return [s for s in (m.group().strip() for m in _SENTENCE_RE.finditer(text)) if s]


def _nominal_windows(sentences: Sequence[str]) -> list[list[str]]:
    """Runs of 3-8 words that are all definite (ال-prefixed), numbers or linking prepositions.

    Verbs never carry the article, so such runs are verbless noun phrases ("القصف المدفعي على ريف ...").
    """
    windows: list[list[str]] = []
    for sentence in sentences:
        run: list[str] = []
        for word in sentence.split():
            bare = _PUNCT_RE.sub("", word)
            nominal = (
                bare.isdigit()
                or bare in _NOMINAL_LINKS
                or (
                    _ARABIC_WORD_RE.fullmatch(bare) is not None
                    and bare.startswith(("ال", "وال", "بال", "لل", "فال"))
                )
            )
            if nominal and bare:
                run.append(bare)
                continue
            if len(run) >= 3 and run[-1] not in _NOMINAL_LINKS:
                windows.append(run[:8])
            run = []
        if len(run) >= 3 and run[-1] not in _NOMINAL_LINKS:
            windows.append(run[:8])
    return windows


class CorpusGenerator:
    """Builds benchmark documents from source documents; document ``i`` depends only on (seed, i)."""

    def __init__(self, sources: Sequence[SourceDoc], seed: int = 13) -> None:
        docs = [s for s in sources if s.text.strip()]
        if not docs:
            raise ValueError("the corpus generator needs at least one non-empty source document")
        self.seed = seed
        self.sources = docs
        self._doc_sentences = [split_sentences(d.text) or [d.text.strip()] for d in docs]
        self._sentences = [s for group in self._doc_sentences for s in group]
        words = sorted({w for s in self._sentences for w in _ARABIC_WORD_RE.findall(s) if len(w) >= 3})
        self._words = words or ["خبر"]
        self._windows = _nominal_windows(self._sentences) or [self._words[:3]]

    # -- pieces -------------------------------------------------------------------------------------

    def _body(self, rng: random.Random, target_chars: int) -> tuple[int, list[str]]:
        """Sentences for one document: a run from one source, interleaved with sentences of others.

        Returns the index of that primary source and the sentences.
        """
        primary = rng.randrange(len(self._doc_sentences))
        own = self._doc_sentences[primary]
        pos = rng.randrange(len(own))
        out: list[str] = []
        size = 0
        while size < target_chars:
            if rng.random() < 0.65:
                sentence = own[pos % len(own)]
                pos += 1
            else:
                sentence = rng.choice(self._sentences)
            out.append(sentence)
            size += len(sentence) + 1
        if len(out) > 3 and rng.random() < 0.3:  # shuffle a local block
            i = rng.randrange(len(out) - 2)
            block = out[i : i + 3]
            rng.shuffle(block)
            out[i : i + 3] = block
        return primary, out

    @staticmethod
    def _vary_numbers(rng: random.Random, text: str) -> str:
        """Replace dates, day-month phrases and other numbers by plausible random ones."""

        def replace(m: re.Match[str]) -> str:
            if m.group("sep"):
                d = date(2011, 1, 1) + timedelta(days=rng.randrange(14 * 365))
                sep = m.group("sep")
                return f"{d.day}{sep}{d.month}{sep}{d.year}"
            if m.group("month"):
                family = _MONTH_FAMILY_OF[m.group("month")]
                return f"{rng.randint(1, 28)}{m.group('space')}{rng.choice(family)}"
            digits = m.group("num")
            if len(digits) == 4 and digits[:2] in ("19", "20"):
                return str(rng.randint(2011, 2024))
            if len(digits) == 4 and digits[:2] in ("13", "14"):  # Hijri years
                return str(rng.randint(1432, 1446))
            if len(digits) == 1:
                return str(rng.randint(1, 9))
            low = 10 ** (len(digits) - 1)
            return str(rng.randrange(low, low * 10))

        return _NUMERIC_RE.sub(replace, text)

    def _runon(self, rng: random.Random) -> str:
        """One sentence of about 2,000 characters with no punctuation, clauses chained with و."""
        words: list[str] = []
        size = 0
        while size < RUNON_CHARS + 50:
            clause = _PUNCT_RE.sub(" ", rng.choice(self._sentences)).split()
            if words and clause and not clause[0].startswith("و"):
                clause[0] = "و" + clause[0]
            words.extend(clause)
            size += sum(len(w) + 1 for w in clause)
        text = " ".join(words)
        cut = text.rfind(" ", 0, RUNON_CHARS)
        return text[: cut if cut > RUNON_CHARS // 2 else RUNON_CHARS]

    def _table(self, rng: random.Random) -> str:
        """A pasted table: a pipe table with a rule line, and a few tab-separated rows."""
        header = rng.choice(_TABLE_HEADERS)
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        for _ in range(rng.randint(3, 10)):
            cells = [rng.choice(self._words)]
            for _ in header[1:]:
                roll = rng.random()
                if roll < 0.5:
                    cells.append(str(rng.randint(0, 120)))
                elif roll < 0.75:
                    d = date(2011, 1, 1) + timedelta(days=rng.randrange(14 * 365))
                    cells.append(d.isoformat())
                else:
                    cells.append(" ".join(rng.choice(self._words) for _ in range(rng.randint(1, 3))))
            lines.append("| " + " | ".join(cells) + " |")
        for _ in range(rng.randint(1, 4)):
            lines.append(
                "\t".join([rng.choice(self._words), str(rng.randint(1, 60)), rng.choice(self._words)])
            )
        return "\n".join(lines)

    def _mixed(self, rng: random.Random) -> str:
        """A line mixing English and Arabic."""
        sentence = rng.choice(self._sentences)
        english = rng.choice(_ENGLISH_PHRASES)
        roll = rng.random()
        if roll < 0.4:
            return f"{english} {sentence}"
        if roll < 0.7:
            return f"{sentence} ({english})"
        words = sentence.split()
        cut = rng.randrange(len(words) + 1)
        return " ".join([*words[:cut], english, *words[cut:]])

    def _verbless(self, rng: random.Random) -> str:
        """A verbless headline fragment built from a definite noun phrase."""
        window = rng.choice(self._windows)
        return rng.choice(_HEADLINE_HEADS) + " ".join(window)

    def _telegram(self, rng: random.Random, paragraphs: list[str]) -> list[str]:
        """Emoji-led lines, hashtags and a channel footer, as pasted from a Telegram channel."""
        out = [f"{rng.choice(_TELEGRAM_MARKS)} {p}" if rng.random() < 0.6 else p for p in paragraphs]
        pool = [w for w in self._words if len(w) >= 4] or self._words
        tags = rng.sample(pool, k=min(len(pool), rng.randint(1, 4)))
        hashtags = " ".join("#" + t for t in tags)
        if rng.random() < 0.5 and len(pool) > 1:
            hashtags += " #" + "_".join(rng.sample(pool, k=2))
        out.append(hashtags)
        out.append(f"{rng.choice(_TELEGRAM_MARKS)} t.me/channel_{rng.randint(10, 999)}")
        return out

    @staticmethod
    def _decorate(rng: random.Random, text: str) -> str:
        """Add tatweel inside some long Arabic words and diacritics after some letters."""
        words = text.split(" ")
        for i, word in enumerate(words):
            joints = [k for k in range(1, len(word) - 1) if word[k - 1] in _JOINING]
            if len(word) >= 4 and joints and _ARABIC_WORD_RE.fullmatch(word) and rng.random() < 0.15:
                k = rng.choice(joints)
                words[i] = word[:k] + _TATWEEL * rng.randint(1, 3) + word[k:]
            elif _ARABIC_WORD_RE.fullmatch(word) and rng.random() < 0.25:
                words[i] = "".join(
                    c + rng.choice(_DIACRITICS) if _ARABIC_LETTER_RE.match(c) and rng.random() < 0.5 else c
                    for c in word
                )
        return " ".join(words)

    @staticmethod
    def _indic_digits(rng: random.Random, text: str) -> str:
        """Write digits as Arabic-Indic (mostly) or Persian digits."""
        base = 0x06F0 if rng.random() < 0.2 else 0x0660
        return text.translate({48 + i: base + i for i in range(10)})

    def _published(self, rng: random.Random, source: SourceDoc) -> str | None:
        if rng.random() < 0.15:
            return None
        try:
            anchor = date.fromisoformat((source.published or "")[:10])
        except ValueError:
            anchor = date(2017, 1, 1) + timedelta(days=rng.randrange(2000))
        return (anchor + timedelta(days=rng.randint(-400, 400))).isoformat()

    # -- documents ----------------------------------------------------------------------------------

    def document(self, index: int) -> dict[str, Any]:
        """The ``index``-th corpus document as a record: id, text, published, shapes."""
        rng = random.Random(f"marsad-bench:{GENERATOR_VERSION}:{self.seed}:{index}")
        target = int(min(12000, max(150, rng.lognormvariate(math.log(1400), 0.8))))
        primary, body = self._body(rng, target)
        sentences = [self._vary_numbers(rng, s) for s in body]
        paragraphs: list[str] = []
        while sentences:
            n = rng.randint(1, 5)
            paragraphs.append(" ".join(sentences[:n]))
            sentences = sentences[n:]
        shapes = [s for s in SHAPES if rng.random() < SHAPE_RATES[s]]
        inserts: list[str] = []
        if "runon" in shapes:
            inserts.append(self._runon(rng))
        if "table" in shapes:
            inserts.append(self._table(rng))
        if "mixed" in shapes:
            inserts.extend(self._mixed(rng) for _ in range(rng.randint(1, 3)))
        if "verbless" in shapes:
            inserts.extend(self._verbless(rng) for _ in range(rng.randint(1, 4)))
        for piece in inserts:
            paragraphs.insert(rng.randint(0, len(paragraphs)), piece)
        if "telegram" in shapes:
            paragraphs = self._telegram(rng, paragraphs)
        text = "\n".join(paragraphs) if rng.random() < 0.7 else "\n\n".join(paragraphs)
        if "diacritics" in shapes:
            text = self._decorate(rng, text)
        if "indic_digits" in shapes:
            text = self._indic_digits(rng, text)
        return {
            "id": f"bench-{index:06d}",
            "text": text,
            "published": self._published(rng, self.sources[primary]),
            "shapes": shapes,
        }

    def records(self, target_bytes: int) -> Iterator[dict[str, Any]]:
        """Documents in order until their UTF-8 text reaches ``target_bytes``."""
        size = 0
        index = 0
        while size < target_bytes:
            record = self.document(index)
            size += len(record["text"].encode("utf-8"))
            index += 1
            yield record


def corpus_key(sources: Sequence[SourceDoc], size_bytes: int, seed: int) -> str:
    """Content hash naming a corpus: generator version, seed, size and every source text."""
    h = hashlib.sha256(f"v{GENERATOR_VERSION}|{seed}|{size_bytes}".encode())
    for s in sources:
        h.update(b"\x00" + s.text.encode("utf-8") + b"\x01" + (s.published or "").encode("utf-8"))
    return h.hexdigest()[:16]


def _summarize(path: Path) -> CorpusInfo:
    docs = chars = nbytes = 0
    shapes: Counter[str] = Counter()
    for record in read_corpus(path):
        docs += 1
        chars += len(record["text"])
        nbytes += len(record["text"].encode("utf-8"))
        shapes.update(record.get("shapes", ()))
    return CorpusInfo(path=path, docs=docs, chars=chars, bytes=nbytes, shapes=dict(sorted(shapes.items())))


def ensure_corpus(
    sources: Sequence[SourceDoc],
    size_mb: float,
    seed: int,
    cache_dir: Path,
    progress: Callable[[int], None] | None = None,
) -> CorpusInfo:
    """Return the cached corpus for (sources, size, seed), generating and writing it first if needed.

    Writing a new corpus removes cached ones of the same size and seed built from other sources.

    ``progress`` is called with the number of UTF-8 bytes each new document adds.
    """
    size_bytes = int(size_mb * MB)
    cache_dir.mkdir(parents=True, exist_ok=True)
    prefix = f"corpus-{size_mb:g}mb-seed{seed}-"
    path = cache_dir / f"{prefix}{corpus_key(sources, size_bytes, seed)}.jsonl"
    meta_path = path.with_suffix(".meta.json")
    if path.exists() and meta_path.exists():
        meta = orjson.loads(meta_path.read_bytes())
        return CorpusInfo(
            path=path,
            docs=meta["docs"],
            chars=meta["chars"],
            bytes=meta["bytes"],
            shapes=meta["shapes"],
            cached=True,
        )
    started = time.perf_counter()
    generator = CorpusGenerator(sources, seed=seed)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("wb") as out:
        for record in generator.records(size_bytes):
            out.write(orjson.dumps(record) + b"\n")
            if progress is not None:
                progress(len(record["text"].encode("utf-8")))
    os.replace(tmp, path)
    # Same size and seed from older sources or generator (in-progress .tmp files are left alone).
    for stale in [*cache_dir.glob(prefix + "*.jsonl"), *cache_dir.glob(prefix + "*.meta.json")]:
        if stale not in (path, meta_path):
            stale.unlink(missing_ok=True)
    info = _summarize(path)
    info.seconds = time.perf_counter() - started
    meta_path.write_bytes(
        orjson.dumps({"docs": info.docs, "chars": info.chars, "bytes": info.bytes, "shapes": info.shapes})
    )
    return info


def read_corpus(path: Path) -> Iterator[dict[str, Any]]:
    """Stream the records of a corpus file."""
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                yield orjson.loads(line)
