"""Actors the text names without their name: national forces ("القوات التركية"), units of a body named
before ("دوريات الجهاز"), "the same" force, and the maps from the knowledge base's cue words to actors."""

from __future__ import annotations

import re
from functools import cache
from typing import Final, cast

from marsad.events.context import DocContext
from marsad.model import Label, Mention
from marsad.recognize.select import add_actor_entity
from marsad.text.normalize import NormalizedText, normalize_for_match
from marsad.text.positions import count_below
from marsad.text.words import Needles, first_words, matches_at, occurrence_starts, with_prefixes

# An indefinite description of a state's weapons or troops ("طائرات حربية روسية", "قوات خاصة أمريكية",
# "طائرات شحن روسية") names no organization but the state's forces act (gold/README.md, "Actors").
_FORCE_HEADS: Final = (
    "طايرات|طايره|طيران|مقاتلات|مروحيات|مسيرات|قوات|قوه|جنود|بوارج|سفن|دوريات|دوريه|مسلحون|مسلحين|مسلحو"
    "|عناصر|مقاتلون|مقاتلين|مسيره|طايره مسيره|قناص|قناصه|قناصو|قناصون|قناصين"
    # an official of a state's forces speaks for them: "مسؤول عسكري أمريكي ينفي…"
    "|مسوول|مسوولون|مسوولين"
    # positions of a state's forces: "نقطة عسكرية تركية", "قاعدة أمريكية"
    "|نقطه|نقاط|قاعده|قواعد|مقر|مقرات|موقع|مواقع|قافله"
)


# Event nouns a nationality adjective follows ("غارات أمريكية", "قصف روسي"): the adjective is the agent.
_DEED_HEADS: Final = (
    "غارات|غاره|غارتين|ضربات|ضربه|قصف|هجوم|هجمات|رتل|رتلا|ارتال|عدوان|اعتداء|اعتداءات"
    # the weapons of a deed: "مقتل مدنيين بصاروخ حوثي", "بقذائف تركية"
    "|صاروخ|صواريخ|صاروخين|قذيفه|قذايف|قذيفتين"
)


_ADJECTIVE_ENDING: Final = re.compile("(?:ه|ون|ين)$")  # "روسيه", "حوثيون" -> the adjective listed
_NOUN_ENDING: Final = re.compile("(?:ين|ون|ات|و|ي|ه)$")  # see _stem


@cache
def _national_pattern() -> re.Pattern[str]:
    """Head noun, up to three indefinite words, then a nationality adjective of kb/data/nationalities.yaml."""
    adjectives = "|".join(sorted((a + "(?:ه|ون|ين)?" for a in nationalities()), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w#_])[وفبل]?(?:(?P<head>{_FORCE_HEADS})|(?P<deed>{_DEED_HEADS}))"
        rf"((?: (?!ال)\w+){{0,3}}?) (?P<adj>{adjectives})(?!\w)"
    )


@cache
def _definite_deed_pattern() -> re.Pattern[str]:
    """ "الغارات الأمريكية البريطانية", "القصف الروسي": a definite event noun and a definite nationality
    adjective (the first of two joined ones) name the state's forces."""
    adjectives = "|".join(sorted((a + "(?:ه|ون|ين)?" for a in nationalities()), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w#_])[وفبل]?ال(?P<deed>{_DEED_HEADS})((?: ال\w+){{0,2}}?) ال(?P<adj>{adjectives})(?!\w)"
    )


@cache
def _side_pattern() -> re.Pattern[str]:
    """ "الجانب الروسي", "الطرف التركي", "العدو الأمريكي", "العدوان الأمريكي", "الاحتلال التركي",
    "المدفعية التركية": a state named as a party, or its arms, by its definite adjective; "وزارة الدفاع
    التركية", "استدعت وزارة الخارجية العراقية السفير" speak for the state's forces."""
    adjectives = "|".join(sorted((a + "ه?" for a in nationalities()), key=len, reverse=True))
    return re.compile(rf"(?<![\w#_])[وفبل]?(?P<head>{_SIDE_HEADS}) ال(?P<adj>{adjectives})(?!\w)")


_SIDE_HEADS: Final = (
    "طيران العدوان|لطيران العدوان|تحالف العدوان|لتحالف العدوان|طايرات العدوان"
    "|الجانب|الطرف|العدو|العدوان|الاحتلال|للجانب|للطرف|للعدو|للعدوان|للاحتلال|وزاره الدفاع"
    "|وزاره الخارجيه|وزاره الداخليه"
    # a state's arms named definite: "استهدفت المدفعية التركية", "الطائرات المسيرة الأمريكية"
    "|المدفعيه|للمدفعيه|الدوريه|الدوريات|للدوريه|للدوريات|المسيرات|الطايرات|الطايره المسيره"
    "|الطايرات المسيره|المسيره|البوارج|المقاتلات|الطيران المسير|للطيران المسير"
)


def _openings(heads: str, article: str = "") -> frozenset[str]:
    """The words a national pattern can open with: the first word of each of its ``heads`` (literals
    joined by "|"), after ``article``, with or without one of the proclitics و ف ب ل. Every head is
    followed by a space in the patterns, so a match opens with one of these as a whole word."""
    firsts = {article + head.split(" ")[0] for head in heads.split("|")}
    return frozenset(proclitic + word for word in firsts for proclitic in ("", "و", "ف", "ب", "ل"))


_NATIONAL_OPENINGS: Final = _openings(_FORCE_HEADS + "|" + _DEED_HEADS)
_SIDE_OPENINGS: Final = _openings(_SIDE_HEADS)
_DEFINITE_DEED_OPENINGS: Final = _openings(_DEED_HEADS, "ال")


# The national patterns end on a nationality adjective after a space and span at most six spaces before it
# (a two-word head, three words between, the space before the adjective); a match starts after the seventh
# space back.
_SPACES_BEFORE_ADJECTIVE: Final = 7


@cache
def _adjective_start() -> re.Pattern[str]:
    """A nationality adjective after a space, with or without its article, to the end of its word."""
    adjectives = "|".join(sorted(nationalities(), key=len, reverse=True))
    return re.compile(rf" (?:ال)?(?:{adjectives})\w*")


@cache
def _adjectives() -> Needles:
    """The nationality adjectives, looked for together."""
    return Needles(nationalities())


def _adjective_places(text: str) -> tuple[list[int], bool, bool]:
    """Where an adjective match can start: the space, or the space and article, before each nationality
    adjective found (ascending); and whether one stands after a space (``" " + adjective in text``: an
    indefinite one) and after a space and the article (``" ال" + adjective in text``: a definite one)."""
    indefinite = definite = False
    starts: set[int] = set()
    for _, at in _adjectives().occurrences(text):
        if text[at - 1 : at] == " ":
            indefinite = True
            starts.add(at - 1)
        elif text[max(0, at - 3) : at] == " ال":
            definite = True
            starts.add(at - 3)
    return sorted(starts), indefinite, definite


def _adjective_matches(text: str, starts: list[int]) -> list[re.Match[str]]:
    """What ``_adjective_start().finditer(text)`` finds. The pattern opens with a space, and the regex
    engine tries its alternation of adjectives at every space of the text: it is tried only at the
    ``starts`` of ``_adjective_places``."""
    return matches_at(_adjective_start(), text, starts)


def _adjective_windows(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """The stretches of ``text`` a national pattern can match in: from the seventh space before each
    nationality adjective to the end of its word, overlapping stretches joined. Scanning only these finds
    the matches a scan of the whole text finds."""
    windows: list[tuple[int, int]] = []
    for found in _adjective_matches(text, starts):
        lo, hi = found.span()
        for _ in range(_SPACES_BEFORE_ADJECTIVE - 1):
            lo = text.rfind(" ", 0, lo)
            if lo <= 0:
                lo = 0
                break
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def _window_words(
    view: NormalizedText, windows: list[tuple[int, int]]
) -> list[tuple[int, list[tuple[int, str]]]]:
    """(end, (start, text) of each word) of each window, a word cut by an edge with its part inside."""
    return [(hi, [(start, word) for start, _, word in view.words.between(lo, hi)]) for lo, hi in windows]


def _window_matches(
    text: str,
    tried: list[tuple[int, list[tuple[int, str]]]],
    pattern: re.Pattern[str],
    openings: frozenset[str],
) -> list[re.Match[str]]:
    """What ``pattern`` finds in each window of ``tried`` (``_window_words``). The national patterns open
    with a lookbehind, so the regex engine would set up a match at every character of a window: each is
    tried (``matches_at``) only where a word it can open with starts."""
    out: list[re.Match[str]] = []
    for hi, words in tried:
        starts = [start for start, word in words if word in openings]
        if starts:
            out.extend(matches_at(pattern, text, starts, hi))
    return out


def national_forces(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of indefinite national descriptions of forces and of a
    state named as a side ("الجانب الروسي"); after an event noun the mention is the adjective alone, so
    the noun stays a trigger with it as its agent."""
    view = ctx.view
    out: list[Mention] = []
    codes = nationalities()
    text = view.text
    # cheap tests before the patterns: an indefinite adjective ("طيران حربي روسي") for the first, a
    # definite one ("الجانب الروسي", "الغارات الأمريكية") for the others
    starts, indefinite, definite = _adjective_places(text)
    windows = _adjective_windows(text, starts) if indefinite or definite else []
    tried = _window_words(view, windows)
    found_all: list[re.Match[str]] = []
    if indefinite:
        found_all += _window_matches(text, tried, _national_pattern(), _NATIONAL_OPENINGS)
    if definite:
        found_all += _window_matches(text, tried, _side_pattern(), _SIDE_OPENINGS)
        found_all += _window_matches(text, tried, _definite_deed_pattern(), _DEFINITE_DEED_OPENINGS)
    for found in sorted(found_all, key=lambda f: f.start()):
        adjective = found.group("adj")
        code = codes.get(adjective) or codes.get(_ADJECTIVE_ENDING.sub("", adjective), "")
        # a country code names the state's forces; an actor id a movement ("مسلحون حوثيون")
        actor = state_actors().get(code) or (code if len(code) > 2 else None)
        if actor is None or actor not in ctx.kb_actors:
            continue
        groups = found.groupdict()
        if groups.get("head"):
            vstart = found.start("head")
            if groups["head"].startswith("ل"):
                vstart += 1  # "للعدو الإسرائيلي", "لطيران العدوان": the proclitic stays outside the name
        else:  # the adjective alone, with its article when it has one ("الغارات الأمريكية")
            vstart = found.start("adj") - (
                2 if view.text[found.start("adj") - 2 : found.start("adj")] == "ال" else 0
            )
        start = view.to_original(vstart)
        end = view.to_original(found.end())
        add_actor_entity(ctx.doc, ctx.kb_actors, actor)
        out.append(Mention(start, end, ctx.text[start:end], Label.ORG, actor, attrs={"description": True}))
        if "عدوان" in (groups.get("head") or "") and actor not in _COALITION_LEADERS:
            out.extend(_aggressor_again(ctx, end, actor))
    return out


# "العدوان" (the aggression), alone or as "طيران العدوان", is the coalition by default; after "العدوان
# الأمريكي" the text means the US with it, until another aggressor is named.
_COALITION_LEADERS: Final = frozenset(
    {"saudi-armed-forces", "uae-armed-forces"}
)  # "العدوان السعودي" is still the coalition
_AGGRESSOR_WORDS: Final = frozenset({"العدوان", "طيران العدوان", "تحالف العدوان", "طايرات العدوان"})


def _aggressor_again(ctx: DocContext, after: int, actor: str) -> list[Mention]:
    """Bare "العدوان" mentions after a national one ("العدوان الأمريكي … والعدوان يستهدف"), as that state."""
    out: list[Mention] = []
    for m in ctx.actors:
        if m.start < after:
            continue
        folded = ctx.folded(m.start, m.end)
        if folded not in _AGGRESSOR_WORDS:
            if "عدوان" in folded:
                break  # another aggressor named: "العدوان السعودي"
            continue
        out.append(Mention(m.start, m.end, m.text, Label.ORG, actor, attrs={"description": True}))
    return out


# "دوريات الجهاز", "سرية من اللواء", "دورية صحراوية تابعة للواء": a unit of a body the text named
# before by a name beginning with that noun ("جهاز الردع…", "اللواء طارق بن زياد"), folded.
_UNIT_NOUNS: Final = (
    "دوريات",
    "دوريه",
    "وحدات",
    "وحده",
    "سريه",
    "سرايا",
    "قوه",
    "قوات",
    "مفرزه",
    "مفارز",
    "عناصر",
    "مقاتلي",
    "مقاتلو",
    "كتيبه",
    "مجموعه",
    "فرقه",
    "فرق",
    "اطقم",
    "طاقم",
    "مدفعيه",
    "راجمات",
    "طيران",
    "الاجهزه",
    "اجهزه",
    "الوحدات",
    "القوات",
    "الدوريات",
)
_UNIT_NOUN_NEEDLES: Final = Needles(_UNIT_NOUNS)
_UNIT_OF_BODY: Final = re.compile(
    rf"(?<![\w#_])[وف]?(?P<unit>{'|'.join(_UNIT_NOUNS)})"
    r"(?:(?: \w+)? (?:من|التابعه|تابعه|التابع|تابع))? (?P<prefix>ل?)(?P<head>(?:ال|ل)\w{3,})(?!\w)"
)


def _units_of_body(text: str) -> list[re.Match[str]]:
    """``_UNIT_OF_BODY.finditer(text)``, tried only where a match can start: at a unit noun, or at a و/ف
    right before one."""
    return matches_at(_UNIT_OF_BODY, text, _UNIT_NOUN_NEEDLES.starts(text, "وف"))


def units_of_named_bodies(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of a body's unit called by the first noun of the body's
    name: "تمكنت دوريات الجهاز من القبض" after "جهاز الردع لمكافحة الجريمة المنظمة" is the Rada force."""
    view = ctx.view
    out: list[Mention] = []
    text = view.text
    # a body named before in more than one word, or the signer, whose first noun comes back
    heads = {ctx.folded(m.start, m.end).split()[0].removeprefix("ال") for m in ctx.actors if " " in m.text}
    signer = _signer_head(ctx)
    heads.add(signer)
    recurring = any(h and text.count(h) > 1 for h in heads)
    for found in _units_of_body(text) if recurring else ():
        head = found.group("head")
        # after ل the article loses its alef ("للهيئة"), and before a ل its lam too ("للواء")
        nouns = [head[2:]] if not found.group("prefix") else [head[1:], head]
        start = view.to_original(found.start("unit"))
        end = view.to_original(found.end("head"))
        if ctx.inside_name(start, end) or not (found.group("prefix") or head.startswith("ال")):
            continue
        actor = next((a for noun in nouns if (a := head_noun_antecedent(ctx, noun, start))), None)
        if actor is None and ctx.author and signer in nouns:
            actor = ctx.author  # "الأجهزة الأمنية التابعة للوزارة" under "وزارة الداخلية – حكومة الوحدة"
        if actor is None:
            continue
        # the whole phrase, so that a verb before it has it as its subject
        out.append(Mention(start, end, ctx.text[start:end], Label.ORG, actor, attrs={"description": True}))
    for found in _units_of_its(text) if any(f in text for f in _ITS_FORMS) else ():
        # "يعلن جهاز الردع أن دورياته تمكنت من القبض…": "its" units are the actor just named
        start, end = view.to_original(found.start("unit")), view.to_original(found.end("unit"))
        lo = ctx.unit_at(start)[1].sentence.start
        pronoun = found.group("unit")[-2:] if found.group("unit").endswith(("ها", "هم")) else "ه"
        before = [m for m in ctx.within(ctx.actors, lo, start) if ctx.tokens_between(m.end, start) <= 10]
        # "قالت قسد إن مقاتلي التنظيم قتلوا خمسة من عناصرها": her members are the feminine force's, not
        # the nearer masculine التنظيم's; with no name that agrees, the name right before
        named = [m for m in before if _agrees(ctx.folded(m.start, m.end), pronoun)] or [
            m for m in before if ctx.tokens_between(m.end, start) <= 4
        ]
        actor = named[-1].entity if named else None
        if actor is None and pronoun == "ه":
            # "المسماري يزعم إن قواته دمرت…": the forces of the man named before, his organization's
            people = [
                ctx.person_forces[p.entity]
                for p in ctx.within(ctx.persons, lo, start)
                if p.entity is not None
                and p.entity in ctx.person_forces
                and ctx.tokens_between(p.end, start) <= 6
            ]
            actor = people[-1] if people else None
        if actor is None and ctx.author and signer and ("ال" + signer) in ctx.folded(lo, start).split():
            actor = ctx.author  # "وتوضح الفرقة أن دورية تابعة لها…" under "فرقة الحمزة – بيان"
        if actor and not ctx.inside_name(start, end):
            out.append(
                Mention(start, end, ctx.text[start:end], Label.ORG, actor, attrs={"description": True})
            )
    return out


def _gender(name: str) -> str | None:
    """Grammatical gender of a (folded) actor name by its first word: "الهيئة", "قوات …", "روسيا" are
    feminine, "التنظيم", "الجيش …" masculine; an acronym or a bare name ("قسد", "داعش") is not known."""
    words = name.split()
    if not words:
        return None
    head = words[0].removeprefix("و")
    if head.endswith(("ه", "ات", "ا")):
        return "f"
    if head.startswith("ال") or len(words) > 1:
        return "m"
    return None


def _agrees(name: str, pronoun: str) -> bool:
    """Can "ه" (his), "ها" (her) or "هم" (their) stand for this name?"""
    gender = _gender(name)
    return pronoun == "هم" or gender is None or gender == ("f" if pronoun == "ها" else "m")


# A force's units with "its": "دورياته", "قواتها", "عناصره", "وحداتهم".
_ITS_UNITS: Final = ("دوريات", "وحدات", "قوات", "عناصر", "مقاتلي", "مقاتلو", "سرايا", "مفارز", "قطعات")


_ITS_FORMS: Final = (*(u + "ه" for u in _ITS_UNITS), "تابعه له", "تابع له", "تابعين له")  # a cheap test first


# Units said to belong to "it": "أن دورية تابعة لها أوقفت…"
_BELONGING_UNITS: Final = (
    *("دوريه", "دوريات", "قوه", "قوات", "وحده", "وحدات", "مجموعه", "مجموعات", "عناصر", "سريه", "مفرزه"),
    *("خليه", "خلايا", "كتيبه", "طاقم"),
)
_ITS_UNIT_NEEDLES: Final = Needles([*_ITS_UNITS, *_BELONGING_UNITS])

_UNIT_OF_ITS: Final = re.compile(
    rf"(?<![\w#_])[وف]?(?P<unit>(?:{'|'.join(_ITS_UNITS)})(?:ه|ها|هم)"
    rf"|(?:{'|'.join(_BELONGING_UNITS)})"
    r"(?: \w+)? (?:التابعه|تابعه|التابع|تابع|تابعين|التابعين) ل(?:ه|ها|هم))(?!\w)"
)


def _units_of_its(text: str) -> list[re.Match[str]]:
    """``_UNIT_OF_ITS.finditer(text)``, tried only where a match can start: at a unit noun, or at a و/ف
    right before one."""
    return matches_at(_UNIT_OF_ITS, text, _ITS_UNIT_NEEDLES.starts(text, "وف"))


# "الميليشيات ذاتها", "القوات نفسها": a force called "the same" as one named before.
_THE_SAME: Final = re.compile(
    r"(?<![\w#_])[وفبل]?(?P<phrase>(?:ال|ل)(?P<noun>\w{3,})"
    r" (?:ذاتها|نفسها|ذاته|نفسه|ذاتهم|نفسهم|انفسهم)"
    # "بعد انسحاب المسلحين منه" after "اشتباكات بين الجيش ومسلحي وحدات مقاومة سنجار": the gunmen named
    r"|ال(?P<gunmen>مسلحين|مسلحون)"
    # "كما ضبطت دورية أخرى مستودعاً" after "أن دورية تابعة له اعتقلت…": another unit of the same body
    r"|(?P<unit>دوريه|دوريات|قوه|مجموعه|وحده|سريه|مفرزه|خليه|كتيبه|مجموعات|وحدات) (?:اخري|ثانيه))(?!\w)"
)
# where _THE_SAME can match: the word before "نفسها"/"أخرى"…, or "المسلحين" itself
_SAME_WORDS: Final = frozenset(
    {"ذاتها", "نفسها", "ذاته", "نفسه", "ذاتهم", "نفسهم", "انفسهم", "اخري", "ثانيه"}
)
_GUNMEN: Final = with_prefixes(["المسلحين", "المسلحون"], "وفبل")


def _stem(word: str) -> str:
    """A noun without its plural or construct ending: "مسلحي", "مسلحين", "مسلحون" → "مسلح"."""
    return _NOUN_ENDING.sub("", word.removeprefix("ال"))


def _signer_head(ctx: DocContext) -> str:
    """The first noun of a signed document's signature or header line, folded without the article
    ("وزاره" for "وزارة الداخلية – حكومة الوحدة الوطنية")."""
    author = ctx.doc.author
    if author is None or author.start is None or author.end is None:
        return ""
    words = ctx.folded(author.start, author.end).split()
    return words[0].removeprefix("ال") if words else ""


def the_same_force(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of "the same" force: "أطلقتها الميليشيات ذاتها" after
    "هجوم شنته ميليشيات حفتر" is the actor whose name begins with that noun, or follows it, last."""
    from marsad.events.subjects import LAM_HEADS, our_force  # subjects reads this module's cue maps

    view = ctx.view
    out: list[Mention] = []
    text = view.text
    if "ذات" not in text and "نفس" not in text and "المسلح" not in text and " اخري" not in text:
        return out  # a cheap test before the pattern
    words = view.words
    starts = sorted({*words.starts_before(_SAME_WORDS), *words.starts_of(_GUNMEN)})
    for found in words.matches_at(_THE_SAME, starts):
        noun = _stem(found.group("noun") or found.group("gunmen") or found.group("unit"))
        start, end = view.to_original(found.start("phrase")), view.to_original(found.end("phrase"))
        if ctx.inside_name(start, end):
            continue
        surface = ctx.text[start:end]
        for m in reversed(ctx.within(ctx.actors, 0, start)):
            first = _stem(ctx.folded(m.start, m.end).split()[0])
            before = _stem((ctx.words_before(m.start, 1) or [""])[-1].removeprefix("و"))
            # "قوة عسكرية تابعة للقيادة العامة … مسلحون تابعون للقوة نفسها": the unit the body owns
            owned = ctx.words_before(m.start, 4)
            unit = _stem(owned[0].removeprefix("و")) if len(owned) >= 3 and owned[-2] in LAM_HEADS else ""
            if noun in (first, before, unit):
                out.append(Mention(start, end, surface, Label.ORG, m.entity, attrs={"description": True}))
                break
        else:
            index, _ = ctx.unit_at(start)
            told = ctx.units[index - 1].sentence if index > 0 else None
            if (
                found.group("unit")
                and ctx.author
                and told is not None
                and any(our_force(w) for w in ctx.folded(told.start, told.end).split())
            ):
                # "ألقت وحداتنا القبض…. كما ضبطت دورية أخرى": another unit of ours
                out.append(Mention(start, end, surface, Label.ORG, ctx.author, attrs={"description": True}))
    return out


# "وهو ما نفته الأخيرة", "فيما اتهم الأخير": "the latter" as a subject (not the adjective of "الأسبوع
# الأخير", "في الآونة الأخيرة", nor "في الأخير", finally).
_THE_LATTER: Final = re.compile(r"(?<![\w#_])[وف]?(?P<phrase>ال(?P<form>اخيره|اخير))(?!\w)")
_LATTER_FORMS: Final = with_prefixes(["الاخيره", "الاخير"], "وف")
_NOT_BEFORE_LATTER: Final = frozenset(
    {"في", "من", "الي", "علي", "عن", "حتي", "قبل", "بعد", "خلال", "منذ", "مع", "هذا", "هذه"}
)


def the_latter(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of "the latter" as a subject: the actor named last before
    it in the sentence or the one before, of the same gender ("الأخيرة" feminine or unmarked)."""
    view = ctx.view
    out: list[Mention] = []
    if "الاخير" not in view.text:
        return out
    for found in view.words.matches_at(_THE_LATTER, view.words.starts_of(_LATTER_FORMS)):
        start, end = view.to_original(found.start("phrase")), view.to_original(found.end("phrase"))
        previous = ctx.words_before(start, 1)
        if not previous or previous[-1].startswith("ال") or previous[-1] in _NOT_BEFORE_LATTER:
            continue  # "الأسبوع الأخير", "في الأخير"
        index, unit = ctx.unit_at(start)
        lo = ctx.units[index - 1].sentence.start if index > 0 else unit.sentence.start
        pronoun = "ها" if found.group("form").endswith("ه") else "ه"
        named = [m for m in ctx.within(ctx.actors, lo, start) if _agrees(ctx.folded(m.start, m.end), pronoun)]
        if pronoun == "ه":  # "بينما نفى مكتب الأخير": a man named last (باشاغا) is the latter too
            people = [p for p in ctx.within(ctx.persons, lo, start) if p.entity in ctx.doc.entities]
            named = sorted(named + people, key=lambda m: m.start)
        if named:
            out.append(
                Mention(
                    start, end, ctx.text[start:end], Label.ORG, named[-1].entity, attrs={"description": True}
                )
            )
    return out


@cache
def actor_cues() -> dict[str, frozenset[str]]:
    """Folded cue words for actor slots by list name (kb/data/actor_cues.yaml)."""
    from importlib import resources as importlib_resources
    from pathlib import Path

    from marsad.kb.yamlfiles import read_yaml

    def fail(where: str, problem: str, fix: str) -> Exception:
        return ValueError(f"{where}: {problem}. {fix}.")

    path = Path(str(importlib_resources.files("marsad.kb").joinpath("data/actor_cues.yaml")))
    data = read_yaml(path, fail)
    keys = ("civilian_victims", "attributed_means")
    if not isinstance(data, dict) or set(data) != set(keys):
        raise fail(str(path), f"must map exactly {', '.join(keys)} to lists of words", "See docs/events.md")
    out: dict[str, frozenset[str]] = {}
    for key in keys:
        words = data[key]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise fail(str(path), f"{key} must be a list of words", f"Write {key}: [word, word]")
        out[key] = frozenset(normalize_for_match(w) for w in words)
    return out


@cache
def nationalities() -> dict[str, str]:
    """Folded nationality adjective -> country code (kb/data/nationalities.yaml)."""
    return {normalize_for_match(k): v for k, v in _actor_map("nationalities.yaml").items()}


@cache
def state_actors() -> dict[str, str]:
    """Country code -> the actor a state stands for (kb/data/states.yaml)."""
    return _actor_map("states.yaml")


@cache
def force_names() -> dict[str, str]:
    """Folded name of a force's branch -> the actor it acts for (kb/data/force_names.yaml)."""
    return {normalize_for_match(k): v for k, v in _actor_map("force_names.yaml").items()}


def named_branches(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of a force's branch named by its own words ("سلاح الجو
    المسيّر" is the Houthi forces)."""
    view = ctx.view
    out: list[Mention] = []
    for phrase, actor in force_names().items():
        if actor not in ctx.kb_actors or phrase not in view.text:
            continue
        pattern = re.compile(rf"(?<![\w#_])[وفبل]?(?P<name>{re.escape(phrase)})(?!\w)")
        for found in matches_at(pattern, view.text, occurrence_starts(view.text, (phrase,), "وفبل")):
            start, end = view.to_original(found.start("name")), view.to_original(found.end("name"))
            if ctx.inside_name(start, end) and not _holds_whole_names(ctx, start, end):
                continue
            add_actor_entity(ctx.doc, ctx.kb_actors, actor)
            out.append(
                Mention(start, end, ctx.text[start:end], Label.ORG, actor, attrs={"description": True})
            )
    return sorted(out, key=lambda m: m.start)


def _holds_whole_names(ctx: DocContext, start: int, end: int) -> bool:
    """Does [start, end) hold whole actor names only ("الجيش واللجان الشعبية"), cutting none?"""
    for names in (ctx.actors, ctx.persons, ctx.places):
        for m in names:
            if m.start < end and start < m.end and not (start <= m.start and m.end <= end):
                return False
            if m.label != Label.ORG and start <= m.start and m.end <= end:
                return False
    return True


def theatre(ctx: DocContext) -> str | None:
    """The document's country: the one its metadata gives, else the one most of its places are in."""
    given = ctx.doc.meta.get("country")
    if isinstance(given, str) and len(given) == 2:
        return given.upper()
    votes: dict[str, int] = {}
    for m in ctx.doc.mentions:
        entity = ctx.doc.entities.get(m.entity or "") if m.label == Label.PLACE else None
        country = entity.attrs.get("country") if entity is not None else None
        if isinstance(country, str):
            votes[country] = votes.get(country, 0) + 1
    return max(votes, key=lambda c: votes[c]) if votes else None


# "مصدر عسكري حكومي", "مسؤول حكومي", "الوفد الحكومي المفاوض": a source or a delegation of the theatre's
# government.
_GOVERNMENT_SOURCE: Final = re.compile(
    r"(?<!\w)[وفل]?(?:مصدر|مصادر|مسوول|مسوولون|مسوولين|ناطق|متحدث|(?:ال)?(?:فريق|وفد|جانب|طرف))"
    r"(?: (?:ال)?(?:عسكري|امني|عسكريه|امنيه|رسمي|رسميه|عسكريون|امنيون|محلي|مفاوض))?"
    r" (?:ال)?(?P<adj>حكومي|حكوميه|حكوميون|حكوميين)(?!\w)"
)
_GOVERNMENT_ADJECTIVES: Final = with_prefixes(["حكومي", "حكوميه", "حكوميون", "حكوميين"], ("ال",))


def government_sources(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of a source described as the government's ("نفى مصدر
    عسكري حكومي"): the government forces of the document's theatre, where the knowledge base names one
    (kb/data/states.yaml); the adjective is the mention."""
    view = ctx.view
    if "حكومي" not in view.text:
        return []
    actor = state_actors().get(theatre(ctx) or "")
    if actor is None or actor not in ctx.kb_actors:
        return []
    out: list[Mention] = []
    # a match starts one or two words before the adjective ("مصدر حكومي", "مصدر عسكري حكومي")
    starts = view.words.starts_before(_GOVERNMENT_ADJECTIVES, back=2)
    for found in view.words.matches_at(_GOVERNMENT_SOURCE, starts):
        start, end = view.to_original(found.start("adj")), view.to_original(found.end("adj"))
        if ctx.inside_name(start, end):
            continue
        add_actor_entity(ctx.doc, ctx.kb_actors, actor)
        out.append(Mention(start, end, ctx.text[start:end], Label.ORG, actor, attrs={"description": True}))
    return out


# Heads of a force named by its leader: "طيران حفتر", "قوات حفتر" when حفتر is read as the person.
_LEADER_FORCE_HEADS: Final = frozenset(
    {"طيران", "الطيران", "قوات", "ميليشيات", "ميليشيا", "مليشيات", "مليشيا", "عناصر", "مقاتلي", "مسلحي"}
    | {"طايرات", "مدفعيه", "مرتزقه", "جيش", "كتايب", "الويه"}
)


def leaders_forces(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of a force named by its leader ("طيران حفتر يشن غارتين"):
    the organization the knowledge base gives the person."""
    out: list[Mention] = []
    for p in ctx.persons:
        actor = ctx.person_forces.get(p.entity or "")
        if actor is None or actor not in ctx.kb_actors:
            continue
        before = ctx.words_before(p.start, 1)
        if (
            not before
            or before[-1].removeprefix("و").removeprefix("ب").removeprefix("ل") not in _LEADER_FORCE_HEADS
        ):
            continue
        start = ctx.text.rfind(" ", 0, p.start - 1) + 1
        add_actor_entity(ctx.doc, ctx.kb_actors, actor)
        out.append(
            Mention(start, p.end, ctx.text[start : p.end], Label.ORG, actor, attrs={"description": True})
        )
    return out


@cache
def seat_actors() -> dict[str, str]:
    """Place id of a regional seat of government -> the actor it stands for (kb/data/seats.yaml)."""
    return _actor_map("seats.yaml")


def _actor_map(name: str) -> dict[str, str]:
    from importlib import resources as importlib_resources
    from pathlib import Path

    from marsad.kb.yamlfiles import read_yaml

    def fail(where: str, problem: str, fix: str) -> Exception:
        return ValueError(f"{where}: {problem}. {fix}.")

    path = Path(str(importlib_resources.files("marsad.kb").joinpath(f"data/{name}")))
    data = read_yaml(path, fail)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise fail(str(path), "must map keys to actor ids", "Write lines like 'RU: russian-armed-forces'")
    return dict(data)


def head_noun_antecedent(ctx: DocContext, head: str, pos: int) -> str | None:
    """The actor named earlier whose name begins with the noun: "الشبكة" after "الشبكة السورية لحقوق
    الإنسان", "الهيئة" after "هيئة تحرير الشام"."""
    named = _names_by_head(ctx).get(head)
    if named is not None:
        starts, mentions = named
        i = count_below(starts, pos)  # the names with that head that start before pos
        while i > 0:
            i -= 1
            if mentions[i].end <= pos:
                return mentions[i].entity
    for k, m in enumerate(ctx.actors_before(pos)):
        if k == 12:
            break
        # "المركز الإعلامي لـقسد" … "وحمّل المركز": the body a noun headed before an actor's name
        lead = ctx.words_before(m.start, 4)
        if any(w.removeprefix("ال") == head for w in lead[-3:]):
            return m.entity
    kinds = _GENERIC_HEAD_KINDS.get(head)
    if kinds:
        # "ونفى الفصيل": the armed group of that kind named last
        for m in ctx.actors_before(pos):
            entity = ctx.doc.entities.get(m.entity or "")
            if entity is not None and entity.attrs.get("type") in kinds:
                return m.entity
    return None


def _names_by_head(ctx: DocContext) -> dict[str, tuple[list[int], list[Mention]]]:
    """The document's actor names of several words by their first word without the article, each with
    its mentions' starts, in text order: worked out once for each list of actors (``add_actors`` makes a
    new one)."""
    cached = ctx.cache.get("names by head")
    if isinstance(cached, tuple) and cached[0] is ctx.actors:
        return cast(dict[str, tuple[list[int], list[Mention]]], cached[1])
    index: dict[str, tuple[list[int], list[Mention]]] = {}
    for m in ctx.actors:
        if " " not in m.text.strip():
            continue
        first = first_words(ctx.folded(m.start, m.end), 1)
        if first:
            starts, mentions = index.setdefault(first[0].removeprefix("ال"), ([], []))
            starts.append(m.start)
            mentions.append(m)
    ctx.cache["names by head"] = (ctx.actors, index)
    return index


# Generic nouns for an armed group named before, by the kinds of actor they stand for.
_GENERIC_HEAD_KINDS: Final = {"فصيل": frozenset({"rebel-group", "political-militia", "identity-militia"})}
