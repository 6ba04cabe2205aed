"""Search terms: the words of a text folded and stripped of clitics, for the full-text index.

Both sides use the normalized view of ``marsad.text.normalize`` (hamza/alef forms, ى/ي, ة/ه, digits,
diacritics and tatweel removed) and the proclitic/article analysis of ``marsad.text.segment``.

Index side, every word contributes (in this order, without repeats):

* the folded word itself (وبالمقاتلين);
* the word after each proclitic (و ف then ب ل ك) and after the article ال / لل, down to the stem
  (بالمقاتلين, المقاتلين, مقاتلين);
* each of these without one attached pronoun suffix (ه ها هم هن هما نا كم كن كما), when at least
  three letters remain; a form then ending in ت also gives the ة form (قريتهم → قريت, قريه).
  A written ة at the end of a word is never taken for the pronoun ه.

Query side, each word becomes a group of alternatives: its stem when the clitic split is certain (an
article follows: والمقاتلين → مقاتلين), every reading when it is not (وزير may be و + زير: وزير, زير).
Whatever a word's clitics, its stem is among its index terms, so a query word matches all the written
forms of the same word. A document matches when every group matches (AND).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from marsad.text.normalize import _FULL_TABLE as _VIEW_FOLD  # the fold NormalizedText applies
from marsad.text.normalize import normalize_for_match
from marsad.text.segment import analyse_token

TOKEN_RE = re.compile(r"[^\W_]+")
_PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "نا", "كم", "كن", "ه")
_LATIN_MARKED = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")
_TA_MARBUTA = "\u0629"


def _deaccent(word: str) -> str:
    """Latin letters without their accents (Zaytā → zayta); other words unchanged."""
    if not _LATIN_MARKED.search(word):
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=262144)
def word_terms(word: str, suffix_h: bool = True) -> tuple[str, ...]:
    """Index terms of one folded word (a token of the normalized view).

    ``suffix_h`` false means the word was written with a final ة, so its final ه is not a pronoun.
    """
    out = [word]
    plain = _deaccent(word)
    if plain != word:
        out.append(plain)
    stems = _stems(word)
    out.extend(stems[1:])
    for stem in stems:
        for suffix in _PRONOUN_SUFFIXES:
            if suffix == "ه" and not suffix_h:
                continue
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                base = stem[: -len(suffix)]
                out.append(base)
                if base.endswith("ت"):
                    out.append(base[:-1] + "ه")
                break
    return tuple(dict.fromkeys(out))


def _stems(word: str) -> list[str]:
    """The word, then the word after each proclitic and the article (و، وب، وبال …), last the stem."""
    token = analyse_token(word, 0, len(word))
    cuts = [end for _, end in token.proclitics]
    if token.article is not None:
        cuts.append(token.article[1])
    cuts.append(token.stem_start)
    return list(dict.fromkeys([word, *(word[c:] for c in cuts if 0 < c < len(word))]))


# The fold of the normalized view (``NormalizedText(text).text == text.translate(_VIEW_FOLD)``), except
# that ة stays ة: a view word that ends in ه because the original wrote ة there then shows in the folded
# text itself, without mapping view offsets back to the original.
_KEEP_TA_FOLD: dict[int, str | None] = {**_VIEW_FOLD, ord(_TA_MARBUTA): _TA_MARBUTA}
# Runs of the characters that fold changes: translating only those is twice as fast as the whole text.
_FOLDED_RUN = re.compile(
    "[" + "".join(re.escape(chr(c)) for c, to in sorted(_KEEP_TA_FOLD.items()) if to != chr(c)) + "]+"
)
# A word ending in ة, searched in the reversed text (ة first: the regex engine skips to each ة quickly).
_FINAL_TA_REVERSED = re.compile(r"ة(?<![^\W_]ة)[^\W_]*")


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_KEEP_TA_FOLD)


def view_words(text: str) -> tuple[list[str], frozenset[str]]:
    """The folded words of ``text`` (tokens of its normalized view), and those of them that end in ه
    because the original wrote ة there (so their ه is no pronoun)."""
    kept = _FOLDED_RUN.sub(_fold_run, text)
    if _TA_MARBUTA not in kept:
        return TOKEN_RE.findall(kept), frozenset()
    ta = frozenset(w[::-1].replace(_TA_MARBUTA, "ه") for w in _FINAL_TA_REVERSED.findall(kept[::-1]))
    return TOKEN_RE.findall(kept.replace(_TA_MARBUTA, "ه")), ta


@lru_cache(maxsize=262144)
def _joined_terms(word: str, suffix_h: bool = True) -> str:
    """``word_terms`` space-joined (cached: most words of a corpus repeat)."""
    return " ".join(word_terms(word, suffix_h))


def terms_of_words(words: list[str], ta_words: frozenset[str]) -> str:
    """Index terms of folded words (see ``view_words``), space-joined."""
    if ta_words:
        return " ".join([_joined_terms(w, w not in ta_words) for w in words])
    return " ".join(map(_joined_terms, words))


def index_terms(text: str) -> str:
    """The space-joined index terms of ``text`` (what the full-text index stores for a document)."""
    return terms_of_words(*view_words(text))


def query_groups(query: str) -> list[tuple[str, ...]]:
    """One tuple of alternative terms per query word; quotes and operators are ignored."""
    groups: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    for m in TOKEN_RE.finditer(normalize_for_match(query)):
        word = _deaccent(m.group())
        token = analyse_token(word, 0, len(word))
        # an uncertain split (وزير: و + زير?) keeps every reading; a certain one needs the stem only
        group = tuple(_stems(word)) if token.ambiguous else (word[token.stem_start :],)
        if group not in seen:
            seen.add(group)
            groups.append(group)
    return groups


def query_terms(query: str) -> list[str]:
    """The main term of each query word (its folded stem without clitics)."""
    return [group[-1] for group in query_groups(query)]


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A variant-insensitive key for entity names and filter values (Arabic or English)."""
    return " ".join(TOKEN_RE.findall(_deaccent(normalize_for_match(name))))


def fts5_query(groups: list[tuple[str, ...]]) -> str:
    """SQLite FTS5 MATCH expression: AND of groups, OR inside a group, every term quoted."""
    return " AND ".join("(" + " OR ".join(_fts5_string(t) for t in group) + ")" for group in groups)


def tsquery(groups: list[tuple[str, ...]]) -> str:
    """PostgreSQL ``to_tsquery('simple', …)`` text: AND of groups, OR inside a group."""
    return " & ".join("(" + " | ".join(_ts_lexeme(t) for t in group) + ")" for group in groups)


def _fts5_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _ts_lexeme(term: str) -> str:
    return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'"
