"""Byte-level checks for input documents: binary sniffing, BOMs, encoding detection and decoding.

Strategy for automatic decoding: a BOM decides (UTF-8, UTF-16, UTF-32); otherwise strict UTF-8;
otherwise charset-normalizer proposes encodings and one is accepted only if it is a known Arabic or
Western single-byte encoding (windows-1256, ISO-8859-6, ...) and the decoded text is mostly letters,
digits, spaces and ordinary punctuation. Every check works on whole buffers or fixed-size samples
with C-level operations (no per-character Python loops over the whole text).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Bytes inspected for magic numbers, control characters and encoding detection.
SNIFF_BYTES = 64 * 1024
DETECT_BYTES = 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "GZIP archive"),
    (b"BZh", "BZIP2 archive"),
    (b"\xfd7zXZ\x00", "XZ archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office document (DOC/XLS)"),
    (b"{\\rtf", "RTF document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable (ELF)"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# (BOM, codec used to decode the buffer *including* the BOM, name recorded in meta). UTF-32 first:
# its little-endian BOM starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Control bytes that do not occur in text (tab, LF, VT, FF, CR allowed; FF comes from pdftotext).
_CTRL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CTRL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
CONTROL_SHARE_LIMIT = 0.05

# Encodings a detection may be accepted as (Python codec names as charset-normalizer reports them).
ARABIC_ENCODINGS = ("cp1256", "iso8859_6", "cp720")
WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
UTF16_32_ENCODINGS = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
_ACCEPTED = frozenset(ARABIC_ENCODINGS + WESTERN_ENCODINGS + UTF16_32_ENCODINGS)
_DISPLAY = {
    "cp1256": "windows-1256",
    "iso8859-6": "ISO-8859-6",
    "cp720": "DOS Arabic (cp720)",
    "cp1252": "windows-1252",
    "iso8859-1": "ISO-8859-1",
    "iso8859-15": "ISO-8859-15",
}

# Characters that make decoded text look like text: whitespace, ASCII printable, Latin-1 letters and
# typographic punctuation, Arabic block (letters, marks, digits, punctuation), Arabic presentation
# forms, general punctuation, zero-width and bidi controls.
_PLAUSIBLE_RE = re.compile(
    r"[\s!-~\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff\u2000-\u206f\u20ac\u2122]+"
)
_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u00ff\u0621-\u064a\u0671-\u06d3]")
_ACCENTED_RE = re.compile(r"[\u00c0-\u00ff]")
_ARTICLE_RE = re.compile(r"(?:^|[\s\u0648\u0641\u0628\u0643\u0644])\u0627\u0644")
PLAUSIBLE_SHARE = 0.95
MIN_LETTER_SHARE = 0.5
JSON_LETTER_SHARE = 0.25  # a JSON line carries quotes, braces and colons besides its text


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text. ``encoding`` is None for plain UTF-8, else the codec name to record in meta."""

    text: str
    encoding: str | None = None
    detected: bool = False


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    """Why bytes could not be turned into text (``code`` as in ``InputError.code``)."""

    code: str
    reason: str


def display_name(encoding: str) -> str:
    """A human name for a codec ("cp1256" → "windows-1256")."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return _DISPLAY.get(name, name)


def sniff_binary(head: bytes) -> str | None:
    """Name the binary file type whose magic number starts ``head``, or None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_ZIP_MAGIC):
        if b"word/" in head:
            return "Word document (DOCX)"
        if b"xl/" in head:
            return "Excel workbook (XLSX)"
        if b"opendocument" in head:
            return "OpenDocument file"
        return "ZIP archive"
    return None


def binary_reason(kind: str) -> str:
    """The InputError reason for a recognised binary type."""
    article = "an" if kind[:1].upper() in "AEIOU" else "a"
    return f"this is {article} {kind}, not text; extract its text first and pass the text file"


def bom_encoding(head: bytes) -> tuple[str, str] | None:
    """(codec, recorded name) for a buffer starting with a Unicode BOM, else None."""
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return codec, name
    return None


def control_share(sample: bytes) -> float:
    """Share of non-text control bytes in ``sample``."""
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _CTRL_BYTES))) / len(sample)


def text_control_share(text: str) -> float:
    """Share of non-text control characters in the first ``SNIFF_BYTES`` characters of ``text``."""
    sample = text[:SNIFF_BYTES]
    if not sample:
        return 0.0
    return len(_CTRL_RE.findall(sample)) / len(sample)


def is_plausible_text(text: str, min_letter_share: float = MIN_LETTER_SHARE) -> bool:
    """True if ``text`` (a sample) is mostly Arabic/Latin letters, digits, spaces and punctuation.

    ``min_letter_share`` is the least share of letters among non-space characters (lower for JSON).
    """
    sample = text[:SNIFF_BYTES]
    stripped = sample.strip()
    if not stripped:
        return False
    odd = len(_PLAUSIBLE_RE.sub("", sample))
    if odd > (1 - PLAUSIBLE_SHARE) * len(sample):
        return False
    if _CTRL_RE.search(sample):
        return False
    non_space = len(sample) - sum(sample.count(c) for c in " \t\r\n\f\v\u00a0")
    letters = len(_LETTER_RE.findall(sample))
    return letters > 0 and letters >= min_letter_share * non_space


def _article_score(text: str) -> float:
    """How Arabic-like a decoding is: definite articles per Arabic letter (breaks near-ties)."""
    sample = text[:SNIFF_BYTES]
    arabic = len(re.findall(r"[\u0621-\u064a]", sample))
    return len(_ARTICLE_RE.findall(sample)) / arabic if arabic else 0.0


def _utf8_error(data: bytes, err: UnicodeDecodeError) -> str:
    byte = data[err.start : err.start + 1].hex().upper()
    line = data.count(b"\n", 0, err.start) + 1
    return f"invalid byte 0x{byte} at byte offset {err.start}, line {line}"


def decode_explicit(data: bytes, encoding: str) -> Decoded | DecodeProblem:
    """Decode with a user-given encoding, strictly; a leading BOM character is dropped."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        return DecodeProblem("encoding", f"unknown encoding {encoding!r}; use a name such as utf-8 or cp1256")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        return DecodeProblem(
            "encoding",
            f"cannot decode as {encoding}: {_utf8_error(data, err)}; check the --encoding value",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return Decoded(text, None if codec == "utf-8" else codec)


def _candidates(sample: bytes) -> tuple[list[tuple[str, float]], list[str]]:
    """(accepted-kind candidates with chaos, all names the detector proposed), in detector order."""
    matches = from_bytes(sample)
    accepted: list[tuple[str, float]] = []
    named: list[str] = []
    for match in matches:
        named.append(match.encoding)
        if match.encoding in _ACCEPTED:
            accepted.append((match.encoding, float(match.chaos)))
    return accepted, named


def _latin_mojibake(text: str) -> bool:
    """True if a Western decoding is mostly accented letters (typical of Arabic bytes read as Latin)."""
    sample = text[:SNIFF_BYTES]
    accented = len(_ACCENTED_RE.findall(sample))
    return accented > 0.25 * max(len(_LETTER_RE.findall(sample)), 1)


def detect_and_decode(
    data: bytes, sample: bytes | None = None, min_letter_share: float = MIN_LETTER_SHARE
) -> Decoded | None:
    """Decode non-UTF-8 bytes with a detected encoding, or None if no detection is acceptable.

    Detection runs on ``sample`` (default: the start of ``data``); ``data`` itself must then decode
    strictly to plausible text.
    """
    accepted, _ = _candidates(data[:DETECT_BYTES] if sample is None else sample[:DETECT_BYTES])
    scored: list[tuple[float, float, int, str, str]] = []
    for order, (enc, chaos) in enumerate(accepted):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not is_plausible_text(text, min_letter_share):
            continue
        if enc in WESTERN_ENCODINGS and _latin_mojibake(text):
            continue
        scored.append((round(chaos, 3), -_article_score(text), order, enc, text))
    if not scored:
        return None
    _, _, _, enc, text = min(scored)
    return Decoded(text, codecs.lookup(enc).name, detected=True)


def likely_encodings(data: bytes) -> list[str]:
    """Names to suggest when detection failed: detector proposals that fit, then the Arabic defaults."""
    accepted, _ = _candidates(data[:DETECT_BYTES])
    accepted = [(enc, chaos) for enc, chaos in accepted if enc in ARABIC_ENCODINGS + WESTERN_ENCODINGS]
    names = [enc for enc, _ in accepted]
    for enc in ARABIC_ENCODINGS[:2]:
        if enc not in names:
            names.append(enc)
    return names


def _undecidable(data: bytes, err: UnicodeDecodeError) -> DecodeProblem:
    where = _utf8_error(data, err)
    if err.reason == "unexpected end of data" and err.end == len(data) and err.start >= len(data) - 3:
        return DecodeProblem(
            "encoding",
            f"UTF-8 text that ends in the middle of a character ({where}): the file looks truncated; "
            "re-download or repair it",
        )
    lenient = data[:DETECT_BYTES].decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if bad and bad <= max(2, len(lenient) // 1000) and not lenient.isascii():
        return DecodeProblem(
            "encoding",
            f"mostly UTF-8 but {where}: the file looks truncated or corrupted; "
            "repair it, or if it is not UTF-8 re-run with --encoding cp1256 (or the right encoding)",
        )
    names = likely_encodings(data)
    shown = " or ".join(f"{display_name(n)}" for n in names[:3])
    return DecodeProblem(
        "encoding",
        f"not UTF-8 ({where}) and the encoding could not be determined; likely {shown} — "
        f"re-run with --encoding {names[0]}",
    )


def decode_auto(data: bytes) -> Decoded | DecodeProblem:
    """Decode bytes: BOM, then strict UTF-8, then an accepted detection (see module docstring)."""
    head = data[:SNIFF_BYTES]
    bom = bom_encoding(head)
    if bom is not None:
        codec, name = bom
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as err:
            return DecodeProblem("encoding", f"starts with a {name} BOM but {_utf8_error(data, err)}")
        if text.startswith("\ufeff"):
            text = text[1:]
        return Decoded(text, name)
    if b"\x00" in data or control_share(head) > CONTROL_SHARE_LIMIT:
        guess = detect_and_decode(data) if b"\x00" in head else None
        if guess is not None and guess.encoding and guess.encoding.startswith("utf-"):
            return guess
        what = "NUL bytes" if b"\x00" in data else "many control characters"
        return DecodeProblem("binary", f"contains {what}: this looks like a binary file, not text")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        guess = detect_and_decode(data)
        if guess is not None:
            return guess
        return _undecidable(data, err)
