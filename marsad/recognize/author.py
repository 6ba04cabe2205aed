"""Author and narrator: signature lines ("name / organization / role"), statement headers
("المكتب الإعلامي لـ…") and agency datelines ("دمشق - سانا:") give the document's author organization,
to which first-person plural verbs are attributed."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import ClassVar, Final

from marsad.model import Author, Document, Entity, EntityKind, Label, Mention
from marsad.pipeline import Analysis
from marsad.recognize.places import transliterate_name
from marsad.recognize.select import add_actor_entity, person_id
from marsad.resources import Resources
from marsad.text.gate import gated
from marsad.text.normalize import normalize_for_match
from marsad.text.words import matches_at, occurrence_starts

_SEPARATORS: Final = re.compile(r"\s*(?:/|\||\s[-–—]\s|،)\s*")
_SIGNATURE_HEADS: Final = tuple(
    normalize_for_match(w)
    for w in (
        "المكتب الإعلامي",
        "المكتب الاعلامي",
        "مكتب العلاقات",
        "الناطق",
        "المتحدث",
        "القيادة العامة",
        "بيان صادر عن",
        "صادر عن",
        "المكتب السياسي",
        "غرفة عمليات",
        "إعلام",
        "الإعلام العسكري",  # "الإعلام العسكري لقوات الحزام الأمني"
        "الإعلام الحربي",
        "المركز الإعلامي",
        "القائد العام",
        "مديرية الإعلام",
        "مديرية التوجيه",
    )
)
# Any media office heading a statement: "الإدارة الإعلامية لـ…", "الدائرة الإعلامية", "الخلية الإعلامية".
_MEDIA_OFFICE: Final = re.compile(
    r"^(?:ال)?(?:مكتب|مركز|اداره|دايره|قسم|جناح|خليه|هييه|وحده|شعبه|فريق|منصه)\s+(?:ال)?اعلامي"
)
# The kind of document a header names ("فرقة الحمزة – بيان توضيحي"): a title, never the signer's name.
_DOCUMENT_WORDS: Final = frozenset(
    normalize_for_match(w)
    for w in (
        *("بيان", "البيان", "تصريح", "تعميم", "بلاغ", "إعلان", "توضيح", "نداء", "تقرير", "التقرير"),
        *("عاجل", "تنويه", "رد", "خبر", "نعي", "تحديث", "ملخص", "حصاد", "إحصائية", "الإحصائية", "تعليق"),
    )
)

_ROLE_WORDS: Final = frozenset(
    normalize_for_match(w)
    for w in (
        "مسؤول",
        "المسؤول",
        "المتحدث",
        "متحدث",
        "الناطق",
        "ناطق",
        "مدير",
        "قائد",
        "القائد",
        "عضو",
        "رئيس",
        "أمين",
        "المكتب",
        "مكتب",
        "الإعلامي",
        "الاعلامي",
        "العلاقات",
        "مراسل",
        "المركز",
        "مركز",
        "مديرية",
        "إدارة",
        "الإعلام",
        "التوجيه",
        "المعنوي",
    )
)
# Scraped-page trailers that are not part of the document.
_TRAILER: Final = re.compile(r"^\s*(?:social links|share|شارك|تابعونا|المصدر\s*:|#)", re.IGNORECASE)
# "المتحدث الرسمي باسم X", "الناطق العسكري باسم X": the rest of the line names the organization.
_SPOKESMAN: Final = re.compile(r"\s*(?:ال)?(?:متحدث|ناطق)(?:\s+\w+){0,2}?\s+باسم\s+(\S.*?)\s*[.:،]*\s*$")
# An opening "X announces": "تعلن القيادة العامة …", "وتعلن حركة … أن".
_ANNOUNCER: Final = re.compile(r"^[وف]?(?:تعلن|يعلن|اعلنت|اعلن|تؤكد|يؤكد)\s")
# First-person words that are no deed of ours ("لدينا", "إننا").
_NOT_OURS: Final = frozenset({"لدينا", "عندنا", "اننا", "لكننا", "بيننا"})
# An opening "X issued a statement saying:" before the statement's own words: "أصدرت قيادة الشرطة
# الاتحادية بياناً بشأن عملياتها، جاء فيه:".
_ISSUER: Final = re.compile(r"^[وف]?(?:اصدرت|اصدر|نشرت|نشر|وزعت|وزع)\s")
_ISSUED: Final = gated(r"(?<!\w)(?:بيانا|بلاغا|تعميما|بيان|البيان|البلاغ)(?!\w)")
# Words that only say where an organization's branch is: "… في محافظة اللاذقية", "… فرع حلب".
_WHERE_WORDS: Final = frozenset(
    {"في", "فرع", "محافظة", "مدينة", "قطاع", "منطقة", "ريف", "ب", "شمال", "جنوب", "شرق", "غرب"}
)


# Offices named before their organization in a header: "مديرية الأمن العام في محافظة اللاذقية".
_OFFICE_HEADS: Final = frozenset(
    normalize_for_match(w) for w in ("مديرية", "إدارة", "قيادة", "فرع", "مكتب", "شعبة")
)


def _words_at(text: str, offset: int) -> list[tuple[int, str]]:
    """The words of ``text`` with their offsets (plus ``offset``), without punctuation."""
    return [(m.start() + offset, m.group()) for m in re.finditer(r"[^\s:.،,]+", text)]


# What fighters call themselves, before their organization's name: "مجاهدو المقاومة الإسلامية".
_SELF_HEADS: Final = frozenset({"مجاهدو", "مجاهدي", "ابطال"})
# Verbs a documenting body opens its own report with: "سجّلت الشبكة …", "وثّقت المنظمة …".
_DOCUMENTING: Final = frozenset({"سجلت", "سجل", "وثقت", "وثق", "رصدت", "رصد"})
# "إننا في الشبكة السورية…", "نحن في قيادة…", "ونطالب في الشبكة السورية…": we, the body named next.
_WE_IN: Final = re.compile(
    r"(?<!\w)(?:[إا]ننا|ونحن|نحن|[وف]?(?:نطالب|ندعو|نؤكد|نحمّ?ل|ندين|نجدد|نعتبر|نناشد))\s+في\s+"
)
# Every _WE_IN match opens with one of these, after one of _WE_IN_LEAD or none.
_WE_IN_CUES: Final = ("ننا", "نحن", "نطالب", "ندعو", "نؤكد", "نحم", "ندين", "نجدد", "نعتبر", "نناشد")
_WE_IN_LEAD: Final = "إاوف"
_DATELINE: Final = re.compile(r"([^\n:]{2,60}?)\s[-–—]\s([^\n:]{2,40}?)\s*:")
_MAX_LINE: Final = 140


class AuthorDetector:
    """Finds signature, header or dateline lines and sets ``doc.author``."""

    name: ClassVar[str] = "author"
    requires: ClassVar[tuple[str, ...]] = ("mentions.ORG", "mentions.PERSON")
    provides: ClassVar[tuple[str, ...]] = ("author",)

    def __init__(self, resources: Resources) -> None:
        self.actors = resources.kb.actors
        self.persons = resources.kb.persons

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        self._detect(doc)
        if doc.author is not None and doc.author.organization:
            _own_forces(doc, doc.author.organization)

    def _detect(self, doc: Document) -> None:
        lines = _lines(doc.text)
        content = [ln for ln in lines if not _TRAILER.match(doc.text[ln[0] : ln[1]])]
        edge = content[:2] + [ln for ln in content[-3:] if ln not in content[:2]]
        for start, end in edge:
            author = self._signature(doc, start, end)
            if author is not None:
                self._signer(doc, content, (start, end), author)
                doc.author = author
                return
        for line in edge:
            author = self._spokesman(doc, content, line)
            if author is not None:
                doc.author = author
                return
        if content:
            author = self._dateline(doc, *content[0])
            if author is None:
                opening = normalize_for_match(doc.text[content[0][0] : content[0][1]])  # folded once, for two
                author = (
                    self._announcer(doc, *content[0], opening)
                    or self._issuer(doc, content, opening)
                    or self._self_named(doc, content)
                    or self._we_in(doc)
                )
            doc.author = author

    def _we_in(self, doc: Document) -> Author | None:
        """ "إننا في الشبكة السورية لحقوق الإنسان نحمّل…": a text that names its body as "we in X"."""
        for found in matches_at(_WE_IN, doc.text, occurrence_starts(doc.text, _WE_IN_CUES, _WE_IN_LEAD)):
            orgs = [
                m for m in self._orgs_in(doc, found.end(), found.end() + 60) if m.start - found.end() <= 1
            ]
            if orgs:
                return Author(organization=orgs[0].entity, start=orgs[0].start, end=orgs[0].end)
        return None

    @staticmethod
    def _places_in(doc: Document, start: int, end: int) -> list[Mention]:
        return [m for m in doc.mentions if m.label == Label.PLACE and start <= m.start and m.end <= end]

    def _orgs_in(self, doc: Document, start: int, end: int) -> list[Mention]:
        return [
            m
            for m in doc.mentions
            if m.label == Label.ORG and start <= m.start and m.end <= end and m.entity in self.actors
        ]

    def _signature(self, doc: Document, start: int, end: int) -> Author | None:
        line = doc.text[start:end]
        if end - start > 2 * _MAX_LINE or len(line.split()) > 30:
            return None
        orgs = self._orgs_in(doc, start, end)
        if not orgs:
            return None
        # a long line signs only as a title opening with its documenter's name and a colon (below)
        long_line = end - start > _MAX_LINE or len(line.split()) > 14
        if long_line and ":" not in line[: orgs[0].end - start + 3]:
            return None
        folded = normalize_for_match(line)
        has_sep = _SEPARATORS.search(line) is not None and any(
            sep in line for sep in ("/", "|", " - ", " – ", " — ")
        )
        org_share = sum(m.end - m.start for m in orgs) / max(1, len(line.strip(" .:")))
        # a line that is mostly one organization's name ("جيش العزة", "القيادة العامة لجيش العزة"); two
        # organizations in a short line are a sentence about them ("قوات النظام هاجمت هيئة تحرير الشام")
        named = org_share >= 0.6 and len({m.entity for m in orgs}) == 1
        # "إدارة الأمن العام في محافظة اللاذقية": an organization's name opening the line, then only where
        placed = (
            len({m.entity for m in orgs}) == 1
            # "مديرية الأمن العام في محافظة اللاذقية": an office of it, too
            and all(w in _OFFICE_HEADS for w in normalize_for_match(line[: orgs[0].start - start]).split())
            and all(
                w in _WHERE_WORDS
                or any(p.start <= start + i < p.end for p in self._places_in(doc, start, end))
                for i, w in _words_at(line[orgs[0].end - start :], orgs[0].end - start)
            )
            # and the text goes on in the first person plural ("ألقت وحداتنا"), as its own words
            and _first_person(normalize_for_match(doc.text[end : end + 2000]).split())
        )
        # "الشبكة السورية لحقوق الإنسان: انتهاكات متواصلة في درعا" over a report it tells in the first
        # person plural ("وثقنا"): the name opening a title line before its colon signs the report
        titled = (
            len({m.entity for m in orgs}) == 1
            and not line[: orgs[0].start - start].strip()
            and line[orgs[0].end - start :].lstrip().startswith(":")
            and _first_person(normalize_for_match(doc.text[end : end + 2000]).split())
        )
        # "بيان المركز الإعلامي لغرفة عمليات الكرامة": the kind of document before the signing office
        first, _, rest = folded.partition(" ")
        headed = (
            folded.startswith(_SIGNATURE_HEADS)
            or _MEDIA_OFFICE.match(folded) is not None
            or (first in _DOCUMENT_WORDS and (rest.startswith(_SIGNATURE_HEADS) or _MEDIA_OFFICE.match(rest)))
        )
        if long_line and not titled:
            return None
        if not (has_sep or headed or named or placed or titled):
            return None
        author = Author(organization=orgs[0].entity, start=start, end=end)
        if has_sep:
            self._parts(doc, start, end, orgs, author)
        return author

    def _parts(self, doc: Document, start: int, end: int, orgs: list[Mention], author: Author) -> None:
        """Split "name / organization / role" and record the name (as a PERSON) and the role."""
        pos = start
        parts: list[tuple[int, int]] = []
        for sep in _SEPARATORS.finditer(doc.text, start, end):
            parts.append((pos, sep.start()))
            pos = sep.end()
        parts.append((pos, end))
        for ps, pe in parts:
            while pe > ps and doc.text[pe - 1] in " .:،,":
                pe -= 1
            while ps < pe and doc.text[ps] == " ":
                ps += 1
            if ps >= pe or any(ps <= m.start < pe for m in orgs):
                continue
            words = normalize_for_match(doc.text[ps:pe]).split()
            known = [m for m in doc.mentions if m.label == Label.PERSON and ps <= m.start and m.end <= pe]
            if known and author.name is None:
                author.name = known[0].text
            elif any(w in _ROLE_WORDS for w in words):
                author.role = author.role or doc.text[ps:pe]
            elif words[0] in _DOCUMENT_WORDS:
                continue  # "بيان توضيحي", "تصريح صحفي": the header's title
            elif 2 <= len(words) <= 4 and not any(w.isdigit() for w in words) and author.name is None:
                author.name = doc.text[ps:pe]
                self._claim_person(doc, ps, pe, author.organization)

    @staticmethod
    def _claim_person(doc: Document, start: int, end: int, org: str | None) -> None:
        """The signer's name is a person, whatever else its words could be (عمران is also a town)."""
        if any(m.label == Label.PERSON and m.start == start and m.end == end for m in doc.mentions):
            return
        doc.mentions[:] = [m for m in doc.mentions if not (m.start < end and start < m.end)]
        key = normalize_for_match(doc.text[start:end])
        eid = person_id(key)
        doc.add_entity(
            Entity(
                eid,
                EntityKind.PERSON,
                transliterate_name(key),
                doc.text[start:end],
                {"in_kb": False, "organization": org, "role": "signatory"},
            )
        )
        doc.add_mention(doc.span(start, end, Label.PERSON, entity=eid, confidence=0.9, component="author"))

    def _signer(
        self, doc: Document, content: list[tuple[int, int]], line: tuple[int, int], author: Author
    ) -> None:
        """A known person on the line next to a "spokesman of X" line signs the statement."""
        if author.name is not None or not _SPOKESMAN.match(doc.text, *line):
            return
        person = self._kb_person_next_to(doc, content, line)
        if person is not None:
            author.name = person.text
            author.role = author.role or doc.text[line[0] : line[1]].strip()

    def _spokesman(
        self, doc: Document, content: list[tuple[int, int]], line: tuple[int, int]
    ) -> Author | None:
        """ "العميد يحيى سريع / المتحدث الرسمي باسم القوات المسلحة" on two lines: X is the organization
        the known person speaks for, also when X's words are no KB name on their own."""
        m = _SPOKESMAN.match(doc.text, *line)
        if m is None or self._orgs_in(doc, *line):
            return None
        person = self._kb_person_next_to(doc, content, line)
        org = self.persons[person.entity or ""].organization if person is not None else None
        if person is None or org is None or org not in self.actors:
            return None
        start, end = m.span(1)
        if any(x.start < end and start < x.end for x in doc.mentions) or len(doc.text[start:end].split()) > 5:
            return None
        add_actor_entity(doc, self.actors, org)
        doc.add_mention(
            doc.span(
                start,
                end,
                Label.ORG,
                entity=org,
                confidence=0.8,
                component="author",
                attrs={"form": "spokesman"},
            )
        )
        doc.mentions.sort(key=lambda x: (x.start, x.end))
        return Author(
            name=person.text,
            organization=org,
            role=doc.text[line[0] : line[1]].strip(),
            start=line[0],
            end=line[1],
        )

    def _kb_person_next_to(
        self, doc: Document, content: list[tuple[int, int]], line: tuple[int, int]
    ) -> Mention | None:
        """The KB person that a line just before or after ``line`` consists of (with a title)."""
        i = content.index(line)
        for j in (i - 1, i + 1):
            if not 0 <= j < len(content):
                continue
            start, end = content[j]
            if end - start > 60:
                continue
            people = [
                m
                for m in doc.mentions
                if m.label == Label.PERSON and start <= m.start and m.end <= end and m.entity in self.persons
            ]
            if len(people) == 1:
                return people[0]
        return None

    def _announcer(self, doc: Document, start: int, end: int, folded: str) -> Author | None:
        """ "تعلن القيادة العامة … أن دفاعاتنا الجوية أسقطت…": a statement that opens by announcing in
        an organization's name and goes on in the first person plural is that organization's.
        ``folded`` is ``normalize_for_match`` of the passage [start, end)."""
        m = _ANNOUNCER.match(folded)
        if m is None:
            return None
        orgs = self._orgs_in(doc, start, end)
        if not orgs:
            return None
        between = doc.text[start : orgs[0].start].split()
        # "تعلن القيادة العامة", or a body of it: "تعلن غرفة العمليات المشتركة التابعة لحكومة الوفاق"
        if len(between) > 1 and not (len(between) <= 6 and any(w.startswith("التابع") for w in between)):
            return None
        rest = normalize_for_match(doc.text[orgs[0].end : end]).split()
        if not any(_ours(w) for w in rest):
            return None
        return Author(organization=orgs[0].entity, role="announcer", start=orgs[0].start, end=orgs[0].end)

    def _issuer(self, doc: Document, content: list[tuple[int, int]], folded: str) -> Author | None:
        """ "أصدرت قيادة الشرطة الاتحادية بياناً …، جاء فيه:" and then the statement in the first person
        plural ("قطعاتنا"): the issuing organization is the author. ``folded`` is ``normalize_for_match``
        of the first passage."""
        start, end = content[0]
        if not _ISSUER.match(folded) or not _ISSUED.search(folded):
            return None
        orgs = self._orgs_in(doc, start, end)
        if not orgs or len(doc.text[start : orgs[0].start].split()) > 4:
            # the verb, then the organization or one of its bodies ("قيادة", "المركز الإعلامي لـ")
            return None
        rest = normalize_for_match(doc.text[end : content[min(len(content), 4) - 1][1]]).split()
        if not _first_person(rest):
            return None
        return Author(organization=orgs[0].entity, role="issuer", start=orgs[0].start, end=orgs[0].end)

    def _self_named(self, doc: Document, content: list[tuple[int, int]]) -> Author | None:
        """ "ضرب مجاهدو المقاومة الإسلامية في العراق …" or "سجّلت الشبكة السورية لحقوق الإنسان …" opening
        an unsigned text that goes on in the first person plural ("ونحذر القوات الأمريكية", "وثّقنا"): the
        fighters' own name for themselves, or a documenter opening its report, makes it theirs."""
        start, end = content[0][0], content[min(len(content), 2) - 1][1]
        for m in self._orgs_in(doc, start, end):
            before = doc.text[max(start, doc.text.rfind("\n", 0, m.start) + 1) : m.start].split()
            head = normalize_for_match(" ".join(before[-1:]))
            # "سجّلت الشبكة السورية لحقوق الإنسان …" opening a report that goes on "وثّقنا", "نطالب"
            documenting = len(before) == 1 and head.removeprefix("و") in _DOCUMENTING
            if head.removeprefix("و") in _SELF_HEADS or documenting:
                rest = normalize_for_match(doc.text[m.end :]).split()
                if _first_person(rest):
                    return Author(organization=m.entity, role="self-named", start=m.start, end=m.end)
                return None
        return None

    def _dateline(self, doc: Document, start: int, end: int) -> Author | None:
        if doc.text.find(":", start, end) == -1:
            return None  # a dateline ends with a colon: no pattern run on a line without one
        m = _DATELINE.match(doc.text, start, end)
        if m is None:
            return None
        orgs = self._orgs_in(doc, m.start(2), m.end(2))
        if not orgs:
            return None
        return Author(organization=orgs[0].entity, role="agency", start=m.start(2), end=m.end(2))


# Verbs of "we" a statement or a report speaks with: "ونطالب", "وندعو", "نؤكد".
_WE_VERBS: Final = frozenset(
    normalize_for_match(w)
    for w in (
        "نطالب",
        "ندعو",
        "نؤكد",
        "نحمل",
        "ندين",
        "نحذر",
        "نوثق",
        "نرصد",
        "نناشد",
        "نستنكر",
        "نعلن",
        "ننفي",
    )
)


def _ours(word: str) -> bool:
    """A folded word with "our" or "we" written on it ("قواتنا", "وثّقنا"), not "لدينا" or "إننا"."""
    return word.endswith("نا") and len(word) > 4 and word not in _NOT_OURS


def _first_person(words: list[str]) -> bool:
    """Do the folded words speak in the first person plural ("قواتنا", "وثّقنا", "ونطالب")?"""
    return any(_ours(w) or w.removeprefix("و") in _WE_VERBS for w in words)


def _own_forces(doc: Document, author: str) -> None:
    """A short form joined by و to the author's own name is the author's force too: in a Houthi
    statement "أبطال الجيش واللجان الشعبية" is the Houthi army, not the government's."""
    orgs = [m for m in doc.mentions if m.label == Label.ORG]
    for first, second in pairwise(orgs):
        if (
            first.attrs.get("form") == "short"
            and first.entity != author
            and second.entity == author
            and doc.text[first.end : second.start].strip() == "و"
        ):
            first.entity = author
            first.attrs["relinked"] = "coordinated with the author"


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out
