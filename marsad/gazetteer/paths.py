"""Where the gazetteer index and the user overlay live.

Default directory: ``$MARSAD_HOME/gazetteer`` when MARSAD_HOME is set, else
``$XDG_CACHE_HOME/marsad/gazetteer``, else ``~/.cache/marsad/gazetteer``. It holds ``index.sqlite``
(the compiled packaged gazetteer, rebuilt when stale), ``overlay.sqlite`` (the user's imports, never
rebuilt) and ``.build.lock``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

INDEX_FILE = "index.sqlite"
OVERLAY_FILE = "overlay.sqlite"
LOCK_FILE = ".build.lock"
_FILE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def default_dir() -> Path:
    """The default gazetteer directory (see module docstring)."""
    home = os.environ.get("MARSAD_HOME")
    if home:
        return Path(home).expanduser() / "gazetteer"
    cache = os.environ.get("XDG_CACHE_HOME")
    base = Path(cache).expanduser() if cache else Path.home() / ".cache"
    return base / "marsad" / "gazetteer"


@dataclass(frozen=True, slots=True)
class GazetteerPaths:
    """The files of one gazetteer: the index, the overlay next to it and the build lock."""

    index: Path
    overlay: Path
    lock: Path

    @classmethod
    def resolve(cls, path: str | Path | None = None) -> GazetteerPaths:
        """Paths for ``path``: None (default directory), a directory, or an index file (``*.sqlite``),
        whose overlay is ``overlay.sqlite`` in the same directory."""
        p = default_dir() if path is None else Path(path).expanduser()
        if p.suffix in _FILE_SUFFIXES or p.is_file():
            return cls(index=p, overlay=p.with_name(OVERLAY_FILE), lock=p.with_name(LOCK_FILE))
        return cls(index=p / INDEX_FILE, overlay=p / OVERLAY_FILE, lock=p / LOCK_FILE)
