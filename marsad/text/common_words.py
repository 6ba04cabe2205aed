"""The most frequent Arabic words, folded: a name candidate that is a frequent word ("قتلى",
"المكان") is not a place name unless a strong cue says so.

Built once from the installed ``wordfreq`` package into a small text file next to the gazetteer index
(``$MARSAD_HOME/common-words/``), so that run time does not pay for loading wordfreq.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Final

from marsad.gazetteer.paths import default_dir
from marsad.text.normalize import normalize_for_match

TOP_N: Final = 30_000


def _cache_file() -> Path:
    return default_dir().parent / "common-words" / f"ar-top{TOP_N}-wordfreq{version('wordfreq')}.txt"


@cache
def common_words() -> frozenset[str]:
    """Folded forms of the ``TOP_N`` most frequent Arabic words."""
    path = _cache_file()
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except OSError:
        pass
    import wordfreq

    words = sorted({normalize_for_match(w) for w in wordfreq.top_n_list("ar", TOP_N)} - {""})
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".words-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(words))
    os.replace(tmp, path)  # atomic: concurrent builders write the same content
    return frozenset(words)
