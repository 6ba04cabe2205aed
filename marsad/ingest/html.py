"""HTML pages: the main text (without menus, footers and other boilerplate) and page metadata.

Extraction is trafilatura's, on a tree this module parses itself from bytes it was given: nothing is
ever fetched. Paragraphs, headings, list items and ``<br>`` come out as separate lines; right-to-left
text is kept in logical order as in the source.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import orjson
import trafilatura
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from marsad.ingest.common import (
    Context,
    InputError,
    Source,
    decode_document,
    log,
    normalize_date,
    origin,
)
from marsad.io.encoding import Decoded, bom_encoding
from marsad.model import Document

_CHARSET_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_ABSOLUTE_URL_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_WS_RE = re.compile(r"\s+")

# <meta> keys (property, name or itemprop, lower-cased) holding the publication date, best first.
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "original-publish-date",
    "date",
)
_BOILERPLATE_XPATH = (
    "//nav | //header | //footer | //aside | //menu | //a | //button | //option | //label"
    " | //*[@role='navigation'] | //*[@role='banner'] | //*[@role='contentinfo']"
)

_PARSER = HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, no_network=True)


def read_html(src: Source, data: bytes, ctx: Context) -> Document | InputError:
    """One HTML page as one Document, or an InputError (code "empty" when it has no article text)."""
    where = src.where
    decoded = _decode(data, where, ctx.options.encoding)
    if isinstance(decoded, InputError):
        return decoded
    markup = _XML_DECL_RE.sub("", decoded.text, count=1)
    try:
        tree = document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError) as err:
        return InputError(where, None, f"no HTML content could be parsed ({err})", "empty")
    page = _page_facts(tree)
    try:
        result = trafilatura.bare_extraction(
            tree,
            url=ctx.options.url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as err:  # trafilatura on hostile markup: report the page, keep going
        return InputError(where, None, f"HTML extraction failed: {type(err).__name__}: {err}", "html")
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        return InputError(
            where,
            None,
            "no extractable text: the page has no article text (it may be empty, a script-only page, "
            "or only menus and links)",
            "empty",
        )
    if _only_boilerplate(text, page["boilerplate"]):
        return InputError(
            where,
            None,
            "no extractable text: the page only has navigation, link and footer text, no article text",
            "empty",
        )
    url = _page_url(page, getattr(result, "url", None), ctx.options.url)
    hostname = _hostname(url) or getattr(result, "hostname", None)
    published, date_source = page["date"], page["date_source"]
    guessed = getattr(result, "date", None)
    if published is None and guessed:
        published, date_source = normalize_date(guessed), "htmldate"
    html_meta: dict[str, Any] = {"date_source": date_source, "hostname": hostname}
    for key in ("lang", "dir"):
        if page[key]:
            html_meta[key] = page[key]
    meta: dict[str, Any] = {"origin": origin(src, "html"), "html": html_meta}
    if decoded.encoding:
        meta["encoding"] = decoded.encoding
    return Document(
        id=ctx.claim_id(src.prefix, where),
        text=text,
        title=(getattr(result, "title", None) or "").strip() or None,
        url=url,
        published=published,
        source=(getattr(result, "sitename", None) or "").strip() or hostname,
        meta=meta,
    )


def _decode(data: bytes, where: str, encoding: str | None) -> Decoded | InputError:
    """Bytes to text: --encoding, else a BOM, else UTF-8, else the page's declared charset, else detect."""
    if encoding is None and bom_encoding(data[:4]) is None:
        declared = _declared_charset(data[:4096])
        if declared is not None and declared != "utf-8":
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                result = decode_document(data, where, declared)
                if not (isinstance(result, InputError) and result.code == "encoding"):
                    return result
                log.warning("%s: the declared charset %s does not fit the bytes; detecting", where, declared)
    return decode_document(data, where, encoding)


def _declared_charset(head: bytes) -> str | None:
    match = _XML_ENCODING_RE.search(head) or _CHARSET_RE.search(head)
    if match is None:
        return None
    try:
        return codecs.lookup(match[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _page_url(page: dict[str, Any], extracted: str | None, given: str | None) -> str | None:
    """The page's own URL: canonical link, else og:url, else what trafilatura found, else ``given``.

    A relative canonical link is resolved against og:url or ``given``; left relative it is not used.
    """
    base = page["og_url"] if _ABSOLUTE_URL_RE.match(page["og_url"]) else given
    for candidate in (page["canonical"], page["og_url"], (extracted or "").strip()):
        if not candidate:
            continue
        if _ABSOLUTE_URL_RE.match(candidate):
            return candidate
        if base:
            return urljoin(base, candidate)
    return given


# --- facts read from the tree before trafilatura works on it --------------------------------------


def _page_facts(tree: HtmlElement) -> dict[str, Any]:
    date, source = _explicit_date(tree)
    canonical = og_url = ""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").strip():
            canonical = (link.get("href") or "").strip()
            break
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url":
            og_url = (meta.get("content") or "").strip()
            if og_url:
                break
    return {
        "date": date,
        "date_source": source,
        "canonical": canonical,
        "og_url": og_url,
        "lang": (tree.get("lang") or tree.get("xml:lang") or "").strip(),
        "dir": (tree.get("dir") or _body_attr(tree, "dir")).strip().lower(),
        "boilerplate": _boilerplate_texts(tree),
    }


def _body_attr(tree: HtmlElement, name: str) -> str:
    body = tree.find("body")
    return (body.get(name) or "") if body is not None else ""


def _explicit_date(tree: HtmlElement) -> tuple[str | None, str | None]:
    """The publication date the page states in markup: <meta>, JSON-LD, or <time> (in that order)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _DATE_KEYS and key not in found:
            value = normalize_date(meta.get("content") or "")
            if value:
                found[key] = value
    for key in _DATE_KEYS:
        if key in found:
            return found[key], f"meta:{key}"
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = orjson.loads(script.text)
        except orjson.JSONDecodeError:
            continue
        for value in _json_ld_dates(data):
            normalized = normalize_date(value)
            if normalized:
                return normalized, "json-ld"
    for time in tree.iter("time"):
        if time.get("pubdate") is not None or (time.get("itemprop") or "").lower() == "datepublished":
            normalized = normalize_date(time.get("datetime") or "")
            if normalized:
                return normalized, "time"
    return None, None


def _json_ld_dates(data: Any, depth: int = 0) -> Iterator[Any]:
    if depth > 6:
        return
    if isinstance(data, dict):
        if "datePublished" in data:
            yield data["datePublished"]
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _json_ld_dates(value, depth + 1)
    elif isinstance(data, list):
        for item in data:
            yield from _json_ld_dates(item, depth + 1)


def _norm(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def _boilerplate_texts(tree: HtmlElement) -> set[str]:
    """Normalized lines of navigation, header, footer, link and form-control text."""
    out: set[str] = set()
    for element in tree.xpath(_BOILERPLATE_XPATH):
        for line in element.text_content().splitlines():
            norm = _norm(line)
            if norm:
                out.add(norm)
    return out


def _only_boilerplate(text: str, boilerplate: set[str]) -> bool:
    lines = [_norm(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    return bool(lines) and all(line in boilerplate for line in lines)
