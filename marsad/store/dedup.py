"""Exact and near-duplicate detection.

Exact: ``content_hash(text)`` is the SHA-256 of the UTF-8 text; the store keeps it UNIQUE.

Near: a MinHash signature over word shingles of the match-normalized text (``normalize_for_match``:
hamza/alef, ى/ي, ة/ه, diacritics, tatweel, digits folded). Shingles are ``SHINGLE`` consecutive words;
a shingle's 32-bit hash combines the BLAKE2b hashes of its words with fixed odd multipliers (stable
across processes and runs, unlike ``hash()``, and vectorized with numpy); the ``NUM_PERM`` hash functions
are fixed affine maps modulo the Mersenne prime 2**61 - 1 whose coefficients derive from SHA-256 of a
constant label, so a signature computed today equals the one computed by any later run.

Locality-sensitive hashing: the signature is cut into ``BANDS`` bands of ``ROWS`` values; each band
hashes to a 64-bit key stored in an indexed table. Documents sharing a band key are candidates, and a
candidate is accepted only when the estimated Jaccard similarity of the full signatures is at least
``THRESHOLD`` (0.45). With 40 bands of 3 rows, a pair at Jaccard 0.45 shares a band with probability 0.98,
at 0.6 with 0.9999, a pair at 0.3 with 0.67 (then rejected by the check), a pair at 0.1 with 0.04.
Calibration: a 90-word report republished with another headline, a source line and one reworded
sentence scores about 0.6; a different report on the same village with the same stock phrases about 0.08.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from marsad.store.terms import TOKEN_RE
from marsad.text.normalize import normalize_for_match

SHINGLE = 3  # words per shingle
NUM_PERM = 120  # MinHash functions
BANDS = 40  # LSH bands
ROWS = NUM_PERM // BANDS  # values per band
THRESHOLD = 0.45  # estimated Jaccard similarity to join a cluster
MIN_WORDS = 8  # shorter texts are matched by exact hash only
MAX_CANDIDATES = 32  # candidates verified per new document (those sharing the most bands first)

_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT61 = np.uint64(61)


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the UTF-8 text: the identity of a document's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    seed = hashlib.sha256(b"marsad-minhash-v1").digest()
    a = np.empty(NUM_PERM, dtype=np.uint64)
    b = np.empty(NUM_PERM, dtype=np.uint64)
    for i in range(NUM_PERM):
        digest = hashlib.sha256(seed + i.to_bytes(4, "big")).digest()
        # a in [1, 2**31), b in [0, 2**31): a * x + b stays below 2**63 for 32-bit x
        a[i] = (int.from_bytes(digest[:8], "big") % ((1 << 31) - 1)) + 1
        b[i] = int.from_bytes(digest[8:16], "big") % (1 << 31)
    return a, b


_A, _B = _coefficients()


def _words(text: str) -> list[str]:
    return TOKEN_RE.findall(normalize_for_match(text))


def shingles(text: str) -> list[str]:
    """Word shingles of the match-normalized text (empty when it has fewer than MIN_WORDS words)."""
    words = _words(text)
    if len(words) < MIN_WORDS:
        return []
    return [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


@lru_cache(maxsize=262144)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "little")


# Shingle hash: the word hashes combined with odd multipliers, modulo 2**32 (vectorized).
_MIX = (np.uint64(0x9E3779B1), np.uint64(0x85EBCA77), np.uint64(1))


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (``NUM_PERM`` uint32 values), or None for texts too short to compare."""
    return signature_of_words(_words(text))


def signature_of_words(words: list[str]) -> np.ndarray | None:
    """``signature`` from the match-normalized words of a text (``terms.view_words`` gives the same)."""
    if len(words) < MIN_WORDS:
        return None
    h = np.array(list(map(_word_hash, words)), dtype=np.uint64)
    n = len(words) - SHINGLE + 1
    mixed = h[:n] * _MIX[0]
    for k in range(1, SHINGLE):
        mixed += h[k : k + n] * _MIX[k]  # wraps modulo 2**64; the mask keeps the low 32 bits
    grams = np.unique(mixed & _MASK32)
    # one column per hash function: (a * x + b) mod 2**61 - 1, in place (the arrays are large)
    values = np.multiply.outer(grams, _A)
    values += _B
    _mod_prime(values)
    values &= _MASK32
    return values.min(axis=0).astype(np.uint32)


def _mod_prime(values: np.ndarray) -> None:
    """``values %= 2**61 - 1`` in place for values below 2**63, without a division: x mod (2**61 - 1)
    is (x & (2**61 - 1)) + (x >> 61), less 2**61 - 1 once when that reaches it."""
    high = values >> _SHIFT61
    values &= _PRIME
    values += high
    np.subtract(values, _PRIME, out=values, where=values >= _PRIME)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (band number included, so bands never collide with each other)."""
    keys: list[int] = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(band.to_bytes(2, "big") + chunk.tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def to_bytes(sig: np.ndarray) -> bytes:
    """Serialized signature (little-endian uint32)."""
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))
